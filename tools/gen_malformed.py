#!/usr/bin/env python3
"""Generates the malformed-input corpus for conv4j's I/O readers (package org.conv4j.io).

Run from anywhere (needs numpy, which the default python3 has):

    python3 tools/gen_malformed.py

It rewrites conv4j-core/src/test/resources/fixtures/malformed/: one small broken file per case and
manifest.tsv with, per line, `file<TAB>reader<TAB>expected message substring`. The reader column says
which entry point the Java test calls (npy = Npy.read, npz = Npz.read, idx = Idx.read, idx-images =
Idx.readImages, idx-labels = Idx.readLabels, image = Images.read). The test (MalformedCorpusTest) asserts
that each file fails with an org.conv4j.io.FormatException whose message names the file and contains the
substring, and never with an OutOfMemoryError, a hang or an unchecked exception.

Deterministic: regenerating gives byte-identical files.
"""

import io
import os
import struct
import sys
import warnings
import zipfile
import zlib

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_io_fixtures import (  # noqa: E402
    Manifest, fresh_dir, gz, idx_bytes, npy_bytes, npy_with_header, png_bytes, png_chunk, write_bytes)

CASES = []


def case(name, reader, substring, data):
    CASES.append((name, reader, substring, data))


def hdr(text, data=b"", version=(1, 0), pad=True):
    return npy_with_header(text, data, version, pad)


def good_header(descr="<f8", shape="(2, 3)", fortran="False"):
    return "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (descr, fortran, shape)


def zip_bytes(entries, compression=zipfile.ZIP_STORED):
    """A zip with (name, bytes) entries, deterministic timestamps."""
    b = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(b, "w", compression=compression) as z:
        warnings.simplefilter("ignore")  # the duplicate-entry case is deliberate
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = compression
            z.writestr(info, data)
    return b.getvalue()


