package org.conv4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.conv4j.nn.functional.Conv;
import org.conv4j.nn.functional.ConvGrads;
import org.conv4j.nn.functional.ConvParams;
import org.conv4j.nn.functional.GradMask;
import org.conv4j.runtime.Parallelism;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code conv2d} forward (with bias) and backward (dx, dw and db) in float32 on the real layer
 * shapes, at 1 and 2 threads:
 * <ul>
 *   <li>{@code lenet1}: 500×1×28×28, 20 filters 5×5 (the sliding-window kernel; its input
 *       gradient through the batched GEMM with fused col2im);
 *   <li>{@code lenet2}: 500×20×12×12, 50 filters 5×5 (forward: the row Winograd F(4, 5) of
 *       {@code ROW_VECTOR}; backward: batched GEMM, im2col fused into the packing);
 *   <li>{@code resnet}: 32×64×56×56, 64 filters 3×3, padding 1 (implicit GEMM over zero-haloed planes).
 * </ul>
 * The peer, PyTorch 1.13 CPU, runs the same workloads in {@code tools/peer_conv.py}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class ConvBench {
  @Param({"lenet1", "lenet2", "resnet"})
  public String layer;

  @Param({"1", "2"})
  public int threads;

  private Tensor x;
  private Tensor w;
  private Tensor b;
  private Tensor dy;
  private ConvParams p;

  /** {n, c, h, oc, k, pad} of each layer. */
  static int[] spec(String layer) {
    return switch (layer) {
      case "lenet1" -> new int[] {500, 1, 28, 20, 5, 0};
      case "lenet2" -> new int[] {500, 20, 12, 50, 5, 0};
      case "resnet" -> new int[] {32, 64, 56, 64, 3, 1};
      default -> throw new IllegalArgumentException(layer);
    };
  }

  @Setup
  public void setup() {
    int[] s = spec(layer);
    Random r = new Random(7);
    x = rand(r, s[0], s[1], s[2], s[2]);
    w = rand(r, s[3], s[1], s[4], s[4]);
    b = rand(r, s[3]);
    p = ConvParams.defaults(2).withPadding(s[5]);
    int o = s[2] + 2 * s[5] - s[4] + 1;
    dy = rand(r, s[0], s[3], o, o);
    Parallelism.setThreads(threads);
  }

  @Benchmark
  public Tensor forward() {
    return Conv.conv2d(x, w, b, p);
  }

  @Benchmark
  public ConvGrads backward() {
    return Conv.convBackward(x, w, dy, p, GradMask.ALL);
  }

  Tensor x() {
    return x;
  }

  Tensor w() {
    return w;
  }

  Tensor dy() {
    return dy;
  }

  ConvParams p() {
    return p;
  }

  static Tensor rand(Random r, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    double[] dv = new double[n];
    for (int i = 0; i < n; i++) {
      dv[i] = v[i];
    }
    return Tensor.of(dv, shape).to(DType.FLOAT32);
  }
}
