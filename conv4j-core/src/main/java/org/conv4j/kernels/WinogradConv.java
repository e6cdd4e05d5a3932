package org.conv4j.kernels;

import org.conv4j.kernels.simd.SimdDgemm;
import org.conv4j.kernels.simd.SimdSgemm;
import org.conv4j.kernels.simd.SimdWinograd;

/**
 * Winograd F(2×2, 3×3) and F(4×4, 3×3) convolution (Lavin and Gray, "Fast Algorithms for
 * Convolutional Neural Networks", CVPR 2016) for 2-D, 3×3, stride-1, undilated, single-group
 * problems: each 2×2 block of output of one output channel costs 16 multiplies per input channel
 * instead of 36, each 4×4 block 36 instead of 144. The scheme below is F(2×2); F(4×4) is the same
 * with 6×6 patches and 36 positions (see the paragraph after it).
 *
 * <p>Scheme. The output plane is cut into {@code tilesH × tilesW} tiles of 2×2 (the last row or
 * column of tiles is partial when the output size is odd); tile {@code (ty, tx)} reads the 4×4
 * source patch at {@code (2·ty − top, 2·tx − left)}, zero outside the source (so any padding, also
 * larger than the kernel's reach, is handled by the bounds). With
 * <pre>
 *   Bᵀ = | 1  0 −1  0 |    G = | 1    0    0  |    Aᵀ = | 1  1  1  0 |
 *        | 0  1  1  0 |        | ½    ½    ½  |         | 0  1 −1 −1 |
 *        | 0 −1  1  0 |        | ½   −½    ½  |
 *        | 0  1  0 −1 |        | 0    0    1  |
 * </pre>
 * the filter transform {@code U = G g Gᵀ} (4×4 per output and input channel) is made once per plan,
 * the input transform {@code V = Bᵀ d B} per tile and input channel, then for each of the 16
 * positions ξ of the 4×4 transform domain one product {@code M[ξ] (outC × tiles) = U[ξ] (outC × inC)
 * · V[ξ] (inC × tiles)}, and the output transform {@code Y = Aᵀ M A} gives the 2×2 outputs. Tiles
 * go in blocks of {@link Plan#block()} (a multiple of the GEMM kernel's panel width) so the
 * transformed input and product of one block ({@code 16·(inC + outC)·block} elements, about
 * 400 KB for 64 → 64 channels in float32) stay in L2; the whole transformed input is never made.
 *
 * <p>The transformed input of a block is written straight into the packed-B layout of the GEMM
 * micro-kernel ({@link SimdSgemm#packB}: per k-block of {@link SimdSgemm#KC} input channels,
 * panels of {@code NR} tiles, each {@code kc × NR} row-major), so the vector path calls
 * {@link SimdSgemm#macroKernel} on it with {@code U[ξ]} packed once by {@link SimdSgemm#packAll};
 * the scalar twin ({@code simd = false}) sums in the same order (one {@link Math#fma} chain from
 * zero per k-block, blocks added in order), so both give the same bits (tested). The transforms
 * are plain adds and subtracts in a fixed order; their vector versions ({@link SimdWinograd}) use
 * the same order.
 *
 * <p>Rounding: the transforms add rounding of their own (the values of {@code V} and {@code U} are
 * sums of up to 4 and 9 terms), so results differ from {@link DirectConv} by a few ulps of the sum
 * of absolute terms, more than the other algorithms but within the tolerance the tests state.
 *
 * <p>F(4×4, 3×3) ({@code m = 4}, {@link #outputTile} decides) has 4×4 output tiles read from 6×6
 * patches, 36 positions ξ (36 products per 16 outputs instead of 64), with the Lavin–Gray
 * matrices of the points 0, ±1, ±2:
 * <pre>
 *   Bᵀ = | 4  0 −5  0  1  0 |    Aᵀ = | 1  1  1  1  1  0 |    G: see {@code filter4}
 *        | 0 −4 −4  1  1  0 |         | 0  1 −1  2 −2  0 |
 *        | 0  4 −4 −1  1  0 |         | 0  1  1  4  4  0 |
 *        | 0 −2 −1  2  1  0 |         | 0  1 −1  8 −8  1 |
 *        | 0  2 −1 −2  1  0 |
 *        | 0  4  0 −5  0  1 |
 * </pre>
 * Its transforms use fused multiply-adds with the constants (the same in the vector twins). The
 * filter transform is made in float64 and rounded once. F(4×4) rounds more in float32: measured
 * on 64 → 64 channels against {@link DirectConv} in float64, the largest error per output is
 * about 3·10⁻⁶ of {@code Σ|w|·|x|} on realistic data (F(2×2): 1.5·10⁻⁷) and 1.5·10⁻⁵ with
 * magnitudes spread over six decades (F(2×2): 1.4·10⁻⁶); see {@code WinogradAccuracyTest}.
 *
 * <p>The input gradient of such a convolution is the same computation on the output gradient with
 * the weight transposed and flipped and the source shifted by {@code 2 − padding}
 * ({@link Plan#inputGrad}). Single-threaded per call; callers parallelise over (example, range of
 * tiles), each output element being computed by one call in an order that does not depend on the
 * range, so any thread count gives the same bits.
 */
public final class WinogradConv {
  /** GEMM panels of tiles per block (float32: 24 tiles a panel, float64: 12). */
  static final int PANELS = Math.max(1, Integer.getInteger("conv4j.winogradPanels", 2));
  /** GEMM panels of tiles per block of F(4×4), whose blocks hold 36 instead of 16 positions. */
  static final int PANELS4 = Math.max(1, Integer.getInteger("conv4j.winogradPanels4", 1));
  /** {@code -Dconv4j.winogradTile=2} or {@code 4} forces the output tile of the default plans (for comparisons). */
  static final int FORCED_TILE = Integer.getInteger("conv4j.winogradTile", 0);
  /** Tiles per GEMM panel assumed by {@link #outputTile} (the float32 kernel's panel width). */
  static final int RULE_PANEL = 24;

  /**
   * The output tile of the default plans, a pure function of the output plane: 4 (F(4×4, 3×3))
   * when its products, {@code 36·⌈tiles/24⌉·24} per channel pair with {@code ⌈outH/4⌉·⌈outW/4⌉}
   * tiles, are fewer than F(2×2)'s {@code 16·⌈tiles/24⌉·24} with {@code ⌈outH/2⌉·⌈outW/2⌉} tiles
   * (the GEMM computes whole panels of 24 tiles, so a small plane's few large tiles waste most of
   * a panel); else 2. Square planes: F(4×4) from 14×14 on (56×56: 7776 against 12672), F(2×2) up
   * to 12×12.
   */
  public static int outputTile(int outH, int outW) {
    return products(4, outH, outW) < products(2, outH, outW) ? 4 : 2;
  }

  private static long products(int m, int outH, int outW) {
    long tiles = (long) ((outH + m - 1) / m) * ((outW + m - 1) / m);
    return (long) (m + 2) * (m + 2) * ((tiles + RULE_PANEL - 1) / RULE_PANEL) * RULE_PANEL;
  }

  private static int defaultTile(int outH, int outW) {
    return FORCED_TILE == 2 || FORCED_TILE == 4 ? FORCED_TILE : outputTile(outH, outW);
  }
  /** Lanes-independent panel widths of the GEMM kernels (their {@code NR}). */
  static final int NR_F = Blas.SIMD ? SimdSgemm.NR : 24;
  static final int NR_D = Blas.SIMD ? SimdDgemm.NR : 12;
  /** Depth of a k-block and rows of an A panel: the GEMM kernels' {@code KC} and {@code MR}. */
  static final int KC = 256;
  static final int MR = 3;

  private WinogradConv() {}

  /** Whether this kernel handles {@code g}: 2-D, 3×3, stride 1, dilation 1, one group. */
  public static boolean supports(ConvShape g) {
    return g.id() == 1 && g.kd() == 1 && g.od() == 1 && g.kh() == 3 && g.kw() == 3 && g.sh() == 1 && g.sw() == 1
        && g.dh() == 1 && g.dw() == 1 && g.groups() == 1;
  }

  /** Whether the vector path runs here: the SIMD GEMM kernels are on and their constants are the ones assumed. */
  public static boolean vectorReady() {
    return READY;
  }

  private static final boolean READY = Blas.SIMD
      && !"false".equalsIgnoreCase(System.getProperty("conv4j.winogradSimd", "true").trim())
      && SimdSgemm.KC == KC && SimdDgemm.KC == KC && SimdSgemm.MR == MR && SimdDgemm.MR == MR;

  private static void check(ConvShape g, int m) {
    if (m != 2 && m != 4) {
      throw new IllegalArgumentException("WINOGRAD output tile must be 2 (F(2×2, 3×3)) or 4 (F(4×4, 3×3)); got " + m);
    }
    check(g);
  }

  private static void check(ConvShape g) {
    if (!supports(g)) {
      throw new IllegalArgumentException(
          "WINOGRAD needs a 2-D convolution with a 3×3 kernel, stride 1, dilation 1 and one group; got " + g);
    }
  }

  /**
   * One direction as a Winograd convolution: {@code out (outC, outH, outW)} from {@code in (inC,
   * inH, inW)} with a 3×3 filter and the source shifted by {@code (top, left)}. Immutable; share it
   * between workers.
   */
  public static final class Plan {
    final boolean f32;
    /** Output tile edge {@code m} (2 or 4) and positions of the transform domain {@code (m + 2)²} (16 or 36). */
    final int m, positions;
    final int inC, outC, inH, inW, outH, outW, top, left, tilesH, tilesW, nr, block;
    /** {@code U[ξ][o][ci]}, row-major per ξ. */
    final float[] uF;
    final double[] uD;
    /** {@code U[ξ]} packed by the GEMM kernel's {@code packAll}, {@link #packSize} apart (vector path only). */
    final float[] uPackedF;
    final double[] uPackedD;
    final int packSize;
    /** Distance between k-blocks of one packed {@code U[ξ]}. */
    final int kStride;

