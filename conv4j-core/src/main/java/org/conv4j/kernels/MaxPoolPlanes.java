package org.conv4j.kernels;

import org.conv4j.kernels.simd.SimdPool;

/**
 * 2-D max pooling over uniform windows (all inside the input, one size and stride per axis,
 * dilation 1: every unpadded {@code max_pool2d}), forward with float64 indices written directly and
 * the dense backward of windows that tile their rows ({@code kw = sw = 2}, {@code kh = sh}: LeNet's
 * and VGG's 2×2/2). Each entry point runs {@link SimdPool}'s vector kernel when the Vector API is
 * on ({@link SimdSwitch}) and its plain scalar twin here otherwise; both give the same bits (the
 * scan order and the {@code v > max || isNaN(v)} rule of {@link PoolKernels#maxPool} are kept).
 * Single-threaded per call; callers split planes across threads.
 */
public final class MaxPoolPlanes {
  /** Whether the vector kernels run (decided once). */
  public static final boolean SIMD = SimdSwitch.enabled(MaxPoolPlanes::probe);

  private MaxPoolPlanes() {}

  /**
   * Forward over {@code planes} planes: {@code y} and {@code idx} (flat offsets into each input
   * plane, as doubles) from {@code outOff + p·oh·ow}.
   */
  public static void forward(float[] x, int xOff, float[] y, double[] idx, int outOff, int planes, PoolGrid g) {
    if (SIMD && SimdPool.forwardSupports(g.sw())) {
      SimdPool.maxPool2d(x, xOff, y, idx, outOff, planes, g.ih(), g.iw(), g.oh(), g.ow(), g.kh(), g.kw(), g.sh(), g.sw(), g.h0(), g.w0());
    } else {
      forwardScalar(x, xOff, y, idx, null, outOff, planes, g);
    }
  }

  /**
   * {@link #forward(float[], int, float[], double[], int, int, PoolGrid)} with int indices (the fused
   * LeNet layer's {@link PoolBiasTanh} keeps them so).
   */
  public static void forward(float[] x, int xOff, float[] y, int[] idx, int outOff, int planes, PoolGrid g) {
    if (SIMD && SimdPool.forwardSupports(g.sw())) {
      SimdPool.maxPool2d(x, xOff, y, idx, outOff, planes, g.ih(), g.iw(), g.oh(), g.ow(), g.kh(), g.kw(), g.sh(), g.sw(), g.h0(), g.w0());
    } else {
      forwardScalar(x, xOff, y, null, idx, outOff, planes, g);
    }
  }

  /** Float64 twin of {@link #forward(float[], int, float[], double[], int, int, PoolGrid)}. */
  public static void forward(double[] x, int xOff, double[] y, double[] idx, int outOff, int planes, PoolGrid g) {
    if (SIMD && SimdPool.forwardSupports(g.sw())) {
      SimdPool.maxPool2d(x, xOff, y, idx, outOff, planes, g.ih(), g.iw(), g.oh(), g.ow(), g.kh(), g.kw(), g.sh(), g.sw(), g.h0(), g.w0());
    } else {
      forwardScalar(x, xOff, y, idx, outOff, planes, g);
    }
  }

  /** The scalar twin of the forward (double indices). */
  static void forwardScalar(float[] x, int xOff, float[] y, double[] idx, int outOff, int planes, PoolGrid g) {
    forwardScalar(x, xOff, y, idx, null, outOff, planes, g);
  }

  /**
   * The scalar twin of the forward: windows in row-major order, taps in row-major order; indices to
   * {@code idx} or, when it is null, to {@code iidx}.
   */
  static void forwardScalar(float[] x, int xOff, float[] y, double[] idx, int[] iidx, int outOff, int planes, PoolGrid g) {
    for (int p = 0; p < planes; p++) {
      int base = xOff + p * g.ih() * g.iw();
      int o = outOff + p * g.oh() * g.ow();
      for (int r = 0; r < g.oh(); r++) {
        int top = (g.h0() + r * g.sh()) * g.iw() + g.w0();
        for (int q = 0; q < g.ow(); q++, o++) {
          int first = top + q * g.sw();
          float max = Float.NEGATIVE_INFINITY;
          int arg = first;
          for (int th = 0, row = first; th < g.kh(); th++, row += g.iw()) {
            for (int tw = 0; tw < g.kw(); tw++) {
              float v = x[base + row + tw];
              if (v > max || Float.isNaN(v)) {
                max = v;
                arg = row + tw;
              }
            }
          }
          y[o] = max;
          if (idx == null) {
            iidx[o] = arg;
          } else {
            idx[o] = arg;
          }
        }
      }
    }
  }

  /** Float64 twin of {@link #forwardScalar(float[], int, float[], double[], int, int, PoolGrid)}. */
  static void forwardScalar(double[] x, int xOff, double[] y, double[] idx, int outOff, int planes, PoolGrid g) {
    for (int p = 0; p < planes; p++) {
      int base = xOff + p * g.ih() * g.iw();
      int o = outOff + p * g.oh() * g.ow();
      for (int r = 0; r < g.oh(); r++) {
        int top = (g.h0() + r * g.sh()) * g.iw() + g.w0();
        for (int q = 0; q < g.ow(); q++, o++) {
          int first = top + q * g.sw();
          double max = Double.NEGATIVE_INFINITY;
          int arg = first;
          for (int th = 0, row = first; th < g.kh(); th++, row += g.iw()) {
            for (int tw = 0; tw < g.kw(); tw++) {
              double v = x[base + row + tw];
              if (v > max || Double.isNaN(v)) {
                max = v;
                arg = row + tw;
              }
            }
          }
          y[o] = max;
          idx[o] = arg;
        }
      }
    }
  }

