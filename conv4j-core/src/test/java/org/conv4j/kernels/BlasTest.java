package org.conv4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.conv4j.kernels.simd.SimdDgemm;
import org.conv4j.kernels.simd.SimdSgemm;
import org.conv4j.runtime.Parallelism;
import org.junit.jupiter.api.Test;

/**
 * The GEMM dispatch: the SIMD kernels equal a scalar loop with their summation order bit for bit
 * (FMA chain per k-block of {@link SimdSgemm#KC}, block results added to C), the parallel driver
 * equals the single-threaded call bit for bit for any thread count, and SIMD and scalar
 * ({@link Gemm}) agree within the float32 rounding bound {@code (k + 2)·2⁻²³·Σ|a·b|}.
 */
class BlasTest {
  /** Float32: k·2⁻²³ relative to Σ|a||b| per element, the usual dot-product bound (plus slack). */
  static final double REL_F32 = 0x1.0p-23;
  /** Float64: the same bound with 2⁻⁵². */
  static final double REL_F64 = 0x1.0p-52;

  @Test
  void simdIsSelectedUnderTheTestJvm() {
    // The surefire JVM runs with --add-modules jdk.incubator.vector and no conv4j.simd=false.
    assertThat(Blas.SIMD).isTrue();
    assertThat(Blas.implementation()).startsWith("simd");
  }

