package org.conv4j.signal;

import java.util.Locale;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * The minimum wall time of each method over repetitions (robust-ish on a loaded machine), per
 * dtype, with the ratio measured ÷ the cost model's one-thread estimate: a ratio far from 1 means
 * the coefficient of {@link SignalTuning} for that method and dtype should be multiplied by it.
 * Run with {@code -Dconv4j.threads=1} by {@code tools/calibrate_signal.sh min}. Not a test.
 */
public final class CalibrateMin {
  private CalibrateMin() {}

  public static void main(String[] args) {
    int[][][] grid = {{{1_000_000}, {16}}, {{1_000_000}, {256}}, {{1_000_000}, {4096}}, {{512, 512}, {3, 3}},
        {{512, 512}, {9, 9}}, {{512, 512}, {31, 31}}, {{100_000}, {64}}, {{20_000}, {2000}}, {{256, 256}, {15, 15}},
        {{128, 128}, {128, 128}}, {{64, 64, 64}, {3, 3, 3}}};
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (int[][] p : grid) {
        Tensor x = Calibrate.rand(dt, 1, p[0]);
        Tensor h = Calibrate.rand(dt, 2, p[1]);
        int[] start = new int[p[0].length];
        int[] len = new int[p[0].length];
        for (int d = 0; d < len.length; d++) {
          len[d] = p[0][d] + p[1][d] - 1;
        }
        CostModel.Estimate e = CostModel.estimate(p[0], p[1], len, start, 1, dt == DType.FLOAT32);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-8s %-14s %-10s", dt,
            java.util.Arrays.toString(p[0]), java.util.Arrays.toString(p[1])));
        for (Method m : new Method[] {Method.DIRECT, Method.FFT, Method.OVERLAP_ADD}) {
          double model = m == Method.DIRECT ? e.direct() : m == Method.FFT ? e.fft() : e.overlapAdd();
          if (m == Method.DIRECT && (double) x.size() * h.size() > 1e9) {
            sb.append(String.format(Locale.ROOT, " %s=%8s %5s", m, "-", ""));
            continue;
          }
          long w0 = System.nanoTime();
          for (int w = 0; w < 3 || System.nanoTime() - w0 < 1_000_000_000L; w++) {
            Signal.convolve(x, h, Mode.FULL, m);
          }
          double best = Double.MAX_VALUE;
          for (int rep = 0; rep < 10; rep++) {
            long c0 = System.nanoTime();
            Signal.convolve(x, h, Mode.FULL, m);
            best = Math.min(best, (System.nanoTime() - c0) / 1e6);
          }
          sb.append(String.format(Locale.ROOT, " %s=%8.3f x%4.2f", m, best, best * 1e6 / model));
        }
        System.out.println(sb);
      }
    }
  }
}