def npy_cases():
    ok = npy_bytes(np.arange(6.0).reshape(2, 3))
    case("npy_empty.npy", "npy", "empty file", b"")
    case("npy_short_magic.npy", "npy", "truncated in the .npy preamble", b"\x93NUM")
    case("npy_wrong_magic.npy", "npy", "not a .npy file", b"NUMPY\x01\x00" + ok[8:])
    case("npy_is_zip.npy", "npy", "not a .npy file (it starts like a zip archive", b"PK\x03\x04" + ok[4:])
    case("npy_text.npy", "npy", "not a .npy file", b"hello, this is plain text and not an array\n")
    case("npy_version_4.npy", "npy", "unsupported .npy format version 4.0", b"\x93NUMPY\x04\x00" + ok[8:])
    case("npy_version_1_1.npy", "npy", "unsupported .npy format version 1.1", b"\x93NUMPY\x01\x01" + ok[8:])
    case("npy_header_len_beyond_file.npy", "npy", "header length 60000 runs past the end",
         b"\x93NUMPY\x01\x00" + struct.pack("<H", 60000) + ok[10:])
    case("npy_header_len_huge_v2.npy", "npy", "header length 4294967295 runs past the end",
         b"\x93NUMPY\x02\x00" + struct.pack("<I", 0xFFFFFFFF) + b"{'descr': '<f8'")
    case("npy_header_empty.npy", "npy", "malformed header", b"\x93NUMPY\x01\x00\x00\x00")
    case("npy_header_not_dict.npy", "npy", "header is not a Python dict literal", hdr("[1, 2, 3]"))
    case("npy_header_syntax.npy", "npy", "malformed header",
         hdr("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3}", b"\0" * 48))
    case("npy_header_unterminated_string.npy", "npy", "malformed header",
         hdr("{'descr': '<f8, 'fortran_order': False, 'shape': (2, 3), }", b"\0" * 48))
    case("npy_header_junk_after_dict.npy", "npy", "malformed header",
         hdr(good_header() + " 42", b"\0" * 48))
    case("npy_header_deep_nesting.npy", "npy", "nested too deeply",
         hdr("{'descr': " + "(" * 5000 + "}", b""))
    case("npy_header_missing_shape.npy", "npy", "header lacks key 'shape'",
         hdr("{'descr': '<f8', 'fortran_order': False}", b"\0" * 8))
    case("npy_header_unknown_key.npy", "npy", "header has unknown key 'foo'",
         hdr("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'foo': 1}", b"\0" * 8))
    case("npy_header_duplicate_key.npy", "npy", "header repeats key 'shape'",
         hdr("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'shape': (1,)}", b"\0" * 8))
    case("npy_header_fortran_string.npy", "npy", "'fortran_order' must be True or False",
         hdr(good_header(fortran="'yes'"), b"\0" * 48))
    case("npy_header_shape_list.npy", "npy", "'shape' must be a tuple of integers",
         hdr(good_header(shape="[2, 3]"), b"\0" * 48))
    case("npy_header_shape_float.npy", "npy", "'shape' must be a tuple of integers",
         hdr(good_header(shape="(2.0, 3)"), b"\0" * 48))
    case("npy_header_shape_bool.npy", "npy", "'shape' must be a tuple of integers",
         hdr(good_header(shape="(True, 3)"), b"\0" * 48))
    case("npy_header_shape_int.npy", "npy", "'shape' must be a tuple of integers",
         hdr(good_header(shape="6"), b"\0" * 48))
    case("npy_descr_structured.npy", "npy", "'descr' must be a dtype string",
         hdr("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }", b"\0" * 8))
    for descr, tag in [("<c16", "c16"), ("<U3", "U3"), ("|O", "object"), ("<f2", "f2"), ("<M8[s]", "datetime"),
                       ("|V8", "void"), ("<i16", "i16"), ("", "empty")]:
        case(f"npy_dtype_{tag}.npy", "npy", f"unsupported dtype '{descr}'",
             hdr(good_header(descr=descr), b"\0" * 96))
    case("npy_dtype_bad_order.npy", "npy", "unsupported dtype '!f8'", hdr(good_header(descr="!f8"), b"\0" * 48))
    case("npy_negative_dim.npy", "npy", "negative dimension -1 at axis 0",
         hdr(good_header(shape="(-1, 3)"), b"\0" * 48))
    case("npy_huge_dims.npy", "npy",
         "header declares shape (1000000, 1000000) of <f8 = 8000000000000 bytes but the file holds 128 bytes"
         " after the header",
         hdr(good_header(shape="(1000000, 1000000)"), b"\0" * 128))
    case("npy_dim_beyond_int.npy", "npy", "dimension 99999999999999999999 at axis 1 is too large",
         hdr(good_header(shape="(0, 99999999999999999999)")))
    case("npy_dims_overflow_long.npy", "npy", "element count overflows",
         hdr(good_header(shape="(2000000000, 2000000000, 2000000000)"), b"\0" * 16))
    case("npy_rank9.npy", "npy", "rank 9; at most 8", hdr(good_header(shape="(1, 1, 1, 1, 1, 1, 1, 1, 1)"), b"\0" * 8))
    case("npy_truncated_data.npy", "npy", "= 128 bytes but the file holds 100 bytes after the header",
         hdr(good_header(shape="(4, 4)"), b"\0" * 100))
    case("npy_truncated_scalar.npy", "npy", "= 8 bytes but the file holds 0 bytes after the header",
         hdr(good_header(shape="()")))
    case("npy_trailing_bytes.npy", "npy", "5 trailing bytes after the data", ok + b"extra")
    case("npy_v3_bad_utf8.npy", "npy", "header is not valid UTF-8",
         hdr("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", b"\0" * 8, version=(3, 0))
         .replace(b"descr", b"d\xffscr"))
    case("npy_header_nul_bytes.npy", "npy", "malformed header",
         hdr("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }\0\0\0", b"\0" * 8, pad=False))


