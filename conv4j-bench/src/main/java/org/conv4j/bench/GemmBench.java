package org.conv4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.conv4j.kernels.Blas;
import org.conv4j.runtime.Parallelism;
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
 * Square GEMM {@code C = A·B} (n×n) through {@link Blas#sgemmParallel}/{@link Blas#dgemmParallel}
 * (the Vector API kernels) on 1 and 2 threads. GFLOP/s = 2n³ / time. The peer, NumPy/OpenBLAS on
 * the same shapes and thread count, is measured in the same session by {@code tools/peer_gemm.py};
 * {@code tools/bench_all.sh} runs both and prints the ratios (docs/BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBench {
  @Param({"256", "512", "1024", "2048"})
  public int n;

  @Param({"1", "2"})
  public int threads;

  private float[] a;
  private float[] b;
  private float[] c;
  private double[] ad;
  private double[] bd;
  private double[] cd;

  @Setup
  public void setup() {
    Random r = new Random(42);
    a = new float[n * n];
    b = new float[n * n];
    c = new float[n * n];
    ad = new double[n * n];
    bd = new double[n * n];
    cd = new double[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextFloat();
      b[i] = r.nextFloat();
      ad[i] = a[i];
      bd[i] = b[i];
    }
    Parallelism.setThreads(threads);
  }

  @Benchmark
  public float[] sgemm() {
    Blas.sgemmParallel(false, false, n, n, n, a, 0, n, b, 0, n, c, 0, n, false);
    return c;
  }

  @Benchmark
  public double[] dgemm() {
    Blas.dgemmParallel(false, false, n, n, n, ad, 0, n, bd, 0, n, cd, 0, n, false);
    return cd;
  }
}
