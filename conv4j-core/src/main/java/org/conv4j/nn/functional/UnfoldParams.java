package org.conv4j.nn.functional;

import java.util.Arrays;

/**
 * The options of {@link Unfold#unfold} and {@link Unfold#fold}, one entry per spatial axis (the
 * spatial rank is {@code kernel.length}); {@code stride}, {@code padding} and {@code dilation} may
 * be given with one entry for every axis. Padding is symmetric zeros, as in PyTorch.
 *
 * @param kernel window size, each ≥ 1
 * @param stride window step, each ≥ 1
 * @param padding zeros added on both sides, each ≥ 0
 * @param dilation spacing between window taps, each ≥ 1
 */
public record UnfoldParams(int[] kernel, int[] stride, int[] padding, int[] dilation) {

  /** Validates and copies the arguments. */
  public UnfoldParams {
    if (kernel == null || kernel.length < 1 || kernel.length > 3) {
      throw new IllegalArgumentException(
          "kernel must have 1 to 3 entries (one per spatial axis), got " + (kernel == null ? "null" : Arrays.toString(kernel)));
    }
    int rank = kernel.length;
    kernel = kernel.clone();
    stride = ConvParams.broadcast("stride", stride, rank);
    padding = ConvParams.broadcast("padding", padding, rank);
    dilation = ConvParams.broadcast("dilation", dilation, rank);
    for (int a = 0; a < rank; a++) {
      if (kernel[a] <= 0 || stride[a] <= 0 || dilation[a] <= 0 || padding[a] < 0) {
        throw new IllegalArgumentException("unfold: kernel, stride and dilation must be positive and padding non-negative, got kernel "
            + Arrays.toString(kernel) + ", stride " + Arrays.toString(stride) + ", padding " + Arrays.toString(padding)
            + ", dilation " + Arrays.toString(dilation));
      }
    }
  }

  /** A window of size {@code kernel} with stride 1, no padding, dilation 1. */
  public static UnfoldParams of(int... kernel) {
    return new UnfoldParams(kernel, new int[] {1}, new int[] {0}, new int[] {1});
  }

  /** The number of spatial axes. */
  public int rank() {
    return kernel.length;
  }

  /** A copy with another stride. */
  public UnfoldParams withStride(int... s) {
    return new UnfoldParams(kernel, s, padding, dilation);
  }

  /** A copy with another padding. */
  public UnfoldParams withPadding(int... p) {
    return new UnfoldParams(kernel, stride, p, dilation);
  }

  /** A copy with another dilation. */
  public UnfoldParams withDilation(int... d) {
    return new UnfoldParams(kernel, stride, padding, d);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UnfoldParams p && Arrays.equals(kernel, p.kernel) && Arrays.equals(stride, p.stride)
        && Arrays.equals(padding, p.padding) && Arrays.equals(dilation, p.dilation);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(kernel) + 31 * Arrays.hashCode(stride) + 17 * Arrays.hashCode(padding) + 7 * Arrays.hashCode(dilation);
  }

  @Override
  public String toString() {
    return "UnfoldParams[kernel=" + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride) + ", padding="
        + Arrays.toString(padding) + ", dilation=" + Arrays.toString(dilation) + "]";
  }
}
