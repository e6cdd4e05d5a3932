#!/usr/bin/env python3
"""Oracle fixtures for org.conv4j.signal (SPEC §0, §1.2, §2, §8.2), from SciPy itself.

Writes conv4j-core/src/test/resources/fixtures/signal/{cases.tsv,signal.npz}:

* cases.tsv: one line per case, ``name<TAB>op<TAB>dtype<TAB>params``; params are space-separated
  ``key=value`` pairs: ``mode=full|same|valid``, ``boundary=fill|wrap|symm`` (SciPy's spelling,
  aliases included), ``fillvalue=1.5``, ``axes=0,2``, ``n1=5 n2=3`` (correlation_lags).
* signal.npz (compressed): arrays ``<case>__in1``, ``<case>__in2``, ``<case>__out``.

Ops: convolve, correlate (method='direct' and 'fft' are asserted equal here, so one expected
value serves every Java method), fftconvolve, oaconvolve (with axes), convolve2d, correlate2d,
correlation_lags, plus the spec's worked example (§0) and the seed-001 examples (§8.2), which are
also asserted against the numbers printed in the spec. Odd and even kernels, in2 larger than in1,
1-, 2- and 3-D, both dtypes. Inputs are multiples of 1/8 in [-1, 1], so float32 inputs are exact;
float32 expected values are SciPy's float32 results. Deterministic; run from the repo root:

    python3 tools/gen_signal_fixtures.py
"""
import os

import numpy as np
from scipy import signal

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'conv4j-core', 'src', 'test', 'resources',
                   'fixtures', 'signal')
rng = np.random.default_rng(20250601)
arrays = {}
lines = []
MODES = ('full', 'same', 'valid')


def rand(shape):
    return rng.integers(-8, 9, size=shape).astype(np.float64) / 8


def valid_ok(s1, s2, axes=None):
    axes = range(len(s1)) if axes is None else axes
    return all(s1[a] >= s2[a] for a in axes) or all(s2[a] >= s1[a] for a in axes)


inputs = {}


def add(name, op, dtype, params, in1, in2, out):
    assert name + '__out' not in arrays, name
    dt = np.float32 if dtype == 'float32' else np.float64
    if in1 is not None:
        # Inputs are stored once and shared by every case that uses them (param in=<key>).
        a1 = np.asarray(in1, dtype=dt)
        a2 = np.asarray(in2, dtype=dt)
        key = (a1.tobytes(), a1.shape, a2.tobytes(), a2.shape, dtype)
        if key not in inputs:
            inputs[key] = f'i{len(inputs)}'
            arrays[inputs[key] + '__in1'] = a1
            arrays[inputs[key] + '__in2'] = a2
        params = dict(params, **{'in': inputs[key]})
    arrays[name + '__out'] = np.asarray(out)
    lines.append('\t'.join([name, op, dtype, ' '.join(f'{k}={v}' for k, v in params.items())]))


def both(a, b, mode, correlate):
    f = signal.correlate if correlate else signal.convolve
    d = f(a, b, mode, method='direct')
    g = f(a, b, mode, method='fft')
    assert d.shape == g.shape and np.allclose(d, g, rtol=1e-5, atol=1e-5), (a.shape, b.shape, mode)
    return d


# convolve / correlate: 1-, 2-, 3-D, odd and even kernels, in2 larger.
SHAPES = [((10,), (3,)), ((10,), (4,)), ((9,), (1,)), ((5,), (8,)), ((6,), (6,)), ((7,), (2,)),
          ((6, 7), (3, 2)), ((5, 6), (4, 4)), ((4, 5), (6, 7)), ((8, 9), (3, 3)), ((2, 9), (1, 4)),
          ((5, 4, 6), (2, 3, 3)), ((3, 4, 3), (4, 5, 4)), ((4, 3, 5), (3, 1, 2))]
for i, (s1, s2) in enumerate(SHAPES):
    a64 = rand(s1)
    b64 = rand(s2)
    for dtype in ('float64', 'float32'):
        dt = np.float32 if dtype == 'float32' else np.float64
        a, b = a64.astype(dt), b64.astype(dt)
        for mode in MODES:
            if mode == 'valid' and not valid_ok(s1, s2):
                continue
            for op in ('convolve', 'correlate'):
                out = both(a, b, mode, op == 'correlate')
                assert out.dtype == dt
                add(f'{op}_{i}_{mode}_{dtype[-2:]}', op, dtype, {'mode': mode}, a, b, out)

