#!/usr/bin/env python3
"""Pooling oracles for conv4j (SPEC §5.5, §5.6, §6.2, §6.3).

Writes conv4j-core/src/test/resources/fixtures/pool/pool.npz and manifest.tsv.

The reference implementations below are written from the SPEC's rules, window by window, with no
shared code with the Java kernels:
  * torch_max_pool / torch_avg_pool: PyTorch F.max_pool{1,2,3}d / F.avg_pool{1,2,3}d (ATen CPU rules:
    scan order, `val > max or isnan(val)`, pool_size / count_include_pad / divisor_override, ceil mode);
  * their backward passes (scatter dy to the argmax; dy/divisor over the in-bounds window);
  * theano_pool: theano.tensor.signal.pool.Pool.perform (regions over the zero-padded input), with
    MaxPoolGrad's tie rule (every element equal to the max gets dy) and the average/sum adjoint.
Where SPEC §5.6 says PyTorch pooling agrees with scipy.ndimage (maximum_filter / uniform_filter,
floor mode), the generator asserts it. The SPEC's worked examples are asserted too.

Manifest columns (tab separated): name, x (the npz key of the input, shared by the Theano modes), op (max|avg|theano), dtype, kernel, stride, padding,
dilation, ceil, count_include_pad, divisor (0 = none), mode, ignore_border. Lists are comma
separated. Arrays in the npz: the input, <name>.y, <name>.dy, <name>.dx and, for max, <name>.idx
(float64 flat offsets into the unpadded input plane).

Usage: python3 tools/gen_pool_fixtures.py   (numpy, scipy; deterministic)
"""
import itertools
import math
import os

import numpy as np
from scipy import ndimage

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "conv4j-core", "src", "test", "resources", "fixtures", "pool")


# ---------------------------------------------------------------------------------------------
# PyTorch pooling (SPEC §5.5)

STATS = {"last_window_rule": 0, "multi_nan_windows": 0}


def torch_out_size(L, k, s, p, d, ceil):
    assert 0 <= p <= k // 2, "pad should be at most half of kernel size"
    num = L + 2 * p - d * (k - 1) - 1 + (s - 1 if ceil else 0)
    out = num // s + 1
    if ceil and (out - 1) * s >= L + p:
        out -= 1
        STATS["last_window_rule"] += 1
    assert out >= 1
    return out


def planes_of(x, nd):
    lead = x.shape[:-nd]
    return x.reshape((-1,) + x.shape[-nd:]), lead


def torch_max_pool(x, k, s, p, d, ceil):
    """Returns (y, idx) with idx the flat offset into the unpadded plane (float64)."""
    nd = len(k)
    xp, lead = planes_of(x, nd)
    sp = xp.shape[1:]
    outs = [torch_out_size(sp[a], k[a], s[a], p[a], d[a], ceil) for a in range(nd)]
    y = np.empty((xp.shape[0],) + tuple(outs), dtype=x.dtype)
    idx = np.empty((xp.shape[0],) + tuple(outs), dtype=np.float64)
    for n in range(xp.shape[0]):
        for o in itertools.product(*[range(m) for m in outs]):
            taps = [[o[a] * s[a] - p[a] + t * d[a] for t in range(k[a])] for a in range(nd)]
            taps = [[q for q in tl if 0 <= q < sp[a]] for a, tl in enumerate(taps)]
            best = -math.inf
            arg = np.ravel_multi_index(tuple(tl[0] for tl in taps), sp) if all(taps) else -1
            nans = 0
            for pos in itertools.product(*taps):  # row-major scan
                v = float(xp[(n,) + pos])
                nans += math.isnan(v)
                if v > best or math.isnan(v):
                    best = v
                    arg = np.ravel_multi_index(pos, sp)
            y[(n,) + o] = best
            idx[(n,) + o] = arg
            STATS["multi_nan_windows"] += nans >= 2
    return y.reshape(lead + tuple(outs)), idx.reshape(lead + tuple(outs))


def torch_max_pool_backward(dy, idx, in_shape, nd):
    plane = int(np.prod(in_shape[-nd:]))
    dyp = dy.reshape(-1, int(np.prod(dy.shape[-nd:]))).astype(np.float64)
    ip = idx.reshape(dyp.shape).astype(np.int64)
    dx = np.zeros((dyp.shape[0], plane))
    for n in range(dyp.shape[0]):
        keep = ip[n] >= 0
        np.add.at(dx[n], ip[n][keep], dyp[n][keep])
    return dx.reshape(in_shape).astype(dy.dtype)


