package org.conv4j.nn.functional;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The settings of {@link AvgPool}: PyTorch's {@code avg_pool{1,2,3}d(kernel_size, stride=None,
 * padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None)}, one entry per
 * spatial axis (1 to 3 axes). Average pooling has no dilation.
 *
 * <p>In the canonical constructor {@code stride} and {@code padding} may be {@code null}
 * (defaults: the kernel and 0) or hold a single value used for every axis, and
 * {@code divisorOverride} may be {@code null} (empty). Arrays are copied in and out.
 *
 * {@snippet :
 * AvgPoolParams p = AvgPoolParams.of(1, 3).withStride(2).withPadding(1).withCountIncludePad(false);
 * // [1..6] → [1.5, 3, 5]
 * }
 *
 * @param kernel window size per spatial axis, each ≥ 1
 * @param stride step between windows, each ≥ 1 (default: the kernel)
 * @param padding implicit zero padding on both sides, {@code 0 ≤ padding ≤ kernel/2}
 * @param ceilMode use {@code ceil} instead of {@code floor} for the output size (SPEC §5.5)
 * @param countIncludePad divide by the window size with padding counted (but not the ceil-mode
 *     overhang past the right padding) rather than by the number of real elements
 * @param divisorOverride when present (and ≥ 1), the divisor of every window
 * @throws IllegalArgumentException naming the argument, its value and the rule it breaks
 */
public record AvgPoolParams(
    int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad, OptionalInt divisorOverride) {

  /** Validates and normalises the settings. */
  public AvgPoolParams {
    Objects.requireNonNull(kernel, "kernel");
    if (kernel.length < 1 || kernel.length > 3) {
      throw new IllegalArgumentException(
          "kernel must have 1, 2 or 3 entries (one per spatial axis), got " + Arrays.toString(kernel));
    }
    int dims = kernel.length;
    kernel = kernel.clone();
    stride = stride == null ? kernel.clone() : perAxis("stride", stride, dims);
    padding = padding == null ? new int[dims] : perAxis("padding", padding, dims);
    divisorOverride = divisorOverride == null ? OptionalInt.empty() : divisorOverride;
    for (int i = 0; i < dims; i++) {
      positive("kernel", kernel, i);
      positive("stride", stride, i);
      if (padding[i] < 0 || padding[i] > kernel[i] / 2) {
        throw new IllegalArgumentException(
            "padding[" + i + "] = " + padding[i] + " must be between 0 and kernel[" + i + "]/2 = " + kernel[i] / 2
                + " (pad should be at most half of kernel size)");
      }
    }
    if (divisorOverride.isPresent() && divisorOverride.getAsInt() <= 0) {
      throw new IllegalArgumentException(
          "divisor_override must be positive, got " + divisorOverride.getAsInt() + " (divisor must be not zero)");
    }
  }

  /** Kernel {@code k} on each of {@code dims} spatial axes, stride = kernel, no padding. */
  public static AvgPoolParams of(int dims, int k) {
    if (dims < 1 || dims > 3) {
      throw new IllegalArgumentException("dims must be 1, 2 or 3, got " + dims);
    }
    int[] kernel = new int[dims];
    Arrays.fill(kernel, k);
    return ofKernel(kernel);
  }

  /**
   * Settings for {@code dims} spatial axes where each list holds one value for every axis or one
   * per axis, and {@code null} means the default (what a command line hands over: {@code --kernel 3
   * --stride 2,1}).
   *
   * @param divisorOverride the divisor of every window, or {@code null} for none
   * @throws IllegalArgumentException naming the argument whose length or value is wrong
   */
  public static AvgPoolParams of(int dims, int[] kernel, int[] stride, int[] padding, boolean ceilMode,
      boolean countIncludePad, Integer divisorOverride) {
    if (dims < 1 || dims > 3) {
      throw new IllegalArgumentException("dims must be 1, 2 or 3, got " + dims);
    }
    return new AvgPoolParams(perAxis("kernel", Objects.requireNonNull(kernel, "kernel"), dims), stride, padding,
        ceilMode, countIncludePad, divisorOverride == null ? OptionalInt.empty() : OptionalInt.of(divisorOverride));
  }

  /** The given kernel (one entry per spatial axis), stride = kernel, no padding. */
  public static AvgPoolParams ofKernel(int... kernel) {
    return new AvgPoolParams(kernel, null, null, false, true, OptionalInt.empty());
  }

  /** A copy with another stride (one value for all axes, or one per axis). */
  public AvgPoolParams withStride(int... s) {
    return new AvgPoolParams(kernel, s, padding, ceilMode, countIncludePad, divisorOverride);
  }

  /** A copy with another padding (one value for all axes, or one per axis). */
  public AvgPoolParams withPadding(int... p) {
    return new AvgPoolParams(kernel, stride, p, ceilMode, countIncludePad, divisorOverride);
  }

  /** A copy with another {@code ceil_mode}. */
  public AvgPoolParams withCeilMode(boolean c) {
    return new AvgPoolParams(kernel, stride, padding, c, countIncludePad, divisorOverride);
  }

  /** A copy with another {@code count_include_pad}. */
  public AvgPoolParams withCountIncludePad(boolean c) {
    return new AvgPoolParams(kernel, stride, padding, ceilMode, c, divisorOverride);
  }

  /** A copy with {@code divisor_override = divisor} (must be ≥ 1). */
  public AvgPoolParams withDivisorOverride(int divisor) {
    return new AvgPoolParams(kernel, stride, padding, ceilMode, countIncludePad, OptionalInt.of(divisor));
  }

  /** A copy without a divisor override. */
  public AvgPoolParams withoutDivisorOverride() {
    return new AvgPoolParams(kernel, stride, padding, ceilMode, countIncludePad, OptionalInt.empty());
  }

  /** The number of spatial axes (1, 2 or 3). */
  public int spatialDims() {
    return kernel.length;
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
  public boolean equals(Object o) {
    return o instanceof AvgPoolParams p
        && Arrays.equals(kernel, p.kernel)
        && Arrays.equals(stride, p.stride)
        && Arrays.equals(padding, p.padding)
        && ceilMode == p.ceilMode
        && countIncludePad == p.countIncludePad
        && divisorOverride.equals(p.divisorOverride);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(kernel), Arrays.hashCode(stride), Arrays.hashCode(padding), ceilMode,
        countIncludePad, divisorOverride);
  }

  @Override
  public String toString() {
    return "AvgPoolParams[kernel=" + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride) + ", padding="
        + Arrays.toString(padding) + ", ceilMode=" + ceilMode + ", countIncludePad=" + countIncludePad
        + ", divisorOverride=" + (divisorOverride.isPresent() ? divisorOverride.getAsInt() : "none") + "]";
  }

  private static int[] perAxis(String name, int[] v, int dims) {
    if (v.length == dims) {
      return v.clone();
    }
    if (v.length == 1) {
      int[] a = new int[dims];
      Arrays.fill(a, v[0]);
      return a;
    }
    throw new IllegalArgumentException(
        name + " has " + v.length + " entries " + Arrays.toString(v) + " but there are " + dims
            + " spatial axes (give one value for all axes or one per spatial axis)");
  }

  private static void positive(String name, int[] v, int i) {
    if (v[i] <= 0) {
      throw new IllegalArgumentException(name + "[" + i + "] must be positive, got " + v[i]);
    }
  }
}