# fftconvolve / oaconvolve with axes (broadcast rules of §2.3).
AXES = [((4, 10), (4, 3), [1]), ((1, 10), (5, 3), [1]), ((3, 1, 8), (1, 4, 3), [2]), ((3, 9, 5), (3, 4, 2), [1, 2]),
        ((1, 12), (5, 3), None), ((6, 5), (1, 4), [0, 1]), ((2, 7, 3), (2, 3, 3), [1]), ((20, 3), (5, 3), [0]),
        ((64,), (7,), None), ((40, 33), (5, 4), None)]
for i, (s1, s2, axes) in enumerate(AXES):
    a64 = rand(s1)
    b64 = rand(s2)
    for dtype in ('float64', 'float32'):
        dt = np.float32 if dtype == 'float32' else np.float64
        a, b = a64.astype(dt), b64.astype(dt)
        for mode in MODES:
            eff = [x for x in (axes if axes is not None else range(len(s1))) if s1[x] != 1 and s2[x] != 1]
            if mode == 'valid' and not valid_ok(s1, s2, eff):
                continue
            f = signal.fftconvolve(a, b, mode, axes=axes)
            o = signal.oaconvolve(a, b, mode, axes=axes)
            assert f.shape == o.shape and np.allclose(f, o, atol=1e-5), (s1, s2, axes, mode)
            assert f.dtype == dt
            params = {'mode': mode}
            if axes is not None:
                params['axes'] = ','.join(map(str, axes))
            add(f'fftconvolve_{i}_{mode}_{dtype[-2:]}', 'fftconvolve', dtype, params, a, b, f)
            add(f'oaconvolve_{i}_{mode}_{dtype[-2:]}', 'oaconvolve', dtype, params, a, b, o)

# convolve2d / correlate2d: every mode x boundary (with aliases) x fill value.
SHAPES2 = [((5, 6), (3, 3)), ((5, 6), (2, 4)), ((4, 4), (3, 2)), ((5, 6), (1, 4)), ((3, 4), (5, 6)), ((2, 3), (4, 7)),
           ((7, 5), (4, 4))]
BOUNDS = [('fill', 0.0), ('fill', 1.5), ('pad', -2.0), ('wrap', 0.0), ('circular', 0.0), ('symm', 0.0),
          ('symmetric', 0.0)]
for i, (s1, s2) in enumerate(SHAPES2):
    a64 = rand(s1)
    b64 = rand(s2)
    for dtype in ('float64', 'float32'):
        dt = np.float32 if dtype == 'float32' else np.float64
        a, b = a64.astype(dt), b64.astype(dt)
        for mode in MODES:
            if mode == 'valid' and not valid_ok(s1, s2):
                continue
            for bnd, fv in BOUNDS:
                if mode == 'valid' and (bnd, fv) not in (('fill', 0.0), ('wrap', 0.0)):
                    continue
                for op in ('convolve2d', 'correlate2d'):
                    f = getattr(signal, op)
                    out = f(a, b, mode, boundary=bnd, fillvalue=fv)
                    assert out.dtype == dt
                    add(f'{op}_{i}_{mode}_{bnd}{str(fv).replace("-", "m").replace(".", "p")}_{dtype[-2:]}', op, dtype,
                        {'mode': mode, 'boundary': bnd, 'fillvalue': fv}, a, b, out)

# correlation_lags table.
for n1, n2 in [(5, 3), (4, 4), (3, 5), (1, 1), (6, 2), (2, 7), (10, 4), (9, 9), (1, 6)]:
    for mode in MODES:
        lags = signal.correlation_lags(n1, n2, mode)
        add(f'lags_{n1}_{n2}_{mode}', 'correlation_lags', 'float64', {'mode': mode, 'n1': n1, 'n2': n2}, None, None,
            lags.astype(np.float64))