    private Plan(boolean f32, int m, int inC, int outC, int inH, int inW, int outH, int outW, int top, int left,
        double[] u) {
      this.f32 = f32;
      this.m = m;
      this.positions = (m + 2) * (m + 2);
      this.inC = inC;
      this.outC = outC;
      this.inH = inH;
      this.inW = inW;
      this.outH = outH;
      this.outW = outW;
      this.top = top;
      this.left = left;
      this.tilesH = (outH + m - 1) / m;
      this.tilesW = (outW + m - 1) / m;
      this.nr = f32 ? NR_F : NR_D;
      this.block = (m == 4 ? PANELS4 : PANELS) * nr;
      int mPad = (outC + MR - 1) / MR * MR;
      this.kStride = mPad * KC;
      this.packSize = Math.max(1, (inC + KC - 1) / KC) * kStride;
      if (f32) {
        uF = new float[u.length];
        for (int i = 0; i < u.length; i++) {
          uF[i] = (float) u[i];
        }
        uD = null;
        uPackedD = null;
        if (READY) {
          uPackedF = new float[positions * packSize];
          float[] tmp = new float[packSize];
          for (int xi = 0; xi < positions; xi++) {
            SimdSgemm.packAll(false, uF, xi * outC * inC, inC, outC, inC, tmp);
            System.arraycopy(tmp, 0, uPackedF, xi * packSize, packSize);
          }
        } else {
          uPackedF = null;
        }
      } else {
        uD = u;
        uF = null;
        uPackedF = null;
        if (READY) {
          uPackedD = new double[positions * packSize];
          double[] tmp = new double[packSize];
          for (int xi = 0; xi < positions; xi++) {
            SimdDgemm.packAll(false, uD, xi * outC * inC, inC, outC, inC, tmp);
            System.arraycopy(tmp, 0, uPackedD, xi * packSize, packSize);
          }
        } else {
          uPackedD = null;
        }
      }
    }

    /**
     * The forward pass of {@code g} with weight {@code w[wo:] (oc, c, 3, 3)}, not modified, on the
     * output tile {@link WinogradConv#outputTile} chooses.
     */
    public static Plan forward(ConvShape g, float[] w, int wo) {
      return forward(g, w, wo, defaultTile(g.oh(), g.ow()));
    }

    /** {@link #forward(ConvShape, float[], int)} on output tiles of {@code m × m} ({@code m} = 2 or 4). */
    public static Plan forward(ConvShape g, float[] w, int wo, int m) {
      check(g, m);
      return new Plan(true, m, g.c(), g.oc(), g.ih(), g.iw(), g.oh(), g.ow(), g.ph(), g.pw(),
          filter(m, g.oc(), g.c(), (o, ci, ab) -> w[wo + (o * g.c() + ci) * 9 + ab]));
    }

    /** {@link #forward(ConvShape, float[], int)} in float64. */
    public static Plan forward(ConvShape g, double[] w, int wo) {
      return forward(g, w, wo, defaultTile(g.oh(), g.ow()));
    }

    /** {@link #forward(ConvShape, float[], int, int)} in float64. */
    public static Plan forward(ConvShape g, double[] w, int wo, int m) {
      check(g, m);
      return new Plan(false, m, g.c(), g.oc(), g.ih(), g.iw(), g.oh(), g.ow(), g.ph(), g.pw(),
          filter(m, g.oc(), g.c(), (o, ci, ab) -> w[wo + (o * g.c() + ci) * 9 + ab]));
    }

    /**
     * The input gradient of {@code g}: source = the output gradient {@code (oc, oh, ow)} shifted by
     * {@code 2 − padding}, filter = the weight transposed and flipped, output = {@code (c, ih, iw)};
     * on the output tile {@link WinogradConv#outputTile} chooses for the {@code ih × iw} plane.
     */
    public static Plan inputGrad(ConvShape g, float[] w, int wo) {
      return inputGrad(g, w, wo, defaultTile(g.ih(), g.iw()));
    }

    /** {@link #inputGrad(ConvShape, float[], int)} on output tiles of {@code m × m} ({@code m} = 2 or 4). */
    public static Plan inputGrad(ConvShape g, float[] w, int wo, int m) {
      check(g, m);
      return new Plan(true, m, g.oc(), g.c(), g.oh(), g.ow(), g.ih(), g.iw(), 2 - g.ph(), 2 - g.pw(),
          filter(m, g.c(), g.oc(), (ci, o, ab) -> w[wo + (o * g.c() + ci) * 9 + 8 - ab]));
    }

    /** {@link #inputGrad(ConvShape, float[], int)} in float64. */
    public static Plan inputGrad(ConvShape g, double[] w, int wo) {
      return inputGrad(g, w, wo, defaultTile(g.ih(), g.iw()));
    }

    /** {@link #inputGrad(ConvShape, float[], int, int)} in float64. */
    public static Plan inputGrad(ConvShape g, double[] w, int wo, int m) {
      check(g, m);
      return new Plan(false, m, g.oc(), g.c(), g.oh(), g.ow(), g.ih(), g.iw(), 2 - g.ph(), 2 - g.pw(),
          filter(m, g.c(), g.oc(), (ci, o, ab) -> w[wo + (o * g.c() + ci) * 9 + 8 - ab]));
    }

    /** The edge of the output tiles, 2 or 4. */
    public int outputTile() {
      return m;
    }

    /** Tiles of one example's output plane. */
    public int tiles() {
      return tilesH * tilesW;
    }

    /** Tiles per block (the unit of the transforms and products; a multiple of the GEMM panel width). */
    public int block() {
      return block;
    }
  }

  private interface Filter {
    double at(int o, int ci, int ab);
  }

  private static double[] filter(int m, int outC, int inC, Filter f) {
    return m == 4 ? filter4(outC, inC, f) : filter(outC, inC, f);
  }

  /**
   * F(4×4): {@code U[ξ][o][ci] = (G g Gᵀ)[ξ]} (36 positions) for the 3×3 filter {@code g = f(o, ci, ·)},
   * in float64, with
   * <pre>
   *   G = |  1/4     0     0  |
   *       | −1/6  −1/6  −1/6  |
   *       | −1/6   1/6  −1/6  |
   *       | 1/24  1/12   1/6  |
   *       | 1/24 −1/12   1/6  |
   *       |   0     0     1   |
   * </pre>
   */
  private static double[] filter4(int outC, int inC, Filter f) {
    double[] u = new double[36 * outC * inC];
    double[] h = new double[18];
    int xs = outC * inC;
    for (int o = 0; o < outC; o++) {
      for (int ci = 0; ci < inC; ci++) {
        for (int b = 0; b < 3; b++) {
          double g0 = f.at(o, ci, b), g1 = f.at(o, ci, 3 + b), g2 = f.at(o, ci, 6 + b);
          g4(g0, g1, g2, h, b, 3);
        }
        for (int i = 0; i < 6; i++) {
          g4(h[3 * i], h[3 * i + 1], h[3 * i + 2], u, (6 * i * outC + o) * inC + ci, xs);
        }
      }
    }
    return u;
  }

  /** {@code G (g0, g1, g2)ᵀ} into {@code dst[at + k·stride]}, {@code k < 6}. */
  private static void g4(double g0, double g1, double g2, double[] dst, int at, int stride) {
    dst[at] = g0 / 4;
    dst[at + stride] = -(g0 + g1 + g2) / 6;
    dst[at + 2 * stride] = -(g0 - g1 + g2) / 6;
    dst[at + 3 * stride] = g0 / 24 + g1 / 12 + g2 / 6;
    dst[at + 4 * stride] = g0 / 24 - g1 / 12 + g2 / 6;
    dst[at + 5 * stride] = g2;
  }

  /** {@code U[ξ][o][ci] = (G g Gᵀ)[ξ]} for the 3×3 filter {@code g = f(o, ci, ·)}, in float64. */
  private static double[] filter(int outC, int inC, Filter f) {
    double[] u = new double[16 * outC * inC];
    double[] h = new double[12];
    for (int o = 0; o < outC; o++) {
      for (int ci = 0; ci < inC; ci++) {
        for (int b = 0; b < 3; b++) {
          double g0 = f.at(o, ci, b), g1 = f.at(o, ci, 3 + b), g2 = f.at(o, ci, 6 + b);
          h[b] = g0;
          h[3 + b] = 0.5 * (g0 + g1 + g2);
          h[6 + b] = 0.5 * (g0 - g1 + g2);
          h[9 + b] = g2;
        }
        for (int i = 0; i < 4; i++) {
          double h0 = h[3 * i], h1 = h[3 * i + 1], h2 = h[3 * i + 2];
          int at = (4 * i * outC + o) * inC + ci, xs = outC * inC;
          u[at] = h0;
          u[at + xs] = 0.5 * (h0 + h1 + h2);
          u[at + 2 * xs] = 0.5 * (h0 - h1 + h2);
          u[at + 3 * xs] = h2;
        }
      }
    }
    return u;
  }

  /** Per-worker buffers: the transformed input and the products of one block. */
  public static final class Scratch {
    final float[] vF, mF, tileF, gF, hF;
    final double[] vD, mD, tileD, gD, hD;

    /** Buffers for {@code plan}. */
    public Scratch(Plan p) {
      int v = p.positions * p.inC * p.block, m = p.positions * p.outC * p.block;
      // F(4×4): a vector may read up to 16 elements past the last row (lanes past the tiles).
      int h = READY ? p.inC * (p.m * p.tilesH + 2) * p.m * (p.tilesW + 1) + (p.m == 4 ? 16 : 0) : 0;
      int gs = (p.m == 4 ? 72 : 16) * p.block;
      if (p.f32) {
        vF = new float[v];
        mF = new float[m];
        tileF = new float[MR * p.nr];
        gF = new float[gs];
        hF = new float[h];
        vD = mD = tileD = gD = hD = null;
      } else {
        vD = new double[v];
        mD = new double[m];
        tileD = new double[MR * p.nr];
        gD = new double[gs];
        hD = new double[h];
        vF = mF = tileF = gF = hF = null;
      }
    }
  }

