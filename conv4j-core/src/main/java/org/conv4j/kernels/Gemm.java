package org.conv4j.kernels;

/**
 * A straightforward cache-blocked matrix product on row-major arrays with offsets and leading
 * dimensions: {@code C (m×n) = op(A)·op(B)}, optionally accumulated into {@code C}.
 *
 * <p>Transposes: {@code op(A) = A} reads {@code a[i·lda + p]}, {@code op(A) = Aᵀ} reads
 * {@code a[p·lda + i]}; {@code op(B) = B} reads {@code b[p·ldb + j]}, {@code op(B) = Bᵀ} reads
 * {@code b[j·ldb + p]}. The convolution kernels need NN (forward), TN (input gradient) and NT
 * (weight gradient); TT is rejected.
 *
 * <p>Blocking: for NN/TN the inner loop is an axpy along a row of {@code C} and a row of {@code B}
 * (both unit stride). The loops are tiled by {@link #KC} rows of {@code B} × {@link #NC} columns so
 * that the {@code B} panel (128 KB as float, 256 KB as double) stays in L2 while every row of
 * {@code A} streams over it, and the {@code C} row segment stays in L1. For NT both operands are
 * read along {@code p} with unit stride, so it is a blocked dot product. Float32 accumulates in
 * float, like BLAS {@code sgemm}. The next issue replaces this with a SIMD kernel; this one stays as
 * its scalar twin. Single-threaded; no allocation.
 */
public final class Gemm {
  /** Rows of {@code B} (the reduction length) per tile. */
  static final int KC = 128;
  /** Columns of {@code B} and {@code C} per tile. */
  static final int NC = 256;

  private Gemm() {}

  /**
   * {@code C = op(A)·op(B)}, or {@code C += op(A)·op(B)} when {@code accumulate}.
   *
   * @param a not modified
   * @param b not modified
   * @param c modified
   * @throws IllegalArgumentException for {@code transA && transB}
   */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k,
      double[] a, int ao, int lda, double[] b, int bo, int ldb, double[] c, int co, int ldc, boolean accumulate) {
    if (transA && transB) {
      throw new IllegalArgumentException("gemm: both operands transposed is not supported");
    }
    if (!accumulate) {
      for (int i = 0; i < m; i++) {
        java.util.Arrays.fill(c, co + i * ldc, co + i * ldc + n, 0);
      }
    }
    if (!transB) {
      for (int p0 = 0; p0 < k; p0 += KC) {
        int p1 = Math.min(k, p0 + KC);
        for (int j0 = 0; j0 < n; j0 += NC) {
          int j1 = Math.min(n, j0 + NC);
          for (int i = 0; i < m; i++) {
            int ci = co + i * ldc;
            for (int p = p0; p < p1; p++) {
              double av = transA ? a[ao + p * lda + i] : a[ao + i * lda + p];
              int bp = bo + p * ldb;
              for (int j = j0; j < j1; j++) {
                c[ci + j] += av * b[bp + j];
              }
            }
          }
        }
      }
    } else {
      for (int p0 = 0; p0 < k; p0 += KC) {
        int p1 = Math.min(k, p0 + KC);
        for (int i = 0; i < m; i++) {
          int ai = ao + i * lda;
          int ci = co + i * ldc;
          for (int j = 0; j < n; j++) {
            int bj = bo + j * ldb;
            double acc = 0;
            for (int p = p0; p < p1; p++) {
              acc += a[ai + p] * b[bj + p];
            }
            c[ci + j] += acc;
          }
        }
      }
    }
  }

  /** Float32 twin of {@link #gemm(boolean, boolean, int, int, int, double[], int, int, double[], int, int, double[], int, int, boolean)}. */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k,
      float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc, boolean accumulate) {
    if (transA && transB) {
      throw new IllegalArgumentException("gemm: both operands transposed is not supported");
    }
    if (!accumulate) {
      for (int i = 0; i < m; i++) {
        java.util.Arrays.fill(c, co + i * ldc, co + i * ldc + n, 0);
      }
    }
    if (!transB) {
      for (int p0 = 0; p0 < k; p0 += KC) {
        int p1 = Math.min(k, p0 + KC);
        for (int j0 = 0; j0 < n; j0 += NC) {
          int j1 = Math.min(n, j0 + NC);
          for (int i = 0; i < m; i++) {
            int ci = co + i * ldc;
            for (int p = p0; p < p1; p++) {
              float av = transA ? a[ao + p * lda + i] : a[ao + i * lda + p];
              int bp = bo + p * ldb;
              for (int j = j0; j < j1; j++) {
                c[ci + j] += av * b[bp + j];
              }
            }
          }
        }
      }
    } else {
      for (int p0 = 0; p0 < k; p0 += KC) {
        int p1 = Math.min(k, p0 + KC);
        for (int i = 0; i < m; i++) {
          int ai = ao + i * lda;
          int ci = co + i * ldc;
          for (int j = 0; j < n; j++) {
            int bj = bo + j * ldb;
            float acc = 0;
            for (int p = p0; p < p1; p++) {
              acc += a[ai + p] * b[bj + p];
            }
            c[ci + j] += acc;
          }
        }
      }
    }
  }
}
