package org.conv4j.signal;

import java.util.Locale;

/**
 * How {@link Signal#convolve} computes: the values do not depend on it except for rounding
 * (FFT paths agree with {@link #DIRECT} to about {@code 1e-12} relative in float64).
 */
public enum Method {
  /** Pick by the cost model of this library's own kernels: {@link Signal#chooseMethod}. */
  AUTO,
  /** Sums over the taps (SIMD over output positions, threads over output rows or tiles). */
  DIRECT,
  /** One real FFT of each input, zero-padded to fast lengths covering the requested window. */
  FFT,
  /** Overlap-add: the larger input cut into blocks, each convolved by FFT with the smaller one. */
  OVERLAP_ADD;

  /**
   * Parses {@code auto}, {@code direct}, {@code fft}, {@code oa} (or {@code overlap-add},
   * {@code overlap_add}), case-insensitive.
   *
   * @throws IllegalArgumentException for anything else, listing the choices
   */
  public static Method parse(String name) {
    String k = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (k) {
      case "auto" -> AUTO;
      case "direct" -> DIRECT;
      case "fft" -> FFT;
      case "oa", "overlap-add", "overlap_add", "overlapadd" -> OVERLAP_ADD;
      default -> throw new IllegalArgumentException(
          "acceptable method flags are 'auto', 'direct', 'fft' or 'oa'; got '" + name + "'");
    };
  }
}
