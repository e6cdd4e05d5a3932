package org.conv4j.kernels;

/**
 * The reference convolution kernels: the SPEC §5.1–§5.3 sums written out plainly, one loop per
 * index, with a bounds test per tap. They are the oracle twin of the im2col + GEMM kernels and the
 * fallback for shapes whose im2col matrix would be too large.
 *
 * <p>All methods work on one example; {@code g} gives the layouts ({@link ConvShape}):
 * {@code x (c, id, ih, iw)}, {@code w (oc, c/groups, kd, kh, kw)}, {@code y (oc, od, oh, ow)}.
 * Each array argument has an offset to the example's first element. Float32 sums are accumulated in
 * double and rounded once (SPEC §10.3), which makes these kernels at least as accurate as the GEMM
 * path. Single-threaded; no allocation.
 */
public final class DirectConv {
  private DirectConv() {}

  /**
   * {@code y[o, z, r, q] = Σ_{ci, a, b, e} w[o, ci, a, b, e] · x[g(o)·cg + ci, z·sd − pd + a·dd, …]}.
   *
   * @param x input, not modified
   * @param w weight, not modified
   * @param y output, modified: overwritten
   */
  public static void forward(ConvShape g, double[] x, int xo, double[] w, int wo, double[] y, int yo) {
    int cg = g.cg(), ocg = g.ocg(), ks = g.kernelSize(), plane = g.inputPlane();
    int id = g.id(), ih = g.ih(), iw = g.iw(), kd = g.kd(), kh = g.kh(), kw = g.kw();
    int yi = yo;
    for (int o = 0; o < g.oc(); o++) {
      int xc0 = xo + (o / ocg) * cg * plane;
      int wo0 = wo + o * cg * ks;
      for (int z = 0; z < g.od(); z++) {
        for (int r = 0; r < g.oh(); r++) {
          for (int q = 0; q < g.ow(); q++) {
            double acc = 0;
            for (int ci = 0; ci < cg; ci++) {
              for (int a = 0; a < kd; a++) {
                int iz = z * g.sd() - g.pd() + a * g.dd();
                if (iz < 0 || iz >= id) {
                  continue;
                }
                for (int b = 0; b < kh; b++) {
                  int iy = r * g.sh() - g.ph() + b * g.dh();
                  if (iy < 0 || iy >= ih) {
                    continue;
                  }
                  for (int e = 0; e < kw; e++) {
                    int ix = q * g.sw() - g.pw() + e * g.dw();
                    if (ix < 0 || ix >= iw) {
                      continue;
                    }
                    acc += w[wo0 + ((ci * kd + a) * kh + b) * kw + e]
                        * x[xc0 + ci * plane + (iz * ih + iy) * iw + ix];
                  }
                }
              }
            }
            y[yi++] = acc;
          }
        }
      }
    }
  }

  /** Float32 twin of {@link #forward(ConvShape, double[], int, double[], int, double[], int)}. */
  public static void forward(ConvShape g, float[] x, int xo, float[] w, int wo, float[] y, int yo) {
    int cg = g.cg(), ocg = g.ocg(), ks = g.kernelSize(), plane = g.inputPlane();
    int id = g.id(), ih = g.ih(), iw = g.iw(), kd = g.kd(), kh = g.kh(), kw = g.kw();
    int yi = yo;
    for (int o = 0; o < g.oc(); o++) {
      int xc0 = xo + (o / ocg) * cg * plane;
      int wo0 = wo + o * cg * ks;
      for (int z = 0; z < g.od(); z++) {
        for (int r = 0; r < g.oh(); r++) {
          for (int q = 0; q < g.ow(); q++) {
            double acc = 0;
            for (int ci = 0; ci < cg; ci++) {
              for (int a = 0; a < kd; a++) {
                int iz = z * g.sd() - g.pd() + a * g.dd();
                if (iz < 0 || iz >= id) {
                  continue;
                }
                for (int b = 0; b < kh; b++) {
                  int iy = r * g.sh() - g.ph() + b * g.dh();
                  if (iy < 0 || iy >= ih) {
                    continue;
                  }
                  for (int e = 0; e < kw; e++) {
                    int ix = q * g.sw() - g.pw() + e * g.dw();
                    if (ix < 0 || ix >= iw) {
                      continue;
                    }
                    acc += (double) w[wo0 + ((ci * kd + a) * kh + b) * kw + e]
                        * x[xc0 + ci * plane + (iz * ih + iy) * iw + ix];
                  }
                }
              }
            }
            y[yi++] = (float) acc;
          }
        }
      }
    }
  }

