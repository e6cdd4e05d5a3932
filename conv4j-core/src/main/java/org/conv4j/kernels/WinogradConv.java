package org.conv4j.kernels;

import org.conv4j.kernels.simd.SimdDgemm;
import org.conv4j.kernels.simd.SimdSgemm;
import org.conv4j.kernels.simd.SimdWinograd;

/**
 * Winograd F(2×2, 3×3) convolution (Lavin and Gray, "Fast Algorithms for Convolutional Neural
 * Networks", CVPR 2016) for 2-D, 3×3, stride-1, undilated, single-group problems: each 2×2 block of
 * output of one output channel costs 16 multiplies per input channel instead of 36.
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
 * <p>The input gradient of such a convolution is the same computation on the output gradient with
 * the weight transposed and flipped and the source shifted by {@code 2 − padding}
 * ({@link Plan#inputGrad}). Single-threaded per call; callers parallelise over (example, range of
 * tiles), each output element being computed by one call in an order that does not depend on the
 * range, so any thread count gives the same bits.
 */
public final class WinogradConv {
  /** GEMM panels of tiles per block (float32: 24 tiles a panel, float64: 12). */
  static final int PANELS = Math.max(1, Integer.getInteger("conv4j.winogradPanels", 2));
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

    private Plan(boolean f32, int inC, int outC, int inH, int inW, int outH, int outW, int top, int left, double[] u) {
      this.f32 = f32;
      this.inC = inC;
      this.outC = outC;
      this.inH = inH;
      this.inW = inW;
      this.outH = outH;
      this.outW = outW;
      this.top = top;
      this.left = left;
      this.tilesH = (outH + 1) / 2;
      this.tilesW = (outW + 1) / 2;
      this.nr = f32 ? NR_F : NR_D;
      this.block = PANELS * nr;
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
          uPackedF = new float[16 * packSize];
          float[] tmp = new float[packSize];
          for (int xi = 0; xi < 16; xi++) {
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
          uPackedD = new double[16 * packSize];
          double[] tmp = new double[packSize];
          for (int xi = 0; xi < 16; xi++) {
            SimdDgemm.packAll(false, uD, xi * outC * inC, inC, outC, inC, tmp);
            System.arraycopy(tmp, 0, uPackedD, xi * packSize, packSize);
          }
        } else {
          uPackedD = null;
        }
      }
    }

    /** The forward pass of {@code g} with weight {@code w[wo:] (oc, c, 3, 3)}, not modified. */
    public static Plan forward(ConvShape g, float[] w, int wo) {
      check(g);
      return new Plan(true, g.c(), g.oc(), g.ih(), g.iw(), g.oh(), g.ow(), g.ph(), g.pw(),
          filter(g.oc(), g.c(), (o, ci, ab) -> w[wo + (o * g.c() + ci) * 9 + ab]));
    }

    /** {@link #forward(ConvShape, float[], int)} in float64. */
    public static Plan forward(ConvShape g, double[] w, int wo) {
      check(g);
      return new Plan(false, g.c(), g.oc(), g.ih(), g.iw(), g.oh(), g.ow(), g.ph(), g.pw(),
          filter(g.oc(), g.c(), (o, ci, ab) -> w[wo + (o * g.c() + ci) * 9 + ab]));
    }

    /**
     * The input gradient of {@code g}: source = the output gradient {@code (oc, oh, ow)} shifted by
     * {@code 2 − padding}, filter = the weight transposed and flipped, output = {@code (c, ih, iw)}.
     */
    public static Plan inputGrad(ConvShape g, float[] w, int wo) {
      check(g);
      return new Plan(true, g.oc(), g.c(), g.oh(), g.ow(), g.ih(), g.iw(), 2 - g.ph(), 2 - g.pw(),
          filter(g.c(), g.oc(), (ci, o, ab) -> w[wo + (o * g.c() + ci) * 9 + 8 - ab]));
    }

    /** {@link #inputGrad(ConvShape, float[], int)} in float64. */
    public static Plan inputGrad(ConvShape g, double[] w, int wo) {
      check(g);
      return new Plan(false, g.oc(), g.c(), g.oh(), g.ow(), g.ih(), g.iw(), 2 - g.ph(), 2 - g.pw(),
          filter(g.c(), g.oc(), (ci, o, ab) -> w[wo + (o * g.c() + ci) * 9 + 8 - ab]));
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
      int v = 16 * p.inC * p.block, m = 16 * p.outC * p.block;
      int h = READY ? p.inC * (2 * p.tilesH + 2) * 2 * (p.tilesW + 1) : 0;
      if (p.f32) {
        vF = new float[v];
        mF = new float[m];
        tileF = new float[MR * p.nr];
        gF = new float[16 * p.block];
        hF = new float[h];
        vD = mD = tileD = gD = hD = null;
      } else {
        vD = new double[v];
        mD = new double[m];
        tileD = new double[MR * p.nr];
        gD = new double[16 * p.block];
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
    int T = p.block, inC = p.inC, outC = p.outC, nr = p.nr;
    int ty0 = t0 / p.tilesW, hRows = t1 > t0 ? 2 * ((t1 - 1) / p.tilesW + 1 - ty0) + 2 : 0;
    if (simd) {
      split(p, in, inOff, ty0, hRows, s.hF);
    }
    for (int b0 = t0; b0 < t1; b0 += T) {
      int nt = Math.min(T, t1 - b0);
      if (simd) {
        SimdWinograd.inputTransform(p.inC, hRows, p.tilesW + 1, ty0, p.tilesW, nr, T, s.hF, b0, nt, s.gF, s.vF);
      } else {
        inputTransform(p, in, inOff, b0, nt, s.vF);
      }
      for (int xi = 0; xi < 16; xi++) {
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
      if (simd) {
        SimdWinograd.outputTransform(outC, p.outH, p.outW, p.tilesW, T, s.mF, b0, nt, s.gF, out, outOff, bias, bo);
      } else {
        outputTransform(p, s.mF, b0, nt, out, outOff, bias, bo);
      }
    }
  }

  /** {@link #run(Plan, Scratch, float[], int, float[], int, float[], int, int, int, boolean)} in float64. */
  public static void run(Plan p, Scratch s, double[] in, int inOff, double[] out, int outOff, double[] bias, int bo,
      int t0, int t1, boolean simd) {
    int T = p.block, inC = p.inC, outC = p.outC, nr = p.nr;
    int ty0 = t0 / p.tilesW, hRows = t1 > t0 ? 2 * ((t1 - 1) / p.tilesW + 1 - ty0) + 2 : 0;
    if (simd) {
      split(p, in, inOff, ty0, hRows, s.hD);
    }
    for (int b0 = t0; b0 < t1; b0 += T) {
      int nt = Math.min(T, t1 - b0);
      if (simd) {
        SimdWinograd.inputTransform(p.inC, hRows, p.tilesW + 1, ty0, p.tilesW, nr, T, s.hD, b0, nt, s.gD, s.vD);
      } else {
        inputTransform(p, in, inOff, b0, nt, s.vD);
      }
      for (int xi = 0; xi < 16; xi++) {
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
      if (simd) {
        SimdWinograd.outputTransform(outC, p.outH, p.outW, p.tilesW, T, s.mD, b0, nt, s.gD, out, outOff, bias, bo);
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
   * {@code j mod 2}, column {@code tx + j/2}: consecutive tiles read consecutive elements.
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
        for (int k = 0; k < hW; k++) {
          int x = 2 * k - p.left;
          h[e + k] = x >= 0 && x < inW ? in[row + x] : 0f;
          h[o + k] = x + 1 >= 0 && x + 1 < inW ? in[row + x + 1] : 0f;
        }
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
        for (int k = 0; k < hW; k++) {
          int x = 2 * k - p.left;
          h[e + k] = x >= 0 && x < inW ? in[row + x] : 0.0;
          h[o + k] = x + 1 >= 0 && x + 1 < inW ? in[row + x + 1] : 0.0;
        }
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
}
