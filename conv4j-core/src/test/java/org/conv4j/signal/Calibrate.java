package org.conv4j.signal;

import java.util.Locale;
import java.util.SplittableRandom;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * Times every method of {@link Signal#convolve} on a grid of shapes and prints, per point, the
 * median milliseconds, the cost model's estimates and its choice: the measurement behind the
 * coefficients of {@link SignalTuning}. Not a test; run by {@code tools/calibrate_signal.sh}
 * (arguments: {@code grid} for the benchmark grid, {@code cal} for the calibration shapes; then
 * optionally {@code f32}/{@code f64}/{@code both} and a comma-separated list of methods).
 */
public final class Calibrate {
  private Calibrate() {}

  static Tensor rand(DType dt, long seed, int... shape) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    double[] d = r.doubles(n, -1, 1).toArray();
    Tensor t = Tensor.of(d, shape);
    return dt == DType.FLOAT32 ? t.to(DType.FLOAT32) : t;
  }

  static double median(Runnable r, int reps) {
    double[] t = new double[reps];
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      r.run();
      t[i] = (System.nanoTime() - t0) / 1e6;
    }
    java.util.Arrays.sort(t);
    return t[reps / 2];
  }

  public static void main(String[] args) {
    String what = args.length > 0 ? args[0] : "grid";
    int[][][] grid = what.equals("grid")
        ? new int[][][] {{{1_000_000}, {16}}, {{1_000_000}, {256}}, {{1_000_000}, {4096}},
            {{512, 512}, {3, 3}}, {{512, 512}, {9, 9}}, {{512, 512}, {31, 31}}}
        : new int[][][] {{{100_000}, {8}}, {{100_000}, {64}}, {{100_000}, {512}}, {{20_000}, {2000}},
            {{4096}, {4096}}, {{256, 256}, {5, 5}}, {{256, 256}, {15, 15}}, {{128, 128}, {128, 128}},
            {{64, 64, 64}, {3, 3, 3}}, {{1_000_000}, {64}}, {{300}, {2000}}};
    DType[] dts = args.length > 1 && args[1].equals("f64") ? new DType[] {DType.FLOAT64}
        : args.length > 1 && args[1].equals("f32") ? new DType[] {DType.FLOAT32}
        : new DType[] {DType.FLOAT32, DType.FLOAT64};
    Method[] methods = args.length > 2 ? java.util.Arrays.stream(args[2].split(",")).map(Method::valueOf)
        .toArray(Method[]::new) : Method.values();
    for (DType dt : dts) {
      for (int[][] p : grid) {
        Tensor x = rand(dt, 1, p[0]);
        Tensor h = rand(dt, 2, p[1]);
        int[] start = new int[p[0].length];
        int[] len = new int[p[0].length];
        for (int d = 0; d < len.length; d++) {
          len[d] = p[0][d] + p[1][d] - 1;
        }
        CostModel.Estimate e = CostModel.estimate(p[0], p[1], len, start, Workers.threads(), dt == DType.FLOAT32);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-8s %-14s %-10s", dt,
            java.util.Arrays.toString(p[0]), java.util.Arrays.toString(p[1])));
        for (Method m : methods) {
          double macs = (double) x.size() * h.size();
          if (m == Method.DIRECT && macs > 3e9) {
            sb.append(String.format(Locale.ROOT, " %s=%8s", m, "-"));
            continue;
          }
          Runnable run = () -> Signal.convolve(x, h, Mode.FULL, m);
          // Warm up for at least 3 runs and 1 s, so that the vector kernels are compiled by C2.
          long w0 = System.nanoTime();
          for (int w = 0; w < 3 || System.nanoTime() - w0 < 1_000_000_000L; w++) {
            run.run();
          }
          double ms = median(run, 7);
          sb.append(String.format(Locale.ROOT, " %s=%8.3f", m, ms));
        }
        sb.append(String.format(Locale.ROOT, "  model d=%.2f f=%.2f oa=%.2f -> %s", e.direct() / 1e6, e.fft() / 1e6,
            e.overlapAdd() / 1e6, e.best()));
        System.out.println(sb);
      }
    }
  }
}
