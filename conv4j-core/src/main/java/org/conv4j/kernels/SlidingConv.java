package org.conv4j.kernels;

import org.conv4j.kernels.simd.SimdSlide;

/**
 * Direct convolution for stride-1 problems with few taps per output ({@code C/groups·K} small):
 * LeNet's first layer (one input channel, 5×5), depthwise convolutions. im2col does not pay there:
 * its column matrix is {@code K} times the input for a GEMM of depth {@code C/groups·K}, too shallow
 * to amortise packing.
 *
 * <p>Scheme: the source planes are first copied into zero-padded scratch planes (the input padded
 * by the convolution's padding for the forward pass and the weight gradient, the output gradient
 * padded by the dilated kernel extent for the input gradient), so every tap of every output reads
 * in bounds. Then each output row is one sliding sum {@code dst[q] = Σ_t coef[t]·src[q + off[t]]}
 * vectorised along the row ({@link SimdSlide}, four output planes × two vectors at a time, the
 * row's last partial vector under a mask); rows narrower than a vector, and float64, run the
 * scalar {@code slide} loops here.
 *
 * <p>Rounding: the forward pass and the input gradient are one {@link Math#fma} chain per output in
 * tap order, vector or scalar, so the SIMD path and the scalar path give the same bits (the tests
 * check this). The weight gradient sums along vectors and reduces lanes, so it differs from the
 * scalar path by rounding only. Float32 accumulates in float32 (as GEMM does); float64 runs the
 * scalar loops. Single-threaded; allocates only when a {@link Scratch} grows.
 */
public final class SlidingConv {
  private SlidingConv() {}

  /** Whether this kernel handles {@code g}: stride 1 along every axis. */
  public static boolean supports(ConvShape g) {
    return g.sd() == 1 && g.sh() == 1 && g.sw() == 1;
  }

  /** Reusable per-worker scratch: padded planes and tap offsets; grows on demand. */
  public static final class Scratch {
    private float[] f = new float[0];
    private double[] d = new double[0];
    private int[] t = new int[0];
    private int[] c = new int[0];

    float[] floats(int n) {
      if (f.length < n) {
        f = new float[n];
      }
      return f;
    }

    double[] doubles(int n) {
      if (d.length < n) {
        d = new double[n];
      }
      return d;
    }

    int[] taps(int n) {
      if (t.length < n) {
        t = new int[n];
      }
      return t;
    }

    /** A second offset table, for the row kernels' kernel-column offsets next to {@link #taps}. */
    int[] cols(int n) {
      if (c.length < n) {
        c = new int[n];
      }
      return c;
    }
  }

  /** A fresh scratch. */
  public static Scratch scratch(ConvShape g) {
    return new Scratch();
  }

  /** Padded input sizes for stride 1: exactly what the output rows read, {@code out + (k − 1)·d} per axis. */
  static int[] paddedInput(ConvShape g) {
    return new int[] {g.od() + (g.kd() - 1) * g.dd(), g.oh() + (g.kh() - 1) * g.dh(), g.ow() + (g.kw() - 1) * g.dw()};
  }

  /** Padded output-gradient sizes: {@code in + p + (k − 1)·d} per axis. */
  static int[] paddedGrad(ConvShape g) {
    return new int[] {g.id() + g.pd() + (g.kd() - 1) * g.dd(), g.ih() + g.ph() + (g.kh() - 1) * g.dh(),
        g.iw() + g.pw() + (g.kw() - 1) * g.dw()};
  }

  /**
   * {@code y (oc, od, oh, ow) = conv(x, w)} for one example, overwriting {@code y}.
   *
   * @param x input {@code (c, id, ih, iw)}, not modified
   * @param w weight {@code (oc, c/groups, kd, kh, kw)}, not modified
   * @param y output, modified: overwritten
   * @param s scratch from {@link #scratch(ConvShape)}, modified
   */
  public static void forward(ConvShape g, float[] x, int xo, float[] w, int wo, float[] y, int yo, Scratch s) {
    forward(g, x, xo, w, wo, y, yo, s, Blas.SIMD);
  }

  /** As above, on the vector path only when {@code simd} (tests compare the two). */
  static void forward(ConvShape g, float[] x, int xo, float[] w, int wo, float[] y, int yo, Scratch s, boolean simd) {
    int[] pd = paddedInput(g);
    int planeP = pd[0] * pd[1] * pd[2];
    boolean rows = rowsForward(g);
    int coefLen = rows ? g.oc() * g.cg() * g.kernelSize() : 0;
    float[] xp = s.floats(g.c() * planeP + coefLen);
    padInput(g, x, xo, xp, pd);
    if (rows) {
      forwardRows(g, xp, pd, w, wo, y, yo, g.c() * planeP, s, simd);
      return;
    }
    int cg = g.cg(), ocg = g.ocg(), k = g.kernelSize(), taps = cg * k, n = g.outputPlane();
    int[] off = s.taps(taps);
    for (int ci = 0, t = 0; ci < cg; ci++) {
      for (int a = 0; a < g.kd(); a++) {
        for (int b = 0; b < g.kh(); b++) {
          for (int e = 0; e < g.kw(); e++, t++) {
            off[t] = ci * planeP + (a * g.dd() * pd[1] + b * g.dh()) * pd[2] + e * g.dw();
          }
        }
      }
    }
    for (int grp = 0; grp < g.groups(); grp++) {
      int src = grp * cg * planeP;
      for (int o = grp * ocg, end = o + ocg; o < end; o += 4) {
        int planes = Math.min(4, end - o);
        int q0 = simd ? SimdSlide.slide(planes, w, wo + o * taps, taps, taps, off, xp, src, pd[1] * pd[2], pd[2],
            y, yo + o * n, n, g.od(), g.oh(), g.ow(), false) : 0;
        slide(planes, w, wo + o * taps, taps, taps, off, xp, src, pd[1] * pd[2], pd[2],
            y, yo + o * n, n, g.od(), g.oh(), g.ow(), q0, false);
      }
    }
  }