def torch_avg_windows(sp, k, s, p, ceil):
    """Per output multi-index: (slices of the in-bounds part, pool_size, real count)."""
    nd = len(k)
    outs = [torch_out_size(sp[a], k[a], s[a], p[a], 1, ceil) for a in range(nd)]
    wins = {}
    for o in itertools.product(*[range(m) for m in outs]):
        sl, pool_size, real = [], 1, 1
        for a in range(nd):
            start = o[a] * s[a] - p[a]
            end = min(start + k[a], sp[a] + p[a])
            pool_size *= end - start
            s0, e0 = max(start, 0), min(end, sp[a])
            real *= max(0, e0 - s0)
            sl.append(slice(s0, e0))
        wins[o] = (tuple(sl), pool_size, real)
    return outs, wins


def avg_divisor(pool_size, real, cip, divisor):
    if divisor:
        return divisor
    return pool_size if cip else real


def torch_avg_pool(x, k, s, p, ceil, cip, divisor):
    nd = len(k)
    xp, lead = planes_of(x, nd)
    outs, wins = torch_avg_windows(xp.shape[1:], k, s, p, ceil)
    y = np.empty((xp.shape[0],) + tuple(outs))
    for n in range(xp.shape[0]):
        for o, (sl, ps, real) in wins.items():
            y[(n,) + o] = 0.0 if real == 0 else xp[(n,) + sl].astype(np.float64).sum() / avg_divisor(ps, real, cip, divisor)
    return y.reshape(lead + tuple(outs)).astype(x.dtype)


def torch_avg_pool_backward(dy, in_shape, k, s, p, ceil, cip, divisor):
    nd = len(k)
    sp = tuple(in_shape[-nd:])
    outs, wins = torch_avg_windows(sp, k, s, p, ceil)
    dyp = dy.reshape((-1,) + tuple(outs)).astype(np.float64)
    dx = np.zeros((dyp.shape[0],) + sp)
    for n in range(dyp.shape[0]):
        for o, (sl, ps, real) in wins.items():
            if real:
                dx[(n,) + sl] += dyp[(n,) + o] / avg_divisor(ps, real, cip, divisor)
    return dx.reshape(in_shape).astype(dy.dtype)


# ---------------------------------------------------------------------------------------------
# Theano pool_2d (SPEC §6.2): Pool.perform, MaxPoolGrad, AveragePoolGrad

def theano_out_size(L, ws, st, pad, ignore_border):
    v = L + 2 * pad
    if ignore_border:
        return v // st if ws == st else max((v - ws) // st + 1, 0)
    return (v - 1) // st + 1 if st >= ws else max(0, (v - 1 - ws + st) // st) + 1


def theano_regions(sp, ws, st, pad, ignore_border, inc_pad):
    """Per pooled axis: list of (start, end) over the padded input."""
    regs = []
    for a in range(len(ws)):
        v = sp[a] + 2 * pad[a]
        out = theano_out_size(sp[a], ws[a], st[a], pad[a], ignore_border)
        assert out >= 1
        r = []
        for j in range(out):
            start = j * st[a]
            end = min(start + ws[a], v)
            if not inc_pad:
                start = max(start, pad[a])
                end = min(end, v - pad[a])
            r.append((start, end))
        regs.append(r)
    return regs


def theano_pad(x, nd, pad):
    widths = [(0, 0)] * (x.ndim - nd) + [(q, q) for q in pad]
    return np.pad(x.astype(np.float64), widths)


def theano_pool(x, ws, st, pad, ignore_border, mode):
    nd = len(ws)
    y = theano_pad(x, nd, pad)
    regs = theano_regions(x.shape[-nd:], ws, st, pad, ignore_border, mode == "average_inc_pad")
    outs = [len(r) for r in regs]
    func = {"max": np.max, "sum": np.sum, "average_inc_pad": np.mean, "average_exc_pad": np.mean}[mode]
    z = np.empty(x.shape[:-nd] + tuple(outs))
    for kk in np.ndindex(*x.shape[:-nd]):
        for r in itertools.product(*[range(m) for m in outs]):
            sl = tuple(slice(*regs[a][r[a]]) for a in range(nd))
            z[kk + r] = func(y[kk + sl])
    return z.astype(x.dtype)


