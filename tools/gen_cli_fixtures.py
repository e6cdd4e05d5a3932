#!/usr/bin/env python3
"""Writes the NumPy-made .npy fixtures of the conv4j-cli tests.

Output: conv4j-cli/src/test/resources/org/conv4j/cli/fixtures/. Run from anywhere:
    python3 tools/gen_cli_fixtures.py
The expected `conv4j info` lines are asserted in InfoCommandTest; the values are chosen so that
min/max/mean are exact or have an obvious float32 rounding.
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "conv4j-cli", "src", "test",
                   "resources", "org", "conv4j", "cli", "fixtures")


def main():
    os.makedirs(OUT, exist_ok=True)
    fixtures = {
        # min -1.5, max 4.0, mean 8.75 / 6 = 1.4583334 in float32
        "f32_2x3.npy": np.array([[-1.5, 0.0, 1.0], [2.0, 3.25, 4.0]], dtype=np.float32),
        # over the non-NaN values: min 1.0, max 5.0, mean 3.0; 2 NaNs
        "f64_nan.npy": np.array([1.0, np.nan, 3.0, np.nan, 5.0], dtype=np.float64),
        # stored int16, read as float64: min -4.0, max 3.0, mean 0.5
        "i16_2x2.npy": np.array([[1, 2], [3, -4]], dtype=np.int16),
        # empty: shape (0, 3), size 0
        "empty_0x3.npy": np.zeros((0, 3), dtype=np.float64),
        # stored bool, read as float64: min 0.0, max 1.0, mean 0.6666667 (2/3)
        "bool_3.npy": np.array([True, False, True]),
    }
    for name, arr in fixtures.items():
        np.save(os.path.join(OUT, name), arr)
        print(name, arr.dtype, arr.shape)
    # big-endian float64 in a version 2.0 header: same values as a little-endian file
    be = np.array([[0.5, -2.0], [1e-5, 3.0]], dtype=">f8")
    with open(os.path.join(OUT, "be_f8_v2.npy"), "wb") as f:
        np.lib.format.write_array(f, be, version=(2, 0))
    print("be_f8_v2.npy", be.dtype, be.shape)


if __name__ == "__main__":
    main()
