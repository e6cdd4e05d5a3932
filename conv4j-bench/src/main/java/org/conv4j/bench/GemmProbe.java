package org.conv4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.conv4j.kernels.Blas;
import org.conv4j.runtime.Parallelism;

/**
 * Quick GFLOP/s of square SGEMM/DGEMM through {@link Blas#sgemmParallel}/{@link Blas#dgemmParallel},
 * for iterating on the kernels between JMH runs (the figures for docs/BENCHMARKS.md come from
 * {@link GemmBench} and {@code tools/bench_all.sh}). Prints, per case, the median and best
 * wall-clock GFLOP/s and the median over the calling thread's CPU time (meaningful at 1 thread).
 *
 * <pre>java --add-modules jdk.incubator.vector -cp conv4j-bench/target/benchmarks.jar org.conv4j.bench.GemmProbe [sizes] [threads] [reps]</pre>
 */
public final class GemmProbe {
  private GemmProbe() {}

  public static void main(String[] args) {
    int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "1024").split(",")).mapToInt(Integer::parseInt).toArray();
    int[] threads = Arrays.stream((args.length > 1 ? args[1] : "1,2").split(",")).mapToInt(Integer::parseInt).toArray();
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    String types = args.length > 3 ? args[3] : "s,d";
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int n : sizes) {
      SquareProduct sq = new SquareProduct(n);
      for (int t : threads) {
        Parallelism.setThreads(t);
        for (String type : types.split(",")) {
          Runnable body = sq.product(type);
          for (int i = 0; i < Math.max(5, reps / 2); i++) {
            body.run();
          }
          double[] wall = new double[reps], cpu = new double[reps];
          for (int i = 0; i < reps; i++) {
            long w = System.nanoTime(), u = mx.getCurrentThreadCpuTime();
            body.run();
            wall[i] = System.nanoTime() - w;
            cpu[i] = mx.getCurrentThreadCpuTime() - u;
          }
          Arrays.sort(wall);
          Arrays.sort(cpu);
          double f = 2.0 * n * n * n;
          System.out.printf("%sgemm n=%d threads=%d: wall median %.1f best %.1f GFLOP/s; caller cpu median %.1f best %.1f GFLOP/s%n",
              type, n, t, f / wall[reps / 2], f / wall[0], f / cpu[reps / 2], f / cpu[0]);
        }
      }
    }
    Parallelism.setThreads(1);
  }
}
