#!/usr/bin/env python3
"""Writes the .npy fixtures of the conv-family CLI tests (conv, conv-transpose, conv-backward,
unfold, fold, pool) and the command lines that use them.

Output: conv4j-cli/src/test/resources/org/conv4j/cli/conv/
* ``<case>.<role>.npy``: inputs (x, w, b, dy, ...) and expected outputs (y, dx, dw, db, idx);
* ``cases.tsv``: ``name<TAB>command line``. In the command line a word ``<file>.npy`` is an input
  fixture of this folder and ``OUT:<file>.npy`` is an output: ConvCommandsTest writes it to a
  temporary file and compares it with that fixture (same shape and dtype; float32 within 1e-5
  relative to the largest magnitude, float64 within 1e-12).

The expected values come from the NumPy reference implementations of tools/gen_conv_fixtures.py
and tools/gen_pool_fixtures.py (imported; they are cross-checked against SciPy there), in float64.
Inputs are multiples of 1/8 in [-1, 1], exact in float32; a float32 case converts the float64
result once. The seed numbers of SPEC §8.3 and §8.4 and the §5.5 pooling examples are asserted.
Deterministic; run from anywhere:

    python3 tools/gen_cli_conv_fixtures.py
"""
import os
import shutil
import sys

import numpy as np

TOOLS = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, TOOLS)
import gen_conv_fixtures as C  # noqa: E402  (reference implementations; main() is not run)
import gen_pool_fixtures as P  # noqa: E402

OUT = os.path.join(TOOLS, "..", "conv4j-cli", "src", "test", "resources", "org", "conv4j", "cli", "conv")
rng = np.random.default_rng(20250301)
cases = []


def vals(*shape):
    return rng.integers(-8, 9, size=shape).astype(np.float64) / 8


def case(name, template, dtype, **arrays):
    """Saves every array as <name>.<role>.npy in dtype and records the command line.

    template names files by role: '{x}' becomes the input file of role x, '{=y}' the output that
    must match the array of role y. Role idx (max-pool indices) is always float64."""
    line = template
    for role, a in arrays.items():
        fname = f"{name}.{role}.npy"
        # max-pool indices are float64 whatever the input's dtype
        np.save(os.path.join(OUT, fname), np.asarray(a).astype(np.float64 if role == "idx" else dtype))
        line = line.replace("{" + role + "}", fname).replace("{=" + role + "}", "OUT:" + fname)
    assert "{" not in line, line
    cases.append(f"{name}\t{line}")


def both(name, template, **arrays):
    for dt, suffix in ((np.float64, "f64"), (np.float32, "f32")):
        case(f"{name}_{suffix}", template, dt, **arrays)


def pads(text, k, d):
    if text in ("valid", "same", "full", "half"):
        return C.resolve_padding(text, None, None, k, d)
    parts = [p.split(":") for p in text.split(",")]
    lo, hi = [int(p[0]) for p in parts], [int(p[-1]) for p in parts]
    return (lo * len(k), hi * len(k)) if len(lo) == 1 else (lo, hi)


def per_axis(v, D):
    return list(v) if isinstance(v, (list, tuple)) else [v] * D


def opt(name, v):
    return f" --{name} {','.join(str(t) for t in v) if isinstance(v, (list, tuple)) else v}"


# ---------------------------------------------------------------------------------------------

def conv_cases():
    def conv(name, xs, ws, stride=1, padding="0", dilation=1, groups=1, mode="zeros", flip=False, bias=False,
             dtypes=both):
        D = len(ws) - 2
        s, d = per_axis(stride, D), per_axis(dilation, D)
        x, w = vals(*xs), vals(*ws)
        b = vals(ws[0]) if bias else None
        lo, hi = pads(padding, ws[2:], d)
        y = C.conv_ref(x, w, b, s, lo, hi, d, groups, mode, flip)
        t = "conv {x} {w} -o {=y}"
        t += " --bias {b}" if bias else ""
        t += (opt("stride", stride) if stride != 1 else "") + (opt("padding", padding) if padding != "0" else "")
        t += (opt("dilation", dilation) if dilation != 1 else "") + (opt("groups", groups) if groups != 1 else "")
        t += (opt("padding-mode", mode) if mode != "zeros" else "") + (" --flip" if flip else "")
        arrays = dict(x=x, w=w, y=y) | (dict(b=b) if bias else {})
        dtypes(name, t, **arrays)

    conv("conv2_basic", (2, 3, 5, 6), (4, 3, 3, 3), bias=True)
    conv("conv2_mixed", (2, 4, 9, 8), (4, 2, 3, 2), stride=[2, 1], padding="1:2,0:1", dilation=[1, 2], groups=2,
         bias=True)
    conv("conv2_same_even", (1, 2, 6, 5), (3, 2, 4, 2), padding="same")
    conv("conv2_depthwise", (2, 3, 6, 6), (6, 1, 3, 3), groups=3, padding="1", stride=2)
    conv("conv2_full_flip", (1, 2, 4, 5), (2, 2, 3, 2), padding="full", flip=True)
    conv("conv2_half_flip", (1, 2, 5, 6), (2, 2, 4, 3), padding="half", flip=True)
    conv("conv2_valid_dil", (1, 1, 7, 7), (1, 1, 3, 3), padding="valid", dilation=2)
    conv("conv1_stride", (2, 2, 11), (3, 2, 3), stride=2, padding="1")
    for mode in ("reflect", "replicate", "circular"):
        conv(f"conv1_{mode}", (2, 2, 7), (3, 2, 3), padding="2", mode=mode, stride=2)
    conv("conv2_reflect_asym", (1, 2, 5, 6), (2, 2, 3, 3), padding="2:1,0:2", mode="reflect")
    conv("conv3_basic", (1, 2, 4, 5, 4), (2, 2, 2, 3, 2), stride=[2, 1, 1], padding="1,0,1", bias=True)