def theano_pool_backward(x, dy, ws, st, pad, ignore_border, mode):
    nd = len(ws)
    y = theano_pad(x, nd, pad)
    inc = mode == "average_inc_pad"
    regs = theano_regions(x.shape[-nd:], ws, st, pad, ignore_border, inc)
    real = theano_regions(x.shape[-nd:], ws, st, pad, ignore_border, False)
    outs = [len(r) for r in regs]
    maxout = theano_pool(x, ws, st, pad, ignore_border, "max").astype(x.dtype) if mode == "max" else None
    g = np.zeros_like(y)
    for kk in np.ndindex(*x.shape[:-nd]):
        for r in itertools.product(*[range(m) for m in outs]):
            sl = tuple(slice(*real[a][r[a]]) for a in range(nd))
            gz = float(dy[kk + r])
            if mode == "max":
                window = y[kk + sl].astype(x.dtype)
                g[kk + sl] += np.where(window == maxout[kk + r], gz, 0.0)
            elif mode == "sum":
                g[kk + sl] += gz
            else:
                size = np.prod([regs[a][r[a]][1] - regs[a][r[a]][0] for a in range(nd)])
                g[kk + sl] += gz / size
    unpad = (Ellipsis,) + tuple(slice(q, q + n) for q, n in zip(pad, x.shape[-nd:]))
    return g[unpad].astype(x.dtype)


# ---------------------------------------------------------------------------------------------
# Cross-checks against SciPy (SPEC §5.6) and the SPEC's worked examples

