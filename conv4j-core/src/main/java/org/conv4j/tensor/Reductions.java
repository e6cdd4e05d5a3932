package org.conv4j.tensor;

import java.util.Arrays;

/**
 * Reductions over any set of axes (sum, mean, var, std, min, max), arg-reductions and
 * {@code allclose}. The reduced axes are moved last and made contiguous, so each output element
 * reduces one contiguous row. Sums accumulate in double (float32 results are rounded once); var
 * and std use NumPy's two-pass formula {@code Σ(x − mean)² / (n − ddof)}.
 */
final class Reductions {
  private Reductions() {}

  enum Kind { SUM, MEAN, VAR, STD, MIN, MAX }

  /** Normalised, de-duplicated reduction axes (all axes when {@code axes} is null or empty). */
  static boolean[] axisMask(int[] axes, int rank, String op) {
    boolean[] m = new boolean[rank];
    if (axes == null || axes.length == 0) {
      Arrays.fill(m, true);
      return m;
    }
    for (int a : axes) {
      int ax;
      try {
        ax = Shape.axis(a, rank);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(op + ": axis " + a + " is out of bounds for a tensor of rank " + rank);
      }
      if (m[ax]) {
        throw new IllegalArgumentException(op + ": duplicate value in axes " + Arrays.toString(axes));
      }
      m[ax] = true;
    }
    return m;
  }

  static Tensor reduce(Tensor t, Kind kind, int[] axes, boolean keepdims, int ddof) {
    String name = kind.name().toLowerCase();
    int r = t.rank();
    boolean[] m = axisMask(axes, r, name);
    int[] perm = new int[r];
    int k = 0;
    int outer = 1;
    int inner = 1;
    for (int i = 0; i < r; i++) {
      if (!m[i]) {
        perm[k++] = i;
        outer *= t.shape[i];
      }
    }
    for (int i = 0; i < r; i++) {
      if (m[i]) {
        perm[k++] = i;
        inner *= t.shape[i];
      }
    }
    if (inner == 0 && outer > 0 && (kind == Kind.MIN || kind == Kind.MAX)) {
      throw new IllegalArgumentException(
          name + ": zero-size reduction over an empty axis of shape " + Shape.toString(t.shape)
              + " has no identity");
    }
    if (ddof < 0) {
      throw new IllegalArgumentException(name + ": ddof must be >= 0, got " + ddof);
    }
    int[] outShape = outShape(t.shape, m, keepdims);
    double[] src = t.permute(perm).toDoubleArray();
    double[] res = new double[outer];
    for (int o = 0; o < outer; o++) {
      res[o] = reduceRow(src, o * inner, inner, kind, ddof);
    }
    return t.dtype == DType.FLOAT32 ? Tensor.wrap(toFloat(res), outShape) : Tensor.wrap(res, outShape);
  }