  /**
   * {@code out[outOff:] (outC, outH, outW)}, the outputs of tiles {@code [t0, t1)}, from
   * {@code in[inOff:] (inC, inH, inW)}, plus {@code bias[bo + o]} when {@code bias} is not null.
   * {@code simd} takes the vector transforms and GEMM kernel (needs {@link #vectorReady()}).
   *
   * @param in not modified
   * @param out the tiles' outputs overwritten
   */
  public static void run(Plan p, Scratch s, float[] in, int inOff, float[] out, int outOff, float[] bias, int bo,
      int t0, int t1, boolean simd) {
    int T = p.block, inC = p.inC, outC = p.outC, nr = p.nr, m = p.m;
    int ty0 = t0 / p.tilesW, hRows = t1 > t0 ? m * ((t1 - 1) / p.tilesW + 1 - ty0) + 2 : 0;
    if (simd) {
      if (m == 4) {
        split4(p, in, inOff, ty0, hRows, s.hF);
      } else {
        split(p, in, inOff, ty0, hRows, s.hF);
      }
    }
    for (int b0 = t0; b0 < t1; b0 += T) {
      int nt = Math.min(T, t1 - b0);
      if (simd && m == 4) {
        SimdWinograd.inputTransform4(p.inC, hRows, p.tilesW + 1, ty0, p.tilesW, nr, T, s.hF, b0, nt, s.gF, s.vF);
      } else if (simd) {
        SimdWinograd.inputTransform(p.inC, hRows, p.tilesW + 1, ty0, p.tilesW, nr, T, s.hF, b0, nt, s.gF, s.vF);
      } else if (m == 4) {
        inputTransform4(p, in, inOff, b0, nt, s.vF);
      } else {
        inputTransform(p, in, inOff, b0, nt, s.vF);
      }
      for (int xi = 0; xi < p.positions; xi++) {
        int vBase = xi * inC * T, mBase = xi * outC * T;
        for (int pc = 0, pb = 0; pc < inC; pc += KC, pb++) {
          int kc = Math.min(KC, inC - pc);
          if (simd) {
            SimdSgemm.macroKernel(outC, nt, kc, p.uPackedF, xi * p.packSize + pb * p.kStride,
                s.vF, vBase + pc * T, s.mF, mBase, T, pc == 0, s.tileF, 0);
          } else {
            product(p.uF, xi * outC * inC, inC, outC, pc, kc, s.vF, vBase + pc * T, nr, nt, s.mF, mBase, T);
          }
        }
      }
      if (simd && m == 4) {
        SimdWinograd.outputTransform4(outC, p.outH, p.outW, p.tilesW, T, s.mF, b0, nt, s.gF, out, outOff, bias, bo);
      } else if (simd) {
        SimdWinograd.outputTransform(outC, p.outH, p.outW, p.tilesW, T, s.mF, b0, nt, s.gF, out, outOff, bias, bo);
      } else if (m == 4) {
        outputTransform4(p, s.mF, b0, nt, out, outOff, bias, bo);
      } else {
        outputTransform(p, s.mF, b0, nt, out, outOff, bias, bo);
      }
    }
  }

  /** {@link #run(Plan, Scratch, float[], int, float[], int, float[], int, int, int, boolean)} in float64. */
  public static void run(Plan p, Scratch s, double[] in, int inOff, double[] out, int outOff, double[] bias, int bo,
      int t0, int t1, boolean simd) {
    int T = p.block, inC = p.inC, outC = p.outC, nr = p.nr, m = p.m;
    int ty0 = t0 / p.tilesW, hRows = t1 > t0 ? m * ((t1 - 1) / p.tilesW + 1 - ty0) + 2 : 0;
    if (simd) {
      if (m == 4) {
        split4(p, in, inOff, ty0, hRows, s.hD);
      } else {
        split(p, in, inOff, ty0, hRows, s.hD);
      }
    }
    for (int b0 = t0; b0 < t1; b0 += T) {
      int nt = Math.min(T, t1 - b0);
      if (simd && m == 4) {
        SimdWinograd.inputTransform4(p.inC, hRows, p.tilesW + 1, ty0, p.tilesW, nr, T, s.hD, b0, nt, s.gD, s.vD);
      } else if (simd) {
        SimdWinograd.inputTransform(p.inC, hRows, p.tilesW + 1, ty0, p.tilesW, nr, T, s.hD, b0, nt, s.gD, s.vD);
      } else if (m == 4) {
        inputTransform4(p, in, inOff, b0, nt, s.vD);
      } else {
        inputTransform(p, in, inOff, b0, nt, s.vD);
      }
      for (int xi = 0; xi < p.positions; xi++) {
        int vBase = xi * inC * T, mBase = xi * outC * T;
        for (int pc = 0, pb = 0; pc < inC; pc += KC, pb++) {
          int kc = Math.min(KC, inC - pc);
          if (simd) {
            SimdDgemm.macroKernel(outC, nt, kc, p.uPackedD, xi * p.packSize + pb * p.kStride,
                s.vD, vBase + pc * T, s.mD, mBase, T, pc == 0, s.tileD, 0);
          } else {
            product(p.uD, xi * outC * inC, inC, outC, pc, kc, s.vD, vBase + pc * T, nr, nt, s.mD, mBase, T);
          }
        }
      }
      if (simd && m == 4) {
        SimdWinograd.outputTransform4(outC, p.outH, p.outW, p.tilesW, T, s.mD, b0, nt, s.gD, out, outOff, bias, bo);
      } else if (simd) {
        SimdWinograd.outputTransform(outC, p.outH, p.outW, p.tilesW, T, s.mD, b0, nt, s.gD, out, outOff, bias, bo);
      } else if (m == 4) {
        outputTransform4(p, s.mD, b0, nt, out, outOff, bias, bo);
      } else {
        outputTransform(p, s.mD, b0, nt, out, outOff, bias, bo);
      }
    }
  }

  /**
   * The vector path's view of the source: {@code h[((ci·hRows + r)·2 + parity)·hW + k]} = the
   * source at row {@code 2·ty0 + r − top}, column {@code 2·k + parity − left}, zero outside
   * ({@code hW = tilesW + 1}), for the {@code hRows} rows that tile rows from {@code ty0} read.
   * Tile {@code (ty, tx)} then finds tap {@code (i, j)} at row {@code 2·(ty − ty0) + i}, parity
   * {@code j mod 2}, column {@code tx + j/2}: consecutive tiles read consecutive elements. Vector path
   * only: the interior of each row is split by {@link SimdWinograd#deinterleave}.
   */
  static void split(Plan p, float[] in, int inOff, int ty0, int hRows, float[] h) {
    int hW = p.tilesW + 1, inH = p.inH, inW = p.inW;
    for (int ci = 0; ci < p.inC; ci++) {
      int plane = inOff + ci * inH * inW;
      for (int r = 0; r < hRows; r++) {
        int y = 2 * ty0 + r - p.top, e = ((ci * hRows + r) * 2) * hW, o = e + hW;
        if (y < 0 || y >= inH) {
          java.util.Arrays.fill(h, e, o + hW, 0f);
          continue;
        }
        int row = plane + y * inW;
        // Columns k in [k0, k1) read 2k − left and 2k + 1 − left, both inside the row: a vector split.
        int k0 = Math.min(hW, Math.max(0, Math.floorDiv(p.left + 1, 2)));
        int k1 = Math.max(k0, Math.min(hW, Math.floorDiv(inW + p.left, 2)));
        for (int side = 0; side < 2; side++) {
          for (int k = side == 0 ? 0 : k1, end = side == 0 ? k0 : hW; k < end; k++) {
            int x = 2 * k - p.left;
            h[e + k] = x >= 0 && x < inW ? in[row + x] : 0f;
            h[o + k] = x + 1 >= 0 && x + 1 < inW ? in[row + x + 1] : 0f;
          }
        }
        SimdWinograd.deinterleave(in, row + 2 * k0 - p.left, k1 - k0, h, e + k0, o + k0);
      }
    }
  }

  static void split(Plan p, double[] in, int inOff, int ty0, int hRows, double[] h) {
    int hW = p.tilesW + 1, inH = p.inH, inW = p.inW;
    for (int ci = 0; ci < p.inC; ci++) {
      int plane = inOff + ci * inH * inW;
      for (int r = 0; r < hRows; r++) {
        int y = 2 * ty0 + r - p.top, e = ((ci * hRows + r) * 2) * hW, o = e + hW;
        if (y < 0 || y >= inH) {
          java.util.Arrays.fill(h, e, o + hW, 0.0);
          continue;
        }
        int row = plane + y * inW;
        // Columns k in [k0, k1) read 2k − left and 2k + 1 − left, both inside the row: a vector split.
        int k0 = Math.min(hW, Math.max(0, Math.floorDiv(p.left + 1, 2)));
        int k1 = Math.max(k0, Math.min(hW, Math.floorDiv(inW + p.left, 2)));
        for (int side = 0; side < 2; side++) {
          for (int k = side == 0 ? 0 : k1, end = side == 0 ? k0 : hW; k < end; k++) {
            int x = 2 * k - p.left;
            h[e + k] = x >= 0 && x < inW ? in[row + x] : 0.0;
            h[o + k] = x + 1 >= 0 && x + 1 < inW ? in[row + x + 1] : 0.0;
          }
        }
        SimdWinograd.deinterleave(in, row + 2 * k0 - p.left, k1 - k0, h, e + k0, o + k0);
      }
    }
  }

