package org.conv4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.conv4j.nn.functional.Conv;
import org.conv4j.nn.functional.ConvAlgorithm;
import org.conv4j.nn.functional.ConvGrads;
import org.conv4j.nn.functional.ConvParams;
import org.conv4j.nn.functional.GradMask;
import org.conv4j.runtime.Parallelism;
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
 * The ResNet 3×3 layer of {@link ConvBench} (32×64×56×56, 64 filters 3×3, padding 1, float32) with
 * the algorithm forced, so {@link ConvAlgorithm#WINOGRAD} and {@link ConvAlgorithm#IMPLICIT_GEMM}
 * are measured side by side in one run: {@code forward} (with bias), {@code backwardInput} (dx
 * only), {@code backwardWeight} (dw only) and {@code backward} (dx, dw, db).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class WinogradBench {
  @Param({"WINOGRAD", "IMPLICIT_GEMM"})
  public String algorithm;

  @Param({"1", "2"})
  public int threads;

  private Tensor x;
  private Tensor w;
  private Tensor b;
  private Tensor dy;
  private ConvParams p;
  private ConvAlgorithm alg;

  @Setup
  public void setup() {
    int[] s = ConvBench.spec("resnet");
    Random r = new Random(7);
    x = ConvBench.rand(r, s[0], s[1], s[2], s[2]);
    w = ConvBench.rand(r, s[3], s[1], s[4], s[4]);
    b = ConvBench.rand(r, s[3]);
    p = ConvParams.defaults(2).withPadding(s[5]);
    int o = s[2] + 2 * s[5] - s[4] + 1;
    dy = ConvBench.rand(r, s[0], s[3], o, o);
    alg = ConvAlgorithm.valueOf(algorithm);
    Parallelism.setThreads(threads);
  }

  @Benchmark
  public Tensor forward() {
    return Conv.conv(x, w, b, p, alg);
  }

  @Benchmark
  public ConvGrads backwardInput() {
    return Conv.convBackward(x, w, dy, p, GradMask.INPUT, alg);
  }

  @Benchmark
  public ConvGrads backwardWeight() {
    return Conv.convBackward(x, w, dy, p, GradMask.WEIGHT, alg);
  }

  @Benchmark
  public ConvGrads backward() {
    return Conv.convBackward(x, w, dy, p, GradMask.ALL, alg);
  }
}