# SPEC §0 worked example, asserted against the spec's table.
x = np.array([1, 2, 3, 4, 5], dtype=np.float64)
w = np.array([1, 0, -1, 2], dtype=np.float64)
SPEC0 = {('convolve', 'full'): [1, 2, 2, 4, 6, 2, 3, 10], ('convolve', 'same'): [2, 2, 4, 6, 2],
         ('convolve', 'valid'): [4, 6], ('correlate', 'full'): [2, 3, 4, 6, 8, -2, 4, 5],
         ('correlate', 'same'): [3, 4, 6, 8, -2], ('correlate', 'valid'): [6, 8]}
for (op, mode), want in SPEC0.items():
    got = getattr(signal, op)(x, w, mode)
    assert np.array_equal(got, want), (op, mode, got)
    add(f'spec0_{op}_{mode}', op, 'float64', {'mode': mode}, x, w, got)
for op, want in (('correlate2d', [4, 6, 8, -2, 4]), ('convolve2d', [2, 2, 4, 6, 2])):
    got = getattr(signal, op)(x[None], w[None], 'same')
    assert np.array_equal(got[0], want), (op, got)
    add(f'spec0_{op}_same', op, 'float64', {'mode': 'same', 'boundary': 'fill', 'fillvalue': 0.0}, x[None], w[None],
        got)

# SPEC §8.2 seed 001: Toeplitz example and the batched per-example kernels.
xs = np.array([0, 0, 1, 0, 0, 2, 0, 0, 0], dtype=np.float64)
hs = np.array([0, 1, 2, 0], dtype=np.float64)
for mode, want in (('same', [0, 0, 1, 2, 0, 2, 4, 0, 0]), ('full', [0, 0, 0, 1, 2, 0, 2, 4, 0, 0, 0, 0]),
                   ('valid', [1, 2, 0, 2, 4, 0])):
    got = signal.convolve(xs, hs, mode)
    assert np.array_equal(got, want)
    add(f'seed001_{mode}', 'convolve', 'float64', {'mode': mode}, xs, hs, got)
b_, t_ = np.meshgrid(np.arange(10), np.arange(9), indexing='ij')
X = (((3 * b_ + 5 * t_) % 7) - 3).astype(np.float64)
b_, k_ = np.meshgrid(np.arange(10), np.arange(4), indexing='ij')
H = (((b_ + 2 * k_) % 5) - 2).astype(np.float64)
Y = np.stack([signal.convolve(X[b], H[b], 'same') for b in range(10)])
assert np.array_equal(Y[0], [-4, -6, 11, -8, -6, 10, 5, -7, -5]) and np.array_equal(Y[9], [-1, 0, -10, 4, -3, 4, 4, -3, 6])
assert np.array_equal(Y, signal.fftconvolve(X, H, 'same', axes=[1]).round())
for dtype in ('float64', 'float32'):
    for mode in MODES:
        for op in ('convolve', 'correlate'):
            f = signal.convolve if op == 'convolve' else signal.correlate
            dt = np.float32 if dtype == 'float32' else np.float64
            Yb = np.stack([f(X[b].astype(dt), H[b].astype(dt), mode) for b in range(10)])
            add(f'seed001_batched_{op}_{mode}_{dtype[-2:]}', op + '_batched', dtype, {'mode': mode}, X, H, Yb)
# A batched 2-D case (B, h, w) with one kernel each.
XB = rand((3, 6, 5))
HB = rand((3, 3, 2))
for mode in MODES:
    Yb = np.stack([signal.convolve(XB[b], HB[b], mode) for b in range(3)])
    add(f'batched2d_convolve_{mode}_64', 'convolve_batched', 'float64', {'mode': mode}, XB, HB, Yb)

os.makedirs(OUT, exist_ok=True)
np.savez_compressed(os.path.join(OUT, 'signal.npz'), **arrays)
with open(os.path.join(OUT, 'cases.tsv'), 'w') as fh:
    fh.write('# name\top\tdtype\tparams  (generated by tools/gen_signal_fixtures.py; do not edit)\n')
    fh.write('\n'.join(lines) + '\n')
print(f'{len(lines)} cases, {os.path.getsize(os.path.join(OUT, "signal.npz"))} bytes')