  /**
   * Whether the float32 forward pass runs the row kernels ({@link SimdSlide#slideRows} or its
   * scalar twin, same order): 2-D (one output depth slice), undilated rows, a kernel 3 or 5 tall, at least 8 output rows,
   * output rows at least 16 wide (so a row ends on a whole vector for 8 or 16 lanes), and fewer
   * than four input channels per group (LeNet's first layer: each loaded input vector feeds up to
   * five output rows).
   */
  public static boolean rowsForward(ConvShape g) {
    return g.kd() == 1 && g.od() == 1 && g.dh() == 1 && (g.kh() == 3 || g.kh() == 5) && g.oh() >= 8 && g.ow() >= 16
        && g.cg() < 4;
  }

  /**
   * The forward pass over the padded input {@code xp} with the row kernels: per output channel,
   * {@code y[o, r, q] = Σ_{ci, b, a} w[o, ci, a, b]·xp[ci, r + a, q + b·dw]} summed in the order
   * input channel, kernel column, kernel row from the bottom ({@code a = kh − 1} first, as the
   * kernel reads its source rows). The reordered weights go to {@code xp} at {@code coefAt}.
   */
  private static void forwardRows(ConvShape g, float[] xp, int[] pd, float[] w, int wo, float[] y, int yo, int coefAt,
      Scratch s, boolean simd) {
    int cg = g.cg(), ocg = g.ocg(), k = g.kernelSize(), kh = g.kh(), kw = g.kw(), taps = cg * k, n = g.outputPlane();
    int planeP = pd[0] * pd[1] * pd[2], row = pd[2];
    // (input channel, kernel column) pairs of the row kernel: plane and column in one offset.
    int[] pairOff = s.taps(cg * kw);
    for (int ci = 0; ci < cg; ci++) {
      for (int e = 0; e < kw; e++) {
        pairOff[ci * kw + e] = ci * planeP + (kh - 1) * row + e * g.dw();
      }
    }
    for (int o = 0; o < g.oc(); o++) {
      for (int ci = 0; ci < cg; ci++) {
        for (int a = 0; a < kh; a++) {
          for (int e = 0; e < kw; e++) {
            xp[coefAt + o * taps + (ci * kw + e) * kh + kh - 1 - a] = w[wo + (o * cg + ci) * k + a * kw + e];
          }
        }
      }
    }
    for (int grp = 0; grp < g.groups(); grp++) {
      int src = grp * cg * planeP;
      for (int o = grp * ocg, end = o + ocg; o < end; o++) {
        if (simd) {
          SimdSlide.slideRows(kh, xp, coefAt + o * taps, cg * kw, pairOff, xp, src, row, g.oh(), g.ow(), y, yo + o * n, g.ow());
        } else {
          slideRows(kh, xp, coefAt + o * taps, cg * kw, pairOff, xp, src, row, g.oh(), g.ow(), y, yo + o * n, g.ow());
        }
      }
    }
  }

  /**
   * {@code dx (c, id, ih, iw) += convTranspose(dy, w)} for one example: the adjoint of
   * {@link #forward(ConvShape, float[], int, float[], int, float[], int, Scratch)}.
   *
   * @param dy {@code (oc, od, oh, ow)}, not modified
   * @param w weight, not modified
   * @param dx modified: accumulated into
   */
  public static void backwardInput(ConvShape g, float[] dy, int dyo, float[] w, int wo, float[] dx, int dxo, Scratch s) {
    backwardInput(g, dy, dyo, w, wo, dx, dxo, s, Blas.SIMD);
  }

  /** As above, on the vector path only when {@code simd} (tests compare the two). */
  static void backwardInput(ConvShape g, float[] dy, int dyo, float[] w, int wo, float[] dx, int dxo, Scratch s, boolean simd) {
    backwardInput(g, dy, dyo, w, wo, dx, dxo, s, simd, flatInputGrad(g));
  }

  /**
   * Whether the input gradient runs over flat padded rows ({@link SimdSlide#slideFlat},
   * {@link SimdSlide#slideRows}, or their scalar twins, which sum in the same order): for fewer
   * than four input channels per group, where the plane-blocked kernel has at most one or two
   * planes to share each source load with.
   */
  public static boolean flatInputGrad(ConvShape g) {
    return g.cg() < 4;
  }

