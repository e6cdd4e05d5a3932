package org.conv4j.nn;

import org.conv4j.tensor.Rng;

/**
 * A stream of uniform doubles in {@code [0, 1)} that initialisers draw from, in C order of the
 * parameter being filled. Two implementations: conv4j's counter-based {@link Rng}
 * ({@link #of(Rng)}) and NumPy's legacy {@link NumpyRandomState} (MT19937), which reproduces the
 * Theano tutorials' initial weights exactly.
 */
@FunctionalInterface
public interface RandomSource {
  /** The next uniform double in {@code [0, 1)}. */
  double nextDouble();

  /**
   * The next standard normal value, by the Box–Muller transform of two uniforms (so it uses two
   * stream values). Not NumPy's {@code standard_normal} (which uses the polar method).
   */
  default double nextGaussian() {
    double u1 = 1.0 - nextDouble(); // (0, 1], so the log is finite
    double u2 = nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }

  /** A source reading {@code rng}'s stream ({@link Rng#nextDouble()}). */
  static RandomSource of(Rng rng) {
    return rng::nextDouble;
  }

  /** A source reading the stream of {@code new Rng(seed)}. */
  static RandomSource seeded(long seed) {
    return of(new Rng(seed));
  }
}
