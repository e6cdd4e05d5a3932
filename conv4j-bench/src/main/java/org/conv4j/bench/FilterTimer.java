package org.conv4j.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import org.conv4j.filter.FilterOptions;
import org.conv4j.filter.Filters;
import org.conv4j.filter.Footprint;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Rng;
import org.conv4j.tensor.Tensor;

/**
 * A timing server for {@code tools/bench_filter.py --interleaved}: reads lines {@code OP THREADS}
 * on stdin ({@code OP} one of {@code medianFilter uniformFilter maximumFilter correlate}), runs that
 * op of {@link FilterBench}'s workload (2048² float32, size 9) once and prints {@code WALL_MS CPU_MS}
 * (CPU time of the calling thread: the whole cost when {@code THREADS} is 1). The peer script
 * alternates these calls with SciPy's, so that both sides see the same machine load; JMH
 * ({@link FilterBench}) gives the formal figures.
 */
public final class FilterTimer {
  private FilterTimer() {}

  /** Runs the server until stdin closes. */
  public static void main(String[] args) throws Exception {
    int n = 2048;
    int size = 9;
    Tensor x = new Rng(20240611).uniform(DType.FLOAT32, 0, 1, n, n);
    Tensor w = new Rng(1).uniform(DType.FLOAT64, -1, 1, size, size);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      String[] f = line.trim().split("\\s+");
      FilterOptions o = FilterOptions.defaults().threads(Integer.parseInt(f[1]));
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      Tensor y = switch (f[0]) {
        case "medianFilter" -> Filters.medianFilter(x, Footprint.size(size), o);
        case "uniformFilter" -> Filters.uniformFilter(x, new int[] {size}, o);
        case "maximumFilter" -> Filters.maximumFilter(x, Footprint.size(size), o);
        case "correlate" -> Filters.correlate(x, w, o);
        default -> throw new IllegalArgumentException("unknown op " + f[0]);
      };
      long t1 = System.nanoTime();
      long c1 = mx.getCurrentThreadCpuTime();
      if (y.size() != x.size()) {
        throw new AssertionError();
      }
      System.out.printf("%.3f %.3f%n", (t1 - t0) / 1e6, (c1 - c0) / 1e6);
      System.out.flush();
    }
  }
}