  /** As above, with the flat-row kernel ({@code flat}) or the plane-blocked one; tests compare all. */
  static void backwardInput(ConvShape g, float[] dy, int dyo, float[] w, int wo, float[] dx, int dxo, Scratch s, boolean simd,
      boolean flat) {
    int[] py = paddedGrad(g);
    int planeY = py[0] * py[1] * py[2];
    int cg = g.cg(), ocg = g.ocg(), k = g.kernelSize(), taps = ocg * k, n = g.inputPlane();
    int flatLen = flat ? flatCount(g, py) : 0;
    float[] buf = s.floats(g.oc() * planeY + cg * taps + (flat ? flatLen + planeY + 16 : 0));
    int wt = g.oc() * planeY;
    padGrad(g, dy, dyo, buf, py);
    int[] off = s.taps(taps);
    int pz = (g.kd() - 1) * g.dd(), ph = (g.kh() - 1) * g.dh(), pw = (g.kw() - 1) * g.dw();
    for (int o = 0, t = 0; o < ocg; o++) {
      for (int a = 0; a < g.kd(); a++) {
        for (int b = 0; b < g.kh(); b++) {
          for (int e = 0; e < g.kw(); e++, t++) {
            off[t] = o * planeY + ((g.pd() - a * g.dd() + pz) * py[1] + g.ph() - b * g.dh() + ph) * py[2]
                + g.pw() - e * g.dw() + pw;
          }
        }
      }
    }
    if (flat) {
      backwardInputFlat(g, w, wo, dx, dxo, buf, py, off, s, simd);
      return;
    }
    for (int grp = 0; grp < g.groups(); grp++) {
      // Gather w[o, ci] for this group as one coefficient row per input channel.
      for (int ci = 0; ci < cg; ci++) {
        for (int o = 0; o < ocg; o++) {
          System.arraycopy(w, wo + ((grp * ocg + o) * cg + ci) * k, buf, wt + ci * taps + o * k, k);
        }
      }
      int src = grp * ocg * planeY;
      for (int ci = 0; ci < cg; ci += 4) {
        int planes = Math.min(4, cg - ci);
        int dst = dxo + (grp * cg + ci) * n;
        int q0 = simd ? SimdSlide.slide(planes, buf, wt + ci * taps, taps, taps, off, buf, src, py[1] * py[2], py[2],
            dx, dst, n, g.id(), g.ih(), g.iw(), true) : 0;
        slide(planes, buf, wt + ci * taps, taps, taps, off, buf, src, py[1] * py[2], py[2],
            dx, dst, n, g.id(), g.ih(), g.iw(), q0, true);
      }
    }
  }

  /**
   * Outputs of one input plane laid out with the padded gradient's row and slice strides
   * ({@code (z·py1 + r)·py2 + q}), up to the last real one, rounded up to whole vectors of 16.
   */
  static int flatCount(ConvShape g, int[] py) {
    int last = ((g.id() - 1) * py[1] + g.ih() - 1) * py[2] + g.iw();
    return (last + 15) / 16 * 16;
  }

  /**
   * The flat-row input gradient: every input plane {@code ci} is one sliding sum over the padded
   * gradient planes with the padded row stride, so a row's vectors run on into the padding columns
   * (computed and dropped) and no row has a tail; then the real columns are added to {@code dx}.
   * Per output the chain is {@link #slide}'s, so the bits equal the plane-blocked kernel's.
   * {@code buf} holds the padded planes, then the coefficient rows, then the flat output.
   */
  private static void backwardInputFlat(ConvShape g, float[] w, int wo, float[] dx, int dxo, float[] buf, int[] py, int[] off,
      Scratch s, boolean simd) {
    int planeY = py[0] * py[1] * py[2];
    int cg = g.cg(), ocg = g.ocg(), k = g.kernelSize(), taps = ocg * k, n = g.inputPlane();
    int wt = g.oc() * planeY, out = wt + cg * taps, count = flatCount(g, py);
    int kh = g.kh(), kw = g.kw();
    // Row-blocked kernel (coefficients of a kernel column in registers) for 2-D, undilated rows.
    // One output depth slice too: with depth padding (od > 1) the row kernel would read the
    // padded gradient's first slice instead of the one at the input's depth.
    boolean rows = g.kd() == 1 && g.id() == 1 && g.od() == 1 && g.dh() == 1 && SimdSlide.rowsSupported(kh, g.ih());
    int[] pairOff = null;
    if (rows) {
      // (output channel, kernel column) pairs of the row kernel: plane and column in one offset.
      pairOff = s.cols(ocg * kw);
      for (int o = 0; o < ocg; o++) {
        for (int e = 0; e < kw; e++) {
          pairOff[o * kw + e] = o * planeY + (g.ph() + kh - 1) * py[2] + g.pw() - e * g.dw() + (kw - 1) * g.dw();
        }
      }
    }
    for (int grp = 0; grp < g.groups(); grp++) {
      for (int ci = 0; ci < cg; ci++) {
        for (int o = 0; o < ocg; o++) {
          int from = wo + ((grp * ocg + o) * cg + ci) * k, to = wt + ci * taps + o * k;
          if (rows) {
            // (o, kernel column, kernel row) order, as slideRows reads them.
            for (int a = 0; a < kh; a++) {
              for (int e = 0; e < kw; e++) {
                buf[to + e * kh + a] = w[from + a * kw + e];
              }
            }
          } else {
            System.arraycopy(w, from, buf, to, k);
          }
        }
      }
      int src = grp * ocg * planeY;
      for (int ci = 0; ci < cg; ci++) {
        if (rows) {
          if (simd) {
            SimdSlide.slideRows(kh, buf, wt + ci * taps, ocg * kw, pairOff, buf, src, py[2], g.ih(), g.iw(), buf, out, py[2]);
          } else {
            slideRows(kh, buf, wt + ci * taps, ocg * kw, pairOff, buf, src, py[2], g.ih(), g.iw(), buf, out, py[2]);
          }
        } else if (simd) {
          SimdSlide.slideFlat(buf, wt + ci * taps, taps, off, buf, src, buf, out, count);
        } else {
          slideFlat(buf, wt + ci * taps, taps, off, buf, src, buf, out, count);
        }
        int dst = dxo + (grp * cg + ci) * n;
        for (int z = 0; z < g.id(); z++) {
          for (int r = 0; r < g.ih(); r++) {
            int from = out + (z * py[1] + r) * py[2], to = dst + (z * g.ih() + r) * g.iw();
            for (int q = 0; q < g.iw(); q++) {
              dx[to + q] += buf[from + q];
            }
          }
        }
      }
    }
  }

