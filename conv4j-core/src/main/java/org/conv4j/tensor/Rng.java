package org.conv4j.tensor;

/**
 * A seeded, counter-based random generator: element {@code i} of a draw depends only on the seed
 * and its position in the stream, never on thread count or chunking, so results are reproducible
 * across runs, machines and parallel fills.
 *
 * <p>Value {@code j} of the stream is SplitMix64's output {@code mix64(seed + (j+1)·γ)} with
 * γ = 0x9E3779B97F4A7C15 (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014) — the sequence of {@link java.util.SplittableRandom}. Uniforms take
 * the top 53 (float64) or 24 (float32) bits; normals use the Box–Muller transform on two stream
 * values per element. Each draw advances the stream by the number of values it used, so a
 * sequence of calls is reproducible too.
 *
 * <p>Not thread-safe: one instance per thread or sequence of calls.
 */
public final class Rng {
  private static final long GAMMA = 0x9E3779B97F4A7C15L;
  private final long seed;
  private long counter;

  /** A generator whose stream is fixed by {@code seed}. */
  public Rng(long seed) {
    this.seed = seed;
  }

  /** The seed this generator was made with. */
  public long seed() {
    return seed;
  }

  /** How many stream values have been used so far. */
  public long position() {
    return counter;
  }

  /** Stream value {@code j} (independent of any state). */
  public long value(long j) {
    return mix64(seed + (j + 1) * GAMMA);
  }

  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Next stream value as a double in [0, 1). */
  public double nextDouble() {
    return (value(counter++) >>> 11) * 0x1.0p-53;
  }

  /** A uniformly random int in [0, bound), without modulo bias. */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("nextInt: bound must be positive, got " + bound);
    }
    while (true) {
      long r = value(counter++) >>> 33; // 31 bits
      long m = r * bound;
      long l = m & 0x7FFFFFFFL;
      if (l >= (0x80000000L % bound)) {
        return (int) (m >>> 31);
      }
    }
  }

  /** A uniformly random permutation of {@code 0..n-1} (Fisher–Yates). */
  public int[] permutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /**
   * Values uniform in {@code [low, high)} (for float32 the interval between the float32-rounded
   * bounds); {@code low} itself when the interval is empty ({@code low == high}), as NumPy.
   */
  public Tensor uniform(DType dtype, double low, double high, int... shape) {
    if (!(low <= high) || !Double.isFinite(low) || !Double.isFinite(high)) {
      throw new IllegalArgumentException("uniform: need finite low <= high, got [" + low + ", " + high + ")");
    }
    Tensor t = Tensor.alloc(dtype, shape.clone());
    long base = counter;
    double span = high - low;
    if (t.f != null) {
      // The interval is the one the float32 bounds describe: [(float) low, (float) high).
      float lo = (float) low;
      float hi = (float) high;
      for (int i = 0; i < t.size; i++) {
        float u = (value(base + i) >>> 40) * 0x1.0p-24f;
        float v = (float) (low + span * u);
        // Rounding can land on hi; keep the interval half-open (v >= lo holds by monotone rounding).
        t.f[i] = v < hi || lo == hi ? v : Math.nextDown(hi);
      }
    } else {
      for (int i = 0; i < t.size; i++) {
        double u = (value(base + i) >>> 11) * 0x1.0p-53;
        double v = low + span * u;
        t.d[i] = v < high || span == 0 ? v : Math.nextDown(high);
      }
    }
    counter += t.size;
    return t;
  }

  /** Values from a normal distribution with the given mean and standard deviation. */
  public Tensor normal(DType dtype, double mean, double std, int... shape) {
    if (!(std >= 0) || !Double.isFinite(std) || !Double.isFinite(mean)) {
      throw new IllegalArgumentException("normal: need finite mean and std >= 0, got " + mean + ", " + std);
    }
    Tensor t = Tensor.alloc(dtype, shape.clone());
    long base = counter;
    for (int i = 0; i < t.size; i++) {
      // u1 in (0, 1] so the log is finite.
      double u1 = ((value(base + 2L * i) >>> 11) + 1) * 0x1.0p-53;
      double u2 = (value(base + 2L * i + 1) >>> 11) * 0x1.0p-53;
      double z = Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
      double v = mean + std * z;
      if (t.f != null) {
        t.f[i] = (float) v;
      } else {
        t.d[i] = v;
      }
    }
    counter += 2L * t.size;
    return t;
  }
}
