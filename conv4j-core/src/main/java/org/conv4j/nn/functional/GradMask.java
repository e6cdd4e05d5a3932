package org.conv4j.nn.functional;

/**
 * Which gradients a backward call computes (ATen's {@code output_mask}); the others are skipped and
 * returned as null.
 *
 * @param input the input gradient {@code dx}
 * @param weight the weight gradient {@code dw}
 * @param bias the bias gradient {@code db}
 */
public record GradMask(boolean input, boolean weight, boolean bias) {
  /** All three gradients. */
  public static final GradMask ALL = new GradMask(true, true, true);
  /** Only {@code dx}. */
  public static final GradMask INPUT = new GradMask(true, false, false);
  /** Only {@code dw}. */
  public static final GradMask WEIGHT = new GradMask(false, true, false);
  /** Only {@code db}. */
  public static final GradMask BIAS = new GradMask(false, false, true);
}
