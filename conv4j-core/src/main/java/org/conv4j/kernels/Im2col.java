package org.conv4j.kernels;

import java.util.Arrays;

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
  private Im2col() {}

  /**
   * Fills {@code cols} from {@code x (c, id, ih, iw)}, with zeros where a window reads padding.
   *
   * @param x input, not modified
   * @param cols the {@code (c·K, L)} matrix, modified: overwritten
   */
  public static void im2col(ConvShape g, double[] x, int xo, double[] cols, int co) {
    int kd = g.kd(), kh = g.kh(), kw = g.kw(), od = g.od(), oh = g.oh(), ow = g.ow();
    int id = g.id(), ih = g.ih(), iw = g.iw(), sw = g.sw(), plane = g.inputPlane(), n = g.outputPlane();
    int row = co;
    for (int ci = 0; ci < g.c(); ci++) {
      int xc = xo + ci * plane;
      for (int a = 0; a < kd; a++) {
        for (int b = 0; b < kh; b++) {
          for (int e = 0; e < kw; e++, row += n) {
            int off = e * g.dw() - g.pw();
            int q0 = interiorStart(off, sw, ow);
            int q1 = Math.max(q0, interiorEnd(off, sw, iw, ow));
            for (int z = 0; z < od; z++) {
              int iz = z * g.sd() - g.pd() + a * g.dd();
              for (int r = 0; r < oh; r++) {
                int iy = r * g.sh() - g.ph() + b * g.dh();
                int dst = row + (z * oh + r) * ow;
                if (iz < 0 || iz >= id || iy < 0 || iy >= ih) {
                  Arrays.fill(cols, dst, dst + ow, 0);
                  continue;
                }
                Arrays.fill(cols, dst, dst + q0, 0);
                int src = xc + (iz * ih + iy) * iw + off;
                for (int q = q0; q < q1; q++) {
                  cols[dst + q] = x[src + q * sw];
                }
                Arrays.fill(cols, dst + q1, dst + ow, 0);
              }
            }
          }
        }
      }
    }
  }

  /** Float32 twin of {@link #im2col(ConvShape, double[], int, double[], int)}. */
  public static void im2col(ConvShape g, float[] x, int xo, float[] cols, int co) {
    int kd = g.kd(), kh = g.kh(), kw = g.kw(), od = g.od(), oh = g.oh(), ow = g.ow();
    int id = g.id(), ih = g.ih(), iw = g.iw(), sw = g.sw(), plane = g.inputPlane(), n = g.outputPlane();
    int row = co;
    for (int ci = 0; ci < g.c(); ci++) {
      int xc = xo + ci * plane;
      for (int a = 0; a < kd; a++) {
        for (int b = 0; b < kh; b++) {
          for (int e = 0; e < kw; e++, row += n) {
            int off = e * g.dw() - g.pw();
            int q0 = interiorStart(off, sw, ow);
            int q1 = Math.max(q0, interiorEnd(off, sw, iw, ow));
            for (int z = 0; z < od; z++) {
              int iz = z * g.sd() - g.pd() + a * g.dd();
              for (int r = 0; r < oh; r++) {
                int iy = r * g.sh() - g.ph() + b * g.dh();
                int dst = row + (z * oh + r) * ow;
                if (iz < 0 || iz >= id || iy < 0 || iy >= ih) {
                  Arrays.fill(cols, dst, dst + ow, 0);
                  continue;
                }
                Arrays.fill(cols, dst, dst + q0, 0);
                int src = xc + (iz * ih + iy) * iw + off;
                for (int q = q0; q < q1; q++) {
                  cols[dst + q] = x[src + q * sw];
                }
                Arrays.fill(cols, dst + q1, dst + ow, 0);
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
    int kd = g.kd(), kh = g.kh(), kw = g.kw(), od = g.od(), oh = g.oh(), ow = g.ow();
    int id = g.id(), ih = g.ih(), iw = g.iw(), sw = g.sw(), plane = g.inputPlane(), n = g.outputPlane();
    int row = co;
    for (int ci = 0; ci < g.c(); ci++) {
      int xc = xo + ci * plane;
      for (int a = 0; a < kd; a++) {
        for (int b = 0; b < kh; b++) {
          for (int e = 0; e < kw; e++, row += n) {
            int off = e * g.dw() - g.pw();
            int q0 = interiorStart(off, sw, ow);
            int q1 = Math.max(q0, interiorEnd(off, sw, iw, ow));
            for (int z = 0; z < od; z++) {
              int iz = z * g.sd() - g.pd() + a * g.dd();
              if (iz < 0 || iz >= id) {
                continue;
              }
              for (int r = 0; r < oh; r++) {
                int iy = r * g.sh() - g.ph() + b * g.dh();
                if (iy < 0 || iy >= ih) {
                  continue;
                }
                int src = row + (z * oh + r) * ow;
                int dst = xc + (iz * ih + iy) * iw + off;
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
    int kd = g.kd(), kh = g.kh(), kw = g.kw(), od = g.od(), oh = g.oh(), ow = g.ow();
    int id = g.id(), ih = g.ih(), iw = g.iw(), sw = g.sw(), plane = g.inputPlane(), n = g.outputPlane();
    int row = co;
    for (int ci = 0; ci < g.c(); ci++) {
      int xc = xo + ci * plane;
      for (int a = 0; a < kd; a++) {
        for (int b = 0; b < kh; b++) {
          for (int e = 0; e < kw; e++, row += n) {
            int off = e * g.dw() - g.pw();
            int q0 = interiorStart(off, sw, ow);
            int q1 = Math.max(q0, interiorEnd(off, sw, iw, ow));
            for (int z = 0; z < od; z++) {
              int iz = z * g.sd() - g.pd() + a * g.dd();
              if (iz < 0 || iz >= id) {
                continue;
              }
              for (int r = 0; r < oh; r++) {
                int iy = r * g.sh() - g.ph() + b * g.dh();
                if (iy < 0 || iy >= ih) {
                  continue;
                }
                int src = row + (z * oh + r) * ow;
                int dst = xc + (iz * ih + iy) * iw + off;
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
