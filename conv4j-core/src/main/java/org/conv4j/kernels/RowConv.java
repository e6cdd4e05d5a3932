package org.conv4j.kernels;

import org.conv4j.kernels.simd.SimdRowConv;
import org.conv4j.kernels.simd.SimdSlide;

/**
 * Convolution along output rows for narrow rows and a kernel of 5 rows (LeNet's second layer:
 * 20×12×12 → 50×8×8 by 5×5, whose output row is exactly one 8-float vector): no im2col, no
 * packing, the input planes of one example stay in L1 while every output channel passes over them.
 * Two kernels:
 * <ul>
 *   <li>the direct one ({@link #forward}) is the row kernel of {@link SlidingConv}
 *       ({@link SimdSlide#slideRows}, scalar twin {@code SlidingConv.slideRows}): a block of one
 *       output channel × 8 output rows × one vector of columns is 8 vector accumulators; for each
 *       input channel and kernel column the 12 input rows under the block are each loaded once and
 *       multiplied into the (up to 5) output rows they feed, with the 5 weights of that kernel
 *       column in broadcast registers (12 loads and 5 broadcasts per 40 FMAs). This class only
 *       lays the weight out for it ({@link #coefficients}, once per call or per example) and
 *       says which shapes it takes ({@link #supports});
 *   <li>the row Winograd F(4, 5) ({@link #forwardRows}) for {@code kw = 5}, rows a multiple of 8
 *       wide and a weight shared by the batch: the same register block over transformed values,
 *       8 multiplies per 4 outputs instead of 20.
 * </ul>
 *
 * <p>Scope: 2-D, one group, stride 1, dilation 1, no padding (the op pads explicitly before the
 * kernel when asked), {@code kh = 5}, any {@code kw}, at least 8 output rows and at least one
 * vector of output columns ({@link #MIN_WIDTH}); the last row block and the last column vector
 * overlap the previous ones instead of running a masked tail (same bits). Float32 only; float64
 * and machines without the vector kernels run another algorithm (see {@code ConvAlgorithm.runnable}).
 *
 * <p>Rounding of the direct kernel: each output is one {@link Math#fma} chain from zero over input
 * channels, kernel columns, kernel rows from the bottom ({@code k = 4} first), in the vector kernel
 * and its scalar twin alike, so both give the same bits (tested); the bias is added after it by the
 * caller. Against the other algorithms the result differs by rounding only.
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
   * Whether the vector kernels run here: the SIMD kernels are on and {@code -Dconv4j.rowConv=false}
   * (for comparisons) is not set.
   */
  public static boolean vectorReady() {
    return READY;
  }

  /**
   * Least output row width supported: 8, the vector width of the kernels on AVX2, so the rule does
   * not depend on the machine (wider vectors run narrower rows on the scalar twin).
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

  private static void check(ConvShape g) {
    if (!supports(g)) {
      throw new IllegalArgumentException("RowConv needs a 2-D, one-group, stride-1, undilated, unpadded convolution with"
          + " kh = " + KH + ", oh >= " + ROWS + " and ow >= " + MIN_WIDTH + "; got " + g);
    }
  }

  /**
   * The weight {@code (oc, c, 5, kw)} at {@code wo} in the order the row kernel reads it:
   * {@code coef[((o·c + ic)·kw + e)·5 + a] = w[o, ic, 4 − a, e]}, into {@code into} when it holds
   * {@link ConvShape#weightSize()} floats, else into a new array. Once per call (or per example for
   * per-example weights), never per output channel.
   */
  public static float[] coefficients(ConvShape g, float[] w, int wo, float[] into) {
    check(g);
    int c = g.c(), kw = g.kw(), n = g.oc() * c;
    float[] coef = into != null && into.length >= g.weightSize() ? into : new float[g.weightSize()];
    for (int oc = 0; oc < n; oc++) {
      int src = wo + oc * KH * kw, dst = oc * kw * KH;
      for (int e = 0; e < kw; e++) {
        for (int a = 0; a < KH; a++) {
          coef[dst + e * KH + a] = w[src + (KH - 1 - a) * kw + e];
        }
      }
    }
    return coef;
  }

  /**
   * Pair offsets of the row kernel for {@code g}: input channel {@code ic} and kernel column
   * {@code e} at {@code ic·ih·iw + 4·iw + e}, pair {@code ic·kw + e}. Once per call.
   */
  public static int[] columnOffsets(ConvShape g) {
    int kw = g.kw(), plane = g.ih() * g.iw();
    int[] off = new int[g.c() * kw];
    for (int ic = 0; ic < g.c(); ic++) {
      for (int e = 0; e < kw; e++) {
        off[ic * kw + e] = ic * plane + (KH - 1) * g.iw() + e;
      }
    }
    return off;
  }

  /**
   * {@code y (oc, oh, ow) = conv(x, w)} (no bias) for one example and output channels
   * {@code [o0, o1)}, overwriting them; on the vector kernel when {@link #vectorReady()}.
   *
   * @param x input {@code (c, ih, iw)} at {@code xo}, not modified
   * @param coef the weight as laid out by {@link #coefficients}, not modified
   * @param colOff {@link #columnOffsets} of {@code g} (input channel and kernel column pairs)
   * @param y output {@code (oc, oh, ow)} at {@code yo}, modified
   */
  public static void forward(ConvShape g, float[] x, int xo, float[] coef, int[] colOff, float[] y, int yo, int o0, int o1) {
    forward(g, x, xo, coef, colOff, y, yo, o0, o1, READY);
  }

  /** As above, on the vector kernel only when {@code simd} (tests compare the two). */
  static void forward(ConvShape g, float[] x, int xo, float[] coef, int[] colOff, float[] y, int yo, int o0, int o1,
      boolean simd) {
    check(g);
    int c = g.c(), kw = g.kw(), iw = g.iw(), oh = g.oh(), ow = g.ow(), taps = c * kw * KH;
    // SimdSlide's vectors are SPECIES_PREFERRED wide: with 16 lanes (AVX-512) a row of 8 to 15
    // would run past its end, so such rows take the scalar twin (the same bits).
    boolean vector = simd && SimdSlide.lanes() <= ow;
    for (int o = o0; o < o1; o++) {
      if (vector) {
        SimdSlide.slideRows(KH, coef, o * taps, c * kw, colOff, x, xo, iw, oh, ow, y, yo + o * oh * ow, ow);
      } else {
        SlidingConv.slideRows(KH, coef, o * taps, c * kw, colOff, x, xo, iw, oh, ow, y, yo + o * oh * ow, ow);
      }
    }
  }

  // ---- Row Winograd F(4, 5) ----

  /**
   * {@code G[j][e]}: the weight transform of F(4, 5) at the points 0, 1, −1, 2, −2, 1/2, −1/2, ∞
   * (see {@link SimdRowConv#BT}, {@link SimdRowConv#AT}); exact fractions, applied in double.
   */
  private static final double[][] G = {
      {-1, 0, 0, 0, 0},
      {-2.0 / 9, -2.0 / 9, -2.0 / 9, -2.0 / 9, -2.0 / 9},
      {-2.0 / 9, 2.0 / 9, -2.0 / 9, 2.0 / 9, -2.0 / 9},
      {1.0 / 90, 1.0 / 45, 2.0 / 45, 4.0 / 45, 8.0 / 45},
      {1.0 / 90, -1.0 / 45, 2.0 / 45, -4.0 / 45, 8.0 / 45},
      {32.0 / 45, 16.0 / 45, 8.0 / 45, 4.0 / 45, 2.0 / 45},
      {32.0 / 45, -16.0 / 45, 8.0 / 45, -4.0 / 45, 2.0 / 45},
      {0, 0, 0, 0, 1}};

  private static final boolean WINOGRAD_ROWS =
      !"false".equalsIgnoreCase(System.getProperty("conv4j.rowWinograd", "true").trim());

  /**
   * Whether {@code g} runs the row-Winograd variant (see {@link #forwardRows}) when its weight is
   * shared by the batch: {@link #supports}, {@code kw = 5}, output rows a multiple of 8 wide, the
   * vector kernels on with 8-float vectors, and {@code -Dconv4j.rowWinograd=false} not set.
   */
  public static boolean winogradRows(ConvShape g) {
    return READY && WINOGRAD_ROWS && SimdRowConv.winogradLanes() && rowsShape(g);
  }

  /** The shape part of {@link #winogradRows}: {@link #supports}, {@code kw = 5}, {@code ow % 8 == 0}. */
  static boolean rowsShape(ConvShape g) {
    return supports(g) && g.kw() == KH && g.ow() % 8 == 0;
  }

  /**
   * The row-transformed weight of {@link #forwardRows}: {@code u[((o·c + ic)·5 + k)·8 + j] =
   * Σ_e G[j][e]·w[o, ic, k, e]} summed in double and rounded once. Once per call.
   */
  public static float[] transformWeight(ConvShape g, float[] w, int wo) {
    int n = g.oc() * g.c() * KH;
    float[] u = new float[n * 8];
    for (int i = 0; i < n; i++) {
      int src = wo + i * KH;
      for (int j = 0; j < 8; j++) {
        double acc = 0;
        for (int e = 0; e < KH; e++) {
          acc += G[j][e] * w[src + e];
        }
        u[i * 8 + j] = (float) acc;
      }
    }
    return u;
  }

  /** Per-worker scratch of {@link #forwardRows}: the transformed input of one example and the tile products. */
  public static final class RowsScratch {
    final float[] v;
    final float[] s = new float[128];

    /** Scratch for shapes {@code g}. */
    public RowsScratch(ConvShape g) {
      v = new float[g.c() * g.ih() * (g.ow() / 4) * 8];
    }
  }

  /**
   * {@code y (oc, oh, ow) = conv(x, w) + bias} for one example and output channels {@code [o0, o1)}
   * by a one-dimensional Winograd F(4, 5) along the rows (direct sums over input channels and
   * kernel rows): 8 multiplies per 4 outputs, kernel row and input channel instead of 20, with the
   * 8 transformed points of a tile in the 8 lanes of a vector. Each input row tile is transformed
   * once per call here, the weight once per call by {@link #transformWeight}. For {@link #rowsShape}
   * only. Rounding differs from {@link #forward} (the transforms scale values by up to 21/4 and 8):
   * within about 3·10⁻⁵ of the exact result relative to {@code 1 + |y|} for 500-term sums of
   * Gaussian data, where a float32 direct sum is within about 8·10⁻⁶ (a NumPy simulation of both,
   * 10 trials; about 3× the error). Non-finite inputs spread NaN to
   * the 4 outputs of their tiles. The vector path and its scalar twin give the same bits.
   *
   * @param u the transformed weight from {@link #transformWeight}, not modified
   * @param scratch a {@link RowsScratch} of this shape, overwritten
   */
  public static void forwardRows(ConvShape g, float[] u, float[] x, int xo, float[] bias, int bo, float[] y, int yo,
      int o0, int o1, RowsScratch scratch) {
    forwardRows(g, u, x, xo, bias, bo, y, yo, o0, o1, scratch, READY && SimdRowConv.winogradLanes());
  }

  /** As above, on the vector kernels only when {@code simd} (tests compare the two). */
  static void forwardRows(ConvShape g, float[] u, float[] x, int xo, float[] bias, int bo, float[] y, int yo,
      int o0, int o1, RowsScratch scratch, boolean simd) {
    if (!rowsShape(g)) {
      throw new IllegalArgumentException("RowConv.forwardRows needs a shape RowConv supports with kw = " + KH
          + " and ow a multiple of 8; got " + g);
    }
    if (simd) {
      SimdRowConv.transformInput(g.c(), g.ih(), g.iw(), x, xo, scratch.v);
      SimdRowConv.forwardRows(g.c(), g.oh(), g.ow(), u, scratch.v, scratch.s, bias, bo, y, yo, o0, o1);
    } else {
      transformInputScalar(g.c(), g.ih(), g.iw(), x, xo, scratch.v);
      forwardRowsScalar(g.c(), g.oh(), g.ow(), u, scratch.v, bias, bo, y, yo, o0, o1);
    }
  }

  /** Scalar twin of {@link SimdRowConv#transformInput}: the same FMA chain per point. */
  static void transformInputScalar(int c, int ih, int iw, float[] x, int xo, float[] v) {
    int tiles = (iw - 4) / 4, d = 0;
    float[][] bt = SimdRowConv.BT;
    for (int rr = 0; rr < c * ih; rr++) {
      for (int t = 0; t < tiles; t++, d += 8) {
        int p = xo + rr * iw + 4 * t;
        for (int j = 0; j < 8; j++) {
          float a = 0f;
          for (int i = 0; i < 8; i++) {
            a = Math.fma(bt[j][i], x[p + i], a);
          }
          v[d + j] = a;
        }
      }
    }
  }

  /** Scalar twin of {@link SimdRowConv#forwardRows}: the same FMA chains per point and per output. */
  static void forwardRowsScalar(int c, int oh, int ow, float[] u, float[] v, float[] bias, int bo, float[] y, int yo,
      int o0, int o1) {
    int ih = oh + KH - 1, tiles = ow / 4;
    float[] m = new float[2 * 8];
    for (int o = o0; o < o1; o++) {
      float b = bias == null ? 0f : bias[bo + o];
      for (int r = 0; r < oh; r++) {
        for (int pair = 0; pair < tiles; pair += 2) {
          for (int tt = 0; tt < 2; tt++) {
            for (int j = 0; j < 8; j++) {
              float a = 0f;
              for (int ic = 0; ic < c; ic++) {
                for (int k = 0; k < KH; k++) {
                  a = Math.fma(u[((o * c + ic) * KH + k) * 8 + j], v[((ic * ih + r + k) * tiles + pair + tt) * 8 + j], a);
                }
              }
              m[tt * 8 + j] = a;
            }
          }
          for (int q = 0; q < 8; q++) {
            float a = b;
            for (int tj = 0; tj < 16; tj++) {
              a = Math.fma(SimdRowConv.outputCoefficient(tj / 8, tj % 8, q), m[tj], a);
            }
            y[yo + (o * oh + r) * ow + pair * 4 + q] = a;
          }
        }
      }
    }
  }
}