def conv_transpose_cases():
    def ct(name, xs, ws, stride=1, padding=0, output_padding=0, dilation=1, groups=1, bias=False, output_size=None):
        D = len(ws) - 2
        s, p, op, d = (per_axis(v, D) for v in (stride, padding, output_padding, dilation))
        x, w = vals(*xs), vals(*ws)
        b = vals(ws[1] * groups) if bias else None
        if output_size is not None:
            mins = [(xs[2 + a] - 1) * s[a] - 2 * p[a] + d[a] * (ws[2 + a] - 1) + 1 for a in range(D)]
            op = [output_size[a] - mins[a] for a in range(D)]
        y = C.conv_transpose_ref(x, w, b, s, p, op, d, groups)
        t = "conv-transpose {x} {w} -o {=y}" + (" --bias {b}" if bias else "")
        t += (opt("stride", stride) if stride != 1 else "") + (opt("padding", padding) if padding != 0 else "")
        t += opt("output-padding", output_padding) if output_padding != 0 else ""
        t += opt("output-size", output_size) if output_size is not None else ""
        t += (opt("dilation", dilation) if dilation != 1 else "") + (opt("groups", groups) if groups != 1 else "")
        both(name, t, **(dict(x=x, w=w, y=y) | (dict(b=b) if bias else {})))

    ct("ct2_mixed", (2, 4, 4, 3), (4, 2, 3, 2), stride=[2, 1], padding=[1, 0], output_padding=[1, 0],
       dilation=[1, 2], groups=2, bias=True)
    ct("ct1_stride", (2, 3, 5), (3, 2, 4), stride=3, padding=1, output_padding=2)
    ct("ct1_output_size", (1, 2, 4), (2, 3, 3), stride=2, padding=1, output_size=[8])
    ct("ct3_basic", (1, 2, 2, 3, 2), (2, 2, 2, 2, 3), stride=2, padding=[0, 1, 1], bias=True)


def conv_backward_cases():
    def cb(name, xs, ws, grads, stride=1, padding="0", dilation=1, groups=1, mode="zeros", flip=False):
        D = len(ws) - 2
        s, d = per_axis(stride, D), per_axis(dilation, D)
        x, w = vals(*xs), vals(*ws)
        lo, hi = pads(padding, ws[2:], d)
        dy = vals(*C.conv_ref(x, w, None, s, lo, hi, d, groups, mode, flip).shape)
        dx, dw, db = C.conv_grads_ref(x, w, dy, s, lo, hi, d, groups, mode, flip)
        t = "conv-backward {x} {w} {dy}"
        t += " --grad-input {=dx}" if "x" in grads else ""
        t += " --grad-weight {=dw}" if "w" in grads else ""
        t += " --grad-bias {=db}" if "b" in grads else ""
        t += (opt("stride", stride) if stride != 1 else "") + (opt("padding", padding) if padding != "0" else "")
        t += (opt("dilation", dilation) if dilation != 1 else "") + (opt("groups", groups) if groups != 1 else "")
        t += (opt("padding-mode", mode) if mode != "zeros" else "") + (" --flip" if flip else "")
        out = {"x": ("dx", dx), "w": ("dw", dw), "b": ("db", db)}
        both(name, t, x=x, w=w, dy=dy, **dict(out[g] for g in grads))

    cb("cb2_mixed", (2, 4, 7, 6), (4, 2, 3, 2), "xwb", stride=[2, 1], padding="1:2,0:1", dilation=[1, 2], groups=2)
    cb("cb2_same_reflect", (1, 2, 5, 5), (3, 2, 2, 3), "xw", padding="same", mode="reflect")
    cb("cb1_weight_only", (2, 3, 9), (2, 3, 3), "w", stride=2, padding="1", flip=True)
    cb("cb3_basic", (1, 2, 3, 4, 3), (2, 2, 2, 2, 2), "xwb", padding="1")


