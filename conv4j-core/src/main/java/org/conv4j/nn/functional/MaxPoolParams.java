package org.conv4j.nn.functional;

import java.util.Arrays;
import java.util.Objects;

/**
 * The settings of {@link MaxPool}: PyTorch's {@code max_pool{1,2,3}d(kernel_size, stride=None,
 * padding=0, dilation=1, ceil_mode=False)}, one entry per spatial axis (1 to 3 axes).
 *
 * <p>In the canonical constructor {@code stride}, {@code padding} and {@code dilation} may be
 * {@code null} (defaults: the kernel, 0 and 1) or hold a single value used for every axis. Arrays
 * are copied in and out; the record is immutable.
 *
 * {@snippet :
 * MaxPoolParams p = MaxPoolParams.of(2, 3).withStride(2).withPadding(1).withCeilMode(true);
 * // kernel (3, 3), stride (2, 2), padding (1, 1), dilation (1, 1), ceil_mode
 * }
 *
 * @param kernel window size per spatial axis, each ≥ 1
 * @param stride step between windows, each ≥ 1 (default: the kernel)
 * @param padding implicit −∞ padding on both sides, {@code 0 ≤ padding ≤ kernel/2}
 * @param dilation distance between taps, each ≥ 1
 * @param ceilMode use {@code ceil} instead of {@code floor} for the output size (SPEC §5.5)
 * @throws IllegalArgumentException naming the argument, its value and the rule it breaks
 */
public record MaxPoolParams(int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {

  /** Validates and normalises the settings. */
  public MaxPoolParams {
    Objects.requireNonNull(kernel, "kernel");
    if (kernel.length < 1 || kernel.length > 3) {
      throw new IllegalArgumentException(
          "kernel must have 1, 2 or 3 entries (one per spatial axis), got " + Arrays.toString(kernel));
    }
    int dims = kernel.length;
    kernel = kernel.clone();
    stride = stride == null ? kernel.clone() : perAxis("stride", stride, dims);
    padding = padding == null ? new int[dims] : perAxis("padding", padding, dims);
    dilation = dilation == null ? filled(dims, 1) : perAxis("dilation", dilation, dims);
    for (int i = 0; i < dims; i++) {
      positive("kernel", kernel, i);
      positive("stride", stride, i);
      positive("dilation", dilation, i);
      if (padding[i] < 0 || padding[i] > kernel[i] / 2) {
        throw new IllegalArgumentException(
            "padding[" + i + "] = " + padding[i] + " must be between 0 and kernel[" + i + "]/2 = " + kernel[i] / 2
                + " (pad should be at most half of kernel size)");
      }
    }
  }

  /** Kernel {@code k} on each of {@code dims} spatial axes, stride = kernel, no padding. */
  public static MaxPoolParams of(int dims, int k) {
    if (dims < 1 || dims > 3) {
      throw new IllegalArgumentException("dims must be 1, 2 or 3, got " + dims);
    }
    return new MaxPoolParams(filled(dims, k), null, null, null, false);
  }

  /**
   * Settings for {@code dims} spatial axes where each list holds one value for every axis or one
   * per axis, and {@code null} means the default (what a command line hands over: {@code --kernel 3
   * --stride 2,1}).
   *
   * @throws IllegalArgumentException naming the argument whose length or value is wrong
   */
  public static MaxPoolParams of(int dims, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
    if (dims < 1 || dims > 3) {
      throw new IllegalArgumentException("dims must be 1, 2 or 3, got " + dims);
    }
    return new MaxPoolParams(perAxis("kernel", Objects.requireNonNull(kernel, "kernel"), dims), stride, padding,
        dilation, ceilMode);
  }

  /** The given kernel (one entry per spatial axis), stride = kernel, no padding. */
  public static MaxPoolParams ofKernel(int... kernel) {
    return new MaxPoolParams(kernel, null, null, null, false);
  }

  /** A copy with another stride (one value for all axes, or one per axis). */
  public MaxPoolParams withStride(int... s) {
    return new MaxPoolParams(kernel, s, padding, dilation, ceilMode);
  }

  /** A copy with another padding (one value for all axes, or one per axis). */
  public MaxPoolParams withPadding(int... p) {
    return new MaxPoolParams(kernel, stride, p, dilation, ceilMode);
  }

  /** A copy with another dilation (one value for all axes, or one per axis). */
  public MaxPoolParams withDilation(int... d) {
    return new MaxPoolParams(kernel, stride, padding, d, ceilMode);
  }

  /** A copy with another {@code ceil_mode}. */
  public MaxPoolParams withCeilMode(boolean c) {
    return new MaxPoolParams(kernel, stride, padding, dilation, c);
  }

  /** The number of spatial axes (1, 2 or 3). */
  public int spatialDims() {
    return kernel.length;
  }

  /** Whether any stride differs from 1 (ATen's {@code isStrided()}). */
  public boolean isStrided() {
    return Arrays.stream(stride).anyMatch(v -> v != 1);
  }

  /** Whether any dilation differs from 1. */
  public boolean isDilated() {
    return Arrays.stream(dilation).anyMatch(v -> v != 1);
  }

  /** Whether any padding is non-zero. */
  public boolean isPadded() {
    return Arrays.stream(padding).anyMatch(v -> v != 0);
  }

  @Override
  public int[] kernel() {
    return kernel.clone();
  }

  @Override
  public int[] stride() {
    return stride.clone();
  }

  @Override
  public int[] padding() {
    return padding.clone();
  }

  @Override
  public int[] dilation() {
    return dilation.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MaxPoolParams p
        && Arrays.equals(kernel, p.kernel)
        && Arrays.equals(stride, p.stride)
        && Arrays.equals(padding, p.padding)
        && Arrays.equals(dilation, p.dilation)
        && ceilMode == p.ceilMode;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(kernel), Arrays.hashCode(stride), Arrays.hashCode(padding),
        Arrays.hashCode(dilation), ceilMode);
  }

  @Override
  public String toString() {
    return "MaxPoolParams[kernel=" + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride) + ", padding="
        + Arrays.toString(padding) + ", dilation=" + Arrays.toString(dilation) + ", ceilMode=" + ceilMode + "]";
  }

  private static int[] perAxis(String name, int[] v, int dims) {
    if (v.length == dims) {
      return v.clone();
    }
    if (v.length == 1) {
      return filled(dims, v[0]);
    }
    throw new IllegalArgumentException(
        name + " has " + v.length + " entries " + Arrays.toString(v) + " but there are " + dims
            + " spatial axes (give one value for all axes or one per spatial axis)");
  }

  private static int[] filled(int n, int v) {
    int[] a = new int[n];
    Arrays.fill(a, v);
    return a;
  }

  private static void positive(String name, int[] v, int i) {
    if (v[i] <= 0) {
      throw new IllegalArgumentException(name + "[" + i + "] must be positive, got " + v[i]);
    }
  }
}
