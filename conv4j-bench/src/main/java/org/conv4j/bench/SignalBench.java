package org.conv4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.conv4j.signal.Method;
import org.conv4j.signal.Signal;
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
 * {@code Signal.convolve(x, h, 'full', method)} on the grid: 1-D 10⁶ samples × 16/256/4096
 * taps, 2-D 512² × 3²/9²/31², float32 and float64, every method; all of the machine's threads
 * (2 here). The peer, {@code scipy.signal.convolve(method='auto')}, {@code oaconvolve} and
 * {@code fftconvolve} on the same inputs (single-threaded), is {@code tools/bench_signal.py}, run in
 * the same session; {@code tools/bench_signal.sh} runs both and prints the table of
 * docs/BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g"})
public class SignalBench {
  /** {@code 1d_K}: 10⁶ samples × K taps; {@code 2d_K}: 512×512 × K×K. */
  @Param({"1d_16", "1d_256", "1d_4096", "2d_3", "2d_9", "2d_31"})
  public String point;

  @Param({"float32", "float64"})
  public String dtype;

  @Param({"AUTO", "DIRECT", "FFT", "OVERLAP_ADD"})
  public String method;

  private Tensor x;
  private Tensor h;
  private Method m;

  @Setup
  public void setup() {
    String[] p = point.split("_");
    int k = Integer.parseInt(p[1]);
    DType dt = dtype.equals("float32") ? DType.FLOAT32 : DType.FLOAT64;
    if (p[0].equals("1d")) {
      x = rand(dt, 1, 1_000_000);
      h = rand(dt, 2, k);
    } else {
      x = rand(dt, 1, 512, 512);
      h = rand(dt, 2, k, k);
    }
    m = Method.valueOf(method);
  }

  static Tensor rand(DType dt, long seed, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    Tensor t = Tensor.of(new SplittableRandom(seed).doubles(n, -1, 1).toArray(), shape);
    return dt == DType.FLOAT32 ? t.to(DType.FLOAT32) : t;
  }

  @Benchmark
  public Tensor convolve() {
    return Signal.convolve(x, h, org.conv4j.signal.Mode.FULL, m);
  }
}
