package org.conv4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link Rng}: the stream is SplitMix64 (checked against the JDK's {@link SplittableRandom}, an
 * independent implementation of the same generator), draws are reproducible and counter-based
 * (one draw of n values equals two draws of n1 and n2), uniforms stay in {@code [low, high)}, and
 * normals have the requested mean and standard deviation within stated statistical bounds.
 */
class RngTest {
  static final DType F32 = DType.FLOAT32;
  static final DType F64 = DType.FLOAT64;

  @Property(tries = 200)
  void streamIsSplittableRandomsSequence(@ForAll long seed) {
    SplittableRandom ref = new SplittableRandom(seed);
    Rng rng = new Rng(seed);
    for (int j = 0; j < 20; j++) {
      assertThat(rng.value(j)).isEqualTo(ref.nextLong());
    }
    SplittableRandom ref2 = new SplittableRandom(seed);
    for (int j = 0; j < 20; j++) {
      assertThat(rng.nextDouble()).isEqualTo(ref2.nextDouble());
    }
    assertThat(rng.position()).isEqualTo(20);
    assertThat(rng.seed()).isEqualTo(seed);
  }

  @Property(tries = 200)
  void sameSeedGivesIdenticalDraws(@ForAll long seed, @ForAll DType dt, @ForAll @IntRange(max = 50) int n) {
    Rng a = new Rng(seed);
    Rng b = new Rng(seed);
    assertThat(bits(a.uniform(dt, -2, 3, n))).isEqualTo(bits(b.uniform(dt, -2, 3, n)));
    assertThat(bits(a.normal(dt, 1, 2, n, 2))).isEqualTo(bits(b.normal(dt, 1, 2, n, 2)));
    assertThat(a.permutation(n)).isEqualTo(b.permutation(n));
    assertThat(a.position()).isEqualTo(b.position());
    // A different seed gives a different stream.
    if (n > 3) {
      assertThat(bits(new Rng(seed + 1).uniform(dt, 0, 1, n))).isNotEqualTo(bits(new Rng(seed).uniform(dt, 0, 1, n)));
    }
  }

  @Property(tries = 300)
  void aDrawOfNEqualsDrawsOfN1ThenN2(
      @ForAll long seed, @ForAll DType dt, @ForAll @IntRange(max = 40) int n1, @ForAll @IntRange(max = 40) int n2) {
    Rng whole = new Rng(seed);
    Rng parts = new Rng(seed);
    double[] u = whole.uniform(dt, -1, 1, n1 + n2).toDoubleArray();
    double[] u1 = parts.uniform(dt, -1, 1, n1).toDoubleArray();
    double[] u2 = parts.uniform(dt, -1, 1, n2).toDoubleArray();
    assertThat(bits(u)).isEqualTo(bits(concat(u1, u2)));
    assertThat(whole.position()).isEqualTo(parts.position()).isEqualTo(n1 + n2);
    double[] z = whole.normal(dt, 0, 1, n1 + n2).toDoubleArray();
    double[] z1 = parts.normal(dt, 0, 1, n1).toDoubleArray();
    double[] z2 = parts.normal(dt, 0, 1, n2).toDoubleArray();
    assertThat(bits(z)).isEqualTo(bits(concat(z1, z2)));
    assertThat(whole.position()).isEqualTo(parts.position()).isEqualTo(3L * (n1 + n2));
    // The shape does not change the stream, only how it is laid out.
    assertThat(bits(new Rng(seed).uniform(dt, -1, 1, n1, 2).toDoubleArray()))
        .isEqualTo(bits(new Rng(seed).uniform(dt, -1, 1, 2 * n1).toDoubleArray()));
  }

  @Property(tries = 300)
  void uniformStaysInTheHalfOpenInterval(
      @ForAll long seed,
      @ForAll DType dt,
      @ForAll @DoubleRange(min = -1e6, max = 1e6) double low,
      @ForAll @DoubleRange(min = 0, max = 1e3) double span) {
    double high = low + span;
    double[] v = new Rng(seed).uniform(dt, low, high, 500).toDoubleArray();
    // In float32 the interval is the one the float32 bounds describe.
    double lo = dt == F32 ? (float) low : low;
    double hi = dt == F32 ? (float) high : high;
    for (double x : v) {
      if (lo == hi) {
        assertThat(x).as("uniform(%s, %s) of an empty interval gives low", low, high).isEqualTo(lo);
      } else {
        assertThat(x).as("uniform(%s, %s) in %s", low, high, dt).isGreaterThanOrEqualTo(lo).isLessThan(hi);
      }
    }
  }

