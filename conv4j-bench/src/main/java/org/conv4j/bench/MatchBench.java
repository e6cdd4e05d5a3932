package org.conv4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.conv4j.match.MatchMethod;
import org.conv4j.match.MatchOptions;
import org.conv4j.match.Metric;
import org.conv4j.match.TemplateMatch;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.conv4j.window.WindowFunction;
import org.conv4j.window.WindowOp;
import org.conv4j.window.WindowSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Template matching and the generic window op on the workloads, all threads (2 on the
 * development machine). Peers ({@code tools/bench_match.py}: OpenCV {@code matchTemplate}, SciPy's
 * best decomposition, {@code ndimage.generic_filter}) run in the same session; docs/BENCHMARKS.md
 * has the commands and the table.
 *
 * <ul>
 *   <li>{@code seedMsd*}: SPEC §8.1, 500×500 image, 10×10 template, MSD ({@code AUTO}).
 *   <li>{@code big*}: 2048×2048 uniform random float32 image, 31×31 template, SSD and
 *       CCOEFF_NORMED (OpenCV TM_SQDIFF / TM_CCOEFF_NORMED); {@code AUTO} picks the FFT method,
 *       {@code bigSsdFloat32Direct} forces the direct correlation for comparison.
 *   <li>{@code generic*}: the seed MSD as a plain Java lambda through {@link WindowOp#apply}, after
 *       three other lambdas went through the same op (a realistic, polluted type profile). With the
 *       per-function loop copies (default) and, in a JVM with {@code -Dconv4j.window.clone=false},
 *       with one shared loop: the difference is the cost of a megamorphic, non-inlined call; and
 *       with {@code -Dconv4j.window.slide=false}, every window gathered afresh instead of slid.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class MatchBench {
  Tensor z64;
  Tensor x064;
  Tensor z32;
  Tensor x032;
  Tensor big;
  Tensor bigT;
  double[] t;
  WindowFunction msd;

  @Setup(Level.Trial)
  public void setup() {
    double[] v = new double[500 * 500];
    for (int i = 0; i < 500; i++) {
      for (int j = 0; j < 500; j++) {
        v[i * 500 + j] = (3L * i * i + 5L * j * j + 7L * i * j + 11L * i + 13L * j) % 1009;
      }
    }
    z64 = Tensor.of(v, 500, 500);
    x064 = z64.slice(0, 123, 133, 1).slice(1, 321, 331, 1).contiguous();
    z32 = z64.to(DType.FLOAT32);
    x032 = x064.to(DType.FLOAT32);
    Random r = new Random(1);
    float[] b = new float[2048 * 2048];
    for (int i = 0; i < b.length; i++) {
      b[i] = r.nextFloat();
    }
    big = Tensor.of(b, 2048, 2048);
    bigT = big.slice(0, 1000, 1031, 1).slice(1, 700, 731, 1).contiguous();
    t = x064.toDoubleArray();
    double[] tt = t;
    msd = w -> {
      double s = 0;
      for (int i = 0; i < w.length; i++) {
        double d = w[i] - tt[i];
        s += d * d;
      }
      return s / w.length;
    };
    // Pollute the loop's profile the way an application would: other functions first.
    Tensor small = z64.slice(0, 0, 60, 1).slice(1, 0, 60, 1);
    WindowSpec ws = WindowSpec.size(10, 10).valid();
    for (int rep = 0; rep < 30; rep++) {
      WindowOp.apply(small, ws, w -> w[0] + w[w.length - 1]);
      WindowOp.apply(small, ws, w -> {
        double m = w[0];
        for (double a : w) {
          m = Math.max(m, a);
        }
        return m;
      });
      WindowOp.apply(small, ws, w -> {
        double s = 0;
        for (double a : w) {
          s += a;
        }
        return s;
      });
    }
  }

  @Benchmark
  public Tensor seedMsdFloat32() {
    return TemplateMatch.match(z32, x032, Metric.MSD);
  }

  @Benchmark
  public Tensor seedMsdFloat64() {
    return TemplateMatch.match(z64, x064, Metric.MSD);
  }

  @Benchmark
  public Tensor seedMsdFloat32OneThread() {
    return TemplateMatch.match(z32, x032, Metric.MSD, MatchOptions.defaults().threads(1));
  }

  @Benchmark
  public Tensor bigSsdFloat32() {
    return TemplateMatch.match(big, bigT, Metric.SSD);
  }

  @Benchmark
  public Tensor bigCcoeffNormedFloat32() {
    return TemplateMatch.match(big, bigT, Metric.CCOEFF_NORMED);
  }

  @Benchmark
  public Tensor genericMsdLambda() {
    return WindowOp.apply(z64, WindowSpec.size(10, 10).valid(), msd);
  }

  @Benchmark
  @Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g", "-Dconv4j.window.clone=false"})
  public Tensor genericMsdLambdaSharedLoop() {
    return WindowOp.apply(z64, WindowSpec.size(10, 10).valid(), msd);
  }

  @Benchmark
  @Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g", "-Dconv4j.window.slide=false"})
  public Tensor genericMsdLambdaGatherFill() {
    return WindowOp.apply(z64, WindowSpec.size(10, 10).valid(), msd);
  }

  @Benchmark
  public Tensor bigSsdFloat32Direct() {
    return TemplateMatch.match(big, bigT, Metric.SSD, MatchOptions.defaults().method(MatchMethod.DECOMPOSITION));
  }
}
