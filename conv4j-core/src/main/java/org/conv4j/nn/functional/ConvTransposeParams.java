package org.conv4j.nn.functional;

import java.util.Arrays;

/**
 * The options of a transposed convolution ({@code conv_transpose1d/2d/3d}), one entry per spatial
 * axis; the spatial rank is {@code stride.length}. {@code padding}, {@code outputPadding} and
 * {@code dilation} may be given with one entry for every axis.
 *
 * @param stride the forward convolution's stride (the upsampling factor), each ≥ 1
 * @param padding samples cropped from both ends of the full result, each ≥ 0
 * @param outputPadding samples added at the high end, each smaller than the stride or the
 *     dilation of its axis (PyTorch's rule)
 * @param dilation spacing between kernel taps, each ≥ 1
 * @param groups channel groups
 */
public record ConvTransposeParams(int[] stride, int[] padding, int[] outputPadding, int[] dilation, int groups) {

  /** Validates and copies the arguments. */
  public ConvTransposeParams {
    if (stride == null || stride.length < 1 || stride.length > 3) {
      throw new IllegalArgumentException(
          "stride must have 1 to 3 entries (one per spatial axis), got " + (stride == null ? "null" : Arrays.toString(stride)));
    }
    int rank = stride.length;
    stride = stride.clone();
    padding = ConvParams.broadcast("padding", padding, rank);
    outputPadding = ConvParams.broadcast("output_padding", outputPadding, rank);
    dilation = ConvParams.broadcast("dilation", dilation, rank);
    for (int a = 0; a < rank; a++) {
      if (stride[a] <= 0) {
        throw new IllegalArgumentException("stride must be positive, got " + Arrays.toString(stride));
      }
      if (dilation[a] <= 0) {
        throw new IllegalArgumentException("dilation must be positive, got " + Arrays.toString(dilation));
      }
      if (padding[a] < 0 || outputPadding[a] < 0) {
        throw new IllegalArgumentException("padding and output_padding must be non-negative, got "
            + Arrays.toString(padding) + " and " + Arrays.toString(outputPadding));
      }
      if (outputPadding[a] >= Math.max(stride[a], dilation[a])) {
        throw new IllegalArgumentException("output padding must be smaller than either stride or dilation: output_padding "
            + Arrays.toString(outputPadding) + ", stride " + Arrays.toString(stride) + ", dilation " + Arrays.toString(dilation)
            + " (axis " + a + ")");
      }
    }
    if (groups <= 0) {
      throw new IllegalArgumentException("groups must be positive, got " + groups);
    }
  }

  /** Stride 1, no padding or output padding, dilation 1, one group, over {@code rank} spatial axes. */
  public static ConvTransposeParams defaults(int rank) {
    if (rank < 1 || rank > 3) {
      throw new IllegalArgumentException("spatial rank must be 1, 2 or 3, got " + rank);
    }
    return new ConvTransposeParams(fill(rank, 1), new int[] {0}, new int[] {0}, new int[] {1}, 1);
  }

  /** The number of spatial axes. */
  public int rank() {
    return stride.length;
  }

  /** A copy with another stride (one entry for every axis, or one per axis). */
  public ConvTransposeParams withStride(int... s) {
    return new ConvTransposeParams(ConvParams.broadcast("stride", s, rank()), padding, outputPadding, dilation, groups);
  }

  /** A copy with another padding. */
  public ConvTransposeParams withPadding(int... p) {
    return new ConvTransposeParams(stride, p, outputPadding, dilation, groups);
  }

  /** A copy with another output padding. */
  public ConvTransposeParams withOutputPadding(int... op) {
    return new ConvTransposeParams(stride, padding, op, dilation, groups);
  }

  /** A copy with another dilation. */
  public ConvTransposeParams withDilation(int... d) {
    return new ConvTransposeParams(stride, padding, outputPadding, d, groups);
  }

  /** A copy with another group count. */
  public ConvTransposeParams withGroups(int g) {
    return new ConvTransposeParams(stride, padding, outputPadding, dilation, g);
  }

  /** Whether any stride exceeds 1. */
  public boolean isStrided() {
    return Arrays.stream(stride).anyMatch(s -> s > 1);
  }

  /** Whether any dilation exceeds 1. */
  public boolean isDilated() {
    return Arrays.stream(dilation).anyMatch(d -> d > 1);
  }

  /** Whether the channels are split into more than one group. */
  public boolean isGrouped() {
    return groups > 1;
  }

  /**
   * The transposed convolution that is the input gradient of a convolution with these options
   * and zero padding {@code p} on both sides, for a forward input of spatial size {@code inputSize}
   * and kernel {@code kernel}: {@code output_padding = (L + 2p − d(k−1) − 1) mod s} (SPEC §5.3).
   */
  public static ConvTransposeParams gradientOf(ConvParams conv, int[] inputSize, int[] kernel) {
    int d = conv.rank();
    int[][] pad = conv.resolvePadding(kernel);
    int[] op = new int[d];
    for (int a = 0; a < d; a++) {
      if (pad[0][a] != pad[1][a] || conv.usesPaddingMode()) {
        throw new IllegalArgumentException("gradientOf needs symmetric zero padding, got " + conv.padding()
            + " with mode " + conv.paddingMode());
      }
      long span = (long) inputSize[a] + 2L * pad[0][a] - (long) conv.dilation()[a] * (kernel[a] - 1) - 1;
      op[a] = (int) Math.floorMod(span, (long) conv.stride()[a]);
    }
    return new ConvTransposeParams(conv.stride(), pad[0], op, conv.dilation(), conv.groups());
  }

  private static int[] fill(int n, int v) {
    int[] r = new int[n];
    Arrays.fill(r, v);
    return r;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConvTransposeParams p && Arrays.equals(stride, p.stride) && Arrays.equals(padding, p.padding)
        && Arrays.equals(outputPadding, p.outputPadding) && Arrays.equals(dilation, p.dilation) && groups == p.groups;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(stride) + 31 * Arrays.hashCode(padding) + 17 * Arrays.hashCode(outputPadding)
        + 7 * Arrays.hashCode(dilation) + groups;
  }

  @Override
  public String toString() {
    return "ConvTransposeParams[stride=" + Arrays.toString(stride) + ", padding=" + Arrays.toString(padding)
        + ", outputPadding=" + Arrays.toString(outputPadding) + ", dilation=" + Arrays.toString(dilation)
        + ", groups=" + groups + "]";
  }
}
