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
 *       8 multiplies per 4 outputs instead of 20; and, by transposition, its weight gradient
 *       ({@link #weightRows}, {@link #weightCombine}) and input gradient ({@link #inputGradRows},
 *       {@code oh} a multiple of 4), 8 multiplies per 4 values instead of 20 as well.
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
    transformInputScalar(c, ih, iw, x, xo, v, 0, (iw - 4) / 4 * 8);
  }

  /** Scalar twin of {@link SimdRowConv#transformInput(int, int, int, float[], int, float[], int, int)}. */
  static void transformInputScalar(int c, int ih, int iw, float[] x, int xo, float[] v, int vo, int rowStride) {
    tileTransformScalar(c * ih, iw, (iw - 4) / 4, Transforms.BT_BY_POINT, x, xo, v, vo, rowStride);
  }

  /**
   * The scalar twins' tile transforms, read from {@link SimdRowConv} when first used (a holder
   * class: {@code RowConv} itself must load without the vector module, see {@code SimdFallbackTest}).
   */
  private static final class Transforms {
    /** {@code BT}: point {@code j} from the 8 inputs of an input tile. */
    static final float[][] BT_BY_POINT = SimdRowConv.BT;
    /** {@code AT} transposed: point {@code j} from the 4 values of an output-gradient tile. */
    static final float[][] AT_BY_POINT = new float[8][4];

    static {
      for (int j = 0; j < 8; j++) {
        for (int q = 0; q < 4; q++) {
          AT_BY_POINT[j][q] = SimdRowConv.AT[q][j];
        }
      }
    }
  }

  /**
   * The scalar twin of the vector tile transforms: for rows {@code rr < rows} of {@code width}
   * floats at {@code src[so + rr·width]} and tiles {@code t < tiles} starting every 4 values,
   * {@code dst[dOff + rr·rowStride + 8t + j] = Σ_i coef[j][i]·src[so + rr·width + 4t + i]}, one FMA
   * chain from zero over the {@code coef[j].length} inputs in order per point.
   */
  private static void tileTransformScalar(int rows, int width, int tiles, float[][] coef, float[] src, int so, float[] dst,
      int dOff, int rowStride) {
    int taps = coef[0].length;
    for (int rr = 0; rr < rows; rr++) {
      for (int t = 0, d = dOff + rr * rowStride; t < tiles; t++, d += 8) {
        int p = so + rr * width + 4 * t;
        for (int j = 0; j < 8; j++) {
          float a = 0f;
          for (int i = 0; i < taps; i++) {
            a = Math.fma(coef[j][i], src[p + i], a);
          }
          dst[d + j] = a;
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

  // ---- Row Winograd F(4, 5) weight gradient ----
  //
  // By transposition of y = Aᵀ[(G w) ⊙ (Bᵀ x)]: dw[o, ic, k, e] = Σ_j G[j][e]·M[o, ic, k][j] with
  // M[o, ic, k][j] = Σ_{examples, r, t} (A dy[o, r, tile t])_j·(Bᵀ x[ic, r + k, tile t])_j: per
  // output channel and tap (ic, k) one 8-lane sum of lane-wise products, 8 multiplies per 4
  // outputs and tap instead of 20. Per block of examples, both operands are transformed into
  // layouts where the sum runs over one contiguous index s = (r·nb + e)·tiles + t:
  // gradient u[o][r][e][t][8], input v[ic][row][e][t][8], so tap (ic, k) starts at row ic·ih + k.

  /** Examples per block of {@link #weightRows}: about 256 summation steps, operands within ~384 KiB. */
  public static int weightBlockExamples(ConvShape g) {
    int tiles = g.ow() / 4;
    long perExample = 32L * tiles * ((long) g.c() * g.ih() + (long) g.oc() * g.oh());
    long byBudget = Math.max(1, (384L << 10) / perExample);
    return (int) Math.max(1, Math.min(byBudget, (256 + g.oh() * tiles - 1) / (g.oh() * tiles)));
  }

  /** Length of the double partial sums of {@link #weightRows}: {@code oc · c · 5 · 8}. */
  public static int weightPartialSize(ConvShape g) {
    return g.oc() * g.c() * KH * 8;
  }

  /** Per-worker scratch of {@link #weightRows}: one block's transformed operands and float sums. */
  public static final class WeightScratch {
    final int block;
    final float[] u, v, m;
    final int[] tap;

    /** Scratch for shapes {@code g} and blocks of up to {@link #weightBlockExamples} examples. */
    public WeightScratch(ConvShape g) {
      block = weightBlockExamples(g);
      int tiles = g.ow() / 4;
      u = new float[g.oc() * g.oh() * block * tiles * 8];
      v = new float[g.c() * g.ih() * block * tiles * 8];
      m = new float[roundUp3(g.oc()) * roundUp3(g.c() * KH) * 8];
      tap = new int[roundUp3(g.c() * KH)];
    }
  }

  private static int roundUp3(int n) {
    return (n + 2) / 3 * 3;
  }

  /**
   * Adds the transformed-domain weight-gradient sums of examples {@code [e0, e1)} (at most
   * {@link #weightBlockExamples}) to {@code acc[(o·c·5 + ic·5 + k)·8 + j]} (length
   * {@link #weightPartialSize}): each sum over the block is one float FMA chain from zero
   * ({@link SimdRowConv#weightBlock}), added to the double partial once per block, so float chains
   * stay one block long. {@link #weightCombine} turns the partials into {@code dw}. For
   * {@link #winogradRows} shapes; the vector path and its scalar twin give the same bits.
   *
   * @param x input {@code (n, c, ih, iw)}, not modified
   * @param dy output gradient {@code (n, oc, oh, ow)}, not modified
   */
  public static void weightRows(ConvShape g, WeightScratch s, float[] x, int xo, float[] dy, int dyo, int e0, int e1,
      double[] acc) {
    weightRows(g, s, x, xo, dy, dyo, e0, e1, acc, READY && SimdRowConv.winogradLanes());
  }

  /** As above, on the vector kernels only when {@code simd} (tests compare the two). */
  static void weightRows(ConvShape g, WeightScratch s, float[] x, int xo, float[] dy, int dyo, int e0, int e1, double[] acc,
      boolean simd) {
    int nb = e1 - e0;
    if (!rowsShape(g) || nb < 1 || nb > s.block) {
      throw new IllegalArgumentException("RowConv.weightRows needs a shape RowConv supports with kw = " + KH
          + ", ow a multiple of 8 and 1.." + s.block + " examples; got " + g + ", examples [" + e0 + ", " + e1 + ")");
    }
    int c = g.c(), ih = g.ih(), iw = g.iw(), oc = g.oc(), oh = g.oh(), ow = g.ow(), tiles = ow / 4;
    int rowStride = nb * tiles * 8, xs = g.inputSize(), ys = g.outputSize();
    if (s.tap.length != roundUp3(c * KH) || s.u.length < oc * oh * rowStride || s.v.length < c * ih * rowStride
        || s.m.length < roundUp3(oc) * s.tap.length * 8 || acc.length < weightPartialSize(g)) {
      throw new IllegalArgumentException("RowConv.weightRows: scratch or partial (length " + acc.length
          + ") made for another shape than " + g);
    }
    for (int e = 0; e < nb; e++) {
      int xe = xo + (e0 + e) * xs, ye = dyo + (e0 + e) * ys, off = e * tiles * 8;
      if (simd) {
        SimdRowConv.transformInput(c, ih, iw, x, xe, s.v, off, rowStride);
        SimdRowConv.transformGradient(oc * oh, ow, dy, ye, s.u, off, rowStride);
      } else {
        transformInputScalar(c, ih, iw, x, xe, s.v, off, rowStride);
        transformGradientScalar(oc * oh, ow, dy, ye, s.u, off, rowStride);
      }
    }
    int taps = c * KH, tapsPad = s.tap.length, steps = oh * nb * tiles, us = oh * rowStride, ms = tapsPad * 8;
    for (int t = 0; t < tapsPad; t++) {
      int tp = Math.min(t, taps - 1);
      s.tap[t] = ((tp / KH) * ih + tp % KH) * rowStride;
    }
    // Output channels and taps past the last are the last one again; their sums are not used.
    for (int o = 0; o < oc; o += 3) {
      int u0 = o * us, u1 = Math.min(o + 1, oc - 1) * us, u2 = Math.min(o + 2, oc - 1) * us;
      for (int t = 0; t < tapsPad; t += 3) {
        int m0 = (o * tapsPad + t) * 8;
        if (simd) {
          SimdRowConv.weightBlock(steps, s.u, u0, u1, u2, s.v, s.tap[t], s.tap[t + 1], s.tap[t + 2], s.m, m0, ms);
        } else {
          weightBlockScalar(steps, s.u, u0, u1, u2, s.v, s.tap[t], s.tap[t + 1], s.tap[t + 2], s.m, m0, ms);
        }
      }
    }
    for (int o = 0; o < oc; o++) {
      for (int t = 0; t < taps; t++) {
        int a = (o * taps + t) * 8, m0 = (o * tapsPad + t) * 8;
        for (int j = 0; j < 8; j++) {
          acc[a + j] += s.m[m0 + j];
        }
      }
    }
  }

  /** Scalar twin of {@link SimdRowConv#transformGradient}: the same FMA chain per point. */
  static void transformGradientScalar(int rows, int ow, float[] dy, int dyo, float[] u, int uo, int rowStride) {
    tileTransformScalar(rows, ow, ow / 4, Transforms.AT_BY_POINT, dy, dyo, u, uo, rowStride);
  }

  /** Scalar twin of {@link SimdRowConv#weightBlock}: the same FMA chains. */
  static void weightBlockScalar(int n, float[] u, int u0, int u1, int u2, float[] v, int v0, int v1, int v2, float[] m,
      int m0, int ms) {
    int[] ub = {u0, u1, u2}, vb = {v0, v1, v2};
    for (int i = 0; i < 3; i++) {
      for (int jj = 0; jj < 3; jj++) {
        for (int j = 0; j < 8; j++) {
          float a = 0f;
          for (int q = 0; q < n; q++) {
            a = Math.fma(u[ub[i] + 8 * q + j], v[vb[jj] + 8 * q + j], a);
          }
          m[m0 + i * ms + 8 * jj + j] = a;
        }
      }
    }
  }

  /**
   * {@code dw[o, ic, k, e] = Σ_j G[j][e]·Σ_p partial[p][(o·c·5 + ic·5 + k)·8 + j]}, the partials
   * added in order, all in double, rounded once.
   */
  public static void weightCombine(ConvShape g, double[][] partial, float[] dw, int dwo) {
    int n = g.oc() * g.c() * KH;
    double[] m = new double[8];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 8; j++) {
        double a = partial[0][i * 8 + j];
        for (int p = 1; p < partial.length; p++) {
          a += partial[p][i * 8 + j];
        }
        m[j] = a;
      }
      for (int e = 0; e < KH; e++) {
        double a = 0;
        for (int j = 0; j < 8; j++) {
          a += G[j][e] * m[j];
        }
        dw[dwo + i * KH + e] = (float) a;
      }
    }
  }

  // ---- Row Winograd F(4, 5) input gradient ----

  /**
   * Whether the input gradient of {@code g} runs as the transposed row Winograd
   * ({@link #inputGradRows}): {@link #winogradRows} and {@code oh % 4 == 0}.
   */
  public static boolean winogradInput(ConvShape g) {
    return winogradRows(g) && g.oh() % 4 == 0;
  }

  /** Per-worker scratch of {@link #inputGradRows}: one example's transformed gradient and one tile column's sums. */
  public static final class InputScratch {
    final float[] g;
    final float[] m;

    /** Scratch for shapes {@code g}. */
    public InputScratch(ConvShape shape) {
      g = new float[shape.oc() * shape.oh() * (shape.ow() / 4) * 8];
      m = new float[(shape.oh() + KH - 1) * 8];
    }
  }

  /**
   * {@code dx (c, ih, iw) += conv_input_grad(dy, w)} for one example by the transposed row
   * Winograd F(4, 5) ({@link SimdRowConv#inputGrad}): the output gradient transformed once per
   * example, 8 multiplies per 4 gradient values, kernel row and channel pair instead of 20, each
   * input tile's 8 values overlap-added into {@code dx}. Rounding differs from the direct sum as
   * in {@link #forwardRows} (sums of {@code oc·5} terms per point). The vector path and its scalar
   * twin give the same bits.
   *
   * @param u the transformed weight from {@link #transformWeight}, not modified
   * @param dy output gradient {@code (oc, oh, ow)}, not modified
   * @param dx input gradient {@code (c, ih, iw)}, accumulated into
   */
  public static void inputGradRows(ConvShape g, float[] u, float[] dy, int dyo, float[] dx, int dxo, InputScratch scratch) {
    inputGradRows(g, u, dy, dyo, dx, dxo, scratch, READY && SimdRowConv.winogradLanes());
  }

  /** As above, on the vector kernels only when {@code simd} (tests compare the two). */
  static void inputGradRows(ConvShape g, float[] u, float[] dy, int dyo, float[] dx, int dxo, InputScratch scratch,
      boolean simd) {
    if (!rowsShape(g) || g.oh() % 4 != 0) {
      throw new IllegalArgumentException("RowConv.inputGradRows needs a shape RowConv supports with kw = " + KH
          + ", ow a multiple of 8 and oh a multiple of 4; got " + g);
    }
    int rows = g.oc() * g.oh(), rs = g.ow() / 4 * 8;
    if (scratch.g.length < rows * rs || scratch.m.length < g.ih() * 8) {
      throw new IllegalArgumentException("RowConv.inputGradRows: scratch made for another shape than " + g);
    }
    if (simd) {
      SimdRowConv.transformGradient(rows, g.ow(), dy, dyo, scratch.g, 0, rs);
      SimdRowConv.inputGrad(g.c(), g.oc(), g.oh(), g.ow(), u, scratch.g, scratch.m, dx, dxo);
    } else {
      transformGradientScalar(rows, g.ow(), dy, dyo, scratch.g, 0, rs);
      inputGradScalar(g.c(), g.oc(), g.oh(), g.ow(), u, scratch.g, scratch.m, dx, dxo);
    }
  }

  /** Scalar twin of {@link SimdRowConv#inputGrad}: the same FMA chains and additions. */
  static void inputGradScalar(int c, int oc, int oh, int ow, float[] u, float[] g, float[] m, float[] dx, int dxo) {
    int tiles = ow / 4, rs = tiles * 8, os = oh * rs, ih = oh + KH - 1, iw = ow + KH - 1;
    float[][] bt = SimdRowConv.BT;
    for (int ic = 0; ic < c; ic++) {
      for (int t = 0; t < tiles; t++) {
        for (int r0 = 0; r0 < oh; r0 += 4) {
          for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
              float a = 0f;
              for (int o = 0; o < oc; o++) {
                for (int sr = 0; sr < 4; sr++) {
                  int k = i - sr;
                  if (k >= 0 && k < KH) {
                    a = Math.fma(u[(o * c + ic) * 40 + 8 * k + j], g[o * os + (r0 + sr) * rs + t * 8 + j], a);
                  }
                }
              }
              int at = (r0 + i) * 8 + j;
              m[at] = r0 > 0 && i < 4 ? m[at] + a : a;
            }
          }
        }
        for (int row = 0; row < ih; row++) {
          for (int i = 0; i < 8; i++) {
            float a = 0f;
            for (int j = 0; j < 8; j++) {
              a = Math.fma(bt[j][i], m[row * 8 + j], a);
            }
            int at = dxo + (ic * ih + row) * iw + 4 * t + i;
            dx[at] = dx[at] + a;
          }
        }
      }
    }
  }
}