  /**
   * The dense backward for {@link PoolGrid#tiledPairs()} grids: every input of every window gets
   * {@code dy} of its window where the window's index points at it and 0 elsewhere; inputs outside
   * every window are left as they are (zero in a new array). No sums: each input belongs to one
   * window, so the result equals the scatter's exactly.
   *
   * @param dx modified
   * @param scratch at least {@code g.ow() + 8} ints, modified
   * @return false (dx partly written) when some index is not an integer naming an input of its own
   *     window; the caller then runs the general scatter, which accepts or rejects any index
   */
  public static boolean backwardTiled(float[] dy, int dyOff, double[] idx, int idxOff, int planes, float[] dx, int dxOff, PoolGrid g,
      int[] scratch) {
    if (SIMD) {
      return SimdPool.maxPoolBackwardTiled(dy, dyOff, idx, idxOff, planes, dx, dxOff, g.ih(), g.iw(), g.oh(), g.ow(), g.kh(), g.h0(), g.w0(), scratch);
    }
    return backwardTiledScalar(dy, dyOff, idx, idxOff, planes, dx, dxOff, g);
  }

  /** Float64 twin of {@link #backwardTiled(float[], int, double[], int, int, float[], int, PoolGrid, int[])}. */
  public static boolean backwardTiled(double[] dy, int dyOff, double[] idx, int idxOff, int planes, double[] dx, int dxOff, PoolGrid g,
      int[] scratch) {
    if (SIMD) {
      return SimdPool.maxPoolBackwardTiled(dy, dyOff, idx, idxOff, planes, dx, dxOff, g.ih(), g.iw(), g.oh(), g.ow(), g.kh(), g.h0(), g.w0(), scratch);
    }
    return backwardTiledScalar(dy, dyOff, idx, idxOff, planes, dx, dxOff, g);
  }

  /** The scalar twin of the tiled backward. */
  static boolean backwardTiledScalar(float[] dy, int dyOff, double[] idx, int idxOff, int planes, float[] dx, int dxOff, PoolGrid g) {
    for (int p = 0; p < planes; p++) {
      int o = dyOff + p * g.oh() * g.ow();
      int oi = idxOff + p * g.oh() * g.ow();
      int plane = dxOff + p * g.ih() * g.iw();
      for (int r = 0; r < g.oh(); r++) {
        int top = (g.h0() + r * g.kh()) * g.iw() + g.w0();
        for (int q = 0; q < g.ow(); q++, o++, oi++) {
          double a = idx[oi];
          boolean hit = false;
          for (int th = 0, row = top + 2 * q; th < g.kh(); th++, row += g.iw()) {
            dx[plane + row] = a == row ? dy[o] + 0f : 0f;
            dx[plane + row + 1] = a == row + 1 ? dy[o] + 0f : 0f;
            hit |= a == row || a == row + 1;
          }
          if (!hit) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Float64 twin of {@link #backwardTiledScalar(float[], int, double[], int, int, float[], int, PoolGrid)}. */
  static boolean backwardTiledScalar(double[] dy, int dyOff, double[] idx, int idxOff, int planes, double[] dx, int dxOff, PoolGrid g) {
    for (int p = 0; p < planes; p++) {
      int o = dyOff + p * g.oh() * g.ow();
      int oi = idxOff + p * g.oh() * g.ow();
      int plane = dxOff + p * g.ih() * g.iw();
      for (int r = 0; r < g.oh(); r++) {
        int top = (g.h0() + r * g.kh()) * g.iw() + g.w0();
        for (int q = 0; q < g.ow(); q++, o++, oi++) {
          double a = idx[oi];
          boolean hit = false;
          for (int th = 0, row = top + 2 * q; th < g.kh(); th++, row += g.iw()) {
            dx[plane + row] = a == row ? dy[o] + 0.0 : 0.0;
            dx[plane + row + 1] = a == row + 1 ? dy[o] + 0.0 : 0.0;
            hit |= a == row || a == row + 1;
          }
          if (!hit) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Runs the vector kernels once on a 2×20 plane pooled 2×2/2 and checks them against the scalar twins. */
  private static boolean probe() {
    PoolGrid g = new PoolGrid(2, 20, 1, 10, 2, 2, 2, 2, 0, 0);
    float[] x = new float[40];
    for (int i = 0; i < 40; i++) {
      x[i] = (i * 7) % 13;
    }
    float[] y = new float[10];
    float[] y2 = new float[10];
    double[] idx = new double[10];
    double[] idx2 = new double[10];
    SimdPool.maxPool2d(x, 0, y, idx, 0, 1, 2, 20, 1, 10, 2, 2, 2, 2, 0, 0);
    forwardScalar(x, 0, y2, idx2, 0, 1, g);
    float[] dx = new float[40];
    boolean ok = SimdPool.maxPoolBackwardTiled(y, 0, idx, 0, 1, dx, 0, 2, 20, 1, 10, 2, 0, 0, new int[18]);
    for (int i = 0; i < 10; i++) {
      ok &= y[i] == y2[i] && idx[i] == idx2[i] && dx[(int) idx[i]] == y[i];
    }
    return ok;
  }
}
