#!/usr/bin/env python3
"""Peers of conv4j-bench MatchBench, medians of repeated runs in one process.

    python3 tools/bench_match.py scipy          # SciPy decomposition + ndimage.generic_filter
    /usr/bin/python3 tools/bench_match.py cv    # OpenCV matchTemplate (Debian python3-opencv)
    python3 tools/bench_match.py scipy --cpu    # one thread, CPU time (time.thread_time)
    /usr/bin/python3 tools/bench_match.py cv --cpu

Workloads: seed 000 (SPEC §8.1: 500x500 closed-form Z, X0 = Z[123:133, 321:331], MSD) and
2048x2048 float32 uniform random with a 31x31 template (TM_SQDIFF, TM_CCOEFF_NORMED).
"""
import sys
import time

import numpy as np


CLOCK = time.perf_counter


def median_time(f, reps, warm=2):
    for _ in range(warm):
        f()
    ts = []
    for _ in range(reps):
        t0 = CLOCK()
        f()
        ts.append(CLOCK() - t0)
    return 1000 * float(np.median(ts))


def seed():
    i, j = np.mgrid[0:500, 0:500]
    z = ((3 * i * i + 5 * j * j + 7 * i * j + 11 * i + 13 * j) % 1009).astype(np.float64)
    return z, z[123:133, 321:331].copy()


def big():
    rng = np.random.default_rng(1)
    b = rng.random((2048, 2048), dtype=np.float32)
    return b, b[1000:1031, 700:731].copy()


def scipy_peers():
    from scipy import ndimage, signal
    z, x0 = seed()
    m = 10

    def decomposition(z, x0):
        # The best SciPy route: box sums by uniform_filter, correlation by FFT (scipy.signal.correlate auto).
        s2 = ndimage.uniform_filter(z * z, m, mode="constant", origin=-(m // 2))[:491, :491] * (m * m)
        c = signal.correlate(z, x0, "valid")
        return (s2 - 2 * c + (x0 * x0).sum()) / (m * m)

    for dt in (np.float32, np.float64):
        zz, xx = z.astype(dt), x0.astype(dt)
        ms = median_time(lambda: decomposition(zz, xx), 15)
        print(f"scipy decomposition seed MSD {np.dtype(dt).name}: {ms:.2f} ms")
    xf = x0.ravel()
    ms = median_time(lambda: ndimage.generic_filter(z, lambda v: np.mean((v - xf) ** 2), size=10, mode="constant",
                                                    origin=-5), 3, warm=1)
    print(f"scipy generic_filter seed MSD float64: {ms:.1f} ms")


def cv_peers():
    import cv2
    if CLOCK is time.thread_time:
        cv2.setNumThreads(1)
    z, x0 = seed()
    z32, x32 = z.astype(np.float32), x0.astype(np.float32)
    ms = median_time(lambda: cv2.matchTemplate(z32, x32, cv2.TM_SQDIFF) / 100.0, 30)
    print(f"opencv {cv2.__version__} TM_SQDIFF seed float32 (threads {cv2.getNumThreads()}): {ms:.2f} ms")
    b, t = big()
    ms = median_time(lambda: cv2.matchTemplate(b, t, cv2.TM_SQDIFF), 10)
    print(f"opencv TM_SQDIFF 2048^2 31x31 float32: {ms:.1f} ms")
    ms = median_time(lambda: cv2.matchTemplate(b, t, cv2.TM_CCOEFF_NORMED), 10)
    print(f"opencv TM_CCOEFF_NORMED 2048^2 31x31 float32: {ms:.1f} ms")


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else "scipy"
    if "--cpu" in sys.argv:
        CLOCK = time.thread_time
        print("(one thread, CPU time)")
    (cv_peers if which == "cv" else scipy_peers)()
