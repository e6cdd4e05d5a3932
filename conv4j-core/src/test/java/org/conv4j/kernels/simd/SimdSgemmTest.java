package org.conv4j.kernels.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * SIMD SGEMM against a plainly written float64 reference over random sizes (covering full tiles,
 * edge tiles and several k-blocks), all transpose combinations, and both beta values.
 */
class SimdSgemmTest {
  /** Float32 accumulation over k terms of magnitude ≤ 1: allow k·2⁻²³ relative to Σ|a||b|. */
  private static final double REL_PER_TERM = 0x1.0p-23;

  @Property(tries = 60)
  void matchesReference(
      @ForAll @IntRange(min = 1, max = 70) int m,
      @ForAll @IntRange(min = 1, max = 90) int n,
      @ForAll @IntRange(min = 0, max = 600) int k,
      @ForAll boolean transA,
      @ForAll boolean transB,
      @ForAll boolean accumulate,
      @ForAll @IntRange(min = 0, max = 3) int pad) {
    Random r = new Random(31L * m + 17L * n + k);
    int lda = (transA ? m : k) + pad;
    int ldb = (transB ? k : n) + pad;
    int ldc = n + pad;
    float[] a = random(r, (transA ? k : m) * lda + 1);
    float[] b = random(r, (transB ? n : k) * ldb + 1);
    float[] c = random(r, m * ldc + 1);
    float[] c0 = c.clone();
    SimdSgemm.gemm(transA, transB, m, n, k, a, 1, lda, b, 1, ldb, accumulate ? 1f : 0f, c, 1, ldc);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = accumulate ? c0[1 + i * ldc + j] : 0;
        double mag = Math.abs(s);
        for (int p = 0; p < k; p++) {
          double av = transA ? a[1 + p * lda + i] : a[1 + i * lda + p];
          double bv = transB ? b[1 + j * ldb + p] : b[1 + p * ldb + j];
          s += av * bv;
          mag += Math.abs(av * bv);
        }
        double tol = (k + 2) * REL_PER_TERM * mag + 1e-30;
        assertThat((double) c[1 + i * ldc + j]).as("C[%d,%d]", i, j).isCloseTo(s, org.assertj.core.data.Offset.offset(tol));
      }
      // Padding columns beyond n are untouched.
      for (int j = n; j < ldc && i * ldc + j + 1 < c.length; j++) {
        assertThat(c[1 + i * ldc + j]).isEqualTo(c0[1 + i * ldc + j]);
      }
    }
    assertThat(c[0]).isEqualTo(c0[0]);
  }

  private static float[] random(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextFloat() * 2 - 1;
    }
    return v;
  }
}
