package org.conv4j.signal;

import java.util.Locale;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * The float32 error of each method on the benchmark grid: max |ours − reference| ÷ max |reference|,
 * the reference being the float64 convolution of the same (float32-rounded) inputs. The SciPy side
 * is {@code tools/accuracy_signal_f32.py}. Not a test; for docs/BENCHMARKS.md.
 */
public final class AccuracyF32 {
  private AccuracyF32() {}

  public static void main(String[] args) {
    int[][][] grid = {{{1_000_000}, {16}}, {{1_000_000}, {256}}, {{1_000_000}, {4096}}, {{512, 512}, {3, 3}},
        {{512, 512}, {9, 9}}, {{512, 512}, {31, 31}}};
    for (int[][] p : grid) {
      Tensor x = Calibrate.rand(DType.FLOAT32, 1, p[0]);
      Tensor h = Calibrate.rand(DType.FLOAT32, 2, p[1]);
      Tensor ref = Signal.convolve(x.to(DType.FLOAT64), h.to(DType.FLOAT64), Mode.FULL,
          p[0].length == 1 && p[1][0] > 64 ? Method.OVERLAP_ADD : Method.DIRECT);
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-14s %-10s", java.util.Arrays.toString(p[0]),
          java.util.Arrays.toString(p[1])));
      for (Method m : Method.values()) {
        if (m == Method.DIRECT && (double) x.size() * h.size() > 1e9) {
          continue;
        }
        sb.append(String.format(Locale.ROOT, " %s=%.2e", m, SignalPropertyTest.relErr(Signal.convolve(x, h, Mode.FULL, m),
            ref)));
      }
      System.out.println(sb);
    }
  }
}
