#!/usr/bin/env python3
"""scipy.ndimage filter oracles for conv4j (SPEC §3).

Writes conv4j-core/src/test/resources/fixtures/filter/filter.npz and manifest.tsv.gz.

Every expected output is SciPy's own (scipy.ndimage, 1.17), except the NaN cases, whose expected
values come from numpy's sort order (np.sort puts NaN last) because SciPy leaves NaN undefined and
conv4j defines rank-type filters as sorted(window)[r] in that order (see Filters' Javadoc).

Coverage: correlate/convolve (N-d) and correlate1d/convolve1d for every mode name (8) x every valid
origin for K = 1..5 in 1-D, mixed origins in 2-D and 3-D, odd and even kernels, axes/axis variants,
kernels longer than the input (periodic extension, kept out of SciPy's N-d reflect bug regime of
SPEC §3.2: offsets <= -4n); uniform_filter(1d); minimum/maximum_filter(1d) with sizes, mode
sequences and footprints; median/percentile/rank_filter with sizes and footprints; float32 and
float64; the SPEC examples.

Manifest columns (tab separated): name, op, dtype, x (npz key of the input), params (k=v;k=v).
The expected output is y64 or y32 (by dtype) from offset y=, input-shaped; weights / footprints are npz arrays named in params.

Usage: python3 tools/gen_filter_fixtures.py   (numpy, scipy; deterministic)
"""
import gzip
import io
import itertools
import os

import numpy as np
from scipy import ndimage as nd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "conv4j-core", "src", "test", "resources", "fixtures", "filter")

MODES = ["reflect", "constant", "nearest", "mirror", "wrap", "grid-wrap", "grid-constant", "grid-mirror"]
DTYPES = ["float64", "float32"]

rng = np.random.default_rng(20240611)
arrays = {}
rows = []
counter = itertools.count()


def put(key, arr):
    assert key not in arrays, key
    arrays[key] = np.ascontiguousarray(arr)
    return key


