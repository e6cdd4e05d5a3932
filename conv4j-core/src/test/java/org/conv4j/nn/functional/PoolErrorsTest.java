package org.conv4j.nn.functional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Every kind of bad input gives an IllegalArgumentException naming the argument, the sizes and the rule. */
class PoolErrorsTest {
  private static final Tensor X2D = Tensor.zeros(DType.FLOAT64, 1, 2, 5, 5);

  @Test
  void nonPositiveKernelStrideDilation() {
    assertThatThrownBy(() -> MaxPoolParams.of(2, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("kernel[0] must be positive, got 0");
    assertThatThrownBy(() -> MaxPoolParams.of(2, 2).withStride(2, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("stride[1] must be positive, got 0");
    assertThatThrownBy(() -> MaxPoolParams.of(3, 2).withDilation(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("dilation[0] must be positive, got -1");
    assertThatThrownBy(() -> AvgPoolParams.ofKernel(3, -2))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("kernel[1] must be positive, got -2");
    assertThatThrownBy(() -> TheanoPoolParams.of(2, 2).withStride(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("stride[0] must be positive, got 0");
    assertThatThrownBy(() -> TheanoPoolParams.of(0, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("ws[0] must be positive, got 0");
  }

  @Test
  void paddingLargerThanHalfTheKernel() {
    assertThatThrownBy(() -> MaxPoolParams.of(2, 3).withPadding(1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("padding[1] = 2 must be between 0 and kernel[1]/2 = 1 (pad should be at most half of kernel size)");
    assertThatThrownBy(() -> AvgPoolParams.of(1, 4).withPadding(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("padding[0] = 3").hasMessageContaining("kernel[0]/2 = 2");
    assertThatThrownBy(() -> MaxPoolParams.of(1, 4).withPadding(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("padding[0] = -1");
  }

  @Test
  void perAxisListsOfTheWrongLength() {
    assertThatThrownBy(() -> MaxPoolParams.of(2, 2).withStride(1, 2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stride has 3 entries [1, 2, 3] but there are 2 spatial axes (give one value for all axes or one per spatial axis)");
    assertThatThrownBy(() -> MaxPoolParams.of(2, new int[] {3, 3, 3}, null, null, null, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("kernel has 3 entries [3, 3, 3] but there are 2");
    assertThatThrownBy(() -> MaxPoolParams.ofKernel(1, 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernel must have 1, 2 or 3 entries");
  }

  @Test
  void outputSmallerThanOne() {
    Tensor x = Tensor.zeros(DType.FLOAT32, 1, 1, 2);
    assertThatThrownBy(() -> MaxPool.maxPool1d(x, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pooling output size on spatial axis 0 (L) is 0")
        .hasMessageContaining("input 2, kernel 3");
    assertThatThrownBy(() -> MaxPool.maxPool2d(X2D, MaxPoolParams.of(2, 3).withDilation(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spatial axis 0 (H)").hasMessageContaining("dilation 3");
    assertThatThrownBy(() -> AvgPool.avgPool2d(X2D, AvgPoolParams.ofKernel(2, 6)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spatial axis 1 (W) is 0");
  }

  @Test
  void rankMismatch() {
    assertThatThrownBy(() -> MaxPool.maxPool2d(Tensor.zeros(DType.FLOAT64, 5, 5), 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxPool2d expects input of rank 3 (C, H, W) or 4 (N, C, H, W), got rank 2 shape [5, 5]");
    assertThatThrownBy(() -> AvgPool.avgPool1d(X2D, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("avgPool1d expects input of rank 2 (C, L) or 3 (N, C, L), got rank 4 shape [1, 2, 5, 5]");
    assertThatThrownBy(() -> MaxPool.maxPool3d(X2D, MaxPoolParams.of(2, 2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxPool3d needs a kernel with 3 entries, got [2, 2]");
    assertThatThrownBy(() -> AvgPool.avgPool2d(X2D, AvgPoolParams.of(3, 2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("avgPool2d needs a kernel with 2 entries, got [2, 2, 2]");
    assertThatThrownBy(() -> TheanoPool.pool2d(Tensor.zeros(DType.FLOAT64, 5), TheanoPoolParams.of(2, 2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 axes, got shape [5]");
  }

  @Test
  void divisorOverrideMustBePositive() {
    assertThatThrownBy(() -> AvgPoolParams.of(2, 2).withDivisorOverride(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("divisor_override must be positive, got 0");
    assertThatThrownBy(() -> new AvgPoolParams(new int[] {2}, null, null, false, true, OptionalInt.of(-3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -3");
  }

  @Test
  void theanoPaddingRules() {
    assertThatThrownBy(() -> TheanoPoolParams.of(3, 3).withPad(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pad [1, 1] needs ignore_border=True (padding works only with ignore_border=True)");
    assertThatThrownBy(() -> TheanoPoolParams.of(3, 2).withIgnoreBorder(true).withPad(1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pad[1] = 2 must be smaller than ws[1] = 2 (padding must be smaller than strides)");
    assertThatThrownBy(() -> TheanoPool.pool2d(Tensor.zeros(DType.FLOAT64, 1, 4), TheanoPoolParams.of(2, 2).withIgnoreBorder(true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pool output size on pooled axis 0 is 0")
        .hasMessageContaining("smaller than the window ws = 2");
    assertThatThrownBy(() -> TheanoPoolMode.fromTheanoName("median"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'max', 'sum', 'average_inc_pad', 'average_exc_pad'").hasMessageContaining("'median'");
  }

  @Test
  void gradientShapesMustMatchTheForwardOutput() {
    MaxPoolParams mp = MaxPoolParams.of(2, 2);
    Tensor dy = Tensor.zeros(DType.FLOAT64, 1, 2, 3, 2);
    Tensor idx = MaxPool.maxPool2dWithIndices(X2D, mp).indices();
    assertThatThrownBy(() -> MaxPool.backward(dy, idx, X2D.shape(), mp))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dy has shape [1, 2, 3, 2] but the forward output for input [1, 2, 5, 5] has shape [1, 2, 2, 2]");
    assertThatThrownBy(() -> MaxPool.backward(Tensor.zeros(DType.FLOAT64, 1, 2, 2, 2), dy, X2D.shape(), mp))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("indices has shape [1, 2, 3, 2]");
    assertThatThrownBy(() -> AvgPool.backward(dy, X2D.shape(), AvgPoolParams.of(2, 2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("dy has shape [1, 2, 3, 2]");
    assertThatThrownBy(() -> TheanoPool.backward(X2D, dy, TheanoPoolParams.of(2, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dy has shape [1, 2, 3, 2] but the forward output for input [1, 2, 5, 5] has shape [1, 2, 3, 3]");
  }

  @Test
  void indicesMustBeOffsetsIntoThePlane() {
    MaxPoolParams mp = MaxPoolParams.of(2, 2);
    Tensor dy = Tensor.zeros(DType.FLOAT64, 1, 2, 2, 2);
    Tensor bad = Tensor.full(DType.FLOAT64, 25, 1, 2, 2, 2);
    assertThatThrownBy(() -> MaxPool.backward(dy, bad, X2D.shape(), mp))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("indices[0 (flat)] = 25.0 is not an offset into an input plane of 25 elements");
    Tensor frac = Tensor.full(DType.FLOAT64, 1.5, 1, 2, 2, 2);
    assertThatThrownBy(() -> MaxPool.backward(dy, frac, X2D.shape(), mp))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("= 1.5 is not an offset");
  }

  @Test
  void theanoDtypeMix() {
    assertThatThrownBy(() -> TheanoPool.backward(X2D, Tensor.zeros(DType.FLOAT32, 1, 2, 3, 3), TheanoPoolParams.of(2, 2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("dy is float32 but x is float64 (input types must all match)");
  }
}
