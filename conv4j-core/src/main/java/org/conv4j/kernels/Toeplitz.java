package org.conv4j.kernels;

/**
 * Fills a convolution (Toeplitz) matrix: {@code A[i, j] = h[i + start − j]}, zero where
 * {@code i + start − j} falls outside {@code [0, m)}. With {@code start = 0} and {@code m + n − 1}
 * rows this is the full convolution matrix of SciPy's {@code linalg.convolution_matrix}; other
 * modes take a row window of it (SPEC §2.1). Single-threaded; no allocation.
 */
public final class Toeplitz {
  private Toeplitz() {}

  /**
   * @param h kernel of length {@code m}, not modified
   * @param a the {@code (rows, n)} matrix, modified: overwritten
   */
  public static void convolutionMatrix(double[] h, int ho, int m, int n, int start, int rows, double[] a, int ao) {
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < n; j++) {
        int t = i + start - j;
        a[ao + i * n + j] = t >= 0 && t < m ? h[ho + t] : 0;
      }
    }
  }

  /** Float32 twin of {@link #convolutionMatrix(double[], int, int, int, int, int, double[], int)}. */
  public static void convolutionMatrix(float[] h, int ho, int m, int n, int start, int rows, float[] a, int ao) {
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < n; j++) {
        int t = i + start - j;
        a[ao + i * n + j] = t >= 0 && t < m ? h[ho + t] : 0;
      }
    }
  }
}
