package org.conv4j.signal;

import java.util.Locale;

/**
 * SciPy's output modes (SPEC §1.2): which slice of the full convolution is returned, per axis.
 * With {@code N} the size of {@code in1} and {@code M} that of {@code in2} along an axis:
 * {@code FULL} has {@code N + M − 1} elements from 0; {@code SAME} has {@code N} from
 * {@code (M − 1)/2}; {@code VALID} has {@code |N − M| + 1} from {@code min(N, M) − 1}.
 */
public enum Mode {
  /** Every partial overlap: {@code N + M − 1}. */
  FULL,
  /** Centred on the full result, the size of {@code in1}. */
  SAME,
  /** Only complete overlaps, {@code |N − M| + 1}; one input must be at least as large as the other in every axis. */
  VALID;

  /** SciPy's name: {@code full}, {@code same} or {@code valid}. */
  public String scipyName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code full}, {@code same} or {@code valid} (case-insensitive).
   *
   * @throws IllegalArgumentException for anything else, listing the choices
   */
  public static Mode parse(String name) {
    String k = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (k) {
      case "full" -> FULL;
      case "same" -> SAME;
      case "valid" -> VALID;
      default -> throw new IllegalArgumentException(
          "acceptable mode flags are 'valid', 'same', or 'full'; got '" + name + "'");
    };
  }
}
