package org.conv4j.kernels;

import org.conv4j.kernels.simd.FilterVectors;

/**
 * Whether the filter kernels use their Vector API loops ({@link FilterVectors}). On when the
 * {@code jdk.incubator.vector} module is present and the system property {@code conv4j.simd} is not
 * {@code false}; off otherwise, with the scalar loops giving the same bits. Loading this class never
 * needs the Vector API classes: only the probe does, and a missing module shows as a
 * {@link LinkageError} there.
 */
public final class FilterSimd {
  /** The switch, decided once per process. */
  public static final boolean ENABLED = detect();

  private FilterSimd() {}

  /** {@code "simd (N doubles)"} or {@code "scalar"}, for logs and reports. */
  public static String describe() {
    return ENABLED ? "simd (" + FilterVectors.lanes() + " doubles)" : "scalar";
  }

  private static boolean detect() {
    return SimdSwitch.enabled(() -> {
      double[] a = {1, Double.NaN, 3, -4, 5, 6, 7, 8, 9};
      double[] b = {2, 0, Double.NaN, -5, 5, 5, 5, 5, 5};
      double[] c = new double[9];
      FilterVectors.min(a, 0, b, 0, c, 0, 9);
      return c[0] == 1 && c[1] == 0 && c[2] == 3 && c[3] == -5;
    });
  }

}