  /**
   * The adjoint of {@link #forward}: scatters {@code dy} back through the taps (SPEC §5.2's
   * normative transposed-convolution definition). Used for the input gradient and for transposed
   * convolution, where {@code dy} is the transposed convolution's input.
   *
   * @param dy output-side values {@code (oc, od, oh, ow)}, not modified
   * @param w weight, not modified
   * @param dx input-side values {@code (c, id, ih, iw)}, modified: accumulated into ({@code +=})
   */
  public static void backwardInput(ConvShape g, double[] dy, int dyo, double[] w, int wo, double[] dx, int dxo) {
    int cg = g.cg(), ocg = g.ocg(), ks = g.kernelSize(), plane = g.inputPlane();
    int id = g.id(), ih = g.ih(), iw = g.iw(), kd = g.kd(), kh = g.kh(), kw = g.kw();
    int yi = dyo;
    for (int o = 0; o < g.oc(); o++) {
      int xc0 = dxo + (o / ocg) * cg * plane;
      int wo0 = wo + o * cg * ks;
      for (int z = 0; z < g.od(); z++) {
        for (int r = 0; r < g.oh(); r++) {
          for (int q = 0; q < g.ow(); q++) {
            double gy = dy[yi++];
            for (int ci = 0; ci < cg; ci++) {
              for (int a = 0; a < kd; a++) {
                int iz = z * g.sd() - g.pd() + a * g.dd();
                if (iz < 0 || iz >= id) {
                  continue;
                }
                for (int b = 0; b < kh; b++) {
                  int iy = r * g.sh() - g.ph() + b * g.dh();
                  if (iy < 0 || iy >= ih) {
                    continue;
                  }
                  for (int e = 0; e < kw; e++) {
                    int ix = q * g.sw() - g.pw() + e * g.dw();
                    if (ix < 0 || ix >= iw) {
                      continue;
                    }
                    dx[xc0 + ci * plane + (iz * ih + iy) * iw + ix] += gy * w[wo0 + ((ci * kd + a) * kh + b) * kw + e];
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /** Float32 twin of {@link #backwardInput(ConvShape, double[], int, double[], int, double[], int)}. */
  public static void backwardInput(ConvShape g, float[] dy, int dyo, float[] w, int wo, float[] dx, int dxo) {
    int cg = g.cg(), ocg = g.ocg(), ks = g.kernelSize(), plane = g.inputPlane();
    int id = g.id(), ih = g.ih(), iw = g.iw(), kd = g.kd(), kh = g.kh(), kw = g.kw();
    int yi = dyo;
    for (int o = 0; o < g.oc(); o++) {
      int xc0 = dxo + (o / ocg) * cg * plane;
      int wo0 = wo + o * cg * ks;
      for (int z = 0; z < g.od(); z++) {
        for (int r = 0; r < g.oh(); r++) {
          for (int q = 0; q < g.ow(); q++) {
            float gy = dy[yi++];
            for (int ci = 0; ci < cg; ci++) {
              for (int a = 0; a < kd; a++) {
                int iz = z * g.sd() - g.pd() + a * g.dd();
                if (iz < 0 || iz >= id) {
                  continue;
                }
                for (int b = 0; b < kh; b++) {
                  int iy = r * g.sh() - g.ph() + b * g.dh();
                  if (iy < 0 || iy >= ih) {
                    continue;
                  }
                  for (int e = 0; e < kw; e++) {
                    int ix = q * g.sw() - g.pw() + e * g.dw();
                    if (ix < 0 || ix >= iw) {
                      continue;
                    }
                    dx[xc0 + ci * plane + (iz * ih + iy) * iw + ix] += gy * w[wo0 + ((ci * kd + a) * kh + b) * kw + e];
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /**
   * Weight gradient: {@code dw[o, ci, a, b, e] += Σ_{z, r, q} dy[o, z, r, q] · x[g(o)·cg + ci, z·sd − pd + a·dd, …]},
   * the correlation of the input with the output gradient.
   *
   * @param x input, not modified
   * @param dy output gradient, not modified
   * @param dw weight gradient, modified: accumulated into ({@code +=}), so a batch sums naturally
   */
  public static void backwardWeight(ConvShape g, double[] x, int xo, double[] dy, int dyo, double[] dw, int dwo) {
    int cg = g.cg(), ocg = g.ocg(), ks = g.kernelSize(), plane = g.inputPlane(), oplane = g.outputPlane();
    int id = g.id(), ih = g.ih(), iw = g.iw(), kd = g.kd(), kh = g.kh(), kw = g.kw();
    for (int o = 0; o < g.oc(); o++) {
      int xc0 = xo + (o / ocg) * cg * plane;
      int yo0 = dyo + o * oplane;
      for (int ci = 0; ci < cg; ci++) {
        for (int a = 0; a < kd; a++) {
          for (int b = 0; b < kh; b++) {
            for (int e = 0; e < kw; e++) {
              double acc = 0;
              for (int z = 0; z < g.od(); z++) {
                int iz = z * g.sd() - g.pd() + a * g.dd();
                if (iz < 0 || iz >= id) {
                  continue;
                }
                for (int r = 0; r < g.oh(); r++) {
                  int iy = r * g.sh() - g.ph() + b * g.dh();
                  if (iy < 0 || iy >= ih) {
                    continue;
                  }
                  for (int q = 0; q < g.ow(); q++) {
                    int ix = q * g.sw() - g.pw() + e * g.dw();
                    if (ix < 0 || ix >= iw) {
                      continue;
                    }
                    acc += dy[yo0 + (z * g.oh() + r) * g.ow() + q] * x[xc0 + ci * plane + (iz * ih + iy) * iw + ix];
                  }
                }
              }
              dw[dwo + o * cg * ks + ((ci * kd + a) * kh + b) * kw + e] += acc;
            }
          }
        }
      }
    }
  }

  /** Float32 twin of {@link #backwardWeight(ConvShape, double[], int, double[], int, double[], int)}. */
  public static void backwardWeight(ConvShape g, float[] x, int xo, float[] dy, int dyo, float[] dw, int dwo) {
    int cg = g.cg(), ocg = g.ocg(), ks = g.kernelSize(), plane = g.inputPlane(), oplane = g.outputPlane();
    int id = g.id(), ih = g.ih(), iw = g.iw(), kd = g.kd(), kh = g.kh(), kw = g.kw();
    for (int o = 0; o < g.oc(); o++) {
      int xc0 = xo + (o / ocg) * cg * plane;
      int yo0 = dyo + o * oplane;
      for (int ci = 0; ci < cg; ci++) {
        for (int a = 0; a < kd; a++) {
          for (int b = 0; b < kh; b++) {
            for (int e = 0; e < kw; e++) {
              double acc = 0;
              for (int z = 0; z < g.od(); z++) {
                int iz = z * g.sd() - g.pd() + a * g.dd();
                if (iz < 0 || iz >= id) {
                  continue;
                }
                for (int r = 0; r < g.oh(); r++) {
                  int iy = r * g.sh() - g.ph() + b * g.dh();
                  if (iy < 0 || iy >= ih) {
                    continue;
                  }
                  for (int q = 0; q < g.ow(); q++) {
                    int ix = q * g.sw() - g.pw() + e * g.dw();
                    if (ix < 0 || ix >= iw) {
                      continue;
                    }
                    acc += (double) dy[yo0 + (z * g.oh() + r) * g.ow() + q] * x[xc0 + ci * plane + (iz * ih + iy) * iw + ix];
                  }
                }
              }
              int k = dwo + o * cg * ks + ((ci * kd + a) * kh + b) * kw + e;
              dw[k] = (float) (dw[k] + acc);
            }
          }
        }
      }
    }
  }
}
