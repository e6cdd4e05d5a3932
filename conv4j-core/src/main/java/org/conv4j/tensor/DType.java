package org.conv4j.tensor;

/**
 * The element types a {@link Tensor} can hold. Both are first-class: deep-learning work runs in
 * {@link #FLOAT32}, numerical signal work and gradient checks in {@link #FLOAT64}.
 *
 * <p>Integer and boolean arrays read from files are converted to {@link #FLOAT64} (exact for
 * integers up to 2<sup>53</sup>).
 */
public enum DType {
  /** IEEE 754 binary32, NumPy {@code float32} ({@code <f4}). */
  FLOAT32(4, "float32"),
  /** IEEE 754 binary64, NumPy {@code float64} ({@code <f8}). */
  FLOAT64(8, "float64");

  private final int byteSize;
  private final String numpyName;

  DType(int byteSize, String numpyName) {
    this.byteSize = byteSize;
    this.numpyName = numpyName;
  }

  /** Bytes per element. */
  public int byteSize() {
    return byteSize;
  }

  /** The NumPy name, {@code "float32"} or {@code "float64"}. */
  public String numpyName() {
    return numpyName;
  }

  /**
   * NumPy's result type of a binary operation between arrays of these dtypes: float32 only when
   * both are float32.
   */
  public static DType promote(DType a, DType b) {
    return a == FLOAT32 && b == FLOAT32 ? FLOAT32 : FLOAT64;
  }

  @Override
  public String toString() {
    return numpyName;
  }
}
