#!/usr/bin/env python3
"""Oracle fixtures for the conv4j convolution family (SPEC §5.1-5.4, §6.1).

Writes conv4j-core/src/test/resources/fixtures/conv/{cases.tsv,conv.npz}:

* cases.tsv: one line per case, ``name<TAB>op<TAB>dtype<TAB>params``; params are
  space-separated ``key=value`` pairs in the CLI spelling (``stride=2,1 padding=1:2,0:1
  dilation=1,2 groups=2 mode=reflect flip=1 bias=1 output_padding=1 kernel=3,3 n=9
  matrix_mode=same``).
* conv.npz (compressed): arrays named ``<case>__<role>`` with roles x, w, b, y, dy, dx, dw, db
  (conv, conv_transpose, per_example), x, y (unfold, fold) and h, y (convolution_matrix).

PyTorch and Theano are not installed, so their rules are written here as plain NumPy reference
implementations (tap-by-tap sums and scatters over np.pad-ed inputs) and cross-checked, with
asserts, against SciPy where the two overlap (SPEC §5.6): every zero-padded forward case equals
sum_c scipy.signal.correlate (convolve when flipped) of the zero-stuffed kernel, subsampled by
the stride; every transposed convolution satisfies the adjoint identity with the convolution;
every gradient passes a float64 central finite-difference check; convolution matrices come from
scipy.linalg.convolution_matrix and are checked against scipy.signal.convolve. The seed problems
(SPEC §8.2-8.5) are asserted against the numbers printed in the spec.

Inputs are multiples of 1/8 in [-1, 1], so float32 inputs are exact and the float32 expected
values are the float64 results rounded once. Deterministic (fixed seeds); run from the repo root:

    python3 tools/gen_conv_fixtures.py
"""
import itertools
import os
import sys

import numpy as np
from scipy import linalg, signal

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'conv4j-core', 'src', 'test', 'resources',
                   'fixtures', 'conv')
NP_MODE = {'zeros': 'constant', 'reflect': 'reflect', 'replicate': 'edge', 'circular': 'wrap'}
rng = np.random.default_rng(20240601)
arrays = {}
lines = []


def vals(*shape):
    return rng.integers(-8, 9, size=shape).astype(np.float64) / 8


# ---------------------------------------------------------------------------------------------
# Reference implementations (float64)

