package org.conv4j.kernels;

import java.util.Arrays;
import org.conv4j.kernels.simd.SimdImplicitConv;

/**
 * Implicit-GEMM convolution for 2-D, stride-1 float32 problems with wide output rows (the ResNet
 * layer: 64×56×56 → 64×56×56 by 3×3, padding 1): no column matrix, no packing of it.
 *
 * <p>Scheme. The source planes of one example are copied once into zero-haloed planes of
 * {@code srcH × srcW} (the input shifted by the padding for the forward pass; the output gradient
 * shifted by {@code (k − 1)·d − p} for the input gradient, which for stride 1 is the forward
 * correlation of the gradient with the flipped, transposed weight). In those planes output
 * {@code (y, x)} sits at the flat position {@code q = y·srcW + x}, and tap {@code r} of output
 * {@code q} reads {@code src[q + off[r]]} with one offset per tap, whatever the padding and
 * dilation. Columns {@code q} therefore run contiguously across rows; the {@code (k − 1)·d}
 * positions at the end of each row are computed and dropped (their share of the work,
 * {@code (kw − 1)·dw / srcW}, is why the selection asks for wide rows). A tile of 2 output channels
 * × 32 consecutive positions is one register block of the vector kernel
 * ({@link SimdImplicitConv#tile}), summed over a block of taps of whole source channels, so the
 * source rows of a tile stay in L1 while every pair of output channels passes over them.
 *
 * <p>The weight gradient keeps a partial gradient per fixed chunk of the batch in the layout
 * {@code [group][tap][output channel]} and adds, for every valid output position in order, the
 * product of the output gradient (transposed per row block into position-major order, so a vector
 * holds 16 output channels) with the broadcast source value of each tap
 * ({@link SimdImplicitConv#weightSweep}).
 *
 * <p>Rounding: the forward pass and the input gradient sum each tap block as one {@link Math#fma}
 * chain from zero in tap order, then add the blocks in order; the weight gradient is one FMA chain
 * per chunk over the chunk's positions in order. The scalar twins here ({@code simd = false}) use
 * the same order, so both give the same bits (tested); the results differ from the other
 * algorithms by rounding only. Single-threaded per call; callers parallelise over examples (forward,
 * input gradient) and over fixed chunks of the batch (weight gradient).
 */
public final class ImplicitConv {
  /** Positions of one tile: {@link SimdImplicitConv#NR} (24 with 8-lane vectors). */
  static final int NR = 24;
  /** Output channels of one tile. */
  static final int MR = 3;
  /** Positions of one tile of a single-output-channel plan ({@link SimdImplicitConv#tile1}). */
  static final int NR1 = 64;
  /** Zeros after the last source plane: the widest tile's overhang. */
  static final int SLACK = NR1;
  /** Output channels of one weight-gradient sweep. */
  static final int OB = 16;
  /** Taps of one weight-gradient sweep. */
  static final int TB = 4;
  /** Target taps per block of the forward tile loop (rounded to whole source channels). */
  static final int TAP_BLOCK = Math.max(1, Integer.getInteger("conv4j.implicitTaps", 144));

  private ImplicitConv() {}

  /** Whether this kernel family handles {@code g}: 2-D (depth 1) and stride 1 on every axis. */
  public static boolean supports(ConvShape g) {
    return g.id() == 1 && g.kd() == 1 && g.od() == 1 && g.sh() == 1 && g.sw() == 1;
  }

  /**
   * Whether the vector kernels run here: the SIMD kernels are on, the species has the 8 lanes this
   * tiling is written for, and {@code -Dconv4j.implicitConv=false} (for comparisons) is not set.
   */
  public static boolean vectorReady() {
    return READY;
  }

  private static final boolean READY = Blas.SIMD
      && !"false".equalsIgnoreCase(System.getProperty("conv4j.implicitConv", "true").trim())
      && SimdImplicitConv.lanes() * 3 == NR && SimdImplicitConv.lanes() * 8 == NR1 && SimdImplicitConv.MR == MR;