def inp(shape, dtype, ints=False, nan=False):
    if ints:
        a = rng.integers(-4, 5, size=shape).astype(np.float64)
    else:
        a = rng.standard_normal(shape)
    if nan:
        flat = a.reshape(-1)
        idx = rng.choice(flat.size, size=max(1, flat.size // 6), replace=False)
        flat[idx] = np.nan
    return put("x%d" % next(counter), a.astype(dtype))


outputs = {"float64": [], "float32": []}
filled = {"float64": 0, "float32": 0}


def case(op, dtype, x, y, **params):
    """Expected outputs are packed into one flat array per dtype (y64 / y32); params get y=offset."""
    name = "c%04d_%s" % (len(rows), op)
    y = np.asarray(y)
    assert y.dtype == np.dtype(dtype), (op, y.dtype, dtype)
    assert y.shape == arrays[x].shape
    params["y"] = filled[dtype]
    outputs[dtype].append(y.reshape(-1))
    filled[dtype] += y.size
    ps = ";".join("%s=%s" % (k, v) for k, v in params.items())
    rows.append((name, op, dtype, x, ps))


def lst(v):
    return ",".join(str(int(t)) for t in np.atleast_1d(v))


def origins_for(k):
    return range(-(k // 2), (k - 1) // 2 + 1)


# ---------------------------------------------------------------------------------------------
# correlate / convolve

def corr_cases():
    # 1-D, every K, every valid origin, every mode name, both dtypes, N-d and 1d entry points
    for dtype in DTYPES:
        x = inp((7,), dtype)
        for k in range(2, 6):
            w = rng.standard_normal(k)
            wk = put("w%d" % next(counter), w)
            for o in origins_for(k):
                for m in MODES:
                    for op, fn in (("correlate", nd.correlate), ("convolve", nd.convolve)):
                        y = fn(arrays[x], w, mode=m, cval=-1.5, origin=o)
                        case(op, dtype, x, y, weights=wk, mode=m, cval=-1.5, origin=o)
                    for op, fn in (("correlate1d", nd.correlate1d), ("convolve1d", nd.convolve1d)):
                        y = fn(arrays[x], w, axis=-1, mode=m, cval=0.75, origin=o)
                        case(op, dtype, x, y, weights=wk, axis=-1, mode=m, cval=0.75, origin=o)
    # symmetric / antisymmetric 1-D weights (SciPy's correlate1d shortcut orders terms differently)
    x = inp((9,), "float64")
    for w in ([1.0, 2.0, 1.0], [-1.0, 0.0, 1.0], [0.25, 0.5, 0.5, 0.25], [1e-17, 1.0, 1e-17]):
        wk = put("w%d" % next(counter), np.array(w))
        for m in ("reflect", "wrap"):
            case("correlate1d", "float64", x, nd.correlate1d(arrays[x], w, mode=m), weights=wk, axis=0, mode=m, origin=0)
            case("correlate", "float64", x, nd.correlate(arrays[x], np.array(w), mode=m), weights=wk, mode=m, origin=0)
    # 2-D, odd/even kernels, mixed origins
    for dtype in DTYPES:
        x = inp((6, 7), dtype)
        for kshape in ((3, 3), (2, 3), (4, 4), (1, 5), (5, 2)):
            w = rng.standard_normal(kshape)
            wk = put("w%d" % next(counter), w)
            origin_sets = list(itertools.product(origins_for(kshape[0]), origins_for(kshape[1])))
            pick = [origin_sets[0], origin_sets[-1], origin_sets[len(origin_sets) // 2]]
            for m in MODES:
                for o in pick:
                    for op, fn in (("correlate", nd.correlate), ("convolve", nd.convolve)):
                        y = fn(arrays[x], w, mode=m, cval=2.0, origin=list(o))
                        case(op, dtype, x, y, weights=wk, mode=m, cval=2.0, origins=lst(o))
        # correlate1d / convolve1d along each axis of a 2-D input
        w = rng.standard_normal(4)
        wk = put("w%d" % next(counter), w)
        for axis in (0, 1, -2):
            for m in ("reflect", "mirror", "constant", "wrap"):
                for o in origins_for(4):
                    for op, fn in (("correlate1d", nd.correlate1d), ("convolve1d", nd.convolve1d)):
                        y = fn(arrays[x], w, axis=axis, mode=m, cval=-2.0, origin=o)
                        case(op, dtype, x, y, weights=wk, axis=axis, mode=m, cval=-2.0, origin=o)
    # 3-D
    for dtype in DTYPES:
        x = inp((3, 4, 5), dtype)
        w = rng.standard_normal((2, 3, 2))
        wk = put("w%d" % next(counter), w)
        for m in MODES:
            for o in ((0, 0, 0), (-1, 1, 0), (0, -1, -1)):
                for op, fn in (("correlate", nd.correlate), ("convolve", nd.convolve)):
                    case(op, dtype, x, fn(arrays[x], w, mode=m, cval=0.5, origin=list(o)),
                         weights=wk, mode=m, cval=0.5, origins=lst(o))
        # axes: a 2-D kernel over axes (0, 2), (2, 0) and (-1, -2); a 1-D kernel over one axis
        w2 = rng.standard_normal((3, 2))
        wk2 = put("w%d" % next(counter), w2)
        for axes in ((0, 2), (2, 0), (-1, -2), (1, 2)):
            for o in ((0, 0), (0, -1), (-1, 0)):
                for op, fn in (("correlate", nd.correlate), ("convolve", nd.convolve)):
                    case(op, dtype, x, fn(arrays[x], w2, mode="mirror", origin=list(o), axes=axes),
                         weights=wk2, mode="mirror", origins=lst(o), axes=lst(axes))
        w1 = rng.standard_normal(3)
        wk1 = put("w%d" % next(counter), w1)
        for ax in (0, 1, 2, -1):
            case("correlate", dtype, x, nd.correlate(arrays[x], w1, mode="nearest", axes=(ax,)),
                 weights=wk1, mode="nearest", origin=0, axes=ax)
        for axis in (0, 1, 2):
            case("correlate1d", dtype, x, nd.correlate1d(arrays[x], w1, axis=axis, mode="wrap", origin=1),
                 weights=wk1, axis=axis, mode="wrap", origin=1)
    # kernels longer than the input: periodic extension (N-d path stays below the reflect bug)
    for dtype in DTYPES:
        for n in (1, 3):
            x = inp((n,), dtype)
            for k in (4, 11):
                w = rng.standard_normal(k)
                wk = put("w%d" % next(counter), w)
                for m in MODES:
                    for o in (-(k // 2), 0, (k - 1) // 2):
                        case("correlate", dtype, x, nd.correlate(arrays[x], w, mode=m, cval=3.0, origin=o),
                             weights=wk, mode=m, cval=3.0, origin=o)
                        case("convolve1d", dtype, x, nd.convolve1d(arrays[x], w, mode=m, cval=3.0, origin=o),
                             weights=wk, axis=0, mode=m, cval=3.0, origin=o)
        x = inp((2, 3), dtype)
        w = rng.standard_normal((6, 7))
        wk = put("w%d" % next(counter), w)
        for m in MODES:
            case("correlate", dtype, x, nd.correlate(arrays[x], w, mode=m, cval=-1.0), weights=wk, mode=m, cval=-1.0,
                 origin=0)


# ---------------------------------------------------------------------------------------------
# uniform

def uniform_cases():
    for dtype in DTYPES:
        x = inp((9,), dtype, ints=True)
        xr = inp((9,), dtype)
        for size in range(1, 6):
            for o in origins_for(size):
                for m in MODES:
                    for xx in (x, xr):
                        case("uniform", dtype, xx, nd.uniform_filter(arrays[xx], size, mode=m, cval=1.25, origin=o),
                             size=size, mode=m, cval=1.25, origin=o)
                    case("uniform1d", dtype, xr, nd.uniform_filter1d(arrays[xr], size, mode=m, cval=1.25, origin=o),
                         size=size, axis=0, mode=m, cval=1.25, origin=o)
        x2 = inp((8, 9), dtype)
        for sizes in ((3, 3), (2, 5), (4, 1), (9, 12)):
            for m in MODES:
                case("uniform", dtype, x2, nd.uniform_filter(arrays[x2], sizes, mode=m, cval=-0.5),
                     size=lst(sizes), mode=m, cval=-0.5, origin=0)
            o = (-(sizes[0] // 2), (sizes[1] - 1) // 2)
            case("uniform", dtype, x2, nd.uniform_filter(arrays[x2], sizes, mode=["wrap", "constant"], cval=2.0,
                                                         origin=list(o)),
                 size=lst(sizes), modes="wrap,constant", cval=2.0, origins=lst(o))
        for axis in (0, 1, -1):
            case("uniform1d", dtype, x2, nd.uniform_filter1d(arrays[x2], 4, axis=axis, mode="mirror", origin=-1),
                 size=4, axis=axis, mode="mirror", origin=-1)
        x3 = inp((4, 5, 6), dtype)
        case("uniform", dtype, x3, nd.uniform_filter(arrays[x3], 3), size=3, mode="reflect", origin=0)
        for axes in ((2, 0), (0, 2), (1,)):
            sizes = (3, 4)[: len(axes)]
            case("uniform", dtype, x3, nd.uniform_filter(arrays[x3], sizes, mode="nearest", axes=axes),
                 size=lst(sizes), mode="nearest", origin=0, axes=lst(axes))
        # a larger one, where column blocks and line order matter
        xl = inp((6, 1100), dtype)
        case("uniform", dtype, xl, nd.uniform_filter(arrays[xl], (5, 7), mode="reflect"), size="5,7",
             mode="reflect", origin=0)


# ---------------------------------------------------------------------------------------------
# minimum / maximum

def minmax_cases():
    cross = np.array([[0, 1, 0], [1, 1, 1], [0, 1, 0]], bool)
    for dtype in DTYPES:
        x = inp((9,), dtype, ints=True)
        for size in range(1, 6):
            for o in origins_for(size):
                for m in MODES:
                    for op, fn, fn1 in (("minimum", nd.minimum_filter, nd.minimum_filter1d),
                                        ("maximum", nd.maximum_filter, nd.maximum_filter1d)):
                        case(op, dtype, x, fn(arrays[x], size, mode=m, cval=7.0, origin=o), size=size, mode=m,
                             cval=7.0, origin=o)
                        case(op + "1d", dtype, x, fn1(arrays[x], size, mode=m, cval=7.0, origin=o), size=size,
                             axis=0, mode=m, cval=7.0, origin=o)
        x2 = inp((7, 8), dtype)
        fpk = put("fp%d" % next(counter), cross)
        rnd = rng.random((3, 4)) < 0.6
        rnd[0, 0] = True
        rk = put("fp%d" % next(counter), rnd)
        full = put("fp%d" % next(counter), np.ones((2, 3), bool))
        for op, fn in (("minimum", nd.minimum_filter), ("maximum", nd.maximum_filter)):
            for m in MODES:
                case(op, dtype, x2, fn(arrays[x2], (3, 4), mode=m, cval=-9.0), size="3,4", mode=m, cval=-9.0, origin=0)
                case(op, dtype, x2, fn(arrays[x2], footprint=cross, mode=m, cval=-9.0), footprint=fpk, mode=m,
                     cval=-9.0, origin=0)
            for o in ((0, 0), (-1, 1), (1, -2)):
                case(op, dtype, x2, fn(arrays[x2], footprint=rnd, mode="wrap", origin=list(o)), footprint=rk,
                     mode="wrap", origins=lst(o))
                case(op, dtype, x2, fn(arrays[x2], footprint=np.ones((2, 3), bool), mode=["nearest", "mirror"],
                                       origin=[min(o[0], 0), o[1] % 2]),
                     footprint=full, modes="nearest,mirror", origins=lst((min(o[0], 0), o[1] % 2)))
            case(op, dtype, x2, fn(arrays[x2], (2, 5), mode=["constant", "reflect"], cval=4.0), size="2,5",
                 modes="constant,reflect", cval=4.0, origin=0)
            for axis in (0, 1):
                op1 = op + "1d"
                fn1 = nd.minimum_filter1d if op == "minimum" else nd.maximum_filter1d
                case(op1, dtype, x2, fn1(arrays[x2], 4, axis=axis, mode="reflect", origin=1), size=4, axis=axis,
                     mode="reflect", origin=1)
        x3 = inp((4, 5, 6), dtype)
        for op, fn in (("minimum", nd.minimum_filter), ("maximum", nd.maximum_filter)):
            case(op, dtype, x3, fn(arrays[x3], 3, mode="mirror"), size=3, mode="mirror", origin=0)
            case(op, dtype, x3, fn(arrays[x3], (3, 2), mode="wrap", axes=(2, 0)), size="3,2", mode="wrap", origin=0,
                 axes="2,0")
            case(op, dtype, x3, fn(arrays[x3], footprint=cross, mode="constant", cval=1.0, axes=(0, 2)),
                 footprint=fpk, mode="constant", cval=1.0, origin=0, axes="0,2")
        xl = inp((12, 1030), dtype)
        for op, fn in (("minimum", nd.minimum_filter), ("maximum", nd.maximum_filter)):
            case(op, dtype, xl, fn(arrays[xl], (9, 5), mode="reflect"), size="9,5", mode="reflect", origin=0)


# ---------------------------------------------------------------------------------------------
# rank / median / percentile

def rank_cases():
    cross = np.array([[0, 1, 0], [1, 1, 1], [0, 1, 0]], bool)
    ring = np.array([[1, 1, 1, 1], [1, 0, 0, 1], [1, 1, 1, 1]], bool)
    for dtype in DTYPES:
        for ints in (True, False):
            x = inp((11,), dtype, ints=ints)
            for size in range(2, 6):
                for o in origins_for(size):
                    for m in MODES:
                        case("median", dtype, x, nd.median_filter(arrays[x], size, mode=m, cval=0.5, origin=o),
                             size=size, mode=m, cval=0.5, origin=o)
            for size, r in ((3, 1), (4, 1), (4, -2), (5, 3), (5, 0), (5, -1)):
                for m in ("reflect", "constant", "wrap"):
                    case("rank", dtype, x, nd.rank_filter(arrays[x], r, size, mode=m, cval=-3.0), rank=r, size=size,
                         mode=m, cval=-3.0, origin=0)
            for size, p in ((5, 50.0), (5, 0.0), (5, 100.0), (4, 25.0), (4, -25.0), (6, 99.9), (6, 33.3)):
                case("percentile", dtype, x, nd.percentile_filter(arrays[x], p, size, mode="mirror"), percentile=p,
                     size=size, mode="mirror", origin=0)
        x2 = inp((9, 10), dtype, ints=True)
        x2r = inp((9, 10), dtype)
        ck = put("fp%d" % next(counter), cross)
        rk = put("fp%d" % next(counter), ring)
        for m in MODES:
            for xx in (x2, x2r):
                case("median", dtype, xx, nd.median_filter(arrays[xx], (3, 4), mode=m, cval=1.0), size="3,4", mode=m,
                     cval=1.0, origin=0)
                case("median", dtype, xx, nd.median_filter(arrays[xx], footprint=cross, mode=m, cval=1.0),
                     footprint=ck, mode=m, cval=1.0, origin=0)
        for o in ((0, 0), (-1, 1), (1, -2), (-1, -2)):
            case("rank", dtype, x2r, nd.rank_filter(arrays[x2r], 4, footprint=ring, mode="nearest", origin=list(o)),
                 rank=4, footprint=rk, mode="nearest", origins=lst(o))
            case("percentile", dtype, x2r,
                 nd.percentile_filter(arrays[x2r], 70, footprint=ring, mode="reflect", origin=list(o)),
                 percentile=70.0, footprint=rk, mode="reflect", origins=lst(o))
        # rank 0 / n-1 dispatch to min/max, including a mode sequence (allowed there)
        case("rank", dtype, x2r, nd.rank_filter(arrays[x2r], 0, (3, 3), mode=["wrap", "constant"], cval=5.0),
             rank=0, size="3,3", modes="wrap,constant", cval=5.0, origin=0)
        case("rank", dtype, x2r, nd.rank_filter(arrays[x2r], -1, footprint=cross, mode="mirror"), rank=-1,
             footprint=ck, mode="mirror", origin=0)
        x3 = inp((4, 5, 6), dtype)
        case("median", dtype, x3, nd.median_filter(arrays[x3], 3, mode="reflect"), size=3, mode="reflect", origin=0)
        for axes in ((0, 2), (2, 1), (1,)):
            sizes = (3, 2)[: len(axes)]
            case("median", dtype, x3, nd.median_filter(arrays[x3], sizes, mode="wrap", axes=axes), size=lst(sizes),
                 mode="wrap", origin=0, axes=lst(axes))
            case("median", dtype, x3, nd.median_filter(arrays[x3], footprint=cross[: 1 + len(axes)][:, :len(axes) + 1]
                                                       if len(axes) == 2 else np.array([1, 0, 1], bool),
                                                       mode="constant", cval=2.0, axes=axes),
                 footprint=put("fp%d" % next(counter), cross[: 1 + len(axes)][:, :len(axes) + 1]
                               if len(axes) == 2 else np.array([1, 0, 1], bool)),
                 mode="constant", cval=2.0, origin=0, axes=lst(axes))
        xl = inp((14, 260), dtype)
        case("median", dtype, xl, nd.median_filter(arrays[xl], 9, mode="reflect"), size=9, mode="reflect", origin=0)
        case("percentile", dtype, xl, nd.percentile_filter(arrays[xl], 20, (5, 7), mode="nearest"), percentile=20.0,
             size="5,7", mode="nearest", origin=0)
        # long windows on short inputs (periodic extension). SciPy 1.17's 1-D rank path
        # (_rank_filter_1d) reads out of bounds for 'mirror' when the window is longer than the input
        # (it returns values like 1.6e-322); there the expected value is numpy's sorted window, the
        # SPEC §3.2 periodic rule, and everywhere else the generator checks that both agree.
        for n in (1, 2, 3):
            xs = inp((n,), dtype, ints=True)
            for m in MODES:
                y = nd.median_filter(arrays[xs], 7, mode=m, cval=1.0)
                ref = sorted_window_filter(arrays[xs], (7,), 3, NP_MODE[m], 1.0).astype(dtype)
                extra = {}
                if not np.array_equal(y, ref):
                    assert m == "mirror" and n > 1, (m, n, y, ref)
                    STATS["scipy_1d_rank_mirror_bug"] += 1
                    y = ref
                    extra["ref"] = "numpy"
                case("median", dtype, xs, y, size=7, mode=m, cval=1.0, origin=0, **extra)
        xs2 = inp((2, 3), dtype)
        for m in MODES:
            case("median", dtype, xs2, nd.median_filter(arrays[xs2], (5, 6), mode=m, cval=1.0), size="5,6", mode=m,
                 cval=1.0, origin=0)


# ---------------------------------------------------------------------------------------------
# NaN: conv4j's definition, sorted(window)[r] with NaN last (numpy sort order)

NP_MODE = {"reflect": "reflect", "grid-mirror": "reflect", "mirror": "mirror", "nearest": "nearest",
           "wrap": "wrap", "grid-wrap": "wrap", "constant": "constant", "grid-constant": "constant"}
STATS = {"scipy_1d_rank_mirror_bug": 0}
NP_PAD = {"reflect": "symmetric", "mirror": "reflect", "nearest": "edge", "wrap": "wrap", "constant": "constant"}


def sorted_window_filter(x, size, r, mode, cval, origin=0):
    a = [s // 2 + origin for s in size]
    pads = [(ai, s - 1 - ai) for ai, s in zip(a, size)]
    kw = {"constant_values": cval} if mode == "constant" else {}
    xp = np.pad(x.astype(np.float64), pads, mode=NP_PAD[mode], **kw)
    win = np.lib.stride_tricks.sliding_window_view(xp, size)
    flat = win.reshape(win.shape[: x.ndim] + (-1,))
    return np.sort(flat, axis=-1)[..., r]


def nan_cases():
    for dtype in DTYPES:
        x = inp((12,), dtype, nan=True)
        x2 = inp((7, 8), dtype, nan=True)
        for m in ("reflect", "constant", "wrap", "nearest", "mirror"):
            for size in (3, 4):
                for op, r in (("minimum", 0), ("maximum", size - 1), ("median", size // 2)):
                    y = sorted_window_filter(arrays[x], (size,), r, m, 0.5).astype(dtype)
                    case(op, dtype, x, y, size=size, mode=m, cval=0.5, origin=0, nan=1)
            for op, r in (("minimum", 0), ("maximum", 8), ("median", 4), ("rank", 2)):
                y = sorted_window_filter(arrays[x2], (3, 3), r, m, -0.5).astype(dtype)
                extra = {"rank": r} if op == "rank" else {}
                case(op, dtype, x2, y, size="3,3", mode=m, cval=-0.5, origin=0, nan=1, **extra)


# ---------------------------------------------------------------------------------------------
# SPEC examples

def spec_cases():
    x = put("spec_median_x", np.array([1, 5, 2, 8, 3], np.float64))
    y = nd.median_filter(arrays[x], 2)
    assert y.tolist() == [1, 5, 5, 8, 8]
    case("median", "float64", x, y, size=2, mode="reflect", origin=0)
    # §3.3 dtype example, float64 output
    x = put("spec_corr_x", np.array([1, 2, -3, -4, 5], np.float64))
    y = nd.correlate(arrays[x], np.array([0.5, 0.5]), mode="constant")
    assert y.tolist() == [0.5, 1.5, -0.5, -3.5, 0.5]
    case("correlate", "float64", x, y, weights=put("spec_corr_w", np.array([0.5, 0.5])), mode="constant", origin=0)
    # §0 identities: signal.correlate(x, w, 'same') == ndimage.correlate(x, w, mode='constant')
    from scipy import signal
    x = put("spec_same_x", np.array([1, 2, 3, 4, 5], np.float64))
    w = np.array([1, 0, -1, 2], np.float64)
    wk = put("spec_same_w", w)
    y = nd.correlate(arrays[x], w, mode="constant")
    assert np.allclose(y, signal.correlate(arrays[x], w, "same"))
    case("correlate", "float64", x, y, weights=wk, mode="constant", origin=0)
    y = nd.convolve(arrays[x], w, mode="constant", origin=-1)
    assert np.allclose(y, signal.convolve(arrays[x], w, "same"))
    case("convolve", "float64", x, y, weights=wk, mode="constant", origin=-1)


def main():
    corr_cases()
    uniform_cases()
    minmax_cases()
    rank_cases()
    nan_cases()
    spec_cases()
    os.makedirs(OUT_DIR, exist_ok=True)
    put("y64", np.concatenate(outputs["float64"]))
    put("y32", np.concatenate(outputs["float32"]))
    np.savez_compressed(os.path.join(OUT_DIR, "filter.npz"), **arrays)
    # gzip with a fixed mtime keeps the file small and the output byte-for-byte reproducible
    with gzip.GzipFile(os.path.join(OUT_DIR, "manifest.tsv.gz"), "wb", mtime=0) as gz, \
            io.TextIOWrapper(gz, encoding="utf-8") as f:
        f.write("# generated by tools/gen_filter_fixtures.py (scipy %s, numpy %s); name, op, dtype, x, params\n"
                % (__import__("scipy").__version__, np.__version__))
        for r in rows:
            f.write("\t".join(str(c) for c in r) + "\n")
    ops = {}
    for r in rows:
        ops[r[1]] = ops.get(r[1], 0) + 1
    print("%d cases: %s" % (len(rows), ", ".join("%s %d" % kv for kv in sorted(ops.items()))))
    print("stats:", STATS)
    print("npz: %d bytes" % os.path.getsize(os.path.join(OUT_DIR, "filter.npz")))


if __name__ == "__main__":
    main()