  /**
   * {@code dw += corr(x, dy)} for one example.
   *
   * @param x input, not modified
   * @param dy output gradient, not modified
   * @param dw modified: accumulated into
   */
  public static void backwardWeight(ConvShape g, float[] x, int xo, float[] dy, int dyo, float[] dw, int dwo, Scratch s) {
    backwardWeight(g, x, xo, dy, dyo, dw, dwo, s, Blas.SIMD);
  }

  /** As above, on the vector path only when {@code simd} (tests compare the two). */
  static void backwardWeight(ConvShape g, float[] x, int xo, float[] dy, int dyo, float[] dw, int dwo, Scratch s, boolean simd) {
    int[] pd = paddedInput(g);
    int planeP = pd[0] * pd[1] * pd[2];
    float[] xp = s.floats(g.c() * planeP + 4);
    int tmp = g.c() * planeP;
    padInput(g, x, xo, xp, pd);
    int cg = g.cg(), ocg = g.ocg(), k = g.kernelSize(), n = g.outputPlane();
    int ow = g.ow(), vec = simd ? ow - ow % SimdSlide.lanes() : 0;
    int srcDepth = pd[1] * pd[2], srcRow = pd[2];
    for (int grp = 0; grp < g.groups(); grp++) {
      for (int o = grp * ocg, end = o + ocg; o < end; o += 4) {
        int planes = Math.min(4, end - o);
        for (int ci = 0; ci < cg; ci++) {
          for (int a = 0, t = 0; a < g.kd(); a++) {
            for (int b = 0; b < g.kh(); b++) {
              for (int e = 0; e < g.kw(); e++, t++) {
                int src = (grp * cg + ci) * planeP + (a * g.dd() * pd[1] + b * g.dh()) * pd[2] + e * g.dw();
                if (vec > 0) {
                  SimdSlide.correlate(planes, dy, dyo + o * n, n, xp, src, srcDepth, srcRow, g.od(), g.oh(), ow, xp, tmp);
                } else {
                  java.util.Arrays.fill(xp, tmp, tmp + 4, 0f);
                }
                for (int p = 0; p < planes; p++) {
                  float acc = xp[tmp + p];
                  int ab = dyo + (o + p) * n;
                  for (int z = 0; z < g.od(); z++) {
                    for (int r = 0; r < g.oh(); r++) {
                      int sb = src + z * srcDepth + r * srcRow;
                      int rb = ab + (z * g.oh() + r) * ow;
                      for (int q = vec; q < ow; q++) {
                        acc = Math.fma(dy[rb + q], xp[sb + q], acc);
                      }
                    }
                  }
                  int d = dwo + ((o + p) * cg + ci) * k + t;
                  dw[d] += acc;
                }
              }
            }
          }
        }
      }
    }
  }

  // Weight and bias gradient as lane-wise sums over a chunk of the batch (float32, vector path).

  /** Number of taps per group rounded up to whole weight-gradient tiles. */
  static int tapsPad(ConvShape g) {
    int taps = g.cg() * g.kernelSize(), tile = SimdSlide.TILE_TAPS;
    return (taps + tile - 1) / tile * tile;
  }

  /**
   * Length of the lane accumulators of {@link #weightLanes} for {@code lanes} lanes: per group
   * {@code ocg} rounded up to even planes of {@link #tapsPad} taps, then one bias sum per output
   * channel, each {@code lanes} wide.
   */
  public static int weightLanesSize(ConvShape g, int lanes) {
    int ocgPad = g.ocg() + (g.ocg() & 1);
    return (g.groups() * ocgPad * tapsPad(g) + g.oc()) * lanes;
  }

  /** The lane width of {@link #weightLanes} on the vector path. */
  public static int laneWidth() {
    return SimdSlide.lanes();
  }

