package org.conv4j.kernels;

import org.conv4j.kernels.simd.SimdDgemm;
import org.conv4j.kernels.simd.SimdSgemm;

/**
 * Links and runs the SIMD kernels once on a tiny product. Kept apart from {@link Blas} so that
 * loading {@code Blas} never needs the {@code jdk.incubator.vector} classes: only calling
 * {@link #works()} does, and a missing module then shows as a {@link LinkageError} there.
 */
final class SimdProbe {
  private SimdProbe() {}

  static boolean works() {
    float[] a = {1, 2, 3, 4};
    float[] c = new float[4];
    SimdSgemm.gemm(false, false, 2, 2, 2, a, 0, 2, a, 0, 2, 0f, c, 0, 2);
    double[] ad = {1, 2, 3, 4};
    double[] cd = new double[4];
    SimdDgemm.gemm(false, false, 2, 2, 2, ad, 0, 2, ad, 0, 2, 0.0, cd, 0, 2);
    return c[0] == 7f && c[3] == 22f && cd[1] == 10.0 && cd[2] == 15.0;
  }

  static String describe() {
    return SimdSgemm.MR + "x" + SimdSgemm.NR + " float, " + SimdDgemm.MR + "x" + SimdDgemm.NR + " double";
  }
}
