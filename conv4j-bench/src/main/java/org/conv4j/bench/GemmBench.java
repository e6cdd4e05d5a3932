package org.conv4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.conv4j.kernels.simd.SimdSgemm;
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
 * Square SGEMM {@code C = A·B} (n×n, single thread) through the Vector API kernel. GFLOP/s =
 * 2n³ / time. The peer, NumPy/OpenBLAS on the same shapes and thread count, is measured in the
 * same run by {@code tools/peer_gemm.py}; see docs/BENCHMARKS.md for the commands.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBench {
  @Param({"256", "512", "1024", "2048"})
  public int n;

  private float[] a;
  private float[] b;
  private float[] c;

  @Setup
  public void setup() {
    Random r = new Random(42);
    a = new float[n * n];
    b = new float[n * n];
    c = new float[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextFloat();
      b[i] = r.nextFloat();
    }
  }

  @Benchmark
  public float[] sgemm() {
    SimdSgemm.gemm(false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n);
    return c;
  }
}
