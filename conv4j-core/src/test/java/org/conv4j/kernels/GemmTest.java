package org.conv4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The blocked GEMM against a naive triple loop, for NN, TN and NT, across tile boundaries, with offsets and leading dimensions. */
class GemmTest {
  static double[] naive(boolean ta, boolean tb, int m, int n, int k, double[] a, int ao, int lda, double[] b, int bo, int ldb) {
    double[] c = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s += (ta ? a[ao + p * lda + i] : a[ao + i * lda + p]) * (tb ? b[bo + j * ldb + p] : b[bo + p * ldb + j]);
        }
        c[i * n + j] = s;
      }
    }
    return c;
  }

  static void check(long seed, int m, int n, int k, boolean ta, boolean tb, boolean accumulate) {
    Random r = new Random(seed);
    int ao = r.nextInt(3);
    int bo = r.nextInt(3);
    int co = r.nextInt(3);
    int lda = (ta ? m : k) + r.nextInt(2);
    int ldb = (tb ? k : n) + r.nextInt(2);
    int ldc = n + r.nextInt(2);
    double[] a = new double[ao + lda * (ta ? k : m) + 1];
    double[] b = new double[bo + ldb * (tb ? n : k) + 1];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextInt(17) - 8;
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = r.nextInt(17) - 8;
    }
    double[] c = new double[co + ldc * m + 1];
    float[] cf = new float[c.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = accumulate ? r.nextInt(5) : 99;
      cf[i] = (float) c[i];
    }
    double[] before = c.clone();
    float[] af = new float[a.length];
    float[] bf = new float[b.length];
    for (int i = 0; i < a.length; i++) {
      af[i] = (float) a[i];
    }
    for (int i = 0; i < b.length; i++) {
      bf[i] = (float) b[i];
    }
    Gemm.gemm(ta, tb, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate);
    Gemm.gemm(ta, tb, m, n, k, af, ao, lda, bf, bo, ldb, cf, co, ldc, accumulate);
    double[] ref = naive(ta, tb, m, n, k, a, ao, lda, b, bo, ldb);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        int at = co + i * ldc + j;
        double expected = ref[i * n + j] + (accumulate ? before[at] : 0);
        assertThat(c[at]).as("C[%d,%d]", i, j).isEqualTo(expected);
        // Integer-valued float products and sums below 2^24 are exact in float too.
        assertThat((double) cf[at]).as("float C[%d,%d]", i, j).isEqualTo(expected);
      }
    }
    // Padding between rows (ldc > n) and around the block is untouched.
    for (int i = 0; i < c.length; i++) {
      int rel = i - co;
      boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
      if (!inside) {
        assertThat(c[i]).as("outside C at %d", i).isEqualTo(before[i]);
      }
    }
  }

  @Property(tries = 60)
  void matchesNaive(@ForAll @IntRange(min = 1, max = 9) int m, @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 300) int k, @ForAll boolean accumulate, @ForAll @IntRange(min = 0, max = 2) int variant,
      @ForAll long seed) {
    check(seed, m, n, k, variant == 1, variant == 2, accumulate);
  }

  @Test
  void crossesEveryTileBoundary() {
    for (int variant = 0; variant < 3; variant++) {
      check(variant, 5, Gemm.NC * 2 + 3, Gemm.KC * 2 + 5, variant == 1, variant == 2, variant == 0);
    }
  }

  @Test
  void rejectsBothTransposed() {
    assertThatThrownBy(() -> Gemm.gemm(true, true, 1, 1, 1, new double[1], 0, 1, new double[1], 0, 1, new double[1], 0, 1, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void propagatesNaN() {
    double[] c = new double[1];
    Gemm.gemm(false, false, 1, 1, 2, new double[] {0, 1}, 0, 2, new double[] {Double.NaN, 1}, 0, 1, c, 0, 1, false);
    assertThat(c[0]).isNaN();
  }
}
