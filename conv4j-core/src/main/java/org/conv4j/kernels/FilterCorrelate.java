package org.conv4j.kernels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.conv4j.kernels.simd.FilterVectors;
import org.conv4j.window.PadMode;

/**
 * Direct N-d correlation with a boundary mode (SciPy {@code ndimage.correlate}, SPEC §3.1–§3.3):
 *
 * <pre>    out[i] = Σ_j w[j] · x̃[i + j − a],   a = K//2 + origin (per axis)</pre>
 *
 * over a C-order input of shape {@code dims}, the kernel having the same rank. The output is
 * computed one line along the last axis at a time (a line is {@code n = dims[D−1]} contiguous
 * outputs; several tasks may share one line by taking ranges of it). For each kernel row (a
 * multi-index over the kernel's leading axes) the source row is found through the boundary rule,
 * and its taps are added to a double accumulator line:
 * <ul>
 *   <li>the interior, where every tap reads inside the row, runs without index checks, vectorised
 *       over output positions ({@link FilterVectors#correlateRow}) or as the scalar twin;
 *   <li>the borders (at most {@code K−1} positions per side) map each read through
 *       {@link PadMode#index}, so a kernel longer than the input follows the periodic extension of
 *       SPEC §3.2;
 *   <li>a source row outside the input under {@code constant} contributes {@code w·cval}.
 * </ul>
 * Per output the terms are added in C order of the kernel, one after another from 0.0, exactly as
 * SciPy's {@code NI_Correlate} does; like it, the N-d entry point may skip taps with
 * {@code |w| ≤ 2⁻⁵²}. Float32 outputs are rounded once from the double sum.
 */
public final class FilterCorrelate {
  /** SciPy's {@code DBL_EPSILON} test: weights at most this small are not part of the footprint. */
  public static final double TINY = Math.ulp(1.0);

  private FilterCorrelate() {}

  /** A correlation prepared for one input shape: kernel rows, their taps and the anchors. */
  public static final class Plan {
    final int[] dims;
    final int[] strides;
    final int[] anchor;
    final int kLast;
    final int[][] rowK;
    final int[][] rowJ;
    final double[][] rowW;
    final PadMode mode;
    final double cval;

    Plan(int[] dims, int[] anchor, int kLast, int[][] rowK, int[][] rowJ, double[][] rowW, PadMode mode, double cval) {
      this.dims = dims;
      this.anchor = anchor;
      this.kLast = kLast;
      this.rowK = rowK;
      this.rowJ = rowJ;
      this.rowW = rowW;
      this.mode = mode;
      this.cval = cval;
      this.strides = new int[dims.length];
      int s = 1;
      for (int d = dims.length - 1; d >= 0; d--) {
        strides[d] = s;
        s *= dims[d];
      }
    }

    /** Number of lines (outputs along the last axis form one line). */
    public int lines() {
      int p = 1;
      for (int d = 0; d < dims.length - 1; d++) {
        p *= dims[d];
      }
      return p;
    }

    /** Line length, the size of the last axis. */
    public int lineLength() {
      return dims[dims.length - 1];
    }
  }

  /**
   * Prepares {@code correlate(x, w)} for inputs of shape {@code dims}.
   *
   * @param weights the kernel in C order, shape {@code kdims} (same rank as {@code dims})
   * @param origins per axis, already checked ({@code 0 ≤ K//2 + o < K})
   * @param skipTiny drop taps with {@code |w| ≤ 2⁻⁵²}, as SciPy's N-d path does
   */
  public static Plan plan(
      int[] dims, double[] weights, int[] kdims, int[] origins, PadMode mode, double cval, boolean skipTiny) {
    int rank = dims.length;
    int[] anchor = new int[rank];
    for (int d = 0; d < rank; d++) {
      anchor[d] = kdims[d] / 2 + origins[d];
    }
    int kLast = kdims[rank - 1];
    int rows = weights.length / kLast;
    List<int[]> ks = new ArrayList<>();
    List<int[]> js = new ArrayList<>();
    List<double[]> ws = new ArrayList<>();
    int[] k = new int[Math.max(0, rank - 1)];
    for (int r = 0; r < rows; r++) {
      int taps = 0;
      int[] j = new int[kLast];
      double[] w = new double[kLast];
      for (int t = 0; t < kLast; t++) {
        double v = weights[r * kLast + t];
        if (!skipTiny || Math.abs(v) > TINY) {
          j[taps] = t;
          w[taps++] = v;
        }
      }
      if (taps > 0) {
        ks.add(k.clone());
        js.add(Arrays.copyOf(j, taps));
        ws.add(Arrays.copyOf(w, taps));
      }
      for (int d = rank - 2; d >= 0; d--) { // odometer over the leading kernel axes
        if (++k[d] < kdims[d]) {
          break;
        }
        k[d] = 0;
      }
    }
    return new Plan(dims.clone(), anchor, kLast, ks.toArray(new int[0][]), js.toArray(new int[0][]),
        ws.toArray(new double[0][]), mode, cval);
  }

