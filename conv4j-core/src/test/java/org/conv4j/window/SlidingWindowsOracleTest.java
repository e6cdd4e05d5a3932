package org.conv4j.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.conv4j.match.MatchFixtures;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * sliding_window_view (SPEC §4 and NumPy oracle cases, incl. repeated and negative axes and steps),
 * generic_filter (five functions + the template MSD, all modes, origins, footprints, 1-/2-/3-D) and
 * the window reductions against SciPy ndimage filters and NumPy reductions of strided views.
 */
class SlidingWindowsOracleTest {
  /** Running sums and the two-pass std against NumPy's pairwise sums, relative to max(1, |y|). */
  static final double SUM_TOL = 1e-12;

  static Stream<MatchFixtures.Case> swv() {
    return MatchFixtures.cases("swv").stream();
  }

  static Stream<MatchFixtures.Case> generic() {
    return MatchFixtures.cases("generic").stream();
  }

  static Stream<MatchFixtures.Case> reduce() {
    return MatchFixtures.cases("reduce").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("swv")
  void slidingWindowViewMatchesNumpy(MatchFixtures.Case c) {
    Tensor x = c.array("x");
    Tensor v = SlidingWindows.view(x, c.ints("window"), c.ints("axes"), c.ints("steps"));
    Tensor y = c.array("y");
    assertThat(v.shape()).containsExactly(y.shape());
    assertThat(v.valuesEqual(y)).isTrue();
  }

  static WindowFunction function(MatchFixtures.Case c) {
    return switch (c.arg("fn")) {
      case "mean" -> v -> {
        double s = 0;
        for (double a : v) {
          s += a;
        }
        return s / v.length;
      };
      case "max" -> v -> {
        double m = Double.NEGATIVE_INFINITY;
        for (double a : v) {
          m = Math.max(m, a);
        }
        return m;
      };
      case "median" -> v -> {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
      };
      case "std" -> v -> {
        double s = 0;
        for (double a : v) {
          s += a;
        }
        double m = s / v.length;
        double q = 0;
        for (double a : v) {
          q += (a - m) * (a - m);
        }
        return Math.sqrt(q / v.length);
      };
      case "order" -> v -> {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
          s += v[i] * (i + 1);
        }
        return s;
      };
      case "msd" -> {
        double[] t = c.array("t").toDoubleArray();
        yield v -> {
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            double d = v[i] - t[i];
            s += d * d;
          }
          return s / v.length;
        };
      }
      default -> throw new IllegalArgumentException(c.arg("fn"));
    };
  }

  static WindowSpec spec(MatchFixtures.Case c) {
    WindowSpec s = c.has("fp") ? WindowSpec.footprint(c.array("fp")) : WindowSpec.size(c.ints("size"));
    s = s.mode(c.arg("mode")).cval(Double.parseDouble(c.arg("cval"))).origin(c.ints("origin"));
    if (c.args().containsKey("valid") && c.arg("valid").equals("1")) {
      s = s.valid();
    }
    if (c.args().containsKey("stride")) {
      s = s.stride(c.ints("stride"));
    }
    return s;
  }

  static void assertClose(String what, Tensor got, Tensor want, double tol) {
    assertThat(got.shape()).as(what).containsExactly(want.shape());
    double[] g = got.toDoubleArray();
    double[] w = want.toDoubleArray();
    for (int i = 0; i < w.length; i++) {
      assertThat(Math.abs(g[i] - w[i])).as("%s [%d]: got %s want %s", what, i, g[i], w[i])
          .isLessThanOrEqualTo(tol * Math.max(1, Math.abs(w[i])));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("generic")
  void genericOpMatchesGenericFilter(MatchFixtures.Case c) {
    WindowFunction f = function(c);
    Tensor y = c.array("y");
    for (int threads : new int[] {1, 3}) {
      Tensor r = WindowOp.apply(c.array("x"), spec(c).threads(threads), f);
      assertClose(c + " threads=" + threads, r, y, SUM_TOL);
    }
    if (!c.has("fp")) {
      Tensor v = WindowOp.applyToViews(c.array("x"), spec(c), w -> f.apply(w.toDoubleArray()));
      assertClose(c + " views", v, y, SUM_TOL);
    }
    Tensor f32 = WindowOp.apply(c.array("x"), spec(c).dtype(DType.FLOAT32), f);
    assertThat(f32.dtype()).isEqualTo(DType.FLOAT32);
    assertThat(f32.valuesEqual(WindowOp.apply(c.array("x"), spec(c), f).to(DType.FLOAT32))).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reduce")
  void reductionsMatchNdimageAndNumpy(MatchFixtures.Case c) {
    Tensor x = c.array("x");
    WindowSpec s = spec(c);
    String fn = c.arg("fn");
    Tensor r = switch (fn) {
      case "sum" -> WindowReductions.sum(x, s);
      case "mean" -> WindowReductions.mean(x, s);
      case "var" -> WindowReductions.var(x, s);
      case "std" -> WindowReductions.std(x, s);
      case "min" -> WindowReductions.min(x, s);
      case "max" -> WindowReductions.max(x, s);
      case "argmin" -> WindowReductions.argmin(x, s);
      case "argmax" -> WindowReductions.argmax(x, s);
      case "median" -> WindowReductions.median(x, s);
      case "percentile30" -> WindowReductions.percentile(x, s, 30);
      default -> throw new IllegalArgumentException(fn);
    };
    boolean exact = !(fn.equals("sum") || fn.equals("mean") || fn.equals("var") || fn.equals("std"));
    if (exact) {
      assertThat(r.shape()).containsExactly(c.array("y").shape());
      assertThat(r.valuesEqual(c.array("y"))).as(c.name()).isTrue();
    } else {
      assertClose(c.name(), r, c.array("y"), SUM_TOL);
    }
    Tensor one = switch (fn) {
      case "var" -> WindowReductions.var(x, s.threads(1));
      case "max" -> WindowReductions.max(x, s.threads(1));
      case "median" -> WindowReductions.median(x, s.threads(1));
      default -> r;
    };
    assertThat(one.valuesEqual(r)).as("threads=1 ≡ default").isTrue();
  }

  @Test
  void specExamples() {
    Tensor a = Tensor.arange(DType.FLOAT64, 6);
    assertThat(SlidingWindows.view(a, 3).toString()).isEqualTo(
        Tensor.of(new double[][] {{0, 1, 2}, {1, 2, 3}, {2, 3, 4}, {3, 4, 5}}).toString());
    Tensor x = Tensor.zeros(DType.FLOAT32, 3, 4, 5);
    assertThat(SlidingWindows.view(x, new int[] {2, 2}, new int[] {1, 2}).shape()).containsExactly(3, 3, 4, 2, 2);
    assertThat(SlidingWindows.view(x, new int[] {2, 2}, new int[] {1, 1}).shape()).containsExactly(3, 2, 5, 2, 2);
  }

  @Test
  void viewSharesStorage() {
    Tensor x = Tensor.arange(DType.FLOAT64, 24).reshape(4, 6);
    Tensor v = SlidingWindows.view(x, 3, 3);
    assertThat(org.conv4j.internal.TensorAccess.get().doubles(v))
        .isSameAs(org.conv4j.internal.TensorAccess.get().doubles(x));
  }

  @Test
  void viewErrorsAsNumpy() {
    Tensor x = Tensor.zeros(DType.FLOAT64, 3, 4);
    assertThatThrownBy(() -> SlidingWindows.view(x, 2)).hasMessageContaining("axis is None");
    assertThatThrownBy(() -> SlidingWindows.view(x, 4, 2)).hasMessageContaining("larger than input");
    assertThatThrownBy(() -> SlidingWindows.view(x, -1, 2)).hasMessageContaining("negative");
    assertThatThrownBy(() -> SlidingWindows.view(x, new int[] {2}, new int[] {2})).hasMessageContaining("out of bounds");
    assertThatThrownBy(() -> SlidingWindows.view(x, new int[] {2}, new int[] {0, 1})).hasMessageContaining("entries");
    assertThatThrownBy(() -> SlidingWindows.view(x, new int[] {3, 4}, new int[] {1, 1}))
        .hasMessageContaining("negative number of positions");
  }
}
