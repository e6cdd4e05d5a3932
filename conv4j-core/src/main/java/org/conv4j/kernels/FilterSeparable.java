package org.conv4j.kernels;

import java.util.Arrays;
import org.conv4j.kernels.simd.FilterVectors;
import org.conv4j.window.PadMode;

/**
 * One-dimensional passes of the separable ndimage filters (SPEC §3.4, §3.5): the running-sum
 * uniform filter and the van Herk / Gil-Werman minimum and maximum, along one axis of a C-order
 * array seen as {@code [outer][n][inner]}.
 *
 * <p>Every pass reads the line extended by the boundary rule: {@code e[p] = x̃[p − a]} with anchor
 * {@code a = size/2 + origin}, so output {@code l} sees {@code e[l .. l+size−1]}. Two layouts:
 * <ul>
 *   <li>{@code *Lines}: the filtered axis is the last one ({@code inner = 1}); each line is copied
 *       into an extended double buffer (interior by one block copy, borders through
 *       {@link PadMode#index}), filtered, and stored back.
 *   <li>{@code *Columns}: the axis has {@code inner > 1} contiguous neighbours; a block of
 *       {@code W = c1 − c0} columns is filtered at once, one input row at a time, so every inner
 *       loop runs over {@code W} contiguous doubles and vectorises.
 * </ul>
 *
 * <p>Uniform order (bit-exact with SciPy 1.17's {@code NI_UniformFilter1D} for every lane): a
 * running <em>sum</em> {@code t = e[0] + … + e[size−1]}, then {@code t += e[l+size−1] − e[l−1]},
 * and each output is {@code t / size}. (SPEC §3.4 writes the older SciPy order, which adds
 * {@code (e[l+size−1] − e[l−1]) / size} to a running mean; SciPy 1.17 matches the sum form on every
 * case tried and the mean form on about 60 %, so the sum form is implemented.)
 *
 * <p>Minimum and maximum use the total order of {@link Double#compare}: NaN above +∞ and −0.0
 * below +0.0. So the maximum of a window holding a NaN is NaN, and the minimum ignores NaNs unless
 * the window holds nothing else. Van Herk (1992) / Gil and Werman (1993): with blocks of
 * {@code size} samples, {@code out[l] = op(h[l], g[l+size−1])} where {@code h} is the suffix
 * extremum within a block and {@code g} the prefix extremum; three comparisons per sample whatever
 * the size. Single-threaded; callers split lines or column blocks.
 */
public final class FilterSeparable {
  private FilterSeparable() {}

  /**
   * Fills {@code e[0 .. before+n+after)} with the line {@code src[off + t·stride]}, {@code t < n},
   * extended by {@code before} and {@code after} samples under {@code mode}.
   */
  public static void extend(
      FilterBuffer src, int off, int stride, int n, int before, int after, PadMode mode, double cval, double[] e) {
    for (int p = 0; p < before; p++) {
      int idx = mode.index((long) p - before, n);
      e[p] = idx < 0 ? cval : src.get(off + idx * stride);
    }
    src.load(off, stride, n, e, before);
    for (int q = 0; q < after; q++) {
      int idx = mode.index((long) n + q, n);
      e[before + n + q] = idx < 0 ? cval : src.get(off + idx * stride);
    }
  }

  // ------------------------------------------------------------------------------------------
  // uniform

  /**
   * Uniform filter along the last axis for lines {@code [line0, line1)}, line {@code l} at
   * {@code l·n}. Scratch: {@code e}, {@code e2} of {@code n + size − 1}, {@code out}, {@code out2}
   * of {@code n}.
   */
  public static void uniformLines(
      FilterBuffer src, FilterBuffer dst, int n, int size, int origin, PadMode mode, double cval,
      int line0, int line1, double[] e, double[] out, double[] e2, double[] out2) {
    int a = size / 2 + origin;
    int len = n + size - 1;
    int line = line0;
    // two lines per loop: two independent add chains (each in SciPy's order) hide the add latency
    for (; line + 1 < line1; line += 2) {
      int off = line * n;
      extend(src, off, 1, n, a, size - 1 - a, mode, cval, e);
      extend(src, off + n, 1, n, a, size - 1 - a, mode, cval, e2);
      uniformLine2(e, e2, len, n, size, out, out2);
      dst.store(out, 0, n, off, 1);
      dst.store(out2, 0, n, off + n, 1);
    }
    for (; line < line1; line++) {
      int off = line * n;
      extend(src, off, 1, n, a, size - 1 - a, mode, cval, e);
      uniformLine(e, n, size, out);
      dst.store(out, 0, n, off, 1);
    }
  }

