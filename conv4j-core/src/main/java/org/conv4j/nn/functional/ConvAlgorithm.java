package org.conv4j.nn.functional;

import org.conv4j.kernels.ConvShape;

/**
 * The algorithms behind the convolution family, chosen by {@link #select(ConvShape)} (or forced by
 * callers such as tests and benchmarks). All compute the same values up to rounding.
 */
public enum ConvAlgorithm {
  /** The plainly written reference loops ({@link org.conv4j.kernels.DirectConv}); the fallback. */
  DIRECT,
  /** im2col, then one blocked GEMM per group ({@link org.conv4j.kernels.ConvGemm}). */
  IM2COL_GEMM,
  /** A 1×1, stride-1, unpadded convolution as one GEMM per group on the input itself. */
  POINTWISE_1X1;

  /**
   * The largest im2col workspace, in elements, that {@link #select} accepts (64 MB as float32); above
   * it the direct kernel runs instead, which needs no workspace.
   */
  public static final long MAX_COLS_ELEMENTS = 1L << 24;

  /**
   * The one place where an algorithm is chosen; a pure function of the resolved geometry (which
   * holds the parameters after padding rules are resolved): pointwise shapes use
   * {@link #POINTWISE_1X1}, others {@link #IM2COL_GEMM} while its workspace fits
   * {@link #MAX_COLS_ELEMENTS}, else {@link #DIRECT}.
   */
  public static ConvAlgorithm select(ConvShape shape) {
    if (shape.isPointwise()) {
      return POINTWISE_1X1;
    }
    if (shape.colsSize() <= MAX_COLS_ELEMENTS) {
      return IM2COL_GEMM;
    }
    return DIRECT;
  }

  /** {@code requested}, or {@link #select} when it is null; rejects a pointwise request for a non-pointwise shape. */
  static ConvAlgorithm resolve(ConvAlgorithm requested, ConvShape shape) {
    if (requested == null) {
      return select(shape);
    }
    if (requested == POINTWISE_1X1 && !shape.isPointwise()) {
      throw new IllegalArgumentException(
          "POINTWISE_1X1 needs a 1×1 kernel, stride 1, no padding and equal input and output sizes; got " + shape);
    }
    if (requested == IM2COL_GEMM && shape.colsSize() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("the im2col matrix would have " + shape.colsSize() + " elements; use DIRECT");
    }
    return requested;
  }
}
