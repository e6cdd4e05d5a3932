package org.conv4j.kernels;

/**
 * Convolution by matrix products (the ATen "slow_conv" scheme) for one example: im2col then one
 * {@link Gemm} per channel group for the forward pass and the weight gradient, one GEMM per group
 * then col2im for the input gradient (which is also the transposed convolution). Pointwise
 * convolutions skip im2col: their input planes already are the column matrix.
 *
 * <p>Layouts as in {@link ConvShape}; per group {@code grp}, the weight block is
 * {@code w_g (ocg × cg·K)} at {@code grp·ocg·cg·K}, the column block {@code cols_g (cg·K × L)} at
 * {@code grp·cg·K·L} and the output block {@code y_g (ocg × L)} at {@code grp·ocg·L}. Callers pass
 * the {@code cols} workspace, so nothing is allocated here. Single-threaded.
 */
public final class ConvGemm {
  private ConvGemm() {}

  /**
   * Forward by im2col + one GEMM per group: {@code y_g (ocg × L) = w_g (ocg × cg·K) · cols_g (cg·K × L)}.
   *
   * @param x input, not modified
   * @param w weight, not modified
   * @param y output, modified: overwritten
   * @param cols workspace of at least {@code g.colsSize()} elements, modified
   */
  public static void forward(ConvShape g, double[] x, int xo, double[] w, int wo, double[] y, int yo, double[] cols) {
    Im2col.im2col(g, x, xo, cols, 0);
    int ocg = g.ocg(), rows = g.cg() * g.kernelSize(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Gemm.gemm(false, false, ocg, n, rows, w, wo + grp * ocg * rows, rows, cols, grp * rows * n, n,
          y, yo + grp * ocg * n, n, false);
    }
  }

  /**
   * Forward of a pointwise ({@link ConvShape#isPointwise()}) convolution: the input planes already
   * are the im2col matrix, so {@code y_g = w_g · x_g} with no copy.
   */
  public static void forwardPointwise(ConvShape g, double[] x, int xo, double[] w, int wo, double[] y, int yo) {
    requirePointwise(g);
    int ocg = g.ocg(), cg = g.cg(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Gemm.gemm(false, false, ocg, n, cg, w, wo + grp * ocg * cg, cg, x, xo + grp * cg * n, n,
          y, yo + grp * ocg * n, n, false);
    }
  }

  /**
   * Input gradient (and transposed convolution): {@code cols_g = w_gᵀ · dy_g}, then col2im.
   *
   * @param dy not modified
   * @param w not modified
   * @param dx modified: accumulated into
   * @param cols workspace of at least {@code g.colsSize()} elements, modified
   */
  public static void backwardInput(ConvShape g, double[] dy, int dyo, double[] w, int wo, double[] dx, int dxo, double[] cols) {
    int ocg = g.ocg(), rows = g.cg() * g.kernelSize(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Gemm.gemm(true, false, rows, n, ocg, w, wo + grp * ocg * rows, rows, dy, dyo + grp * ocg * n, n,
          cols, grp * rows * n, n, false);
    }
    Im2col.col2im(g, cols, 0, dx, dxo);
  }

  /** Input gradient of a pointwise convolution: {@code dx_g += w_gᵀ · dy_g}. */
  public static void backwardInputPointwise(ConvShape g, double[] dy, int dyo, double[] w, int wo, double[] dx, int dxo) {
    requirePointwise(g);
    int ocg = g.ocg(), cg = g.cg(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Gemm.gemm(true, false, cg, n, ocg, w, wo + grp * ocg * cg, cg, dy, dyo + grp * ocg * n, n,
          dx, dxo + grp * cg * n, n, true);
    }
  }

  /**
   * Weight gradient: im2col, then {@code dw_g += dy_g · cols_gᵀ}.
   *
   * @param x not modified
   * @param dy not modified
   * @param dw modified: accumulated into
   * @param cols workspace of at least {@code g.colsSize()} elements, modified
   */
  public static void backwardWeight(ConvShape g, double[] x, int xo, double[] dy, int dyo, double[] dw, int dwo, double[] cols) {
    Im2col.im2col(g, x, xo, cols, 0);
    int ocg = g.ocg(), rows = g.cg() * g.kernelSize(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Gemm.gemm(false, true, ocg, rows, n, dy, dyo + grp * ocg * n, n, cols, grp * rows * n, n,
          dw, dwo + grp * ocg * rows, rows, true);
    }
  }

