package org.conv4j.bench;

import java.util.Random;
import org.conv4j.kernels.Blas;

/**
 * The square {@code n × n} operands of the GEMM probes ({@link GemmProbe}, {@link GemmPeerAB}):
 * uniform [0, 1) floats from seed 42 and the same values in double, as {@code tools/peer_gemm.py}
 * draws its own; {@link #product} is one {@link Blas#sgemmParallel} or {@link Blas#dgemmParallel}.
 */
final class SquareProduct {
  final int n;
  private final float[] a;
  private final float[] b;
  private final float[] c;
  private final double[] ad;
  private final double[] bd;
  private final double[] cd;

  SquareProduct(int n) {
    this.n = n;
    Random r = new Random(42);
    a = new float[n * n];
    b = new float[n * n];
    c = new float[n * n];
    ad = new double[n * n];
    bd = new double[n * n];
    cd = new double[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextFloat();
      b[i] = r.nextFloat();
      ad[i] = a[i];
      bd[i] = b[i];
    }
  }

  /** {@code C = A·B} in float32 ({@code "s"}) or float64 ({@code "d"}), at the current thread count. */
  Runnable product(String type) {
    return switch (type) {
      case "s" -> () -> Blas.sgemmParallel(false, false, n, n, n, a, 0, n, b, 0, n, c, 0, n, false);
      case "d" -> () -> Blas.dgemmParallel(false, false, n, n, n, ad, 0, n, bd, 0, n, cd, 0, n, false);
      default -> throw new IllegalArgumentException("type: want s or d; got " + type);
    };
  }

  /** Whether a product left a NaN (a guard against dead-code elimination and bad kernels). */
  boolean hasNaN() {
    return Float.isNaN(c[1]) || Double.isNaN(cd[1]);
  }
}
