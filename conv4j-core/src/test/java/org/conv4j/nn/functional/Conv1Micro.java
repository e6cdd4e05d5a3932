package org.conv4j.nn.functional;

import java.util.Random;
import org.conv4j.runtime.Parallelism;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * Times LeNet conv1's forward (500×1×28×28, 20 filters 5×5, bias, float32) and the allocation of
 * its zeroed output, as ConvBench does (not a test). Args: threads seconds [algorithm].
 */
public final class Conv1Micro {
  private Conv1Micro() {}

  interface Body {
    Object run();
  }

  static Object sink;

  static void time(String name, double secs, Body b) {
    long t0 = System.nanoTime();
    int n = 0;
    double[] ts = new double[200000];
    while (System.nanoTime() - t0 < secs * 1e9) {
      long a = System.nanoTime();
      sink = b.run();
      ts[n++] = (System.nanoTime() - a) / 1e6;
    }
    double[] t = java.util.Arrays.copyOf(ts, n);
    java.util.Arrays.sort(t);
    System.out.printf("%-10s %6d runs, median %.3f ms, min %.3f ms%n", name, n, t[n / 2], t[0]);
  }

  static Tensor rand(Random r, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return Tensor.of(a, shape);
  }

  public static void main(String[] args) {
    int threads = Integer.parseInt(args[0]);
    double secs = Double.parseDouble(args[1]);
    Parallelism.setThreads(threads);
    Random r = new Random(7);
    Tensor x = rand(r, 500, 1, 28, 28);
    Tensor w = rand(r, 20, 1, 5, 5);
    Tensor b = rand(r, 20);
    ConvParams p = ConvParams.defaults(2);
    ConvAlgorithm alg = args.length > 2 ? ConvAlgorithm.valueOf(args[2]) : null;
    for (int rep = 0; rep < 2; rep++) {
      time("zeros", secs, () -> Tensor.zeros(DType.FLOAT32, 500, 20, 24, 24));
      time("forward", secs, () -> Conv.conv(x, w, b, p, alg));
      time("fwd-nobias", secs, () -> Conv.conv(x, w, null, p, alg));
    }
  }
}
