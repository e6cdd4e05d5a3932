package org.conv4j.kernels;

/**
 * Bias add and bias gradient over {@code (oc, plane)} blocks of one example: the bias is broadcast
 * over each channel's plane, and its gradient is the sum of that plane. Float32 sums accumulate
 * in double. Single-threaded; no allocation.
 */
public final class Bias {
  private Bias() {}

  /**
   * {@code y[o, i] += b[o]}.
   *
   * @param y output {@code (oc, plane)}, modified
   * @param b bias {@code (oc)}, not modified
   */
  public static void add(double[] y, int yo, int oc, int plane, double[] b, int bo) {
    for (int o = 0; o < oc; o++) {
      double v = b[bo + o];
      for (int i = yo + o * plane, e = i + plane; i < e; i++) {
        y[i] += v;
      }
    }
  }

  /** Float32 twin of {@link #add(double[], int, int, int, double[], int)}. */
  public static void add(float[] y, int yo, int oc, int plane, float[] b, int bo) {
    for (int o = 0; o < oc; o++) {
      float v = b[bo + o];
      for (int i = yo + o * plane, e = i + plane; i < e; i++) {
        y[i] += v;
      }
    }
  }

  /**
   * {@code db[o] += Σ_i dy[o, i]}.
   *
   * @param dy output gradient {@code (oc, plane)}, not modified
   * @param db bias gradient {@code (oc)}, modified: accumulated into
   */
  public static void grad(double[] dy, int dyo, int oc, int plane, double[] db, int dbo) {
    for (int o = 0; o < oc; o++) {
      db[dbo + o] += sum(dy, dyo + o * plane, plane);
    }
  }

  /** Float32 twin of {@link #grad(double[], int, int, int, double[], int)}. */
  public static void grad(float[] dy, int dyo, int oc, int plane, float[] db, int dbo) {
    for (int o = 0; o < oc; o++) {
      db[dbo + o] = (float) (db[dbo + o] + sum(dy, dyo + o * plane, plane));
    }
  }

  /**
   * {@code Σ v[from, from + len)} in double with eight interleaved partial sums: one running sum is
   * bound by the add latency (4 cycles per element); eight independent ones keep both adders busy.
   */
  static double sum(float[] v, int from, int len) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int i = from, e = from + len;
    for (; i + 7 < e; i += 8) {
      s0 += v[i];
      s1 += v[i + 1];
      s2 += v[i + 2];
      s3 += v[i + 3];
      s4 += v[i + 4];
      s5 += v[i + 5];
      s6 += v[i + 6];
      s7 += v[i + 7];
    }
    for (; i < e; i++) {
      s0 += v[i];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** Float64 twin of {@link #sum(float[], int, int)}. */
  static double sum(double[] v, int from, int len) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = from, e = from + len;
    for (; i + 3 < e; i += 4) {
      s0 += v[i];
      s1 += v[i + 1];
      s2 += v[i + 2];
      s3 += v[i + 3];
    }
    for (; i < e; i++) {
      s0 += v[i];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
