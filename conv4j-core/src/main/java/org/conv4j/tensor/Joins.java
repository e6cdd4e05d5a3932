package org.conv4j.tensor;

import java.util.ArrayList;
import java.util.List;

/** Concatenation, stacking and splitting (NumPy {@code concatenate}, {@code stack}, {@code split}). */
final class Joins {
  private Joins() {}

  static Tensor concat(int axis, Tensor... ts) {
    if (ts.length == 0) {
      throw new IllegalArgumentException("concat: need at least one tensor");
    }
    int r = ts[0].rank();
    if (r == 0) {
      throw new IllegalArgumentException("concat: zero-dimensional tensors cannot be concatenated");
    }
    int ax = Shape.axis(axis, r);
    DType dt = ts[0].dtype;
    long total = 0;
    for (int i = 0; i < ts.length; i++) {
      Tensor t = ts[i];
      if (t.rank() != r) {
        throw new IllegalArgumentException(
            "concat: all tensors must have the same rank; tensor 0 has shape " + Shape.toString(ts[0].shape)
                + " and tensor " + i + " has shape " + Shape.toString(t.shape));
      }
      for (int a = 0; a < r; a++) {
        if (a != ax && t.shape[a] != ts[0].shape[a]) {
          throw new IllegalArgumentException(
              "concat: sizes must match except along axis " + axis + "; tensor 0 has shape "
                  + Shape.toString(ts[0].shape) + " and tensor " + i + " has shape " + Shape.toString(t.shape)
                  + " (axis " + a + ")");
        }
      }
      dt = DType.promote(dt, t.dtype);
      total += t.shape[ax];
    }
    int[] os = ts[0].shape.clone();
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("concat: result axis of " + total + " elements is too long");
    }
    os[ax] = (int) total;
    Tensor out = Tensor.alloc(dt, os);
    int at = 0;
    for (Tensor t : ts) {
      int len = t.shape[ax];
      if (len > 0) {
        Strided.assign(out.slice(ax, at, at + len, 1), t);
      }
      at += len;
    }
    return out;
  }

  static Tensor stack(int axis, Tensor... ts) {
    if (ts.length == 0) {
      throw new IllegalArgumentException("stack: need at least one tensor");
    }
    int r = ts[0].rank();
    int ax = Shape.axis(axis, r + 1);
    Tensor[] u = new Tensor[ts.length];
    for (int i = 0; i < ts.length; i++) {
      if (!java.util.Arrays.equals(ts[i].shape, ts[0].shape)) {
        throw new IllegalArgumentException(
            "stack: all tensors must have the same shape; tensor 0 has shape " + Shape.toString(ts[0].shape)
                + " and tensor " + i + " has shape " + Shape.toString(ts[i].shape));
      }
      u[i] = ts[i].unsqueeze(ax);
    }
    return concat(ax, u);
  }

  static List<Tensor> split(Tensor t, int axis, int sections) {
    int ax = Shape.axis(axis, t.rank());
    if (sections <= 0) {
      throw new IllegalArgumentException("split: number of sections must be > 0, got " + sections);
    }
    int n = t.shape[ax];
    if (n % sections != 0) {
      throw new IllegalArgumentException(
          "split: axis " + axis + " of size " + n + " (shape " + Shape.toString(t.shape)
              + ") does not divide into " + sections + " equal sections");
    }
    int[] idx = new int[sections - 1];
    for (int i = 1; i < sections; i++) {
      idx[i - 1] = i * (n / sections);
    }
    return splitAt(t, axis, idx);
  }

  static List<Tensor> splitAt(Tensor t, int axis, int... indices) {
    int ax = Shape.axis(axis, t.rank());
    int n = t.shape[ax];
    List<Tensor> out = new ArrayList<>();
    int prev = 0;
    for (int k = 0; k <= indices.length; k++) {
      int end = k < indices.length ? indices[k] : n;
      // np.split takes a[prev:end] with Python slice rules: negative indices count from the end,
      // out-of-range ones are clipped, and a piece is empty when they go backwards.
      out.add(t.slice(ax, prev, end, 1));
      prev = end;
    }
    return out;
  }
}