  /** Weight gradient of a pointwise convolution: {@code dw_g += dy_g · x_gᵀ}. */
  public static void backwardWeightPointwise(ConvShape g, double[] x, int xo, double[] dy, int dyo, double[] dw, int dwo) {
    requirePointwise(g);
    int ocg = g.ocg(), cg = g.cg(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Gemm.gemm(false, true, ocg, cg, n, dy, dyo + grp * ocg * n, n, x, xo + grp * cg * n, n,
          dw, dwo + grp * ocg * cg, cg, true);
    }
  }

  /** Float32 twin of {@link #forward}. */
  public static void forward(ConvShape g, float[] x, int xo, float[] w, int wo, float[] y, int yo, float[] cols) {
    Im2col.im2col(g, x, xo, cols, 0);
    int ocg = g.ocg(), rows = g.cg() * g.kernelSize(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Gemm.gemm(false, false, ocg, n, rows, w, wo + grp * ocg * rows, rows, cols, grp * rows * n, n,
          y, yo + grp * ocg * n, n, false);
    }
  }

  /** Float32 twin of {@link #forwardPointwise}. */
  public static void forwardPointwise(ConvShape g, float[] x, int xo, float[] w, int wo, float[] y, int yo) {
    requirePointwise(g);
    int ocg = g.ocg(), cg = g.cg(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Gemm.gemm(false, false, ocg, n, cg, w, wo + grp * ocg * cg, cg, x, xo + grp * cg * n, n,
          y, yo + grp * ocg * n, n, false);
    }
  }

  /** Float32 twin of {@link #backwardInput}. */
  public static void backwardInput(ConvShape g, float[] dy, int dyo, float[] w, int wo, float[] dx, int dxo, float[] cols) {
    int ocg = g.ocg(), rows = g.cg() * g.kernelSize(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Gemm.gemm(true, false, rows, n, ocg, w, wo + grp * ocg * rows, rows, dy, dyo + grp * ocg * n, n,
          cols, grp * rows * n, n, false);
    }
    Im2col.col2im(g, cols, 0, dx, dxo);
  }

  /** Float32 twin of {@link #backwardInputPointwise}. */
  public static void backwardInputPointwise(ConvShape g, float[] dy, int dyo, float[] w, int wo, float[] dx, int dxo) {
    requirePointwise(g);
    int ocg = g.ocg(), cg = g.cg(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Gemm.gemm(true, false, cg, n, ocg, w, wo + grp * ocg * cg, cg, dy, dyo + grp * ocg * n, n,
          dx, dxo + grp * cg * n, n, true);
    }
  }

  /** Float32 twin of {@link #backwardWeight}. */
  public static void backwardWeight(ConvShape g, float[] x, int xo, float[] dy, int dyo, float[] dw, int dwo, float[] cols) {
    Im2col.im2col(g, x, xo, cols, 0);
    int ocg = g.ocg(), rows = g.cg() * g.kernelSize(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Gemm.gemm(false, true, ocg, rows, n, dy, dyo + grp * ocg * n, n, cols, grp * rows * n, n,
          dw, dwo + grp * ocg * rows, rows, true);
    }
  }

  /** Float32 twin of {@link #backwardWeightPointwise}. */
  public static void backwardWeightPointwise(ConvShape g, float[] x, int xo, float[] dy, int dyo, float[] dw, int dwo) {
    requirePointwise(g);
    int ocg = g.ocg(), cg = g.cg(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Gemm.gemm(false, true, ocg, cg, n, dy, dyo + grp * ocg * n, n, x, xo + grp * cg * n, n,
          dw, dwo + grp * ocg * cg, cg, true);
    }
  }

  private static void requirePointwise(ConvShape g) {
    if (!g.isPointwise()) {
      throw new IllegalArgumentException("not a pointwise convolution: " + g);
    }
  }
}
