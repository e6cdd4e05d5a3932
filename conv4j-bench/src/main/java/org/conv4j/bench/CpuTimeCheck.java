package org.conv4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.conv4j.kernels.Blas;
import org.conv4j.runtime.Parallelism;

/**
 * Single-thread cost in CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime}) of the ConvBench
 * and GemmBench workloads: on a machine shared with other jobs, wall-clock time measures the
 * scheduler as much as the code, while one thread's CPU time does not. The peer side is
 * {@code tools/peer_conv.py --cpu} and {@code tools/peer_gemm.py --cpu} (Python's
 * {@code time.thread_time}, one thread). Prints one JSON object per line, like the peer scripts.
 *
 * <pre>java --add-modules jdk.incubator.vector -Xmx4g -cp conv4j-bench/target/benchmarks.jar org.conv4j.bench.CpuTimeCheck [reps]</pre>
 */
public final class CpuTimeCheck {
  private CpuTimeCheck() {}

  public static void main(String[] args) {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    Parallelism.setThreads(1);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (String layer : new String[] {"lenet1", "lenet2", "resnet"}) {
      ConvBench b = new ConvBench();
      b.layer = layer;
      b.threads = 1;
      b.setup();
      emit("conv/" + layer + "/forward", median(mx, reps, b::forward));
      emit("conv/" + layer + "/backward", median(mx, reps, b::backward));
    }
    for (int n : new int[] {1024}) {
      GemmBench g = new GemmBench();
      g.n = n;
      g.threads = 1;
      g.setup();
      double s = median(mx, reps, g::sgemm);
      emitG("sgemm/" + n, s, n);
      double d = median(mx, reps, g::dgemm);
      emitG("dgemm/" + n, d, n);
    }
  }

  private static double median(ThreadMXBean mx, int reps, Runnable body) {
    for (int i = 0; i < Math.max(5, reps / 2); i++) {
      body.run();
    }
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      long t = mx.getCurrentThreadCpuTime();
      body.run();
      ms.add((mx.getCurrentThreadCpuTime() - t) / 1e6);
    }
    Collections.sort(ms);
    return ms.get(ms.size() / 2);
  }

  private static void emit(String bench, double ms) {
    System.out.printf("{\"impl\": \"conv4j %s\", \"bench\": \"%s\", \"threads\": 1, \"cpu_ms\": %.3f}%n", Blas.implementation(), bench, ms);
  }

  private static void emitG(String bench, double ms, int n) {
    System.out.printf("{\"impl\": \"conv4j %s\", \"bench\": \"%s\", \"threads\": 1, \"cpu_ms\": %.3f, \"gflops\": %.1f}%n",
        Blas.implementation(), bench, ms, 2.0 * n * n * n / (ms * 1e6));
  }
}
