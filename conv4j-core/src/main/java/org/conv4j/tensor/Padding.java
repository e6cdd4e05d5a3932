package org.conv4j.tensor;

import org.conv4j.window.PadMode;

/**
 * {@code np.pad}: every output element is gathered through per-axis index maps
 * ({@link PadMode#index}), which is the separable closed form of NumPy's axis-by-axis padding
 * (corners included) for all modes.
 */
final class Padding {
  private Padding() {}

  static Tensor pad(Tensor t, int[][] padWidth, PadMode mode, double value) {
    int r = t.rank();
    if (padWidth.length != 1 && padWidth.length != r) {
      throw new IllegalArgumentException(
          "pad: padWidth has " + padWidth.length + " rows but the tensor has rank " + r + " (shape "
              + Shape.toString(t.shape) + "); give one (before, after) pair, or one per axis");
    }
    int[] lo = new int[r];
    int[] os = new int[r];
    int[][] map = new int[r][];
    for (int a = 0; a < r; a++) {
      int[] pw = padWidth.length == 1 ? padWidth[0] : padWidth[a];
      if (pw.length != 2 || pw[0] < 0 || pw[1] < 0) {
        throw new IllegalArgumentException(
            "pad: axis " + a + " needs a (before, after) pair of non-negative widths, got " + java.util.Arrays.toString(pw));
      }
      int n = t.shape[a];
      long len = (long) n + pw[0] + pw[1];
      if (len > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("pad: axis " + a + " would have " + len + " elements");
      }
      if (n == 0 && mode != PadMode.CONSTANT && (pw[0] > 0 || pw[1] > 0)) {
        throw new IllegalArgumentException(
            "pad: can't extend empty axis " + a + " (shape " + Shape.toString(t.shape) + ") using mode "
                + mode.name().toLowerCase() + "; only constant padding is possible");
      }
      lo[a] = pw[0];
      os[a] = (int) len;
    }
    // Check the output's element count before allocating anything of its size (the index maps).
    Shape.checkedSize(os);
    for (int a = 0; a < r; a++) {
      int n = t.shape[a];
      map[a] = new int[os[a]];
      for (int i = 0; i < os[a]; i++) {
        map[a][i] = n == 0 ? -1 : mode.index((long) i - lo[a], n);
      }
    }
    Tensor out = Tensor.alloc(t.dtype, os);
    int size = out.size;
    if (size == 0) {
      return out;
    }
    int[] idx = new int[r];
    double[] dsrc = t.d;
    float[] fsrc = t.f;
    float fv = (float) value;
    for (int o = 0; o < size; o++) {
      int p = t.offset;
      boolean outside = false;
      for (int a = 0; a < r; a++) {
        int s = map[a][idx[a]];
        if (s < 0) {
          outside = true;
          break;
        }
        p += s * t.strides[a];
      }
      if (fsrc != null) {
        out.f[o] = outside ? fv : fsrc[p];
      } else {
        out.d[o] = outside ? value : dsrc[p];
      }
      for (int a = r - 1; a >= 0; a--) {
        if (++idx[a] < os[a]) {
          break;
        }
        idx[a] = 0;
      }
    }
    return out;
  }
}
