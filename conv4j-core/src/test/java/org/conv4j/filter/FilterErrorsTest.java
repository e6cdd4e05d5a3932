package org.conv4j.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Bad arguments give an {@link IllegalArgumentException} naming the argument, the shapes and SciPy's rule. */
class FilterErrorsTest {
  private static final Tensor X = Tensor.arange(DType.FLOAT64, 12).reshape(3, 4);
  private static final FilterOptions D = FilterOptions.defaults();

  @Test
  void originOutsideTheWindow() {
    assertThatThrownBy(() -> Filters.correlate(X, Tensor.ones(DType.FLOAT64, 3, 4), D.origins(0, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("correlate").hasMessageContaining("invalid origin 2 on axis 1")
        .hasMessageContaining("[3, 4]").hasMessageContaining("-(weights.shape[k] // 2) <= origin[k]")
        .hasMessageContaining("-2 to 1");
    assertThatThrownBy(() -> Filters.convolve(X, Tensor.ones(DType.FLOAT64, 3, 4), D.origins(0, -3)))
        .hasMessageContaining("convolve").hasMessageContaining("invalid origin -3 on axis 1");
    assertThatThrownBy(() -> Filters.correlate1d(X, new double[] {1, 2}, 0, D.origin(1)))
        .hasMessageContaining("correlate1d: invalid origin 1 for weights of length 2")
        .hasMessageContaining("-(len(weights) // 2) <= origin <= (len(weights) - 1) // 2");
    assertThatThrownBy(() -> Filters.uniformFilter(X, new int[] {3}, D.origin(2)))
        .hasMessageContaining("uniform_filter: invalid origin 2 for size 3 on axis 0")
        .hasMessageContaining("0 <= size // 2 + origin < size");
    assertThatThrownBy(() -> Filters.medianFilter(X, Footprint.size(4), D.origin(-3)))
        .hasMessageContaining("median_filter: invalid origin -3").hasMessageContaining("footprint of shape [4, 4]");
    assertThatThrownBy(() -> Filters.maximumFilter1d(X, 2, 1, D.origin(1)))
        .hasMessageContaining("maximum_filter1d: invalid origin 1 for size 2 on axis 1");
  }

  @Test
  void rankMismatch() {
    assertThatThrownBy(() -> Filters.correlate(X, Tensor.ones(DType.FLOAT64, 3), D))
        .hasMessageContaining("weights.ndim (1) must match len(axes) (2)")
        .hasMessageContaining("weights shape [3], input shape [3, 4], axes [0, 1]");
    assertThatThrownBy(() -> Filters.medianFilter(X, Footprint.of(new boolean[] {true, true}, 2), D))
        .hasMessageContaining("footprint.ndim (1) must match len(axes) (2)");
    assertThatThrownBy(() -> Filters.uniformFilter(X, new int[] {3, 3, 3}, D))
        .hasMessageContaining("size [3, 3, 3] has 3 values but 2 axes are filtered");
    assertThatThrownBy(() -> Filters.correlate(X, Tensor.ones(DType.FLOAT64, 3), D.axes(0, 5)))
        .hasMessageContaining("specified axis 5 is out of range for an input of rank 2");
    assertThatThrownBy(() -> Filters.correlate(X, Tensor.ones(DType.FLOAT64, 3, 3), D.axes(0, -2)))
        .hasMessageContaining("axes must be unique");
    assertThatThrownBy(() -> Filters.uniformFilter1d(X, 3, 2, D))
        .hasMessageContaining("axis 2 is out of bounds for an input of rank 2");
    assertThatThrownBy(() -> Filters.medianFilter(Tensor.scalar(1.0), 3))
        .hasMessageContaining("at least one axis");
  }

  @Test
  void zeroSizeWindowAxes() {
    assertThatThrownBy(() -> Filters.correlate(X, Tensor.zeros(DType.FLOAT64, 0, 2), D))
        .hasMessageContaining("weights of shape [0, 2] have a zero-size axis");
    assertThatThrownBy(() -> Footprint.size(3, 0)).hasMessageContaining("every size must be at least 1");
    assertThatThrownBy(() -> Footprint.of(new boolean[0], 0, 2)).hasMessageContaining("zero-size axis");
    assertThatThrownBy(() -> Filters.correlate1d(X, new double[0], 0, D)).hasMessageContaining("no filter weights");
    assertThatThrownBy(() -> Filters.uniformFilter1d(X, 0, 0, D)).hasMessageContaining("incorrect filter size");
    assertThatThrownBy(() -> Filters.uniformFilter(X, new int[] {3, 0}, D)).hasMessageContaining("at least 1");
  }

  @Test
  void zeroSizeInputGivesAnEmptyOutputAsScipy() {
    Tensor empty = Tensor.zeros(DType.FLOAT32, 0, 5);
    assertThat(Filters.medianFilter(empty, 3).shape()).containsExactly(0, 5);
    assertThat(Filters.correlate(empty, Tensor.ones(DType.FLOAT64, 2, 2)).dtype()).isEqualTo(DType.FLOAT32);
    assertThat(Filters.uniformFilter(empty, 3).size()).isZero();
  }

  @Test
  void footprintNotBoolean() {
    Tensor bad = Tensor.of(new double[] {1, 0, 2, 1}, 2, 2);
    assertThatThrownBy(() -> Footprint.of(bad))
        .hasMessageContaining("footprint must be boolean (every value 0 or 1)")
        .hasMessageContaining("element 2").hasMessageContaining("shape [2, 2]").hasMessageContaining("2.0");
    assertThatThrownBy(() -> Filters.maximumFilter(X, Footprint.of(new boolean[4], 2, 2), D))
        .hasMessageContaining("all-zero footprint");
  }

  @Test
  void percentileOutsideRange() {
    for (double p : new double[] {100.5, -100.5, Double.NaN}) {
      assertThatThrownBy(() -> Filters.percentileFilter(X, p, Footprint.size(3), D))
          .hasMessageContaining("percentile_filter: invalid percentile").hasMessageContaining("0 <= percentile <= 100");
    }
  }

  @Test
  void rankOutsideTheFootprint() {
    assertThatThrownBy(() -> Filters.rankFilter(X, 9, Footprint.size(3), D))
        .hasMessageContaining("rank 9 is not within the footprint size 9").hasMessageContaining("0 <= rank < n");
    assertThatThrownBy(() -> Filters.rankFilter(X, -10, Footprint.size(3), D))
        .hasMessageContaining("rank -10 is not within the footprint size 9");
  }

  @Test
  void sequenceOfModesOnlyWhereScipyAllowsIt() {
    FilterOptions seq = D.modes("wrap", "constant");
    assertThatThrownBy(() -> Filters.correlate(X, Tensor.ones(DType.FLOAT64, 2, 2), seq))
        .hasMessageContaining("A sequence of modes is not supported");
    assertThatThrownBy(() -> Filters.medianFilter(X, Footprint.size(3), seq))
        .hasMessageContaining("not supported by non-separable rank filters");
    assertThatThrownBy(() -> Filters.minimumFilter(X, Footprint.of(new boolean[] {true, false, true, true}, 2, 2), seq))
        .hasMessageContaining("non-separable footprints");
    assertThat(Filters.uniformFilter(X, new int[] {3}, seq).shape()).containsExactly(3, 4);
    assertThat(Filters.maximumFilter(X, Footprint.size(2, 3), seq).shape()).containsExactly(3, 4);
    assertThat(Filters.rankFilter(X, 0, Footprint.size(3), seq).shape()).containsExactly(3, 4);
    assertThatThrownBy(() -> D.mode("bogus")).hasMessageContaining("'bogus'").hasMessageContaining("grid-constant");
  }
}