  private static float[] toFloat(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  static int[] outShape(int[] shape, boolean[] m, boolean keepdims) {
    int n = 0;
    for (int i = 0; i < shape.length; i++) {
      if (!m[i] || keepdims) {
        n++;
      }
    }
    int[] out = new int[n];
    for (int i = 0, j = 0; i < shape.length; i++) {
      if (!m[i]) {
        out[j++] = shape[i];
      } else if (keepdims) {
        out[j++] = 1;
      }
    }
    return out;
  }

  private static double reduceRow(double[] x, int off, int n, Kind kind, int ddof) {
    switch (kind) {
      case SUM:
        return sum(x, off, n);
      case MEAN:
        return n == 0 ? Double.NaN : sum(x, off, n) / n;
      case VAR:
      case STD: {
        double mean = sum(x, off, n) / n;
        double acc = 0;
        for (int i = 0; i < n; i++) {
          double dv = x[off + i] - mean;
          acc += dv * dv;
        }
        // As NumPy: divide by max(n − ddof, 0), so ddof >= n gives inf (or NaN for 0/0).
        double v = acc / Math.max(n - ddof, 0);
        return kind == Kind.VAR ? v : Math.sqrt(v);
      }
      case MIN: {
        double v = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
          double e = x[off + i];
          if (e != e) {
            return e;
          }
          v = Math.min(v, e);
        }
        return v;
      }
      case MAX: {
        double v = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
          double e = x[off + i];
          if (e != e) {
            return e;
          }
          v = Math.max(v, e);
        }
        return v;
      }
      default:
        throw new AssertionError(kind);
    }
  }

  /** Pairwise summation (as NumPy) over blocks of 128, for accuracy on long rows. */
  static double sum(double[] x, int off, int n) {
    if (n <= 128) {
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      int i = 0;
      for (; i + 3 < n; i += 4) {
        s0 += x[off + i];
        s1 += x[off + i + 1];
        s2 += x[off + i + 2];
        s3 += x[off + i + 3];
      }
      for (; i < n; i++) {
        s0 += x[off + i];
      }
      return (s0 + s1) + (s2 + s3);
    }
    int h = (n / 2) & ~7;
    return sum(x, off, h) + sum(x, off + h, n - h);
  }

  static long argFlat(Tensor t, boolean max) {
    if (t.size == 0) {
      throw new IllegalArgumentException(
          (max ? "argmax" : "argmin") + ": attempt to get the index of an empty sequence (shape "
              + Shape.toString(t.shape) + ")");
    }
    return argRow(t.toDoubleArray(), 0, t.size, max);
  }

  private static int argRow(double[] x, int off, int n, boolean max) {
    int best = 0;
    double bv = x[off];
    if (bv != bv) {
      return 0;
    }
    for (int i = 1; i < n; i++) {
      double v = x[off + i];
      if (v != v) {
        return i;
      }
      if (max ? v > bv : v < bv) {
        bv = v;
        best = i;
      }
    }
    return best;
  }

  static Tensor argAxis(Tensor t, int axis, boolean keepdims, boolean max) {
    String name = max ? "argmax" : "argmin";
    int ax;
    try {
      // NumPy accepts axis 0 or -1 for a 0-d array here (np.argmax(np.array(5.), axis=0) == 0).
      ax = t.rank() == 0 && (axis == 0 || axis == -1) ? 0 : Shape.axis(axis, t.rank());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": axis " + axis + " is out of bounds for a tensor of rank " + t.rank());
    }
    int n = t.rank() == 0 ? 1 : t.shape[ax];
    if (n == 0) {
      throw new IllegalArgumentException(
          name + ": attempt to get the index along an empty axis " + axis + " (shape " + Shape.toString(t.shape) + ")");
    }
    int r = t.rank();
    int[] perm = new int[r];
    for (int i = 0, k = 0; i < r; i++) {
      if (i != ax) {
        perm[k++] = i;
      }
    }
    if (r > 0) {
      perm[r - 1] = ax;
    }
    boolean[] m = new boolean[r];
    if (r > 0) {
      m[ax] = true;
    }
    int[] outShape = outShape(t.shape, m, keepdims);
    double[] src = t.permute(perm).toDoubleArray();
    int outer = Shape.size(outShape);
    double[] res = new double[outer];
    for (int o = 0; o < outer; o++) {
      res[o] = argRow(src, o * n, n, max);
    }
    return Tensor.wrap(res, outShape);
  }

  static boolean allClose(Tensor a, Tensor b, double rtol, double atol, boolean equalNan) {
    int[] shape = Shape.broadcast(a.shape, b.shape);
    double[] x = a.to(DType.FLOAT64).expand(shape).toDoubleArray();
    double[] y = b.to(DType.FLOAT64).expand(shape).toDoubleArray();
    for (int i = 0; i < x.length; i++) {
      double u = x[i];
      double v = y[i];
      if (u != u || v != v) {
        if (!(equalNan && u != u && v != v)) {
          return false;
        }
      } else if (Double.isInfinite(u) || Double.isInfinite(v)) {
        if (u != v) {
          return false;
        }
      } else if (!(Math.abs(u - v) <= atol + rtol * Math.abs(v))) {
        return false;
      }
    }
    return true;
  }
}