  /**
   * One k-block of {@code M (outC × nt, row stride ldm) (+)= U[:, pc:pc+kc] · V}, V a k-block in
   * packed-B layout ({@code nr}-tile panels of {@code kc × nr}); the GEMM micro-kernel's order: an
   * FMA chain from zero over the block, then stored ({@code pc = 0}) or added.
   */
  static void product(float[] u, int uo, int ldu, int outC, int pc, int kc, float[] v, int vo, int nr, int nt,
      float[] m, int mo, int ldm) {
    for (int o = 0; o < outC; o++) {
      int ur = uo + o * ldu + pc, mr = mo + o * ldm;
      for (int t = 0; t < nt; t++) {
        int vp = vo + (t / nr) * nr * kc + t % nr;
        float acc = 0f;
        for (int q = 0; q < kc; q++) {
          acc = Math.fma(u[ur + q], v[vp + q * nr], acc);
        }
        m[mr + t] = pc == 0 ? acc : m[mr + t] + acc;
      }
    }
  }

  static void product(double[] u, int uo, int ldu, int outC, int pc, int kc, double[] v, int vo, int nr, int nt,
      double[] m, int mo, int ldm) {
    for (int o = 0; o < outC; o++) {
      int ur = uo + o * ldu + pc, mr = mo + o * ldm;
      for (int t = 0; t < nt; t++) {
        int vp = vo + (t / nr) * nr * kc + t % nr;
        double acc = 0.0;
        for (int q = 0; q < kc; q++) {
          acc = Math.fma(u[ur + q], v[vp + q * nr], acc);
        }
        m[mr + t] = pc == 0 ? acc : m[mr + t] + acc;
      }
    }
  }

  /**
   * Position of {@code V[ξ][ci][t]} inside one ξ's block (of {@code inC·T} elements): k-block
   * {@code pc = ci − ci mod KC} at {@code pc·T}, then the panel of {@code t}, then row {@code ci − pc}.
   */
  static int vIndex(int inC, int T, int nr, int ci, int t) {
    int pc = ci / KC * KC, kc = Math.min(KC, inC - pc);
    return pc * T + (t / nr) * nr * kc + (ci - pc) * nr + t % nr;
  }

  /** {@code V = Bᵀ d B} for tiles {@code [b0, b0 + nt)} and every input channel into {@code v} (16 ξ-blocks of {@code inC·T}). */
  static void inputTransform(Plan p, float[] in, int inOff, int b0, int nt, float[] v) {
    int inC = p.inC, T = p.block, nr = p.nr, xs = inC * T, inH = p.inH, inW = p.inW;
    float[] d = new float[16];
    for (int ci = 0; ci < inC; ci++) {
      int plane = inOff + ci * inH * inW;
      for (int t = 0; t < nt; t++) {
        int tile = b0 + t, y0 = 2 * (tile / p.tilesW) - p.top, x0 = 2 * (tile % p.tilesW) - p.left;
        for (int i = 0; i < 4; i++) {
          int y = y0 + i;
          for (int j = 0; j < 4; j++) {
            int x = x0 + j;
            d[4 * i + j] = y >= 0 && y < inH && x >= 0 && x < inW ? in[plane + y * inW + x] : 0f;
          }
        }
        int at = vIndex(inC, T, nr, ci, t);
        for (int j = 0; j < 4; j++) {
          // Bᵀ d: combine rows, per column j.
          float r0 = d[j] - d[8 + j], r1 = d[4 + j] + d[8 + j], r2 = d[8 + j] - d[4 + j], r3 = d[4 + j] - d[12 + j];
          d[j] = r0;
          d[4 + j] = r1;
          d[8 + j] = r2;
          d[12 + j] = r3;
        }
        for (int i = 0; i < 4; i++) {
          // (Bᵀ d) B: combine columns, per row i.
          float c0 = d[4 * i], c1 = d[4 * i + 1], c2 = d[4 * i + 2], c3 = d[4 * i + 3];
          v[at + (4 * i) * xs] = c0 - c2;
          v[at + (4 * i + 1) * xs] = c1 + c2;
          v[at + (4 * i + 2) * xs] = c2 - c1;
          v[at + (4 * i + 3) * xs] = c1 - c3;
        }
      }
    }
  }

  static void inputTransform(Plan p, double[] in, int inOff, int b0, int nt, double[] v) {
    int inC = p.inC, T = p.block, nr = p.nr, xs = inC * T, inH = p.inH, inW = p.inW;
    double[] d = new double[16];
    for (int ci = 0; ci < inC; ci++) {
      int plane = inOff + ci * inH * inW;
      for (int t = 0; t < nt; t++) {
        int tile = b0 + t, y0 = 2 * (tile / p.tilesW) - p.top, x0 = 2 * (tile % p.tilesW) - p.left;
        for (int i = 0; i < 4; i++) {
          int y = y0 + i;
          for (int j = 0; j < 4; j++) {
            int x = x0 + j;
            d[4 * i + j] = y >= 0 && y < inH && x >= 0 && x < inW ? in[plane + y * inW + x] : 0.0;
          }
        }
        int at = vIndex(inC, T, nr, ci, t);
        for (int j = 0; j < 4; j++) {
          double r0 = d[j] - d[8 + j], r1 = d[4 + j] + d[8 + j], r2 = d[8 + j] - d[4 + j], r3 = d[4 + j] - d[12 + j];
          d[j] = r0;
          d[4 + j] = r1;
          d[8 + j] = r2;
          d[12 + j] = r3;
        }
        for (int i = 0; i < 4; i++) {
          double c0 = d[4 * i], c1 = d[4 * i + 1], c2 = d[4 * i + 2], c3 = d[4 * i + 3];
          v[at + (4 * i) * xs] = c0 - c2;
          v[at + (4 * i + 1) * xs] = c1 + c2;
          v[at + (4 * i + 2) * xs] = c2 - c1;
          v[at + (4 * i + 3) * xs] = c1 - c3;
        }
      }
    }
  }

  /**
   * {@code Y = Aᵀ M A (+ bias)} for tiles {@code [b0, b0 + nt)} from {@code m} (16 ξ-blocks of
   * {@code outC × T}), writing the outputs that fall inside the plane.
   */
  static void outputTransform(Plan p, float[] m, int b0, int nt, float[] out, int outOff, float[] bias, int bo) {
    int outC = p.outC, T = p.block, xs = outC * T, outH = p.outH, outW = p.outW;
    float[] s = new float[8];
    for (int o = 0; o < outC; o++) {
      int plane = outOff + o * outH * outW;
      float bv = bias == null ? 0f : bias[bo + o];
      for (int t = 0; t < nt; t++) {
        int at = o * T + t;
        for (int j = 0; j < 4; j++) {
          // Aᵀ M: two rows, per column j.
          float m0 = m[at + j * xs], m1 = m[at + (4 + j) * xs], m2 = m[at + (8 + j) * xs], m3 = m[at + (12 + j) * xs];
          s[j] = m0 + m1 + m2;
          s[4 + j] = m1 - m2 - m3;
        }
        int tile = b0 + t, y = 2 * (tile / p.tilesW), x = 2 * (tile % p.tilesW);
        for (int i = 0; i < 2 && y + i < outH; i++) {
          int row = plane + (y + i) * outW + x;
          out[row] = s[4 * i] + s[4 * i + 1] + s[4 * i + 2] + bv;
          if (x + 1 < outW) {
            out[row + 1] = s[4 * i + 1] - s[4 * i + 2] - s[4 * i + 3] + bv;
          }
        }
      }
    }
  }

