package org.conv4j.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every SciPy oracle case of {@code tools/gen_signal_fixtures.py}, through every method that
 * applies: convolve/correlate/batched by DIRECT, FFT, OVERLAP_ADD and AUTO; fftconvolve and
 * oaconvolve (and convolve with the same axes by DIRECT); convolve2d/correlate2d by DIRECT, FFT
 * and AUTO; correlation_lags exactly.
 */
class SignalOracleTest {
  private static final List<Method> ALL = List.of(Method.DIRECT, Method.FFT, Method.OVERLAP_ADD, Method.AUTO);

  @TestFactory
  Stream<DynamicTest> oracles() {
    List<DynamicTest> tests = new ArrayList<>();
    for (SignalFixtures.Case c : SignalFixtures.cases()) {
      switch (c.op()) {
        case "convolve", "correlate" -> {
          for (Method m : ALL) {
            tests.add(DynamicTest.dynamicTest(c.name() + " " + m, () -> {
              Tensor got = c.op().equals("convolve")
                  ? Signal.convolve(c.in1(), c.in2(), c.mode(), m)
                  : Signal.correlate(c.in1(), c.in2(), c.mode(), m);
              SignalFixtures.assertMatches(got, c.out(), c.dtype(), c.name() + " " + m);
            }));
          }
        }
        case "convolve_batched", "correlate_batched" -> {
          for (Method m : ALL) {
            tests.add(DynamicTest.dynamicTest(c.name() + " " + m, () -> {
              Tensor got = c.op().startsWith("convolve")
                  ? Signal.convolveBatched(c.in1(), c.in2(), c.mode(), m)
                  : Signal.correlateBatched(c.in1(), c.in2(), c.mode(), m);
              SignalFixtures.assertMatches(got, c.out(), c.dtype(), c.name() + " " + m);
            }));
          }
        }
        case "fftconvolve", "oaconvolve" -> {
          tests.add(DynamicTest.dynamicTest(c.name(), () -> {
            Tensor got = c.op().equals("fftconvolve")
                ? Signal.fftconvolve(c.in1(), c.in2(), c.mode(), c.axes())
                : Signal.oaconvolve(c.in1(), c.in2(), c.mode(), c.axes());
            SignalFixtures.assertMatches(got, c.out(), c.dtype(), c.name());
          }));
          tests.add(DynamicTest.dynamicTest(c.name() + " DIRECT", () -> SignalFixtures.assertMatches(
              Signal.convolve(c.in1(), c.in2(), c.mode(), Method.DIRECT, c.axes()), c.out(), c.dtype(), c.name())));
        }
        case "convolve2d", "correlate2d" -> {
          for (Method m : List.of(Method.DIRECT, Method.FFT, Method.AUTO)) {
            tests.add(DynamicTest.dynamicTest(c.name() + " " + m, () -> {
              Boundary b = Boundary.parse(c.param("boundary"));
              double fill = Double.parseDouble(c.param("fillvalue"));
              Tensor got = c.op().equals("convolve2d")
                  ? Signal.convolve2d(c.in1(), c.in2(), c.mode(), b, fill, m)
                  : Signal.correlate2d(c.in1(), c.in2(), c.mode(), b, fill, m);
              SignalFixtures.assertMatches(got, c.out(), c.dtype(), c.name() + " " + m);
            }));
          }
        }
        case "correlation_lags" -> tests.add(DynamicTest.dynamicTest(c.name(), () -> {
          int[] lags = Signal.correlationLags(Integer.parseInt(c.param("n1")), Integer.parseInt(c.param("n2")), c.mode());
          double[] want = c.out().toDoubleArray();
          assertThat(lags).hasSize(want.length);
          for (int i = 0; i < want.length; i++) {
            assertThat(lags[i]).isEqualTo((int) want[i]);
          }
        }));
        default -> throw new AssertionError("unknown op " + c.op() + " in case " + c.name());
      }
    }
    return tests.stream();
  }

  /** The fixtures cover every op, mode, boundary spelling, dtype and rank the issue asks for. */
  @Test
  void fixturesCoverTheGrid() {
    Set<String> seen = new TreeSet<>();
    EnumSet<Mode> modes = EnumSet.noneOf(Mode.class);
    for (SignalFixtures.Case c : SignalFixtures.cases()) {
      modes.add(c.mode());
      seen.add(c.op() + "/" + c.dtype().name());
      if (c.params().containsKey("boundary")) {
        seen.add("boundary " + c.param("boundary"));
      }
      if (c.params().containsKey("in")) {
        seen.add("rank " + c.in1().rank());
      }
    }
    assertThat(modes).containsExactlyInAnyOrder(Mode.values());
    assertThat(seen).contains("convolve/FLOAT32", "convolve/FLOAT64", "correlate/FLOAT32", "correlate/FLOAT64",
        "fftconvolve/FLOAT32", "oaconvolve/FLOAT64", "convolve2d/FLOAT32", "correlate2d/FLOAT64",
        "convolve_batched/FLOAT32", "correlate_batched/FLOAT64", "boundary fill", "boundary pad", "boundary wrap",
        "boundary circular", "boundary symm", "boundary symmetric", "rank 1", "rank 2", "rank 3");
  }
}
