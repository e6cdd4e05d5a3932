#!/usr/bin/env python3
"""Writes a tiny MNIST-format fixture: synthetic seven-segment digits, not MNIST images.

conv4j-core/src/test/resources/fixtures/mnist-tiny/ gets the four gzipped IDX files
(train: 120 images, t10k: 30 images, 28x28 unsigned bytes, labels 0-9 cycling). Each digit is
drawn as its seven-segment strokes with a random stroke width, a random shift of up to 3 pixels,
a little blur and noise, so a small network can learn them. Deterministic (NumPy RandomState(5),
gzip mtime 0): re-running gives byte-identical files.

Usage: python3 tools/gen_nn_mnist_tiny.py
"""
import gzip
import os
import struct

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "conv4j-core", "src", "test", "resources", "fixtures", "mnist-tiny")

# Segments a..g as (row0, col0, row1, col1) boxes on a 20x12 canvas placed at (4, 8).
SEGMENTS = {
    "a": (0, 1, 2, 11), "b": (1, 10, 10, 12), "c": (10, 10, 19, 12), "d": (18, 1, 20, 11),
    "e": (10, 0, 19, 2), "f": (1, 0, 10, 2), "g": (9, 1, 11, 11),
}
DIGITS = ["abcdef", "bc", "abged", "abgcd", "fgbc", "afgcd", "afgedc", "abc", "abcdefg", "abcdfg"]


def digit(d, rng):
    img = np.zeros((28, 28))
    dy, dx = rng.randint(-3, 4, size=2)
    widen = rng.randint(0, 2)
    for s in DIGITS[d]:
        r0, c0, r1, c1 = SEGMENTS[s]
        r0, r1 = 4 + dy + r0 - widen, 4 + dy + r1 + widen
        c0, c1 = 8 + dx + c0 - widen, 8 + dx + c1 + widen
        img[max(r0, 0):max(r1, 0), max(c0, 0):max(c1, 0)] = 1.0
    # 3x3 box blur and noise, like a scanned pen stroke.
    p = np.pad(img, 1)
    img = sum(p[i:i + 28, j:j + 28] for i in range(3) for j in range(3)) / 9
    img = np.clip(img + rng.normal(0, 0.05, img.shape), 0, 1)
    return np.round(img * 255).astype(np.uint8)


def write_idx(path, arr, magic):
    header = struct.pack(">I", magic) + b"".join(struct.pack(">I", n) for n in arr.shape)
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename=os.path.basename(path)[:-3], mode="wb", fileobj=raw, mtime=0) as f:
            f.write(header + arr.tobytes())


def main():
    rng = np.random.RandomState(5)
    os.makedirs(OUT, exist_ok=True)
    for name, count in (("train", 120), ("t10k", 30)):
        labels = np.arange(count, dtype=np.uint8) % 10
        images = np.stack([digit(int(d), rng) for d in labels])
        write_idx(os.path.join(OUT, f"{name}-images-idx3-ubyte.gz"), images, 0x803)
        write_idx(os.path.join(OUT, f"{name}-labels-idx1-ubyte.gz"), labels, 0x801)
    with open(os.path.join(OUT, "README.md"), "w") as f:
        f.write("# mnist-tiny\n\nSynthetic seven-segment digits in the MNIST IDX format (120 train, 30 test),\n"
                "written by `tools/gen_nn_mnist_tiny.py`. Not MNIST data; no third-party rights.\n")


if __name__ == "__main__":
    main()
