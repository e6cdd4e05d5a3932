#!/usr/bin/env python3
"""Generates the NumPy oracle fixtures for conv4j's Tensor core tests.

Usage (from the repository root; deterministic, safe to re-run, rewrites both files):

    python3 tools/gen_tensor_fixtures.py

Writes, beside the Java tests, into conv4j-core/src/test/resources/fixtures/tensor/:

* ``ops.txt``   -- one block per operation case, read by ``TensorOracleTest`` (via ``Fixtures.java``);
* ``print.txt`` -- one block per ``str(array)`` case, read by ``TensorPrintOracleTest``.

Expected values come from NumPy (and ``scipy.special.expit`` for the sigmoid); the versions used
are recorded in the file headers (generated with numpy 2.4 / scipy 1.17). All random inputs are
drawn from ``numpy.random.default_rng`` seeded with the CRC-32 of the case name, so a case's data
does not change when other cases are added.

Text format (UTF-8, one item per line, ``#`` starts a comment line)::

    case <name>                  starts a block (which ends at the next "case"); names are unique;
                                 in ops.txt the name up to the first "/" is the operation
                                 (see TensorOracleTest.apply for the mapping to Tensor methods)
    arg <key> <value>            operation argument; value is the rest of the line:
                                 integers, comma-separated integer lists ("" = empty list),
                                 "none", "true"/"false", a float (Python repr) or free text
    in <dtype> <shape> <values>  an input; dtype float32|float64; shape "2,3", "()" for rank 0,
                                 "0" for (0,); values in C order, or a generator instead of values:
                                   @arange            value i
                                   @mod k m o d       ((i*k) % m - o) / d   (double arithmetic)
                                 then rounded to the dtype, optionally followed by overrides
                                 " | i=v i=v" (flat index = value)
    pre <i> <expr>               apply an index expression (NumPy syntax, Tensor.slice(String)),
                                 "T" (transpose) or "expand 2,3,4" (broadcast_to) to input i first
    out <dtype> <shape> <values> an expected output (several for split)
    view true|false              np.shares_memory(output, input 0)
    strides <ints>               the output's element strides (NumPy strides / itemsize), for views
    contig true|false            output.flags.c_contiguous
    text <n>                     (print.txt) the next n lines are str(input 0)

Values: float64 as Python ``repr(float)`` (round-trips exactly through Double.parseDouble);
float32 as NumPy's shortest float32 ``str`` (round-trips exactly through Float.parseFloat);
integral values below 1e15 as plain integers ("12"); ``nan``, ``inf``, ``-inf`` and ``-0.0`` spelled so.
"""

import os
import sys
import warnings
import zlib

import numpy as np
import scipy
import scipy.special

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "conv4j-core", "src", "test", "resources", "fixtures", "tensor")

F32 = np.float32
F64 = np.float64
DTYPES = (F32, F64)
DNAME = {F32: "float32", F64: "float64"}
SHORT = {F32: "f32", F64: "f64"}


def rng_for(name):
    return np.random.default_rng(zlib.crc32(name.encode()))


def fmt_value(v, dtype):
    if np.isnan(v):
        return "nan"
    if np.isinf(v):
        return "inf" if v > 0 else "-inf"
    if v == int(v) and abs(v) < 1e15 and not (v == 0 and np.signbit(v)):
        return str(int(v))  # integral values without ".0" (shorter; parses to the same number)
    if dtype == F32:
        return str(np.float32(v))
    return repr(float(v))


def fmt_shape(shape):
    return "()" if len(shape) == 0 else ",".join(str(d) for d in shape)


def fmt_array(a):
    dt = F32 if a.dtype == np.float32 else F64
    assert a.dtype in (np.float32, np.float64), a.dtype
    vals = " ".join(fmt_value(v, dt) for v in np.ascontiguousarray(a).ravel())
    return f"{DNAME[dt]} {fmt_shape(a.shape)}" + (" " + vals if a.size else "")


def fmt_arg(v):
    if v is None:
        return "none"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, float):
        return fmt_value(v, F64)
    if isinstance(v, (list, tuple)):
        return ",".join(fmt_arg(x) for x in v)
    return str(v)


def gen_values(spec, n):
    spec, _, overrides = spec.partition(" | ")
    v = gen_base(spec, n)
    for o in overrides.split():
        i, x = o.split("=")
        v[int(i)] = float(x)
    return v


def gen_base(spec, n):
    parts = spec.split()
    if parts[0] == "@arange":
        return np.arange(n, dtype=np.float64)
    if parts[0] == "@mod":
        k, m, o, d = (int(p) for p in parts[1:])
        i = np.arange(n, dtype=np.int64)
        return ((i * k) % m - o).astype(np.float64) / float(d)
    raise ValueError(spec)


class Input:
    """An input array plus how it is written (explicit values or a generator spec)."""

    def __init__(self, array, spec=None):
        self.array = array
        self.spec = spec

    def line(self):
        if self.spec is None:
            return "in " + fmt_array(self.array)
        return f"in {DNAME[F32 if self.array.dtype == np.float32 else F64]} {fmt_shape(self.array.shape)} {self.spec}"


def gen(shape, dtype, spec="@arange"):
    n = int(np.prod(shape)) if len(shape) else 1
    return Input(gen_values(spec, n).astype(dtype).reshape(shape), spec)


PRIMES = [101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179]
DIVISORS = [7, 9, 11, 13, 3, 10, 100, 6]


def pseudo(shape, dtype, name):
    """Scrambled, non-dyadic values in about [-8, 8] written as a short generator spec."""
    h = zlib.crc32(name.encode())
    m = PRIMES[h % len(PRIMES)]
    k = 1 + (h >> 8) % (m - 1)
    d = DIVISORS[(h >> 16) % len(DIVISORS)]
    return gen(shape, dtype, f"@mod {k} {m} {m // 2} {max(1, d * m // 16)}")


def arr(values, dtype, shape=None):
    a = np.array(values, dtype=np.float64).astype(dtype)
    return Input(a.reshape(shape) if shape is not None else a)


def apply_pre(x, expr):
    if expr == "T":
        return x.T
    if expr.startswith("expand "):
        return np.broadcast_to(x, tuple(int(d) for d in expr[7:].split(",")))
    e = expr.strip()
    if e.startswith("[") and e.endswith("]"):
        e = e[1:-1]
    return eval("x[" + e + "]", {"x": x, "None": None, "newaxis": None})  # noqa: S307 (our own literals)


# ----------------------------------------------------------------------------------------------
# NumPy reference for every op, mirroring TensorOracleTest.apply


