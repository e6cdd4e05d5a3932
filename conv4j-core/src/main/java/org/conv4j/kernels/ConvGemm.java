package org.conv4j.kernels;

/**
 * Convolution by matrix products (the ATen "slow_conv" scheme) for one example: im2col then one
 * GEMM ({@link Blas}: the SIMD kernel or its scalar twin) per channel group for the forward pass
 * and the weight gradient, one GEMM per group then col2im for the input gradient (which is also the
 * transposed convolution). Pointwise convolutions skip im2col: their input planes already are the
 * column matrix.
 *
 * <p>Layouts as in {@link ConvShape}; per group {@code grp}, the weight block is
 * {@code w_g (ocg × cg·K)} at {@code grp·ocg·cg·K}, the column block {@code cols_g (cg·K × L)} at
 * {@code grp·cg·K·L} and the output block {@code y_g (ocg × L)} at {@code grp·ocg·L}. Every method
 * also comes with a row-tiled form over output rows {@code [t0, t1)} of the flattened
 * {@code (od·oh)} axis, whose column block is {@code cg·K × (t1 − t0)·ow}: callers bound the
 * workspace by tiling. Callers pass the {@code cols} workspace and may pass the GEMM packing buffers,
 * so nothing is allocated per call on the hot path. Single-threaded.
 */
public final class ConvGemm {
  private ConvGemm() {}

  /** Number of output rows (the flattened {@code od·oh} axis) that the row-tiled methods range over. */
  public static int outputRows(ConvShape g) {
    return g.od() * g.oh();
  }

  /**
   * Forward by im2col + one GEMM per group: {@code y_g (ocg × L) = w_g (ocg × cg·K) · cols_g (cg·K × L)}.
   *
   * @param x input, not modified
   * @param w weight, not modified
   * @param y output, modified: overwritten
   * @param cols workspace of at least {@code g.colsSize()} elements, modified
   */
  public static void forward(ConvShape g, double[] x, int xo, double[] w, int wo, double[] y, int yo, double[] cols) {
    forward(g, x, xo, w, wo, y, yo, cols, 0, g.od() * g.oh(), null);
  }