  /**
   * Adds one example's weight-gradient (and, when {@code bias}, bias-gradient) terms to the lane
   * accumulators {@code lanes} (length {@link #weightLanesSize}, zeroed by the caller at the start
   * of a chunk); {@link #reduceLanes} turns them into {@code dw} and {@code db} at the end of the
   * chunk. Lane {@code l} of the sum for output channel {@code o} and tap {@code t} is the FMA chain
   * of {@code dy[o, z, r, q]·x[…, q + tap]} over the row positions {@code q ≡ l} (mod the lane
   * width), examples in order, in each (per depth slice) every whole column vector down the rows,
   * then the rows' partial vectors: the vector path ({@link SimdSlide#weightLanes}) and
   * its scalar twin give the same bits. Unlike {@link #backwardWeight}, nothing is reduced per
   * example, which is what made that kernel slow for a single input channel.
   *
   * @param x input {@code (c, id, ih, iw)}, not modified
   * @param dy output gradient {@code (oc, od, oh, ow)}, not modified
   * @param lanes modified: accumulated into
   */
  public static void weightLanes(ConvShape g, float[] x, int xo, float[] dy, int dyo, float[] lanes, boolean bias, Scratch s,
      boolean simd) {
    int[] pd = paddedInput(g);
    int planeP = pd[0] * pd[1] * pd[2];
    float[] src;
    int srcOff;
    if (pd[0] == g.id() && pd[1] == g.ih() && pd[2] == g.iw() && g.pd() == 0 && g.ph() == 0 && g.pw() == 0) {
      src = x;
      srcOff = xo;
    } else {
      src = s.floats(g.c() * planeP);
      srcOff = 0;
      padInput(g, x, xo, src, pd);
    }
    int cg = g.cg(), ocg = g.ocg(), k = g.kernelSize(), n = g.outputPlane(), tapsPad = tapsPad(g), lw = SimdSlide.lanes();
    int ocgPad = ocg + (ocg & 1);
    int[] off = s.taps(tapsPad);
    int t = 0;
    for (int ci = 0; ci < cg; ci++) {
      for (int a = 0; a < g.kd(); a++) {
        for (int b = 0; b < g.kh(); b++) {
          for (int e = 0; e < g.kw(); e++, t++) {
            off[t] = ci * planeP + (a * g.dd() * pd[1] + b * g.dh()) * pd[2] + e * g.dw();
          }
        }
      }
    }
    for (; t < tapsPad; t++) {
      off[t] = 0;
    }
    for (int grp = 0; grp < g.groups(); grp++) {
      int aOff = dyo + grp * ocg * n, sOff = srcOff + grp * cg * planeP, accOff = grp * ocgPad * tapsPad * lw;
      if (simd) {
        SimdSlide.weightLanes(ocg, dy, aOff, n, src, sOff, pd[1] * pd[2], pd[2], g.od(), g.oh(), g.ow(), off, tapsPad,
            lanes, accOff);
      } else {
        weightLanes(ocg, dy, aOff, n, src, sOff, pd[1] * pd[2], pd[2], g.od(), g.oh(), g.ow(), off, tapsPad, lanes, accOff, lw);
      }
    }
    if (bias) {
      int base = g.groups() * ocgPad * tapsPad * lw;
      if (simd) {
        SimdSlide.planeLanes(g.oc(), dy, dyo, n, n, lanes, base);
      } else {
        planeLanes(g.oc(), dy, dyo, n, n, lanes, base, lw);
      }
    }
  }

  /** The scalar twin of {@link SimdSlide#weightLanes} with {@code lw} lanes: the same chain per lane. */
  static void weightLanes(int oc, float[] a, int aOff, int aPlane, float[] src, int srcOff, int srcDepth, int srcRow,
      int nz, int nr, int width, int[] tapOff, int tapsPad, float[] acc, int accOff, int lw) {
    int ocPad = oc + (oc & 1);
    for (int o = 0; o < ocPad; o++) {
      int ab = aOff + Math.min(o, oc - 1) * aPlane;
      for (int t = 0; t < tapsPad; t++) {
        int c = accOff + (o * tapsPad + t) * lw;
        // As the vector kernel: per depth slice, each whole column vector down the rows; then the
        // partial vectors of every row.
        int vecEnd = width - width % lw;
        for (int z = 0; z < nz; z++) {
          for (int q = 0; q < vecEnd; q += lw) {
            for (int r = 0; r < nr; r++) {
              int sb = srcOff + z * srcDepth + r * srcRow + tapOff[t] + q;
              int rb = ab + (z * nr + r) * width + q;
              for (int l = 0; l < lw; l++) {
                acc[c + l] = Math.fma(a[rb + l], src[sb + l], acc[c + l]);
              }
            }
          }
        }
        for (int z = 0; z < nz && vecEnd < width; z++) {
          for (int r = 0; r < nr; r++) {
            int sb = srcOff + z * srcDepth + r * srcRow + tapOff[t] + vecEnd;
            int rb = ab + (z * nr + r) * width + vecEnd;
            for (int l = 0; l < lw; l++) {
              boolean in = vecEnd + l < width;
              acc[c + l] = Math.fma(in ? a[rb + l] : 0f, in ? src[sb + l] : 0f, acc[c + l]);
            }
          }
        }
      }
    }
  }

  /** The scalar twin of {@link SimdSlide#planeLanes} with {@code lw} lanes. */
  static void planeLanes(int planes, float[] a, int aOff, int aPlane, int count, float[] acc, int accOff, int lw) {
    for (int p = 0; p < planes; p++) {
      int b = aOff + p * aPlane, c = accOff + p * lw;
      for (int q = 0; q < count; q += lw) {
        for (int l = 0; l < lw; l++) {
          acc[c + l] = acc[c + l] + (q + l < count ? a[b + q + l] : 0f);
        }
      }
    }
  }

