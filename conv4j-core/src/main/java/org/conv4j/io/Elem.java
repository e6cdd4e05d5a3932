package org.conv4j.io;

import org.conv4j.tensor.DType;

/**
 * A binary element encoding found in array files (NumPy {@code descr} kinds and IDX type codes):
 * its size in bytes and the tensor dtype it is read as. The project rule: float32 stays float32,
 * everything else (float64, integers, booleans) becomes float64, exact for integers up to
 * 2<sup>53</sup> and correctly rounded beyond.
 */
enum Elem {
  /** IEEE 754 binary32. */
  F4(4, "float32"),
  /** IEEE 754 binary64. */
  F8(8, "float64"),
  /** Signed 8-bit integer. */
  I1(1, "int8"),
  /** Unsigned 8-bit integer. */
  U1(1, "uint8"),
  /** Signed 16-bit integer. */
  I2(2, "int16"),
  /** Unsigned 16-bit integer. */
  U2(2, "uint16"),
  /** Signed 32-bit integer. */
  I4(4, "int32"),
  /** Unsigned 32-bit integer. */
  U4(4, "uint32"),
  /** Signed 64-bit integer. */
  I8(8, "int64"),
  /** Unsigned 64-bit integer. */
  U8(8, "uint64"),
  /** NumPy bool: one byte, zero is false and anything else true (read as 0.0 / 1.0). */
  B1(1, "bool");

  final int size;
  final String numpyName;

  Elem(int size, String numpyName) {
    this.size = size;
    this.numpyName = numpyName;
  }

  /** The tensor dtype the element is read as. */
  DType dtype() {
    return this == F4 ? DType.FLOAT32 : DType.FLOAT64;
  }
}
