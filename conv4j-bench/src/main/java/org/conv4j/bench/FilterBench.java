package org.conv4j.bench;

import java.util.concurrent.TimeUnit;
import org.conv4j.filter.FilterOptions;
import org.conv4j.filter.Filters;
import org.conv4j.filter.Footprint;
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
 * The scipy.ndimage filter bars (issue 6): a 2048×2048 float32 image, window 9 (9×9), default mode
 * {@code reflect}: {@code medianFilter}, {@code uniformFilter}, {@code maximumFilter}, plus a 9×9
 * {@code correlate} for scale. The SciPy peer is {@code tools/bench_filter.py}, which runs this
 * benchmark and SciPy in one session and prints the table of {@code docs/BENCHMARKS.md}.
 *
 * <p>Run: {@code ./build -q -pl conv4j-bench -am package -DskipTests && nice -n -15 java
 * --add-modules jdk.incubator.vector -jar conv4j-bench/target/benchmarks.jar FilterBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class FilterBench {
  @Param({"2048"})
  public int n;

  @Param({"9"})
  public int size;

  @Param({"2"})
  public int threads;

  private Tensor x;
  private Tensor w;
  private FilterOptions options;

  @Setup
  public void setup() {
    x = new Rng(20240611).uniform(DType.FLOAT32, 0, 1, n, n);
    w = new Rng(1).uniform(DType.FLOAT64, -1, 1, size, size);
    options = FilterOptions.defaults().threads(threads);
  }

  @Benchmark
  public Tensor medianFilter() {
    return Filters.medianFilter(x, Footprint.size(size), options);
  }

  @Benchmark
  public Tensor uniformFilter() {
    return Filters.uniformFilter(x, new int[] {size}, options);
  }

  @Benchmark
  public Tensor maximumFilter() {
    return Filters.maximumFilter(x, Footprint.size(size), options);
  }

  @Benchmark
  public Tensor correlate() {
    return Filters.correlate(x, w, options);
  }
}