def check_against_scipy(rng):
    checked = [0]
    for nd in (1, 2, 3):
        for k, s, p in [(2, 2, 0), (3, 3, 0), (3, 2, 1), (3, 1, 1), (4, 3, 2), (2, 1, 0)]:
            shape = (2, 3) + (9, 8, 7)[:nd]
            x = rng.standard_normal(shape)
            kk, ss, pp = (k,) * nd, (s,) * nd, (p,) * nd
            size = (1, 1) + kk
            origin = (0, 0) + tuple(q - k // 2 for q in pp)
            outs = [torch_out_size(shape[2 + a], k, s, p, 1, False) for a in range(nd)]
            # the filters have one output per input sample: compare the windows starting at o*s < L
            crop = (Ellipsis,) + tuple(slice(0, ss[a] * outs[a], ss[a]) for a in range(nd))
            keep = (Ellipsis,) + tuple(slice(0, -(-shape[2 + a] // ss[a])) for a in range(nd))
            y, _ = torch_max_pool(x, kk, ss, pp, (1,) * nd, False)
            ref = ndimage.maximum_filter(x, size=size, origin=origin, mode="constant", cval=-np.inf)[crop]
            assert np.array_equal(y[keep], ref[keep]), ("maximum_filter", nd, k, s, p)
            ya = torch_avg_pool(x, kk, ss, pp, False, True, None)
            refa = ndimage.uniform_filter(x, size=size, origin=origin, mode="constant", cval=0.0)[crop]
            assert np.allclose(ya[keep], refa[keep], rtol=1e-12, atol=1e-12), ("uniform_filter", nd, k, s, p)
            checked[0] += y[keep].size
    assert checked[0] > 1000


def check_spec_examples():
    x = np.arange(1, 7, dtype=np.float64).reshape(1, 1, 6)
    a = lambda ceil, cip: torch_avg_pool(x, (3,), (2,), (1,), ceil, cip, None)[0, 0].tolist()
    assert a(False, True) == [1, 3, 5]
    assert a(False, False) == [1.5, 3, 5]
    assert a(True, True) == [1, 3, 5, 3]
    assert a(True, False) == [1.5, 3, 5, 6]
    y, idx = torch_max_pool(x, (3,), (2,), (1,), (1,), True)
    assert y[0, 0].tolist() == [2, 4, 6, 6] and idx[0, 0].tolist() == [1, 3, 5, 5]

    g = np.arange(1, 26, dtype=np.float64).reshape(5, 5)
    exc = theano_pool(g, (3, 3), (2, 2), (1, 1), True, "average_exc_pad")
    assert np.allclose(exc, [[4, 5.5, 7], [11.5, 13, 14.5], [19, 20.5, 22]])
    inc = theano_pool(g, (3, 3), (2, 2), (1, 1), True, "average_inc_pad")
    assert np.allclose(inc[0], [1.778, 3.667, 3.111], atol=5e-4)

    inv = np.random.RandomState(1).rand(3, 2, 5, 5)
    ib = theano_pool(inv, (2, 2), (2, 2), (0, 0), True, "max")
    assert np.allclose(ib[0, 0], [[0.72032449, 0.39676747], [0.6852195, 0.87811744]], atol=1e-8)
    nb = theano_pool(inv, (2, 2), (2, 2), (0, 0), False, "max")
    assert np.allclose(nb[1, 0], [[0.67883553, 0.58930554, 0.69975836], [0.66379465, 0.94459476, 0.58655504],
                                  [0.90340192, 0.80739129, 0.39767684]], atol=1e-8)
    return inv


def check_adjoint(rng):
    """<pool(x), y> = <x, pool_backward(y)> for the linear modes, as a guard on the references."""
    x = rng.standard_normal((2, 2, 7, 6))
    for (k, s, p, ceil, cip, div) in [((3, 2), (2, 1), (1, 1), True, True, None), ((3, 3), (2, 2), (1, 0), True, False, 5)]:
        y = torch_avg_pool(x, k, s, p, ceil, cip, div)
        r = rng.standard_normal(y.shape)
        assert np.isclose((y * r).sum(), (x * torch_avg_pool_backward(r, x.shape, k, s, p, ceil, cip, div)).sum())
    for mode in ("sum", "average_inc_pad", "average_exc_pad"):
        y = theano_pool(x, (3, 2), (2, 2), (1, 1), True, mode)
        r = rng.standard_normal(y.shape)
        assert np.isclose((y * r).sum(), (x * theano_pool_backward(x, r, (3, 2), (2, 2), (1, 1), True, mode)).sum())


# ---------------------------------------------------------------------------------------------
# Cases

def fmt(v):
    return ",".join(str(int(q)) for q in v)


def main():
    rng = np.random.default_rng(20240515)
    check_against_scipy(rng)
    inv = check_spec_examples()
    check_adjoint(rng)

    arrays, rows = {}, []

    def add(name, op, dtype, x, y, dy, dx, idx=None, kernel=(), stride=(), padding=(), dilation=(),
            ceil=False, cip=True, divisor=0, mode="-", ignore_border=False, x_key=None):
        x_key = x_key or name + ".x"
        if x_key in arrays:
            assert arrays[x_key] is x
        arrays[x_key] = x
        arrays[name + ".y"] = y
        arrays[name + ".dy"] = dy
        arrays[name + ".dx"] = dx
        if idx is not None:
            arrays[name + ".idx"] = idx
        rows.append([name, x_key, op, dtype, fmt(kernel), fmt(stride), fmt(padding), fmt(dilation) or "-",
                     str(int(ceil)), str(int(cip)), str(int(divisor)), mode, str(int(ignore_border))])

    def input_for(kind, shape, dt):
        if kind == "ties":  # few distinct values: many ties
            x = rng.integers(0, 3, size=shape).astype(dt)
        elif kind == "nan":  # several NaNs, some windows with more than one
            x = rng.standard_normal(shape).astype(dt)
            flat = x.reshape(-1)
            flat[rng.choice(flat.size, size=max(3, flat.size // 6), replace=False)] = np.nan
        else:
            x = rng.standard_normal(shape).astype(dt)
        return x

    max_cases = [
        # name, spatial shape, kernel, stride, padding, dilation, ceil, input kind, batched
        ("max1d_basic", (9,), (3,), (3,), (0,), (1,), False, "normal", True),
        ("max1d_s2_p1_ceil", (6,), (3,), (2,), (1,), (1,), True, "normal", True),
        ("max1d_dil2_p1", (10,), (3,), (2,), (1,), (2,), False, "normal", True),
        ("max1d_unbatched", (8,), (2,), (1,), (1,), (1,), False, "normal", False),
        ("max2d_basic", (6, 6), (2, 2), (2, 2), (0, 0), (1, 1), False, "normal", True),
        ("max2d_s12_p10", (7, 6), (3, 2), (1, 2), (1, 0), (1, 1), False, "normal", True),
        ("max2d_ceil", (7, 7), (3, 3), (2, 2), (1, 1), (1, 1), True, "normal", True),
        ("max2d_ceil_lastwindow", (5, 5), (2, 2), (2, 2), (1, 1), (1, 1), True, "normal", True),
        ("max2d_dil", (9, 8), (3, 2), (2, 1), (1, 1), (2, 3), False, "normal", True),
        ("max2d_dil_ceil", (8, 9), (2, 3), (2, 2), (1, 1), (2, 2), True, "normal", True),
        ("max2d_ties", (6, 7), (3, 3), (1, 2), (1, 1), (1, 1), False, "ties", True),
        ("max2d_nan", (6, 6), (3, 3), (1, 1), (1, 0), (1, 1), True, "nan", True),
        ("max2d_unbatched", (5, 5), (2, 2), (1, 1), (0, 0), (1, 1), False, "normal", False),
        ("max3d_basic", (4, 4, 4), (2, 2, 2), (2, 2, 2), (0, 0, 0), (1, 1, 1), False, "normal", True),
        ("max3d_mixed", (5, 6, 4), (3, 2, 2), (2, 1, 2), (1, 1, 0), (1, 2, 1), True, "normal", True),
        ("max3d_ties", (4, 5, 4), (2, 3, 2), (1, 2, 1), (1, 1, 0), (1, 1, 1), False, "ties", True),
        ("max3d_nan", (4, 4, 5), (2, 2, 3), (1, 1, 2), (0, 1, 1), (1, 1, 1), True, "nan", False),
    ]
    for dt in ("float32", "float64"):
        for name, sp, k, s, p, d, ceil, kind, batched in max_cases:
            shape = ((2, 3) if batched else (3,)) + sp
            x = input_for(kind, shape, dt)
            y, idx = torch_max_pool(x, k, s, p, d, ceil)
            dy = rng.standard_normal(y.shape).astype(dt)
            dx = torch_max_pool_backward(dy, idx, x.shape, len(k))
            add(f"{name}_{dt}", "max", dt, x, y, dy, dx, idx, k, s, p, d, ceil)

    avg_cases = [
        # name, spatial shape, kernel, stride, padding, ceil, count_include_pad, divisor, batched
        ("avg1d_spec", (6,), (3,), (2,), (1,), True, True, 0, True),
        ("avg1d_spec_exc", (6,), (3,), (2,), (1,), True, False, 0, True),
        ("avg1d_basic", (9,), (2,), (2,), (0,), False, True, 0, False),
        ("avg2d_basic", (6, 6), (2, 2), (2, 2), (0, 0), False, True, 0, True),
        ("avg2d_pad_inc", (7, 6), (3, 3), (2, 1), (1, 1), False, True, 0, True),
        ("avg2d_pad_exc", (7, 6), (3, 3), (2, 1), (1, 1), False, False, 0, True),
        ("avg2d_ceil_inc", (7, 8), (3, 2), (2, 3), (1, 1), True, True, 0, True),
        ("avg2d_ceil_exc", (7, 8), (3, 2), (2, 3), (1, 1), True, False, 0, True),
        ("avg2d_ceil_lastwindow", (5, 5), (2, 2), (2, 2), (1, 1), True, True, 0, True),
        ("avg2d_ceil_lastwindow_exc", (5, 6), (2, 2), (2, 2), (1, 1), True, False, 0, True),
        ("avg2d_divisor", (6, 7), (3, 3), (2, 2), (1, 1), True, True, 5, True),
        ("avg2d_divisor_exc", (6, 7), (2, 3), (1, 2), (1, 1), False, False, 2, False),
        ("avg3d_basic", (4, 4, 4), (2, 2, 2), (2, 2, 2), (0, 0, 0), False, True, 0, True),
        ("avg3d_mixed_inc", (5, 4, 6), (3, 2, 3), (2, 1, 2), (1, 1, 1), True, True, 0, True),
        ("avg3d_mixed_exc", (5, 4, 6), (3, 2, 3), (2, 1, 2), (1, 1, 1), True, False, 0, False),
        ("avg3d_divisor", (4, 5, 4), (2, 2, 2), (1, 2, 2), (1, 0, 1), False, True, 3, True),
    ]
    for dt in ("float32", "float64"):
        for name, sp, k, s, p, ceil, cip, div, batched in avg_cases:
            shape = ((2, 2) if batched else (3,)) + sp
            x = input_for("normal", shape, dt)
            y = torch_avg_pool(x, k, s, p, ceil, cip, div or None)
            dy = rng.standard_normal(y.shape).astype(dt)
            dx = torch_avg_pool_backward(dy, x.shape, k, s, p, ceil, cip, div or None)
            add(f"{name}_{dt}", "avg", dt, x, y, dy, dx, None, k, s, p, (), ceil, cip, div)

    theano_cases = [
        # name, shape, ws, stride, pad, ignore_border, input kind
        ("th_ib_basic", (2, 2, 6, 7), (2, 2), (2, 2), (0, 0), True, "normal"),
        ("th_nib_partial", (2, 2, 5, 7), (2, 3), (2, 3), (0, 0), False, "normal"),
        ("th_nib_overlap", (2, 1, 7, 6), (3, 3), (2, 1), (0, 0), False, "normal"),
        ("th_nib_bigstride", (1, 2, 7, 8), (2, 2), (3, 3), (0, 0), False, "normal"),
        ("th_ib_pad", (2, 2, 5, 6), (3, 3), (2, 2), (1, 1), True, "normal"),
        ("th_ib_pad_mixed", (2, 6, 7), (3, 2), (1, 2), (2, 1), True, "normal"),
        ("th_ib_ties", (2, 2, 6, 6), (3, 3), (1, 1), (1, 0), True, "ties"),
        ("th_rank2", (7, 5), (2, 2), (1, 2), (0, 0), False, "normal"),
        ("th_rank5", (2, 1, 2, 5, 5), (3, 2), (2, 2), (1, 1), True, "normal"),
    ]
    modes = ("max", "sum", "average_inc_pad", "average_exc_pad")
    for dt in ("float32", "float64"):
        for name, shape, ws, st, pad, ib, kind in theano_cases:
            x = input_for(kind, shape, dt)
            for mode in modes:
                y = theano_pool(x, ws, st, pad, ib, mode)
                dy = rng.standard_normal(y.shape).astype(dt)
                dx = theano_pool_backward(x, dy, ws, st, pad, ib, mode)
                add(f"{name}_{mode}_{dt}", "theano", dt, x, y, dy, dx, None, ws, st, pad, (), False, True, 0, mode, ib,
                    x_key=f"{name}_{dt}.x")
        # NaN through max (numpy.max propagates; MaxPoolGrad gives a NaN max no gradient)
        x = input_for("nan", (2, 2, 6, 6), dt)
        y = theano_pool(x, (2, 3), (1, 2), (0, 0), False, "max")
        dy = rng.standard_normal(y.shape).astype(dt)
        dx = theano_pool_backward(x, dy, (2, 3), (1, 2), (0, 0), False, "max")
        add(f"th_nan_max_{dt}", "theano", dt, x, y, dy, dx, None, (2, 3), (1, 2), (0, 0), (), False, True, 0, "max", False)

    # The lenet.txt example (SPEC §6.2): RandomState(1).rand(3,2,5,5), ws=(2,2), max
    for ib in (True, False):
        y = theano_pool(inv, (2, 2), (2, 2), (0, 0), ib, "max")
        dy = np.random.RandomState(2).standard_normal(y.shape)
        dx = theano_pool_backward(inv, dy, (2, 2), (2, 2), (0, 0), ib, "max")
        add(f"th_lenet_doc_ib{int(ib)}_float64", "theano", "float64", inv, y, dy, dx, None, (2, 2), (2, 2), (0, 0), (),
            False, True, 0, "max", ib)

    # the cases must exercise the ceil-mode last-window rule and windows holding several NaNs
    assert STATS["last_window_rule"] > 0 and STATS["multi_nan_windows"] > 0, STATS
    os.makedirs(OUT_DIR, exist_ok=True)
    np.savez_compressed(os.path.join(OUT_DIR, "pool.npz"), **arrays)
    with open(os.path.join(OUT_DIR, "manifest.tsv"), "w") as f:
        f.write("# generated by tools/gen_pool_fixtures.py; arrays in pool.npz as <x>, <name>.y/.dy/.dx[/.idx]\n")
        f.write("\t".join(["name", "x", "op", "dtype", "kernel", "stride", "padding", "dilation", "ceil",
                           "count_include_pad", "divisor", "mode", "ignore_border"]) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    size = os.path.getsize(os.path.join(OUT_DIR, "pool.npz"))
    print(f"{len(rows)} cases, {len(arrays)} arrays, pool.npz {size} bytes, {STATS}")


if __name__ == "__main__":
    main()
