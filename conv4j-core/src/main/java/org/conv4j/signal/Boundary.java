package org.conv4j.signal;

import java.util.Locale;

/**
 * The boundary extensions of {@link Signal#convolve2d} / {@link Signal#correlate2d} (SPEC §2.5,
 * §7). They apply in {@code full} and {@code same} modes ({@code full} with {@code WRAP} or
 * {@code SYMM} is <em>not</em> zero-padded); {@code valid} reads no extended sample.
 */
public enum Boundary {
  /** A constant {@code fillvalue} outside the input (SciPy {@code 'fill'}, alias {@code 'pad'}). */
  FILL,
  /** Periodic, {@code x[k mod N]} (SciPy {@code 'wrap'}, alias {@code 'circular'}; ndimage {@code wrap}). */
  WRAP,
  /**
   * Half-sample symmetric, {@code d c b a | a b c d | d c b a} (SciPy {@code 'symm'}, alias
   * {@code 'symmetric'}; ndimage {@code reflect}, NumPy {@code symmetric}).
   */
  SYMM;

  /**
   * Parses SciPy's names and aliases: {@code fill}/{@code pad}, {@code wrap}/{@code circular},
   * {@code symm}/{@code symmetric} (case-insensitive).
   *
   * @throws IllegalArgumentException for anything else, listing the choices
   */
  public static Boundary parse(String name) {
    String k = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (k) {
      case "fill", "pad" -> FILL;
      case "wrap", "circular" -> WRAP;
      case "symm", "symmetric" -> SYMM;
      default -> throw new IllegalArgumentException(
          "acceptable boundary flags are 'fill' (or 'pad'), 'wrap' (or 'circular'), 'symm' (or 'symmetric'); got '"
              + name + "'");
    };
  }

  /**
   * The index into {@code [0, n)} that extended index {@code k} reads, or {@code −1} for
   * {@link #FILL} outside the input.
   */
  int index(long k, int n) {
    if (k >= 0 && k < n) {
      return (int) k;
    }
    return switch (this) {
      case FILL -> -1;
      case WRAP -> (int) Math.floorMod(k, (long) n);
      case SYMM -> {
        long r = Math.floorMod(k, 2L * n);
        yield (int) (r >= n ? 2L * n - 1 - r : r);
      }
    };
  }
}
