package org.conv4j.kernels;

import org.conv4j.kernels.simd.SimdCopy;

/**
 * im2col and col2im (PyTorch {@code unfold}/{@code fold}, SPEC §5.4) for one example.
 *
 * <p>Layout: {@code cols} is a {@code (c·kd·kh·kw, od·oh·ow)} matrix in C order. Row
 * {@code ((ci·kd + a)·kh + b)·kw + e} holds tap {@code (a, b, e)} of channel {@code ci} (ATen's
 * {@code c_col = c_im·kh·kw + h_off·kw + w_off}); column {@code (z·oh + r)·ow + q} is output
 * position {@code (z, r, q)}. The rows of one channel group are contiguous, so a grouped
 * convolution is one GEMM per group on a row block.
 *
 * <p>Each output row is split into a left border, an interior and a right border along the width
 * axis, computed once per tap; the interior loop is a strided copy without bounds tests (the
 * BoofCV interior/border split). Single-threaded; no allocation.
 */
public final class Im2col {
  /** Row copies through {@link SimdCopy} when the Vector API is in use (a copy: same bits either way). */
  private static final boolean SIMD_COPY = Blas.SIMD;

  private Im2col() {}

  /**
   * Fills {@code cols} from {@code x (c, id, ih, iw)}, with zeros where a window reads padding.
   *
   * @param x input, not modified
   * @param cols the {@code (c·K, L)} matrix, modified: overwritten
   */
  public static void im2col(ConvShape g, double[] x, int xo, double[] cols, int co) {
    im2col(g, x, xo, cols, co, 0, g.od() * g.oh());
  }

  /**
   * {@link #im2col(ConvShape, double[], int, double[], int)} for output rows {@code [t0, t1)} only
   * (rows of the flattened {@code (od·oh)} axis): {@code cols} is then a
   * {@code (c·K, (t1 − t0)·ow)} matrix. Used to tile a large problem so its workspace stays bounded.
   */
  public static void im2col(ConvShape g, double[] x, int xo, double[] cols, int co, int t0, int t1) {
    im2col(g, x, xo, cols, co, (t1 - t0) * g.ow(), t0, t1);
  }

  /**
   * {@link #im2col(ConvShape, double[], int, double[], int, int, int)} into a column block of a wider
   * matrix whose rows are {@code ldc} apart (several examples side by side share one GEMM).
   */
  public static void im2col(ConvShape g, double[] x, int xo, double[] cols, int co, int ldc, int t0, int t1) {
    int kd = g.kd(), kh = g.kh(), kw = g.kw(), oh = g.oh(), ow = g.ow();
    int id = g.id(), ih = g.ih(), iw = g.iw(), sw = g.sw(), plane = g.inputPlane();
    int z0 = t0 / oh, r0 = t0 - z0 * oh;
    int row = co;
    for (int ci = 0; ci < g.c(); ci++) {
      int xc = xo + ci * plane;
      for (int a = 0; a < kd; a++) {
        for (int b = 0; b < kh; b++) {
          for (int e = 0; e < kw; e++, row += ldc) {
            int off = e * g.dw() - g.pw();
            int q0 = interiorStart(off, sw, ow);
            int q1 = Math.max(q0, interiorEnd(off, sw, iw, ow));
            int dst = row;
            // Output rows advance (z, r) incrementally: no division per row.
            for (int zr = t0, z = z0, r = r0; zr < t1; zr++, dst += ow) {
              int iz = z * g.sd() - g.pd() + a * g.dd();
              int iy = r * g.sh() - g.ph() + b * g.dh();
              if (++r == oh) {
                r = 0;
                z++;
              }
              if (iz < 0 || iz >= id || iy < 0 || iy >= ih) {
                for (int q = 0; q < ow; q++) {
                  cols[dst + q] = 0.0;
                }
                continue;
              }
              for (int q = 0; q < q0; q++) {
                cols[dst + q] = 0.0;
              }
              int src = xc + (iz * ih + iy) * iw + off;
              if (sw == 1 && SIMD_COPY) {
                SimdCopy.copy(x, src + q0, cols, dst + q0, q1 - q0);
              } else if (sw == 1) {
                System.arraycopy(x, src + q0, cols, dst + q0, q1 - q0);
              } else {
                for (int q = q0; q < q1; q++) {
                  cols[dst + q] = x[src + q * sw];
                }
              }
              for (int q = q1; q < ow; q++) {
                cols[dst + q] = 0.0;
              }
            }
          }
        }
      }
    }
  }


