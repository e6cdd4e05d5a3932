package org.conv4j.signal;

import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/** The minimum wall time of each method over repetitions: robust-ish on a loaded machine (not a test). */
public final class CalibrateMin {
  private CalibrateMin() {}

  public static void main(String[] args) {
    int[][][] grid = {{{1_000_000}, {16}}, {{1_000_000}, {256}}, {{1_000_000}, {4096}}, {{512, 512}, {3, 3}},
        {{512, 512}, {9, 9}}, {{512, 512}, {31, 31}}};
    for (int[][] p : grid) {
      Tensor x = Calibrate.rand(DType.FLOAT64, 1, p[0]);
      Tensor h = Calibrate.rand(DType.FLOAT64, 2, p[1]);
      StringBuilder sb = new StringBuilder(java.util.Arrays.toString(p[0]) + " " + java.util.Arrays.toString(p[1]));
      for (Method m : new Method[] {Method.DIRECT, Method.FFT, Method.OVERLAP_ADD}) {
        if (m == Method.DIRECT && (double) x.size() * h.size() > 1e9) {
          continue;
        }
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < 12; rep++) {
          long c0 = System.nanoTime();
          Signal.convolve(x, h, Mode.FULL, m);
          best = Math.min(best, (System.nanoTime() - c0) / 1e6);
        }
        sb.append(String.format(" %s=%.2fms", m, best));
      }
      System.out.println(sb);
    }
  }
}
