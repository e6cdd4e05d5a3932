#!/usr/bin/env python3
"""Oracle fixtures for org.conv4j.window (sliding windows, generic op, reductions) and
org.conv4j.match (template matching).

Run from the repository root with the default python3 (NumPy 2.4.6, SciPy 1.17.1 when written):

    python3 tools/gen_match_fixtures.py

It writes conv4j-core/src/test/resources/fixtures/match/{match.npz,manifest.tsv}. When OpenCV is
importable by /usr/bin/python3 (Debian python3-opencv 4.6.0, NumPy 1.24.2), the script re-runs
itself there with --opencv to add cv2.matchTemplate results as <name>.cv arrays; the manifest
records which interpreter made them.

Manifest: one case per line, tab-separated: name, op, args (key=value;...). Arrays in match.npz
are <name>.x (input), <name>.t (template), <name>.m (mask), <name>.y (NumPy/SciPy expected),
<name>.cv (OpenCV expected, float32 math). Everything is small and seeded.
"""
import io
import os
import subprocess
import sys
import zipfile

import numpy as np

OUT = os.path.join("conv4j-core", "src", "test", "resources", "fixtures", "match")
METRICS = ["ssd", "msd", "sad", "ccorr", "ccorr-normed", "sqdiff-normed", "ccoeff", "ccoeff-normed"]
CV = {"ssd": "TM_SQDIFF", "ccorr": "TM_CCORR", "ccorr-normed": "TM_CCORR_NORMED",
      "sqdiff-normed": "TM_SQDIFF_NORMED", "ccoeff": "TM_CCOEFF", "ccoeff-normed": "TM_CCOEFF_NORMED"}


def guarded(q, d, fallback):
    """OpenCV's rule for the normalised metrics (templmatch.cpp common_matchTemplate)."""
    q = np.asarray(q, dtype=np.float64)
    d = np.asarray(d, dtype=np.float64)
    out = np.where(np.abs(q) < d, q / np.where(d == 0, 1, d),
                   np.where(np.abs(q) < d * 1.125, np.sign(q), fallback))
    return np.where(np.isnan(q) | np.isnan(d), np.nan, out)


def plain(q, d, fallback):
    """Masked normalised metrics: OpenCV's matchTemplateMask divides without the clamp; conv4j
    defines the zero-denominator case as the unmasked fallback."""
    q = np.asarray(q, dtype=np.float64)
    d = np.asarray(d, dtype=np.float64)
    out = np.where(d > 0, q / np.where(d > 0, d, 1), fallback)
    return np.where(np.isnan(q) | np.isnan(d), np.nan, out)


def match_ref(x, t, metric, channels=False, mask=None):
    """The metric definitions of org.conv4j.match.Metric, straight from sliding_window_view."""
    x = x.astype(np.float64)
    t = t.astype(np.float64)
    if not channels:
        x = x[None]
        t = t[None]
    c = x.shape[0]
    d = x.ndim - 1
    axes = tuple(range(1, d + 1))
    v = np.lib.stride_tricks.sliding_window_view(x, t.shape[1:], axis=axes)  # (c, out..., k...)
    v = np.moveaxis(v, 0, d)  # (out..., c, k...)
    red = tuple(range(d, v.ndim))
    if mask is None:
        m = np.ones_like(t)
    else:
        m = mask.astype(np.float64)
        if not channels:
            m = m[None]
        m = np.broadcast_to(m, t.shape)
    w = m * m
    div = guarded if mask is None else plain
    if metric in ("ssd", "msd"):
        s = (w * (v - t) ** 2).sum(axis=red)
        return s / w.sum() if metric == "msd" else s
    if metric == "sad":
        return (np.abs(m) * np.abs(v - t)).sum(axis=red)
    if metric == "ccorr":
        return (w * v * t).sum(axis=red)
    if metric in ("ccorr-normed", "sqdiff-normed"):
        den = np.sqrt((w * t * t).sum() * (w * v * v).sum(axis=red))
        if metric == "ccorr-normed":
            return div((w * v * t).sum(axis=red), den, 0.0)
        return div((w * (v - t) ** 2).sum(axis=red), den, 1.0)
    # ccoeff: weighted per-channel means
    sw = w.reshape(c, -1).sum(axis=1).reshape((c,) + (1,) * d)
    tm = (w * t).reshape(c, -1).sum(axis=1).reshape((c,) + (1,) * d) / sw
    vm = (w * v).sum(axis=tuple(range(d + 1, v.ndim)), keepdims=True) / sw
    num = (w * (t - tm) * (v - vm)).sum(axis=red)
    if metric == "ccoeff":
        return num
    tv = (w * (t - tm) ** 2).sum()
    if mask is None and tv / np.prod(t.shape[1:]) < np.finfo(float).eps:
        return np.ones_like(num)
    vv = (w * (v - vm) ** 2).sum(axis=red)
    return div(num, np.sqrt(np.maximum(vv, 0) * tv), 0.0)


