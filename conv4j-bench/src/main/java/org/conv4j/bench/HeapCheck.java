package org.conv4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Random;
import org.conv4j.nn.functional.Conv;
import org.conv4j.nn.functional.ConvGrads;
import org.conv4j.nn.functional.ConvParams;
import org.conv4j.nn.functional.GradMask;
import org.conv4j.nn.functional.MaxPool;
import org.conv4j.nn.functional.MaxPoolParams;
import org.conv4j.nn.functional.MaxPoolResult;
import org.conv4j.tensor.Tensor;

/**
 * Peak heap of one LeNet-5 training step's convolution part on a batch of 500 float32 MNIST-sized
 * images: conv1 (1→20, 5×5) + tanh, 2×2 max pool, conv2 (20→50, 5×5) + tanh, 2×2 max pool, a
 * 800→500 tanh layer and a 500→10 layer, forward and backward (every gradient). Run it in a JVM
 * capped at 1 GiB, so finishing at all shows the step fits:
 *
 * <pre>java --add-modules jdk.incubator.vector -Xmx1g -cp conv4j-bench/target/benchmarks.jar org.conv4j.bench.HeapCheck</pre>
 *
 * It prints the heap pools' peak usage (summed over pools, an upper bound on the true peak) after
 * a warm-up step and one measured step, and exits with status 1 if that exceeds 1 GiB.
 */
public final class HeapCheck {
  private HeapCheck() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    Random r = new Random(1);
    Tensor x = ConvBench.rand(r, n, 1, 28, 28);
    Tensor w1 = ConvBench.rand(r, 20, 1, 5, 5).mul(0.2);
    Tensor b1 = ConvBench.rand(r, 20);
    Tensor w2 = ConvBench.rand(r, 50, 20, 5, 5).mul(0.05);
    Tensor b2 = ConvBench.rand(r, 50);
    Tensor w3 = ConvBench.rand(r, 800, 500).mul(0.03);
    Tensor w4 = ConvBench.rand(r, 500, 10).mul(0.05);
    step(x, w1, b1, w2, b2, w3, w4);
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long t = System.nanoTime();
    step(x, w1, b1, w2, b2, w3, w4);
    long ms = (System.nanoTime() - t) / 1_000_000;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    long max = Runtime.getRuntime().maxMemory();
    System.out.printf("LeNet batch %d forward+backward: %d ms, peak heap (sum of pool peaks) %.1f MiB, -Xmx %.0f MiB%n",
        n, ms, peak / 1048576.0, max / 1048576.0);
    if (peak > (1L << 30)) {
      System.out.println("FAIL: over 1 GiB");
      System.exit(1);
    }
  }

  static void step(Tensor x, Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor w3, Tensor w4) {
    ConvParams p = ConvParams.defaults(2);
    MaxPoolParams mp = MaxPoolParams.of(2, 2);
    Tensor a1 = Conv.conv2d(x, w1, b1, p).tanh();
    MaxPoolResult p1 = MaxPool.maxPool2dWithIndices(a1, mp);
    Tensor a2 = Conv.conv2d(p1.output(), w2, b2, p).tanh();
    MaxPoolResult p2 = MaxPool.maxPool2dWithIndices(a2, mp);
    int n = x.dim(0);
    Tensor f = p2.output().reshape(n, 800);
    Tensor h = f.matmul(w3).tanh();
    Tensor out = h.matmul(w4);
    // Backward with a unit upstream gradient at the logits.
    Tensor dOut = Tensor.ones(out.dtype(), out.shape());
    Tensor dh = dOut.matmul(w4.transpose()).mul(Tensor.ones(h.dtype(), h.shape()).sub(h.mul(h)));
    Tensor dw4 = h.transpose().matmul(dOut);
    Tensor dw3 = f.transpose().matmul(dh);
    Tensor df = dh.matmul(w3.transpose()).reshape(p2.output().shape());
    Tensor da2 = MaxPool.backward(df, p2.indices(), a2.shape(), mp);
    Tensor dz2 = da2.mul(Tensor.ones(a2.dtype(), a2.shape()).sub(a2.mul(a2)));
    ConvGrads g2 = Conv.convBackward(p1.output(), w2, dz2, p, GradMask.ALL);
    Tensor da1 = MaxPool.backward(g2.dx(), p1.indices(), a1.shape(), mp);
    Tensor dz1 = da1.mul(Tensor.ones(a1.dtype(), a1.shape()).sub(a1.mul(a1)));
    ConvGrads g1 = Conv.convBackward(x, w1, dz1, p, new GradMask(false, true, true));
    if (dw3.dim(0) + dw4.dim(0) + g1.dw().dim(0) + g2.dw().dim(0) < 0) {
      throw new AssertionError();
    }
  }
}
