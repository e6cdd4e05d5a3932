#!/usr/bin/env python3
"""Generates the correctness fixtures for conv4j's I/O readers (package org.conv4j.io).

Run from anywhere (needs only numpy; the default python3 has it):

    python3 tools/gen_io_fixtures.py

It rewrites, under conv4j-core/src/test/resources/fixtures/:

    npy/     .npy files written by numpy (np.save / np.lib.format) in every supported dtype, both byte
             orders, C and Fortran order, format versions 1.0/2.0/3.0, ranks 0..8, empty arrays, plus a few
             hand-written but valid header spellings; manifest.tsv gives each file's expected tensor.
    npz/     archives from np.savez and np.savez_compressed; manifest.tsv lists archives and entries.
    idx/     a tiny MNIST-style IDX pair (plain and gzip) and IDX files of every element type.
    images/  tiny PNGs of every colour type and bit depth the reader must handle, written by a minimal PNG
             encoder below (no imaging library needed).

Every manifest is tab-separated, one record per line, '#' starts a comment line. Shapes are written as
comma-separated dimensions ('' for rank 0); values are the expected tensor in C order, space-separated, as
Java's Double.parseDouble reads them ('NaN', 'Infinity', '-Infinity', Python's shortest repr otherwise), so
the comparison in the Java tests is exact. Float32 values are printed as the exact double of the float32.

Checking what conv4j writes (numpy must load it, and .npy output must equal np.save's byte for byte):

    CONV4J_IO_EXPORT_DIR=/tmp/conv4j-export ./build -q -pl conv4j-core test -Dtest=NumpyExportTest \
        -Dsurefire.failIfNoSpecifiedTests=false
    python3 tools/gen_io_fixtures.py --check-written /tmp/conv4j-export

The script is deterministic: running it again produces byte-identical files (np.savez stamps zip entries
with 1980-01-01, gzip members are written with mtime 0). The malformed-input corpus is made by
tools/gen_malformed.py, which imports the helpers here.
"""

import gzip
import io
import math
import os
import struct
import sys
import warnings
import zlib

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "conv4j-core", "src", "test", "resources", "fixtures")


# ----------------------------------------------------------------------------------------------
# Shared helpers (also used by gen_malformed.py)


def fresh_dir(name):
    """Returns fixtures/<name>, created, with the files a previous run left there removed."""
    d = os.path.join(FIXTURES, name)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        p = os.path.join(d, f)
        if os.path.isfile(p):
            os.remove(p)
    return d


def write_bytes(directory, name, data):
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


def fmt_value(x):
    """One expected value as Java's Double.parseDouble reads it, exactly."""
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return repr(x)


def fmt_shape(shape):
    return ",".join(str(int(d)) for d in shape)


def fmt_values(values):
    return " ".join(fmt_value(v) for v in values)


def expected_values(a):
    """C-order values of array a as Python floats, converted the way the Java reader converts them."""
    flat = np.ascontiguousarray(a).reshape(-1)
    if a.dtype.kind in "iu":
        # float(int) rounds to nearest even, as Java's (double) long and the unsigned conversion do.
        return [float(int(v)) for v in flat]
    if a.dtype.kind == "b":
        return [1.0 if v else 0.0 for v in flat]
    return [float(v) for v in flat]


def expected_dtype(a):
    return "float32" if a.dtype.kind == "f" and a.dtype.itemsize == 4 else "float64"


def npy_bytes(a, version=None):
    b = io.BytesIO()
    if version is None:
        np.save(b, a)
    else:
        np.lib.format.write_array(b, a, version=version)
    return b.getvalue()


def npy_with_header(header_text, data, version=(1, 0), pad=True):
    """A .npy file with a hand-written header string (padded the way numpy pads, unless pad is False)."""
    enc = "utf-8" if version[0] == 3 else "latin1"
    h = header_text.encode(enc)
    prefix_len = 6 + 2 + (2 if version[0] == 1 else 4)
    if pad:
        hlen = len(h) + 1
        padlen = 64 - ((prefix_len + hlen) % 64)
        h = h + b" " * padlen + b"\n"
    fmt = "<H" if version[0] == 1 else "<I"
    return b"\x93NUMPY" + bytes(version) + struct.pack(fmt, len(h)) + h + data