  /**
   * Floats of one worker's haloed source (the larger of the two directions) for {@code g}:
   * the figure the selection bounds.
   */
  public static long sourceElements(ConvShape g) {
    long fwd = (long) g.c() * (g.oh() + (long) (g.kh() - 1) * g.dh()) * (g.ow() + (long) (g.kw() - 1) * g.dw());
    long bwd = (long) g.oc() * (g.ih() + (long) (g.kh() - 1) * g.dh()) * (g.iw() + (long) (g.kw() - 1) * g.dw());
    return Math.max(fwd, bwd) + SLACK;
  }

  /**
   * One direction of the convolution as an implicit GEMM per group: {@code out[grp·m + i, q] =
   * Σ_r A_grp[i][r] · src[grp·srcCh·srcPlane + q + off[r]]}.
   */
  public static final class Plan {
    final int groups, m, mPad, srcCh, k, kBlock, srcH, srcW, srcPlane, outH, outW, nq;
    final int inH, inW, top, left;
    final int[] off;
    /** Per group: MR-row panels, each {@code k × MR} tap-major. */
    final float[] packed;

    private Plan(int groups, int m, int srcCh, int kh, int kw, int dh, int dw, int inH, int inW, int top, int left,
        int outH, int outW) {
      this.groups = groups;
      this.m = m;
      this.mPad = (m + MR - 1) / MR * MR;
      this.srcCh = srcCh;
      this.k = srcCh * kh * kw;
      this.kBlock = Math.max(1, TAP_BLOCK / (kh * kw)) * kh * kw;
      this.outH = outH;
      this.outW = outW;
      this.srcH = outH + (kh - 1) * dh;
      this.srcW = outW + (kw - 1) * dw;
      this.srcPlane = srcH * srcW;
      this.nq = (outH - 1) * srcW + outW;
      this.inH = inH;
      this.inW = inW;
      this.top = top;
      this.left = left;
      off = new int[k];
      for (int ci = 0, r = 0; ci < srcCh; ci++) {
        for (int a = 0; a < kh; a++) {
          for (int b = 0; b < kw; b++, r++) {
            off[r] = ci * srcPlane + a * dh * srcW + b * dw;
          }
        }
      }
      packed = new float[groups * mPad * k];
    }

    /** The forward pass: A = the weight {@code (ocg × cg·kh·kw)}, source = the input padded by the padding. */
    public static Plan forward(ConvShape g, float[] w, int wo) {
      Plan p = new Plan(g.groups(), g.ocg(), g.cg(), g.kh(), g.kw(), g.dh(), g.dw(), g.ih(), g.iw(), g.ph(), g.pw(),
          g.oh(), g.ow());
      for (int grp = 0; grp < g.groups(); grp++) {
        for (int i = 0; i < p.m; i++) {
          int src = wo + (grp * p.m + i) * p.k;
          int dst = grp * p.mPad * p.k + (i / MR) * p.k * MR + i % MR;
          for (int r = 0; r < p.k; r++) {
            p.packed[dst + r * MR] = w[src + r];
          }
        }
      }
      return p;
    }

    /**
     * The input gradient: A = the weight transposed per group and flipped {@code (cg × ocg·kh·kw)},
     * source = the output gradient shifted by {@code (k − 1)·d − p}.
     */
    public static Plan inputGrad(ConvShape g, float[] w, int wo) {
      int kh = g.kh(), kw = g.kw(), kk = kh * kw;
      Plan p = new Plan(g.groups(), g.cg(), g.ocg(), kh, kw, g.dh(), g.dw(), g.oh(), g.ow(),
          (kh - 1) * g.dh() - g.ph(), (kw - 1) * g.dw() - g.pw(), g.ih(), g.iw());
      int cg = g.cg(), ocg = g.ocg();
      for (int grp = 0; grp < g.groups(); grp++) {
        for (int ci = 0; ci < cg; ci++) {
          int dst = grp * p.mPad * p.k + (ci / MR) * p.k * MR + ci % MR;
          for (int o = 0, r = 0; o < ocg; o++) {
            int src = wo + ((grp * ocg + o) * cg + ci) * kk;
            for (int a = 0; a < kh; a++) {
              for (int b = 0; b < kw; b++, r++) {
                p.packed[dst + r * MR] = w[src + (kh - 1 - a) * kw + (kw - 1 - b)];
              }
            }
          }
        }
      }
      return p;
    }

