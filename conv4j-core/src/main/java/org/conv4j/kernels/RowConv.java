package org.conv4j.kernels;

import org.conv4j.kernels.simd.SimdRowConv;

/**
 * Register-blocked direct convolution for narrow output rows and a kernel of 5 rows (LeNet's
 * second layer: 20×12×12 → 50×8×8 by 5×5, whose output row is exactly one 8-float vector): no
 * im2col, no packing, the input planes of one example stay in L1 while every output channel passes
 * over them.
 *
 * <p>Scheme ({@link SimdRowConv}): a block of one output channel × 8 output rows × one vector of
 * columns is 8 vector accumulators; for each input channel and kernel column the 12 input rows
 * under the block are each loaded once and multiplied into the (up to 5) output rows they feed, with
 * the 5 weights of that kernel column held in broadcast registers: 12 loads and 5 broadcasts per
 * 40 FMAs, against one load per FMA or two for a GEMM micro-kernel fed by im2col.
 *
 * <p>Scope: 2-D, one group, stride 1, dilation 1, no padding (the op pads explicitly before the
 * kernel when asked), {@code kh = 5}, any {@code kw}, at least 8 output rows and at least one
 * vector of output columns ({@link #MIN_WIDTH}); the last row block and the last column vector overlap
 * the previous ones instead of running a masked tail. Float32 only; float64 and machines without
 * the vector kernels run another algorithm (see {@code ConvAlgorithm.runnable}).
 *
 * <p>Rounding: each output is one {@link Math#fma} chain from its bias (or zero) over input
 * channels, kernel columns, kernel rows in that order, in the vector kernel and in the scalar twin
 * ({@link #forwardScalar}) alike, so both give the same bits (tested); against the other algorithms
 * the result differs by rounding only. Single-threaded; allocates nothing.
 */
public final class RowConv {
  /** Kernel rows this kernel is written for. */
  public static final int KH = SimdRowConv.KH;
  /** Output rows of one register block (the least {@code oh} supported). */
  public static final int ROWS = SimdRowConv.ROWS;

  private static final boolean READY = Blas.SIMD
      && !"false".equalsIgnoreCase(System.getProperty("conv4j.rowConv", "true").trim());

  private RowConv() {}

  /**
   * Whether the vector kernel runs here: the SIMD kernels are on and {@code -Dconv4j.rowConv=false}
   * (for comparisons) is not set.
   */
  public static boolean vectorReady() {
    return READY;
  }

  /**
   * Least output row width supported: 8, at least the vector width of the kernel (which uses
   * vectors of at most 8 floats), so the rule does not depend on the machine.
   */
  public static final int MIN_WIDTH = 8;

  /**
   * Whether this kernel handles {@code g}: 2-D, one group, stride 1, dilation 1, no padding,
   * {@code kh = 5}, {@code oh ≥ 8}, {@code ow ≥ }{@link #MIN_WIDTH}.
   */
  public static boolean supports(ConvShape g) {
    return g.id() == 1 && g.kd() == 1 && g.od() == 1 && g.groups() == 1 && g.sh() == 1 && g.sw() == 1
        && g.dh() == 1 && g.dw() == 1 && g.ph() == 0 && g.pw() == 0 && g.kh() == KH
        && g.oh() == g.ih() - KH + 1 && g.ow() == g.iw() - g.kw() + 1 && g.oh() >= ROWS && g.ow() >= MIN_WIDTH;
  }

  /**
   * {@code y (oc, oh, ow) = conv(x, w) + bias} for one example and output channels {@code [o0, o1)},
   * overwriting them; on the vector kernel when {@link #vectorReady()}.
   *
   * @param x input {@code (c, ih, iw)} at {@code xo}, not modified
   * @param w weight {@code (oc, c, 5, kw)} at {@code wo}, not modified
   * @param bias {@code bias[bo + o]}, or null; not modified
   * @param y output {@code (oc, oh, ow)} at {@code yo}, modified
   */
  public static void forward(ConvShape g, float[] x, int xo, float[] w, int wo, float[] bias, int bo, float[] y, int yo,
      int o0, int o1) {
    forward(g, x, xo, w, wo, bias, bo, y, yo, o0, o1, READY);
  }

  /** As above, on the vector kernel only when {@code simd} (tests compare the two). */
  static void forward(ConvShape g, float[] x, int xo, float[] w, int wo, float[] bias, int bo, float[] y, int yo,
      int o0, int o1, boolean simd) {
    if (!supports(g)) {
      throw new IllegalArgumentException("RowConv needs a 2-D, one-group, stride-1, undilated, unpadded convolution with"
          + " kh = " + KH + ", oh >= " + ROWS + " and ow >= " + MIN_WIDTH + "; got " + g);
    }
    if (simd) {
      SimdRowConv.forward(g.c(), g.kw(), g.oh(), g.ow(), x, xo, w, wo, bias, bo, y, yo, o0, o1);
    } else {
      forwardScalar(g.c(), g.kw(), g.oh(), g.ow(), x, xo, w, wo, bias, bo, y, yo, o0, o1);
    }
  }

  /** The scalar twin of {@link SimdRowConv#forward}: the same FMA chain per output. */
  static void forwardScalar(int c, int kw, int oh, int ow, float[] x, int xo, float[] w, int wo, float[] bias, int bo,
      float[] y, int yo, int o0, int o1) {
    int ih = oh + KH - 1, iw = ow + kw - 1, plane = ih * iw, wk = KH * kw;
    for (int o = o0; o < o1; o++) {
      float b = bias == null ? 0f : bias[bo + o];
      for (int r = 0; r < oh; r++) {
        for (int q = 0; q < ow; q++) {
          float acc = b;
          for (int ic = 0; ic < c; ic++) {
            int wc = wo + (o * c + ic) * wk, xc = xo + ic * plane + r * iw + q;
            for (int e = 0; e < kw; e++) {
              for (int k = 0; k < KH; k++) {
                acc = Math.fma(w[wc + k * kw + e], x[xc + k * iw + e], acc);
              }
            }
          }
          y[yo + (o * oh + r) * ow + q] = acc;
        }
      }
    }
  }
}
