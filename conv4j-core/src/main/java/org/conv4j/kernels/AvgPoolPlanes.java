package org.conv4j.kernels;

import org.conv4j.kernels.simd.SimdPool;

/**
 * 2-D average pooling over uniform windows ({@link PoolGrid}), forward and the dense backward of
 * windows that tile their rows ({@link PoolGrid#tiledPairs()}). Each entry point runs
 * {@link SimdPool}'s vector kernel when the Vector API is on ({@link #SIMD}: {@link SimdSwitch} with
 * a probe of these kernels) and its plain scalar twin here otherwise. Both keep {@link PoolKernels#avgPool}'s
 * arithmetic: a window's sum in double, taps in row-major order from 0, divided by the one divisor
 * of uniform windows ({@code divisor_override} or {@code kh·kw}: uniform windows reach no padding,
 * so {@code count_include_pad} does not matter), rounded once for float32; the backward gives each
 * input {@code 0 + dy/divisor}, which is the scatter's sum when every input has one window. So the
 * results have the same bits as the reference kernels.
 */
public final class AvgPoolPlanes {
  /** Whether the vector kernels run (decided once). */
  public static final boolean SIMD = SimdSwitch.enabled(AvgPoolPlanes::probe);

  private AvgPoolPlanes() {}

  /** The divisor of every window of a uniform grid. */
  public static double divisor(PoolGrid g, int divisorOverride) {
    return divisorOverride > 0 ? divisorOverride : (double) g.kh() * g.kw();
  }

  /** Forward over {@code planes} planes: {@code y} from {@code yOff + p·oh·ow}. */
  public static void forward(float[] x, int xOff, float[] y, int yOff, int planes, PoolGrid g, double div) {
    if (SIMD && SimdPool.forwardSupports(g.sw())) {
      SimdPool.avgPool2d(x, xOff, y, yOff, planes, g.ih(), g.iw(), g.oh(), g.ow(), g.kh(), g.kw(), g.sh(), g.sw(), g.h0(), g.w0(), div);
    } else {
      forwardScalar(x, xOff, y, yOff, planes, g, div);
    }
  }

  /** Float64 twin of {@link #forward(float[], int, float[], int, int, PoolGrid, double)}. */
  public static void forward(double[] x, int xOff, double[] y, int yOff, int planes, PoolGrid g, double div) {
    if (SIMD && SimdPool.forwardSupports(g.sw())) {
      SimdPool.avgPool2d(x, xOff, y, yOff, planes, g.ih(), g.iw(), g.oh(), g.ow(), g.kh(), g.kw(), g.sh(), g.sw(), g.h0(), g.w0(), div);
    } else {
      forwardScalar(x, xOff, y, yOff, planes, g, div);
    }
  }

  static void forwardScalar(float[] x, int xOff, float[] y, int yOff, int planes, PoolGrid g, double div) {
    for (int p = 0; p < planes; p++) {
      int base = xOff + p * g.ih() * g.iw();
      int o = yOff + p * g.oh() * g.ow();
      for (int r = 0; r < g.oh(); r++) {
        int top = base + (g.h0() + r * g.sh()) * g.iw() + g.w0();
        for (int q = 0; q < g.ow(); q++, o++) {
          double sum = 0;
          for (int th = 0, row = top + q * g.sw(); th < g.kh(); th++, row += g.iw()) {
            for (int tw = 0; tw < g.kw(); tw++) {
              sum += x[row + tw];
            }
          }
          y[o] = (float) (sum / div);
        }
      }
    }
  }

  static void forwardScalar(double[] x, int xOff, double[] y, int yOff, int planes, PoolGrid g, double div) {
    for (int p = 0; p < planes; p++) {
      int base = xOff + p * g.ih() * g.iw();
      int o = yOff + p * g.oh() * g.ow();
      for (int r = 0; r < g.oh(); r++) {
        int top = base + (g.h0() + r * g.sh()) * g.iw() + g.w0();
        for (int q = 0; q < g.ow(); q++, o++) {
          double sum = 0;
          for (int th = 0, row = top + q * g.sw(); th < g.kh(); th++, row += g.iw()) {
            for (int tw = 0; tw < g.kw(); tw++) {
              sum += x[row + tw];
            }
          }
          y[o] = sum / div;
        }
      }
    }
  }

