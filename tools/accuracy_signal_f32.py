#!/usr/bin/env python3
"""The float32 error of scipy.signal's methods on the benchmark grid: max |SciPy float32 - float64
reference| / max |reference|, the reference being the float64 convolution of the same
float32-rounded inputs (conv4j's side: org.conv4j.signal.AccuracyF32, test classes).

    python3 tools/accuracy_signal_f32.py
"""
import numpy as np
from scipy import signal

POINTS = [('1d_16', (10**6,), (16,)), ('1d_256', (10**6,), (256,)), ('1d_4096', (10**6,), (4096,)),
          ('2d_3', (512, 512), (3, 3)), ('2d_9', (512, 512), (9, 9)), ('2d_31', (512, 512), (31, 31))]
for name, s1, s2 in POINTS:
    x = np.random.default_rng(1).uniform(-1, 1, s1).astype('float32')
    h = np.random.default_rng(2).uniform(-1, 1, s2).astype('float32')
    ref = signal.fftconvolve(x.astype('float64'), h.astype('float64'), 'full')
    scale = np.abs(ref).max()
    row = [name]
    for m, f in (('auto', lambda: signal.convolve(x, h, 'full', method='auto')),
                 ('fft', lambda: signal.fftconvolve(x, h, 'full')),
                 ('oa', lambda: signal.oaconvolve(x, h, 'full')),
                 ('direct', lambda: signal.convolve(x, h, 'full', method='direct'))):
        if m == 'direct' and x.size * h.size > 1e8:
            continue
        row.append(f'{m}={np.abs(f().astype("float64") - ref).max() / scale:.2e}')
    print(' '.join(row), flush=True)
