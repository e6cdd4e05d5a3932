package org.conv4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.conv4j.match.MatchOptions;
import org.conv4j.match.Metric;
import org.conv4j.match.TemplateMatch;
import org.conv4j.runtime.Parallelism;
import org.conv4j.window.WindowOp;
import org.conv4j.window.WindowSpec;

/**
 * One-thread CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime}, median after warm-up) of the
 * {@link MatchBench} workloads: the contention-robust view, against
 * {@code tools/bench_match.py cpu} (OpenCV with {@code cv2.setNumThreads(1)}, SciPy, and
 * {@code time.thread_time}). Run: {@code java --add-modules jdk.incubator.vector -Xmx3g -cp
 * conv4j-bench/target/benchmarks.jar org.conv4j.bench.MatchCpuTime}.
 */
public final class MatchCpuTime {
  private MatchCpuTime() {}

  public static void main(String[] args) {
    Parallelism.setThreads(1);
    MatchBench b = new MatchBench();
    b.setup();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    MatchOptions one = MatchOptions.defaults().threads(1);
    report("seed MSD float32", median(mx, 30, () -> TemplateMatch.match(b.z32, b.x032, Metric.MSD, one)));
    report("seed MSD float64", median(mx, 30, () -> TemplateMatch.match(b.z64, b.x064, Metric.MSD, one)));
    report("2048^2 31x31 SSD float32", median(mx, 7, () -> TemplateMatch.match(b.big, b.bigT, Metric.SSD, one)));
    report("2048^2 31x31 CCOEFF_NORMED float32",
        median(mx, 7, () -> TemplateMatch.match(b.big, b.bigT, Metric.CCOEFF_NORMED, one)));
    report("generic op, seed MSD lambda", median(mx, 10,
        () -> WindowOp.apply(b.z64, WindowSpec.size(10, 10).valid().threads(1), b.msd)));
  }

  private static void report(String what, double ms) {
    System.out.printf("conv4j %s: %.2f ms CPU (1 thread)%n", what, ms);
  }

  private static double median(ThreadMXBean mx, int reps, Runnable body) {
    for (int i = 0; i < Math.max(5, reps); i++) {
      body.run();
    }
    double[] t = new double[reps];
    for (int i = 0; i < reps; i++) {
      long t0 = mx.getCurrentThreadCpuTime();
      body.run();
      t[i] = (mx.getCurrentThreadCpuTime() - t0) / 1e6;
    }
    Arrays.sort(t);
    return t[reps / 2];
  }
}
