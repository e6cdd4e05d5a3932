package org.conv4j.nn.functional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Bad input: each is an IllegalArgumentException naming the argument, the shapes and the rule. */
class ConvErrorTest {
  static Tensor z(int... shape) {
    return Tensor.zeros(DType.FLOAT64, shape);
  }

  @Test
  void mismatchedChannels() {
    assertThatThrownBy(() -> Conv.conv2d(z(1, 3, 5, 5), z(4, 2, 3, 3), null, ConvParams.defaults(2).withGroups(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input has 3 channels but weight expects 4 (groups 2 × 2)");
  }

  @Test
  void outputChannelsNotDivisibleByGroups() {
    assertThatThrownBy(() -> Conv.conv2d(z(1, 4, 5, 5), z(5, 2, 3, 3), null, ConvParams.defaults(2).withGroups(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weight has 5 output channels, which groups 2 does not divide");
    assertThatThrownBy(() -> ConvTranspose.convTranspose2d(z(1, 3, 5, 5), z(3, 2, 3, 3), null,
        ConvTransposeParams.defaults(2).withGroups(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input has 3 channels, which groups 2 does not divide");
  }

  @Test
  void kernelLargerThanPaddedInput() {
    assertThatThrownBy(() -> Conv.conv2d(z(1, 1, 2, 2), z(1, 1, 3, 3), null, ConvParams.defaults(2).withPadding(1).withDilation(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("padded input 4×4 is smaller than the dilated kernel 5×5")
        .hasMessageContaining("kernel 3×3, dilation 2×2");
    assertThatThrownBy(() -> Unfold.unfold(z(1, 1, 2, 3), UnfoldParams.of(3, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("padded input 2×3 is smaller than the dilated kernel 3×3");
  }

  @Test
  void nonPositiveStrideDilationGroups() {
    assertThatThrownBy(() -> ConvParams.defaults(2).withStride(0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride must be positive, got [0, 1]");
    assertThatThrownBy(() -> ConvParams.defaults(1).withDilation(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dilation must be positive, got [-1]");
    assertThatThrownBy(() -> ConvParams.defaults(1).withGroups(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groups must be positive, got 0");
    assertThatThrownBy(() -> ConvTransposeParams.defaults(2).withStride(-2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride must be positive");
    assertThatThrownBy(() -> UnfoldParams.of(3).withStride(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride and dilation must be positive");
  }

  @Test
  void outputPaddingNotSmallerThanStrideOrDilation() {
    assertThatThrownBy(() -> new ConvTransposeParams(new int[] {2}, new int[] {0}, new int[] {2}, new int[] {1}, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("output padding must be smaller than either stride or dilation: output_padding [2], stride [2], dilation [1]");
    assertThatThrownBy(() -> ConvTranspose.convTranspose(z(1, 1, 4), z(1, 1, 3), null, ConvTransposeParams.defaults(1).withStride(2), 11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requested output size 11")
        .hasMessageContaining("valid sizes are 9 to 10");
  }

  @Test
  void reflectPaddingAtLeastInputSize() {
    assertThatThrownBy(() -> Conv.conv2d(z(1, 1, 3, 5), z(1, 1, 3, 3), null,
        ConvParams.defaults(2).withPadding(3).withPaddingMode("reflect")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reflect padding (3, 3) on spatial axis 0 must be smaller than the input size 3");
    assertThatThrownBy(() -> Conv.conv1d(z(1, 1, 2), z(1, 1, 3), null,
        ConvParams.defaults(1).withPadding(3).withPaddingMode("circular")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("circular padding (3, 3) on spatial axis 0 must not exceed the input size 2");
  }

  @Test
  void sameWithStride() {
    assertThatThrownBy(() -> ConvParams.defaults(2).withPadding("same").withStride(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("padding='same' is not supported for strided convolutions (stride [2, 2])");
    assertThatThrownBy(() -> ConvParams.defaults(2).withStride(2, 1).withPadding("same"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stride [2, 1]");
  }

  @Test
  void dtypeMix() {
    Tensor x = Tensor.zeros(DType.FLOAT32, 1, 1, 4, 4);
    Tensor w = Tensor.zeros(DType.FLOAT64, 1, 1, 3, 3);
    assertThatThrownBy(() -> Conv.conv2d(x, w))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input is float32 but weight is float64");
    assertThatThrownBy(() -> Conv.conv2d(x, w.to(DType.FLOAT32), Tensor.zeros(DType.FLOAT64, 1), ConvParams.defaults(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input is float32 but bias is float64");
    assertThatThrownBy(() -> Conv.convBackward(x, w.to(DType.FLOAT32), z(1, 1, 2, 2), ConvParams.defaults(2), GradMask.ALL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input is float32 but grad_output is float64");
    assertThatThrownBy(() -> ConvTranspose.convTranspose2d(x, w, null, ConvTransposeParams.defaults(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input is float32 but weight is float64");
  }

  @Test
  void intOverflowInSizes() {
    // 2-D output of 100001 × 100001 elements: each axis fits an int, the product does not.
    assertThatThrownBy(() -> Conv.outputShape(new int[] {1, 1, 1, 1}, new int[] {1, 1, 1, 1}, ConvParams.defaults(2).withPadding(50000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("output")
        .hasMessageContaining("too many elements");
    // One axis beyond Integer.MAX_VALUE.
    assertThatThrownBy(() -> ConvTranspose.outputShape(new int[] {1, 1, 3}, new int[] {1, 1, 1},
        ConvTransposeParams.defaults(1).withStride(1 << 30)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overflows");
    assertThatThrownBy(() -> Conv.outputShape(new int[] {1, 1, 5}, new int[] {1, 1, 3},
        ConvParams.defaults(1).withPadding(Integer.MAX_VALUE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overflows");
  }

  @Test
  void shapesAndRanks() {
    assertThatThrownBy(() -> Conv.conv2d(z(1, 5), z(1, 1, 3, 3), null, ConvParams.defaults(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input must be 4-D (N, C, H, W) or 3-D unbatched (C, H, W), got shape (1, 5)");
    assertThatThrownBy(() -> Conv.conv2d(z(1, 1, 5, 5), z(1, 3, 3), null, ConvParams.defaults(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weight must be 4-D (OC, C/groups, kH, kW), got shape (1, 3, 3)");
    assertThatThrownBy(() -> Conv.conv2d(z(1, 1, 5, 5), z(2, 1, 3, 3), z(3), ConvParams.defaults(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bias must have shape (2) to match 2 output channels, got (3,)");
    assertThatThrownBy(() -> Conv.conv2d(z(1, 1, 5, 5), z(1, 1, 3, 3), null, ConvParams.defaults(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("conv2d needs ConvParams with 2 spatial axes");
    assertThatThrownBy(() -> Conv.convBackward(z(1, 1, 5, 5), z(1, 1, 3, 3), z(1, 1, 5, 5), ConvParams.defaults(2), GradMask.ALL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("grad_output has shape (1, 1, 5, 5) but the convolution's output has shape (1, 1, 3, 3)");
    assertThatThrownBy(() -> PerExampleConv.conv(z(2, 1, 5), z(3, 1, 1, 3), null, ConvParams.defaults(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("per-example weight has 3 kernels (shape (3, 1, 1, 3)) but the batch has 2 examples");
    assertThatThrownBy(() -> Conv.conv(z(1, 1, 5), z(1, 1, 3), null, ConvParams.defaults(1), ConvAlgorithm.POINTWISE_1X1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("POINTWISE_1X1 needs a 1×1 kernel");
    assertThatThrownBy(() -> Unfold.fold(z(1, 8, 5), new int[] {4, 4}, UnfoldParams.of(2, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fold: input has 5 columns but 9 windows (1×3×3) fit the output size 4×4");
    assertThatThrownBy(() -> ConvolutionMatrix.convolutionMatrix(z(3), 0, "same"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n must be a positive integer");
    assertThatThrownBy(() -> ConvParams.Padding.parse("1:2:3"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("can't parse padding '1:2:3'");
  }
}
