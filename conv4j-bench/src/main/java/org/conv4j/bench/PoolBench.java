package org.conv4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.conv4j.nn.functional.AvgPool;
import org.conv4j.nn.functional.AvgPoolParams;
import org.conv4j.nn.functional.MaxPool;
import org.conv4j.nn.functional.MaxPoolParams;
import org.conv4j.nn.functional.MaxPoolResult;
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
 * 2×2 max pooling (stride 2, with indices) and 2×2 average pooling, forward and backward, in float32 on LeNet's feature maps
 * (after conv1: 500×20×24×24; after conv2: 500×50×8×8), at 1 and 2 threads. Peer: PyTorch
 * {@code F.max_pool2d(..., return_indices=True)} and {@code F.avg_pool2d} in {@code tools/peer_conv.py}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class PoolBench {
  @Param({"lenet1", "lenet2"})
  public String maps;

  @Param({"1", "2"})
  public int threads;

  private Tensor x;
  private Tensor dy;
  private MaxPoolResult fwd;
  private final MaxPoolParams p = MaxPoolParams.of(2, 2);
  private final AvgPoolParams ap = AvgPoolParams.of(2, 2);

  @Setup
  public void setup() {
    Random r = new Random(3);
    x = maps.equals("lenet1") ? ConvBench.rand(r, 500, 20, 24, 24) : ConvBench.rand(r, 500, 50, 8, 8);
    fwd = MaxPool.maxPool2dWithIndices(x, p);
    dy = ConvBench.rand(r, fwd.output().shape());
    Parallelism.setThreads(threads);
  }

  @Benchmark
  public MaxPoolResult forward() {
    return MaxPool.maxPool2dWithIndices(x, p);
  }

  @Benchmark
  public Tensor backward() {
    return MaxPool.backward(dy, fwd.indices(), x.shape(), p);
  }

  @Benchmark
  public Tensor avgForward() {
    return AvgPool.avgPool2d(x, ap);
  }

  @Benchmark
  public Tensor avgBackward() {
    return AvgPool.backward(dy, x.shape(), ap);
  }
}
