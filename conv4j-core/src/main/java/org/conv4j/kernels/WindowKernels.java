package org.conv4j.kernels;

/**
 * Scalar kernels of the window reductions, over C-order float64 arrays in valid geometry.
 *
 * <p>{@link #minMaxPass}: van Herk / Gil-Werman running extremum along one axis, three comparisons
 * per sample whatever the window: the axis is cut into blocks of {@code k}; {@code g} holds the
 * extremum from each block's start, {@code h} to each block's end, and window {@code [i, i+k)}
 * (which spans at most two blocks) is {@code ext(h[i], g[i+k−1])}. NaN propagates ({@link Math#min}).
 *
 * <p>{@link #select}: the {@code r}-th smallest value (0-based) in {@code Double.compare} order
 * (NaN largest), by quickselect with median-of-three pivots, in place.
 */
public final class WindowKernels {
  private WindowKernels() {}

  /**
   * One pass along axis {@code a} of a C-order array of shape {@code s}: length {@code s[a]} becomes
   * {@code s[a] − k + 1}, each output the min ({@code max = false}) or max of its {@code k} inputs.
   *
   * @param x not modified
   * @return a new array
   */
  public static double[] minMaxPass(double[] x, int[] s, int a, int k, boolean max) {
    int outer = 1;
    for (int i = 0; i < a; i++) {
      outer *= s[i];
    }
    int inner = 1;
    for (int i = a + 1; i < s.length; i++) {
      inner *= s[i];
    }
    int len = s[a];
    int olen = len - k + 1;
    double[] out = new double[outer * olen * inner];
    double[] g = new double[len * inner];
    double[] h = new double[len * inner];
    for (int o = 0; o < outer; o++) {
      int src = o * len * inner;
      for (int b = 0; b < len; b += k) {
        int e = Math.min(b + k, len);
        System.arraycopy(x, src + b * inner, g, b * inner, inner);
        for (int i = b + 1; i < e; i++) {
          int p = i * inner;
          int q = p - inner;
          for (int j = 0; j < inner; j++) {
            double v = x[src + p + j];
            g[p + j] = max ? Math.max(g[q + j], v) : Math.min(g[q + j], v);
          }
        }
        System.arraycopy(x, src + (e - 1) * inner, h, (e - 1) * inner, inner);
        for (int i = e - 2; i >= b; i--) {
          int p = i * inner;
          int q = p + inner;
          for (int j = 0; j < inner; j++) {
            double v = x[src + p + j];
            h[p + j] = max ? Math.max(h[q + j], v) : Math.min(h[q + j], v);
          }
        }
      }
      int dst = o * olen * inner;
      for (int i = 0; i < olen; i++) {
        int p = i * inner;
        int q = (i + k - 1) * inner;
        for (int j = 0; j < inner; j++) {
          out[dst + p + j] = max ? Math.max(h[p + j], g[q + j]) : Math.min(h[p + j], g[q + j]);
        }
      }
    }
    return out;
  }

  /** The {@code r}-th smallest of {@code v[0..n)} (NaN largest); reorders {@code v}. */
  public static double select(double[] v, int n, int r) {
    int lo = 0;
    int hi = n - 1;
    while (hi > lo) {
      int mid = (lo + hi) >>> 1;
      if (Double.compare(v[mid], v[lo]) < 0) {
        swap(v, mid, lo);
      }
      if (Double.compare(v[hi], v[lo]) < 0) {
        swap(v, hi, lo);
      }
      if (Double.compare(v[hi], v[mid]) < 0) {
        swap(v, hi, mid);
      }
      double pivot = v[mid];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (Double.compare(v[i], pivot) < 0) {
          i++;
        }
        while (Double.compare(v[j], pivot) > 0) {
          j--;
        }
        if (i <= j) {
          swap(v, i, j);
          i++;
          j--;
        }
      }
      if (r <= j) {
        hi = j;
      } else if (r >= i) {
        lo = i;
      } else {
        return v[r];
      }
    }
    return v[r];
  }

  private static void swap(double[] v, int i, int j) {
    double t = v[i];
    v[i] = v[j];
    v[j] = t;
  }
}