def npz_cases():
    good = io.BytesIO()
    np.savez(good, a=np.arange(200.0), b=np.ones((3, 3), np.float32))
    good = good.getvalue()
    case("npz_empty.npz", "npz", "not a zip archive", b"")
    case("npz_text.npz", "npz", "not a zip archive", b"this is not a zip file at all, just text" * 3)
    case("npz_truncated.npz", "npz", "not a zip archive", good[: len(good) // 2])
    case("npz_npy_not_zip.npz", "npz", "not a zip archive", npy_bytes(np.arange(3.0)))
    case("npz_entry_not_npy.npz", "npz", "entry 'readme.txt' is not a .npy file",
         zip_bytes([("a.npy", npy_bytes(np.arange(3.0))), ("readme.txt", b"hello")]))
    case("npz_directory_entry.npz", "npz", "entry 'sub/' is not a .npy file", zip_bytes([("sub/", b"")]))
    case("npz_entry_garbage.npz", "npz", "entry 'a.npy': not a .npy file", zip_bytes([("a.npy", b"garbage!" * 4)]))
    case("npz_entry_truncated.npz", "npz", "= 800 bytes but the entry holds 40 bytes after the header",
         zip_bytes([("x.npy", npy_bytes(np.arange(100.0))[: 128 + 40])]))
    case("npz_entry_trailing.npz", "npz", "3 trailing bytes after the data",
         zip_bytes([("x.npy", npy_bytes(np.arange(4.0)) + b"abc")], zipfile.ZIP_DEFLATED))
    case("npz_duplicate_entry.npz", "npz", "duplicate entry 'a.npy'",
         zip_bytes([("a.npy", npy_bytes(np.arange(3.0))), ("a.npy", npy_bytes(np.arange(4.0)))]))
    case("npz_entry_huge_shape.npz", "npz", "but the entry holds",
         zip_bytes([("big.npy", hdr(good_header(shape="(100000, 100000, 100)"), b"\0" * 64))],
                   zipfile.ZIP_DEFLATED))
    # Corrupt the compressed stream of a deflated entry (fixing nothing else): the inflater fails or the
    # CRC-32 no longer matches; either way the reader must say the entry is corrupted.
    comp = zip_bytes([("a.npy", npy_bytes(np.arange(500.0)))], zipfile.ZIP_DEFLATED)
    start = 30 + len("a.npy")
    bad = bytearray(comp)
    for i in range(start + 20, start + 60):
        bad[i] ^= 0x5A
    case("npz_corrupt_deflate.npz", "npz", "corrupted data in entry 'a.npy'", bytes(bad))
    stored = bytearray(zip_bytes([("a.npy", npy_bytes(np.arange(8.0)))]))
    stored[30 + len("a.npy") + 128 + 3] ^= 0x01  # one bit of the float data: only the CRC-32 notices
    case("npz_crc_mismatch.npz", "npz", "corrupted data in entry 'a.npy': CRC-32 is", bytes(stored))
    for kind, compression in [("deflated", zipfile.ZIP_DEFLATED), ("stored", zipfile.ZIP_STORED)]:
        lie = bytearray(zip_bytes([("a.npy", npy_bytes(np.arange(50.0)))], compression))
        cen = lie.rindex(b"PK\x01\x02")
        lie[cen + 24:cen + 28] = struct.pack("<I", 0x7FFFFFF0)  # the central directory's uncompressed size
        case(f"npz_size_lie_{kind}.npz", "npz", "entry 'a.npy' declares 2147483632 bytes", bytes(lie))
    bz = zip_bytes([("a.npy", npy_bytes(np.arange(3.0)))], zipfile.ZIP_BZIP2)
    case("npz_bzip2_entry.npz", "npz", "bad compression method: 12", bz)


def idx_cases():
    imgs = idx_bytes(0x08, (2, 3, 4), bytes(range(24)))
    labs = idx_bytes(0x08, (5,), bytes([1, 2, 3, 4, 5]))
    case("idx_empty-idx3-ubyte", "idx-images", "empty file", b"")
    case("idx_short_header-idx3-ubyte", "idx-images", "truncated in the IDX header", imgs[:10])
    case("idx_not_idx-idx3-ubyte", "idx-images", "not an IDX file", b"GIF89a" + imgs[6:])
    case("idx_labels_as_images-idx1-ubyte", "idx-images", "magic 0x00000801 but MNIST images need 0x00000803",
         labs)
    case("idx_images_as_labels-idx3-ubyte", "idx-labels", "magic 0x00000803 but MNIST labels need 0x00000801",
         imgs)
    case("idx_float_images-idx3-ubyte", "idx-images", "magic 0x00000d03 but MNIST images need 0x00000803",
         idx_bytes(0x0D, (1, 1, 1), b"\0" * 4))
    case("idx_unknown_type-idx1", "idx", "unknown IDX element type 0x07", idx_bytes(0x07, (3,), b"\0" * 3))
    case("idx_zero_dims-idx0", "idx", "declares 0 dimensions", bytes([0, 0, 8, 0]) + b"\0")
    case("idx_rank9-idx9", "idx", "rank 9; at most 8", idx_bytes(0x08, (1,) * 9, b"\0"))
    case("idx_truncated-idx3-ubyte", "idx-images",
         "header declares shape (10, 28, 28) of ubyte = 7840 bytes but the file holds 100 bytes after the header",
         idx_bytes(0x08, (10, 28, 28), b"\0" * 100))
    case("idx_trailing-idx1-ubyte", "idx-labels", "2 trailing bytes after the data", labs + b"\0\0")
    case("idx_dim_too_large-idx1-ubyte", "idx-labels", "dimension 4294967295 at axis 0 is too large",
         idx_bytes(0x08, (0xFFFFFFFF,), b"\0" * 10))
    case("idx_dims_overflow-idx3-ubyte", "idx-images", "element count overflows",
         idx_bytes(0x08, (0x7FFFFFFF,) * 3, b"\0" * 10))
    case("idx_dims_product_huge-idx3-ubyte", "idx-images", "but the file holds",
         idx_bytes(0x08, (0x7FFFFFFF, 0x7FFFFFFF, 2), b"\0" * 10))
    case("idx_truncated_gzip-idx3-ubyte.gz", "idx-images", "truncated or corrupted gzip data",
         gz(idx_bytes(0x08, (20, 28, 28), bytes(range(256)) * 61 + bytes(range(64))))[:300])
    bad_crc = bytearray(gz(labs))
    bad_crc[-8] ^= 0xFF
    case("idx_gzip_bad_crc-idx1-ubyte.gz", "idx-labels", "truncated or corrupted gzip data", bytes(bad_crc))
    case("idx_gzip_short_data-idx3-ubyte.gz", "idx-images", "= 7840 bytes but the gzip stream holds 100 bytes"
         " after the header", gz(idx_bytes(0x08, (10, 28, 28), b"\0" * 100)))
    case("idx_gzip_bomb_claim-idx3-ubyte.gz", "idx-images", "can expand to at most",
         gz(idx_bytes(0x08, (60000, 280, 280), b"\0" * 100)))
    case("idx_gzip_trailing-idx1-ubyte.gz", "idx-labels", "trailing bytes after the data", gz(labs + b"xyz"))
    case("idx_gzip_header_only-idx1-ubyte.gz", "idx-labels", "truncated in the IDX header", gz(b"\0\0\x08"))


def image_cases():
    rows = [bytes([0, 64, 128, 255])] * 3
    good = png_bytes(4, 3, 0, 8, rows)
    case("img_empty.png", "image", "empty file", b"")
    case("img_text.png", "image", "not a PNG, JPEG, GIF, BMP or TIFF image", b"definitely not an image\n" * 4)
    case("img_npy.png", "image", "not a PNG, JPEG, GIF, BMP or TIFF image", npy_bytes(np.zeros(4)))
    case("img_truncated.png", "image", "truncated", good[: len(good) - 20])
    case("img_signature_only.png", "image", "truncated", good[:8])
    case("img_zero_width.png", "image", "zero-size image 0x3", png_bytes(0, 3, 0, 8, rows))
    case("img_zero_height.png", "image", "zero-size image 4x0", png_bytes(4, 0, 0, 8, []))
    case("img_huge_dims.png", "image", "declares 100000x100000 pixels",
         png_bytes(100000, 100000, 0, 8, [], idat=zlib.compress(b"\0" * 1000)))
    bad_crc = bytearray(good)
    bad_crc[8 + 8 + 13] ^= 0xFF  # the IHDR CRC
    case("img_bad_crc.png", "image", "CRC-32 mismatch in chunk IHDR", bytes(bad_crc))
    flip = bytearray(good)
    idat_data = good.index(b"IDAT") + 4
    flip[idat_data + 6] ^= 0x20  # a bit inside the compressed pixels: only the chunk CRC notices
    case("img_idat_bitflip.png", "image", "CRC-32 mismatch in chunk IDAT", bytes(flip))
    case("img_corrupt_zlib.png", "image", "cannot decode PNG",
         png_bytes(4, 3, 0, 8, [], idat=b"\x78\x9c" + b"\xff" * 20))
    case("img_short_pixels.png", "image", "cannot decode PNG",
         png_bytes(4, 3, 0, 8, [], idat=zlib.compress(b"\0\1\2")))
    case("img_no_ihdr.png", "image", "first chunk is IDAT, not IHDR",
         b"\x89PNG\r\n\x1a\n" + png_chunk(b"IDAT", zlib.compress(b"\0" * 15)) + png_chunk(b"IEND", b""))
    case("img_bad_bit_depth.png", "image", "cannot decode PNG", png_bytes(4, 3, 2, 4, rows))
    case("img_chunk_len_huge.png", "image", "truncated",
         good[:33] + struct.pack(">I", 0x7FFFFFF0) + b"IDAT" + good[41:])
    case("img_missing_iend.png", "image", "no IEND chunk", good[:-12])
    case("img_jpeg_header_only.jpg", "image", "cannot decode JPEG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01")


def main():
    d = fresh_dir("malformed")
    npy_cases()
    npz_cases()
    idx_cases()
    image_cases()
    m = Manifest(d, [
        "Malformed-input corpus written by tools/gen_malformed.py.",
        "Each file must fail with a FormatException naming the file and containing the substring.",
        "file\treader\texpected message substring",
    ])
    names = set()
    for name, reader, substring, data in CASES:
        assert name not in names, name
        names.add(name)
        write_bytes(d, name, data)
        m.add(name, reader, substring)
    m.write()
    total = sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d))
    print(f"wrote {len(CASES)} malformed cases to {d} ({total} bytes)")


if __name__ == "__main__":
    main()