def png_chunk(kind, payload):
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def png_bytes(width, height, color_type, bit_depth, rows, extra_chunks=(), idat=None):
    """A PNG with the given IHDR and unfiltered rows (each a bytes object of packed samples)."""
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    if idat is None:
        idat = zlib.compress(b"".join(b"\x00" + r for r in rows), 9)
    out = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr)
    for kind, payload in extra_chunks:
        out += png_chunk(kind, payload)
    return out + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def pack_bits(samples, bits):
    """Packs one row of samples of `bits` bits each (1, 2, 4, 8 or 16) MSB first, as PNG does."""
    samples = [int(s) for s in samples]  # bytes(ndarray) would give the array's memory, not its values
    if bits == 16:
        return b"".join(struct.pack(">H", s) for s in samples)
    if bits == 8:
        return bytes(samples)
    out, acc, n = bytearray(), 0, 0
    for s in samples:
        acc = (acc << bits) | s
        n += bits
        if n == 8:
            out.append(acc)
            acc, n = 0, 0
    if n:
        out.append(acc << (8 - n))
    return bytes(out)


def idx_bytes(type_code, shape, payload):
    return bytes([0, 0, type_code, len(shape)]) + b"".join(struct.pack(">I", d) for d in shape) + payload


def gz(data):
    return gzip.compress(data, compresslevel=9, mtime=0)


class Manifest:
    def __init__(self, directory, header):
        self.path = os.path.join(directory, "manifest.tsv")
        self.lines = ["# " + h for h in header]

    def add(self, *fields):
        for f in fields:
            assert "\t" not in str(f) and "\n" not in str(f), f
        self.lines.append("\t".join(str(f) for f in fields))

    def write(self):
        with open(self.path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(self.lines) + "\n")


# ----------------------------------------------------------------------------------------------
# .npy


