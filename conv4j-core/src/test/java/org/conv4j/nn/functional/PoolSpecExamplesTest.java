package org.conv4j.nn.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The worked examples of SPEC §5.5 and §6.2, value for value, plus the tie, NaN and all-padding
 * rules on inputs small enough to check by hand.
 */
class PoolSpecExamplesTest {
  /** Hand-computed values are exact in float64 up to the last bit of a division. */
  private static final double EXACT = 1e-15;
  /** The SPEC prints average_inc_pad to three decimals. */
  private static final double SPEC_PRINTED = 5e-4;

  private static Tensor oneToSix(DType dtype) {
    return Tensor.arange(dtype, 1, 7, 1).reshape(1, 1, 6);
  }

  private static AvgPoolParams k3s2p1() {
    return AvgPoolParams.of(1, 3).withStride(2).withPadding(1);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void avgPoolTableOfSpec55(DType dtype) {
    Tensor x = oneToSix(dtype);
    assertThat(AvgPool.avgPool1d(x, k3s2p1()).toDoubleArray()).containsExactly(new double[] {1, 3, 5}, within(EXACT));
    assertThat(AvgPool.avgPool1d(x, k3s2p1().withCountIncludePad(false)).toDoubleArray())
        .containsExactly(new double[] {1.5, 3, 5}, within(EXACT));
    assertThat(AvgPool.avgPool1d(x, k3s2p1().withCeilMode(true)).toDoubleArray())
        .containsExactly(new double[] {1, 3, 5, 3}, within(EXACT));
    assertThat(AvgPool.avgPool1d(x, k3s2p1().withCeilMode(true).withCountIncludePad(false)).toDoubleArray())
        .containsExactly(new double[] {1.5, 3, 5, 6}, within(EXACT));
    assertThat(AvgPool.avgPool1d(x, k3s2p1()).dtype()).isEqualTo(dtype);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void maxPoolCeilOfSpec55WithIndices(DType dtype) {
    MaxPoolParams p = MaxPoolParams.of(1, 3).withStride(2).withPadding(1).withCeilMode(true);
    MaxPoolResult r = MaxPool.maxPool1dWithIndices(oneToSix(dtype), p);
    assertThat(r.output().toDoubleArray()).containsExactly(2, 4, 6, 6);
    assertThat(r.output().dtype()).isEqualTo(dtype);
    assertThat(r.indices().dtype()).isEqualTo(DType.FLOAT64);
    assertThat(r.indexArray()).containsExactly(1, 3, 5, 5);
    assertThat(r.indexLongs()).containsExactly(1L, 3L, 5L, 5L);
    assertThat(MaxPool.maxPool1d(oneToSix(dtype), p).toDoubleArray()).containsExactly(2, 4, 6, 6);
  }

  @Test
  void maxPoolBackwardAccumulatesWhereWindowsShareTheArgmax() {
    MaxPoolParams p = MaxPoolParams.of(1, 3).withStride(2).withPadding(1).withCeilMode(true);
    Tensor x = oneToSix(DType.FLOAT64);
    MaxPoolResult r = MaxPool.maxPool1dWithIndices(x, p);
    Tensor dy = Tensor.of(new double[] {1, 10, 100, 1000}, 1, 1, 4);
    assertThat(MaxPool.backward(dy, r.indices(), x.shape(), p).toDoubleArray()).containsExactly(0, 1, 0, 10, 0, 1100);
  }

  @Test
  void avgPoolBackwardCeilModeDividesTheOverhangWindowByItsPoolSize() {
    // windows [-1,2) [1,4) [3,6) [5,7): pool sizes 3, 3, 3, 2 (the last stops at L + p = 7)
    AvgPoolParams p = k3s2p1().withCeilMode(true);
    Tensor dx = AvgPool.backward(Tensor.ones(DType.FLOAT64, 1, 1, 4), new int[] {1, 1, 6}, p);
    assertThat(dx.toDoubleArray())
        .containsExactly(new double[] {1 / 3.0, 2 / 3.0, 1 / 3.0, 2 / 3.0, 1 / 3.0, 1 / 3.0 + 1 / 2.0}, within(EXACT));
  }

  @Test
  void divisorOverrideReplacesEveryDivisor() {
    Tensor y = AvgPool.avgPool1d(oneToSix(DType.FLOAT64), k3s2p1().withCeilMode(true).withDivisorOverride(2));
    assertThat(y.toDoubleArray()).containsExactly(1.5, 4.5, 7.5, 3);
  }

  @Test
  void tiesGoToTheFirstTapInRowMajorOrder() {
    Tensor x = Tensor.of(new double[] {7, 1, 7, 7, 0, 3, 3, 3, 3}, 1, 3, 3);
    MaxPoolResult r = MaxPool.maxPool2dWithIndices(x, MaxPoolParams.of(2, 2).withStride(1));
    assertThat(r.output().toDoubleArray()).containsExactly(7, 7, 7, 3);
    assertThat(r.indexArray()).containsExactly(0, 2, 3, 5);
  }

  @Test
  void nanPropagatesAndTheLastNanIndexIsKept() {
    double nan = Double.NaN;
    Tensor x = Tensor.of(new double[] {nan, 1, nan, 5, 1, nan, 2}, 1, 7);
    MaxPoolResult r = MaxPool.maxPool1dWithIndices(x, MaxPoolParams.of(1, 3).withStride(2));
    // windows [nan 1 nan], [nan 5 1], [1 nan 2]
    assertThat(r.output().toDoubleArray()).containsExactly(nan, nan, nan);
    assertThat(r.indexArray()).containsExactly(2, 2, 5);
    Tensor dx = MaxPool.backward(Tensor.ones(DType.FLOAT64, 1, 3), r.indices(), x.shape(), MaxPoolParams.of(1, 3).withStride(2));
    assertThat(dx.toDoubleArray()).containsExactly(0, 0, 2, 0, 0, 1, 0);
  }

  @Test
  void aWindowOfOnlyPaddingGivesMinusInfinityAndIndexMinusOne() {
    // L = 1, k = 2, p = 1, d = 2: the only window has taps -1 and 1, both outside the input
    MaxPoolParams p = MaxPoolParams.of(1, 2).withPadding(1).withDilation(2);
    Tensor x = Tensor.of(new double[] {4}, 1, 1);
    MaxPoolResult r = MaxPool.maxPool1dWithIndices(x, p);
    assertThat(r.output().toDoubleArray()).containsExactly(Double.NEGATIVE_INFINITY);
    assertThat(r.indexArray()).containsExactly(-1);
    assertThat(MaxPool.backward(Tensor.ones(DType.FLOAT64, 1, 1), r.indices(), x.shape(), p).toDoubleArray())
        .containsExactly(0);
  }

  @Test
  void indicesAreOffsetsIntoTheUnpaddedPlaneIn3d() {
    Tensor x = Tensor.arange(DType.FLOAT32, 2 * 3 * 4 * 5).reshape(2, 1, 3, 4, 5);
    MaxPoolResult r = MaxPool.maxPool3dWithIndices(x, MaxPoolParams.of(3, 2).withPadding(1));
    // the window maximum of an increasing ramp is its last in-bounds element: t·H·W + h·W + w
    int[] idx = r.indexArray();
    double[] y = r.output().toDoubleArray();
    int plane = 3 * 4 * 5;
    for (int i = 0; i < idx.length; i++) {
      int n = i / (r.output().size() / 2);
      assertThat(y[i]).isEqualTo(n * plane + idx[i]);
    }
    assertThat(r.output().shape()).containsExactly(2, 1, 2, 3, 3);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void theanoAveragesOnTheFiveByFiveGridOfSpec62(DType dtype) {
    Tensor g = Tensor.arange(dtype, 1, 26, 1).reshape(5, 5);
    TheanoPoolParams p = TheanoPoolParams.of(3, 3).withIgnoreBorder(true).withStride(2).withPad(1);
    Tensor exc = TheanoPool.pool2d(g, p.withMode(TheanoPoolMode.AVERAGE_EXC_PAD));
    assertThat(exc.shape()).containsExactly(3, 3);
    assertThat(exc.toDoubleArray()).containsExactly(new double[] {4, 5.5, 7, 11.5, 13, 14.5, 19, 20.5, 22}, within(1e-6));
    Tensor inc = TheanoPool.pool2d(g, p.withMode(TheanoPoolMode.AVERAGE_INC_PAD));
    assertThat(inc.select(0, 0).toDoubleArray()).containsExactly(new double[] {1.778, 3.667, 3.111}, within(SPEC_PRINTED));
    assertThat(inc.select(0, 0).toDoubleArray()).containsExactly(new double[] {16 / 9.0, 33 / 9.0, 28 / 9.0}, within(1e-6));
  }

  @Test
  void theanoSumAndMaxIgnorePaddingAndPartialWindowsCount() {
    Tensor g = Tensor.arange(DType.FLOAT64, 1, 26, 1).reshape(1, 5, 5);
    TheanoPoolParams p = TheanoPoolParams.of(2, 2);
    // ignore_border=False keeps the partial last row/column: 3×3 output
    Tensor max = TheanoPool.pool2d(g, p);
    assertThat(max.toDoubleArray()).containsExactly(7, 9, 10, 17, 19, 20, 22, 24, 25);
    Tensor avg = TheanoPool.pool2d(g, p.withMode(TheanoPoolMode.AVERAGE_INC_PAD));
    assertThat(avg.toDoubleArray()).containsExactly(4, 6, 7.5, 14, 16, 17.5, 21.5, 23.5, 25);
    Tensor sum = TheanoPool.pool2d(g, p.withIgnoreBorder(true).withMode(TheanoPoolMode.SUM));
    assertThat(sum.toDoubleArray()).containsExactly(16, 24, 56, 64);
  }

  @Test
  void theanoMaxBackwardGivesEveryTiedElementTheGradient() {
    Tensor x = Tensor.of(new double[] {3, 3, 1, 3}, 2, 2);
    Tensor dx = TheanoPool.backward(x, Tensor.of(new double[] {5}, 1, 1), TheanoPoolParams.of(2, 2));
    assertThat(dx.toDoubleArray()).containsExactly(5, 5, 0, 5);
  }

  @Test
  void nonContiguousInputsAreRead() {
    Tensor base = Tensor.arange(DType.FLOAT64, 2 * 3 * 5 * 6).reshape(2, 3, 5, 6).map(v -> Math.sin(v));
    Tensor view = base.transpose(2, 3);
    MaxPoolParams p = MaxPoolParams.of(2, 3).withStride(2).withPadding(1);
    assertThat(MaxPool.maxPool2d(view, p).toDoubleArray()).containsExactly(MaxPool.maxPool2d(view.copy(), p).toDoubleArray());
    AvgPoolParams a = AvgPoolParams.of(2, 2).withStride(1);
    assertThat(AvgPool.avgPool2d(view, a).toDoubleArray()).containsExactly(AvgPool.avgPool2d(view.copy(), a).toDoubleArray());
  }

  @Test
  void unbatchedEqualsBatchOfOne() {
    Tensor x = Tensor.arange(DType.FLOAT32, 3 * 7).reshape(3, 7).map(v -> Math.cos(v));
    MaxPoolParams p = MaxPoolParams.of(1, 3).withStride(2).withPadding(1).withCeilMode(true);
    assertThat(MaxPool.maxPool1d(x, p).toDoubleArray()).containsExactly(MaxPool.maxPool1d(x.unsqueeze(0), p).toDoubleArray());
    assertThat(MaxPool.maxPool1d(x, p).shape()).containsExactly(3, 4);
  }

  @Test
  void commandLineStyleFactoriesBroadcastSingleValues() {
    MaxPoolParams m = MaxPoolParams.of(2, new int[] {3}, new int[] {2, 1}, null, new int[] {1}, true);
    assertThat(m).isEqualTo(MaxPoolParams.of(2, 3).withStride(2, 1).withCeilMode(true));
    assertThat(m.padding()).containsExactly(0, 0);
    AvgPoolParams a = AvgPoolParams.of(3, new int[] {2}, null, new int[] {1}, false, false, 4);
    assertThat(a).isEqualTo(AvgPoolParams.of(3, 2).withPadding(1).withCountIncludePad(false).withDivisorOverride(4));
    assertThat(AvgPoolParams.of(1, new int[] {3}, null, null, false, true, null).divisorOverride()).isEmpty();
  }
}
