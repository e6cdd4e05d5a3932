#!/usr/bin/env python3
"""Peer figures for GemmBench: NumPy/OpenBLAS SGEMM and DGEMM on n x n matrices.

Run in the same session as the JMH benchmark, with the same thread count:
    python3 tools/peer_gemm.py --threads 2 [--sizes 256,512,1024,2048] [--reps 15]
The thread count is fixed through OPENBLAS_NUM_THREADS/OMP_NUM_THREADS before NumPy loads.
Prints one JSON object per line: {"bench": "sgemm/1024", "threads": 2, "ms": median, "gflops": ...,
"mean_ms": mean, "gflops_mean": ...} (JMH's average-time mode reports a mean).
"""
import argparse
import json
import os
import statistics
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--sizes", default="256,512,1024,2048")
ap.add_argument("--reps", type=int, default=15)
ap.add_argument("--cpu", action="store_true", help="time with time.thread_time (use with --threads 1)")
args = ap.parse_args()
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(args.threads)

import numpy as np  # noqa: E402  (after the thread variables)

for name, dtype in (("sgemm", np.float32), ("dgemm", np.float64)):
    for n in (int(s) for s in args.sizes.split(",")):
        rng = np.random.default_rng(42)
        a = rng.random((n, n)).astype(dtype)
        b = rng.random((n, n)).astype(dtype)
        c = np.empty((n, n), dtype)
        for _ in range(3):
            np.matmul(a, b, out=c)
        reps = args.reps if n <= 1024 else max(5, args.reps // 3)
        clock = time.thread_time if args.cpu else time.perf_counter
        ts = []
        for _ in range(reps):
            t = clock()
            np.matmul(a, b, out=c)
            ts.append(clock() - t)
        med = statistics.median(ts)
        mean = statistics.fmean(ts)
        # "ms" (the median) is what tools/bench_all.sh compares; the mean is what JMH's average-time
        # mode reports for conv4j, so it is printed too, for like-for-like ratios on a noisy host.
        key = "cpu_ms" if args.cpu else "ms"
        print(json.dumps({"peer": "numpy " + np.__version__, "bench": f"{name}/{n}", "threads": args.threads,
                          key: med * 1e3, "gflops": 2 * n ** 3 / med / 1e9,
                          "mean_" + key: mean * 1e3, "gflops_mean": 2 * n ** 3 / mean / 1e9}))
        sys.stdout.flush()