def sample_values(kind_size):
    """Edge values for each dtype: extremes, zero, negatives, exactness limits, special floats."""
    kind, size = kind_size[0], int(kind_size[1:])
    if kind == "f" and size == 4:
        f32 = np.finfo(np.float32)
        return np.array([0.0, -0.0, 1.5, -2.25, np.inf, -np.inf, np.nan, f32.max, f32.smallest_subnormal, 0.1],
                        dtype=np.float32)
    if kind == "f":
        f64 = np.finfo(np.float64)
        return np.array([0.0, -0.0, 0.5, -1e300, np.inf, -np.inf, np.nan, f64.max, f64.smallest_subnormal, 0.1])
    if kind == "b":
        return np.array([True, False, True, True, False, False])
    info = np.iinfo(np.dtype(kind_size))
    vals = [info.min, info.max, 0, 1, info.max // 3, info.min // 3 if info.min else 7]
    if size == 8:
        vals += [2**53 + 1, -(2**53) - 1 if kind == "i" else 2**63 + 1]
    return np.array(vals, dtype=np.dtype(kind_size))


def gen_npy():
    d = fresh_dir("npy")
    m = Manifest(d, [
        "npy fixtures written by tools/gen_io_fixtures.py: file, expected dtype, shape, C-order values",
        "file\tdtype\tshape\tvalues",
    ])

    def emit(name, data, expect_array):
        write_bytes(d, name, data)
        with warnings.catch_warnings():  # numpy warns about the Python 2 'L' suffix, and reads it
            warnings.simplefilter("ignore")
            loaded = np.load(os.path.join(d, name))  # every fixture must be what numpy itself reads
        assert loaded.shape == expect_array.shape and loaded.dtype == expect_array.dtype, name
        assert np.array_equal(loaded, expect_array, equal_nan=expect_array.dtype.kind == "f"), name
        m.add(name, expected_dtype(expect_array), fmt_shape(expect_array.shape),
              fmt_values(expected_values(expect_array)))

    kinds = ["f4", "f8", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "b1"]
    for ks in kinds:
        base = sample_values(ks)
        orders = ["|"] if int(ks[1:]) == 1 else ["<", ">"]
        for o in orders:
            a = base.astype(np.dtype(o + ks)).reshape(2, -1) if base.size % 2 == 0 else base.astype(o + ks)
            tag = {"<": "le", ">": "be", "|": "na"}[o]
            emit(f"dtype_{ks}_{tag}.npy", npy_bytes(a), a)
            # The same values in Fortran order: a 3-D array whose C and F layouts differ.
            fa = np.asfortranarray(np.resize(a.reshape(-1), (2, 3, 2)))
            assert fa.flags.f_contiguous and not fa.flags.c_contiguous
            emit(f"dtype_{ks}_{tag}_fortran.npy", npy_bytes(fa), fa)

    # Ranks 0..8, empty arrays, both float dtypes.
    for dt in ["<f4", ">f8"]:
        tag = "f4" if dt.endswith("4") else "f8be"
        for shape in [(), (5,), (2, 3), (2, 3, 4), (2, 1, 3, 2), (1, 2, 1, 1, 2, 1, 1, 2)]:
            n = int(np.prod(shape))
            a = ((np.arange(n) - n // 2) * 0.5).astype(dt).reshape(shape)
            emit(f"rank{len(shape)}_{tag}.npy", npy_bytes(a), a)
        for shape in [(0,), (2, 0, 3), (0, 4)]:
            a = np.zeros(shape, dtype=dt)
            emit(f"empty_{fmt_shape(shape).replace(',', 'x')}_{tag}.npy", npy_bytes(a), a)
    fe = np.asfortranarray(np.zeros((3, 0, 2), dtype="<f8"))
    emit("empty_fortran_f8.npy", npy_bytes(fe), fe)
    f4 = np.asfortranarray((np.arange(24).reshape(2, 3, 4) - 7.5).astype("<f4"))
    emit("fortran_3d_f4.npy", npy_bytes(f4), f4)
    f2 = np.asfortranarray(np.arange(6.0).reshape(2, 3))
    emit("fortran_2d_f8.npy", npy_bytes(f2), f2)

    # Format versions 2.0 and 3.0 (numpy picks them only for huge or non-latin1 headers; force them).
    v = (np.arange(12).reshape(3, 4) * 0.25).astype("<f8")
    emit("version2_f8.npy", npy_bytes(v, (2, 0)), v)
    emit("version3_f8.npy", npy_bytes(v, (3, 0)), v)
    vf = np.asfortranarray(v.astype(">f4"))
    emit("version3_fortran_f4be.npy", npy_bytes(vf, (3, 0)), vf)

    # Hand-written headers numpy also accepts: other key order, double quotes, no trailing comma,
    # no padding or newline, '=' byte order, Python 2 long suffix, a 1-D array marked Fortran.
    data6 = np.arange(6.0).astype("<f8")
    emit("header_reordered.npy",
         npy_with_header("{\"shape\": (2, 3), \"fortran_order\": False, \"descr\": \"<f8\"}", data6.tobytes()),
         data6.reshape(2, 3))
    emit("header_unpadded.npy",
         npy_with_header("{'descr':'<f8','fortran_order':False,'shape':(6,)}", data6.tobytes(), pad=False),
         data6)
    emit("header_native_order.npy",
         npy_with_header("{'descr': '=f4', 'fortran_order': False, 'shape': (3, 2), }",
                         data6.astype("<f4").tobytes()),
         data6.astype("<f4").reshape(3, 2))
    emit("header_long_suffix.npy",
         npy_with_header("{'descr': '<i4', 'fortran_order': False, 'shape': (2L, 3L), }",
                         data6.astype("<i4").tobytes()),
         data6.astype("<i4").reshape(2, 3))
    emit("header_fortran_1d.npy",
         npy_with_header("{'descr': '<f8', 'fortran_order': True, 'shape': (6,), }", data6.tobytes()),
         data6)
    m.write()


# ----------------------------------------------------------------------------------------------
# .npz


def gen_npz():
    d = fresh_dir("npz")
    m = Manifest(d, [
        "npz fixtures written by tools/gen_io_fixtures.py. Two record kinds:",
        "archive\tfile\tentry count",
        "entry\tfile\tname (without .npy)\tdtype\tshape\tvalues   (entries in archive order)",
    ])
    arrays = {
        "weights": (np.arange(6).reshape(2, 3) * 0.5 - 1).astype("<f4"),
        "bias": np.array([1, -2, 3, 2**40], dtype=">i8"),
        "scalar": np.float64(-0.0) * np.ones(()),
        "fortran": np.asfortranarray(np.arange(24.0).reshape(2, 3, 4)),
        "empty": np.zeros((0, 3), dtype="<f4"),
        "flags": np.array([[True, False], [False, True]]),
    }
    for name, save in [("savez.npz", np.savez), ("savez_compressed.npz", np.savez_compressed)]:
        save(os.path.join(d, name), **arrays)
        m.add("archive", name, len(arrays))
        for k, a in arrays.items():
            m.add("entry", name, k, expected_dtype(a), fmt_shape(a.shape), fmt_values(expected_values(a)))
    pos = [np.arange(3.0), np.ones((2, 2), dtype="<f4")]
    np.savez(os.path.join(d, "positional.npz"), *pos)
    m.add("archive", "positional.npz", len(pos))
    for i, a in enumerate(pos):
        m.add("entry", "positional.npz", f"arr_{i}", expected_dtype(a), fmt_shape(a.shape),
              fmt_values(expected_values(a)))
    np.savez(os.path.join(d, "empty_archive.npz"))
    m.add("archive", "empty_archive.npz", 0)
    for name in ["savez.npz", "savez_compressed.npz", "positional.npz", "empty_archive.npz"]:
        with np.load(os.path.join(d, name)) as z:
            assert len(z.files) == {"positional.npz": 2, "empty_archive.npz": 0}.get(name, len(arrays))
    m.write()


# ----------------------------------------------------------------------------------------------
# IDX


def gen_idx():
    d = fresh_dir("idx")
    m = Manifest(d, [
        "IDX fixtures written by tools/gen_io_fixtures.py: file, reader, dtype, shape, C-order values",
        "reader: images = Idx.readImages (values/255 as float32), labels = Idx.readLabels (ints),",
        "        generic = Idx.read (raw values)",
        "file\treader\tdtype\tshape\tvalues",
    ])
    images = np.array([
        [[0, 255, 1, 2, 3], [4, 5, 6, 7, 8], [128, 127, 254, 9, 10], [11, 12, 13, 14, 200]],
        [[255] * 5, [0] * 5, [17, 34, 51, 68, 85], [102, 119, 136, 153, 170]],
        [[i * 12 for i in range(5)], [60 + i for i in range(5)], [250 - i for i in range(5)], [33] * 5],
    ], dtype=np.uint8)
    labels = np.array([5, 0, 9], dtype=np.uint8)
    img_raw = idx_bytes(0x08, images.shape, images.tobytes())
    lab_raw = idx_bytes(0x08, labels.shape, labels.tobytes())
    img_vals = [float(np.float32(v) / np.float32(255)) for v in images.reshape(-1)]
    for suffix, wrap in [("", lambda b: b), (".gz", gz)]:
        write_bytes(d, "tiny-images-idx3-ubyte" + suffix, wrap(img_raw))
        write_bytes(d, "tiny-labels-idx1-ubyte" + suffix, wrap(lab_raw))
        m.add("tiny-images-idx3-ubyte" + suffix, "images", "float32", fmt_shape(images.shape), fmt_values(img_vals))
        m.add("tiny-labels-idx1-ubyte" + suffix, "labels", "int", fmt_shape(labels.shape),
              fmt_values(labels.tolist()))
        m.add("tiny-images-idx3-ubyte" + suffix, "generic", "float64", fmt_shape(images.shape),
              fmt_values(images.reshape(-1).tolist()))
    # A gzip file named without .gz: detection is by magic bytes, not by name.
    write_bytes(d, "gzipped-without-suffix-idx1-ubyte", gz(lab_raw))
    m.add("gzipped-without-suffix-idx1-ubyte", "labels", "int", fmt_shape(labels.shape), fmt_values(labels.tolist()))
    # Every IDX element type through the generic reader (big-endian payloads).
    typed = [
        (0x09, ">i1", "float64", np.array([[-128, 127, 0], [-1, 1, 5]])),
        (0x0B, ">i2", "float64", np.array([[-32768, 32767, 0], [-300, 300, 1]])),
        (0x0C, ">i4", "float64", np.array([-(2**31), 2**31 - 1, 0, 123456])),
        (0x0D, ">f4", "float32", np.array([[1.5, -0.0], [np.inf, 0.1]])),
        (0x0E, ">f8", "float64", np.array([0.1, -1e300, np.nan, 2.5])),
        (0x08, ">u1", "float64", np.arange(8).reshape(2, 2, 2) * 30),
    ]
    for code, dt, jdt, a in typed:
        a = a.astype(dt)
        name = f"generic-{np.dtype(dt).name}-idx{a.ndim}"
        write_bytes(d, name, idx_bytes(code, a.shape, a.tobytes()))
        m.add(name, "generic", jdt, fmt_shape(a.shape), fmt_values(expected_values(a)))
    m.write()


# ----------------------------------------------------------------------------------------------
# Images (PNG)


def gen_images():
    d = fresh_dir("images")
    m = Manifest(d, [
        "PNG fixtures written by tools/gen_io_fixtures.py: file, expected (C, H, W) shape, C-order float32 values",
        "Grey gives C=1, RGB C=3, RGBA C=4; grey+alpha and palettes with transparency give RGBA (C=4).",
        "file\tshape\tvalues",
    ])

    def emit(name, data, chw, scale):
        chw = np.asarray(chw, dtype=np.float64)
        write_bytes(d, name, data)
        vals = [float(np.float32(v) / np.float32(scale)) for v in chw.reshape(-1)]
        m.add(name, fmt_shape(chw.shape), fmt_values(vals))

    g8 = np.array([[0, 255, 128], [1, 2, 254], [10, 20, 30], [100, 200, 50]])  # H=4, W=3
    emit("grey8.png", png_bytes(3, 4, 0, 8, [pack_bits(r, 8) for r in g8]), g8[None], 255)
    g16 = np.array([[0, 65535], [1, 32768], [65534, 12345]])  # H=3, W=2
    emit("grey16.png", png_bytes(2, 3, 0, 16, [pack_bits(r, 16) for r in g16]), g16[None], 65535)
    g1 = np.array([[1, 0, 1, 1, 0, 0, 0, 1, 1, 0], [0, 1, 0, 0, 1, 1, 1, 0, 0, 1]])  # 1-bit, W=10 (padded row)
    emit("grey1.png", png_bytes(10, 2, 0, 1, [pack_bits(r, 1) for r in g1]), g1[None] * 255, 255)
    g2 = np.array([[0, 1, 2, 3, 3], [2, 1, 0, 0, 1]])  # 2-bit levels 0, 85, 170, 255
    emit("grey2.png", png_bytes(5, 2, 0, 2, [pack_bits(r, 2) for r in g2]), g2[None] * 85, 255)
    rgb = np.array([[[255, 0, 0], [0, 255, 0], [0, 0, 255]], [[1, 2, 3], [250, 128, 7], [0, 0, 0]]])  # H=2,W=3
    emit("rgb8.png", png_bytes(3, 2, 2, 8, [pack_bits(r.reshape(-1), 8) for r in rgb]), rgb.transpose(2, 0, 1), 255)
    rgba = np.array([[[255, 0, 0, 0], [0, 255, 0, 128]], [[0, 0, 255, 255], [9, 8, 7, 6]]])
    emit("rgba8.png", png_bytes(2, 2, 6, 8, [pack_bits(r.reshape(-1), 8) for r in rgba]),
         rgba.transpose(2, 0, 1), 255)
    rgb16 = np.array([[[65535, 0, 1], [300, 40000, 65534]]])  # H=1, W=2
    emit("rgb16.png", png_bytes(2, 1, 2, 16, [pack_bits(r.reshape(-1), 16) for r in rgb16]),
         rgb16.transpose(2, 0, 1), 65535)
    rgba16 = np.array([[[65535, 0, 1, 2], [3, 4, 5, 65535]]])
    emit("rgba16.png", png_bytes(2, 1, 6, 16, [pack_bits(r.reshape(-1), 16) for r in rgba16]),
         rgba16.transpose(2, 0, 1), 65535)
    ga = np.array([[[10, 255], [20, 0]], [[30, 128], [40, 64]]])  # grey+alpha, H=2, W=2 -> RGBA
    ga_rgba = np.stack([ga[..., 0], ga[..., 0], ga[..., 0], ga[..., 1]])
    emit("grey_alpha8.png", png_bytes(2, 2, 4, 8, [pack_bits(r.reshape(-1), 8) for r in ga]), ga_rgba, 255)
    palette = np.array([[255, 0, 0], [0, 128, 255], [7, 7, 7], [255, 255, 255]])
    idx = np.array([[0, 1, 2], [3, 2, 1]])
    plte = (b"PLTE", bytes(palette.reshape(-1).tolist()))
    emit("palette8.png", png_bytes(3, 2, 3, 8, [pack_bits(r, 8) for r in idx], [plte]),
         palette[idx].transpose(2, 0, 1), 255)
    alpha = np.array([0, 128, 255, 255])
    trns = (b"tRNS", bytes(alpha[:3].tolist()))  # the last entry defaults to opaque
    pal_rgba = np.concatenate([palette, alpha[:, None]], axis=1)
    emit("palette4_trns.png", png_bytes(3, 2, 3, 4, [pack_bits(r, 4) for r in idx], [plte, trns]),
         pal_rgba[idx].transpose(2, 0, 1), 255)
    m.write()


def parse_values(text):
    return [float(v) for v in text.split(" ")] if text else []


def check_written(directory):
    """Loads the files NumpyExportTest wrote with numpy and compares them with the manifests."""
    problems, checked = [], 0

    def compare(what, a, dtype, shape, values):
        want = np.array(parse_values(values), dtype=dtype).reshape([int(x) for x in shape.split(",")] if shape else [])
        if a.dtype != np.dtype(dtype) or a.shape != want.shape:
            problems.append(f"{what}: got {a.dtype}{a.shape}, want {dtype}{want.shape}")
        elif np.ascontiguousarray(a).tobytes() != want.tobytes():
            problems.append(f"{what}: values differ")

    for line in open(os.path.join(FIXTURES, "npy", "manifest.tsv"), encoding="utf-8"):
        if line.startswith("#"):
            continue
        name, dtype, shape, values = line.rstrip("\n").split("\t")
        path = os.path.join(directory, "npy", name)
        a = np.load(path)
        compare(name, a, dtype, shape, values)
        b = io.BytesIO()
        np.save(b, a)
        with open(path, "rb") as f:
            if f.read() != b.getvalue():
                problems.append(f"{name}: bytes differ from np.save of the same array")
        checked += 1
    archives = {}
    for line in open(os.path.join(FIXTURES, "npz", "manifest.tsv"), encoding="utf-8"):
        if line.startswith("#"):
            continue
        f = line.rstrip("\n").split("\t")
        if f[0] == "archive":
            archives[f[1]] = []
        else:
            archives[f[1]].append(f[2:])
    for name, entries in archives.items():
        for kind in ["stored", "deflated"]:
            path = os.path.join(directory, "npz", name[:-4] + "." + kind + ".npz")
            with np.load(path) as z:
                if z.files != [e[0] for e in entries]:
                    problems.append(f"{path}: entries {z.files}")
                for key, dtype, shape, values in entries:
                    compare(f"{path}:{key}", z[key], dtype, shape, values)
            checked += 1
    for p in problems:
        print("FAIL", p)
    print(f"checked {checked} files written by conv4j: {len(problems)} problems")
    return 1 if problems else 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--check-written":
        sys.exit(check_written(sys.argv[2]))
    if not os.path.isdir(os.path.join(ROOT, "conv4j-core")):
        sys.exit(f"cannot find conv4j-core under {ROOT}")
    gen_npy()
    gen_npz()
    gen_idx()
    gen_images()
    total = 0
    for sub in ["npy", "npz", "idx", "images"]:
        p = os.path.join(FIXTURES, sub)
        total += sum(os.path.getsize(os.path.join(p, f)) for f in os.listdir(p))
    print(f"wrote fixtures under {FIXTURES} ({total} bytes)")


if __name__ == "__main__":
    main()
