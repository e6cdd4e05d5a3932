package org.conv4j.kernels;

import org.conv4j.kernels.simd.MatchSimd;

/**
 * Links and runs the template-matching SIMD kernels once on a tiny row. Kept apart from
 * {@link MatchKernels} so that loading it never needs the {@code jdk.incubator.vector} classes; a
 * missing module shows as a {@link LinkageError} here.
 */
final class MatchSimdProbe {
  private MatchSimdProbe() {}

  static boolean works() {
    float[] img = new float[64];
    double[] imgD = new double[64];
    for (int i = 0; i < 64; i++) {
      img[i] = i % 7;
      imgD[i] = i % 7;
    }
    int[] rows = {0};
    float[] t = {1, 2};
    double[] tD = {1, 2};
    float[] out = new float[40];
    double[] outD = new double[40];
    float[] ref = new float[40];
    double[] refD = new double[40];
    for (int op = 0; op < 3; op++) {
      MatchSimd.row(op, img, 0, rows, t, 2, out, 0, 40);
      MatchKernels.rowScalar(op, img, 0, rows, t, 2, ref, 0, 40);
      MatchSimd.row(op, imgD, 0, rows, tD, 2, outD, 0, 40);
      MatchKernels.rowScalar(op, imgD, 0, rows, tD, 2, refD, 0, 40);
      if (!java.util.Arrays.equals(out, ref) || !java.util.Arrays.equals(outD, refD)) {
        return false;
      }
    }
    return true;
  }
}