  /**
   * {@code dw += Σ lanes} (and {@code db}, when not null) for the lane accumulators of
   * {@link #weightLanes}: each sum adds its lanes in lane order, so the result depends on the chunk
   * of examples summed, never on the thread that ran it.
   *
   * @param dw {@code (oc, c/groups, *k)}, modified: accumulated into
   * @param db {@code (oc)}, or null; modified: accumulated into
   */
  public static void reduceLanes(ConvShape g, float[] lanes, int lw, float[] dw, int dwo, float[] db, int dbo) {
    int cg = g.cg(), ocg = g.ocg(), taps = cg * g.kernelSize(), tapsPad = tapsPad(g);
    int ocgPad = ocg + (ocg & 1);
    for (int grp = 0; grp < g.groups(); grp++) {
      for (int o = 0; o < ocg; o++) {
        for (int t = 0; t < taps; t++) {
          dw[dwo + (grp * ocg + o) * taps + t] += sumLanes(lanes, ((grp * ocgPad + o) * tapsPad + t) * lw, lw);
        }
      }
    }
    if (db != null) {
      int base = g.groups() * ocgPad * tapsPad * lw;
      for (int o = 0; o < g.oc(); o++) {
        db[dbo + o] += sumLanes(lanes, base + o * lw, lw);
      }
    }
  }

  private static float sumLanes(float[] v, int off, int lw) {
    float acc = v[off];
    for (int l = 1; l < lw; l++) {
      acc += v[off + l];
    }
    return acc;
  }

  // Input gradient over flat padded rows (float32, vector path).

  /**
   * The scalar twin of {@link SimdSlide#slideRows} (rows {@code r < nRows}, columns {@code q < width}):
   * the same chain per output, in the order pair {@code t} (source plane, then kernel column),
   * kernel row {@code a}.
   */
  static void slideRows(int kh, float[] coef, int co, int pairs, int[] pairOff,
      float[] src, int srcOff, int row, int nRows, int width, float[] dst, int dstOff, int dstRow) {
    for (int r = 0; r < nRows; r++) {
      for (int q = 0; q < width; q++) {
        float acc = 0f;
        for (int t = 0, c = co; t < pairs; t++, c += kh) {
          int i = srcOff + r * row + q + pairOff[t];
          for (int a = 0; a < kh; a++) {
            acc = Math.fma(coef[c + a], src[i - a * row], acc);
          }
        }
        dst[dstOff + r * dstRow + q] = acc;
      }
    }
  }

  /**
   * The scalar twin of {@link SimdSlide#slideFlat}: {@code dst[dstOff + p] = Σ_t coef[coefOff + t]·
   * src[srcOff + p + tapOff[t]]}, one {@link Math#fma} chain per output in tap order from zero.
   */
  static void slideFlat(float[] coef, int coefOff, int nTaps, int[] tapOff, float[] src, int srcOff, float[] dst, int dstOff,
      int count) {
    for (int p = 0; p < count; p++) {
      float acc = 0f;
      for (int t = 0; t < nTaps; t++) {
        acc = Math.fma(coef[coefOff + t], src[srcOff + p + tapOff[t]], acc);
      }
      dst[dstOff + p] = acc;
    }
  }

  /**
   * The scalar twin of {@link SimdSlide#slide} for columns {@code [q0, width)}: the same FMA chain
   * per output, so together they give the same bits as this method over all columns.
   */
  static void slide(int planes, float[] coef, int coefOff, int coefStride, int nTaps, int[] tapOff,
      float[] src, int srcOff, int srcDepth, int srcRow, float[] dst, int dstOff, int dstPlane,
      int nz, int nr, int width, int q0, boolean accumulate) {
    for (int p = 0; p < planes; p++) {
      int c = coefOff + p * coefStride;
      for (int z = 0; z < nz; z++) {
        for (int r = 0; r < nr; r++) {
          int sBase = srcOff + z * srcDepth + r * srcRow;
          int dBase = dstOff + p * dstPlane + (z * nr + r) * width;
          for (int q = q0; q < width; q++) {
            float acc = 0f;
            for (int t = 0; t < nTaps; t++) {
              acc = Math.fma(coef[c + t], src[sBase + q + tapOff[t]], acc);
            }
            dst[dBase + q] = accumulate ? dst[dBase + q] + acc : acc;
          }
        }
      }
    }
  }

  /** Copies {@code x (c, id, ih, iw)} into zeroed planes of the padded size, shifted by the low padding. */
  static void padInput(ConvShape g, float[] x, int xo, float[] xp, int[] pd) {
    int plane = pd[0] * pd[1] * pd[2];
    java.util.Arrays.fill(xp, 0, g.c() * plane, 0f);
    int wCopy = Math.min(g.iw(), pd[2] - g.pw());
    for (int ci = 0; ci < g.c(); ci++) {
      for (int iz = 0; iz < g.id() && iz + g.pd() < pd[0]; iz++) {
        for (int iy = 0; iy < g.ih() && iy + g.ph() < pd[1]; iy++) {
          if (wCopy > 0) {
            System.arraycopy(x, xo + ((ci * g.id() + iz) * g.ih() + iy) * g.iw(), xp,
                ci * plane + ((iz + g.pd()) * pd[1] + iy + g.ph()) * pd[2] + g.pw(), wCopy);
          }
        }
      }
    }
  }