def resolve_padding(kind, lo, hi, k, d):
    span = [d[a] * (k[a] - 1) for a in range(len(k))]
    if kind == 'explicit':
        return list(lo), list(hi)
    if kind == 'valid':
        return [0] * len(k), [0] * len(k)
    if kind == 'same':
        return [s // 2 for s in span], [s - s // 2 for s in span]
    if kind == 'full':
        return span, span
    if kind == 'half':
        return [(s + 1) // 2 for s in span], [(s + 1) // 2 for s in span]
    raise ValueError(kind)


def spatial_flip(w):
    D = w.ndim - 2
    return w[(slice(None), slice(None)) + (slice(None, None, -1),) * D]


def conv_ref(x, w, b, stride, lo, hi, dil, groups, mode, flip):
    """y[n,o,i] = b[o] + sum_{c,j} w'[o,c,j] * pad(x)[n, g(o)*cg + c, i*s + j*d]."""
    D = x.ndim - 2
    if flip:
        w = spatial_flip(w)
    xp = np.pad(x, [(0, 0), (0, 0)] + list(zip(lo, hi)), mode=NP_MODE[mode])
    N, C = x.shape[:2]
    OC = w.shape[0]
    cg, ocg = C // groups, OC // groups
    k = w.shape[2:]
    out = [(xp.shape[2 + a] - dil[a] * (k[a] - 1) - 1) // stride[a] + 1 for a in range(D)]
    y = np.zeros((N, OC) + tuple(out))
    for g in range(groups):
        xg = xp[:, g * cg:(g + 1) * cg]
        wg = w[g * ocg:(g + 1) * ocg]
        for tap in np.ndindex(*k):
            sl = tuple(slice(tap[a] * dil[a], tap[a] * dil[a] + stride[a] * (out[a] - 1) + 1, stride[a]) for a in range(D))
            y[:, g * ocg:(g + 1) * ocg] += np.einsum('oc,nc...->no...', wg[(slice(None), slice(None)) + tap],
                                                     xg[(slice(None), slice(None)) + sl])
    if b is not None:
        y += b.reshape((1, -1) + (1,) * D)
    return y


def conv_scipy(x, w, stride, lo, hi, dil, groups, flip):
    """SPEC §5.6: sum_c signal.correlate(x, zero-stuffed w, 'valid')[::s] (convolve when flipped)."""
    D = x.ndim - 2
    xp = np.pad(x, [(0, 0), (0, 0)] + list(zip(lo, hi)))
    N, C = x.shape[:2]
    OC = w.shape[0]
    cg, ocg = C // groups, OC // groups
    k = w.shape[2:]
    ks = tuple(dil[a] * (k[a] - 1) + 1 for a in range(D))
    ys = []
    for n in range(N):
        per_o = []
        for o in range(OC):
            g = o // ocg
            acc = 0
            for c in range(cg):
                wz = np.zeros(ks)
                wz[tuple(slice(None, None, dil[a]) for a in range(D))] = w[o, c]
                f = signal.convolve if flip else signal.correlate
                acc = acc + f(xp[n, g * cg + c], wz, 'valid', method='direct')
            per_o.append(acc[tuple(slice(None, None, stride[a]) for a in range(D))])
        ys.append(per_o)
    return np.array(ys)


def conv_grads_ref(x, w, dy, stride, lo, hi, dil, groups, mode, flip):
    D = x.ndim - 2
    wf = spatial_flip(w) if flip else w
    pads = [(0, 0), (0, 0)] + list(zip(lo, hi))
    xp = np.pad(x, pads, mode=NP_MODE[mode])
    N, C = x.shape[:2]
    OC = w.shape[0]
    cg, ocg = C // groups, OC // groups
    k = w.shape[2:]
    out = dy.shape[2:]
    dxp = np.zeros_like(xp)
    dwf = np.zeros_like(wf)
    for g in range(groups):
        for tap in np.ndindex(*k):
            sl = tuple(slice(tap[a] * dil[a], tap[a] * dil[a] + stride[a] * (out[a] - 1) + 1, stride[a]) for a in range(D))
            idx = (slice(None), slice(g * cg, (g + 1) * cg)) + sl
            dyg = dy[:, g * ocg:(g + 1) * ocg]
            dxp[idx] += np.einsum('oc,no...->nc...', wf[(slice(g * ocg, (g + 1) * ocg), slice(None)) + tap], dyg)
            dwf[(slice(g * ocg, (g + 1) * ocg), slice(None)) + tap] += contract(dyg, xp[idx])
    # Adjoint of the padding: scatter every padded position back to its source (SPEC §5.3).
    spatial = x.shape[2:]
    src = np.arange(int(np.prod(spatial))).reshape(spatial)
    if mode == 'zeros':
        srcp = np.pad(src, list(zip(lo, hi)), constant_values=-1)
    else:
        srcp = np.pad(src, list(zip(lo, hi)), mode=NP_MODE[mode])
    keep = srcp.ravel() >= 0
    dx = np.zeros((N, C, src.size))
    flat = dxp.reshape(N, C, -1)
    for n in range(N):
        for c in range(C):
            dx[n, c] = np.bincount(srcp.ravel()[keep], weights=flat[n, c][keep], minlength=src.size)
    dx = dx.reshape(x.shape)
    dw = spatial_flip(dwf) if flip else dwf
    db = dy.sum(axis=(0,) + tuple(range(2, 2 + D)))
    return dx, dw, db


def conv_transpose_ref(x, w, b, stride, pad, opad, dil, groups):
    """SPEC §5.2 scatter: y[n, G*ocg + o, i*s - p + q*d] += x[n, c, i] * w[c, o, q]."""
    D = x.ndim - 2
    N, C = x.shape[:2]
    k = w.shape[2:]
    ocg = w.shape[1]
    OC = ocg * groups
    cg = C // groups
    L = x.shape[2:]
    out = [(L[a] - 1) * stride[a] - 2 * pad[a] + dil[a] * (k[a] - 1) + opad[a] + 1 for a in range(D)]
    buf = np.zeros((N, OC) + tuple((L[a] - 1) * stride[a] + dil[a] * (k[a] - 1) + 1 + opad[a] for a in range(D)))
    for g in range(groups):
        for tap in np.ndindex(*k):
            sl = tuple(slice(tap[a] * dil[a], tap[a] * dil[a] + stride[a] * (L[a] - 1) + 1, stride[a]) for a in range(D))
            buf[(slice(None), slice(g * ocg, (g + 1) * ocg)) + sl] += np.einsum(
                'co,nc...->no...', w[(slice(g * cg, (g + 1) * cg), slice(None)) + tap], x[:, g * cg:(g + 1) * cg])
    y = buf[(slice(None), slice(None)) + tuple(slice(pad[a], pad[a] + out[a]) for a in range(D))]
    if b is not None:
        y = y + b.reshape((1, -1) + (1,) * D)
    return y


def contract(a, b):
    """(N, A, *s) x (N, B, *s) -> (A, B), summing over the batch and every spatial axis."""
    axes = [0] + list(range(2, a.ndim))
    return np.tensordot(a, b, axes=(axes, axes))


def fd_check(f, args, i, grad, count=6):
    """Central finite differences of the scalar f at random entries of args[i] (float64)."""
    a = args[i]
    for flat in rng.choice(a.size, size=min(count, a.size), replace=False):
        h = 1e-6
        idx = np.unravel_index(flat, a.shape)
        old = a[idx]
        a[idx] = old + h
        fp = f(*args)
        a[idx] = old - h
        fm = f(*args)
        a[idx] = old
        num = (fp - fm) / (2 * h)
        assert abs(num - grad[idx]) <= 1e-6 * max(1, abs(num)), (num, grad[idx])


# ---------------------------------------------------------------------------------------------
# Case writers

def put(name, role, value, dtype):
    arrays[f'{name}__{role}'] = np.asarray(value).astype(dtype)


def fmt(v):
    return ','.join(str(int(t)) for t in v)


def conv_case(name, x_shape, w_shape, stride=None, padding='0', dilation=None, groups=1, mode='zeros', flip=False,
              bias=False, unbatched=False):
    D = len(w_shape) - 2
    stride = stride or [1] * D
    dilation = dilation or [1] * D
    x = vals(*x_shape)
    w = vals(*w_shape)
    b = vals(w_shape[0]) if bias else None
    k = w_shape[2:]
    if padding in ('valid', 'same', 'full', 'half'):
        lo, hi = resolve_padding(padding, None, None, k, dilation)
    else:
        parts = [p.split(':') for p in padding.split(',')]
        lo = [int(p[0]) for p in parts]
        hi = [int(p[-1]) for p in parts]
        if len(lo) == 1:
            lo, hi = lo * D, hi * D
    y = conv_ref(x, w, b, stride, lo, hi, dilation, groups, mode, flip)
    if mode == 'zeros':
        ys = conv_scipy(x, w, stride, lo, hi, dilation, groups, flip)
        if b is not None:
            ys = ys + b.reshape((1, -1) + (1,) * D)
        assert np.allclose(y, ys, rtol=0, atol=1e-12), name
    dy = vals(*y.shape)
    dx, dw, db = conv_grads_ref(x, w, dy, stride, lo, hi, dilation, groups, mode, flip)
    loss = lambda xx, ww: float(np.sum(conv_ref(xx, ww, None, stride, lo, hi, dilation, groups, mode, flip) * dy))
    fd_check(loss, [x.copy(), w.copy()], 0, dx)
    fd_check(loss, [x.copy(), w.copy()], 1, dw)
    # ⟨y, dy⟩ = ⟨x, dx⟩ = ⟨w, dw⟩ for a bias-free linear map.
    y0 = conv_ref(x, w, None, stride, lo, hi, dilation, groups, mode, flip)
    assert np.isclose(np.sum(y0 * dy), np.sum(x * dx)) and np.isclose(np.sum(y0 * dy), np.sum(w * dw)), name
    params = f'stride={fmt(stride)} padding={padding} dilation={fmt(dilation)} groups={groups} mode={mode} ' \
             f'flip={int(flip)} bias={int(bias)}'
    for dt in (np.float32, np.float64):
        dn = 'float32' if dt == np.float32 else 'float64'
        case = f'{name}_{dn[-2:]}'
        sq = (lambda a: a[0]) if unbatched else (lambda a: a)
        put(case, 'x', sq(x), dt)
        put(case, 'w', w, dt)
        if bias:
            put(case, 'b', b, dt)
        put(case, 'y', sq(y), dt)
        put(case, 'dy', sq(dy), dt)
        put(case, 'dx', sq(dx), dt)
        put(case, 'dw', dw, dt)
        put(case, 'db', db, dt)
        lines.append(f'{case}\tconv\t{dn}\t{params}')


def conv_transpose_case(name, x_shape, w_shape, stride=None, padding=None, output_padding=None, dilation=None,
                        groups=1, bias=False):
    D = len(w_shape) - 2
    stride = stride or [1] * D
    padding = padding or [0] * D
    output_padding = output_padding or [0] * D
    dilation = dilation or [1] * D
    x = vals(*x_shape)
    w = vals(*w_shape)
    b = vals(w_shape[1] * groups) if bias else None
    y = conv_transpose_ref(x, w, b, stride, padding, output_padding, dilation, groups)
    dy = vals(*y.shape)
    y0 = conv_transpose_ref(x, w, None, stride, padding, output_padding, dilation, groups)
    # Adjoint identity with the convolution of the same options, when its output has x's size.
    z = conv_ref(dy, w, None, stride, padding, padding, dilation, groups, 'zeros', False)
    z = z[(slice(None), slice(None)) + tuple(slice(0, s) for s in x_shape[2:])]
    assert np.isclose(np.sum(y0 * dy), np.sum(x * z)), name
    dx = z
    # dw[c, o, q] = sum_n sum_i x[n, c, i] * pad(dy)[n, G*ocg + o, i*s + q*d]; checked by finite differences.
    dw = np.zeros_like(w)
    ocg = w_shape[1]
    cg = x_shape[1] // groups
    L = x_shape[2:]
    k = w_shape[2:]
    dyp = np.pad(dy, [(0, 0), (0, 0)] + [(p, p + 2 * max(stride + dilation)) for p in padding])
    for g in range(groups):
        for tap in np.ndindex(*k):
            sl = tuple(slice(tap[a] * dilation[a], tap[a] * dilation[a] + stride[a] * (L[a] - 1) + 1, stride[a])
                       for a in range(D))
            dw[(slice(g * cg, (g + 1) * cg), slice(None)) + tap] = contract(
                x[:, g * cg:(g + 1) * cg], dyp[(slice(None), slice(g * ocg, (g + 1) * ocg)) + sl])
    db = dy.sum(axis=(0,) + tuple(range(2, 2 + D)))
    loss = lambda xx, ww: float(np.sum(conv_transpose_ref(xx, ww, None, stride, padding, output_padding, dilation,
                                                          groups) * dy))
    fd_check(loss, [x.copy(), w.copy()], 0, dx)
    fd_check(loss, [x.copy(), w.copy()], 1, dw)
    params = f'stride={fmt(stride)} padding={fmt(padding)} output_padding={fmt(output_padding)} ' \
             f'dilation={fmt(dilation)} groups={groups} bias={int(bias)}'
    for dt in (np.float32, np.float64):
        dn = 'float32' if dt == np.float32 else 'float64'
        case = f'{name}_{dn[-2:]}'
        for role, v in (('x', x), ('w', w), ('y', y), ('dy', dy), ('dx', dx), ('dw', dw), ('db', db)):
            put(case, role, v, dt)
        if bias:
            put(case, 'b', b, dt)
        lines.append(f'{case}\tconv_transpose\t{dn}\t{params}')


def per_example_case(name, x_shape, w_shape, stride=None, padding='0', dilation=None, groups=1, mode='zeros',
                     flip=False, bias=False):
    D = len(w_shape) - 3
    stride = stride or [1] * D
    dilation = dilation or [1] * D
    N = x_shape[0]
    x = vals(*x_shape)
    w = vals(*w_shape)
    b = vals(N, w_shape[1]) if bias else None
    k = w_shape[3:]
    if padding in ('valid', 'same', 'full', 'half'):
        lo, hi = resolve_padding(padding, None, None, k, dilation)
    else:
        parts = [p.split(':') for p in padding.split(',')]
        lo = [int(p[0]) for p in parts] * (D if len(parts) == 1 else 1)
        hi = [int(p[-1]) for p in parts] * (D if len(parts) == 1 else 1)
    ys, dys, dxs, dws, dbs = [], [], [], [], []
    for n in range(N):
        yn = conv_ref(x[n:n + 1], w[n], None if b is None else b[n], stride, lo, hi, dilation, groups, mode, flip)
        dyn = vals(*yn.shape)
        dxn, dwn, dbn = conv_grads_ref(x[n:n + 1], w[n], dyn, stride, lo, hi, dilation, groups, mode, flip)
        ys.append(yn[0]), dys.append(dyn[0]), dxs.append(dxn[0]), dws.append(dwn), dbs.append(dbn)
    params = f'stride={fmt(stride)} padding={padding} dilation={fmt(dilation)} groups={groups} mode={mode} ' \
             f'flip={int(flip)} bias={int(bias)}'
    for dt in (np.float32, np.float64):
        dn = 'float32' if dt == np.float32 else 'float64'
        case = f'{name}_{dn[-2:]}'
        for role, v in (('x', x), ('w', w), ('y', ys), ('dy', dys), ('dx', dxs), ('dw', dws), ('db', dbs)):
            put(case, role, np.array(v), dt)
        if bias:
            put(case, 'b', b, dt)
        lines.append(f'{case}\tper_example\t{dn}\t{params}')


def unfold_ref(x, k, s, p, d):
    D = x.ndim - 2
    xp = np.pad(x, [(0, 0), (0, 0)] + [(pp, pp) for pp in p])
    out = [(xp.shape[2 + a] - d[a] * (k[a] - 1) - 1) // s[a] + 1 for a in range(D)]
    N, C = x.shape[:2]
    cols = np.zeros((N, C, int(np.prod(k)), int(np.prod(out))))
    for r, tap in enumerate(np.ndindex(*k)):
        sl = tuple(slice(tap[a] * d[a], tap[a] * d[a] + s[a] * (out[a] - 1) + 1, s[a]) for a in range(D))
        cols[:, :, r, :] = xp[(slice(None), slice(None)) + sl].reshape(N, C, -1)
    return cols.reshape(N, C * int(np.prod(k)), -1), out


def fold_ref(cols, size, k, s, p, d):
    D = len(size)
    N = cols.shape[0]
    K = int(np.prod(k))
    C = cols.shape[1] // K
    xp = np.zeros((N, C) + tuple(size[a] + 2 * p[a] for a in range(D)))
    out = [(xp.shape[2 + a] - d[a] * (k[a] - 1) - 1) // s[a] + 1 for a in range(D)]
    c4 = cols.reshape(N, C, K, *out)
    for r, tap in enumerate(np.ndindex(*k)):
        sl = tuple(slice(tap[a] * d[a], tap[a] * d[a] + s[a] * (out[a] - 1) + 1, s[a]) for a in range(D))
        xp[(slice(None), slice(None)) + sl] += c4[:, :, r]
    return xp[(slice(None), slice(None)) + tuple(slice(p[a], p[a] + size[a]) for a in range(D))]


def unfold_case(name, x_shape, k, s, p, d):
    x = vals(*x_shape)
    cols, out = unfold_ref(x, k, s, p, d)
    back = fold_ref(cols, list(x_shape[2:]), k, s, p, d)
    # fold is the adjoint of unfold.
    z = vals(*cols.shape)
    assert np.isclose(np.sum(cols * z), np.sum(x * fold_ref(z, list(x_shape[2:]), k, s, p, d))), name
    params = f'kernel={fmt(k)} stride={fmt(s)} padding={fmt(p)} dilation={fmt(d)}'
    for dt in (np.float32, np.float64):
        dn = 'float32' if dt == np.float32 else 'float64'
        put(f'{name}_unfold_{dn[-2:]}', 'x', x, dt)
        put(f'{name}_unfold_{dn[-2:]}', 'y', cols, dt)
        lines.append(f'{name}_unfold_{dn[-2:]}\tunfold\t{dn}\t{params}')
        put(f'{name}_fold_{dn[-2:]}', 'x', z, dt)
        put(f'{name}_fold_{dn[-2:]}', 'y', fold_ref(z, list(x_shape[2:]), k, s, p, d), dt)
        lines.append(f'{name}_fold_{dn[-2:]}\tfold\t{dn}\t{params} output_size={fmt(x_shape[2:])}')
    assert back.shape == x.shape


def matrix_case(name, h, n, mode):
    a = linalg.convolution_matrix(h, n, mode)
    if h.ndim == 1 and (mode != 'same' or n >= len(h)):
        x = vals(n)
        assert np.allclose(a @ x, signal.convolve(x, h, mode)), name
    for dt in (np.float32, np.float64):
        dn = 'float32' if dt == np.float32 else 'float64'
        put(f'{name}_{dn[-2:]}', 'h', h, dt)
        put(f'{name}_{dn[-2:]}', 'y', a, dt)
        lines.append(f'{name}_{dn[-2:]}\tconvolution_matrix\t{dn}\tn={n} matrix_mode={mode}')


# ---------------------------------------------------------------------------------------------
# Seeds (SPEC §8.2-8.5), asserted against the spec's printed numbers.

def seeds():
    vals_ = np.array([[2, 1, -3, -4, -4], [2, -3, 3, 1, 2], [2, 5, -6, 6, -2], [-5, 4, 1, 5, 4], [0, 0, 1, -3, -4]], float)
    w0 = np.array([[[0, 1, -1], [1, -1, 0], [0, 0, 0]], [[1, 0, 0], [0, -1, 1], [1, 0, 1]],
                   [[1, -1, 0], [-1, 0, -1], [-1, 0, 1]]], float)
    a = np.array([[[2, 0, 2, 2, 2], [1, 1, 0, 2, 0], [0, 0, 1, 2, 2], [2, 2, 2, 0, 0], [1, 0, 1, 2, 0]],
                  [[1, 2, 1, 0, 1], [0, 2, 0, 0, 1], [0, 0, 2, 2, 1], [2, 0, 1, 0, 2], [0, 1, 2, 2, 2]],
                  [[0, 0, 2, 2, 2], [0, 1, 2, 1, 0], [0, 0, 0, 2, 0], [0, 2, 0, 0, 2], [0, 0, 2, 2, 1]]], float)
    full = conv_transpose_ref(vals_[None, None], w0[None], None, [1, 1], [0, 0], [0, 0], [1, 1], 1)[0]
    assert np.array_equal(full, signal.convolve(vals_[None], w0))
    assert np.array_equal(full[0, 0], [0, 2, -1, -4, -1, 0, 4])
    g = np.einsum('cuvij,ij->cuv', np.lib.stride_tricks.sliding_window_view(np.pad(a, [(0, 0), (1, 1), (1, 1)]), (5, 5),
                                                                             axis=(1, 2)), vals_)
    assert np.array_equal(g[0], [[4, 56, 8], [1, -20, 1], [22, 12, 21]])
    # 8.2 Toeplitz, batched per-example kernels
    B = np.arange(10)[:, None]
    X = ((3 * B + 5 * np.arange(9)[None]) % 7) - 3.0
    H = ((B + 2 * np.arange(4)[None]) % 5) - 2.0
    Y = np.array([signal.convolve(X[b], H[b], 'same') for b in range(10)])
    assert np.array_equal(Y[0], [-4, -6, 11, -8, -6, 10, 5, -7, -5]) and np.array_equal(Y[9], [-1, 0, -10, 4, -3, 4, 4, -3, 6])
    T = linalg.convolution_matrix(H, 9, 'same')
    assert np.array_equal(np.einsum('bij,bj->bi', T, X), Y)
    arrays['seed_toeplitz__X'] = X
    arrays['seed_toeplitz__H'] = H
    arrays['seed_toeplitz__Y'] = Y
    # 8.4 batched im2col with stride (2, 1) and padding 1
    xb = ((np.arange(2 * 2 * 5 * 6).reshape(2, 2, 5, 6) * 7) % 11) - 5.0
    wb = ((np.arange(54).reshape(3, 2, 3, 3) * 5) % 7) - 3.0
    cols, out = unfold_ref(xb, [3, 3], [2, 1], [1, 1], [1, 1])
    yb = np.einsum('fk,nkl->nfl', wb.reshape(3, -1), cols).reshape(2, 3, *out)
    assert np.array_equal(yb, conv_ref(xb, wb, None, [2, 1], [1, 1], [1, 1], [1, 1], 1, 'zeros', False))
    arrays['seed_im2col_batched__x'] = xb
    arrays['seed_im2col_batched__w'] = wb
    arrays['seed_im2col_batched__cols'] = cols
    arrays['seed_im2col_batched__y'] = yb
    # 8.5 Theano layer
    n, c, h, w_ = np.meshgrid(np.arange(2), np.arange(3), np.arange(6), np.arange(7), indexing='ij')
    x = ((7 * n + 5 * c + 3 * h + w_) % 11 - 5) / 5
    o, c, u, v = np.meshgrid(np.arange(4), np.arange(3), np.arange(3), np.arange(3), indexing='ij')
    W = ((3 * o + 2 * c + 5 * u + 7 * v) % 9 - 4) / 10
    bb = np.array([0.1, -0.2, 0.3, -0.4])
    conv = conv_ref(x, W, None, [1, 1], [0, 0], [0, 0], [1, 1], 1, 'zeros', True)
    hh = np.tanh(conv + bb[None, :, None, None])
    assert abs(hh.sum() - (-8.223683538352)) < 1e-11 and abs(conv.sum() + 1.26) < 1e-12
    arrays['seed_theano__h'] = hh


def main():
    # conv: 1-D
    conv_case('c1_basic', (2, 3, 9), (4, 3, 3), bias=True)
    conv_case('c1_stride', (2, 2, 11), (3, 2, 3), stride=[2], padding='1')
    conv_case('c1_dilation', (1, 2, 12), (2, 2, 3), dilation=[3], padding='2')
    conv_case('c1_asym', (2, 2, 8), (3, 2, 4), padding='2:1')
    conv_case('c1_same_even', (2, 2, 9), (2, 2, 4), padding='same')
    conv_case('c1_same_dil', (1, 2, 10), (3, 2, 4), padding='same', dilation=[2])
    conv_case('c1_groups', (2, 4, 8), (6, 2, 3), groups=2, bias=True)
    conv_case('c1_depthwise', (2, 3, 8), (6, 1, 3), groups=3, padding='1')
    for mode in ('reflect', 'replicate', 'circular'):
        conv_case(f'c1_{mode}', (2, 2, 7), (3, 2, 3), padding='2', mode=mode, stride=[2])
        conv_case(f'c1_{mode}_same', (1, 2, 6), (2, 2, 4), padding='same', mode=mode)
    conv_case('c1_flip', (2, 2, 9), (2, 2, 4), flip=True)
    conv_case('c1_full', (1, 2, 6), (2, 2, 3), padding='full', flip=True)
    conv_case('c1_half_even', (1, 2, 7), (2, 2, 4), padding='half', flip=True)
    conv_case('c1_unbatched', (1, 3, 8), (2, 3, 3), padding='1', unbatched=True, bias=True)
    conv_case('c1_pointwise', (2, 4, 7), (6, 2, 1), groups=2, bias=True)
    # conv: 2-D
    conv_case('c2_basic', (2, 3, 6, 7), (4, 3, 3, 3), bias=True)
    conv_case('c2_mixed', (2, 4, 9, 8), (4, 2, 3, 2), stride=[2, 1], padding='1:2,0:1', dilation=[1, 2], groups=2, bias=True)
    conv_case('c2_same_even', (1, 2, 6, 5), (3, 2, 4, 2), padding='same')
    conv_case('c2_depthwise', (2, 3, 6, 6), (3, 1, 3, 3), groups=3, padding='1', stride=[2, 2])
    for mode in ('reflect', 'replicate', 'circular'):
        conv_case(f'c2_{mode}', (1, 2, 5, 6), (2, 2, 3, 3), padding='2,1', mode=mode, dilation=[1, 2])
    conv_case('c2_reflect_same', (1, 2, 5, 5), (2, 2, 4, 3), padding='same', mode='reflect')
    conv_case('c2_flip_full', (1, 2, 4, 5), (2, 2, 3, 2), padding='full', flip=True, bias=True)
    conv_case('c2_half_even', (1, 1, 5, 6), (2, 1, 4, 3), padding='half', flip=True)
    conv_case('c2_unbatched', (1, 2, 5, 5), (3, 2, 3, 3), stride=[2, 2], padding='1', unbatched=True)
    conv_case('c2_pointwise', (2, 3, 4, 5), (5, 3, 1, 1), bias=True)
    # conv: 3-D
    conv_case('c3_basic', (1, 2, 4, 5, 5), (3, 2, 2, 3, 3), bias=True)
    conv_case('c3_mixed', (2, 4, 5, 6, 5), (4, 2, 3, 2, 3), stride=[2, 1, 2], padding='1,0:1,1', dilation=[1, 2, 1],
              groups=2)
    conv_case('c3_same_even', (1, 2, 4, 4, 5), (2, 2, 2, 4, 3), padding='same')
    conv_case('c3_replicate', (1, 2, 3, 4, 4), (2, 2, 3, 3, 3), padding='1', mode='replicate')
    conv_case('c3_circular', (1, 1, 3, 4, 4), (2, 1, 2, 3, 2), padding='1,2,1', mode='circular')
    conv_case('c3_reflect', (1, 2, 3, 4, 4), (2, 2, 2, 3, 3), padding='1', mode='reflect', stride=[1, 2, 1])
    conv_case('c3_flip_half', (1, 2, 4, 4, 4), (2, 2, 3, 3, 3), padding='half', flip=True)
    # transposed
    conv_transpose_case('t1_basic', (2, 3, 5), (3, 2, 3), bias=True)
    conv_transpose_case('t1_stride', (2, 2, 5), (2, 3, 4), stride=[3], padding=[1], output_padding=[2])
    conv_transpose_case('t1_dil_op', (1, 2, 6), (2, 2, 3), stride=[1], dilation=[3], output_padding=[2])
    conv_transpose_case('t1_groups', (2, 4, 5), (4, 3, 3), stride=[2], padding=[1], groups=2, bias=True)
    conv_transpose_case('t2_basic', (1, 1, 2, 2), (1, 1, 2, 2), stride=[2, 2])
    conv_transpose_case('t2_mixed', (2, 4, 4, 5), (4, 2, 3, 2), stride=[2, 3], padding=[1, 0], output_padding=[1, 2],
                        dilation=[1, 2], groups=2, bias=True)
    conv_transpose_case('t2_depthwise', (1, 3, 4, 4), (3, 1, 3, 3), stride=[2, 2], padding=[1, 1], output_padding=[1, 1],
                        groups=3)
    conv_transpose_case('t3_mixed', (1, 2, 3, 3, 4), (2, 2, 2, 3, 2), stride=[2, 1, 2], padding=[0, 1, 1],
                        output_padding=[1, 0, 1], dilation=[1, 1, 2], bias=True)
    # kernels as data
    per_example_case('p1_same_flip', (4, 1, 9), (4, 1, 1, 4), padding='2:1', flip=True)
    per_example_case('p1_groups', (3, 4, 8), (3, 4, 2, 3), stride=[2], padding='1', groups=2, bias=True)
    per_example_case('p2_mixed', (3, 2, 6, 5), (3, 3, 2, 3, 2), padding='same', dilation=[2, 1], mode='reflect')
    per_example_case('p3_basic', (2, 2, 3, 4, 4), (2, 2, 2, 2, 3, 2), stride=[1, 2, 1], padding='1', bias=True)
    # unfold / fold
    unfold_case('u1', (2, 3, 10), [3], [2], [1], [2])
    unfold_case('u2', (2, 2, 6, 7), [3, 2], [2, 1], [1, 0], [1, 2])
    unfold_case('u2_plain', (1, 1, 3, 4), [2, 2], [1, 1], [0, 0], [1, 1])
    unfold_case('u3', (1, 2, 4, 5, 5), [2, 3, 2], [1, 2, 2], [0, 1, 1], [2, 1, 1])
    # convolution matrices
    for mode in ('full', 'same', 'valid'):
        matrix_case(f'm_short_{mode}', vals(4), 9, mode)
        matrix_case(f'm_long_{mode}', vals(6), 4, mode)
        matrix_case(f'm_batched_{mode}', vals(3, 5), 7, mode)
    matrix_case('m_even_same', vals(4), 4, 'same')
    seeds()

    os.makedirs(OUT, exist_ok=True)
    np.savez_compressed(os.path.join(OUT, 'conv.npz'), **arrays)
    with open(os.path.join(OUT, 'cases.tsv'), 'w') as f:
        f.write('# name\top\tdtype\tparams  (generated by tools/gen_conv_fixtures.py; do not edit)\n')
        f.write('\n'.join(lines) + '\n')
    size = os.path.getsize(os.path.join(OUT, 'conv.npz'))
    print(f'{len(lines)} cases, {len(arrays)} arrays, conv.npz {size} bytes', file=sys.stderr)


if __name__ == '__main__':
    main()
