package org.conv4j.nn;

/**
 * NumPy's legacy {@code numpy.random.RandomState(seed)}: the 32-bit Mersenne Twister MT19937
 * (Matsumoto and Nishimura, "Mersenne Twister: a 623-dimensionally equidistributed uniform
 * pseudo-random number generator", ACM TOMACS 1998) with NumPy's seeding and its 53-bit
 * {@code random_sample}: {@code a = next32() >>> 5}, {@code b = next32() >>> 6},
 * {@code (a·2²⁶ + b) / 2⁵³}. {@link #uniform} is {@code low + (high − low)·random_sample()}, as
 * {@code RandomState.uniform}.
 *
 * <p>This reproduces the Theano tutorials' random numbers bit for bit: the LeNet weights drawn from
 * {@code RandomState(23455)} and the 3wolfmoon demo's filters (SPEC §6.3, §6.4).
 *
 * {@snippet :
 * NumpyRandomState rng = new NumpyRandomState(23455);
 * double[] w = rng.uniform(-1 / Math.sqrt(243), 1 / Math.sqrt(243), 2 * 3 * 9 * 9);
 * double[] b = rng.uniform(-0.5, 0.5, 2);   // [-0.3943425024..., 0.1681896512...]
 * }
 *
 * <p>Not thread-safe.
 */
public final class NumpyRandomState implements RandomSource {
  private static final int N = 624;
  private static final int M = 397;
  private final int[] mt = new int[N];
  private int pos;

  /**
   * {@code RandomState(seed)} for an integer seed in {@code [0, 2³²)} ({@code init_genrand}).
   *
   * @throws IllegalArgumentException for a seed outside that range, as NumPy
   */
  public NumpyRandomState(long seed) {
    if (seed < 0 || seed > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("Seed must be between 0 and 2**32 - 1, got " + seed);
    }
    mt[0] = (int) seed;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    pos = N;
  }

  /** The next 32 bits of the MT19937 stream (as an unsigned value in a long). */
  public long nextInt32() {
    if (pos >= N) {
      twist();
    }
    int y = mt[pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y & 0xFFFFFFFFL;
  }

  private void twist() {
    for (int i = 0; i < N; i++) {
      int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
      int v = mt[(i + M) % N] ^ (y >>> 1);
      mt[i] = (y & 1) != 0 ? v ^ 0x9908b0df : v;
    }
    pos = 0;
  }

  /** {@code random_sample()}: a double in {@code [0, 1)} with 53 random bits. */
  @Override
  public double nextDouble() {
    long a = nextInt32() >>> 5;
    long b = nextInt32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /** {@code uniform(low, high, size)}: {@code low + (high − low)·random_sample()} for each element. */
  public double[] uniform(double low, double high, int size) {
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      out[i] = low + (high - low) * nextDouble();
    }
    return out;
  }
}
