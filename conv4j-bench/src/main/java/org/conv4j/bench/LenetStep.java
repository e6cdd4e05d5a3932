package org.conv4j.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import org.conv4j.autodiff.Ops;
import org.conv4j.autodiff.Variable;
import org.conv4j.kernels.Blas;
import org.conv4j.nn.FlatParameters;
import org.conv4j.nn.LeNet;
import org.conv4j.nn.NumpyRandomState;
import org.conv4j.nn.Sequential;
import org.conv4j.optim.Sgd;
import org.conv4j.runtime.Parallelism;
import org.conv4j.tensor.Tensor;

/**
 * One LeNet training iteration at the tutorial's settings (batch 500 of 28×28 images, conv 20 5×5
 * → pool 2 → tanh, conv 50 5×5 → pool 2 → tanh, 800→500 tanh, 500→10, mean cross-entropy, plain
 * SGD lr 0.1), timed in wall clock and in the CPU time of all threads of the process; the matching
 * peer is {@code tools/peer_lenet.py}. Synthetic data (uniform pixels, labels i mod 10): the
 * arithmetic does not depend on the values. Prints one JSON line per thread count.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp conv4j-bench/target/benchmarks.jar org.conv4j.bench.LenetStep [iters] [threads...]</pre>
 */
public final class LenetStep {
  private LenetStep() {}

  public static void main(String[] args) {
    int iters = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int[] threads = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray() : new int[] {1, 2};
    int batch = 500;
    float[] px = new float[batch * 28 * 28];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < px.length; i++) {
      px[i] = r.nextFloat();
    }
    Tensor images = Tensor.of(px, batch, 1, 28, 28);
    int[] labels = new int[batch];
    for (int i = 0; i < batch; i++) {
      labels[i] = i % 10;
    }
    for (int t : threads) {
      Parallelism.setThreads(t);
      Sequential net = LeNet.create();
      net.initialize(new NumpyRandomState(23455));
      FlatParameters flat = net.flatParameters();
      Sgd opt = new Sgd(flat, 0.1);
      Runnable step = () -> {
        flat.zeroGrad();
        Variable loss = Ops.crossEntropy(net.forward(Variable.of(images)), labels);
        loss.value().item();
        loss.backward();
        opt.step();
      };
      for (int i = 0; i < Math.max(5, iters / 3); i++) {
        step.run();
      }
      double[] wall = new double[iters];
      double[] cpu = new double[iters];
      for (int i = 0; i < iters; i++) {
        long c0 = processCpu();
        long w0 = System.nanoTime();
        step.run();
        wall[i] = (System.nanoTime() - w0) / 1e6;
        cpu[i] = (processCpu() - c0) / 1e6;
      }
      Arrays.sort(wall);
      Arrays.sort(cpu);
      System.out.printf(Locale.ROOT,
          "{\"impl\": \"conv4j %s\", \"bench\": \"lenet/step\", \"batch\": %d, \"threads\": %d, \"wall_ms\": %.1f,"
              + " \"wall_min_ms\": %.1f, \"cpu_ms\": %.1f, \"epoch_s\": %.1f}%n",
          Blas.implementation(), batch, t, wall[iters / 2], wall[0], cpu[iters / 2], wall[iters / 2] * 100 / 1e3);
    }
    Parallelism.setThreads(Runtime.getRuntime().availableProcessors());
  }

  /** CPU time of all threads of this JVM (workers included; JIT and GC threads too, a small part after warm-up). */
  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