  /** {@link #uniformLine} on two lines at once, each with exactly the one-line order. */
  static void uniformLine2(double[] e, double[] e2, int len, int n, int size, double[] out, double[] out2) {
    double t = 0.0;
    double t2 = 0.0;
    for (int l = 0; l < size; l++) {
      t += e[l];
      t2 += e2[l];
    }
    out[0] = t;
    out2[0] = t2;
    for (int l = 1; l < n; l++) {
      t += e[l + size - 1] - e[l - 1];
      t2 += e2[l + size - 1] - e2[l - 1];
      out[l] = t;
      out2[l] = t2;
    }
    double s = size;
    for (int l = 0; l < n; l++) {
      out[l] /= s;
      out2[l] /= s;
    }
  }

  /** {@code out[l] = mean(e[l .. l+size−1])} in SciPy's running-sum order. */
  static void uniformLine(double[] e, int n, int size, double[] out) {
    double t = 0.0;
    for (int l = 0; l < size; l++) {
      t += e[l];
    }
    out[0] = t;
    for (int l = 1; l < n; l++) {
      t += e[l + size - 1] - e[l - 1];
      out[l] = t;
    }
    // the divisions are independent of the running sum's chain: a separate loop vectorises them
    double s = size;
    for (int l = 0; l < n; l++) {
      out[l] /= s;
    }
  }

  /**
   * Uniform filter along the middle axis of slab {@code outer} for columns {@code [c0, c1)}.
   * Scratch: {@code ring} of {@code (size + 1)·W} (the last {@code size + 1} extended rows),
   * {@code t} and {@code out} of {@code W}.
   */
  public static void uniformColumns(
      FilterBuffer src, FilterBuffer dst, int n, int inner, int size, int origin, PadMode mode, double cval,
      int outer, int c0, int c1, double[] ring, double[] t, double[] out, boolean simd) {
    int w = c1 - c0;
    int a = size / 2 + origin;
    int base = outer * n * inner + c0;
    int slots = size + 1;
    Arrays.fill(t, 0, w, 0.0);
    for (int p = 0; p < size; p++) {
      int r = (p % slots) * w;
      loadRow(src, base, n, inner, w, p - a, mode, cval, ring, r);
      for (int c = 0; c < w; c++) {
        t[c] += ring[r + c];
      }
    }
    for (int c = 0; c < w; c++) {
      out[c] = t[c] / size;
    }
    dst.store(out, 0, w, base, 1);
    for (int l = 1; l < n; l++) {
      int pNew = l + size - 1;
      int rn = (pNew % slots) * w;
      int ro = ((l - 1) % slots) * w;
      loadRow(src, base, n, inner, w, pNew - a, mode, cval, ring, rn);
      // one lane per column: each column sees SciPy's scalar order exactly
      if (simd) {
        FilterVectors.uniformStep(t, ring, rn, ro, out, w, size);
      } else {
        for (int c = 0; c < w; c++) {
          double v = t[c] + (ring[rn + c] - ring[ro + c]);
          t[c] = v;
          out[c] = v / size;
        }
      }
      dst.store(out, 0, w, base + l * inner, 1);
    }
  }

  /** Row {@code k} (possibly outside {@code [0, n)}) of the slab, {@code w} columns, into buf. */
  private static void loadRow(
      FilterBuffer src, int base, int n, int inner, int w, int k, PadMode mode, double cval, double[] buf, int off) {
    int idx = mode.index(k, n);
    if (idx < 0) {
      Arrays.fill(buf, off, off + w, cval);
    } else {
      src.load(base + idx * inner, 1, w, buf, off);
    }
  }

