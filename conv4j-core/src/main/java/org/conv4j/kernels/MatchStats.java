package org.conv4j.kernels;

/**
 * Window statistics of a 2-D plane for template matching, in float64, for one block of output
 * rows at a time: column sums over the {@code kh} window rows ({@link #columns} starts a block,
 * {@link #slide} moves it down one row by adding the row entering and subtracting the row
 * leaving), then window sums along the row ({@link #rowSums}, a running sum). With integer-valued
 * data every partial sum is an integer, exact below 2<sup>53</sup>; otherwise the error grows
 * with the block height and row length (about {@code n·ε} of the largest sum), far below float32
 * resolution. A block's result depends only on where it starts, so callers that cut the output
 * into fixed blocks get the same bits for any thread count.
 *
 * <p>Plane layout: row-major, row {@code r} at {@code off + r·w}; column sums cover columns
 * {@code [c0, c0 + n)} into {@code s1[so..so+n)} ({@code Σ v}, skipped when null) and {@code s2}
 * ({@code Σ v²}, skipped when null).
 */
public final class MatchStats {
  private MatchStats() {}

  /** Column sums of rows {@code [r, r + kh)}. */
  public static void columns(float[] x, int off, int w, int r, int kh, int c0, int n, double[] s1, double[] s2, int so) {
    if (s1 != null) {
      java.util.Arrays.fill(s1, so, so + n, 0.0);
    }
    if (s2 != null) {
      java.util.Arrays.fill(s2, so, so + n, 0.0);
    }
    for (int i = 0; i < kh; i++) {
      int p = off + (r + i) * w + c0;
      if (s1 != null) {
        for (int j = 0; j < n; j++) {
          s1[so + j] += x[p + j];
        }
      }
      if (s2 != null) {
        for (int j = 0; j < n; j++) {
          double v = x[p + j];
          s2[so + j] += v * v;
        }
      }
    }
  }

  /** Column sums of rows {@code [r, r + kh)}, float64 plane. */
  public static void columns(double[] x, int off, int w, int r, int kh, int c0, int n, double[] s1, double[] s2, int so) {
    if (s1 != null) {
      java.util.Arrays.fill(s1, so, so + n, 0.0);
    }
    if (s2 != null) {
      java.util.Arrays.fill(s2, so, so + n, 0.0);
    }
    for (int i = 0; i < kh; i++) {
      int p = off + (r + i) * w + c0;
      if (s1 != null) {
        for (int j = 0; j < n; j++) {
          s1[so + j] += x[p + j];
        }
      }
      if (s2 != null) {
        for (int j = 0; j < n; j++) {
          double v = x[p + j];
          s2[so + j] += v * v;
        }
      }
    }
  }

  /** Moves column sums of rows {@code [r − 1, r − 1 + kh)} to {@code [r, r + kh)}. */
  public static void slide(float[] x, int off, int w, int r, int kh, int c0, int n, double[] s1, double[] s2, int so) {
    int in = off + (r + kh - 1) * w + c0;
    int out = off + (r - 1) * w + c0;
    if (s1 != null) {
      for (int j = 0; j < n; j++) {
        s1[so + j] += (double) x[in + j] - (double) x[out + j];
      }
    }
    if (s2 != null) {
      for (int j = 0; j < n; j++) {
        double a = x[in + j];
        double b = x[out + j];
        s2[so + j] += a * a - b * b;
      }
    }
  }

  /** Moves column sums down one row, float64 plane. */
  public static void slide(double[] x, int off, int w, int r, int kh, int c0, int n, double[] s1, double[] s2, int so) {
    int in = off + (r + kh - 1) * w + c0;
    int out = off + (r - 1) * w + c0;
    if (s1 != null) {
      for (int j = 0; j < n; j++) {
        s1[so + j] += x[in + j] - x[out + j];
      }
    }
    if (s2 != null) {
      for (int j = 0; j < n; j++) {
        double a = x[in + j];
        double b = x[out + j];
        s2[so + j] += a * a - b * b;
      }
    }
  }

  /** {@code out[i] = Σ_{j<kw} s[so + i + j]} for {@code i < n} by a running sum ({@code s} has {@code n + kw − 1} from {@code so}). */
  public static void rowSums(double[] s, int so, int kw, int n, double[] out) {
    double acc = 0;
    for (int j = 0; j < kw; j++) {
      acc += s[so + j];
    }
    out[0] = acc;
    for (int i = 1; i < n; i++) {
      acc += s[so + i + kw - 1] - s[so + i - 1];
      out[i] = acc;
    }
  }
}