  static void outputTransform(Plan p, double[] m, int b0, int nt, double[] out, int outOff, double[] bias, int bo) {
    int outC = p.outC, T = p.block, xs = outC * T, outH = p.outH, outW = p.outW;
    double[] s = new double[8];
    for (int o = 0; o < outC; o++) {
      int plane = outOff + o * outH * outW;
      double bv = bias == null ? 0.0 : bias[bo + o];
      for (int t = 0; t < nt; t++) {
        int at = o * T + t;
        for (int j = 0; j < 4; j++) {
          double m0 = m[at + j * xs], m1 = m[at + (4 + j) * xs], m2 = m[at + (8 + j) * xs], m3 = m[at + (12 + j) * xs];
          s[j] = m0 + m1 + m2;
          s[4 + j] = m1 - m2 - m3;
        }
        int tile = b0 + t, y = 2 * (tile / p.tilesW), x = 2 * (tile % p.tilesW);
        for (int i = 0; i < 2 && y + i < outH; i++) {
          int row = plane + (y + i) * outW + x;
          out[row] = s[4 * i] + s[4 * i + 1] + s[4 * i + 2] + bv;
          if (x + 1 < outW) {
            out[row + 1] = s[4 * i + 1] - s[4 * i + 2] - s[4 * i + 3] + bv;
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // F(4×4, 3×3).

  /**
   * The vector path's view of the source for F(4×4): {@code h[((ci·hRows + r)·4 + phase)·hW + k]} =
   * the source at row {@code 4·ty0 + r − top}, column {@code 4·k + phase − left}, zero outside
   * ({@code hW = tilesW + 1}). Tile {@code (ty, tx)} finds tap {@code (i, j)} at row
   * {@code 4·(ty − ty0) + i}, phase {@code j mod 4}, column {@code tx + j/4}: consecutive tiles read
   * consecutive elements. The interior of each row is split by {@link SimdWinograd#deinterleave4}.
   */
  static void split4(Plan p, float[] in, int inOff, int ty0, int hRows, float[] h) {
    int hW = p.tilesW + 1, inH = p.inH, inW = p.inW;
    // Columns k in [k0, k1) read 4k − left … 4k + 3 − left, all inside the row: a vector split.
    int k0 = Math.min(hW, Math.max(0, Math.floorDiv(p.left + 3, 4)));
    int k1 = Math.max(k0, Math.min(hW, Math.floorDiv(inW + p.left, 4)));
    for (int ci = 0; ci < p.inC; ci++) {
      int plane = inOff + ci * inH * inW;
      for (int r = 0; r < hRows; r++) {
        int y = 4 * ty0 + r - p.top, e = ((ci * hRows + r) * 4) * hW;
        if (y < 0 || y >= inH) {
          java.util.Arrays.fill(h, e, e + 4 * hW, 0f);
          continue;
        }
        int row = plane + y * inW;
        for (int side = 0; side < 2; side++) {
          for (int k = side == 0 ? 0 : k1, end = side == 0 ? k0 : hW; k < end; k++) {
            for (int ph = 0; ph < 4; ph++) {
              int x = 4 * k + ph - p.left;
              h[e + ph * hW + k] = x >= 0 && x < inW ? in[row + x] : 0f;
            }
          }
        }
        SimdWinograd.deinterleave4(in, row + 4 * k0 - p.left, k1 - k0, h, e + k0, e + hW + k0, e + 2 * hW + k0,
            e + 3 * hW + k0);
      }
    }
  }

  /**
   * F(4×4): {@code V = Bᵀ d B} for tiles {@code [b0, b0 + nt)} and every input channel into
   * {@code v} (36 ξ-blocks of {@code inC·T}). Per column and then per row of the 6×6 patch
   * {@code (d0 … d5)}: {@code 4(d0 − d2) + (d4 − d2)}, {@code −4(d1 + d2) + (d3 + d4)},
   * {@code 4(d1 − d2) + (d4 − d3)}, {@code ∓2(d1 − d3) + (d4 − d2)}, {@code 4(d1 − d3) + (d5 − d3)},
   * each product and sum one fused multiply-add.
   */
  static void inputTransform4(Plan p, float[] in, int inOff, int b0, int nt, float[] v) {
    int inC = p.inC, T = p.block, nr = p.nr, xs = inC * T, inH = p.inH, inW = p.inW;
    float[] d = new float[36];
    for (int ci = 0; ci < inC; ci++) {
      int plane = inOff + ci * inH * inW;
      for (int t = 0; t < nt; t++) {
        int tile = b0 + t, y0 = 4 * (tile / p.tilesW) - p.top, x0 = 4 * (tile % p.tilesW) - p.left;
        for (int i = 0; i < 6; i++) {
          int y = y0 + i;
          for (int j = 0; j < 6; j++) {
            int x = x0 + j;
            d[6 * i + j] = y >= 0 && y < inH && x >= 0 && x < inW ? in[plane + y * inW + x] : 0f;
          }
        }
        int at = vIndex(inC, T, nr, ci, t);
        for (int j = 0; j < 6; j++) {
          // Bᵀ d: combine rows, per column j.
          float d0 = d[j], d1 = d[6 + j], d2 = d[12 + j], d3 = d[18 + j], d4 = d[24 + j], d5 = d[30 + j];
          float s5 = d1 - d3, s6 = d4 - d2;
          d[j] = Math.fma(d0 - d2, 4f, s6);
          d[6 + j] = Math.fma(d1 + d2, -4f, d3 + d4);
          d[12 + j] = Math.fma(d1 - d2, 4f, d4 - d3);
          d[18 + j] = Math.fma(s5, -2f, s6);
          d[24 + j] = Math.fma(s5, 2f, s6);
          d[30 + j] = Math.fma(s5, 4f, d5 - d3);
        }
        for (int i = 0; i < 6; i++) {
          // (Bᵀ d) B: combine columns, per row i.
          float d0 = d[6 * i], d1 = d[6 * i + 1], d2 = d[6 * i + 2], d3 = d[6 * i + 3], d4 = d[6 * i + 4],
              d5 = d[6 * i + 5];
          float s5 = d1 - d3, s6 = d4 - d2;
          int vo = at + 6 * i * xs;
          v[vo] = Math.fma(d0 - d2, 4f, s6);
          v[vo + xs] = Math.fma(d1 + d2, -4f, d3 + d4);
          v[vo + 2 * xs] = Math.fma(d1 - d2, 4f, d4 - d3);
          v[vo + 3 * xs] = Math.fma(s5, -2f, s6);
          v[vo + 4 * xs] = Math.fma(s5, 2f, s6);
          v[vo + 5 * xs] = Math.fma(s5, 4f, d5 - d3);
        }
      }
    }
  }

  /**
   * F(4×4): {@code Y = Aᵀ M A (+ bias)} for tiles {@code [b0, b0 + nt)} from {@code m} (36 ξ-blocks
   * of {@code outC × T}), writing the outputs that fall inside the plane. Per column and then per
   * row {@code (m0 … m5)}, with {@code a = m1 + m2, b = m1 − m2, c = m3 + m4, d = m3 − m4}:
   * {@code (m0 + a) + c}, {@code 2d + b}, {@code 4c + a}, {@code 8d + (b + m5)}; the bias added last.
   */
  static void outputTransform4(Plan p, float[] m, int b0, int nt, float[] out, int outOff, float[] bias, int bo) {
    int outC = p.outC, T = p.block, xs = outC * T, outH = p.outH, outW = p.outW;
    float[] s = new float[24];
    for (int o = 0; o < outC; o++) {
      int plane = outOff + o * outH * outW;
      float bv = bias == null ? 0f : bias[bo + o];
      for (int t = 0; t < nt; t++) {
        int at = o * T + t;
        for (int j = 0; j < 6; j++) {
          // Aᵀ M: four rows, per column j.
          int mj = at + j * xs;
          float m0 = m[mj], m1 = m[mj + 6 * xs], m2 = m[mj + 12 * xs], m3 = m[mj + 18 * xs], m4 = m[mj + 24 * xs],
              m5 = m[mj + 30 * xs];
          float a = m1 + m2, b = m1 - m2, c = m3 + m4, d = m3 - m4;
          s[j] = m0 + a + c;
          s[6 + j] = Math.fma(d, 2f, b);
          s[12 + j] = Math.fma(c, 4f, a);
          s[18 + j] = Math.fma(d, 8f, b + m5);
        }
        int tile = b0 + t, y = 4 * (tile / p.tilesW), x = 4 * (tile % p.tilesW);
        for (int r = 0; r < 4 && y + r < outH; r++) {
          float s0 = s[6 * r], s1 = s[6 * r + 1], s2 = s[6 * r + 2], s3 = s[6 * r + 3], s4 = s[6 * r + 4],
              s5 = s[6 * r + 5];
          float a = s1 + s2, b = s1 - s2, c = s3 + s4, d = s3 - s4;
          int row = plane + (y + r) * outW + x;
          out[row] = s0 + a + c + bv;
          if (x + 1 < outW) {
            out[row + 1] = Math.fma(d, 2f, b) + bv;
          }
          if (x + 2 < outW) {
            out[row + 2] = Math.fma(c, 4f, a) + bv;
          }
          if (x + 3 < outW) {
            out[row + 3] = Math.fma(d, 8f, b + s5) + bv;
          }
        }
      }
    }
  }


    /** {@link #split4(Plan, float[], int, int, int, float[])} in float64. */
  static void split4(Plan p, double[] in, int inOff, int ty0, int hRows, double[] h) {
    int hW = p.tilesW + 1, inH = p.inH, inW = p.inW;
    // Columns k in [k0, k1) read 4k − left … 4k + 3 − left, all inside the row: a vector split.
    int k0 = Math.min(hW, Math.max(0, Math.floorDiv(p.left + 3, 4)));
    int k1 = Math.max(k0, Math.min(hW, Math.floorDiv(inW + p.left, 4)));
    for (int ci = 0; ci < p.inC; ci++) {
      int plane = inOff + ci * inH * inW;
      for (int r = 0; r < hRows; r++) {
        int y = 4 * ty0 + r - p.top, e = ((ci * hRows + r) * 4) * hW;
        if (y < 0 || y >= inH) {
          java.util.Arrays.fill(h, e, e + 4 * hW, 0.0);
          continue;
        }
        int row = plane + y * inW;
        for (int side = 0; side < 2; side++) {
          for (int k = side == 0 ? 0 : k1, end = side == 0 ? k0 : hW; k < end; k++) {
            for (int ph = 0; ph < 4; ph++) {
              int x = 4 * k + ph - p.left;
              h[e + ph * hW + k] = x >= 0 && x < inW ? in[row + x] : 0.0;
            }
          }
        }
        SimdWinograd.deinterleave4(in, row + 4 * k0 - p.left, k1 - k0, h, e + k0, e + hW + k0, e + 2 * hW + k0,
            e + 3 * hW + k0);
      }
    }
  }

    /** {@link #inputTransform4(Plan, float[], int, int, int, float[])} in float64. */
  static void inputTransform4(Plan p, double[] in, int inOff, int b0, int nt, double[] v) {
    int inC = p.inC, T = p.block, nr = p.nr, xs = inC * T, inH = p.inH, inW = p.inW;
    double[] d = new double[36];
    for (int ci = 0; ci < inC; ci++) {
      int plane = inOff + ci * inH * inW;
      for (int t = 0; t < nt; t++) {
        int tile = b0 + t, y0 = 4 * (tile / p.tilesW) - p.top, x0 = 4 * (tile % p.tilesW) - p.left;
        for (int i = 0; i < 6; i++) {
          int y = y0 + i;
          for (int j = 0; j < 6; j++) {
            int x = x0 + j;
            d[6 * i + j] = y >= 0 && y < inH && x >= 0 && x < inW ? in[plane + y * inW + x] : 0.0;
          }
        }
        int at = vIndex(inC, T, nr, ci, t);
        for (int j = 0; j < 6; j++) {
          // Bᵀ d: combine rows, per column j.
          double d0 = d[j], d1 = d[6 + j], d2 = d[12 + j], d3 = d[18 + j], d4 = d[24 + j], d5 = d[30 + j];
          double s5 = d1 - d3, s6 = d4 - d2;
          d[j] = Math.fma(d0 - d2, 4.0, s6);
          d[6 + j] = Math.fma(d1 + d2, -4.0, d3 + d4);
          d[12 + j] = Math.fma(d1 - d2, 4.0, d4 - d3);
          d[18 + j] = Math.fma(s5, -2.0, s6);
          d[24 + j] = Math.fma(s5, 2.0, s6);
          d[30 + j] = Math.fma(s5, 4.0, d5 - d3);
        }
        for (int i = 0; i < 6; i++) {
          // (Bᵀ d) B: combine columns, per row i.
          double d0 = d[6 * i], d1 = d[6 * i + 1], d2 = d[6 * i + 2], d3 = d[6 * i + 3], d4 = d[6 * i + 4],
              d5 = d[6 * i + 5];
          double s5 = d1 - d3, s6 = d4 - d2;
          int vo = at + 6 * i * xs;
          v[vo] = Math.fma(d0 - d2, 4.0, s6);
          v[vo + xs] = Math.fma(d1 + d2, -4.0, d3 + d4);
          v[vo + 2 * xs] = Math.fma(d1 - d2, 4.0, d4 - d3);
          v[vo + 3 * xs] = Math.fma(s5, -2.0, s6);
          v[vo + 4 * xs] = Math.fma(s5, 2.0, s6);
          v[vo + 5 * xs] = Math.fma(s5, 4.0, d5 - d3);
        }
      }
    }
  }

    /** {@link #outputTransform4(Plan, float[], int, int, float[], int, float[], int)} in float64. */
  static void outputTransform4(Plan p, double[] m, int b0, int nt, double[] out, int outOff, double[] bias, int bo) {
    int outC = p.outC, T = p.block, xs = outC * T, outH = p.outH, outW = p.outW;
    double[] s = new double[24];
    for (int o = 0; o < outC; o++) {
      int plane = outOff + o * outH * outW;
      double bv = bias == null ? 0.0 : bias[bo + o];
      for (int t = 0; t < nt; t++) {
        int at = o * T + t;
        for (int j = 0; j < 6; j++) {
          // Aᵀ M: four rows, per column j.
          int mj = at + j * xs;
          double m0 = m[mj], m1 = m[mj + 6 * xs], m2 = m[mj + 12 * xs], m3 = m[mj + 18 * xs], m4 = m[mj + 24 * xs],
              m5 = m[mj + 30 * xs];
          double a = m1 + m2, b = m1 - m2, c = m3 + m4, d = m3 - m4;
          s[j] = m0 + a + c;
          s[6 + j] = Math.fma(d, 2.0, b);
          s[12 + j] = Math.fma(c, 4.0, a);
          s[18 + j] = Math.fma(d, 8.0, b + m5);
        }
        int tile = b0 + t, y = 4 * (tile / p.tilesW), x = 4 * (tile % p.tilesW);
        for (int r = 0; r < 4 && y + r < outH; r++) {
          double s0 = s[6 * r], s1 = s[6 * r + 1], s2 = s[6 * r + 2], s3 = s[6 * r + 3], s4 = s[6 * r + 4],
              s5 = s[6 * r + 5];
          double a = s1 + s2, b = s1 - s2, c = s3 + s4, d = s3 - s4;
          int row = plane + (y + r) * outW + x;
          out[row] = s0 + a + c + bv;
          if (x + 1 < outW) {
            out[row + 1] = Math.fma(d, 2.0, b) + bv;
          }
          if (x + 2 < outW) {
            out[row + 2] = Math.fma(c, 4.0, a) + bv;
          }
          if (x + 3 < outW) {
            out[row + 3] = Math.fma(d, 8.0, b + s5) + bv;
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Weight gradient.

  /** Largest number of tiles per k-block of the weight gradient's products (at most {@link #KC}). */
  static final int WEIGHT_TILES = Math.max(8, Math.min(KC, Integer.getInteger("conv4j.winogradWeightTiles", 128)));

  /**
   * The weight gradient of a Winograd-shaped convolution, {@code dw = Σ_examples Σ_tiles} of the
   * tile's contribution, by the transposition of the forward algorithm: with {@code Z = A dy Aᵀ}
   * (the tile's 2×2 output gradient lifted to 4×4) and {@code V = Bᵀ d B} (its 4×4 source patch),
   * {@code dw[o][ci] = Gᵀ (Σ_tiles Z[o] ⊙ V[ci]) G} (the adjoint of {@code Y = Aᵀ (G g Gᵀ ⊙ V) A}
   * in {@code g}). The sum over tiles is, per transform position ξ, one product
   * {@code W[ξ] (oc × c) = Z[ξ] (oc × tiles) · V[ξ]ᵀ (tiles × c)} with the tiles as the GEMM's
   * depth: 16 products of {@code oc·c} per tile instead of 36 multiply-adds per output and tap.
   * Tiles go in k-blocks of at most {@link #WEIGHT_TILES} (the same cut for every example); the
   * transformed operands of one k-block are written straight into the GEMM kernel's packed layouts
   * ({@code Z[ξ]} as the A operand, {@code MR}-row panels; {@code V[ξ]} as the B operand,
   * {@code nr}-channel panels). Sums stay in the transform domain ({@link #weightGrad} accumulates
   * one example into a partial {@code W} of {@link #partialSize()} elements); {@link #weightCombine}
   * adds the partials in order and makes {@code Gᵀ W G} once, in float64. Immutable; share it.
   */
  public static final class WeightPlan {
    final boolean f32;
    final int c, oc, ih, iw, oh, ow, top, left, tilesH, tilesW, nr, lanes, blocks, kcMax;
    /** Channels-last stride {@code cP} (a multiple of the vector length), padded widths of the packed operands. */
    final int cP, cPad, mPad;
    /** Haloed channels-last source plane {@code sH × sW}. */
    final int sH, sW;
    /** Per-ξ strides of the packed operands. */
    final int aStride, bStride;

    private WeightPlan(ConvShape g, boolean f32) {
      check(g);
      this.f32 = f32;
      this.c = g.c();
      this.oc = g.oc();
      this.ih = g.ih();
      this.iw = g.iw();
      this.oh = g.oh();
      this.ow = g.ow();
      this.top = g.ph();
      this.left = g.pw();
      this.tilesH = (oh + 1) / 2;
      this.tilesW = (ow + 1) / 2;
      this.nr = f32 ? NR_F : NR_D;
      this.lanes = nr / 3;
      int tiles = tilesH * tilesW;
      this.blocks = Math.max(1, (tiles + WEIGHT_TILES - 1) / WEIGHT_TILES);
      this.kcMax = (tiles + blocks - 1) / blocks;
      this.cP = (c + lanes - 1) / lanes * lanes;
      this.cPad = (c + nr - 1) / nr * nr;
      this.mPad = (oc + MR - 1) / MR * MR;
      this.sH = 2 * tilesH + 2;
      this.sW = 2 * tilesW + 2;
      this.aStride = mPad * kcMax;
      this.bStride = cPad * kcMax;
    }

    /** The weight gradient of {@code g} in float32 ({@code f32}) or float64. */
    public static WeightPlan of(ConvShape g, boolean f32) {
      return new WeightPlan(g, f32);
    }

    /** Elements of one partial sum {@code W (16, oc, c)} in the transform domain. */
    public int partialSize() {
      return 16 * oc * c;
    }

    /** Tile range of k-block {@code b}: {@code [tiles·b/blocks, tiles·(b+1)/blocks)}. */
    int blockStart(int b) {
      return (int) ((long) tilesH * tilesW * b / blocks);
    }
  }

  /** Per-worker buffers of {@link #weightGrad}: packed operands of one k-block, channels-last copies. */
  public static final class WeightScratch {
    final float[] paF, pbF, xhF, tileF, gF;
    final double[] paD, pbD, xhD, tileD, gD;

    /** Buffers for {@code p} (the channels-last copies only where the vector path can run). */
    public WeightScratch(WeightPlan p) {
      int a = 16 * p.aStride, b = 16 * p.bStride, xh = READY ? p.sH * p.sW * p.cP : 0;
      if (p.f32) {
        paF = new float[a];
        pbF = new float[b];
        xhF = new float[xh];
        tileF = new float[MR * p.nr];
        gF = new float[16 * p.nr];
        paD = pbD = xhD = tileD = gD = null;
      } else {
        paD = new double[a];
        pbD = new double[b];
        xhD = new double[xh];
        tileD = new double[MR * p.nr];
        gD = new double[16 * p.nr];
        paF = pbF = xhF = tileF = gF = null;
      }
    }
  }

  /**
   * Combines weight-gradient partials: {@code dw[dwOff:] (oc, c, 3, 3) = Gᵀ (Σ_k partials[k]) G},
   * the partials ({@code (16, oc, c)} each, from {@link #weightGrad}) added in array order, the
   * final transform in float64.
   *
   * @param partials not modified
   * @param dw overwritten
   */
  public static void weightCombine(WeightPlan p, float[][] partials, float[] dw, int dwOff) {
    int oc = p.oc, c = p.c, xs = oc * c;
    double[] z = new double[16];
    for (int o = 0; o < oc; o++) {
      for (int ci = 0; ci < c; ci++) {
        for (int xi = 0; xi < 16; xi++) {
          int at = xi * xs + o * c + ci;
          float acc = partials[0][at];
          for (int k = 1; k < partials.length; k++) {
            acc += partials[k][at];
          }
          z[xi] = acc;
        }
        double[] w = inverseFilter(z);
        for (int ab = 0; ab < 9; ab++) {
          dw[dwOff + (o * c + ci) * 9 + ab] = (float) w[ab];
        }
      }
    }
  }

  /** {@link #weightCombine(WeightPlan, float[][], float[], int)} in float64. */
  public static void weightCombine(WeightPlan p, double[][] partials, double[] dw, int dwOff) {
    int oc = p.oc, c = p.c, xs = oc * c;
    double[] z = new double[16];
    for (int o = 0; o < oc; o++) {
      for (int ci = 0; ci < c; ci++) {
        for (int xi = 0; xi < 16; xi++) {
          int at = xi * xs + o * c + ci;
          double acc = partials[0][at];
          for (int k = 1; k < partials.length; k++) {
            acc += partials[k][at];
          }
          z[xi] = acc;
        }
        double[] w = inverseFilter(z);
        System.arraycopy(w, 0, dw, dwOff + (o * c + ci) * 9, 9);
      }
    }
  }

  /** {@code Gᵀ z G}: the 3×3 gradient of a filter from its 4×4 transform-domain gradient {@code z}. */
  static double[] inverseFilter(double[] z) {
    double[] h = new double[12];
    for (int j = 0; j < 4; j++) {
      double z0 = z[j], z1 = z[4 + j], z2 = z[8 + j], z3 = z[12 + j];
      h[j] = z0 + 0.5 * (z1 + z2);
      h[4 + j] = 0.5 * (z1 - z2);
      h[8 + j] = 0.5 * (z1 + z2) + z3;
    }
    double[] w = new double[9];
    for (int a = 0; a < 3; a++) {
      double h0 = h[4 * a], h1 = h[4 * a + 1], h2 = h[4 * a + 2], h3 = h[4 * a + 3];
      w[3 * a] = h0 + 0.5 * (h1 + h2);
      w[3 * a + 1] = 0.5 * (h1 - h2);
      w[3 * a + 2] = 0.5 * (h1 + h2) + h3;
    }
    return w;
  }

  /**
   * Adds one example's weight gradient, in the transform domain, to {@code partial (16, oc, c)}:
   * {@code partial[ξ][o][ci] (+)= Σ_tiles Z[ξ][o][t]·V[ξ][ci][t]} from {@code x[xOff:] (c, ih, iw)}
   * and {@code dy[dyOff:] (oc, oh, ow)}; {@code first} overwrites the partial instead (the first
   * example of a sum). Per element: for each k-block an FMA chain from zero over its tiles, the
   * block added to the partial ({@code partial = partial + block}, the first block of a
   * {@code first} call stored), the GEMM kernel's order; the scalar twin ({@code simd = false})
   * computes the same operations in the same order, so both give the same bits.
   *
   * @param x not modified
   * @param dy not modified
   * @param partial modified
   */
  public static void weightGrad(WeightPlan p, WeightScratch s, float[] x, int xOff, float[] dy, int dyOff,
      float[] partial, int pOff, boolean first, boolean simd) {
    if (simd) {
      toChannelsLast(x, xOff, p.c, p.ih, p.iw, p.top, p.left, s.xhF, p.sH, p.sW, p.cP);
    }
    int xs = p.oc * p.c;
    for (int b = 0; b < p.blocks; b++) {
      int t0 = p.blockStart(b), kc = p.blockStart(b + 1) - t0;
      boolean store = first && b == 0;
      if (simd) {
        SimdWinograd.weightOutput(p.oc, p.mPad, p.oh, p.ow, p.tilesW, t0, kc, dy, dyOff, s.gF, s.paF, p.aStride);
        SimdWinograd.weightInput(p.cP, p.cPad, p.sW, p.tilesW, p.nr, t0, kc, s.xhF, s.pbF, p.bStride);
        for (int xi = 0; xi < 16; xi++) {
          SimdSgemm.macroKernel(p.oc, p.c, kc, s.paF, xi * p.aStride, s.pbF, xi * p.bStride,
              partial, pOff + xi * xs, p.c, store, s.tileF, 0);
        }
      } else {
        weightOutput(p, dy, dyOff, t0, kc, s.paF);
        weightInput(p, x, xOff, t0, kc, s.pbF);
        for (int xi = 0; xi < 16; xi++) {
          weightProduct(p, kc, s.paF, xi * p.aStride, s.pbF, xi * p.bStride, partial, pOff + xi * xs, store);
        }
      }
    }
  }

  /**
   * The source, channels-last with a zero halo: {@code h[(r·hW + s)·cP + ci] = src[ci][r − top][s − left]}
   * ({@code hH × hW} positions, {@code cP ≥ channels}); positions outside the source and channels
   * from {@code channels} on are never written (zero from allocation, for one geometry per buffer).
   */
  static void toChannelsLast(float[] src, int off, int channels, int height, int width, int top, int left,
      float[] h, int hH, int hW, int cP) {
    int x0 = Math.max(0, -left), x1 = Math.min(width, hW - left), plane = height * width;
    for (int y = Math.max(0, -top); y < Math.min(height, hH - top); y++) {
      int row = (y + top) * hW + left;
      int ci = 0;
      // Eight channels at a time: eight sequential read streams and one contiguous run of eight
      // writes per position (one channel at a time strides every write by cP: 3× slower).
      for (; ci + 8 <= channels; ci += 8) {
        int q = off + ci * plane + y * width;
        for (int x = x0; x < x1; x++) {
          int d = (row + x) * cP + ci, e = q + x;
          h[d] = src[e];
          h[d + 1] = src[e + plane];
          h[d + 2] = src[e + 2 * plane];
          h[d + 3] = src[e + 3 * plane];
          h[d + 4] = src[e + 4 * plane];
          h[d + 5] = src[e + 5 * plane];
          h[d + 6] = src[e + 6 * plane];
          h[d + 7] = src[e + 7 * plane];
        }
      }
      for (; ci < channels; ci++) {
        int q = off + ci * plane + y * width;
        for (int x = x0; x < x1; x++) {
          h[(row + x) * cP + ci] = src[q + x];
        }
      }
    }
  }

  /** The scalar twin of {@link SimdWinograd#weightInput}: the packed {@code V} of tiles {@code [t0, t0 + kc)} from the source. */
  static void weightInput(WeightPlan p, float[] x, int xOff, int t0, int kc, float[] pb) {
    float[] d = new float[16];
    int bs = p.bStride, nr = p.nr;
    for (int k = 0; k < kc; k++) {
      int tile = t0 + k, y0 = 2 * (tile / p.tilesW) - p.top, x0 = 2 * (tile % p.tilesW) - p.left;
      for (int ci = 0; ci < p.cPad; ci++) {
        int o = (ci / nr) * nr * kc + k * nr + ci % nr;
        if (ci >= p.c) {
          for (int xi = 0; xi < 16; xi++) {
            pb[o + xi * bs] = 0f;
          }
          continue;
        }
        int plane = xOff + ci * p.ih * p.iw;
        for (int i = 0; i < 4; i++) {
          int y = y0 + i;
          for (int j = 0; j < 4; j++) {
            int xx = x0 + j;
            d[4 * i + j] = y >= 0 && y < p.ih && xx >= 0 && xx < p.iw ? x[plane + y * p.iw + xx] : 0f;
          }
        }
        for (int j = 0; j < 4; j++) {
          // Bᵀ d: combine rows, per column j.
          float r0 = d[j] - d[8 + j], r1 = d[4 + j] + d[8 + j], r2 = d[8 + j] - d[4 + j], r3 = d[4 + j] - d[12 + j];
          d[j] = r0;
          d[4 + j] = r1;
          d[8 + j] = r2;
          d[12 + j] = r3;
        }
        for (int i = 0; i < 4; i++) {
          // (Bᵀ d) B: combine columns, per row i.
          float c0 = d[4 * i], c1 = d[4 * i + 1], c2 = d[4 * i + 2], c3 = d[4 * i + 3];
          pb[o + (4 * i) * bs] = c0 - c2;
          pb[o + (4 * i + 1) * bs] = c1 + c2;
          pb[o + (4 * i + 2) * bs] = c2 - c1;
          pb[o + (4 * i + 3) * bs] = c1 - c3;
        }
      }
    }
  }

  /**
   * {@code Z = A dy Aᵀ} of tiles {@code [t0, t0 + kc)} straight into the GEMM kernel's packed A
   * layout {@code pa}: per ξ a block at {@code ξ·aStride} of {@code MR}-row panels, each
   * {@code kc × MR} (channel {@code o} of tile {@code k} at {@code (o/MR)·MR·kc + k·MR + o mod MR};
   * rows from {@code oc} zero). Per tile: rows {@code (a, b), (a + c, b + d), (a − c, b − d),
   * (−c, −d)} of {@code A dy}, then per row {@code (r0, r0 + r1, r0 − r1, −r1)}. The scalar twin of
   * {@link SimdWinograd#weightOutput} (which interleaves three channels' vectors into the panels).
   */
  static void weightOutput(WeightPlan p, float[] dy, int dyOff, int t0, int kc, float[] pa) {
    int as = p.aStride, ow = p.ow, oh = p.oh, tilesW = p.tilesW;
    for (int o = 0; o < p.mPad; o++) {
      int plane = dyOff + o * oh * ow;
      boolean real = o < p.oc;
      for (int k = 0, at = (o / MR) * MR * kc + o % MR, ty = t0 / tilesW, tx = t0 % tilesW; k < kc; k++, at += MR) {
        float a = 0f, b = 0f, c = 0f, d = 0f;
        if (real) {
          int y = 2 * ty, x = 2 * tx, row = plane + y * ow + x;
          boolean right = x + 1 < ow, down = y + 1 < oh;
          a = dy[row];
          if (right && down) {
            b = dy[row + 1];
            c = dy[row + ow];
            d = dy[row + ow + 1];
          } else {
            b = right ? dy[row + 1] : 0f;
            c = down ? dy[row + ow] : 0f;
          }
        }
        if (++tx == tilesW) {
          tx = 0;
          ty++;
        }
        float r10 = a + c, r11 = b + d, r20 = a - c, r21 = b - d, r30 = -c, r31 = -d;
        pa[at] = a;
        pa[at + as] = a + b;
        pa[at + 2 * as] = a - b;
        pa[at + 3 * as] = -b;
        pa[at + 4 * as] = r10;
        pa[at + 5 * as] = r10 + r11;
        pa[at + 6 * as] = r10 - r11;
        pa[at + 7 * as] = -r11;
        pa[at + 8 * as] = r20;
        pa[at + 9 * as] = r20 + r21;
        pa[at + 10 * as] = r20 - r21;
        pa[at + 11 * as] = -r21;
        pa[at + 12 * as] = r30;
        pa[at + 13 * as] = r30 + r31;
        pa[at + 14 * as] = r30 - r31;
        pa[at + 15 * as] = -r31;
      }
    }
  }

  /**
   * The scalar twin of one ξ's {@code macroKernel}: {@code w[o][ci] (+)= Σ_k pa(o, k)·pb(k, ci)}
   * over the packed operands of one k-block, an FMA chain from zero in k order, then stored
   * ({@code store}) or added.
   */
  static void weightProduct(WeightPlan p, int kc, float[] pa, int ao, float[] pb, int bo, float[] w, int wo,
      boolean store) {
    int nr = p.nr;
    for (int o = 0; o < p.oc; o++) {
      int ar = ao + (o / MR) * MR * kc + o % MR;
      for (int ci = 0; ci < p.c; ci++) {
        int br = bo + (ci / nr) * nr * kc + ci % nr;
        float acc = 0f;
        for (int k = 0; k < kc; k++) {
          acc = Math.fma(pa[ar + k * MR], pb[br + k * nr], acc);
        }
        int at = wo + o * p.c + ci;
        w[at] = store ? acc : w[at] + acc;
      }
    }
  }

  /** {@link #weightGrad(WeightPlan, WeightScratch, float[], int, float[], int, float[], int, boolean, boolean)} in float64. */
  public static void weightGrad(WeightPlan p, WeightScratch s, double[] x, int xOff, double[] dy, int dyOff,
      double[] partial, int pOff, boolean first, boolean simd) {
    if (simd) {
      toChannelsLast(x, xOff, p.c, p.ih, p.iw, p.top, p.left, s.xhD, p.sH, p.sW, p.cP);
    }
    int xs = p.oc * p.c;
    for (int b = 0; b < p.blocks; b++) {
      int t0 = p.blockStart(b), kc = p.blockStart(b + 1) - t0;
      boolean store = first && b == 0;
      if (simd) {
        SimdWinograd.weightOutput(p.oc, p.mPad, p.oh, p.ow, p.tilesW, t0, kc, dy, dyOff, s.gD, s.paD, p.aStride);
        SimdWinograd.weightInput(p.cP, p.cPad, p.sW, p.tilesW, p.nr, t0, kc, s.xhD, s.pbD, p.bStride);
        for (int xi = 0; xi < 16; xi++) {
          SimdDgemm.macroKernel(p.oc, p.c, kc, s.paD, xi * p.aStride, s.pbD, xi * p.bStride,
              partial, pOff + xi * xs, p.c, store, s.tileD, 0);
        }
      } else {
        weightOutput(p, dy, dyOff, t0, kc, s.paD);
        weightInput(p, x, xOff, t0, kc, s.pbD);
        for (int xi = 0; xi < 16; xi++) {
          weightProduct(p, kc, s.paD, xi * p.aStride, s.pbD, xi * p.bStride, partial, pOff + xi * xs, store);
        }
      }
    }
  }

  /** {@link #toChannelsLast(float[], int, int, int, int, int, int, float[], int, int, int)} in float64. */
  static void toChannelsLast(double[] src, int off, int channels, int height, int width, int top, int left,
      double[] h, int hH, int hW, int cP) {
    int x0 = Math.max(0, -left), x1 = Math.min(width, hW - left), plane = height * width;
    for (int y = Math.max(0, -top); y < Math.min(height, hH - top); y++) {
      int row = (y + top) * hW + left;
      int ci = 0;
      for (; ci + 8 <= channels; ci += 8) {
        int q = off + ci * plane + y * width;
        for (int x = x0; x < x1; x++) {
          int d = (row + x) * cP + ci, e = q + x;
          h[d] = src[e];
          h[d + 1] = src[e + plane];
          h[d + 2] = src[e + 2 * plane];
          h[d + 3] = src[e + 3 * plane];
          h[d + 4] = src[e + 4 * plane];
          h[d + 5] = src[e + 5 * plane];
          h[d + 6] = src[e + 6 * plane];
          h[d + 7] = src[e + 7 * plane];
        }
      }
      for (; ci < channels; ci++) {
        int q = off + ci * plane + y * width;
        for (int x = x0; x < x1; x++) {
          h[(row + x) * cP + ci] = src[q + x];
        }
      }
    }
  }

  /** {@link #weightInput(WeightPlan, float[], int, int, int, float[])} in float64. */
  static void weightInput(WeightPlan p, double[] x, int xOff, int t0, int kc, double[] pb) {
    double[] d = new double[16];
    int bs = p.bStride, nr = p.nr;
    for (int k = 0; k < kc; k++) {
      int tile = t0 + k, y0 = 2 * (tile / p.tilesW) - p.top, x0 = 2 * (tile % p.tilesW) - p.left;
      for (int ci = 0; ci < p.cPad; ci++) {
        int o = (ci / nr) * nr * kc + k * nr + ci % nr;
        if (ci >= p.c) {
          for (int xi = 0; xi < 16; xi++) {
            pb[o + xi * bs] = 0.0;
          }
          continue;
        }
        int plane = xOff + ci * p.ih * p.iw;
        for (int i = 0; i < 4; i++) {
          int y = y0 + i;
          for (int j = 0; j < 4; j++) {
            int xx = x0 + j;
            d[4 * i + j] = y >= 0 && y < p.ih && xx >= 0 && xx < p.iw ? x[plane + y * p.iw + xx] : 0.0;
          }
        }
        for (int j = 0; j < 4; j++) {
          double r0 = d[j] - d[8 + j], r1 = d[4 + j] + d[8 + j], r2 = d[8 + j] - d[4 + j], r3 = d[4 + j] - d[12 + j];
          d[j] = r0;
          d[4 + j] = r1;
          d[8 + j] = r2;
          d[12 + j] = r3;
        }
        for (int i = 0; i < 4; i++) {
          double c0 = d[4 * i], c1 = d[4 * i + 1], c2 = d[4 * i + 2], c3 = d[4 * i + 3];
          pb[o + (4 * i) * bs] = c0 - c2;
          pb[o + (4 * i + 1) * bs] = c1 + c2;
          pb[o + (4 * i + 2) * bs] = c2 - c1;
          pb[o + (4 * i + 3) * bs] = c1 - c3;
        }
      }
    }
  }

  /** {@link #weightOutput(WeightPlan, float[], int, int, int, float[])} in float64. */
  static void weightOutput(WeightPlan p, double[] dy, int dyOff, int t0, int kc, double[] pa) {
    int as = p.aStride, ow = p.ow, oh = p.oh, tilesW = p.tilesW;
    for (int o = 0; o < p.mPad; o++) {
      int plane = dyOff + o * oh * ow;
      boolean real = o < p.oc;
      for (int k = 0, at = (o / MR) * MR * kc + o % MR, ty = t0 / tilesW, tx = t0 % tilesW; k < kc; k++, at += MR) {
        double a = 0.0, b = 0.0, c = 0.0, d = 0.0;
        if (real) {
          int y = 2 * ty, x = 2 * tx, row = plane + y * ow + x;
          boolean right = x + 1 < ow, down = y + 1 < oh;
          a = dy[row];
          if (right && down) {
            b = dy[row + 1];
            c = dy[row + ow];
            d = dy[row + ow + 1];
          } else {
            b = right ? dy[row + 1] : 0.0;
            c = down ? dy[row + ow] : 0.0;
          }
        }
        if (++tx == tilesW) {
          tx = 0;
          ty++;
        }
        double r10 = a + c, r11 = b + d, r20 = a - c, r21 = b - d, r30 = -c, r31 = -d;
        pa[at] = a;
        pa[at + as] = a + b;
        pa[at + 2 * as] = a - b;
        pa[at + 3 * as] = -b;
        pa[at + 4 * as] = r10;
        pa[at + 5 * as] = r10 + r11;
        pa[at + 6 * as] = r10 - r11;
        pa[at + 7 * as] = -r11;
        pa[at + 8 * as] = r20;
        pa[at + 9 * as] = r20 + r21;
        pa[at + 10 * as] = r20 - r21;
        pa[at + 11 * as] = -r21;
        pa[at + 12 * as] = r30;
        pa[at + 13 * as] = r30 + r31;
        pa[at + 14 * as] = r30 - r31;
        pa[at + 15 * as] = -r31;
      }
    }
  }

  /** {@link #weightProduct(WeightPlan, int, float[], int, float[], int, float[], int, boolean)} in float64. */
  static void weightProduct(WeightPlan p, int kc, double[] pa, int ao, double[] pb, int bo, double[] w, int wo,
      boolean store) {
    int nr = p.nr;
    for (int o = 0; o < p.oc; o++) {
      int ar = ao + (o / MR) * MR * kc + o % MR;
      for (int ci = 0; ci < p.c; ci++) {
        int br = bo + (ci / nr) * nr * kc + ci % nr;
        double acc = 0.0;
        for (int k = 0; k < kc; k++) {
          acc = Math.fma(pa[ar + k * MR], pb[br + k * nr], acc);
        }
        int at = wo + o * p.c + ci;
        w[at] = store ? acc : w[at] + acc;
      }
    }
  }
}
