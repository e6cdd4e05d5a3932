package org.conv4j.bench;

import java.util.concurrent.TimeUnit;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Rng;
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
 * Baseline costs of the generic tensor layer on LeNet-sized activations (500×20×24×24): a
 * broadcast bias add, tanh, a reduction over the batch, and the plain (non-SIMD) matmul on the
 * hidden layer's shape (500×800 · 800×500). These are the non-convolution parts of a training step;
 * the convolution kernels have their own benchmarks.
 *
 * <p>Run: {@code ./build -q -pl conv4j-bench -am package -DskipTests && java --add-modules
 * jdk.incubator.vector -jar conv4j-bench/target/benchmarks.jar TensorOpsBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TensorOpsBench {
  @Param({"FLOAT32", "FLOAT64"})
  public DType dtype;

  private Tensor act;
  private Tensor bias;
  private Tensor hiddenIn;
  private Tensor hiddenW;

  @Setup
  public void setup() {
    Rng rng = new Rng(23455);
    act = rng.uniform(dtype, -1, 1, 500, 20, 24, 24);
    bias = rng.uniform(dtype, -1, 1, 20, 1, 1);
    hiddenIn = rng.uniform(dtype, -1, 1, 500, 800);
    hiddenW = rng.uniform(dtype, -0.07, 0.07, 800, 500);
  }

  @Benchmark
  public Tensor broadcastAdd() {
    return act.add(bias);
  }

  @Benchmark
  public Tensor tanh() {
    return act.tanh();
  }

  @Benchmark
  public Tensor sumOverBatch() {
    return act.sum(new int[] {0}, false);
  }

  @Benchmark
  public Tensor hiddenMatmul() {
    return hiddenIn.matmul(hiddenW);
  }
}
