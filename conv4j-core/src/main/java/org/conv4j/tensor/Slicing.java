package org.conv4j.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Python slice resolution, NumPy index expressions ({@code "1:3, ::-1, ..., None, 2"}) and the
 * rules for reshaping a strided view without copying.
 */
final class Slicing {
  private Slicing() {}

  /**
   * Resolves a Python slice {@code start:stop:step} against a length {@code n}: returns
   * {@code {first index, step, count}}. {@code Integer.MAX_VALUE}/{@code MIN_VALUE} mean "open".
   */
  static int[] resolve(int start, int stop, int step, int n) {
    long lo;
    long hi;
    if (step > 0) {
      lo = start == Integer.MIN_VALUE ? 0 : clampIndex(start, n, 0, n);
      hi = stop == Integer.MAX_VALUE ? n : clampIndex(stop, n, 0, n);
      long count = hi > lo ? (hi - lo + step - 1) / step : 0;
      return new int[] {(int) lo, step, (int) count};
    } else {
      lo = start == Integer.MAX_VALUE || start == Integer.MIN_VALUE ? n - 1 : clampIndex(start, n, -1, n - 1);
      hi = stop == Integer.MIN_VALUE || stop == Integer.MAX_VALUE ? -1 : clampIndex(stop, n, -1, n - 1);
      long count = lo > hi ? (lo - hi + (-step) - 1) / (-step) : 0;
      return new int[] {(int) lo, step, (int) count};
    }
  }

  private static long clampIndex(long i, int n, int min, int max) {
    long k = i < 0 ? i + n : i;
    return Math.max(min, Math.min(max, k));
  }

  /** Applies a NumPy index expression; see {@link Tensor#slice(String)}. */
  static Tensor apply(Tensor t, String expr) {
    String e = expr.trim();
    if (e.startsWith("[") && e.endsWith("]")) {
      e = e.substring(1, e.length() - 1);
    }
    List<String> parts = new ArrayList<>(Arrays.asList(e.split(",", -1)));
    if (parts.size() == 1 && parts.get(0).isBlank()) {
      parts.clear();
    }
    int consuming = 0;
    int ellipses = 0;
    for (String p : parts) {
      String s = p.trim();
      if (s.equals("...")) {
        ellipses++;
      } else if (!s.equals("None") && !s.equals("newaxis")) {
        consuming++;
      }
    }
    if (ellipses > 1) {
      throw new IllegalArgumentException("index \"" + expr + "\": an index can only have a single ellipsis ('...')");
    }
    if (consuming > t.rank()) {
      throw new IllegalArgumentException(
          "index \"" + expr + "\": too many indices for a tensor of rank " + t.rank()
              + " (shape " + Shape.toString(t.shape) + ")");
    }
    Tensor r = t;
    int axis = 0; // axis of r that the next entry applies to
    for (String p : parts) {
      String s = p.trim();
      if (s.equals("...")) {
        axis += t.rank() - consuming;
      } else if (s.equals("None") || s.equals("newaxis")) {
        r = r.unsqueeze(axis);
        axis++;
      } else if (s.contains(":")) {
        String[] f = s.split(":", -1);
        if (f.length > 3) {
          throw new IllegalArgumentException("index \"" + expr + "\": malformed slice '" + s + "'");
        }
        int step = f.length == 3 && !f[2].isBlank() ? parseInt(f[2], expr) : 1;
        if (step == 0) {
          throw new IllegalArgumentException("index \"" + expr + "\": slice step cannot be zero");
        }
        int start = f[0].isBlank() ? (step > 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE) : parseInt(f[0], expr);
        int stop = f[1].isBlank() ? (step > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE) : parseInt(f[1], expr);
        r = r.slice(axis, start, stop, step);
        axis++;
      } else if (s.isEmpty()) {
        throw new IllegalArgumentException("index \"" + expr + "\": empty index entry");
      } else {
        r = r.select(axis, parseInt(s, expr));
      }
    }
    return r;
  }

  private static int parseInt(String s, String expr) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException("index \"" + expr + "\": '" + s.trim() + "' is not an integer");
    }
  }

  /** Resolves a requested shape with at most one {@code -1} against an element count. */
  static int[] inferShape(int[] req, int size, int[] from) {
    int[] ns = req.clone();
    int infer = -1;
    long known = 1;
    for (int i = 0; i < ns.length; i++) {
      if (ns[i] == -1) {
        if (infer >= 0) {
          throw new IllegalArgumentException("reshape: can only specify one unknown dimension in " + Arrays.toString(req));
        }
        infer = i;
      } else if (ns[i] < 0) {
        throw new IllegalArgumentException("reshape: negative dimension " + ns[i] + " in " + Arrays.toString(req));
      } else {
        known *= ns[i];
      }
    }
    if (infer >= 0) {
      if (known == 0 || size % known != 0) {
        throw new IllegalArgumentException(
            "reshape: cannot reshape tensor of shape " + Shape.toString(from) + " (" + size + " elements) into "
                + Arrays.toString(req));
      }
      ns[infer] = (int) (size / known);
    } else if (known != size) {
      throw new IllegalArgumentException(
          "reshape: cannot reshape tensor of shape " + Shape.toString(from) + " (" + size + " elements) into shape "
              + Shape.toString(ns) + " (" + known + " elements)");
    }
    Shape.checkedSize(ns);
    return ns;
  }

  /**
   * Strides that let a view with {@code shape}/{@code strides} be seen as {@code ns} without a
   * copy, or null when impossible (NumPy's {@code _attempt_nocopy_reshape}).
   */
  static int[] viewStrides(int[] shape, int[] strides, int[] ns) {
    int size = Shape.size(shape);
    if (size == 0 || size == 1) {
      return Shape.contiguousStrides(ns);
    }
    // Drop size-1 axes from the old view: they carry no stride information.
    int[] os = new int[shape.length];
    int[] ost = new int[shape.length];
    int on = 0;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] != 1) {
        os[on] = shape[i];
        ost[on++] = strides[i];
      }
    }
    int[] nst = new int[ns.length];
    int oi = 0;
    int oj = 1;
    int ni = 0;
    int nj = 1;
    while (ni < ns.length && oi < on) {
      long np = ns[ni];
      long op = os[oi];
      while (np != op) {
        if (np < op) {
          np *= ns[nj++];
        } else {
          op *= os[oj++];
        }
      }
      // The old axes oi..oj-1 must be mutually contiguous to be merged.
      for (int ok = oi; ok < oj - 1; ok++) {
        if (ost[ok] != os[ok + 1] * ost[ok + 1]) {
          return null;
        }
      }
      nst[nj - 1] = ost[oj - 1];
      for (int nk = nj - 1; nk > ni; nk--) {
        nst[nk - 1] = nst[nk] * ns[nk];
      }
      ni = nj++;
      oi = oj++;
    }
    // Trailing size-1 axes of the new shape.
    for (int k = ni; k < ns.length; k++) {
      nst[k] = 1;
    }
    for (int k = 0; k < ns.length; k++) {
      if (ns[k] == 1 && k >= ni) {
        nst[k] = 1;
      }
    }
    return nst;
  }
}