  /**
   * The dense backward for {@link PoolGrid#tiledPairs()} grids: every input of a window gets
   * {@code 0 + dy/div}; inputs outside every window are left as they are (zero in a new array).
   *
   * @param dx modified
   */
  public static void backwardTiled(float[] dy, int dyOff, int planes, float[] dx, int dxOff, PoolGrid g, double div) {
    if (SIMD) {
      SimdPool.avgPoolBackwardTiled(dy, dyOff, planes, dx, dxOff, g.ih(), g.iw(), g.oh(), g.ow(), g.kh(), g.h0(), g.w0(), div);
    } else {
      backwardTiledScalar(dy, dyOff, planes, dx, dxOff, g, div);
    }
  }

  /** Float64 twin of {@link #backwardTiled(float[], int, int, float[], int, PoolGrid, double)}. */
  public static void backwardTiled(double[] dy, int dyOff, int planes, double[] dx, int dxOff, PoolGrid g, double div) {
    if (SIMD) {
      SimdPool.avgPoolBackwardTiled(dy, dyOff, planes, dx, dxOff, g.ih(), g.iw(), g.oh(), g.ow(), g.kh(), g.h0(), g.w0(), div);
    } else {
      backwardTiledScalar(dy, dyOff, planes, dx, dxOff, g, div);
    }
  }

  static void backwardTiledScalar(float[] dy, int dyOff, int planes, float[] dx, int dxOff, PoolGrid g, double div) {
    for (int p = 0; p < planes; p++) {
      int o = dyOff + p * g.oh() * g.ow();
      int plane = dxOff + p * g.ih() * g.iw();
      for (int r = 0; r < g.oh(); r++) {
        int top = plane + (g.h0() + r * g.kh()) * g.iw() + g.w0();
        for (int q = 0; q < g.ow(); q++, o++) {
          float v = (float) (0.0 + dy[o] / div);
          for (int th = 0, row = top + 2 * q; th < g.kh(); th++, row += g.iw()) {
            dx[row] = v;
            dx[row + 1] = v;
          }
        }
      }
    }
  }

  static void backwardTiledScalar(double[] dy, int dyOff, int planes, double[] dx, int dxOff, PoolGrid g, double div) {
    for (int p = 0; p < planes; p++) {
      int o = dyOff + p * g.oh() * g.ow();
      int plane = dxOff + p * g.ih() * g.iw();
      for (int r = 0; r < g.oh(); r++) {
        int top = plane + (g.h0() + r * g.kh()) * g.iw() + g.w0();
        for (int q = 0; q < g.ow(); q++, o++) {
          double v = 0.0 + dy[o] / div;
          for (int th = 0, row = top + 2 * q; th < g.kh(); th++, row += g.iw()) {
            dx[row] = v;
            dx[row + 1] = v;
          }
        }
      }
    }
  }

  /** Runs the vector kernels once on a 2×12 plane pooled 2×2/2 and checks them against the scalar twins. */
  private static boolean probe() {
    PoolGrid g = new PoolGrid(2, 12, 1, 6, 2, 2, 2, 2, 0, 0);
    float[] x = new float[24];
    for (int i = 0; i < 24; i++) {
      x[i] = (i * 5) % 11 - 3;
    }
    float[] y = new float[6];
    float[] y2 = new float[6];
    SimdPool.avgPool2d(x, 0, y, 0, 1, 2, 12, 1, 6, 2, 2, 2, 2, 0, 0, 4.0);
    forwardScalar(x, 0, y2, 0, 1, g, 4.0);
    float[] dx = new float[24];
    float[] dx2 = new float[24];
    SimdPool.avgPoolBackwardTiled(y, 0, 1, dx, 0, 2, 12, 1, 6, 2, 0, 0, 4.0);
    backwardTiledScalar(y2, 0, 1, dx2, 0, g, 4.0);
    return java.util.Arrays.equals(y, y2) && java.util.Arrays.equals(dx, dx2) && y[0] != 0f;
  }
}