  // ------------------------------------------------------------------------------------------
  // last-axis passes through the column kernels

  /**
   * Lines per transposed group in {@link #minMaxLineGroup}: 32 was fastest for 2048-long lines on
   * AVX2 (16 and 64 measured 20–50 % slower). The uniform filter keeps one line at a time: its
   * running sum is a single add per sample, cheaper than the transposes.
   */
  public static final int GROUP = 32;

  /**
   * Minimum or maximum along the last axis for lines {@code [line0, line0 + g)}, {@code g ≤ GROUP}:
   * the lines are transposed into the columns of {@code tin} ({@code n × g}), filtered by
   * {@link #minMaxColumns} into {@code tout}, and transposed back. Van Herk's prefix and suffix
   * scans thus become vector operations across lines instead of one dependent chain of
   * {@link Math#max} (a multi-instruction sequence, for NaN and −0.0) per line. Scratch: {@code tin}, {@code tout} of {@code n·GROUP}, {@code cur}, {@code next} of
   * {@code size·GROUP}, {@code g1}, {@code out} of {@code GROUP}.
   */
  public static void minMaxLineGroup(
      FilterBuffer src, FilterBuffer dst, int n, int size, int origin, boolean max, PadMode mode, double cval,
      int line0, int g, double[] tin, double[] tout, double[] cur, double[] next, double[] g1, double[] out,
      boolean simd) {
    transposeIn(src, n, line0, g, tin);
    minMaxColumns(FilterBuffer.of(tin), FilterBuffer.of(tout), n, g, size, origin, max, mode, cval, 0, 0, g, cur, next,
        g1, out, simd);
    transposeOut(tout, dst, n, line0, g);
  }

  private static void transposeIn(FilterBuffer src, int n, int line0, int g, double[] tin) {
    for (int k = 0; k < g; k++) {
      src.loadColumn((line0 + k) * n, n, tin, k, g);
    }
  }

  private static void transposeOut(double[] tout, FilterBuffer dst, int n, int line0, int g) {
    for (int k = 0; k < g; k++) {
      dst.storeColumn(tout, k, g, n, (line0 + k) * n);
    }
  }

  // ------------------------------------------------------------------------------------------
  // minimum / maximum

  /** The smaller of two values in {@link Double#compare} order (NaN largest). */
  public static double min(double a, double b) {
    if (a != a) {
      return b;
    }
    if (b != b) {
      return a;
    }
    return Math.min(a, b);
  }

  /** The larger of two values in {@link Double#compare} order (NaN largest). */
  public static double max(double a, double b) {
    return Math.max(a, b);
  }

  private static double op(boolean max, double a, double b) {
    return max ? Math.max(a, b) : min(a, b);
  }

  /**
   * Minimum or maximum along the last axis for lines {@code [line0, line1)}. Scratch: {@code e},
   * {@code g}, {@code h} of {@code n + size − 1}, {@code out} of {@code n}.
   */
  public static void minMaxLines(
      FilterBuffer src, FilterBuffer dst, int n, int size, int origin, boolean max, PadMode mode, double cval,
      int line0, int line1, double[] e, double[] g, double[] h, double[] out) {
    int a = size / 2 + origin;
    int len = n + size - 1;
    for (int line = line0; line < line1; line++) {
      int off = line * n;
      extend(src, off, 1, n, a, size - 1 - a, mode, cval, e);
      if (max) {
        vanHerkMax(e, len, size, g, h, out, n);
      } else {
        vanHerkMin(e, len, size, g, h, out, n);
      }
      dst.store(out, 0, n, off, 1);
    }
  }

  // Two copies (max and min) so that each inner loop has no per-sample branch on the operation.
  private static void vanHerkMax(double[] e, int len, int k, double[] g, double[] h, double[] out, int n) {
    for (int s = 0; s < len; s += k) {
      int end = Math.min(s + k, len);
      double m = e[s];
      g[s] = m;
      for (int p = s + 1; p < end; p++) {
        m = Math.max(m, e[p]);
        g[p] = m;
      }
      m = e[end - 1];
      h[end - 1] = m;
      for (int p = end - 2; p >= s; p--) {
        m = Math.max(m, e[p]);
        h[p] = m;
      }
    }
    for (int l = 0; l < n; l++) {
      out[l] = Math.max(h[l], g[l + k - 1]);
    }
  }

