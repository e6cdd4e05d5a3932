package org.conv4j.signal;

/** N-d box copies between strided double (or float) arrays, and C-order strides: the data movement of the solvers. */
final class Boxes {
  private Boxes() {}

  /** C-order strides of {@code shape} times {@code unit}. */
  static int[] strides(int[] shape, int unit) {
    int[] s = new int[shape.length];
    int acc = unit;
    for (int d = shape.length - 1; d >= 0; d--) {
      s[d] = acc;
      acc = Math.multiplyExact(acc, shape[d]);
    }
    return s;
  }

  static int size(int[] shape) {
    int n = 1;
    for (int v : shape) {
      n = Math.multiplyExact(n, v);
    }
    return n;
  }

  /**
   * {@code dst[dOff + Σ i_d·ds_d] (+)= src[sOff + Σ i_d·ss_d]} over the box {@code dims}.
   *
   * @param src not modified
   * @param dst modified
   */
  static void copy(double[] src, int sOff, int[] ss, double[] dst, int dOff, int[] ds, int[] dims, boolean add) {
    int rank = dims.length;
    for (int v : dims) {
      if (v <= 0) {
        return;
      }
    }
    int n = dims[rank - 1];
    int sl = ss[rank - 1];
    int dl = ds[rank - 1];
    int[] idx = new int[rank];
    int so = sOff;
    int dO = dOff;
    while (true) {
      if (!add && sl == 1 && dl == 1) {
        System.arraycopy(src, so, dst, dO, n);
      } else if (add) {
        for (int i = 0; i < n; i++) {
          dst[dO + i * dl] += src[so + i * sl];
        }
      } else {
        for (int i = 0; i < n; i++) {
          dst[dO + i * dl] = src[so + i * sl];
        }
      }
      int d = rank - 2;
      while (d >= 0) {
        idx[d]++;
        so += ss[d];
        dO += ds[d];
        if (idx[d] < dims[d]) {
          break;
        }
        so -= ss[d] * dims[d];
        dO -= ds[d] * dims[d];
        idx[d] = 0;
        d--;
      }
      if (d < 0) {
        return;
      }
    }
  }

  /** {@link #copy(double[], int, int[], double[], int, int[], int[], boolean)} for float32. */
  static void copy(float[] src, int sOff, int[] ss, float[] dst, int dOff, int[] ds, int[] dims) {
    copy(src, sOff, ss, dst, dOff, ds, dims, false);
  }

  /** {@link #copy(double[], int, int[], double[], int, int[], int[], boolean)} for float32. */
  static void copy(float[] src, int sOff, int[] ss, float[] dst, int dOff, int[] ds, int[] dims, boolean add) {
    int rank = dims.length;
    for (int v : dims) {
      if (v <= 0) {
        return;
      }
    }
    int n = dims[rank - 1];
    int sl = ss[rank - 1];
    int dl = ds[rank - 1];
    int[] idx = new int[rank];
    int so = sOff;
    int dO = dOff;
    while (true) {
      if (!add && sl == 1 && dl == 1) {
        System.arraycopy(src, so, dst, dO, n);
      } else if (add) {
        for (int i = 0; i < n; i++) {
          dst[dO + i * dl] += src[so + i * sl];
        }
      } else {
        for (int i = 0; i < n; i++) {
          dst[dO + i * dl] = src[so + i * sl];
        }
      }
      int d = rank - 2;
      while (d >= 0) {
        idx[d]++;
        so += ss[d];
        dO += ds[d];
        if (idx[d] < dims[d]) {
          break;
        }
        so -= ss[d] * dims[d];
        dO -= ds[d] * dims[d];
        idx[d] = 0;
        d--;
      }
      if (d < 0) {
        return;
      }
    }
  }
}
