package org.conv4j.kernels;

import java.util.Random;
import org.conv4j.nn.functional.Conv;
import org.conv4j.nn.functional.ConvGrads;
import org.conv4j.nn.functional.ConvParams;
import org.conv4j.nn.functional.GradMask;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * Run in a child JVM by {@link SimdFallbackTest}: prints which GEMM the process selected and the
 * sums of a conv forward and backward on fixed data (GEMM and sliding-window shapes, float32), so
 * the parent can compare the scalar fallback with the SIMD path.
 */
public final class FallbackProbe {
  private FallbackProbe() {}

  public static void main(String[] args) {
    System.out.println("simd=" + Blas.SIMD);
    System.out.println("sums=" + sums());
  }

  /** Σ of y, dx, dw, db for LeNet-like shapes (one on the GEMM path, one on the sliding path), comma separated. */
  static String sums() {
    StringBuilder sb = new StringBuilder();
    Random r = new Random(11);
    for (int[] s : new int[][] {{4, 6, 12, 10, 5}, {4, 1, 28, 20, 5}}) {
      Tensor x = rand(r, s[0], s[1], s[2], s[2]);
      Tensor w = rand(r, s[3], s[1], s[4], s[4]);
      ConvParams p = ConvParams.defaults(2);
      Tensor y = Conv.conv2d(x, w, null, p);
      ConvGrads g = Conv.convBackward(x, w, Tensor.ones(DType.FLOAT32, y.shape()), p, GradMask.ALL);
      for (Tensor t : new Tensor[] {y, g.dx(), g.dw(), g.db()}) {
        double sum = 0;
        for (double v : t.toDoubleArray()) {
          sum += v;
        }
        sb.append(sb.length() == 0 ? "" : ",").append(sum);
      }
    }
    return sb.toString();
  }

  static Tensor rand(Random r, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextDouble() * 2 - 1;
    }
    return Tensor.of(v, shape).to(DType.FLOAT32);
  }
}
