package org.conv4j.window;

import org.conv4j.internal.TensorAccess;
import org.conv4j.kernels.MatchKernels;
import org.conv4j.kernels.WindowKernels;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * Reductions over every window of a {@link WindowSpec} (ndimage or valid geometry, stride,
 * footprint): the same values as {@code np.<op>(sliding_window_view(...), axis=window axes)} or the
 * matching {@code scipy.ndimage} filter, computed without visiting each window element by element
 * where an algorithm allows it.
 *
 * <table class="striped">
 * <caption>Algorithms</caption>
 * <tr><th>op</th><th>box window, finite input</th><th>otherwise</th></tr>
 * <tr><td>sum, mean, var, std</td><td>separable float64 running sums (var/std from Σx and Σx² of the
 *     input shifted by its mean, ddof = 0)</td><td>per-window loop</td></tr>
 * <tr><td>min, max</td><td>separable van Herk/Gil-Werman, 3 comparisons per sample per axis</td>
 *     <td>per-window loop</td></tr>
 * <tr><td>argmin, argmax, median, percentile</td><td colspan="2">per-window loop (quickselect)</td></tr>
 * </table>
 *
 * <p>Semantics: {@code argmin}/{@code argmax} give the position inside the window in C order of the
 * footprint's selected elements, the first on ties, as {@code np.argmin} on the flattened window
 * (a NaN counts as the extremum, first NaN wins). {@code median} and {@code percentile} follow
 * {@code ndimage.median_filter}/{@code percentile_filter} (SPEC §3.5): the element of rank
 * {@code n//2}, resp. {@code int(n·p/100)} ({@code n − 1} for p = 100), so an even window takes the
 * upper middle value and nothing is averaged. NaN: sum, mean, var, std, min and max of a window
 * holding NaN are NaN; median and percentile order NaN above +∞.
 *
 * {@snippet :
 * Tensor m = WindowReductions.max(img, WindowSpec.size(9));        // ndimage.maximum_filter(img, 9)
 * Tensor v = WindowReductions.var(img, WindowSpec.size(5, 5).valid());
 * }
 */
public final class WindowReductions {
  private WindowReductions() {}

  /** Sum of each window. */
  public static Tensor sum(Tensor x, WindowSpec spec) {
    WindowPlan p = new WindowPlan(x, spec);
    if (!fastSums(p)) {
      return WindowOp.run(p, v -> {
        double s = 0;
        for (double a : v) {
          s += a;
        }
        return s;
      });
    }
    return out(p, subsample(p, MatchKernels.boxSums(p.src, 0, p.srcShape, p.k, false)));
  }

  /** Mean of each window. */
  public static Tensor mean(Tensor x, WindowSpec spec) {
    WindowPlan p = new WindowPlan(x, spec);
    if (!fastSums(p)) {
      return WindowOp.run(p, v -> {
        double s = 0;
        for (double a : v) {
          s += a;
        }
        return s / v.length;
      });
    }
    double[] s = subsample(p, MatchKernels.boxSums(p.src, 0, p.srcShape, p.k, false));
    for (int i = 0; i < s.length; i++) {
      s[i] /= p.n;
    }
    return out(p, s);
  }

  /** Population variance (ddof = 0) of each window. */
  public static Tensor var(Tensor x, WindowSpec spec) {
    return variance(x, spec, false);
  }

  /** Population standard deviation (ddof = 0) of each window. */
  public static Tensor std(Tensor x, WindowSpec spec) {
    return variance(x, spec, true);
  }

  private static Tensor variance(Tensor x, WindowSpec spec, boolean sqrt) {
    WindowPlan p = new WindowPlan(x, spec);
    if (!fastSums(p)) {
      return WindowOp.run(p, v -> {
        double s = 0;
        for (double a : v) {
          s += a;
        }
        double m = s / v.length;
        double q = 0;
        for (double a : v) {
          q += (a - m) * (a - m);
        }
        return sqrt ? Math.sqrt(q / v.length) : q / v.length;
      });
    }
    // Shifting by the global mean keeps Σx² − (Σx)²/n from cancelling when the data sit far from 0.
    double shift = 0;
    for (double a : p.src) {
      shift += a;
    }
    shift /= p.src.length;
    double[] c = new double[p.src.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = p.src[i] - shift;
    }
    double[] s1 = subsample(p, MatchKernels.boxSums(c, 0, p.srcShape, p.k, false));
    double[] s2 = subsample(p, MatchKernels.boxSums(c, 0, p.srcShape, p.k, true));
    for (int i = 0; i < s1.length; i++) {
      double v = Math.max((s2[i] - s1[i] * s1[i] / p.n) / p.n, 0.0);
      s1[i] = sqrt ? Math.sqrt(v) : v;
    }
    return out(p, s1);
  }

  /** Minimum of each window. */
  public static Tensor min(Tensor x, WindowSpec spec) {
    return extremum(x, spec, false);
  }

  /** Maximum of each window. */
  public static Tensor max(Tensor x, WindowSpec spec) {
    return extremum(x, spec, true);
  }

  private static Tensor extremum(Tensor x, WindowSpec spec, boolean max) {
    WindowPlan p = new WindowPlan(x, spec);
    if (!p.box) {
      return WindowOp.run(p, v -> {
        double m = v[0];
        for (double a : v) {
          m = max ? Math.max(m, a) : Math.min(m, a);
        }
        return m;
      });
    }
    double[] cur = p.src;
    int[] s = p.srcShape.clone();
    for (int a = p.rank - 1; a >= 0; a--) {
      cur = WindowKernels.minMaxPass(cur, s, a, p.k[a], max);
      s[a] = s[a] - p.k[a] + 1;
    }
    return out(p, subsample(p, cur));
  }

  /** Position of the minimum inside each window (C order of the selected elements; first on ties; NaN first). */
  public static Tensor argmin(Tensor x, WindowSpec spec) {
    return WindowOp.run(new WindowPlan(x, spec), v -> {
      int b = 0;
      for (int i = 0; i < v.length; i++) {
        if (Double.isNaN(v[i])) {
          return i;
        }
        if (v[i] < v[b]) {
          b = i;
        }
      }
      return b;
    });
  }

  /** Position of the maximum inside each window (C order of the selected elements; first on ties; NaN first). */
  public static Tensor argmax(Tensor x, WindowSpec spec) {
    return WindowOp.run(new WindowPlan(x, spec), v -> {
      int b = 0;
      for (int i = 0; i < v.length; i++) {
        if (Double.isNaN(v[i])) {
          return i;
        }
        if (v[i] > v[b]) {
          b = i;
        }
      }
      return b;
    });
  }

  /** ndimage median: the element of rank {@code n//2} of each window. */
  public static Tensor median(Tensor x, WindowSpec spec) {
    return WindowOp.run(new WindowPlan(x, spec), v -> WindowKernels.select(v, v.length, v.length / 2));
  }

  /**
   * ndimage percentile: rank {@code int(n·p/100)}, {@code n − 1} for p = 100; negative {@code p}
   * counts from 100.
   *
   * @throws IllegalArgumentException unless {@code −100 ≤ p ≤ 100}
   */
  public static Tensor percentile(Tensor x, WindowSpec spec, double percentile) {
    double q = percentile < 0 ? percentile + 100 : percentile;
    if (!(q >= 0 && q <= 100)) {
      throw new IllegalArgumentException("percentile must be in [-100, 100], got " + percentile);
    }
    return WindowOp.run(new WindowPlan(x, spec), v -> {
      int r = q == 100 ? v.length - 1 : (int) (v.length * q / 100);
      return WindowKernels.select(v, v.length, r);
    });
  }

  private static boolean fastSums(WindowPlan p) {
    if (!p.box) {
      return false;
    }
    for (double a : p.src) {
      if (!Double.isFinite(a)) {
        return false;
      }
    }
    return true;
  }

  /** Picks the strided positions out of the full valid result (shape srcShape − k + 1). */
  private static double[] subsample(WindowPlan p, double[] full) {
    int[] fs = new int[p.rank];
    int[] fstride = new int[p.rank];
    int acc = 1;
    boolean same = true;
    for (int a = p.rank - 1; a >= 0; a--) {
      fs[a] = p.srcShape[a] - p.k[a] + 1;
      fstride[a] = acc;
      acc *= fs[a];
      same &= fs[a] == p.outShape[a];
    }
    if (same) {
      return full;
    }
    int n = p.outSize();
    double[] r = new double[n];
    int[] srcStride = new int[p.rank];
    acc = 1;
    for (int a = p.rank - 1; a >= 0; a--) {
      srcStride[a] = acc;
      acc *= p.srcShape[a];
    }
    for (int o = 0; o < n; o++) {
      int rem = o;
      int f = 0;
      for (int a = p.rank - 1; a >= 0; a--) {
        int i = rem % p.outShape[a];
        rem /= p.outShape[a];
        f += i * (p.posStride[a] / srcStride[a]) * fstride[a];
      }
      r[o] = full[f];
    }
    return r;
  }

  private static Tensor out(WindowPlan p, double[] v) {
    Tensor t = TensorAccess.get().wrap(v, p.outShape);
    return p.outType == DType.FLOAT64 ? t : t.to(p.outType);
  }
}
