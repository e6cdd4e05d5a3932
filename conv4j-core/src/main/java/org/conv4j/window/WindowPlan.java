package org.conv4j.window;

import java.util.Arrays;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * A {@link WindowSpec} resolved against one input: the source array (the input, extended by the
 * boundary mode when not {@code valid}, C order, float64), in which every window is interior; the
 * output shape; the step between windows in source elements per output axis; and the window's
 * element offsets as rows ({@code rowOff[r] + j}, {@code j < kx}; {@code kx = 1} for a general
 * footprint), in C order of the footprint.
 */
final class WindowPlan {
  final int rank;
  final int[] k;
  final int[] srcShape;
  final double[] src;
  final int[] outShape;
  final int[] posStride;
  final int[] rowOff;
  final int kx;
  final int n;
  final boolean box;
  final DType outType;
  final int threads;

  WindowPlan(Tensor x, WindowSpec spec) {
    rank = x.rank();
    if (rank == 0) {
      throw new IllegalArgumentException("sliding window: input must have at least one axis (got a scalar)");
    }
    int[] size = spec.size();
    if (size.length != 1 && size.length != rank) {
      throw new IllegalArgumentException("sliding window: window " + Arrays.toString(size) + " has " + size.length
          + " axes but the input has rank " + rank + " (shape " + Arrays.toString(x.shape()) + ")");
    }
    if (spec.footprint() != null && size.length != rank) {
      throw new IllegalArgumentException("sliding window: footprint rank " + size.length + " != input rank " + rank);
    }
    k = expand(size, rank);
    int[] origin = expand(spec.origin(), rank);
    int[] stride = expand(spec.stride(), rank);
    int[] shape = x.shape();
    srcShape = new int[rank];
    outShape = new int[rank];
    int[][] pad = new int[rank][2];
    for (int a = 0; a < rank; a++) {
      if (shape[a] == 0) {
        throw new IllegalArgumentException("sliding window: input axis " + a + " is empty (shape "
            + Arrays.toString(shape) + ")");
      }
      if (spec.validGeometry()) {
        if (k[a] > shape[a]) {
          throw new IllegalArgumentException("sliding window: window " + k[a] + " is larger than the input ("
              + shape[a] + ") on axis " + a);
        }
        srcShape[a] = shape[a];
        outShape[a] = (shape[a] - k[a]) / stride[a] + 1;
      } else {
        int lo = k[a] / 2 + origin[a];
        if (lo < 0 || lo >= k[a]) {
          throw new IllegalArgumentException("sliding window: invalid origin " + origin[a] + " for window " + k[a]
              + " on axis " + a + "; it must be in [" + (-(k[a] / 2)) + ", " + ((k[a] - 1) / 2) + "]");
        }
        pad[a][0] = lo;
        pad[a][1] = k[a] - 1 - lo;
        srcShape[a] = shape[a] + k[a] - 1;
        outShape[a] = (shape[a] - 1) / stride[a] + 1;
      }
    }
    Tensor s = spec.validGeometry() ? x : x.pad(pad, spec.mode(), spec.cval());
    src = s.toDoubleArray();
    int[] srcStride = new int[rank];
    int acc = 1;
    for (int a = rank - 1; a >= 0; a--) {
      srcStride[a] = acc;
      acc *= srcShape[a];
    }
    posStride = new int[rank];
    for (int a = 0; a < rank; a++) {
      posStride[a] = srcStride[a] * stride[a];
    }
    boolean[] fp = spec.footprint();
    box = fp == null || allTrue(fp);
    int total = 1;
    for (int v : k) {
      total *= v;
    }
    int rows = total / k[rank - 1];
    if (box) {
      kx = k[rank - 1];
      rowOff = new int[rows];
      for (int r = 0; r < rows; r++) {
        rowOff[r] = offset(r * kx, srcStride);
      }
      n = total;
    } else {
      kx = 1;
      int cnt = 0;
      for (boolean b : fp) {
        cnt += b ? 1 : 0;
      }
      rowOff = new int[cnt];
      int i = 0;
      for (int j = 0; j < total; j++) {
        if (fp[j]) {
          rowOff[i++] = offset(j, srcStride);
        }
      }
      n = cnt;
    }
    outType = spec.dtype() != null ? spec.dtype() : x.dtype();
    threads = spec.threads();
  }

  /** The source offset of window element {@code flat} (C order over {@link #k}). */
  private int offset(int flat, int[] srcStride) {
    int off = 0;
    for (int a = rank - 1; a >= 0; a--) {
      off += (flat % k[a]) * srcStride[a];
      flat /= k[a];
    }
    return off;
  }

  int outSize() {
    int p = 1;
    for (int v : outShape) {
      p *= v;
    }
    return p;
  }

  int outRows() {
    return outSize() / outShape[rank - 1];
  }

  private static boolean allTrue(boolean[] b) {
    for (boolean v : b) {
      if (!v) {
        return false;
      }
    }
    return true;
  }

  static int[] expand(int[] v, int rank) {
    if (v.length == rank) {
      return v.clone();
    }
    int[] r = new int[rank];
    Arrays.fill(r, v[0]);
    return r;
  }
}
