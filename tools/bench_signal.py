#!/usr/bin/env python3
"""Peer figures for SignalBench: scipy.signal.convolve(method='auto'), oaconvolve and fftconvolve
and method='direct' on the issue's grid (1-D 1e6 x 16/256/4096 taps, 2-D 512^2 x 3^2/9^2/31^2, mode 'full', float32 and
float64). SciPy is single-threaded. Same inputs as SignalBench (uniform [-1, 1), fixed seeds; the
values differ but the work does not). Prints one line per point and method: median and min ms over
15 runs after 3 warm-up runs, and `uptime`'s load.

    nice -n -15 python3 tools/bench_signal.py
"""
import os
import statistics
import time

import numpy as np
from scipy import signal

POINTS = [('1d_16', (10**6,), (16,)), ('1d_256', (10**6,), (256,)), ('1d_4096', (10**6,), (4096,)),
          ('2d_3', (512, 512), (3, 3)), ('2d_9', (512, 512), (9, 9)), ('2d_31', (512, 512), (31, 31))]
METHODS = {'auto': lambda x, h: signal.convolve(x, h, 'full', method='auto'),
           'oaconvolve': lambda x, h: signal.oaconvolve(x, h, 'full'),
           'fftconvolve': lambda x, h: signal.fftconvolve(x, h, 'full'),
           'direct': lambda x, h: signal.convolve(x, h, 'full', method='direct')}

print(f'# load {os.getloadavg()[0]:.2f}')
for dtype in ('float32', 'float64'):
    for name, s1, s2 in POINTS:
        rng = np.random.default_rng(1)
        x = rng.uniform(-1, 1, s1).astype(dtype)
        h = np.random.default_rng(2).uniform(-1, 1, s2).astype(dtype)
        for mname, f in METHODS.items():
            if mname == 'direct' and x.size * h.size > 1e8:
                # 1-D x 4096 and 2-D 31x31: seconds per call, > 100x SciPy's FFT methods; left out.
                continue
            t = time.perf_counter()
            f(x, h)
            first = time.perf_counter() - t
            # Slow points (direct on long kernels: seconds per call) get 3 timed runs, not 15.
            slow = first > 0.3
            for _ in range(0 if slow else 2):
                f(x, h)
            ts = []
            for _ in range(3 if slow else 15):
                t = time.perf_counter()
                f(x, h)
                ts.append(time.perf_counter() - t)
            print(f'{name}\t{dtype}\t{mname}\t{statistics.median(ts) * 1e3:.3f}\t{min(ts) * 1e3:.3f}', flush=True)
print(f'# load {os.getloadavg()[0]:.2f}')