    /** The weight-gradient layout: source as {@link #forward}, no packed weight needed. */
    public static Plan weightGrad(ConvShape g) {
      return new Plan(g.groups(), g.ocg(), g.cg(), g.kh(), g.kw(), g.dh(), g.dw(), g.ih(), g.iw(), g.ph(), g.pw(),
          g.oh(), g.ow());
    }

    /** Flat positions of the output plane in source coordinates (the columns to compute). */
    public int positions() {
      return nq;
    }

    /** Positions per tile: {@value ImplicitConv#NR}, or {@value ImplicitConv#NR1} for one output channel. */
    public int tileWidth() {
      return m == 1 ? NR1 : NR;
    }

    /** Tiles of {@link #tileWidth()} positions. */
    public int tiles() {
      return (nq + tileWidth() - 1) / tileWidth();
    }

    int sourceLength() {
      return groups * srcCh * srcPlane + SLACK;
    }

    int rowsPerSweep() {
      return Math.max(1, Math.min(outH, 128 / outW));
    }

    int ocPad() {
      return (m + OB - 1) / OB * OB;
    }

    int tapsPad() {
      return (k + TB - 1) / TB * TB;
    }

    /** Floats of a weight-gradient partial: {@code groups × tapsPad × ocPad}. */
    public int partialSize() {
      return groups * tapsPad() * ocPad();
    }
  }

  /** Per-worker buffers. */
  public static final class Scratch {
    final float[] src, acc, dyT;
    final int[] offPad;

    public Scratch(Plan p) {
      src = new float[p.sourceLength()];
      acc = new float[Math.max(p.mPad * NR, NR1)];
      dyT = new float[p.rowsPerSweep() * p.outW * p.ocPad()];
      offPad = Arrays.copyOf(p.off, p.tapsPad());
    }
  }

  /**
   * Copies {@code ch} planes {@code inH × inW} from {@code in[inOff]} into {@code dst} as planes
   * {@code dH × dW} with the input's {@code (0, 0)} at {@code (top, left)} (either may be negative:
   * the input is then cropped), zeros elsewhere, and {@link #SLACK} zeros after the last plane.
   */
  static void pad(float[] in, int inOff, int ch, int inH, int inW, float[] dst, int dH, int dW, int top, int left) {
    int c0 = Math.max(0, left), c1 = Math.min(dW, left + inW);
    for (int c = 0; c < ch; c++) {
      for (int y = 0; y < dH; y++) {
        int d = (c * dH + y) * dW;
        int sy = y - top;
        if (sy < 0 || sy >= inH || c0 >= c1) {
          Arrays.fill(dst, d, d + dW, 0f);
        } else {
          Arrays.fill(dst, d, d + c0, 0f);
          System.arraycopy(in, inOff + (c * inH + sy) * inW + (c0 - left), dst, d + c0, c1 - c0);
          Arrays.fill(dst, d + c1, d + dW, 0f);
        }
      }
    }
    Arrays.fill(dst, ch * dH * dW, ch * dH * dW + SLACK, 0f);
  }