  /** Float32 twin of {@link #im2col(ConvShape, double[], int, double[], int)}. */
  public static void im2col(ConvShape g, float[] x, int xo, float[] cols, int co) {
    im2col(g, x, xo, cols, co, 0, g.od() * g.oh());
  }

  /**
   * {@link #im2col(ConvShape, float[], int, float[], int)} for output rows {@code [t0, t1)} only
   * (rows of the flattened {@code (od·oh)} axis): {@code cols} is then a
   * {@code (c·K, (t1 − t0)·ow)} matrix. Used to tile a large problem so its workspace stays bounded.
   */
  public static void im2col(ConvShape g, float[] x, int xo, float[] cols, int co, int t0, int t1) {
    im2col(g, x, xo, cols, co, (t1 - t0) * g.ow(), t0, t1);
  }

  /**
   * {@link #im2col(ConvShape, float[], int, float[], int, int, int)} into a column block of a wider
   * matrix whose rows are {@code ldc} apart (several examples side by side share one GEMM).
   */
  public static void im2col(ConvShape g, float[] x, int xo, float[] cols, int co, int ldc, int t0, int t1) {
    int kd = g.kd(), kh = g.kh(), kw = g.kw(), oh = g.oh(), ow = g.ow();
    int id = g.id(), ih = g.ih(), iw = g.iw(), sw = g.sw(), plane = g.inputPlane();
    int z0 = t0 / oh, r0 = t0 - z0 * oh;
    int row = co;
    for (int ci = 0; ci < g.c(); ci++) {
      int xc = xo + ci * plane;
      for (int a = 0; a < kd; a++) {
        for (int b = 0; b < kh; b++) {
          for (int e = 0; e < kw; e++, row += ldc) {
            int off = e * g.dw() - g.pw();
            int q0 = interiorStart(off, sw, ow);
            int q1 = Math.max(q0, interiorEnd(off, sw, iw, ow));
            int dst = row;
            // Output rows advance (z, r) incrementally: no division per row.
            for (int zr = t0, z = z0, r = r0; zr < t1; zr++, dst += ow) {
              int iz = z * g.sd() - g.pd() + a * g.dd();
              int iy = r * g.sh() - g.ph() + b * g.dh();
              if (++r == oh) {
                r = 0;
                z++;
              }
              if (iz < 0 || iz >= id || iy < 0 || iy >= ih) {
                for (int q = 0; q < ow; q++) {
                  cols[dst + q] = 0f;
                }
                continue;
              }
              for (int q = 0; q < q0; q++) {
                cols[dst + q] = 0f;
              }
              int src = xc + (iz * ih + iy) * iw + off;
              if (sw == 1 && SIMD_COPY) {
                SimdCopy.copy(x, src + q0, cols, dst + q0, q1 - q0);
              } else if (sw == 1) {
                System.arraycopy(x, src + q0, cols, dst + q0, q1 - q0);
              } else {
                for (int q = q0; q < q1; q++) {
                  cols[dst + q] = x[src + q * sw];
                }
              }
              for (int q = q1; q < ow; q++) {
                cols[dst + q] = 0f;
              }
            }
          }
        }
      }
    }
  }


  /**
   * The adjoint of {@link #im2col}: adds every column entry into the input position it was read
   * from; entries that read padding are dropped. {@code fold} in PyTorch.
   *
   * @param cols the {@code (c·K, L)} matrix, not modified
   * @param x input-shaped {@code (c, id, ih, iw)}, modified: accumulated into ({@code +=})
   */
  public static void col2im(ConvShape g, double[] cols, int co, double[] x, int xo) {
    col2im(g, cols, co, x, xo, 0, g.od() * g.oh());
  }

  /** {@link #col2im(ConvShape, double[], int, double[], int)} for the columns of output rows {@code [t0, t1)}. */
  public static void col2im(ConvShape g, double[] cols, int co, double[] x, int xo, int t0, int t1) {
    col2im(g, cols, co, (t1 - t0) * g.ow(), x, xo, t0, t1);
  }

