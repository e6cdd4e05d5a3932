package org.conv4j.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every metric against the NumPy definitions (1-/2-/3-D, channels, 0/1 and weighted masks,
 * constant windows and a constant template) and against OpenCV 4.6 {@code matchTemplate} where it
 * applies, by every method and thread count.
 */
class MatchOracleTest {
  /** float64 data: the NumPy reference sums in another order; relative to the largest score. */
  static final double F64_TOL = 1e-12;
  /** float32 data (scores in float32, correlations accumulated in float32). */
  static final double F32_TOL = 2e-6;
  /** OpenCV (float32 DFT/direct arithmetic) against our float32 scores, relative to the largest score. */
  static final double CV_TOL = 2e-6;

  static Stream<MatchFixtures.Case> cases() {
    return MatchFixtures.cases("match").stream();
  }

  static Tensor run(MatchFixtures.Case c, MatchMethod method, int threads) {
    MatchOptions o = MatchOptions.defaults().method(method).threads(threads)
        .channels(c.arg("channels").equals("1"));
    if (c.has("m")) {
      o = o.mask(c.array("m"));
    }
    return TemplateMatch.match(c.array("x"), c.array("t"), Metric.parse(c.arg("metric")), o);
  }

  static void assertClose(String what, Tensor got, Tensor want, double tol) {
    assertThat(got.shape()).as(what + " shape").containsExactly(want.shape());
    double[] g = got.toDoubleArray();
    double[] w = want.toDoubleArray();
    double scale = 1e-30;
    for (double v : w) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < w.length; i++) {
      assertThat(Math.abs(g[i] - w[i])).as("%s [%d]: got %s want %s", what, i, g[i], w[i])
          .isLessThanOrEqualTo(tol * Math.max(scale, 1.0));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesNumpyByEveryMethodAndThreadCount(MatchFixtures.Case c) {
    DType dt = DType.promote(c.array("x").dtype(), c.array("t").dtype());
    double tol = dt == DType.FLOAT32 ? F32_TOL : F64_TOL;
    Tensor first = null;
    for (MatchMethod m : List.of(MatchMethod.AUTO, MatchMethod.DIRECT, MatchMethod.DECOMPOSITION)) {
      for (int threads : new int[] {1, 3}) {
        Tensor r = run(c, m, threads);
        assertThat(r.dtype()).isEqualTo(dt);
        assertClose(c + " " + m + " threads=" + threads, r, c.array("y"), tol);
        if (threads == 1) {
          first = r;
        } else {
          assertThat(r.valuesEqual(first)).as("%s %s: threads=3 ≡ threads=1", c, m).isTrue();
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesOpenCv(MatchFixtures.Case c) {
    if (!c.has("cv")) {
      return;
    }
    assertClose(c + " vs OpenCV", run(c, MatchMethod.AUTO, 2), c.array("cv"), CV_TOL);
  }

  @Test
  void openCvValuesArePresent() {
    long n = cases().filter(c -> c.has("cv")).count();
    assertThat(n).as("OpenCV fixtures (regenerate with python3-opencv installed)").isGreaterThanOrEqualTo(38);
  }
}