def seed_cases():
    """SPEC §8.3: the 'backward correlation' of vals with w0 and the weight gradient."""
    vals_ = np.array([[2, 1, -3, -4, -4], [2, -3, 3, 1, 2], [2, 5, -6, 6, -2], [-5, 4, 1, 5, 4], [0, 0, 1, -3, -4]],
                     float)
    w0 = np.array([[[0, 1, -1], [1, -1, 0], [0, 0, 0]], [[1, 0, 0], [0, -1, 1], [1, 0, 1]],
                   [[1, -1, 0], [-1, 0, -1], [-1, 0, 1]]], float)
    a = np.array([[[2, 0, 2, 2, 2], [1, 1, 0, 2, 0], [0, 0, 1, 2, 2], [2, 2, 2, 0, 0], [1, 0, 1, 2, 0]],
                  [[1, 2, 1, 0, 1], [0, 2, 0, 0, 1], [0, 0, 2, 2, 1], [2, 0, 1, 0, 2], [0, 1, 2, 2, 2]],
                  [[0, 0, 2, 2, 2], [0, 1, 2, 1, 0], [0, 0, 0, 2, 0], [0, 2, 0, 0, 2], [0, 0, 2, 2, 1]]], float)
    full = C.conv_transpose_ref(vals_[None, None], w0[None], None, [1, 1], [0, 0], [0, 0], [1, 1], 1)
    assert full.shape == (1, 3, 7, 7) and np.array_equal(full[0, 0, 0], [0, 2, -1, -4, -1, 0, 4])
    cropped = full[:, :, 1:-1, 1:-1]
    assert np.array_equal(cropped[0, 0, 0], [1, -9, 5, -2, 5])
    both("seed_ct_full", "conv-transpose {vals} {w0} -o {=y}", vals=vals_[None, None], w0=w0[None], y=full)
    both("seed_ct_cropped", "conv-transpose {vals} {w0} -o {=y} --padding 1", vals=vals_[None, None], w0=w0[None],
         y=cropped)
    dx, dw, db = C.conv_grads_ref(a[None], w0[None], vals_[None, None], [1, 1], [1, 1], [1, 1], [1, 1], 1, "zeros",
                                  False)
    assert np.array_equal(dw[0, 0], [[4, 56, 8], [1, -20, 1], [22, 12, 21]])
    assert np.array_equal(dw[0, 1], [[7, 18, 21], [5, -22, 20], [35, 26, 33]])
    assert np.array_equal(dx, cropped)
    both("seed_backward", "conv-backward {a} {w0} {vals} --padding 1 --grad-input {=dx} --grad-weight {=dw}",
         a=a[None], w0=w0[None], vals=vals_[None, None], dx=dx, dw=dw)


def unfold_cases():
    x = np.arange(12, dtype=float).reshape(1, 1, 3, 4)
    cols, _ = C.unfold_ref(x, [2, 2], [1, 1], [0, 0], [1, 1])
    assert np.array_equal(cols[0], [[0, 1, 2, 4, 5, 6], [1, 2, 3, 5, 6, 7], [4, 5, 6, 8, 9, 10], [5, 6, 7, 9, 10, 11]])
    both("unfold_spec", "unfold {x} -o {=y} --kernel 2", x=x, y=cols)

    def uf(name, xs, k, s=1, p=0, d=1):
        D = len(xs) - 2
        kk, ss, pp, dd = (per_axis(v, D) for v in (k, s, p, d))
        x = vals(*xs)
        cols, _ = C.unfold_ref(x, kk, ss, pp, dd)
        extra = (opt("stride", s) if s != 1 else "") + (opt("padding", p) if p != 0 else "") + \
                (opt("dilation", d) if d != 1 else "")
        both(f"{name}_unfold", "unfold {x} -o {=y}" + opt("kernel", k) + extra, x=x, y=cols)
        z = vals(*cols.shape)
        back = C.fold_ref(z, list(xs[2:]), kk, ss, pp, dd)
        both(f"{name}_fold", "fold {z} -o {=y}" + opt("output-size", list(xs[2:])) + opt("kernel", k) + extra,
             z=z, y=back)

    uf("u2_mixed", (2, 2, 5, 6), [3, 2], s=[2, 1], p=1, d=[1, 2])
    uf("u1_basic", (2, 3, 9), 3, s=2, p=1)
    uf("u3_basic", (1, 2, 3, 4, 3), 2, p=[0, 1, 0])