  /** C = beta·C + op(A)·op(B) in the SIMD kernels' order: FMA chains per k-block, blocks added in order. */
  static void fmaOrderReference(boolean ta, boolean tb, int m, int n, int k, float[] a, int ao, int lda,
      float[] b, int bo, int ldb, boolean acc, float[] c, int co, int ldc, int kc) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float v = acc ? c[co + i * ldc + j] : 0f;
        for (int p0 = 0; p0 < k; p0 += kc) {
          float t = 0f;
          for (int p = p0; p < Math.min(k, p0 + kc); p++) {
            float av = ta ? a[ao + p * lda + i] : a[ao + i * lda + p];
            float bv = tb ? b[bo + j * ldb + p] : b[bo + p * ldb + j];
            t = Math.fma(av, bv, t);
          }
          v = (p0 == 0 && !acc) ? t : v + t;
        }
        c[co + i * ldc + j] = k == 0 && !acc ? 0f : v;
      }
    }
  }

  static void fmaOrderReference(boolean ta, boolean tb, int m, int n, int k, double[] a, int ao, int lda,
      double[] b, int bo, int ldb, boolean acc, double[] c, int co, int ldc, int kc) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double v = acc ? c[co + i * ldc + j] : 0.0;
        for (int p0 = 0; p0 < k; p0 += kc) {
          double t = 0.0;
          for (int p = p0; p < Math.min(k, p0 + kc); p++) {
            double av = ta ? a[ao + p * lda + i] : a[ao + i * lda + p];
            double bv = tb ? b[bo + j * ldb + p] : b[bo + p * ldb + j];
            t = Math.fma(av, bv, t);
          }
          v = (p0 == 0 && !acc) ? t : v + t;
        }
        c[co + i * ldc + j] = k == 0 && !acc ? 0.0 : v;
      }
    }
  }

  @Property(tries = 60)
  void sgemmEqualsItsScalarTwinBitwise(
      @ForAll @IntRange(min = 1, max = 70) int m, @ForAll @IntRange(min = 1, max = 90) int n,
      @ForAll @IntRange(min = 0, max = 600) int k, @ForAll boolean ta, @ForAll boolean tb, @ForAll boolean acc) {
    Random r = new Random(m * 1_000_003L + n * 1009L + k);
    int lda = (ta ? m : k) + 1, ldb = (tb ? k : n) + 2, ldc = n + 3;
    float[] a = rand(r, (ta ? k : m) * lda + 2);
    float[] b = rand(r, (tb ? n : k) * ldb + 2);
    float[] c = rand(r, m * ldc + 2);
    float[] ref = c.clone();
    SimdSgemm.gemm(ta, tb, m, n, k, a, 1, lda, b, 2, ldb, acc ? 1f : 0f, c, 1, ldc);
    fmaOrderReference(ta, tb, m, n, k, a, 1, lda, b, 2, ldb, acc, ref, 1, ldc, SimdSgemm.KC);
    assertThat(c).isEqualTo(ref);
  }

  @Property(tries = 60)
  void dgemmEqualsItsScalarTwinBitwise(
      @ForAll @IntRange(min = 1, max = 70) int m, @ForAll @IntRange(min = 1, max = 90) int n,
      @ForAll @IntRange(min = 0, max = 600) int k, @ForAll boolean ta, @ForAll boolean tb, @ForAll boolean acc) {
    Random r = new Random(m * 1_000_003L + n * 1009L + k + 7);
    int lda = (ta ? m : k) + 2, ldb = (tb ? k : n) + 1, ldc = n + 1;
    double[] a = randD(r, (ta ? k : m) * lda + 2);
    double[] b = randD(r, (tb ? n : k) * ldb + 2);
    double[] c = randD(r, m * ldc + 2);
    double[] ref = c.clone();
    SimdDgemm.gemm(ta, tb, m, n, k, a, 2, lda, b, 1, ldb, acc ? 1.0 : 0.0, c, 1, ldc);
    fmaOrderReference(ta, tb, m, n, k, a, 2, lda, b, 1, ldb, acc, ref, 1, ldc, SimdDgemm.KC);
    assertThat(c).isEqualTo(ref);
  }

  @Property(tries = 25)
  void parallelEqualsSingleThreadBitwise(
      @ForAll @IntRange(min = 1, max = 300) int m, @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 300) int k, @ForAll boolean ta, @ForAll boolean tb,
      @ForAll boolean acc, @ForAll @IntRange(min = 2, max = 5) int threads) {
    // Large enough to cross the parallel threshold most of the time.
    Random r = new Random(31L * m + n + 17L * k);
    if (ta && tb) {
      tb = false;
    }
    int lda = ta ? m : k, ldb = tb ? k : n;
    float[] a = rand(r, (ta ? k : m) * lda);
    float[] b = rand(r, (tb ? n : k) * ldb);
    float[] c0 = rand(r, m * n);
    float[] one = c0.clone();
    float[] many = c0.clone();
    boolean fta = ta, ftb = tb;
    Parallelism.runWithThreads(1, () -> Blas.sgemmParallel(fta, ftb, m, n, k, a, 0, lda, b, 0, ldb, one, 0, n, acc));
    Parallelism.runWithThreads(threads, () -> Blas.sgemmParallel(fta, ftb, m, n, k, a, 0, lda, b, 0, ldb, many, 0, n, acc));
    assertThat(many).isEqualTo(one);
    double[] ad = toD(a), bd = toD(b), cd0 = toD(c0);
    double[] oneD = cd0.clone(), manyD = cd0.clone();
    Parallelism.runWithThreads(1, () -> Blas.dgemmParallel(fta, ftb, m, n, k, ad, 0, lda, bd, 0, ldb, oneD, 0, n, acc));
    Parallelism.runWithThreads(threads, () -> Blas.dgemmParallel(fta, ftb, m, n, k, ad, 0, lda, bd, 0, ldb, manyD, 0, n, acc));
    assertThat(manyD).isEqualTo(oneD);
  }

  @Property(tries = 40)
  void simdAgreesWithScalarGemmWithinRounding(
      @ForAll @IntRange(min = 1, max = 60) int m, @ForAll @IntRange(min = 1, max = 60) int n,
      @ForAll @IntRange(min = 1, max = 700) int k, @ForAll boolean ta, @ForAll boolean tb) {
    if (ta && tb) {
      tb = false;
    }
    Random r = new Random(m + 131L * n + 7919L * k);
    int lda = ta ? m : k, ldb = tb ? k : n;
    float[] a = rand(r, (ta ? k : m) * lda);
    float[] b = rand(r, (tb ? n : k) * ldb);
    float[] simd = new float[m * n];
    float[] scalar = new float[m * n];
    Blas.sgemm(ta, tb, m, n, k, a, 0, lda, b, 0, ldb, simd, 0, n, false, null);
    Gemm.gemm(ta, tb, m, n, k, a, 0, lda, b, 0, ldb, scalar, 0, n, false);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double mag = 0;
        for (int p = 0; p < k; p++) {
          mag += Math.abs((double) (ta ? a[p * lda + i] : a[i * lda + p]) * (tb ? b[j * ldb + p] : b[p * ldb + j]));
        }
        // Both are within (k+2)·u·Σ|ab| of the exact sum, so within twice that of each other.
        assertThat((double) simd[i * n + j]).isCloseTo(scalar[i * n + j],
            org.assertj.core.data.Offset.offset(2 * (k + 2) * REL_F32 * mag + 1e-30));
      }
    }
  }

  static float[] rand(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextFloat() * 2 - 1;
    }
    return v;
  }

  static double[] randD(Random r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextDouble() * 2 - 1;
    }
    return v;
  }

  static double[] toD(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
