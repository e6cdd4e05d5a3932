package org.conv4j.signal;

import org.conv4j.kernels.simd.SignalDirect;

/**
 * The direct row kernel, dispatched once per process to the Vector API
 * ({@link SignalDirect}) or to the plainly written scalar twin {@link #correlateRowScalar}; both
 * give the same bits. {@code -Dconv4j.simd=false}, or a JVM without the
 * {@code jdk.incubator.vector} module, selects the scalar one (the pattern of the project's
 * SIMD switch: the probe touches the Vector API classes only inside {@link #detect}).
 */
final class DirectKernel {
  /** Whether the Vector API kernel is used. */
  static final boolean SIMD = detect();

  private DirectKernel() {}

  private static boolean detect() {
    return org.conv4j.kernels.SimdSwitch.enabled(() -> {
      double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
      double[] out = new double[18];
      SignalDirect.correlateRow(x, 0, new int[] {0}, 1, new double[] {1, 0, -1}, 3, out, 0, 18);
      float[] xf = new float[20];
      for (int i = 0; i < 20; i++) {
        xf[i] = (float) x[i];
      }
      float[] of = new float[18];
      SignalDirect.correlateRowF(xf, 0, new int[] {0}, 1, new float[] {1, 0, -1}, 3, of, 0, 18);
      return out[0] == -2 && out[17] == -2 && of[0] == -2 && of[17] == -2;
    });
  }


  /** {@code out[oOff + i] = Σ_q Σ_t k[q·kLast + t]·x[xBase + rel[q] + i + t]}, {@code i < n}. */
  static void correlateRow(double[] x, int xBase, int[] rel, int nrel, double[] k, int kLast,
      double[] out, int oOff, int n) {
    if (SIMD) {
      SignalDirect.correlateRow(x, xBase, rel, nrel, k, kLast, out, oOff, n);
    } else {
      correlateRowScalar(x, xBase, rel, nrel, k, kLast, out, oOff, n);
    }
  }

  /** The scalar twin: the same sums in the same order (one fused multiply-add per tap). */
  static void correlateRowScalar(double[] x, int xBase, int[] rel, int nrel, double[] k, int kLast,
      double[] out, int oOff, int n) {
    for (int i = 0; i < n; i++) {
      double acc = 0;
      for (int q = 0; q < nrel; q++) {
        int xo = xBase + rel[q] + i;
        int ko = q * kLast;
        for (int t = 0; t < kLast; t++) {
          acc = Math.fma(k[ko + t], x[xo + t], acc);
        }
      }
      out[oOff + i] = acc;
    }
  }

  /** Float32 {@link #correlateRow}: accumulated in float, as SciPy's float32 direct path. */
  static void correlateRow(float[] x, int xBase, int[] rel, int nrel, float[] k, int kLast,
      float[] out, int oOff, int n) {
    if (SIMD) {
      SignalDirect.correlateRowF(x, xBase, rel, nrel, k, kLast, out, oOff, n);
    } else {
      correlateRowScalar(x, xBase, rel, nrel, k, kLast, out, oOff, n);
    }
  }

  /** The float32 scalar twin (one float fused multiply-add per tap). */
  static void correlateRowScalar(float[] x, int xBase, int[] rel, int nrel, float[] k, int kLast,
      float[] out, int oOff, int n) {
    for (int i = 0; i < n; i++) {
      float acc = 0;
      for (int q = 0; q < nrel; q++) {
        int xo = xBase + rel[q] + i;
        int ko = q * kLast;
        for (int t = 0; t < kLast; t++) {
          acc = Math.fma(k[ko + t], x[xo + t], acc);
        }
      }
      out[oOff + i] = acc;
    }
  }

  /**
   * Two adjacent output rows of a 2-D valid correlation ({@code rel[q] = q·xStride}): row 0 at
   * {@code oOff} from input base {@code xBase}, row 1 at {@code oOff + oStride} from
   * {@code xBase + xStride}. The same bits as two {@link #correlateRow} calls.
   */
  static void correlateRows2(double[] x, int xBase, int xStride, int[] rel, int kRows, double[] k, int kLast,
      double[] out, int oOff, int oStride, int n) {
    if (SIMD) {
      SignalDirect.correlateRows2(x, xBase, xStride, rel, kRows, k, kLast, out, oOff, oStride, n);
    } else {
      correlateRowScalar(x, xBase, rel, kRows, k, kLast, out, oOff, n);
      correlateRowScalar(x, xBase + xStride, rel, kRows, k, kLast, out, oOff + oStride, n);
    }
  }

  /** Float32 {@link #correlateRows2}. */
  static void correlateRows2(float[] x, int xBase, int xStride, int[] rel, int kRows, float[] k, int kLast,
      float[] out, int oOff, int oStride, int n) {
    if (SIMD) {
      SignalDirect.correlateRows2F(x, xBase, xStride, rel, kRows, k, kLast, out, oOff, oStride, n);
    } else {
      correlateRowScalar(x, xBase, rel, kRows, k, kLast, out, oOff, n);
      correlateRowScalar(x, xBase + xStride, rel, kRows, k, kLast, out, oOff + oStride, n);
    }
  }
}
