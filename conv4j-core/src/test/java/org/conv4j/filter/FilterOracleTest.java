package org.conv4j.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of {@code tools/gen_filter_fixtures.py} against SciPy's output (or, for the NaN cases,
 * numpy's sorted-window value), with per-op tolerances:
 * <ul>
 *   <li>uniform, minimum, maximum, median, percentile, rank: <b>bit-exact</b> (the running sum is
 *       SciPy's order; selections return an input value);
 *   <li>correlate, convolve and their 1-D forms: {@link #F64_SUM} / {@link #F32_SUM} relative to
 *       {@code 1 + |expected|}, because SciPy's {@code correlate1d} folds symmetric and antisymmetric
 *       kernels ({@code (x[i−j] ± x[i+j])·w}), which reorders the sum.
 * </ul>
 */
class FilterOracleTest {
  /** float64 sums: a few ulps of reordering over at most 42 terms of magnitude ~1. */
  static final double F64_SUM = 1e-13;
  /** float32 sums: the double sums differ by reordering, then round once: at most 1 float32 ulp apart. */
  static final double F32_SUM = 2.5e-7;

  @TestFactory
  Stream<DynamicTest> everyCaseMatchesScipy() {
    return FilterFixtures.cases().stream()
        .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c, FilterFixtures.run(c, c.options()))));
  }

  /** The thread count does not change a single bit: every case again on 3 threads. */
  @TestFactory
  Stream<DynamicTest> everyCaseOnThreeThreadsEqualsOneThread() {
    return FilterFixtures.cases().stream().filter(c -> c.input().size() > 200)
        .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
          Tensor one = FilterFixtures.run(c, c.options().threads(1));
          Tensor three = FilterFixtures.run(c, c.options().threads(3));
          assertThat(three.toDoubleArray()).as(c.toString()).containsExactly(one.toDoubleArray());
        }));
  }

  @Test
  void fixturesCoverEveryOpModeAndDtype() {
    Map<String, Integer> seen = new TreeMap<>();
    for (FilterFixtures.Case c : FilterFixtures.cases()) {
      String mode = c.has("mode") ? c.get("mode") : "seq";
      seen.merge(c.op() + "/" + mode + "/" + c.dtype(), 1, Integer::sum);
    }
    for (String op : List.of("correlate", "convolve", "correlate1d", "convolve1d", "uniform", "uniform1d", "minimum",
        "maximum", "minimum1d", "maximum1d", "median")) {
      for (String mode : List.of("reflect", "constant", "nearest", "mirror", "wrap", "grid-wrap", "grid-constant",
          "grid-mirror")) {
        for (DType dt : DType.values()) {
          assertThat(seen).as("fixture for %s/%s/%s", op, mode, dt).containsKey(op + "/" + mode + "/" + dt);
        }
      }
    }
    assertThat(FilterFixtures.cases().stream().map(FilterFixtures.Case::op).distinct())
        .contains("percentile", "rank");
  }

  static void check(FilterFixtures.Case c, Tensor actual) {
    Tensor expected = c.expected();
    assertThat(actual.shape()).as(c + " shape").containsExactly(expected.shape());
    assertThat(actual.dtype()).as(c + " dtype").isEqualTo(c.dtype());
    double[] a = actual.toDoubleArray();
    double[] e = expected.toDoubleArray();
    boolean sum = c.op().startsWith("correlate") || c.op().startsWith("convolve");
    double tol = !sum ? 0 : c.dtype() == DType.FLOAT32 ? F32_SUM : F64_SUM;
    for (int i = 0; i < a.length; i++) {
      boolean ok = tol == 0
          ? Double.compare(a[i], e[i]) == 0 || (a[i] == e[i]) // -0.0 == 0.0 is accepted for selections
          : Math.abs(a[i] - e[i]) <= tol * (1 + Math.abs(e[i]));
      if (!ok) {
        fail(c + ": element " + i + " is " + a[i] + ", SciPy " + e[i] + " (tolerance " + tol + ")\n actual   "
            + java.util.Arrays.toString(a) + "\n expected " + java.util.Arrays.toString(e));
      }
    }
  }
}