BINARY = {
    "add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide, "pow": np.power,
    "maximum": np.maximum, "minimum": np.minimum,
    "eq": np.equal, "ne": np.not_equal, "lt": np.less, "le": np.less_equal, "gt": np.greater,
    "ge": np.greater_equal,
}
COMPARISONS = {"eq", "ne", "lt", "le", "gt", "ge"}
UNARY = {
    "neg": np.negative, "abs": np.abs, "exp": np.exp, "log": np.log, "sqrt": np.sqrt,
    "tanh": np.tanh, "sigmoid": scipy.special.expit, "relu": lambda x: np.maximum(x, x.dtype.type(0)),
}
REDUCE = {"sum": np.sum, "mean": np.mean, "var": np.var, "std": np.std, "min": np.min, "max": np.max}


def np_apply(op, args, xs):
    x = xs[0] if xs else None
    if op == "slice":
        idx = [slice(None)] * x.ndim
        idx[args["axis"]] = slice(args["start"], args["stop"], args["step"])
        return [x[tuple(idx)]]
    if op == "index":
        return [apply_pre(x, args["expr"])]
    if op == "select":
        return [x[(slice(None),) * (args["axis"] % x.ndim) + (args["index"],)]]
    if op == "permute":
        return [np.transpose(x, args["axes"])]
    if op == "transpose":
        if "a" in args:
            return [np.swapaxes(x, args["a"], args["b"])]
        return [x.T]
    if op == "reshape":
        return [x.reshape(args["shape"])]
    if op == "flatten":
        return [x.reshape(-1)]
    if op == "expand":
        shape = list(args["shape"])
        off = len(shape) - x.ndim
        shape = [x.shape[i - off] if (s == -1 and i >= off) else s for i, s in enumerate(shape)]
        return [np.broadcast_to(x, shape)]
    if op == "flip":
        return [np.flip(x, axis=tuple(args["axes"]) if args["axes"] else None)]
    if op == "squeeze":
        return [np.squeeze(x, axis=tuple(args["axes"]) if args["axes"] else None)]
    if op == "unsqueeze":
        return [np.expand_dims(x, args["axis"])]
    if op in BINARY:
        r = BINARY[op](x, xs[1])
        if op in COMPARISONS:
            r = r.astype(np.result_type(x, xs[1]))
        return [r]
    if op.endswith("_s") and op[:-2] in BINARY:
        s = args["s"]
        r = BINARY[op[:-2]](x, s)  # a Python float: NumPy 2 weak scalar
        if op[:-2] in COMPARISONS:
            r = r.astype(x.dtype)
        return [r]
    if op in UNARY:
        return [UNARY[op](x)]
    if op == "clamp":
        return [np.clip(x, x.dtype.type(args["min"]), x.dtype.type(args["max"]))]
    if op in REDUCE:
        axes = args.get("axes")
        kw = {}
        if axes is not None:
            kw["axis"] = tuple(axes)
            kw["keepdims"] = args["keepdims"]
        if op in ("var", "std") and "ddof" in args:
            kw["ddof"] = args["ddof"]
        return [np.asarray(REDUCE[op](x, **kw)).astype(x.dtype)]
    if op in ("argmin", "argmax"):
        f = np.argmin if op == "argmin" else np.argmax
        if args.get("axis") is None:
            return [np.asarray(f(x), dtype=np.float64)]
        return [np.asarray(f(x, axis=args["axis"], keepdims=args["keepdims"]), dtype=np.float64)]
    if op == "matmul":
        return [np.matmul(x, xs[1])]
    if op == "concat":
        return [np.concatenate(xs, axis=args["axis"])]
    if op == "stack":
        return [np.stack(xs, axis=args["axis"])]
    if op == "split":
        return list(np.split(x, args["sections"], axis=args["axis"]))
    if op == "split_at":
        return list(np.split(x, list(args["indices"]), axis=args["axis"]))
    if op == "pad":
        w = args["widths"]
        kw = {"constant_values": args["value"]} if args["mode"] == "constant" else {}
        return [np.pad(x, w, mode=args["mode"], **kw)]
    if op == "to":
        return [x.astype(np.dtype(args["dtype"]))]
    if op == "arange":
        return [np.arange(args["start"], args["stop"], args["step"], dtype=np.dtype(args["dtype"]))]
    if op == "full":
        return [np.full(args["shape"], args["value"], dtype=np.dtype(args["dtype"]))]
    if op == "contiguous":
        return [np.ascontiguousarray(x)]
    raise ValueError(op)


# ----------------------------------------------------------------------------------------------
# Case collection

LINES = []
NAMES = set()
VIEW_OPS = {"slice", "index", "select", "permute", "transpose", "reshape", "flatten", "expand",
            "flip", "squeeze", "unsqueeze", "split", "split_at"}


