package org.conv4j.kernels.fft;

/**
 * Fast transform lengths: the 5-smooth numbers {@code 2^a·3^b·5^c} ({@link ComplexFft} has
 * radix-4/2/3/5 butterflies for them), like {@code scipy.fft.next_fast_len(n, real=True)}.
 */
public final class FastLength {
  private FastLength() {}

  /**
   * The smallest 5-smooth number {@code ≥ n} (1 for {@code n ≤ 1}).
   *
   * @throws IllegalArgumentException if the answer would exceed {@code Integer.MAX_VALUE}
   */
  public static int next(int n) {
    if (n <= 1) {
      return 1;
    }
    long best = Long.MAX_VALUE;
    for (long p5 = 1; p5 < best; p5 *= 5) {
      for (long p35 = p5; p35 < best; p35 *= 3) {
        long v = p35;
        while (v < n) {
          v <<= 1;
        }
        if (v < best) {
          best = v;
        }
        if (p35 >= n) {
          break;
        }
      }
      if (p5 >= n) {
        break;
      }
    }
    if (best > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("no fast FFT length >= " + n + " fits in an int");
    }
    return (int) best;
  }

  /** The smallest even 5-smooth number {@code ≥ n}: the lengths {@link RealFft} accepts. */
  public static int nextEven(int n) {
    return 2 * next((Math.max(n, 2) + 1) / 2);
  }

  /** Whether {@code n ≥ 1} has no prime factor other than 2, 3 and 5. */
  public static boolean isFast(int n) {
    if (n < 1) {
      return false;
    }
    for (int p : new int[] {2, 3, 5}) {
      while (n % p == 0) {
        n /= p;
      }
    }
    return n == 1;
  }
}
