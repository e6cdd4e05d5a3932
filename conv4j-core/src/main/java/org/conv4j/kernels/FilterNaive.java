package org.conv4j.kernels;

import java.util.Arrays;
import org.conv4j.window.PadMode;

/**
 * Plainly written reference twins of the filter kernels ({@link FilterCorrelate},
 * {@link FilterSeparable}, {@link FilterRank}): one output at a time, every window read through
 * {@link PadMode#index}, straight from the formulas of SPEC §3.1–§3.5. Slow; used by the tests
 * (fast ≡ naive) and nowhere else. All arrays are C order, {@code double}.
 */
public final class FilterNaive {
  private FilterNaive() {}

  /** {@code x̃} at a multi-index, or {@code cval} where the rule gives no sample. */
  private static double at(double[] x, int[] dims, long[] k, PadMode mode, double cval) {
    int flat = 0;
    for (int d = 0; d < dims.length; d++) {
      int idx = mode.index(k[d], dims[d]);
      if (idx < 0) {
        return cval;
      }
      flat = flat * dims[d] + idx;
    }
    return x[flat];
  }

  private static boolean step(int[] idx, int[] dims) {
    for (int d = dims.length - 1; d >= 0; d--) {
      if (++idx[d] < dims[d]) {
        return true;
      }
      idx[d] = 0;
    }
    return false;
  }

  private static int size(int[] dims) {
    int s = 1;
    for (int v : dims) {
      s *= v;
    }
    return s;
  }

  /**
   * {@code out[i] = Σ_j w[j]·x̃[i + j − (K//2 + o)]}, terms added in C order of {@code j} from 0.0,
   * skipping taps with {@code |w| ≤ 2⁻⁵²} when {@code skipTiny}.
   */
  public static double[] correlate(
      double[] x, int[] dims, double[] w, int[] kdims, int[] origins, PadMode mode, double cval, boolean skipTiny) {
    int rank = dims.length;
    double[] out = new double[size(dims)];
    if (out.length == 0) {
      return out;
    }
    int[] i = new int[rank];
    long[] k = new long[rank];
    int o = 0;
    do {
      double s = 0.0;
      int[] j = new int[rank];
      int f = 0;
      do {
        double wj = w[f++];
        if (skipTiny && Math.abs(wj) <= FilterCorrelate.TINY) {
          continue;
        }
        for (int d = 0; d < rank; d++) {
          k[d] = (long) i[d] + j[d] - (kdims[d] / 2 + origins[d]);
        }
        s += wj * at(x, dims, k, mode, cval);
      } while (step(j, kdims));
      out[o++] = s;
    } while (step(i, dims));
    return out;
  }

  /** The window of output {@code i}: footprint samples in C order. */
  private static double[] window(
      double[] x, int[] dims, int[] i, boolean[] fp, int[] fdims, int[] origins, PadMode mode, double cval) {
    int rank = dims.length;
    int n = 0;
    for (boolean b : fp) {
      n += b ? 1 : 0;
    }
    double[] v = new double[n];
    int[] j = new int[rank];
    long[] k = new long[rank];
    int f = 0;
    int t = 0;
    do {
      if (fp[f++]) {
        for (int d = 0; d < rank; d++) {
          k[d] = (long) i[d] + j[d] - (fdims[d] / 2 + origins[d]);
        }
        v[t++] = at(x, dims, k, mode, cval);
      }
    } while (step(j, fdims));
    return v;
  }

  /** {@code sorted(window)[rank]} with {@link Arrays#sort(double[])} (NaN last, −0.0 first). */
  public static double[] rank(
      double[] x, int[] dims, boolean[] fp, int[] fdims, int[] origins, int rank, PadMode mode, double cval) {
    double[] out = new double[size(dims)];
    if (out.length == 0) {
      return out;
    }
    int[] i = new int[dims.length];
    int o = 0;
    do {
      double[] v = window(x, dims, i, fp, fdims, origins, mode, cval);
      Arrays.sort(v);
      out[o++] = v[rank];
    } while (step(i, dims));
    return out;
  }

  /**
   * One uniform pass along {@code axis}: SciPy 1.17's running sum per line (the sum, divided at each output), result rounded to
   * float32 when {@code float32}.
   */
  public static double[] uniform1d(
      double[] x, int[] dims, int axis, int size, int origin, PadMode mode, double cval, boolean float32) {
    double[] out = new double[x.length];
    int n = dims[axis];
    int inner = 1;
    for (int d = axis + 1; d < dims.length; d++) {
      inner *= dims[d];
    }
    int outer = x.length / Math.max(1, n * inner);
    int a = size / 2 + origin;
    double[] e = new double[n + size - 1];
    for (int o = 0; o < outer; o++) {
      for (int c = 0; c < inner; c++) {
        int base = o * n * inner + c;
        for (int p = 0; p < e.length; p++) {
          int idx = mode.index((long) p - a, n);
          e[p] = idx < 0 ? cval : x[base + idx * inner];
        }
        double t = 0.0;
        for (int l = 0; l < size; l++) {
          t += e[l];
        }
        out[base] = float32 ? (float) (t / size) : t / size;
        for (int l = 1; l < n; l++) {
          t += e[l + size - 1] - e[l - 1];
          out[base + l * inner] = float32 ? (float) (t / size) : t / size;
        }
      }
    }
    return out;
  }

  /** One minimum or maximum pass along {@code axis}, a window at a time, {@link Double#compare} order. */
  public static double[] minMax1d(
      double[] x, int[] dims, int axis, int size, int origin, boolean max, PadMode mode, double cval) {
    double[] out = new double[x.length];
    int n = dims[axis];
    int inner = 1;
    for (int d = axis + 1; d < dims.length; d++) {
      inner *= dims[d];
    }
    int outer = x.length / Math.max(1, n * inner);
    int a = size / 2 + origin;
    for (int o = 0; o < outer; o++) {
      for (int c = 0; c < inner; c++) {
        int base = o * n * inner + c;
        for (int l = 0; l < n; l++) {
          double best = 0;
          for (int j = 0; j < size; j++) {
            int idx = mode.index((long) l + j - a, n);
            double v = idx < 0 ? cval : x[base + idx * inner];
            best = j == 0 ? v : (max ? (Double.compare(v, best) > 0 ? v : best) : (Double.compare(v, best) < 0 ? v : best));
          }
          out[base + l * inner] = best;
        }
      }
    }
    return out;
  }
}