def case(name, inputs, args=None, pre=None):
    """Records one case; the op is the name up to the first '/'. NumPy computes the outputs."""
    assert name not in NAMES, name
    op = name.split("/")[0]
    NAMES.add(name)
    args = dict(args or {})
    pre = dict(pre or {})
    xs = []
    for i, inp in enumerate(inputs):
        x = inp.array
        if i in pre:
            x = apply_pre(x, pre[i])
        xs.append(x)
    with np.errstate(all="ignore"):
        outs = np_apply(op, args, xs)
    LINES.append(f"case {name}")
    for k, v in args.items():
        if k == "widths":
            v = ";".join(f"{a},{b}" for a, b in v)
        if k == "shape" and isinstance(v, tuple) and len(v) == 0:
            v = "()"
        LINES.append(f"arg {k} {fmt_arg(v)}".rstrip() if fmt_arg(v) != "" else f"arg {k}")
    for inp in inputs:
        LINES.append(inp.line())
    for i, e in pre.items():
        LINES.append(f"pre {i} {e}")
    for o in outs:
        o = np.asarray(o)
        LINES.append("out " + fmt_array(o))
    if op in VIEW_OPS and len(outs) == 1:
        o = outs[0]
        base = inputs[0].array
        # NumPy gives a scalar copy, not a 0-d view, when every axis is indexed; skip those.
        if o.size > 0 and o.ndim > 0:
            shares = bool(np.shares_memory(o, base))
            LINES.append(f"view {'true' if shares else 'false'}")
            if shares:
                LINES.append("strides " + ",".join(str(s // o.itemsize) for s in o.strides))
        LINES.append(f"contig {'true' if o.flags.c_contiguous else 'false'}")


def both(name, make_inputs, args=None, pre=None):
    """The case once per dtype; make_inputs(dtype) gives the inputs."""
    for dt in DTYPES:
        case(f"{name}/{SHORT[dt]}", make_inputs(dt), args, pre)


# Values with ties, signed zeros and non-finite entries: exercise comparisons and NaN rules.
SPECIAL = [-3.0, -1.5, -1.0, -0.5, -0.0, 0.0, 0.5, 1.0, 2.0, 3.0, np.nan, np.inf, -np.inf]


def short(v, digits=4):
    """Rounds to a few significant digits: short to write, still not binary fractions."""
    v = np.asarray(v, dtype=np.float64)
    with np.errstate(all="ignore"):
        e = np.floor(np.log10(np.abs(np.where(v == 0, 1, v))))
    return np.round(v / 10.0 ** (e - digits + 1)) * 10.0 ** (e - digits + 1)


def special(rng, shape, dtype, p_special=0.25):
    n = int(np.prod(shape)) if len(shape) else 1
    normal = short(rng.standard_normal(n) * 2, 3)
    pick = rng.choice(np.array(SPECIAL), n)
    v = np.where(rng.random(n) < p_special, pick, normal)
    return arr(v, dtype, shape)


def normal(rng, shape, dtype, scale=1.0):
    n = int(np.prod(shape)) if len(shape) else 1
    return arr(short(rng.standard_normal(n) * scale), dtype, shape)


def ints(rng, shape, dtype, lo=-4, hi=5):
    n = int(np.prod(shape)) if len(shape) else 1
    return arr(rng.integers(lo, hi, n), dtype, shape)


# ----------------------------------------------------------------------------------------------
# Views


def views():
    for shape, slices in [
        ((7,), [(0, 1, 5, 1), (0, None, None, -1), (0, None, None, 2), (0, 5, 1, -2), (0, -2, None, 1),
                (0, -100, 100, 3), (0, 100, -100, -3), (0, 3, 3, 1), (0, 4, 1, 1), (0, 1, 4, -1),
                (0, -1, -8, -1), (0, 6, None, -7)]),
        ((4, 6), [(1, None, None, -1), (0, 1, None, 2), (1, -1, 0, -2), (-1, 10, -10, -3), (-2, 3, 1, -1),
                  (1, 2, 2, 1)]),
        ((3, 4, 5), [(2, None, None, 2), (1, -2, None, -1), (0, 1, 3, 1), (-1, 4, 0, -3)]),
        ((0, 3), [(0, None, None, -1), (1, 1, None, 1)]),
    ]:
        for (ax, a, b, s) in slices:
            nm = f"slice/{'x'.join(map(str, shape))}/ax{ax}_{a}_{b}_{s}"
            both(nm, lambda dt, shape=shape: [gen(shape, dt)],
                 {"axis": ax, "start": a, "stop": b, "step": s})
    for shape, exprs in [
        ((4, 3, 2, 5), ["1:3, ::-1, ..., None, 2", "..., None, 2", "-1", "::2, 1", "None", "...",
                        "None, ..., None", "[1, 2:0:-1]", ":, :, ::-2", "2:-5:-1", "..., 3",
                        "1, ..., 1:4:2", "::-3, 0, None, :, -2::-2", "0, 0, 0, 0"]),
        ((6,), ["None, ::-1, None", "5", "-6", "1:", ":-1", "::", "4:1:-1, None"]),
        ((), ["...", "None", "None, None, ..."]),
        ((3, 0, 2), ["1, :, ::-1", "..., 1"]),
    ]:
        for e in exprs:
            both(f"index/{'x'.join(map(str, shape)) or 'r0'}/{e}", lambda dt, shape=shape: [gen(shape, dt)], {"expr": e})
    # Views of views: slicing a slice (the input is pre-sliced).
    both("index/of-view/4x3x2x5", lambda dt: [gen((4, 3, 2, 5), dt)],
         {"expr": "1:, ::-1, None, 1"}, pre={0: "::-1, 1:, ..., ::2"})
    for shape, sels in [((5,), [(0, 0), (0, -1), (0, 3)]), ((3, 4, 2), [(0, 1), (1, -1), (2, 0), (-1, 1), (-2, 3)])]:
        for ax, i in sels:
            both(f"select/{'x'.join(map(str, shape))}/ax{ax}_i{i}", lambda dt, shape=shape: [gen(shape, dt)], {"axis": ax, "index": i})
    for shape, perms in [((3, 4, 5), [(2, 0, 1), (1, 2, 0), (0, 2, 1), (-1, 0, -2)]), ((2, 3, 1, 4), [(3, 1, 2, 0)]),
                         ((5,), [(0,)]), ((), [()])]:
        for p in perms:
            both(f"permute/{'x'.join(map(str, shape)) or 'r0'}/{p}", lambda dt, shape=shape: [gen(shape, dt)], {"axes": list(p)})
    for shape in [(3, 4), (2, 3, 4), (5,)]:
        both(f"transpose/{'x'.join(map(str, shape))}", lambda dt, shape=shape: [gen(shape, dt)])
    both("transpose/2x3x4/0_2", lambda dt: [gen((2, 3, 4), dt)], {"a": 0, "b": 2})
    both("transpose/2x3x4/-1_1", lambda dt: [gen((2, 3, 4), dt)], {"a": -1, "b": 1})
    # reshape: contiguous (view), non-contiguous (view where NumPy finds strides, else copy)
    for shape, new, pre in [
        ((12,), (3, -1), None), ((2, 3, 4), (4, -1, 3), None), ((2, 3, 4), (-1,), None),
        ((2, 3, 4), (1, 6, 1, 4, 1), None), ((6,), (1, 1, 6), None), ((1,), (), None), ((), (1, 1), None),
        ((0, 3), (3, 0, 2), None), ((0, 3), (-1, 3), None), ((0, 3), (0,), None),
        ((3, 4), (-1,), "T"), ((3, 4), (2, 6), "T"), ((6, 4), (2, 6), "::2"), ((6, 4), (3, 2, 2), "::2"),
        ((6, 4), (12,), "::2"), ((4, 6), (4, 3), ":, ::2"), ((4, 6), (2, 2, 3), ":, ::2"),
        ((2, 3, 4), (3, 4, 2), "::-1"), ((2, 3, 4), (6, 4), "::-1"), ((2, 3, 4), (2, 12), ":, ::-1"),
        ((2, 3, 4), (2, -1), "..., None, :"), ((4, 6), (4, 1, 3, 2), ":, ::-1"),
        ((5, 4), (1, 2, 1, 2), "1:3, 1:3"), ((5, 4), (4,), "1:3, 1:3"), ((2, 1, 3), (3, 2), "T"),
    ]:
        nm = f"reshape/{'x'.join(map(str, shape))}{'/pre ' + pre if pre else ''}/to{new}"
        both(nm, lambda dt, shape=shape: [gen(shape, dt)], {"shape": list(new) if new else ()},
             pre={0: pre} if pre else None)
    # reshape of a broadcast (stride 0) view: a view for some shapes, a copy for others.
    for new in [(2, 3, 4), (6, 4), (2, 12), (24,)]:
        both(f"reshape/expanded/to{new}", lambda dt: [gen((3, 1), dt)], {"shape": list(new)},
             pre={0: "expand 2,3,4"})
    for shape, pre in [((3, 4), None), ((3, 4), "T"), ((2, 3, 4), "::-1, :, 1:3"), ((), None)]:
        both(f"flatten/{'x'.join(map(str, shape)) or 'r0'}{'/pre ' + pre if pre else ''}", lambda dt, shape=shape: [gen(shape, dt)], pre={0: pre} if pre else None)
    for shape, new in [((3, 1), (2, 3, 4)), ((1,), (5,)), ((3,), (2, 3)), ((2, 1, 3), (-1, 4, -1)),
                       ((2, 1, 3), (5, 2, 4, 3)), ((3,), (0, 3)), ((1, 1), (0, 4)), ((), (2, 2)), ((4,), (4,))]:
        both(f"expand/{'x'.join(map(str, shape)) or 'r0'}/to{new}", lambda dt, shape=shape: [gen(shape, dt)], {"shape": list(new)})
    both("expand/of-view/4x6", lambda dt: [gen((4, 6), dt)], {"shape": [2, 3, 3]},
         pre={0: "1:2, ::-2"})
    for shape, axes in [((5,), []), ((3, 4), []), ((3, 4), [0]), ((3, 4), [-1]), ((2, 3, 4), [0, 2]),
                        ((2, 3, 4), [1]), ((0, 2), [0]), ((), [])]:
        both(f"flip/{'x'.join(map(str, shape)) or 'r0'}/{axes}", lambda dt, shape=shape: [gen(shape, dt)],
             {"axes": axes})
    both("flip/of-view/4x6", lambda dt: [gen((4, 6), dt)], {"axes": [0, 1]}, pre={0: "::2, 1::2"})
    for shape, axes in [((1, 3, 1, 2), []), ((1, 3, 1, 2), [0]), ((1, 3, 1, 2), [-2]), ((1, 3, 1, 2), [0, 2]),
                        ((1, 1), []), ((3,), []), ((1,), [0])]:
        both(f"squeeze/{'x'.join(map(str, shape))}/{axes}", lambda dt, shape=shape: [gen(shape, dt)],
             {"axes": axes})
    for shape, ax in [((3, 4), 0), ((3, 4), 1), ((3, 4), 2), ((3, 4), -1), ((3, 4), -3), ((), 0), ((2, 0), 1)]:
        both(f"unsqueeze/{'x'.join(map(str, shape)) or 'r0'}/{ax}", lambda dt, shape=shape: [gen(shape, dt)], {"axis": ax})
    both("unsqueeze/of-view/4x6", lambda dt: [gen((4, 6), dt)], {"axis": 1}, pre={0: "T"})
    both("contiguous/transposed", lambda dt: [gen((3, 4), dt)], pre={0: "T"})
    both("contiguous/flipped-slice", lambda dt: [gen((3, 4, 5), dt)], pre={0: "::-1, 1, ::2"})


# ----------------------------------------------------------------------------------------------
# Elementwise


BIN_SHAPES = [((3, 4), (3, 4)), ((2, 1, 4), (3, 1)), ((4,), ()), ((0, 3), (1, 3))]
# More broadcasting patterns, for the arithmetic ops only (the kernel is shared by all ops).
BIN_SHAPES_MORE = [((), (2, 3)), ((5,), (1,)), ((2, 1, 1, 3), (1, 4, 2, 1)), ((1, 3), (2, 1))]


def elementwise():
    for op in BINARY:
        for sa, sb in BIN_SHAPES + (BIN_SHAPES_MORE if op in ("add", "mul") else []):
            nm = f"{op}/{'x'.join(map(str, sa)) or 'r0'}_{'x'.join(map(str, sb)) or 'r0'}"
            for dt in DTYPES:
                r = rng_for(nm + DNAME[dt])
                case(f"{nm}/{SHORT[dt]}", [special(r, sa, dt), special(r, sb, dt)])
        if op not in ("add", "mul", "pow", "maximum", "lt"):
            continue  # the strided and mixed-dtype paths are shared by all ops
        # Non-contiguous operands (transposed and reversed views).
        for dt in DTYPES:
            r = rng_for(op + "strided")
            case(f"{op}/strided/{SHORT[dt]}", [special(r, (4, 3), dt), special(r, (3, 8), dt)],
                 pre={0: "T", 1: ":, ::-2"})
        # Mixed dtypes promote to float64.
        r = rng_for(op + "mixed")
        case(f"{op}/mixed/f32_f64", [normal(r, (2, 3), F32), normal(r, (3,), F64)])
        case(f"{op}/mixed/f64_f32", [normal(r, (2, 3), F64), normal(r, (2, 1), F32)])
    # Every pair of the special values, so each ±0/NaN/inf combination is seen.
    sv = SPECIAL + [0.1, 1e300]
    for op in BINARY:
        for dt in DTYPES:
            case(f"{op}/all-pairs/{SHORT[dt]}", [arr(sv, dt, (len(sv), 1)), arr(sv, dt)])
    # pow corner cases (C99 pow, which NumPy follows).
    pa = [1.0, 1.0, -1.0, -1.0, np.nan, np.nan, 0.0, -0.0, 0.0, -8.0, 2.0, -2.0, 0.0, np.inf, -np.inf, -np.inf,
          0.5, 2.0, -0.5, 1.5, 10.0, -0.0]
    pb = [np.nan, np.inf, np.inf, -np.inf, 0.0, -0.0, -1.0, -1.0, 0.0, 1 / 3, 0.5, 3.0, np.inf, -1.0, 3.0, 2.0,
          np.inf, -np.inf, 2.5, -2.0, 20.0, 3.0]
    for dt in DTYPES:
        case(f"pow/corners/{SHORT[dt]}", [arr(pa, dt), arr(pb, dt)])
    # float32 results must be the float32-rounded results (random data, many rounding cases).
    for op in ("add", "sub", "mul", "div"):
        for dt in DTYPES:
            r = rng_for(op + "rounding")
            case(f"{op}/rounding/{SHORT[dt]}", [normal(r, (24,), dt), normal(r, (24,), dt, 1e-3)])
    # Scalars (NumPy 2 weak-scalar rule: a Python float keeps the array's dtype).
    for op in ("add", "sub", "mul", "div", "pow", "eq", "lt", "gt"):
        for s in (0.1, -2.5, 0.0, 3.0, 1e-3):
            for dt in DTYPES:
                r = rng_for(f"{op}_s{s}")
                x = special(r, (12,), dt)
                if op in ("eq", "lt", "gt"):
                    v = x.array.copy()
                    v[:3] = dt(s)  # exact ties with the scalar as the array's dtype sees it
                    x = Input(v)
                if op == "pow":
                    x = Input(np.abs(x.array))
                case(f"{op}_s/{s}/{SHORT[dt]}", [x], {"s": s})
    for op in ("add", "mul", "div"):
        for dt in DTYPES:
            case(f"{op}_s/strided/{SHORT[dt]}", [normal(rng_for(op + "_ss"), (4, 5), dt)], {"s": 0.3},
                 pre={0: "::-1, ::2"})
    # Unary.
    for op in UNARY:
        for dt in DTYPES:
            r = rng_for(op + "unary")
            scale = 3.0
            case(f"{op}/normal/{SHORT[dt]}", [normal(r, (16,), dt, scale)])
            case(f"{op}/special/{SHORT[dt]}", [arr(SPECIAL + [1e-30, 1e30, 80.0, -80.0, 700.0, -750.0,
                                                              20.0, -20.0, 1e-8, 88.5, -104.0], dt)])
            case(f"{op}/strided/{SHORT[dt]}", [normal(r, (3, 4, 2), dt)], pre={0: "::-1, 1:, 1"})
    # exp/log/sqrt over wide ranges (the float32 SIMD paths in NumPy have their own ulp error).
    for dt in DTYPES:
        r = rng_for("wide")
        case(f"exp/wide/{SHORT[dt]}", [arr(short(r.uniform(-80, 80, 24)), dt)])
        case(f"log/wide/{SHORT[dt]}", [arr(short(10.0 ** r.uniform(-30, 30, 24)), dt)])
        case(f"sqrt/wide/{SHORT[dt]}", [arr(short(10.0 ** r.uniform(-30, 30, 24)), dt)])
        case(f"tanh/wide/{SHORT[dt]}", [arr(short(r.uniform(-10, 10, 24)), dt)])
        case(f"sigmoid/wide/{SHORT[dt]}", [arr(short(r.uniform(-40, 40, 24)), dt)])
    for lo, hi in [(-1.0, 1.0), (0.0, 0.0), (-0.0, 0.5), (-np.inf, 0.5), (-0.5, np.inf), (2.0, 3.0)]:
        for dt in DTYPES:
            r = rng_for(f"clamp{lo}{hi}")
            case(f"clamp/{lo}_{hi}/{SHORT[dt]}", [special(r, (20,), dt, 0.4)], {"min": lo, "max": hi})
    for lo, hi in [(0.0, 1.0), (-0.0, 0.0), (-1.0, -0.0)]:
        for dt in DTYPES:
            case(f"clamp/zeros/{lo}_{hi}/{SHORT[dt]}", [arr([-0.0, 0.0, -1.0, 1.0, np.nan], dt)], {"min": lo, "max": hi})


# ----------------------------------------------------------------------------------------------
# Reductions


def reductions():
    axes_sets = [None, [0], [1], [-1], [0, 2], [1, 2], [2, 0, 1], [-3, -1]]
    for op in REDUCE:
        for keepdims in (False, True):
            for axes in axes_sets:
                if keepdims and axes not in ([1, 2],):
                    continue
                for dt in DTYPES:
                    nm = f"{op}/2x3x4/{axes}/keep{keepdims}/{SHORT[dt]}"
                    args = {} if axes is None else {"axes": axes, "keepdims": keepdims}
                    case(nm, [pseudo((2, 3, 4), dt, nm)], args)
        for dt in DTYPES:
            # Long rows (pairwise summation) and a strided input.
            nm = f"{op}/long/{SHORT[dt]}"
            case(nm, [gen((1000,), dt, "@mod 7919 10007 -50000 10000")])
            nm = f"{op}/long-axis/{SHORT[dt]}"
            case(nm, [pseudo((3, 300), dt, nm)], {"axes": [1], "keepdims": False})
            case(f"{op}/strided/{SHORT[dt]}", [normal(rng_for(op + "st"), (4, 6), dt)],
                 {"axes": [0], "keepdims": True}, pre={0: "::-1, ::2"})
            case(f"{op}/rank0/{SHORT[dt]}", [arr(2.5, dt, ())])
            case(f"{op}/ints/{SHORT[dt]}", [ints(rng_for(op + "i"), (5, 4), dt)], {"axes": [1], "keepdims": False})
            # NaN and inf.
            x = np.array([[1.0, np.nan, 3.0], [np.inf, 2.0, -1.0], [-np.inf, np.inf, 0.0], [np.nan, -np.inf, 5.0]])
            case(f"{op}/nan-inf/{SHORT[dt]}", [arr(x, dt)], {"axes": [1], "keepdims": False})
            case(f"{op}/nan-inf-axis0/{SHORT[dt]}", [arr(x, dt)], {"axes": [0], "keepdims": False})
            if op not in ("min", "max"):
                case(f"{op}/empty/{SHORT[dt]}", [arr([], dt, (0,))])
                case(f"{op}/empty-axis/{SHORT[dt]}", [arr([], dt, (2, 0))], {"axes": [1], "keepdims": True})
            case(f"{op}/empty-outer/{SHORT[dt]}", [arr([], dt, (0, 3))], {"axes": [1], "keepdims": False})
    for op in ("var", "std"):
        for ddof in (0, 1, 3, 5):
            for dt in DTYPES:
                nm = f"{op}/ddof{ddof}/{SHORT[dt]}"
                case(nm, [pseudo((3, 3), dt, nm)], {"axes": [1], "keepdims": False, "ddof": ddof})
                nm = f"{op}/ddof{ddof}-axes/{SHORT[dt]}"
                case(nm, [pseudo((2, 3, 4), dt, nm)], {"axes": [0, 2], "keepdims": True, "ddof": ddof})
        for dt in DTYPES:
            # Large mean, small spread: the two-pass formula keeps it accurate.
            nm = f"{op}/offset/{SHORT[dt]}"
            case(nm, [arr(rng_for(nm).standard_normal(50) + 1e4, dt)], {"axes": [0], "keepdims": False, "ddof": 1})
    # arg-reductions: flat and per axis, ties (first wins) and NaN (first NaN wins)
    for op in ("argmin", "argmax"):
        for dt in DTYPES:
            t = np.array([[3.0, 1.0, 1.0, 7.0], [7.0, 0.5, 7.0, 0.5], [2.0, 2.0, 2.0, 2.0]])
            n = np.array([[3.0, np.nan, 1.0, np.nan], [np.inf, -np.inf, 7.0, 0.5], [2.0, 2.0, np.nan, 2.0]])
            case(f"{op}/ties-flat/{SHORT[dt]}", [arr(t, dt)])
            case(f"{op}/nan-flat/{SHORT[dt]}", [arr(n, dt)])
            for ax in (0, 1, -1):
                for keep in (False, True) if ax == 1 else (False,):
                    case(f"{op}/ties/ax{ax}/keep{keep}/{SHORT[dt]}", [arr(t, dt)], {"axis": ax, "keepdims": keep})
                    case(f"{op}/nan/ax{ax}/keep{keep}/{SHORT[dt]}", [arr(n, dt)], {"axis": ax, "keepdims": keep})
            nm = f"{op}/3d/{SHORT[dt]}"
            for ax in (0, 1, 2):
                case(f"{nm}/ax{ax}", [ints(rng_for(nm), (3, 4, 5), dt)], {"axis": ax, "keepdims": False})
            case(f"{nm}/flat", [ints(rng_for(nm), (3, 4, 5), dt)])
            case(f"{op}/strided/{SHORT[dt]}", [normal(rng_for(op + "st"), (4, 6), dt)], {"axis": 1, "keepdims": False},
                 pre={0: "::-1, ::-2"})
            case(f"{op}/rank0/{SHORT[dt]}", [arr(4.0, dt, ())])
            case(f"{op}/rank0-axis/{SHORT[dt]}", [arr(4.0, dt, ())], {"axis": 0, "keepdims": False})
            case(f"{op}/inf-only/{SHORT[dt]}", [arr([np.inf, -np.inf, np.inf, -np.inf], dt)])
            case(f"{op}/empty-outer/{SHORT[dt]}", [arr([], dt, (0, 3))], {"axis": 1, "keepdims": True})


# ----------------------------------------------------------------------------------------------
# matmul, joins, pad, dtype conversions and factories


def linalg():
    shapes = [((3, 4), (4, 5)), ((4,), (4, 5)), ((3, 4), (4,)), ((4,), (4,)), ((2, 3, 4), (4, 5)),
              ((2, 1, 3, 4), (3, 4, 2)), ((4,), (2, 4, 3)), ((2, 3, 4), (4,)), ((3, 0), (0, 2)), ((0, 3), (3, 2)),
              ((1, 1), (1, 1)), ((2, 3, 4), (2, 4, 1)), ((5, 1, 2, 3), (1, 4, 3, 2))]
    for i, (sa, sb) in enumerate(shapes):
        nm = f"matmul/{'x'.join(map(str, sa))}@{'x'.join(map(str, sb))}"
        for dt in DTYPES:
            r = rng_for(nm)
            # Small integers: every product and sum is exact in both dtypes.
            case(f"{nm}/ints/{SHORT[dt]}", [ints(r, sa, dt), ints(r, sb, dt)])
            if i % 2 == 0:
                case(f"{nm}/normal/{SHORT[dt]}", [normal(r, sa, dt), normal(r, sb, dt)])
    for dt in DTYPES:
        r = rng_for("matmul-views")
        case(f"matmul/views/{SHORT[dt]}", [normal(r, (5, 3), dt), normal(r, (5, 4), dt)],
             pre={0: "T", 1: "::-1, ::-1"})
        case(f"matmul/broadcast-view/{SHORT[dt]}", [normal(r, (3, 4), dt), normal(r, (4, 2), dt)],
             pre={0: "expand 2,3,4"})
        r = rng_for("matmul-big")
        case(f"matmul/k64/{SHORT[dt]}", [pseudo((4, 64), dt, "k64a"), pseudo((64, 3), dt, "k64b")])
        case(f"matmul/nan-inf/{SHORT[dt]}",
             [arr([[1.0, np.nan], [np.inf, 1.0], [0.0, 1.0]], dt), arr([[1.0, 2.0], [3.0, 4.0]], dt)])
    r = rng_for("matmul-mixed")
    case("matmul/mixed/f32_f64", [normal(r, (2, 3), F32), normal(r, (3, 2), F64)])


def joins():
    for dt in DTYPES:
        r = rng_for("concat" + DNAME[dt])
        case(f"concat/axis0/{SHORT[dt]}", [gen((2, 3), dt), ints(r, (1, 3), dt), ints(r, (3, 3), dt)], {"axis": 0})
        case(f"concat/axis1/{SHORT[dt]}", [gen((2, 3), dt), ints(r, (2, 1), dt)], {"axis": 1})
        case(f"concat/axis-1-3d/{SHORT[dt]}", [gen((2, 3, 1), dt), ints(r, (2, 3, 4), dt)], {"axis": -1})
        case(f"concat/empty-piece/{SHORT[dt]}", [gen((0, 3), dt), ints(r, (2, 3), dt), gen((0, 3), dt)],
             {"axis": 0})
        case(f"concat/views/{SHORT[dt]}", [gen((3, 4), dt), ints(r, (4, 3), dt)], {"axis": 1},
             pre={0: "::-1, ::2", 1: "T"})
        case(f"concat/one/{SHORT[dt]}", [gen((2, 3), dt)], {"axis": 1})
        case(f"concat/1d/{SHORT[dt]}", [gen((3,), dt), ints(r, (2,), dt)], {"axis": 0})
        for ax in (0, 1, 2, -1):
            case(f"stack/axis{ax}/{SHORT[dt]}", [gen((2, 3), dt), ints(r, (2, 3), dt), ints(r, (2, 3), dt)],
                 {"axis": ax})
        case(f"stack/rank0/{SHORT[dt]}", [arr(1.0, dt, ()), arr(2.0, dt, ())], {"axis": 0})
        for shape, ax, sec in [((6,), 0, 3), ((6,), 0, 1), ((4, 6), 1, 2), ((4, 6), 0, 4), ((4, 6), -1, 6), ((0, 2), 0, 2)]:
            case(f"split/{'x'.join(map(str, shape))}/ax{ax}/{sec}/{SHORT[dt]}", [gen(shape, dt)],
                 {"axis": ax, "sections": sec})
        for shape, ax, idx in [((10,), 0, [3, 5]), ((10,), 0, [0, 10]), ((10,), 0, [5, 3]), ((10,), 0, [12]),
                               ((10,), 0, [-3]), ((10,), 0, [-3, 8]), ((10,), 0, [-20, 4]), ((10,), 0, []),
                               ((4, 6), 1, [2, 2, 5]), ((4, 6), 0, [1, -1]), ((4, 6), -1, [4, 1, 3])]:
            case(f"split_at/{'x'.join(map(str, shape))}/ax{ax}/{idx}/{SHORT[dt]}", [gen(shape, dt)],
                 {"axis": ax, "indices": idx})
    case("concat/mixed", [gen((2, 2), F32), arr([[0.1, 0.2]], F64)], {"axis": 0})
    case("concat/mixed-f64-first", [arr([[0.1, 0.2]], F64), gen((2, 2), F32)], {"axis": 0})


def padding():
    modes = ["constant", "reflect", "symmetric", "edge", "wrap"]
    for mode in modes:
        for shape, widths in [
            ((5,), [(2, 3)]), ((5,), [(0, 0)]), ((5,), [(7, 12)]), ((3,), [(10, 11)]), ((1,), [(3, 2)]),
            ((2,), [(5, 4)]), ((3, 4), [(1, 2), (3, 0)]), ((2, 3), [(5, 4), (7, 6)]), ((3, 4), [(2, 1)]),
            ((2, 3, 2), [(1, 1), (0, 3), (2, 1)]),
        ]:
            # float32 for the small cases only: the index maps are shared, only the store differs.
            for dt in DTYPES if len(shape) == 1 and shape[0] > 2 else (F64,):
                nm = f"pad/{mode}/{'x'.join(map(str, shape)) or 'r0'}/{widths}/{SHORT[dt]}"
                value = 0.0 if mode != "constant" else -1.25
                case(nm, [gen(shape, dt, "@mod 7 11 5 2")], {"widths": widths, "mode": mode, "value": value})
        for dt in DTYPES:
            case(f"pad/{mode}/views/{SHORT[dt]}", [gen((4, 6), dt)],
                 {"widths": [(3, 2), (4, 5)], "mode": mode, "value": 0.5}, pre={0: "::-1, 1::2"})
    for dt in DTYPES:
        case(f"pad/constant/empty-axis/{SHORT[dt]}", [gen((0, 3), dt)],
             {"widths": [(1, 2), (1, 0)], "mode": "constant", "value": 7.0})
        case(f"pad/constant/value-0.1/{SHORT[dt]}", [gen((2, 2), dt)],
             {"widths": [(1, 1)], "mode": "constant", "value": 0.1})
        case(f"pad/constant/nan/{SHORT[dt]}", [gen((3,), dt)],
             {"widths": [(1, 1)], "mode": "constant", "value": float("nan")})


def conversions():
    vals = [0.1, 1e40, -1e40, 1e-50, -1e-50, 3.4028235e38, 3.4028236e38, 1.0000000596046448, 1.0000000596046449,
            16777217.0, -0.0, np.nan, np.inf, 2.0 ** -149, 2.0 ** -150, 1.5 * 2.0 ** -149]
    case("to/float64_to_float32", [arr(vals, F64)], {"dtype": "float32"})
    case("to/float32_to_float64", [normal(rng_for("to32"), (10,), F32)], {"dtype": "float64"})
    case("to/strided", [gen((3, 4), F64, "@mod 3 7 3 10")], {"dtype": "float32"}, pre={0: "T"})
    for dt in DTYPES:
        for start, stop, step in [(0.0, 5.0, 1.0), (0.1, 1.0, 0.1), (1.0, -1.0, -0.25), (0.0, 1.0, 0.3),
                                  (-3.0, 3.0, 0.7), (5.0, 0.0, 1.0), (0.1, 2.0, 0.15), (1e8, 1e8 + 7, 1.5),
                                  (0.3, 7.1, 0.7)]:
            case(f"arange/{start}_{stop}_{step}/{SHORT[dt]}", [],
                 {"dtype": DNAME[dt], "start": start, "stop": stop, "step": step})
        for v in (0.1, -2.5, float("nan"), 1e40):
            case(f"full/{v}/{SHORT[dt]}", [], {"dtype": DNAME[dt], "value": v, "shape": [2, 3]})
        case(f"full/rank0/{SHORT[dt]}", [], {"dtype": DNAME[dt], "value": 0.3, "shape": ()})


# ----------------------------------------------------------------------------------------------
# Printing: str(array)

PRINT_LINES = []


def pcase(name, inp):
    assert name not in NAMES, name
    NAMES.add(name)
    text = str(inp.array)
    lines = text.split("\n")
    PRINT_LINES.append(f"case {name}")
    PRINT_LINES.append(inp.line())
    PRINT_LINES.append(f"text {len(lines)}")
    PRINT_LINES.extend(lines)


def printing():
    vals = np.array([[2, 1, -3, -4, -4], [2, -3, 3, 1, 2], [2, 5, -6, 6, -2], [-5, 4, 1, 5, 4], [0, 0, 1, -3, -4]], float)
    w0 = np.array([[[0, 1, -1], [1, -1, 0], [0, 0, 0]], [[1, 0, 0], [0, -1, 1], [1, 0, 1]],
                   [[1, -1, 0], [-1, 0, -1], [-1, 0, 1]]], float)
    out = np.zeros((3, 7, 7))
    for k in range(3):
        for i in range(5):
            for j in range(5):
                out[k, i:i + 3, j:j + 3] += vals[i, j] * w0[k]
    for dt in DTYPES:
        d = SHORT[dt]
        pcase(f"print/spec-8.3-scatter-add/{d}", arr(out, dt))
        pcase(f"print/spec-8.3-cropped/{d}", arr(out[:, 1:-1, 1:-1], dt))
        pcase(f"print/spec-8.3-vals/{d}", arr(vals, dt))
        pcase(f"print/ints-2d/{d}", arr([[0, 2, -1], [3, -4, 5]], dt))
        pcase(f"print/ints-1d/{d}", arr([1, 2, 3], dt))
        pcase(f"print/mixed/{d}", arr([[0.5, 0.25, -1.0], [100.125, 3.0, 0.0]], dt))
        pcase(f"print/tenths/{d}", arr([0.1, 0.2, 0.3, 0.7, 1.1], dt))
        pcase(f"print/thirds/{d}", arr([1 / 3, 2 / 3, -1 / 7], dt))
        pcase(f"print/arange-tenths/{d}", Input(np.arange(0.1, 1.0, 0.1).astype(dt)))
        pcase(f"print/sci-small/{d}", arr([1e-5, 1.0, 2.0], dt))
        pcase(f"print/sci-large/{d}", arr([1e8, 1.0], dt))
        pcase(f"print/1e7/{d}", arr([1e7, 1.0], dt))
        pcase(f"print/1e6/{d}", arr([1e6, 2.0, 999.0], dt))
        pcase(f"print/999999/{d}", arr([999999.0, 2.0, 999.0], dt))
        # float32 switches at 1e6 (10**finfo.precision) and compares in float32 arithmetic.
        pcase(f"print/1e6-narrow/{d}", arr([1e6, 2e6, 3.5e6], dt))
        pcase(f"print/below-1e6/{d}", arr([999999.0, 5e5], dt))
        pcase(f"print/1e7-narrow/{d}", arr([1e7, 2.5e7], dt))
        pcase(f"print/1e8-narrow/{d}", arr([1e8, 1.5e8], dt))
        pcase(f"print/ratio-f32-rounding/{d}", arr([755.9108276367188, 0.7559108138084412], dt))
        pcase(f"print/ratio-1001/{d}", arr([0.001, 1.001], dt))
        pcase(f"print/ratio-1000/{d}", arr([0.001, 1.0], dt))
        pcase(f"print/min-1e-4/{d}", arr([1e-4, 0.05], dt))
        pcase(f"print/sci-mixed/{d}", arr([[1.5e-10, -2.0, 3.25e12], [0.0, 1.0, -7.0e-3]], dt))
        pcase(f"print/sci-exp3/{d}", arr([1e-300, 1.0] if dt == F64 else [1e-40, 1.0], dt))
        pcase(f"print/sci-with-nan/{d}", arr([1e-9, np.nan, -np.inf, 5.0], dt))
        pcase(f"print/nan-inf/{d}", arr([np.nan, np.inf, -np.inf, 1.5], dt))
        pcase(f"print/nan-inf-ints/{d}", arr([np.nan, 1.0, np.inf], dt))
        pcase(f"print/pos-inf-only/{d}", arr([np.inf, 2.0], dt))
        pcase(f"print/all-nan/{d}", arr([np.nan, np.nan], dt))
        pcase(f"print/all-inf/{d}", arr([np.inf, -np.inf], dt))
        pcase(f"print/neg-zero/{d}", arr([-0.0, 0.0, 1.0], dt))
        pcase(f"print/neg-zero-only/{d}", arr([-0.0, -0.0], dt))
        pcase(f"print/zeros/{d}", arr([0.0, 0.0, 0.0], dt))
        pcase(f"print/rank0-int/{d}", arr(3.0, dt, ()))
        pcase(f"print/rank0-tenth/{d}", arr(0.1, dt, ()))
        pcase(f"print/rank0-third/{d}", arr(1 / 3, dt, ()))
        pcase(f"print/rank0-neg-zero/{d}", arr(-0.0, dt, ()))
        pcase(f"print/rank0-nan/{d}", arr(np.nan, dt, ()))
        pcase(f"print/rank0-ninf/{d}", arr(-np.inf, dt, ()))
        pcase(f"print/rank0-1e16/{d}", arr(1e16, dt, ()))
        pcase(f"print/rank0-1e15/{d}", arr(1e15, dt, ()))
        pcase(f"print/rank0-1e-4/{d}", arr(1e-4, dt, ()))
        pcase(f"print/rank0-1e-5/{d}", arr(1.5e-5, dt, ()))
        pcase(f"print/rank0-big/{d}", arr(123456789.125, dt, ()))
        pcase(f"print/rank0-1e6/{d}", arr(1e6, dt, ()))
        pcase(f"print/rank0-999999/{d}", arr(999999.0, dt, ()))
        pcase(f"print/rank0-many-digits/{d}", arr(0.012345678901234, dt, ()))
        pcase(f"print/empty-0/{d}", arr([], dt, (0,)))
        pcase(f"print/empty-2x0/{d}", arr([], dt, (2, 0)))
        pcase(f"print/empty-0x3/{d}", arr([], dt, (0, 3)))
        pcase(f"print/size1-3d/{d}", arr([2.5], dt, (1, 1, 1)))
        pcase(f"print/wrap-1d/{d}", gen((30,), dt, "@mod 37 101 50 8"))
        pcase(f"print/wrap-2d/{d}", gen((3, 20), dt, "@mod 13 29 14 3"))
        pcase(f"print/wrap-sci/{d}", gen((25,), dt, "@mod 7919 100003 5 3"))
        pcase(f"print/wrap-ints/{d}", gen((40,), dt, "@arange"))
        pcase(f"print/summary-1d/{d}", gen((1001,), dt, "@mod 7 13 6 4"))
        if dt == F64:  # 1000 elements: the largest size printed in full (10 KB, so one dtype)
            pcase(f"print/summary-1d-exact-1000/{d}", gen((1000,), dt, "@arange"))
        pcase(f"print/summary-2d/{d}", gen((40, 30), dt, "@mod 11 23 11 8"))
        pcase(f"print/summary-3d/{d}", gen((11, 10, 12), dt, "@mod 5 17 8 1"))
        pcase(f"print/summary-4d/{d}", gen((2, 8, 9, 8), dt, "@mod 3 19 9 10"))
        pcase(f"print/summary-narrow/{d}", gen((1002, 1), dt, "@arange"))
        # Only the shown elements decide the format: the hidden NaN and 1e-9 change nothing.
        hidden = np.arange(2000) / 4.0
        hidden[1000], hidden[1500] = np.nan, 1e-9
        pcase(f"print/summary-hidden/{d}", Input(hidden.astype(dt), "@mod 1 2000 0 4 | 1000=nan 1500=1e-09"))
        pcase(f"print/3d/{d}", gen((2, 3, 4), dt, "@mod 7 10 3 4"))
        pcase(f"print/4d/{d}", gen((2, 2, 2, 3), dt, "@mod 7 10 3 1"))
        pcase(f"print/precision-8/{d}", arr([0.123456789, 1.0], dt))
        pcase(f"print/round-up-9s/{d}", arr([0.999999999, 2.0], dt))
        pcase(f"print/long-digits/{d}", arr([123456.7890123, -0.5], dt))
        pcase(f"print/large-positional/{d}", arr([12345678.5, 1.0], dt))
        pcase(f"print/sci-precision/{d}", arr([1.23456789123e-7, 5.0e3], dt))
        pcase(f"print/sci-round/{d}", arr([9.9999999999e-7, 1.0], dt))
        pcase(f"print/max-float/{d}", arr([3.4028234663852886e38, -1.0], dt))
        pcase(f"print/random-normal/{d}", normal(rng_for("print-normal"), (3, 4), dt))
        pcase(f"print/random-normal-wide/{d}", normal(rng_for("print-normal-wide"), (2, 7), dt, 1e3))
        pcase(f"print/random-sci/{d}", arr(10.0 ** rng_for("print-sci").uniform(-20, 20, 9), dt))


def main():
    warnings.simplefilter("ignore")  # NumPy warns on purpose-made NaN/inf/empty cases
    views()
    elementwise()
    reductions()
    linalg()
    joins()
    padding()
    conversions()
    printing()
    os.makedirs(OUT_DIR, exist_ok=True)
    header = [f"# Generated by tools/gen_tensor_fixtures.py with numpy {np.__version__}, scipy {scipy.__version__}.",
              "# Do not edit by hand; re-run the script."]
    with open(os.path.join(OUT_DIR, "ops.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(header + LINES) + "\n")
    with open(os.path.join(OUT_DIR, "print.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(header + PRINT_LINES) + "\n")
    n_ops = sum(1 for ln in LINES if ln.startswith("case "))
    n_print = sum(1 for ln in PRINT_LINES if ln.startswith("case "))
    print(f"wrote {n_ops} op cases and {n_print} print cases to {OUT_DIR}", file=sys.stderr)


if __name__ == "__main__":
    main()
