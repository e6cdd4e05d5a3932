package org.conv4j.match;

import org.conv4j.kernels.WindowTasks;
import org.conv4j.tensor.Tensor;

/**
 * Options of {@link TemplateMatch#match(Tensor, Tensor, Metric, MatchOptions)}.
 *
 * @param method the algorithm ({@link MatchMethod#AUTO} by default)
 * @param mask null, or weights of the template's shape (or of its spatial shape, then shared by
 *     every channel), as OpenCV's {@code mask}
 * @param channels whether axis 0 of image and template holds channels (image {@code (C, H, W)},
 *     template {@code (C, h, w)}): scores are summed over channels and the output has the spatial
 *     rank; otherwise every axis is spatial
 * @param threads the number of threads, at least 1 (results do not depend on it)
 */
public record MatchOptions(MatchMethod method, Tensor mask, boolean channels, int threads) {
  /** Validates. */
  public MatchOptions {
    if (method == null) {
      throw new IllegalArgumentException("method must not be null");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }

  /** AUTO, no mask, no channel axis, one thread per available processor. */
  public static MatchOptions defaults() {
    return new MatchOptions(MatchMethod.AUTO, null, false, WindowTasks.defaultThreads());
  }

  /** A copy with another method. */
  public MatchOptions method(MatchMethod m) {
    return new MatchOptions(m, mask, channels, threads);
  }

  /** A copy with a mask (null for none). */
  public MatchOptions mask(Tensor m) {
    return new MatchOptions(method, m, channels, threads);
  }

  /** A copy with the channel-axis setting. */
  public MatchOptions channels(boolean c) {
    return new MatchOptions(method, mask, c, threads);
  }

  /** A copy with another thread count. */
  public MatchOptions threads(int n) {
    return new MatchOptions(method, mask, channels, n);
  }
}