  /**
   * Outputs {@code [i0, i1)} of line {@code line}. Scratch {@code acc} holds at least the line
   * length. Reads {@code src} (C order, the plan's shape), writes {@code dst} at the same positions.
   */
  public static void run(Plan p, double[] src, FilterBuffer dst, int line, int i0, int i1, double[] acc, boolean simd) {
    int rank = p.dims.length;
    int n = p.dims[rank - 1];
    int a = p.anchor[rank - 1];
    Arrays.fill(acc, i0, i1, 0.0);
    // interior: every tap j in [0, K) reads i + j − a inside [0, n)
    int lo = Math.max(i0, a);
    int hi = Math.min(i1, n - p.kLast + a + 1);
    for (int r = 0; r < p.rowK.length; r++) {
      int[] js = p.rowJ[r];
      double[] ws = p.rowW[r];
      int taps = js.length;
      int rowBase = rowBase(p, line, p.rowK[r]);
      if (rowBase < 0) {
        for (int i = i0; i < i1; i++) {
          double s = acc[i];
          for (int t = 0; t < taps; t++) {
            s += ws[t] * p.cval;
          }
          acc[i] = s;
        }
        continue;
      }
      if (lo < hi) {
        border(p, src, rowBase, js, ws, acc, i0, lo, n, a);
        if (simd) {
          FilterVectors.correlateRow(src, rowBase - a, js, ws, taps, acc, lo, hi);
        } else {
          interior(src, rowBase - a, js, ws, taps, acc, lo, hi);
        }
        border(p, src, rowBase, js, ws, acc, hi, i1, n, a);
      } else {
        border(p, src, rowBase, js, ws, acc, i0, i1, n, a);
      }
    }
    dst.store(acc, i0, i1 - i0, line * n + i0, 1);
  }

  /** The scalar twin of {@link FilterVectors#correlateRow}. */
  static void interior(double[] src, int base, int[] off, double[] w, int taps, double[] acc, int lo, int hi) {
    for (int i = lo; i < hi; i++) {
      double s = acc[i];
      int b = base + i;
      for (int t = 0; t < taps; t++) {
        s += w[t] * src[b + off[t]];
      }
      acc[i] = s;
    }
  }

  private static void border(
      Plan p, double[] src, int rowBase, int[] js, double[] ws, double[] acc, int from, int to, int n, int a) {
    for (int i = from; i < to; i++) {
      double s = acc[i];
      for (int t = 0; t < js.length; t++) {
        int idx = p.mode.index((long) i + js[t] - a, n);
        s += ws[t] * (idx < 0 ? p.cval : src[rowBase + idx]);
      }
      acc[i] = s;
    }
  }

  /** Flat offset of the source row read by kernel row {@code k} for output line {@code line}, or −1. */
  private static int rowBase(Plan p, int line, int[] k) {
    int rank = p.dims.length;
    int base = 0;
    int rest = line;
    for (int d = rank - 2; d >= 0; d--) {
      int o = rest % p.dims[d];
      rest /= p.dims[d];
      int idx = p.mode.index((long) o + k[d] - p.anchor[d], p.dims[d]);
      if (idx < 0) {
        return -1;
      }
      base += idx * p.strides[d];
    }
    return base;
  }
}
