package org.conv4j.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.conv4j.kernels.WindowLoops;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Views ≡ manual indexing, thread-count independence, loop copies, and the errors of the window ops. */
class WindowOpPropertiesTest {
  @Test
  void viewValuesEqualManualIndexing() {
    Random r = new Random(5);
    for (int trial = 0; trial < 50; trial++) {
      int rank = 1 + r.nextInt(3);
      int[] shape = new int[rank];
      for (int a = 0; a < rank; a++) {
        shape[a] = 2 + r.nextInt(5);
      }
      Tensor x = Tensor.arange(DType.FLOAT64, Tensor.zeros(DType.FLOAT64, shape).size()).reshape(shape);
      if (r.nextBoolean()) {
        x = x.flip(0); // negative strides
      }
      int m = 1 + r.nextInt(2);
      int[] axes = new int[m];
      int[] win = new int[m];
      int[] left = shape.clone();
      for (int i = 0; i < m; i++) {
        axes[i] = r.nextInt(rank);
        win[i] = 1 + r.nextInt(left[axes[i]]);
        left[axes[i]] -= win[i] - 1;
      }
      int[] steps = new int[rank];
      for (int a = 0; a < rank; a++) {
        steps[a] = 1 + r.nextInt(2);
      }
      Tensor v = SlidingWindows.view(x, win, axes, steps);
      int[] vs = v.shape();
      int[] idx = new int[vs.length];
      for (int flat = 0; flat < v.size(); flat++) {
        int rem = flat;
        for (int a = vs.length - 1; a >= 0; a--) {
          idx[a] = rem % vs[a];
          rem /= vs[a];
        }
        int[] src = new int[rank];
        for (int a = 0; a < rank; a++) {
          src[a] = idx[a] * steps[a];
        }
        for (int i = 0; i < m; i++) {
          src[axes[i]] += idx[rank + i];
        }
        assertThat(v.get(idx)).isEqualTo(x.get(src));
      }
    }
  }