  /**
   * One example: {@code out[o, y, x] = Σ_r A[o][r]·src[…]} (+ {@code bias[bOff + o]} when bias is
   * not null) for the tiles {@code [t0, t1)} of every group; {@code out} is overwritten there.
   *
   * @param in the source tensor's example ({@code groups·srcCh} planes {@code inH × inW}), not modified
   * @param out the example's output ({@code groups·m} planes {@code outH × outW}), modified
   */
  public static void run(Plan p, Scratch s, float[] in, int inOff, float[] out, int outOff, float[] bias, int bOff,
      int t0, int t1, boolean simd) {
    pad(in, inOff, p.groups * p.srcCh, p.inH, p.inW, s.src, p.srcH, p.srcW, p.top, p.left);
    int outPlane = p.outH * p.outW;
    for (int grp = 0; grp < p.groups; grp++) {
      int sg = grp * p.srcCh * p.srcPlane, pg = grp * p.mPad * p.k;
      if (p.m == 1) {
        // One output channel: tiles of one row × eight vectors.
        for (int t = t0; t < t1; t++) {
          int q0 = t * NR1;
          for (int k0 = 0; k0 < p.k; k0 += p.kBlock) {
            int kb = Math.min(p.kBlock, p.k - k0);
            if (simd) {
              SimdImplicitConv.tile1(kb, p.packed, pg + k0 * MR, p.off, k0, s.src, sg + q0, s.acc, 0, k0 == 0);
            } else {
              tile1(kb, p.packed, pg + k0 * MR, p.off, k0, s.src, sg + q0, s.acc, 0, k0 == 0);
            }
          }
          writeOut(p, s.acc, NR1, q0, out, outOff + grp * outPlane, outPlane, bias, bias == null ? 0 : bOff + grp);
        }
        continue;
      }
      for (int t = t0; t < t1; t++) {
        int q0 = t * NR;
        for (int k0 = 0; k0 < p.k; k0 += p.kBlock) {
          int kb = Math.min(p.kBlock, p.k - k0);
          for (int ir = 0; ir < p.mPad; ir += MR) {
            int ao = pg + ir * p.k + k0 * MR;
            if (simd) {
              SimdImplicitConv.tile(kb, p.packed, ao, p.off, k0, s.src, sg + q0, s.acc, ir * NR, k0 == 0);
            } else {
              tile(kb, p.packed, ao, p.off, k0, s.src, sg + q0, s.acc, ir * NR, k0 == 0);
            }
          }
        }
        writeOut(p, s.acc, NR, q0, out, outOff + grp * p.m * outPlane, outPlane, bias, bias == null ? 0 : bOff + grp * p.m);
      }
    }
  }

  /** Scalar twin of {@link SimdImplicitConv#tile}: the same FMA chains in the same order. */
  static void tile(int kb, float[] pa, int ao, int[] off, int k0, float[] src, int sBase, float[] acc, int accOff,
      boolean first) {
    for (int i = 0; i < MR; i++) {
      for (int j = 0; j < NR; j++) {
        float c = 0f;
        for (int p = 0; p < kb; p++) {
          c = Math.fma(pa[ao + p * MR + i], src[sBase + j + off[k0 + p]], c);
        }
        int at = accOff + i * NR + j;
        acc[at] = first ? c : acc[at] + c;
      }
    }
  }

  /** Scalar twin of {@link SimdImplicitConv#tile1}. */
  static void tile1(int kb, float[] pa, int ao, int[] off, int k0, float[] src, int sBase, float[] acc, int accOff,
      boolean first) {
    for (int j = 0; j < NR1; j++) {
      float c = 0f;
      for (int p = 0; p < kb; p++) {
        c = Math.fma(pa[ao + p * MR], src[sBase + j + off[k0 + p]], c);
      }
      acc[accOff + j] = first ? c : acc[accOff + j] + c;
    }
  }

  /**
   * Copies the valid columns of the tile at {@code q0} ({@code width} positions, row {@code i} at
   * {@code acc[i·width]}) to {@code out}, plus the bias.
   */
  private static void writeOut(Plan p, float[] acc, int width, int q0, float[] out, int outOff, int outPlane, float[] bias,
      int bOff) {
    int q1 = Math.min(p.nq, q0 + width);
    for (int q = q0; q < q1; ) {
      int y = q / p.srcW, x = q - y * p.srcW;
      int rowEnd = Math.min(q1, q + p.srcW - x);
      int n = Math.min(rowEnd - q, p.outW - x);
      if (n > 0) {
        int src = q - q0, dst = outOff + y * p.outW + x;
        for (int i = 0; i < p.m; i++, src += width, dst += outPlane) {
          if (bias == null) {
            System.arraycopy(acc, src, out, dst, n);
          } else {
            float b = bias[bOff + i];
            for (int j = 0; j < n; j++) {
              out[dst + j] = acc[src + j] + b;
            }
          }
        }
      }
      q = rowEnd;
    }
  }