  /**
   * {@link #forward(ConvShape, double[], int, double[], int, double[], int, double[])} for output rows
   * {@code [t0, t1)} of the flattened {@code (od·oh)} axis, with a column workspace of
   * {@code c·K·(t1 − t0)·ow} elements. Every output element is summed in the same order whatever the
   * tiling, so tiles reproduce the whole bit for bit.
   *
   * @param ws GEMM packing buffers, or null to allocate them
   */
  public static void forward(ConvShape g, double[] x, int xo, double[] w, int wo, double[] y, int yo, double[] cols,
      int t0, int t1, Blas.DoubleWorkspace ws) {
    Im2col.im2col(g, x, xo, cols, 0, t0, t1);
    int ocg = g.ocg(), rows = g.cg() * g.kernelSize(), n = g.outputPlane(), nt = (t1 - t0) * g.ow();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.dgemm(false, false, ocg, nt, rows, w, wo + grp * ocg * rows, rows, cols, grp * rows * nt, nt,
          y, yo + grp * ocg * n + t0 * g.ow(), n, false, ws);
    }
  }

  /**
   * Forward of a pointwise ({@link ConvShape#isPointwise()}) convolution: the input planes already
   * are the im2col matrix, so {@code y_g = w_g · x_g} with no copy.
   */
  public static void forwardPointwise(ConvShape g, double[] x, int xo, double[] w, int wo, double[] y, int yo) {
    forwardPointwise(g, x, xo, w, wo, y, yo, null);
  }

  /** {@link #forwardPointwise(ConvShape, double[], int, double[], int, double[], int)} with GEMM buffers (null to allocate). */
  public static void forwardPointwise(ConvShape g, double[] x, int xo, double[] w, int wo, double[] y, int yo, Blas.DoubleWorkspace ws) {
    requirePointwise(g);
    int ocg = g.ocg(), cg = g.cg(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.dgemm(false, false, ocg, n, cg, w, wo + grp * ocg * cg, cg, x, xo + grp * cg * n, n,
          y, yo + grp * ocg * n, n, false, ws);
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
    backwardInput(g, dy, dyo, w, wo, dx, dxo, cols, 0, g.od() * g.oh(), null);
  }

  /**
   * {@link #backwardInput(ConvShape, double[], int, double[], int, double[], int, double[])} for the
   * output rows {@code [t0, t1)}: adds their contribution into {@code dx}. Tiles overlap in
   * {@code dx}, so a tiled sum differs from the whole in rounding only.
   */
  public static void backwardInput(ConvShape g, double[] dy, int dyo, double[] w, int wo, double[] dx, int dxo, double[] cols,
      int t0, int t1, Blas.DoubleWorkspace ws) {
    int ocg = g.ocg(), rows = g.cg() * g.kernelSize(), n = g.outputPlane(), nt = (t1 - t0) * g.ow();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.dgemm(true, false, rows, nt, ocg, w, wo + grp * ocg * rows, rows, dy, dyo + grp * ocg * n + t0 * g.ow(), n,
          cols, grp * rows * nt, nt, false, ws);
    }
    Im2col.col2im(g, cols, 0, dx, dxo, t0, t1);
  }

  /** Input gradient of a pointwise convolution: {@code dx_g += w_gᵀ · dy_g}. */
  public static void backwardInputPointwise(ConvShape g, double[] dy, int dyo, double[] w, int wo, double[] dx, int dxo) {
    backwardInputPointwise(g, dy, dyo, w, wo, dx, dxo, null);
  }

  /** {@link #backwardInputPointwise(ConvShape, double[], int, double[], int, double[], int)} with GEMM buffers (null to allocate). */
  public static void backwardInputPointwise(ConvShape g, double[] dy, int dyo, double[] w, int wo, double[] dx, int dxo,
      Blas.DoubleWorkspace ws) {
    requirePointwise(g);
    int ocg = g.ocg(), cg = g.cg(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.dgemm(true, false, cg, n, ocg, w, wo + grp * ocg * cg, cg, dy, dyo + grp * ocg * n, n,
          dx, dxo + grp * cg * n, n, true, ws);
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
    backwardWeight(g, x, xo, dy, dyo, dw, dwo, cols, 0, g.od() * g.oh(), null);
  }

  /**
   * {@link #backwardWeight(ConvShape, double[], int, double[], int, double[], int, double[])} for the
   * output rows {@code [t0, t1)}: adds their contribution into {@code dw}.
   */
  public static void backwardWeight(ConvShape g, double[] x, int xo, double[] dy, int dyo, double[] dw, int dwo, double[] cols,
      int t0, int t1, Blas.DoubleWorkspace ws) {
    Im2col.im2col(g, x, xo, cols, 0, t0, t1);
    int ocg = g.ocg(), rows = g.cg() * g.kernelSize(), n = g.outputPlane(), nt = (t1 - t0) * g.ow();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.dgemm(false, true, ocg, rows, nt, dy, dyo + grp * ocg * n + t0 * g.ow(), n, cols, grp * rows * nt, nt,
          dw, dwo + grp * ocg * rows, rows, true, ws);
    }
  }

  /** Weight gradient of a pointwise convolution: {@code dw_g += dy_g · x_gᵀ}. */
  public static void backwardWeightPointwise(ConvShape g, double[] x, int xo, double[] dy, int dyo, double[] dw, int dwo) {
    backwardWeightPointwise(g, x, xo, dy, dyo, dw, dwo, null);
  }

  /** {@link #backwardWeightPointwise(ConvShape, double[], int, double[], int, double[], int)} with GEMM buffers (null to allocate). */
  public static void backwardWeightPointwise(ConvShape g, double[] x, int xo, double[] dy, int dyo, double[] dw, int dwo,
      Blas.DoubleWorkspace ws) {
    requirePointwise(g);
    int ocg = g.ocg(), cg = g.cg(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.dgemm(false, true, ocg, cg, n, dy, dyo + grp * ocg * n, n, x, xo + grp * cg * n, n,
          dw, dwo + grp * ocg * cg, cg, true, ws);
    }
  }

  /**
   * The weight prepared once for every example's GEMM, one operand per group: {@code w_g} for the
   * forward pass ({@code transposed = false}), {@code w_gᵀ} for the input gradient. Read-only; share
   * between workers.
   */
  public static Blas.PackedDoubles[] packWeight(ConvShape g, double[] w, int wo, boolean transposed) {
    int ocg = g.ocg(), rows = g.cg() * g.kernelSize();
    Blas.PackedDoubles[] p = new Blas.PackedDoubles[g.groups()];
    for (int grp = 0; grp < g.groups(); grp++) {
      p[grp] = transposed ? Blas.packA(true, rows, ocg, w, wo + grp * ocg * rows, rows)
          : Blas.packA(false, ocg, rows, w, wo + grp * ocg * rows, rows);
    }
    return p;
  }

  /** The row-tiled forward with a weight from {@link #packWeight packWeight(g, w, wo, false)}: the same bits. */
  public static void forward(ConvShape g, double[] x, int xo, Blas.PackedDoubles[] pw, double[] y, int yo, double[] cols,
      int t0, int t1, Blas.DoubleWorkspace ws) {
    Im2col.im2col(g, x, xo, cols, 0, t0, t1);
    int rows = g.cg() * g.kernelSize(), n = g.outputPlane(), nt = (t1 - t0) * g.ow();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.dgemm(pw[grp], false, nt, cols, grp * rows * nt, nt, y, yo + grp * g.ocg() * n + t0 * g.ow(), n, false, ws);
    }
  }

  /** The row-tiled input gradient with a weight from {@link #packWeight packWeight(g, w, wo, true)}: the same bits. */
  public static void backwardInput(ConvShape g, double[] dy, int dyo, Blas.PackedDoubles[] pw, double[] dx, int dxo, double[] cols,
      int t0, int t1, Blas.DoubleWorkspace ws) {
    int ocg = g.ocg(), rows = g.cg() * g.kernelSize(), n = g.outputPlane(), nt = (t1 - t0) * g.ow();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.dgemm(pw[grp], false, nt, dy, dyo + grp * ocg * n + t0 * g.ow(), n, cols, grp * rows * nt, nt, false, ws);
    }
    Im2col.col2im(g, cols, 0, dx, dxo, t0, t1);
  }

  /** Pointwise forward with a weight from {@link #packWeight packWeight(g, w, wo, false)}. */
  public static void forwardPointwise(ConvShape g, double[] x, int xo, Blas.PackedDoubles[] pw, double[] y, int yo, Blas.DoubleWorkspace ws) {
    requirePointwise(g);
    int ocg = g.ocg(), cg = g.cg(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.dgemm(pw[grp], false, n, x, xo + grp * cg * n, n, y, yo + grp * ocg * n, n, false, ws);
    }
  }

  /** Pointwise input gradient with a weight from {@link #packWeight packWeight(g, w, wo, true)}. */
  public static void backwardInputPointwise(ConvShape g, double[] dy, int dyo, Blas.PackedDoubles[] pw, double[] dx, int dxo,
      Blas.DoubleWorkspace ws) {
    requirePointwise(g);
    int ocg = g.ocg(), cg = g.cg(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.dgemm(pw[grp], false, n, dy, dyo + grp * ocg * n, n, dx, dxo + grp * cg * n, n, true, ws);
    }
  }

  /**
   * The weight gradient in transposed layout, {@code dwT_g (cg·K × ocg) += cols_g · dy_gᵀ}, for
   * output rows {@code [t0, t1)}; {@code dwT} holds the groups one after another. The GEMM's left
   * operand is then the column matrix read along its rows, and only the small {@code dy} is
   * transposed while packing, which is much cheaper than transposing the column matrix. Element
   * {@code (r, o)} sums the same products in the same order as {@code dw[o, r]} of the untransposed
   * form on the SIMD path.
   */
  public static void backwardWeightTransposed(ConvShape g, double[] x, int xo, double[] dy, int dyo, double[] dwT, int dwTo,
      double[] cols, int t0, int t1, Blas.DoubleWorkspace ws) {
    Im2col.im2col(g, x, xo, cols, 0, t0, t1);
    int ocg = g.ocg(), rows = g.cg() * g.kernelSize(), n = g.outputPlane(), nt = (t1 - t0) * g.ow();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.dgemm(false, true, rows, ocg, nt, cols, grp * rows * nt, nt, dy, dyo + grp * ocg * n + t0 * g.ow(), n,
          dwT, dwTo + grp * rows * ocg, ocg, true, ws);
    }
  }

  /** Pointwise weight gradient in transposed layout: {@code dwT_g (cg × ocg) += x_g · dy_gᵀ}. */
  public static void backwardWeightPointwiseTransposed(ConvShape g, double[] x, int xo, double[] dy, int dyo, double[] dwT, int dwTo,
      Blas.DoubleWorkspace ws) {
    requirePointwise(g);
    int ocg = g.ocg(), cg = g.cg(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.dgemm(false, true, cg, ocg, n, x, xo + grp * cg * n, n, dy, dyo + grp * ocg * n, n,
          dwT, dwTo + grp * cg * ocg, ocg, true, ws);
    }
  }

  // Float32 twins.

  /**
   * Forward by im2col + one GEMM per group: {@code y_g (ocg × L) = w_g (ocg × cg·K) · cols_g (cg·K × L)}.
   *
   * @param x input, not modified
   * @param w weight, not modified
   * @param y output, modified: overwritten
   * @param cols workspace of at least {@code g.colsSize()} elements, modified
   */
  public static void forward(ConvShape g, float[] x, int xo, float[] w, int wo, float[] y, int yo, float[] cols) {
    forward(g, x, xo, w, wo, y, yo, cols, 0, g.od() * g.oh(), null);
  }

  /**
   * {@link #forward(ConvShape, float[], int, float[], int, float[], int, float[])} for output rows
   * {@code [t0, t1)} of the flattened {@code (od·oh)} axis, with a column workspace of
   * {@code c·K·(t1 − t0)·ow} elements. Every output element is summed in the same order whatever the
   * tiling, so tiles reproduce the whole bit for bit.
   *
   * @param ws GEMM packing buffers, or null to allocate them
   */
  public static void forward(ConvShape g, float[] x, int xo, float[] w, int wo, float[] y, int yo, float[] cols,
      int t0, int t1, Blas.FloatWorkspace ws) {
    Im2col.im2col(g, x, xo, cols, 0, t0, t1);
    int ocg = g.ocg(), rows = g.cg() * g.kernelSize(), n = g.outputPlane(), nt = (t1 - t0) * g.ow();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.sgemm(false, false, ocg, nt, rows, w, wo + grp * ocg * rows, rows, cols, grp * rows * nt, nt,
          y, yo + grp * ocg * n + t0 * g.ow(), n, false, ws);
    }
  }

  /**
   * Forward of a pointwise ({@link ConvShape#isPointwise()}) convolution: the input planes already
   * are the im2col matrix, so {@code y_g = w_g · x_g} with no copy.
   */
  public static void forwardPointwise(ConvShape g, float[] x, int xo, float[] w, int wo, float[] y, int yo) {
    forwardPointwise(g, x, xo, w, wo, y, yo, null);
  }

  /** {@link #forwardPointwise(ConvShape, float[], int, float[], int, float[], int)} with GEMM buffers (null to allocate). */
  public static void forwardPointwise(ConvShape g, float[] x, int xo, float[] w, int wo, float[] y, int yo, Blas.FloatWorkspace ws) {
    requirePointwise(g);
    int ocg = g.ocg(), cg = g.cg(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.sgemm(false, false, ocg, n, cg, w, wo + grp * ocg * cg, cg, x, xo + grp * cg * n, n,
          y, yo + grp * ocg * n, n, false, ws);
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
  public static void backwardInput(ConvShape g, float[] dy, int dyo, float[] w, int wo, float[] dx, int dxo, float[] cols) {
    backwardInput(g, dy, dyo, w, wo, dx, dxo, cols, 0, g.od() * g.oh(), null);
  }

  /**
   * {@link #backwardInput(ConvShape, float[], int, float[], int, float[], int, float[])} for the
   * output rows {@code [t0, t1)}: adds their contribution into {@code dx}. Tiles overlap in
   * {@code dx}, so a tiled sum differs from the whole in rounding only.
   */
  public static void backwardInput(ConvShape g, float[] dy, int dyo, float[] w, int wo, float[] dx, int dxo, float[] cols,
      int t0, int t1, Blas.FloatWorkspace ws) {
    int ocg = g.ocg(), rows = g.cg() * g.kernelSize(), n = g.outputPlane(), nt = (t1 - t0) * g.ow();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.sgemm(true, false, rows, nt, ocg, w, wo + grp * ocg * rows, rows, dy, dyo + grp * ocg * n + t0 * g.ow(), n,
          cols, grp * rows * nt, nt, false, ws);
    }
    Im2col.col2im(g, cols, 0, dx, dxo, t0, t1);
  }

  /** Input gradient of a pointwise convolution: {@code dx_g += w_gᵀ · dy_g}. */
  public static void backwardInputPointwise(ConvShape g, float[] dy, int dyo, float[] w, int wo, float[] dx, int dxo) {
    backwardInputPointwise(g, dy, dyo, w, wo, dx, dxo, null);
  }

  /** {@link #backwardInputPointwise(ConvShape, float[], int, float[], int, float[], int)} with GEMM buffers (null to allocate). */
  public static void backwardInputPointwise(ConvShape g, float[] dy, int dyo, float[] w, int wo, float[] dx, int dxo,
      Blas.FloatWorkspace ws) {
    requirePointwise(g);
    int ocg = g.ocg(), cg = g.cg(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.sgemm(true, false, cg, n, ocg, w, wo + grp * ocg * cg, cg, dy, dyo + grp * ocg * n, n,
          dx, dxo + grp * cg * n, n, true, ws);
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
  public static void backwardWeight(ConvShape g, float[] x, int xo, float[] dy, int dyo, float[] dw, int dwo, float[] cols) {
    backwardWeight(g, x, xo, dy, dyo, dw, dwo, cols, 0, g.od() * g.oh(), null);
  }

  /**
   * {@link #backwardWeight(ConvShape, float[], int, float[], int, float[], int, float[])} for the
   * output rows {@code [t0, t1)}: adds their contribution into {@code dw}.
   */
  public static void backwardWeight(ConvShape g, float[] x, int xo, float[] dy, int dyo, float[] dw, int dwo, float[] cols,
      int t0, int t1, Blas.FloatWorkspace ws) {
    Im2col.im2col(g, x, xo, cols, 0, t0, t1);
    int ocg = g.ocg(), rows = g.cg() * g.kernelSize(), n = g.outputPlane(), nt = (t1 - t0) * g.ow();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.sgemm(false, true, ocg, rows, nt, dy, dyo + grp * ocg * n + t0 * g.ow(), n, cols, grp * rows * nt, nt,
          dw, dwo + grp * ocg * rows, rows, true, ws);
    }
  }

  /** Weight gradient of a pointwise convolution: {@code dw_g += dy_g · x_gᵀ}. */
  public static void backwardWeightPointwise(ConvShape g, float[] x, int xo, float[] dy, int dyo, float[] dw, int dwo) {
    backwardWeightPointwise(g, x, xo, dy, dyo, dw, dwo, null);
  }

  /** {@link #backwardWeightPointwise(ConvShape, float[], int, float[], int, float[], int)} with GEMM buffers (null to allocate). */
  public static void backwardWeightPointwise(ConvShape g, float[] x, int xo, float[] dy, int dyo, float[] dw, int dwo,
      Blas.FloatWorkspace ws) {
    requirePointwise(g);
    int ocg = g.ocg(), cg = g.cg(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.sgemm(false, true, ocg, cg, n, dy, dyo + grp * ocg * n, n, x, xo + grp * cg * n, n,
          dw, dwo + grp * ocg * cg, cg, true, ws);
    }
  }

  /**
   * The weight prepared once for every example's GEMM, one operand per group: {@code w_g} for the
   * forward pass ({@code transposed = false}), {@code w_gᵀ} for the input gradient. Read-only; share
   * between workers.
   */
  public static Blas.PackedFloats[] packWeight(ConvShape g, float[] w, int wo, boolean transposed) {
    int ocg = g.ocg(), rows = g.cg() * g.kernelSize();
    Blas.PackedFloats[] p = new Blas.PackedFloats[g.groups()];
    for (int grp = 0; grp < g.groups(); grp++) {
      p[grp] = transposed ? Blas.packA(true, rows, ocg, w, wo + grp * ocg * rows, rows)
          : Blas.packA(false, ocg, rows, w, wo + grp * ocg * rows, rows);
    }
    return p;
  }

  /** The row-tiled forward with a weight from {@link #packWeight packWeight(g, w, wo, false)}: the same bits. */
  public static void forward(ConvShape g, float[] x, int xo, Blas.PackedFloats[] pw, float[] y, int yo, float[] cols,
      int t0, int t1, Blas.FloatWorkspace ws) {
    Im2col.im2col(g, x, xo, cols, 0, t0, t1);
    int rows = g.cg() * g.kernelSize(), n = g.outputPlane(), nt = (t1 - t0) * g.ow();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.sgemm(pw[grp], false, nt, cols, grp * rows * nt, nt, y, yo + grp * g.ocg() * n + t0 * g.ow(), n, false, ws);
    }
  }

  /** The row-tiled input gradient with a weight from {@link #packWeight packWeight(g, w, wo, true)}: the same bits. */
  public static void backwardInput(ConvShape g, float[] dy, int dyo, Blas.PackedFloats[] pw, float[] dx, int dxo, float[] cols,
      int t0, int t1, Blas.FloatWorkspace ws) {
    int ocg = g.ocg(), rows = g.cg() * g.kernelSize(), n = g.outputPlane(), nt = (t1 - t0) * g.ow();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.sgemm(pw[grp], false, nt, dy, dyo + grp * ocg * n + t0 * g.ow(), n, cols, grp * rows * nt, nt, false, ws);
    }
    Im2col.col2im(g, cols, 0, dx, dxo, t0, t1);
  }

  /** Pointwise forward with a weight from {@link #packWeight packWeight(g, w, wo, false)}. */
  public static void forwardPointwise(ConvShape g, float[] x, int xo, Blas.PackedFloats[] pw, float[] y, int yo, Blas.FloatWorkspace ws) {
    requirePointwise(g);
    int ocg = g.ocg(), cg = g.cg(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.sgemm(pw[grp], false, n, x, xo + grp * cg * n, n, y, yo + grp * ocg * n, n, false, ws);
    }
  }

  /** Pointwise input gradient with a weight from {@link #packWeight packWeight(g, w, wo, true)}. */
  public static void backwardInputPointwise(ConvShape g, float[] dy, int dyo, Blas.PackedFloats[] pw, float[] dx, int dxo,
      Blas.FloatWorkspace ws) {
    requirePointwise(g);
    int ocg = g.ocg(), cg = g.cg(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.sgemm(pw[grp], false, n, dy, dyo + grp * ocg * n, n, dx, dxo + grp * cg * n, n, true, ws);
    }
  }

  /**
   * The weight gradient in transposed layout, {@code dwT_g (cg·K × ocg) += cols_g · dy_gᵀ}, for
   * output rows {@code [t0, t1)}; {@code dwT} holds the groups one after another. The GEMM's left
   * operand is then the column matrix read along its rows, and only the small {@code dy} is
   * transposed while packing, which is much cheaper than transposing the column matrix. Element
   * {@code (r, o)} sums the same products in the same order as {@code dw[o, r]} of the untransposed
   * form on the SIMD path.
   */
  public static void backwardWeightTransposed(ConvShape g, float[] x, int xo, float[] dy, int dyo, float[] dwT, int dwTo,
      float[] cols, int t0, int t1, Blas.FloatWorkspace ws) {
    Im2col.im2col(g, x, xo, cols, 0, t0, t1);
    int ocg = g.ocg(), rows = g.cg() * g.kernelSize(), n = g.outputPlane(), nt = (t1 - t0) * g.ow();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.sgemm(false, true, rows, ocg, nt, cols, grp * rows * nt, nt, dy, dyo + grp * ocg * n + t0 * g.ow(), n,
          dwT, dwTo + grp * rows * ocg, ocg, true, ws);
    }
  }

  /** Pointwise weight gradient in transposed layout: {@code dwT_g (cg × ocg) += x_g · dy_gᵀ}. */
  public static void backwardWeightPointwiseTransposed(ConvShape g, float[] x, int xo, float[] dy, int dyo, float[] dwT, int dwTo,
      Blas.FloatWorkspace ws) {
    requirePointwise(g);
    int ocg = g.ocg(), cg = g.cg(), n = g.outputPlane();
    for (int grp = 0; grp < g.groups(); grp++) {
      Blas.sgemm(false, true, cg, ocg, n, x, xo + grp * cg * n, n, dy, dyo + grp * ocg * n, n,
          dwT, dwTo + grp * cg * ocg, ocg, true, ws);
    }
  }

  private static void requirePointwise(ConvShape g) {
    if (!g.isPointwise()) {
      throw new IllegalArgumentException("not a pointwise convolution: " + g);
    }
  }
}