def build():
    from scipy import ndimage
    swv = np.lib.stride_tricks.sliding_window_view
    rng = np.random.default_rng(20260521)
    arrays = {}
    rows = []

    def add(name, op, args, **arrs):
        for k, v in arrs.items():
            arrays[f"{name}.{k}"] = np.ascontiguousarray(v)
        rows.append((name, op, ";".join(f"{k}={v}" for k, v in args.items())))

    ints = lambda v: ",".join(str(int(a)) for a in np.atleast_1d(v))

    # --- sliding_window_view (SPEC §4 examples and a strided one)
    a6 = np.arange(6.0)
    add("swv_1d", "swv", {"window": "3", "axes": "0", "steps": "none"}, x=a6, y=swv(a6, 3))
    x345 = np.arange(60.0).reshape(3, 4, 5)
    add("swv_axes12", "swv", {"window": "2,2", "axes": "1,2", "steps": "none"}, x=x345,
        y=swv(x345, (2, 2), axis=(1, 2)))
    add("swv_repeated", "swv", {"window": "2,2", "axes": "1,1", "steps": "none"}, x=x345,
        y=swv(x345, (2, 2), axis=(1, 1)))
    add("swv_negative_axis", "swv", {"window": "3", "axes": "-1", "steps": "none"}, x=x345,
        y=swv(x345, 3, axis=-1))
    x45 = np.arange(20.0).reshape(4, 5)
    add("swv_steps", "swv", {"window": "2,3", "axes": "0,1", "steps": "2,1"}, x=x45,
        y=swv(x45, (2, 3))[::2, ::1])
    add("swv_all", "swv", {"window": "2,4,3", "axes": "0,1,2", "steps": "none"}, x=x345,
        y=swv(x345, (2, 4, 3)))

    # --- generic_filter with several functions, modes and origins
    t9 = rng.standard_normal(9)
    funcs = {
        "mean": np.mean, "max": np.max, "median": np.median, "std": np.std,
        "order": lambda v: float(np.dot(v, np.arange(1, len(v) + 1))),
    }
    x2 = rng.standard_normal((7, 8))
    x1 = rng.standard_normal(11)
    x3 = rng.standard_normal((4, 5, 6))
    cases = [
        ("reflect", 0, (3, 3), None, x2), ("mirror", (1, -1), (3, 3), None, x2),
        ("nearest", 0, (2, 4), None, x2), ("wrap", (-1, -1), (3, 2), None, x2),
        ("constant", 0, (3, 3), None, x2), ("reflect", 0, None, np.array([[0, 1, 0], [1, 1, 1], [0, 1, 0]]), x2),
        ("constant", (-1, 1), None, np.array([[1, 0, 1], [0, 1, 1]]), x2),
        ("mirror", 0, (4,), None, x1), ("wrap", -2, (5,), None, x1),
        ("nearest", 0, (2, 3, 2), None, x3),
    ]
    for i, (mode, origin, size, fp, x) in enumerate(cases):
        for fname, f in funcs.items():
            kw = dict(mode=mode, cval=1.5, origin=origin)
            if fp is not None:
                kw["footprint"] = fp
            else:
                kw["size"] = size
            y = ndimage.generic_filter(x, f, **kw)
            args = {"fn": fname, "mode": mode, "cval": "1.5", "origin": ints(origin),
                    "size": ints(size if fp is None else fp.shape), "footprint": "none" if fp is None else "1"}
            arrs = dict(x=x, y=y)
            if fp is not None:
                arrs["fp"] = fp.astype(np.float64)
            add(f"gen{i}_{fname}", "generic", args, **arrs)
        # template MSD over the footprint's elements
        n = int(np.prod(size)) if fp is None else int(fp.sum())
        tm = rng.standard_normal(n)
        kw = dict(mode=mode, cval=1.5, origin=origin)
        if fp is not None:
            kw["footprint"] = fp
        else:
            kw["size"] = size
        y = ndimage.generic_filter(x, lambda v: np.mean((v - tm) ** 2), **kw)
        args = {"fn": "msd", "mode": mode, "cval": "1.5", "origin": ints(origin),
                "size": ints(size if fp is None else fp.shape), "footprint": "none" if fp is None else "1"}
        arrs = dict(x=x, y=y, t=tm)
        if fp is not None:
            arrs["fp"] = fp.astype(np.float64)
        add(f"gen{i}_msd", "generic", args, **arrs)

    # --- window reductions: ndimage filters (same geometry) and valid+strided reductions
    xr = rng.standard_normal((9, 10))
    xr[2, 3] = xr[2, 4]  # a tie
    for mode, origin in [("reflect", 0), ("constant", (1, 0)), ("wrap", (0, -1))]:
        kw = dict(size=(3, 4), mode=mode, cval=-0.5, origin=origin)
        base = {"size": "3,4", "mode": mode, "cval": "-0.5", "origin": ints(origin), "valid": "0", "stride": "1"}
        add(f"red_{mode}_min", "reduce", dict(base, fn="min"), x=xr, y=ndimage.minimum_filter(xr, **kw))
        add(f"red_{mode}_max", "reduce", dict(base, fn="max"), x=xr, y=ndimage.maximum_filter(xr, **kw))
        add(f"red_{mode}_median", "reduce", dict(base, fn="median"), x=xr, y=ndimage.median_filter(xr, **kw))
        add(f"red_{mode}_p30", "reduce", dict(base, fn="percentile30"), x=xr,
            y=ndimage.percentile_filter(xr, 30, **kw))
        add(f"red_{mode}_mean", "reduce", dict(base, fn="mean"), x=xr, y=ndimage.generic_filter(xr, np.mean, **kw))
        add(f"red_{mode}_sum", "reduce", dict(base, fn="sum"), x=xr, y=ndimage.generic_filter(xr, np.sum, **kw))
        add(f"red_{mode}_var", "reduce", dict(base, fn="var"), x=xr, y=ndimage.generic_filter(xr, np.var, **kw))
        add(f"red_{mode}_std", "reduce", dict(base, fn="std"), x=xr, y=ndimage.generic_filter(xr, np.std, **kw))
        add(f"red_{mode}_argmin", "reduce", dict(base, fn="argmin"), x=xr,
            y=ndimage.generic_filter(xr, lambda v: float(np.argmin(v)), **kw))
        add(f"red_{mode}_argmax", "reduce", dict(base, fn="argmax"), x=xr,
            y=ndimage.generic_filter(xr, lambda v: float(np.argmax(v)), **kw))
    xv = rng.standard_normal((6, 7, 8)) + 100.0  # offset data: var must not cancel
    w = swv(xv, (2, 3, 4))[::2, ::1, ::3]
    flat = w.reshape(w.shape[:3] + (-1,))
    base = {"size": "2,3,4", "mode": "reflect", "cval": "0", "origin": "0", "valid": "1", "stride": "2,1,3"}
    for fname, y in [("sum", flat.sum(-1)), ("mean", flat.mean(-1)), ("var", flat.var(-1)), ("std", flat.std(-1)),
                     ("min", flat.min(-1)), ("max", flat.max(-1)), ("argmin", flat.argmin(-1).astype(float)),
                     ("argmax", flat.argmax(-1).astype(float)),
                     ("median", np.sort(flat, -1)[..., flat.shape[-1] // 2]),
                     ("percentile30", np.sort(flat, -1)[..., int(flat.shape[-1] * 30 / 100)])]:
        add(f"redvalid_{fname}", "reduce", dict(base, fn=fname), x=xv, y=y)

    # --- template matching: every metric, 1-/2-/3-D, channels, masks, degenerate windows
    img2 = rng.random((12, 13)).astype(np.float32)
    tpl2 = img2[5:9, 6:9] + np.float32(0.05) * rng.standard_normal((4, 3)).astype(np.float32)
    img1 = rng.random(30)
    tpl1 = rng.random(5)
    img3 = rng.random((6, 7, 5))
    tpl3 = rng.random((2, 3, 2))
    imgc = rng.random((3, 10, 11)).astype(np.float32)
    tplc = imgc[:, 2:6, 3:7].copy()
    flatimg = rng.random((9, 10)).astype(np.float32)
    flatimg[1:6, 2:8] = 0.25  # constant region: zero-variance windows
    mask2 = (rng.random((4, 3)) > 0.3).astype(np.float32)
    mask2[0, 0] = 1
    wmask = rng.random((4, 3)) + 0.2
    sets = [
        ("m2d", img2, tpl2, False, None), ("m1d", img1, tpl1, False, None), ("m3d", img3, tpl3, False, None),
        ("mch", imgc, tplc, True, None), ("mflat", flatimg, flatimg[0:3, 0:4] * 0 + np.float32(0.5) +
                                          np.float32([[0, 1, 0, 1], [1, 0, 1, 0], [0, 0, 1, 1]]), False, None),
        ("mflatt", img2, np.full((3, 3), 0.7, np.float32), False, None),
        ("mmask", img2, tpl2, False, mask2), ("mwmask", img2.astype(np.float64), tpl2.astype(np.float64), False, wmask),
        ("mchmask", imgc, tplc, True, np.maximum((rng.random((4, 4)) > 0.4), np.eye(4, dtype=bool)).astype(np.float32)),
    ]
    for sname, img, tpl, ch, mask in sets:
        for metric in METRICS:
            if sname == "mflatt" and metric not in ("ccoeff-normed", "sqdiff-normed", "ccorr-normed"):
                continue
            y = match_ref(img, tpl, metric, ch, mask)
            arrs = dict(x=img, t=tpl, y=y)
            if mask is not None:
                arrs["m"] = mask
            add(f"{sname}_{metric}", "match", {"metric": metric, "channels": int(ch),
                                                 "mask": "none" if mask is None else "1"}, **arrs)
    return arrays, rows


def opencv(npz_in, npz_out):
    """Run under /usr/bin/python3: cv2.matchTemplate on the fixture inputs (float32)."""
    import cv2
    data = dict(np.load(npz_in))
    res = {}
    for key in list(data):
        if not key.endswith(".t"):
            continue
        name = key[:-2]
        metric = name.split("_", 1)[1]
        if metric not in CV and metric != "msd":
            continue
        img = data[name + ".x"]
        tpl = data[name + ".t"]
        if img.ndim == 1 or (img.ndim == 3 and not name.startswith("mch")):
            continue  # OpenCV matches 2-D images (with channels) only
        if name.startswith("mwmask"):
            continue  # OpenCV agrees with conv4j on 0/1 masks; weights are checked against NumPy
        if img.ndim == 3:  # (C, H, W) -> (H, W, C)
            img = np.ascontiguousarray(img.transpose(1, 2, 0))
            tpl = np.ascontiguousarray(tpl.transpose(1, 2, 0))
        img = img.astype(np.float32)
        tpl = tpl.astype(np.float32)
        kw = {}
        if name + ".m" in data:
            m = data[name + ".m"].astype(np.float32)
            if m.ndim == 2 and tpl.ndim == 3:
                m = np.ascontiguousarray(np.repeat(m[:, :, None], tpl.shape[2], axis=2))
            kw["mask"] = m
        method = getattr(cv2, CV["ssd" if metric == "msd" else metric])
        r = cv2.matchTemplate(img, tpl, method, **kw).astype(np.float64)
        if metric == "msd":
            r = r / (data[name + ".m"].sum() * (1 if tpl.ndim == 2 else tpl.shape[2]) if "mask" in kw else tpl.size)
        res[name + ".cv"] = r
    np.savez(npz_out, **res)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--opencv":
        opencv(sys.argv[2], sys.argv[3])
        return
    arrays, rows = build()
    os.makedirs(OUT, exist_ok=True)
    npz = os.path.join(OUT, "match.npz")
    tmp_in = os.path.join(OUT, ".cv_in.npz")
    tmp_out = os.path.join(OUT, ".cv_out.npz")
    np.savez(tmp_in, **{k: v for k, v in arrays.items() if k.startswith("m")})
    cv_note = "OpenCV: not available"
    try:
        subprocess.run(["/usr/bin/python3", __file__, "--opencv", tmp_in, tmp_out], check=True)
        cv = dict(np.load(tmp_out))
        arrays.update(cv)
        ver = subprocess.run(["/usr/bin/python3", "-c", "import cv2, numpy, sys; print(cv2.__version__, numpy.__version__,"
                              " sys.version.split()[0])"], capture_output=True, text=True, check=True).stdout.split()
        cv_note = f"OpenCV {ver[0]} (NumPy {ver[1]}, /usr/bin/python3 {ver[2]}): {len(cv)} cases"
    except (OSError, subprocess.CalledProcessError) as e:
        print("OpenCV values skipped:", e, file=sys.stderr)
    finally:
        for p in (tmp_in, tmp_out):
            if os.path.exists(p):
                os.remove(p)
    import scipy
    np.savez_compressed(npz, **arrays)
    with open(os.path.join(OUT, "manifest.tsv"), "w") as f:
        f.write(f"# generated by tools/gen_match_fixtures.py: NumPy {np.__version__}, SciPy {scipy.__version__},"
                f" python {sys.version.split()[0]}; {cv_note}\n")
        f.write("name\top\targs\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{len(rows)} cases, {len(arrays)} arrays; {cv_note}")


if __name__ == "__main__":
    main()