  /**
   * Weight gradient of one example added into a partial {@code part[partOff:]} laid out
   * {@code [group][tap (padded to 4)][output channel (padded to 16)]}: for every valid output
   * position in order, {@code part[r][o] = fma(dy[o, pos], src[pos + off[r]], part[r][o])}.
   *
   * @param x the example's input, not modified
   * @param dy the example's output gradient, not modified
   */
  public static void weightGrad(Plan p, Scratch s, float[] x, int xOff, float[] dy, int dyOff, float[] part, int partOff,
      boolean simd) {
    pad(x, xOff, p.groups * p.srcCh, p.inH, p.inW, s.src, p.srcH, p.srcW, p.top, p.left);
    int outPlane = p.outH * p.outW, ldd = p.ocPad(), tp = p.tapsPad(), rb = p.rowsPerSweep();
    float[] t = s.dyT;
    for (int grp = 0; grp < p.groups; grp++) {
      int sg = grp * p.srcCh * p.srcPlane, pg = partOff + grp * tp * ldd;
      for (int y0 = 0; y0 < p.outH; y0 += rb) {
        int rows = Math.min(rb, p.outH - y0), npos = rows * p.outW;
        // dyT[pos][o] for the rows [y0, y0 + rows), zero past m.
        for (int o = 0; o < p.m; o++) {
          int src = dyOff + (grp * p.m + o) * outPlane + y0 * p.outW;
          for (int q = 0, d = o; q < npos; q++, d += ldd) {
            t[d] = dy[src + q];
          }
        }
        for (int o = p.m; o < ldd; o++) {
          for (int q = 0, d = o; q < npos; q++, d += ldd) {
            t[d] = 0f;
          }
        }
        int sb = sg + y0 * p.srcW;
        for (int ob = 0; ob < ldd; ob += OB) {
          for (int r0 = 0; r0 < tp; r0 += TB) {
            if (simd) {
              SimdImplicitConv.weightSweep(rows, p.outW, p.srcW, t, ob, ldd, s.src, sb, s.offPad, r0, part, pg + r0 * ldd + ob, ldd);
            } else {
              weightSweep(rows, p.outW, p.srcW, t, ob, ldd, s.src, sb, s.offPad, r0, part, pg + r0 * ldd + ob, ldd);
            }
          }
        }
      }
    }
  }

  /** Scalar twin of {@link SimdImplicitConv#weightSweep}. */
  static void weightSweep(int rows, int width, int srcW, float[] dyT, int dyOff, int ldd, float[] src, int sBase,
      int[] off, int r0, float[] part, int partOff, int ldp) {
    for (int tap = 0; tap < TB; tap++) {
      int so = off[r0 + tap];
      for (int o = 0; o < OB; o++) {
        int at = partOff + tap * ldp + o;
        float acc = part[at];
        int d = dyOff + o;
        for (int row = 0; row < rows; row++) {
          int s = sBase + row * srcW + so;
          for (int q = 0; q < width; q++, d += ldd) {
            acc = Math.fma(dyT[d], src[s + q], acc);
          }
        }
        part[at] = acc;
      }
    }
  }

  /**
   * {@code dw[(grp·m + o)·k + r] = Σ_ch partials[ch][grp][r][o]}, the partials added in order.
   */
  public static void combine(Plan p, float[][] partials, float[] dw, int dwOff) {
    int ldd = p.ocPad(), tp = p.tapsPad();
    for (int grp = 0; grp < p.groups; grp++) {
      for (int o = 0; o < p.m; o++) {
        for (int r = 0; r < p.k; r++) {
          int src = grp * tp * ldd + r * ldd + o;
          float acc = partials[0][src];
          for (int ch = 1; ch < partials.length; ch++) {
            acc += partials[ch][src];
          }
          dw[dwOff + (grp * p.m + o) * p.k + r] = acc;
        }
      }
    }
  }
}