  /** Copies {@code dy (oc, od, oh, ow)} into zeroed planes with a border of the dilated kernel extent minus one. */
  static void padGrad(ConvShape g, float[] dy, int dyo, float[] buf, int[] py) {
    int plane = py[0] * py[1] * py[2];
    int pz = (g.kd() - 1) * g.dd(), ph = (g.kh() - 1) * g.dh(), pw = (g.kw() - 1) * g.dw();
    int wCopy = Math.min(g.ow(), py[2] - pw);
    if (wCopy <= 0) {
      java.util.Arrays.fill(buf, 0, g.oc() * plane, 0f);
      return;
    }
    // Every element is written once: zeros around each copied row run, the row run copied.
    int zEnd = Math.min(g.od(), py[0] - pz), rEnd = Math.min(g.oh(), py[1] - ph);
    for (int o = 0; o < g.oc(); o++) {
      int base = o * plane;
      int at = base;
      for (int z = 0; z < zEnd; z++) {
        for (int r = 0; r < rEnd; r++) {
          int to = base + ((z + pz) * py[1] + r + ph) * py[2] + pw;
          java.util.Arrays.fill(buf, at, to, 0f);
          System.arraycopy(dy, dyo + ((o * g.od() + z) * g.oh() + r) * g.ow(), buf, to, wCopy);
          at = to + wCopy;
        }
      }
      java.util.Arrays.fill(buf, at, base + plane, 0f);
    }
  }

  // Float64 twins (scalar).

  /**
   * {@code y (oc, od, oh, ow) = conv(x, w)} for one example, overwriting {@code y}.
   *
   * @param x input {@code (c, id, ih, iw)}, not modified
   * @param w weight {@code (oc, c/groups, kd, kh, kw)}, not modified
   * @param y output, modified: overwritten
   * @param s scratch from {@link #scratch(ConvShape)}, modified
   */
  public static void forward(ConvShape g, double[] x, int xo, double[] w, int wo, double[] y, int yo, Scratch s) {
    int[] pd = paddedInput(g);
    int planeP = pd[0] * pd[1] * pd[2];
    double[] xp = s.doubles(g.c() * planeP);
    padInput(g, x, xo, xp, pd);
    int cg = g.cg(), ocg = g.ocg(), k = g.kernelSize(), taps = cg * k, n = g.outputPlane();
    int[] off = s.taps(taps);
    for (int ci = 0, t = 0; ci < cg; ci++) {
      for (int a = 0; a < g.kd(); a++) {
        for (int b = 0; b < g.kh(); b++) {
          for (int e = 0; e < g.kw(); e++, t++) {
            off[t] = ci * planeP + (a * g.dd() * pd[1] + b * g.dh()) * pd[2] + e * g.dw();
          }
        }
      }
    }
    for (int grp = 0; grp < g.groups(); grp++) {
      int src = grp * cg * planeP;
      for (int o = grp * ocg, end = o + ocg; o < end; o += 4) {
        int planes = Math.min(4, end - o);
        slide(planes, w, wo + o * taps, taps, taps, off, xp, src, pd[1] * pd[2], pd[2],
            y, yo + o * n, n, g.od(), g.oh(), g.ow(), 0, false);
      }
    }
  }

  /**
   * {@code dx (c, id, ih, iw) += convTranspose(dy, w)} for one example: the adjoint of
   * {@link #forward(ConvShape, double[], int, double[], int, double[], int, Scratch)}.
   *
   * @param dy {@code (oc, od, oh, ow)}, not modified
   * @param w weight, not modified
   * @param dx modified: accumulated into
   */
  public static void backwardInput(ConvShape g, double[] dy, int dyo, double[] w, int wo, double[] dx, int dxo, Scratch s) {
    int[] py = paddedGrad(g);
    int planeY = py[0] * py[1] * py[2];
    int cg = g.cg(), ocg = g.ocg(), k = g.kernelSize(), taps = ocg * k, n = g.inputPlane();
    double[] buf = s.doubles(g.oc() * planeY + cg * taps);
    int wt = g.oc() * planeY;
    padGrad(g, dy, dyo, buf, py);
    int[] off = s.taps(taps);
    int pz = (g.kd() - 1) * g.dd(), ph = (g.kh() - 1) * g.dh(), pw = (g.kw() - 1) * g.dw();
    for (int o = 0, t = 0; o < ocg; o++) {
      for (int a = 0; a < g.kd(); a++) {
        for (int b = 0; b < g.kh(); b++) {
          for (int e = 0; e < g.kw(); e++, t++) {
            off[t] = o * planeY + ((g.pd() - a * g.dd() + pz) * py[1] + g.ph() - b * g.dh() + ph) * py[2]
                + g.pw() - e * g.dw() + pw;
          }
        }
      }
    }
    for (int grp = 0; grp < g.groups(); grp++) {
      // Gather w[o, ci] for this group as one coefficient row per input channel.
      for (int ci = 0; ci < cg; ci++) {
        for (int o = 0; o < ocg; o++) {
          System.arraycopy(w, wo + ((grp * ocg + o) * cg + ci) * k, buf, wt + ci * taps + o * k, k);
        }
      }
      int src = grp * ocg * planeY;
      for (int ci = 0; ci < cg; ci += 4) {
        int planes = Math.min(4, cg - ci);
        int dst = dxo + (grp * cg + ci) * n;
        slide(planes, buf, wt + ci * taps, taps, taps, off, buf, src, py[1] * py[2], py[2],
            dx, dst, n, g.id(), g.ih(), g.iw(), 0, true);
      }
    }
  }

