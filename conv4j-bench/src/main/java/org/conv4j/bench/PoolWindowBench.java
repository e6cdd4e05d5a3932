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
 * Pooling whose windows are not uniform 2-D tiles, so it runs the table-driven kernels
 * ({@code PoolTables}): {@code stem} is ResNet's stem max pool (32×64×112×112, 3×3, stride 2,
 * padding 1: overlapping windows clipped at the borders), {@code pool3d} a 3-D pool
 * (8×32×16×56×56, 3×3×3, stride 2, padding 1). Float32, max with indices and average
 * ({@code count_include_pad=True}), forward and backward. Peer: the same calls in PyTorch in
 * {@code tools/peer_conv.py} ({@code pool/stem/...}, {@code pool/pool3d/...}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
// The heap is committed and touched up front: these calls allocate 26–77 MB each, and on this VM a
// growing heap's first touches of fresh pages cost more than the pooling itself (stem forward
// 270–520 ms against 34 ms on a touched heap; docs/BENCHMARKS.md, "Pooling over general windows").
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g", "-Xms4g", "-XX:+AlwaysPreTouch"})
public class PoolWindowBench {
  @Param({"stem", "pool3d"})
  public String maps;

  @Param({"1", "2"})
  public int threads;

  private Tensor x;
  private Tensor dy;
  private MaxPoolResult fwd;
  private MaxPoolParams p;
  private AvgPoolParams ap;

  @Setup
  public void setup() {
    Random r = new Random(5);
    if (maps.equals("stem")) {
      x = ConvBench.rand(r, 32, 64, 112, 112);
      p = MaxPoolParams.ofKernel(3, 3).withStride(2, 2).withPadding(1, 1);
      ap = AvgPoolParams.ofKernel(3, 3).withStride(2, 2).withPadding(1, 1);
    } else {
      x = ConvBench.rand(r, 8, 32, 16, 56, 56);
      p = MaxPoolParams.ofKernel(3, 3, 3).withStride(2, 2, 2).withPadding(1, 1, 1);
      ap = AvgPoolParams.ofKernel(3, 3, 3).withStride(2, 2, 2).withPadding(1, 1, 1);
    }
    fwd = MaxPool.forward(x, p);
    dy = ConvBench.rand(r, fwd.output().shape());
    Parallelism.setThreads(threads);
  }

  @Benchmark
  public MaxPoolResult forward() {
    return MaxPool.forward(x, p);
  }

  @Benchmark
  public Tensor backward() {
    return MaxPool.backward(dy, fwd.indices(), x.shape(), p);
  }

  @Benchmark
  public Tensor avgForward() {
    return AvgPool.forward(x, ap);
  }

  @Benchmark
  public Tensor avgBackward() {
    return AvgPool.backward(dy, x.shape(), ap);
  }
}
