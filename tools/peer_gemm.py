#!/usr/bin/env python3
"""Peer figures for GemmBench: NumPy/OpenBLAS SGEMM/DGEMM on n x n matrices.

Run in the same session as the JMH benchmark, with the same thread count, e.g.
    OPENBLAS_NUM_THREADS=1 python3 tools/peer_gemm.py
Prints median time (ms) and GFLOP/s over 15 repetitions after warm-up.
"""
import statistics
import time

import numpy as np

for dtype in (np.float32, np.float64):
    for n in (256, 512, 1024, 2048):
        rng = np.random.default_rng(42)
        a = rng.random((n, n)).astype(dtype)
        b = rng.random((n, n)).astype(dtype)
        for _ in range(3):
            a @ b
        ts = []
        for _ in range(15):
            t = time.perf_counter()
            a @ b
            ts.append(time.perf_counter() - t)
        med = statistics.median(ts)
        print(f"{np.dtype(dtype).name} n={n}: {med * 1e3:.3f} ms  {2 * n**3 / med / 1e9:.1f} GFLOP/s")