  /**
   * {@code dw += corr(x, dy)} for one example.
   *
   * @param x input, not modified
   * @param dy output gradient, not modified
   * @param dw modified: accumulated into
   */
  public static void backwardWeight(ConvShape g, double[] x, int xo, double[] dy, int dyo, double[] dw, int dwo, Scratch s) {
    int[] pd = paddedInput(g);
    int planeP = pd[0] * pd[1] * pd[2];
    double[] xp = s.doubles(g.c() * planeP + 4);
    int tmp = g.c() * planeP;
    padInput(g, x, xo, xp, pd);
    int cg = g.cg(), ocg = g.ocg(), k = g.kernelSize(), n = g.outputPlane();
    int ow = g.ow(), vec = 0;
    int srcDepth = pd[1] * pd[2], srcRow = pd[2];
    for (int grp = 0; grp < g.groups(); grp++) {
      for (int o = grp * ocg, end = o + ocg; o < end; o += 4) {
        int planes = Math.min(4, end - o);
        for (int ci = 0; ci < cg; ci++) {
          for (int a = 0, t = 0; a < g.kd(); a++) {
            for (int b = 0; b < g.kh(); b++) {
              for (int e = 0; e < g.kw(); e++, t++) {
                int src = (grp * cg + ci) * planeP + (a * g.dd() * pd[1] + b * g.dh()) * pd[2] + e * g.dw();
                  java.util.Arrays.fill(xp, tmp, tmp + 4, 0.0);
                for (int p = 0; p < planes; p++) {
                  double acc = xp[tmp + p];
                  int ab = dyo + (o + p) * n;
                  for (int z = 0; z < g.od(); z++) {
                    for (int r = 0; r < g.oh(); r++) {
                      int sb = src + z * srcDepth + r * srcRow;
                      int rb = ab + (z * g.oh() + r) * ow;
                      for (int q = vec; q < ow; q++) {
                        acc = Math.fma(dy[rb + q], xp[sb + q], acc);
                      }
                    }
                  }
                  int d = dwo + ((o + p) * cg + ci) * k + t;
                  dw[d] += acc;
                }
              }
            }
          }
        }
      }
    }
  }

  /**
   * The scalar twin of {@link SimdSlide#slide} (float64 has no vector path; this is its kernel) for columns {@code [q0, width)}: the same FMA chain
   * per output, so together they give the same bits as this method over all columns.
   */
  static void slide(int planes, double[] coef, int coefOff, int coefStride, int nTaps, int[] tapOff,
      double[] src, int srcOff, int srcDepth, int srcRow, double[] dst, int dstOff, int dstPlane,
      int nz, int nr, int width, int q0, boolean accumulate) {
    for (int p = 0; p < planes; p++) {
      int c = coefOff + p * coefStride;
      for (int z = 0; z < nz; z++) {
        for (int r = 0; r < nr; r++) {
          int sBase = srcOff + z * srcDepth + r * srcRow;
          int dBase = dstOff + p * dstPlane + (z * nr + r) * width;
          for (int q = q0; q < width; q++) {
            double acc = 0.0;
            for (int t = 0; t < nTaps; t++) {
              acc = Math.fma(coef[c + t], src[sBase + q + tapOff[t]], acc);
            }
            dst[dBase + q] = accumulate ? dst[dBase + q] + acc : acc;
          }
        }
      }
    }
  }

  /** Copies {@code x (c, id, ih, iw)} into zeroed planes of the padded size, shifted by the low padding. */
  static void padInput(ConvShape g, double[] x, int xo, double[] xp, int[] pd) {
    int plane = pd[0] * pd[1] * pd[2];
    java.util.Arrays.fill(xp, 0, g.c() * plane, 0.0);
    int wCopy = Math.min(g.iw(), pd[2] - g.pw());
    for (int ci = 0; ci < g.c(); ci++) {
      for (int iz = 0; iz < g.id() && iz + g.pd() < pd[0]; iz++) {
        for (int iy = 0; iy < g.ih() && iy + g.ph() < pd[1]; iy++) {
          if (wCopy > 0) {
            System.arraycopy(x, xo + ((ci * g.id() + iz) * g.ih() + iy) * g.iw(), xp,
                ci * plane + ((iz + g.pd()) * pd[1] + iy + g.ph()) * pd[2] + g.pw(), wCopy);
          }
        }
      }
    }
  }

  /** Copies {@code dy (oc, od, oh, ow)} into zeroed planes with a border of the dilated kernel extent minus one. */
  static void padGrad(ConvShape g, double[] dy, int dyo, double[] buf, int[] py) {
    int plane = py[0] * py[1] * py[2];
    java.util.Arrays.fill(buf, 0, g.oc() * plane, 0.0);
    int pz = (g.kd() - 1) * g.dd(), ph = (g.kh() - 1) * g.dh(), pw = (g.kw() - 1) * g.dw();
    int wCopy = Math.min(g.ow(), py[2] - pw);
    for (int o = 0; o < g.oc(); o++) {
      for (int z = 0; z < g.od() && z + pz < py[0]; z++) {
        for (int r = 0; r < g.oh() && r + ph < py[1]; r++) {
          if (wCopy > 0) {
            System.arraycopy(dy, dyo + ((o * g.od() + z) * g.oh() + r) * g.ow(), buf,
                o * plane + ((z + pz) * py[1] + r + ph) * py[2] + pw, wCopy);
          }
        }
      }
    }
  }
}