  private static void vanHerkMin(double[] e, int len, int k, double[] g, double[] h, double[] out, int n) {
    for (int s = 0; s < len; s += k) {
      int end = Math.min(s + k, len);
      double m = e[s];
      g[s] = m;
      for (int p = s + 1; p < end; p++) {
        m = min(m, e[p]);
        g[p] = m;
      }
      m = e[end - 1];
      h[end - 1] = m;
      for (int p = end - 2; p >= s; p--) {
        m = min(m, e[p]);
        h[p] = m;
      }
    }
    for (int l = 0; l < n; l++) {
      out[l] = min(h[l], g[l + k - 1]);
    }
  }

  /**
   * Minimum or maximum along the middle axis of slab {@code outer}, columns {@code [c0, c1)}, van
   * Herk over whole rows: {@code cur} holds the suffix extrema of the current block of
   * {@code size} extended rows, {@code next} receives the next block's raw rows while their prefix
   * extremum {@code g} produces the outputs. Scratch: {@code cur}, {@code next} of
   * {@code size·W}, {@code g} and {@code out} of {@code W}.
   */
  public static void minMaxColumns(
      FilterBuffer src, FilterBuffer dst, int n, int inner, int size, int origin, boolean max, PadMode mode,
      double cval, int outer, int c0, int c1, double[] cur, double[] next, double[] g, double[] out,
      boolean simd) {
    int w = c1 - c0;
    int a = size / 2 + origin;
    int base = outer * n * inner + c0;
    for (int r = 0; r < size; r++) {
      loadRow(src, base, n, inner, w, r - a, mode, cval, cur, r * w);
    }
    suffix(cur, size, w, max, simd);
    for (int b = 0; b * size < n; b++) {
      int l0 = b * size;
      dst.store(cur, 0, w, base + l0 * inner, 1);
      for (int r = 1; r < size && l0 + r < n; r++) {
        int p = (b + 1) * size + r - 1; // extended row entering the window of output l0 + r
        loadRow(src, base, n, inner, w, p - a, mode, cval, next, (r - 1) * w);
        if (r == 1) {
          System.arraycopy(next, 0, g, 0, w);
        } else {
          combine(g, 0, next, (r - 1) * w, g, 0, w, max, simd);
        }
        combine(cur, r * w, g, 0, out, 0, w, max, simd);
        dst.store(out, 0, w, base + (l0 + r) * inner, 1);
      }
      if ((b + 1) * size < n) {
        int p = (b + 1) * size + size - 1;
        loadRow(src, base, n, inner, w, p - a, mode, cval, next, (size - 1) * w);
        suffix(next, size, w, max, simd);
        double[] t = cur;
        cur = next;
        next = t;
      }
    }
  }

  /** In place: row r of buf becomes the extremum of rows r .. rows−1. */
  private static void suffix(double[] buf, int rows, int w, boolean max, boolean simd) {
    for (int r = rows - 2; r >= 0; r--) {
      combine(buf, r * w, buf, (r + 1) * w, buf, r * w, w, max, simd);
    }
  }

  /** {@code dst[d + c] = op(x[xo + c], y[yo + c])} for {@code c < w}. */
  static void combine(double[] x, int xo, double[] y, int yo, double[] dst, int d, int w, boolean max, boolean simd) {
    if (simd) {
      if (max) {
        FilterVectors.max(x, xo, y, yo, dst, d, w);
      } else {
        FilterVectors.min(x, xo, y, yo, dst, d, w);
      }
      return;
    }
    if (max) {
      for (int c = 0; c < w; c++) {
        dst[d + c] = Math.max(x[xo + c], y[yo + c]);
      }
    } else {
      for (int c = 0; c < w; c++) {
        dst[d + c] = min(x[xo + c], y[yo + c]);
      }
    }
  }
}