  @Test
  void anyThreadCountGivesTheSameBits() {
    Random r = new Random(9);
    double[] v = new double[37 * 41];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextGaussian();
    }
    Tensor x = Tensor.of(v, 37, 41);
    WindowFunction f = w -> {
      double s = 0;
      for (int i = 0; i < w.length; i++) {
        s += w[i] * w[i] * (i + 1);
      }
      return Math.sqrt(s);
    };
    Tensor one = WindowOp.apply(x, WindowSpec.size(4, 5).mode("wrap").threads(1), f);
    for (int t = 2; t <= 5; t++) {
      assertThat(WindowOp.apply(x, WindowSpec.size(4, 5).mode("wrap").threads(t), f).valuesEqual(one)).isTrue();
      assertThat(WindowReductions.std(x, WindowSpec.size(4, 5).threads(t))
          .valuesEqual(WindowReductions.std(x, WindowSpec.size(4, 5).threads(1)))).isTrue();
    }
  }

  @Test
  void slidingFillEqualsViewsEvenWhenTheFunctionScramblesItsBuffer() {
    assertThat(WindowLoops.SLIDE).isTrue();
    Random r = new Random(17);
    for (int trial = 0; trial < 20; trial++) {
      int rank = 1 + r.nextInt(3);
      int[] shape = new int[rank];
      int[] win = new int[rank];
      for (int a = 0; a < rank; a++) {
        shape[a] = 3 + r.nextInt(8);
        win[a] = 1 + r.nextInt(3);
      }
      Tensor x = Tensor.arange(DType.FLOAT64, Tensor.zeros(DType.FLOAT64, shape).size()).reshape(shape).map(Math::cos);
      WindowSpec spec = r.nextBoolean() ? WindowSpec.size(win).valid() : WindowSpec.size(win).mode("reflect");
      // Sorts its buffer (allowed) and weights by position: any stale or scrambled element shows.
      WindowFunction f = w -> {
        double first = w[0];
        double lastV = w[w.length - 1];
        java.util.Arrays.sort(w);
        return first * 3 + lastV * 7 + w[w.length / 2];
      };
      Tensor got = WindowOp.apply(x, spec.threads(1 + r.nextInt(3)), f);
      Tensor want = WindowOp.applyToViews(x, spec, v -> {
        double[] w = v.toDoubleArray();
        double first = w[0];
        double lastV = w[w.length - 1];
        java.util.Arrays.sort(w);
        return first * 3 + lastV * 7 + w[w.length / 2];
      });
      assertThat(got.valuesEqual(want)).as("%s %s", java.util.Arrays.toString(shape), java.util.Arrays.toString(win))
          .isTrue();
    }
  }

  @Test
  void eachFunctionClassGetsItsOwnLoop() {
    assertThat(WindowLoops.cloning()).isTrue();
    WindowFunction a = w -> w[0];
    WindowFunction b = w -> w[1];
    assertThat(WindowLoops.loopFor(a)).isNotSameAs(WindowLoops.loopFor(b));
    assertThat(WindowLoops.loopFor(a)).isSameAs(WindowLoops.loopFor(a));
  }

  @Test
  void stridedGenericEqualsSubsampledUnstrided() {
    Tensor x = Tensor.arange(DType.FLOAT64, 90).reshape(9, 10).map(Math::sin);
    WindowFunction f = w -> w[0] - 2 * w[w.length - 1];
    Tensor full = WindowOp.apply(x, WindowSpec.size(3, 2).mode("mirror"), f);
    Tensor strided = WindowOp.apply(x, WindowSpec.size(3, 2).mode("mirror").stride(2, 3), f);
    assertThat(strided.valuesEqual(full.slice(0, 0, 9, 2).slice(1, 0, 10, 3))).isTrue();
    Tensor s1 = WindowReductions.max(x, WindowSpec.size(3, 2).stride(2, 3));
    assertThat(s1.valuesEqual(WindowReductions.max(x, WindowSpec.size(3, 2)).slice(0, 0, 9, 2).slice(1, 0, 10, 3)))
        .isTrue();
  }

  @Test
  void errors() {
    Tensor x = Tensor.zeros(DType.FLOAT64, 4, 5);
    WindowFunction f = w -> 0;
    assertThatThrownBy(() -> WindowSpec.size(0, 2)).hasMessageContaining("empty window");
    assertThatThrownBy(() -> WindowSpec.footprint(Tensor.zeros(DType.FLOAT64, 2, 2))).hasMessageContaining("empty window");
    assertThatThrownBy(() -> WindowOp.apply(x, WindowSpec.size(3, 3, 3), f)).hasMessageContaining("rank 2");
    assertThatThrownBy(() -> WindowOp.apply(x, WindowSpec.size(3).origin(2), f)).hasMessageContaining("invalid origin");
    assertThatThrownBy(() -> WindowOp.apply(x, WindowSpec.size(5).valid(), f)).hasMessageContaining("larger than the input");
    assertThatThrownBy(() -> WindowOp.apply(Tensor.zeros(DType.FLOAT64, 0, 3), WindowSpec.size(1), f))
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> WindowSpec.size(2).stride(0)).hasMessageContaining("stride");
    assertThatThrownBy(() -> WindowReductions.percentile(x, WindowSpec.size(2), 101)).hasMessageContaining("percentile");
    assertThatThrownBy(() -> WindowOp.apply(x, WindowSpec.size(2), w -> {
      throw new ArithmeticException("boom");
    })).isInstanceOf(ArithmeticException.class).hasMessage("boom");
  }

  @Test
  void nanRules() {
    Tensor x = Tensor.of(new double[] {1, 2, Double.NaN, 4, 5, 6, 7}, 7);
    WindowSpec s = WindowSpec.size(3).valid();
    assertThat(WindowReductions.sum(x, s).toDoubleArray()).containsExactly(Double.NaN, Double.NaN, Double.NaN, 15, 18);
    assertThat(WindowReductions.max(x, s).toDoubleArray()).containsExactly(Double.NaN, Double.NaN, Double.NaN, 6, 7);
    assertThat(WindowReductions.median(x, s).toDoubleArray()).containsExactly(2, 4, 5, 5, 6);
    assertThat(WindowReductions.argmin(x, s).toDoubleArray()).containsExactly(2, 1, 0, 0, 0);
  }
}