def pool_cases():
    # SPEC §5.5 examples on [1..6], k=3, s=2, p=1
    x = np.arange(1, 7, dtype=float).reshape(1, 1, 6)
    y, idx = P.torch_max_pool(x, [3], [2], [1], [1], True)
    assert np.array_equal(y[0, 0], [2, 4, 6, 6]) and np.array_equal(idx[0, 0], [1, 3, 5, 5])
    max_case("pool_spec_max_ceil", x, y, idx, "--kernel 3 --stride 2 --padding 1 --ceil-mode")
    for name, ceil, cip, want in (("floor", False, True, [1, 3, 5]), ("floor_exc", False, False, [1.5, 3, 5]),
                                  ("ceil", True, True, [1, 3, 5, 3]), ("ceil_exc", True, False, [1.5, 3, 5, 6])):
        y = P.torch_avg_pool(x, [3], [2], [1], ceil, cip, None)
        assert np.array_equal(y[0, 0], want), name
        t = "pool {x} -o {=y} --op avg --kernel 3 --stride 2 --padding 1"
        t += (" --ceil-mode" if ceil else "") + ("" if cip else " --no-count-include-pad")
        both(f"pool_spec_avg_{name}", t, x=x, y=y)
    # ties go to the first position in row-major window order
    xt = np.array([[[[1, 3, 3, 0], [3, 2, 1, 3], [0, 0, 2, 2], [2, 1, 2, 2]]]], float)
    y, idx = P.torch_max_pool(xt, [2, 2], [2, 2], [0, 0], [1, 1], False)
    assert np.array_equal(idx[0, 0], [[1, 2], [12, 10]])
    max_case("pool_ties", xt, y, idx, "--kernel 2")

    def mp(name, xs, k, s=None, p=0, d=1, ceil=False):
        D = len(xs) - 2
        kk = per_axis(k, D)
        ss = kk if s is None else per_axis(s, D)
        x = vals(*xs)
        y, idx = P.torch_max_pool(x, kk, ss, per_axis(p, D), per_axis(d, D), ceil)
        t = opt("kernel", k) + (opt("stride", s) if s is not None else "") + (opt("padding", p) if p != 0 else "")
        t += (opt("dilation", d) if d != 1 else "") + (" --ceil-mode" if ceil else "")
        max_case(name, x, y, idx, t.strip())

    def ap(name, xs, k, s=None, p=0, ceil=False, cip=True, divisor=None):
        D = len(xs) - 2
        kk = per_axis(k, D)
        ss = kk if s is None else per_axis(s, D)
        x = vals(*xs)
        y = P.torch_avg_pool(x, kk, ss, per_axis(p, D), ceil, cip, divisor)
        t = "pool {x} -o {=y} --op avg" + opt("kernel", k) + (opt("stride", s) if s is not None else "")
        t += (opt("padding", p) if p != 0 else "") + (" --ceil-mode" if ceil else "")
        t += ("" if cip else " --no-count-include-pad") + (opt("divisor-override", divisor) if divisor else "")
        both(name, t, x=x, y=y)

    mp("pool2_max_mixed", (2, 3, 7, 8), [3, 2], s=[2, 1], p=1, d=[1, 2], ceil=True)
    mp("pool3_max", (1, 2, 5, 4, 6), 2, s=[2, 1, 2], p=[1, 0, 1])
    ap("pool2_avg_mixed", (2, 2, 7, 6), [3, 2], s=[2, 2], p=[1, 1], ceil=True, cip=False)
    ap("pool2_avg_divisor", (1, 2, 6, 6), 3, s=2, p=1, divisor=5)
    ap("pool1_avg", (2, 3, 10), 4, s=3, p=2)


def max_case(name, x, y, idx, options):
    both(name, "pool {x} -o {=y} --op max " + options + " --indices {=idx}", x=x, y=y, idx=idx)


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    conv_cases()
    conv_transpose_cases()
    conv_backward_cases()
    seed_cases()
    unfold_cases()
    pool_cases()
    # A dtype the reader refuses.
    np.save(os.path.join(OUT, "bad_f16.npy"), np.ones((1, 1, 3, 3), dtype=np.float16))
    with open(os.path.join(OUT, "cases.tsv"), "w") as f:
        f.write("\n".join(cases) + "\n")
    size = sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT))
    print(f"{len(cases)} cases, {len(os.listdir(OUT))} files, {size} bytes in {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
