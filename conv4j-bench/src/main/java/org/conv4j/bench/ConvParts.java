package org.conv4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.conv4j.nn.functional.Conv;
import org.conv4j.nn.functional.GradMask;
import org.conv4j.runtime.Parallelism;

/**
 * Where a ConvBench layer's time goes: forward, and the backward pass split into dx, dw and db, as
 * the calling thread's CPU time with one thread and the wall time with {@code threads} threads
 * (medians after warm-up), with the GFLOP/s of the convolution parts. A development aid next to
 * the JMH benchmark, not a replacement for it.
 *
 * <pre>java --add-modules jdk.incubator.vector -Xmx4g -cp conv4j-bench/target/benchmarks.jar org.conv4j.bench.ConvParts [layers] [reps] [threads]</pre>
 */
public final class ConvParts {
  private ConvParts() {}

  public static void main(String[] args) {
    String[] layers = args.length > 0 ? args[0].split(",") : new String[] {"lenet1", "lenet2", "resnet"};
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (String layer : layers) {
      ConvBench b = new ConvBench();
      b.layer = layer;
      b.threads = 1;
      b.setup();
      int[] s = ConvBench.spec(layer);
      int o = s[2] + 2 * s[5] - s[4] + 1;
      double flop = 2.0 * s[0] * s[3] * o * o * s[1] * s[4] * s[4];
      String[] parts = {"forward", "dx", "dw", "db", "backward"};
      List<Supplier<Object>> bodies = List.of(
          b::forward,
          () -> Conv.convBackward(b.x(), b.w(), b.dy(), b.p(), GradMask.INPUT),
          () -> Conv.convBackward(b.x(), b.w(), b.dy(), b.p(), GradMask.WEIGHT),
          () -> Conv.convBackward(b.x(), b.w(), b.dy(), b.p(), GradMask.BIAS),
          b::backward);
      for (int i = 0; i < parts.length; i++) {
        Supplier<Object> body = bodies.get(i);
        double cpu = Parallelism.withThreads(1, () -> median(reps, () -> {
          long t = mx.getCurrentThreadCpuTime();
          body.get();
          return (mx.getCurrentThreadCpuTime() - t) / 1e6;
        }));
        double wall = Parallelism.withThreads(threads, () -> median(reps, () -> {
          long t = System.nanoTime();
          body.get();
          return (System.nanoTime() - t) / 1e6;
        }));
        double f = parts[i].equals("db") ? 0 : parts[i].equals("backward") ? 2 * flop : flop;
        System.out.printf("%-7s %-8s cpu1 %8.2f ms %6.1f GFLOP/s | wall%d %8.2f ms %6.1f GFLOP/s%n", layer, parts[i], cpu,
            f / cpu / 1e6, threads, wall, f / wall / 1e6);
      }
    }
  }

  private static double median(int reps, Supplier<Double> timed) {
    for (int i = 0; i < Math.max(3, reps / 2); i++) {
      timed.get();
    }
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      ms.add(timed.get());
    }
    Collections.sort(ms);
    return ms.get(ms.size() / 2);
  }
}
