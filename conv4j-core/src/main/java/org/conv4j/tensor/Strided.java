package org.conv4j.tensor;

/**
 * Strided iteration kernels: walk the elements of one or two strided views in C order, one
 * innermost row ("run") at a time, so that the per-element loop has no index arithmetic beyond a
 * constant stride. Used by copies, broadcasting elementwise ops and assignments into views.
 */
final class Strided {
  private Strided() {}

  /** Callback for one innermost run of {@code len} elements. */
  interface Run1 {
    /** {@code dst}: C-order index of the run's first element; {@code p}: its storage position. */
    void run(int dst, int p, int stride, int len);
  }

  /** Callback for one innermost run over two views of the same shape. */
  interface Run2 {
    void run(int dst, int pa, int sa, int pb, int sb, int len);
  }

  /** Visits every innermost run of a view with the given shape, strides and offset. */
  static void forEachRun(int[] shape, int[] strides, int offset, Run1 body) {
    int r = shape.length;
    int n = Shape.size(shape);
    if (n == 0) {
      return;
    }
    if (r == 0) {
      body.run(0, offset, 0, 1);
      return;
    }
    int len = shape[r - 1];
    int st = strides[r - 1];
    int[] idx = new int[r];
    int p = offset;
    for (int dst = 0; dst < n; dst += len) {
      body.run(dst, p, st, len);
      // Advance the outer counter (axes 0..r-2), carrying like an odometer.
      for (int a = r - 2; a >= 0; a--) {
        idx[a]++;
        p += strides[a];
        if (idx[a] < shape[a]) {
          break;
        }
        p -= idx[a] * strides[a];
        idx[a] = 0;
      }
    }
  }

  /** Visits every innermost run of two views sharing {@code shape} (strides may differ). */
  static void forEachRun(int[] shape, int[] sa, int oa, int[] sb, int ob, Run2 body) {
    int r = shape.length;
    int n = Shape.size(shape);
    if (n == 0) {
      return;
    }
    if (r == 0) {
      body.run(0, oa, 0, ob, 0, 1);
      return;
    }
    int len = shape[r - 1];
    int[] idx = new int[r];
    int pa = oa;
    int pb = ob;
    for (int dst = 0; dst < n; dst += len) {
      body.run(dst, pa, sa[r - 1], pb, sb[r - 1], len);
      for (int a = r - 2; a >= 0; a--) {
        idx[a]++;
        pa += sa[a];
        pb += sb[a];
        if (idx[a] < shape[a]) {
          break;
        }
        pa -= idx[a] * sa[a];
        pb -= idx[a] * sb[a];
        idx[a] = 0;
      }
    }
  }

  /** Copies {@code t}'s elements in C order into {@code out} (converting float64 to float32). */
  static void copyTo(Tensor t, float[] out) {
    if (t.f != null) {
      float[] src = t.f;
      forEachRun(t.shape, t.strides, t.offset, (dst, p, st, len) -> {
        if (st == 1) {
          System.arraycopy(src, p, out, dst, len);
        } else {
          for (int i = 0; i < len; i++) {
            out[dst + i] = src[p + i * st];
          }
        }
      });
    } else {
      double[] src = t.d;
      forEachRun(t.shape, t.strides, t.offset, (dst, p, st, len) -> {
        for (int i = 0; i < len; i++) {
          out[dst + i] = (float) src[p + i * st];
        }
      });
    }
  }

  /** Copies {@code t}'s elements in C order into {@code out} (widening float32 exactly). */
  static void copyTo(Tensor t, double[] out) {
    if (t.d != null) {
      double[] src = t.d;
      forEachRun(t.shape, t.strides, t.offset, (dst, p, st, len) -> {
        if (st == 1) {
          System.arraycopy(src, p, out, dst, len);
        } else {
          for (int i = 0; i < len; i++) {
            out[dst + i] = src[p + i * st];
          }
        }
      });
    } else {
      float[] src = t.f;
      forEachRun(t.shape, t.strides, t.offset, (dst, p, st, len) -> {
        for (int i = 0; i < len; i++) {
          out[dst + i] = src[p + i * st];
        }
      });
    }
  }

  /**
   * Writes {@code src}'s values into the view {@code dst} (same shape) of a freshly allocated,
   * not yet published tensor. Converts between dtypes as needed.
   */
  static void assign(Tensor dst, Tensor src) {
    Tensor s = src.dtype == dst.dtype ? src : src.to(dst.dtype);
    if (dst.f != null) {
      float[] o = dst.f;
      float[] in = s.f;
      forEachRun(dst.shape, dst.strides, dst.offset, s.strides, s.offset, (k, pa, sa, pb, sb, len) -> {
        for (int i = 0; i < len; i++) {
          o[pa + i * sa] = in[pb + i * sb];
        }
      });
    } else {
      double[] o = dst.d;
      double[] in = s.d;
      forEachRun(dst.shape, dst.strides, dst.offset, s.strides, s.offset, (k, pa, sa, pb, sb, len) -> {
        for (int i = 0; i < len; i++) {
          o[pa + i * sa] = in[pb + i * sb];
        }
      });
    }
  }
}