  @Test
  void uniformCornerCases() {
    for (DType dt : DType.values()) {
      // Bounds that float32 cannot represent: 0.7 rounds down, 0.3 rounds up.
      for (double[] b : new double[][] {{0.7, 0.7}, {0.3, 0.3}, {0.7, 0.7000001}, {-0.3, 0.7}, {5, 5}, {0, 1e-30}}) {
        double[] v = new Rng(7).uniform(dt, b[0], b[1], 2000).toDoubleArray();
        double lo = dt == F32 ? (float) b[0] : b[0];
        double hi = dt == F32 ? (float) b[1] : b[1];
        for (double x : v) {
          if (lo == hi) {
            assertThat(x).as("%s uniform%s", dt, Arrays.toString(b)).isEqualTo(lo);
          } else {
            assertThat(x).as("%s uniform%s", dt, Arrays.toString(b)).isGreaterThanOrEqualTo(lo).isLessThan(hi);
          }
        }
      }
    }
  }

  @Test
  void uniformIsUniform() {
    // 1e5 draws in 20 bins: each bin's count is Binomial(1e5, 0.05), sd ≈ 69; allow 6 sd.
    for (DType dt : DType.values()) {
      for (long seed : new long[] {0, 1, 42, -7}) {
        double[] v = new Rng(seed).uniform(dt, -3, 5, 100_000).toDoubleArray();
        int[] bins = new int[20];
        double sum = 0;
        for (double x : v) {
          bins[(int) ((x + 3) / 8 * 20)]++;
          sum += x;
        }
        for (int b : bins) {
          assertThat(Math.abs(b - 5000)).as("%s seed %d bins %s", dt, seed, Arrays.toString(bins)).isLessThan(6 * 69);
        }
        // mean 1, sd of the mean 8/sqrt(12)/sqrt(1e5) ≈ 0.0073; allow 6 sd.
        assertThat(Math.abs(sum / v.length - 1)).isLessThan(6 * 0.0073);
      }
    }
  }

  @Test
  void normalHasTheRequestedMeanAndStd() {
    int n = 100_000;
    for (DType dt : DType.values()) {
      for (long seed : new long[] {0, 1, 2024, Long.MIN_VALUE}) {
        double mu = 3;
        double sigma = 2;
        double[] v = new Rng(seed).normal(dt, mu, sigma, n).toDoubleArray();
        double s = 0;
        for (double x : v) {
          s += x;
        }
        double mean = s / n;
        double ss = 0;
        int within1 = 0;
        for (double x : v) {
          ss += (x - mean) * (x - mean);
          within1 += Math.abs(x - mu) < sigma ? 1 : 0;
        }
        double std = Math.sqrt(ss / (n - 1));
        // Standard errors: mean σ/√n = 0.0063, std σ/√(2n) = 0.0045, P(|z|<1) √(p(1-p)/n) = 0.0015.
        // Bounds at 6 standard errors: a correct generator fails with probability ~1e-9 per check.
        assertThat(Math.abs(mean - mu)).as("%s seed %d mean %s", dt, seed, mean).isLessThan(6 * sigma / Math.sqrt(n));
        assertThat(Math.abs(std - sigma)).as("%s seed %d std %s", dt, seed, std).isLessThan(6 * sigma / Math.sqrt(2.0 * n));
        assertThat(Math.abs(within1 / (double) n - 0.682689)).as("%s seed %d", dt, seed).isLessThan(6 * 0.00147);
        for (double x : v) {
          assertThat(x).isFinite();
        }
      }
    }
  }

  @Test
  void normalWithZeroStdIsTheMean() {
    double[] v = new Rng(3).normal(F64, -1.25, 0, 100).toDoubleArray();
    for (double x : v) {
      assertThat(x).isEqualTo(-1.25);
    }
  }

  @Property(tries = 100)
  void nextIntIsInRangeAndPermutationIsAPermutation(@ForAll long seed, @ForAll @IntRange(min = 1, max = 1000) int bound) {
    Rng r = new Rng(seed);
    for (int i = 0; i < 100; i++) {
      assertThat(r.nextInt(bound)).isBetween(0, bound - 1);
    }
    int[] p = r.permutation(bound);
    int[] sorted = p.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < bound; i++) {
      assertThat(sorted[i]).isEqualTo(i);
    }
  }

  @Test
  void nextIntIsUnbiased() {
    // bound 3 does not divide 2^31: a modulo would bias; rejection sampling keeps each ~1/3.
    Rng r = new Rng(11);
    int[] c = new int[3];
    for (int i = 0; i < 300_000; i++) {
      c[r.nextInt(3)]++;
    }
    for (int k : c) {
      assertThat(Math.abs(k - 100_000)).isLessThan(6 * 258); // sd = √(n p (1-p)) ≈ 258
    }
  }

  static long[] bits(Tensor t) {
    return bits(t.toDoubleArray());
  }

  static long[] bits(double[] v) {
    long[] b = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Double.doubleToRawLongBits(v[i]);
    }
    return b;
  }

  static double[] concat(double[] a, double[] b) {
    double[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
