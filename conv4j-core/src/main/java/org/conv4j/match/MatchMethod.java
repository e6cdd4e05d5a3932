package org.conv4j.match;

import java.util.Locale;

/** How {@link TemplateMatch} computes the scores; never changes them beyond rounding. */
public enum MatchMethod {
  /** Let {@link TemplateMatch#select} choose by a cost and accuracy model. */
  AUTO,
  /**
   * Every score from sums over its own window (SIMD): SSD/MSD/SAD accumulate the differences
   * themselves, so a perfect match scores exactly 0; window statistics are summed per window.
   */
  DIRECT,
  /**
   * {@code ‖window‖² − 2·(image ⋆ template) + ‖template‖²} and the like: window statistics from
   * float64 running sums, the correlation direct (SIMD). Cheapest for small templates. SAD has no
   * decomposition and runs direct.
   */
  DECOMPOSITION,
  /**
   * The decomposition with the correlation by FFT (float64, overlap-save tiles): its cost hardly
   * grows with the template, so it wins for large templates. Unmasked 1-D and 2-D problems; others
   * run as {@link #DECOMPOSITION}. See {@link TemplateMatch#select} for its accuracy.
   */
  FFT;

  /** Parses {@code auto, direct, decomposition, fft} (case-insensitive). */
  public static MatchMethod parse(String name) {
    if (name == null) {
      throw new IllegalArgumentException("method name must not be null");
    }
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "auto" -> AUTO;
      case "direct" -> DIRECT;
      case "decomposition", "sums" -> DECOMPOSITION;
      case "fft" -> FFT;
      default -> throw new IllegalArgumentException(
          "unknown method '" + name + "'; expected one of auto, direct, decomposition, fft");
    };
  }
}