  /** {@link #col2im(ConvShape, double[], int, double[], int, int, int)} from a column block of a wider matrix ({@code ldc} apart). */
  public static void col2im(ConvShape g, double[] cols, int co, int ldc, double[] x, int xo, int t0, int t1) {
    int kd = g.kd(), kh = g.kh(), kw = g.kw(), oh = g.oh(), ow = g.ow();
    int id = g.id(), ih = g.ih(), iw = g.iw(), sw = g.sw(), plane = g.inputPlane();
    int z0 = t0 / oh, r0 = t0 - z0 * oh;
    int row = co;
    for (int ci = 0; ci < g.c(); ci++) {
      int xc = xo + ci * plane;
      for (int a = 0; a < kd; a++) {
        for (int b = 0; b < kh; b++) {
          for (int e = 0; e < kw; e++, row += ldc) {
            int off = e * g.dw() - g.pw();
            int q0 = interiorStart(off, sw, ow);
            int q1 = Math.max(q0, interiorEnd(off, sw, iw, ow));
            int src = row;
            for (int zr = t0, z = z0, r = r0; zr < t1; zr++, src += ow) {
              int iz = z * g.sd() - g.pd() + a * g.dd();
              int iy = r * g.sh() - g.ph() + b * g.dh();
              if (++r == oh) {
                r = 0;
                z++;
              }
              if (iz < 0 || iz >= id || iy < 0 || iy >= ih) {
                continue;
              }
              int dst = xc + (iz * ih + iy) * iw + off;
              if (sw == 1 && SIMD_COPY) {
                SimdCopy.add(cols, src + q0, x, dst + q0, q1 - q0);
              } else if (sw == 1) {
                for (int q = q0; q < q1; q++) {
                  x[dst + q] += cols[src + q];
                }
              } else {
                for (int q = q0; q < q1; q++) {
                  x[dst + q * sw] += cols[src + q];
                }
              }
            }
          }
        }
      }
    }
  }


  /** Float32 twin of {@link #col2im(ConvShape, double[], int, double[], int)}. */
  public static void col2im(ConvShape g, float[] cols, int co, float[] x, int xo) {
    col2im(g, cols, co, x, xo, 0, g.od() * g.oh());
  }

  /** {@link #col2im(ConvShape, float[], int, float[], int)} for the columns of output rows {@code [t0, t1)}. */
  public static void col2im(ConvShape g, float[] cols, int co, float[] x, int xo, int t0, int t1) {
    col2im(g, cols, co, (t1 - t0) * g.ow(), x, xo, t0, t1);
  }

  /** {@link #col2im(ConvShape, float[], int, float[], int, int, int)} from a column block of a wider matrix ({@code ldc} apart). */
  public static void col2im(ConvShape g, float[] cols, int co, int ldc, float[] x, int xo, int t0, int t1) {
    int kd = g.kd(), kh = g.kh(), kw = g.kw(), oh = g.oh(), ow = g.ow();
    int id = g.id(), ih = g.ih(), iw = g.iw(), sw = g.sw(), plane = g.inputPlane();
    int z0 = t0 / oh, r0 = t0 - z0 * oh;
    int row = co;
    for (int ci = 0; ci < g.c(); ci++) {
      int xc = xo + ci * plane;
      for (int a = 0; a < kd; a++) {
        for (int b = 0; b < kh; b++) {
          for (int e = 0; e < kw; e++, row += ldc) {
            int off = e * g.dw() - g.pw();
            int q0 = interiorStart(off, sw, ow);
            int q1 = Math.max(q0, interiorEnd(off, sw, iw, ow));
            int src = row;
            for (int zr = t0, z = z0, r = r0; zr < t1; zr++, src += ow) {
              int iz = z * g.sd() - g.pd() + a * g.dd();
              int iy = r * g.sh() - g.ph() + b * g.dh();
              if (++r == oh) {
                r = 0;
                z++;
              }
              if (iz < 0 || iz >= id || iy < 0 || iy >= ih) {
                continue;
              }
              int dst = xc + (iz * ih + iy) * iw + off;
              if (sw == 1 && SIMD_COPY) {
                SimdCopy.add(cols, src + q0, x, dst + q0, q1 - q0);
              } else if (sw == 1) {
                for (int q = q0; q < q1; q++) {
                  x[dst + q] += cols[src + q];
                }
              } else {
                for (int q = q0; q < q1; q++) {
                  x[dst + q * sw] += cols[src + q];
                }
              }
            }
          }
        }
      }
    }
  }


  /** The first output index {@code q ≥ 0} with {@code q·s + off ≥ 0}, capped at {@code outLen}. */
  static int interiorStart(int off, int s, int outLen) {
    return off >= 0 ? 0 : (int) Math.min(outLen, Math.ceilDiv(-(long) off, s));
  }

  /** One past the last output index {@code q < outLen} with {@code q·s + off < inLen}. */
  static int interiorEnd(int off, int s, int inLen, int outLen) {
    long last = (long) inLen - 1 - off;
    if (last < 0) {
      return 0;
    }
    return (int) Math.min(outLen, last / s + 1);
  }
}
