package org.conv4j.tensor;

import java.util.Arrays;

/**
 * Helpers for shapes ({@code int[]} of non-negative dimensions, C order): validation, element
 * count, NumPy broadcasting and printing as NumPy does ({@code (2, 3)}).
 */
public final class Shape {
  /** The largest rank a tensor may have. */
  public static final int MAX_RANK = 8;

  /** The largest element count a tensor may hold (Java arrays are int-indexed). */
  public static final long MAX_SIZE = Integer.MAX_VALUE - 8;

  private Shape() {}

  /**
   * Checks {@code shape} (rank 0..8, every dimension ≥ 0, element count ≤ {@link #MAX_SIZE}) and
   * returns the element count.
   *
   * @throws IllegalArgumentException naming the shape and the rule broken
   */
  public static int checkedSize(int[] shape) {
    if (shape.length > MAX_RANK) {
      throw new IllegalArgumentException(
          "shape " + toString(shape) + " has rank " + shape.length + "; at most " + MAX_RANK + " is supported");
    }
    long n = 1;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) {
        throw new IllegalArgumentException(
            "shape " + toString(shape) + " has a negative dimension " + shape[i] + " at axis " + i);
      }
      n *= shape[i];
      if (n > MAX_SIZE) {
        // Later dims may be 0, which would make the product 0; check that first.
        for (int d : shape) {
          if (d == 0) {
            return 0;
          }
        }
        throw new IllegalArgumentException(
            "shape " + toString(shape) + " holds more than " + MAX_SIZE + " elements");
      }
    }
    return (int) n;
  }

  /** The element count of a valid shape. */
  public static int size(int[] shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  /** C-order (row-major) element strides of {@code shape}. */
  public static int[] contiguousStrides(int[] shape) {
    int[] s = new int[shape.length];
    int acc = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= Math.max(shape[i], 1);
    }
    return s;
  }

  /**
   * The NumPy broadcast shape of two shapes: aligned on the right, each pair of dimensions equal
   * or one of them 1.
   *
   * @throws IllegalArgumentException naming both shapes and the first axis that does not match
   */
  public static int[] broadcast(int[] a, int[] b) {
    int r = Math.max(a.length, b.length);
    int[] out = new int[r];
    for (int i = 0; i < r; i++) {
      int da = i < r - a.length ? 1 : a[i - (r - a.length)];
      int db = i < r - b.length ? 1 : b[i - (r - b.length)];
      if (da == db || db == 1) {
        out[i] = da;
      } else if (da == 1) {
        out[i] = db;
      } else {
        throw new IllegalArgumentException(
            "shapes " + toString(a) + " and " + toString(b) + " cannot be broadcast together: axis "
                + (i - r) + " has " + da + " vs " + db + " (each pair must be equal or one of them 1)");
      }
    }
    return out;
  }

  /**
   * Normalises a possibly negative axis for a tensor of rank {@code rank}: {@code −rank ≤ axis <
   * rank}, so a rank-0 tensor has no axis (as NumPy's {@code normalize_axis_index}).
   */
  public static int axis(int axis, int rank) {
    if (axis < -rank || axis >= rank) {
      throw new IllegalArgumentException(
          "axis " + axis + " is out of bounds for a tensor of rank " + rank);
    }
    return axis < 0 ? axis + rank : axis;
  }

  /** The shape as NumPy prints it: {@code ()}, {@code (5,)}, {@code (2, 3)}. */
  public static String toString(int[] shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(shape[i]);
    }
    return sb.append(')').toString();
  }

  /** Whether two shapes are equal. */
  public static boolean equals(int[] a, int[] b) {
    return Arrays.equals(a, b);
  }
}
