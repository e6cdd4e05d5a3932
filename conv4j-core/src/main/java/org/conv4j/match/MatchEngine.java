package org.conv4j.match;

import java.util.Arrays;
import org.conv4j.kernels.MatchKernels;
import org.conv4j.kernels.WindowTasks;

/**
 * The geometry of one template-matching problem and the loops that combine kernel outputs into
 * scores. Image {@code (C, S_0..S_{d−1})}, template {@code (C, K_0..K_{d−1})} (C = 1 without a
 * channel axis), output {@code S − K + 1}, all row-major. Output rows (all output axes but the last)
 * are split between threads by {@link WindowTasks}; each kernel call computes one row.
 */
final class MatchEngine {
  final int channels;
  final int[] s;
  final int[] k;
  final int[] out;
  final int plane;
  final int tplane;
  final int size;
  final int ow;
  final int outRows;
  final int kx;
  final int rowsPerChannel;
  final int[] rowOff;
  final int[] bases;
  final int threads;

  MatchEngine(int channels, int[] s, int[] k, int threads) {
    this.channels = channels;
    this.s = s;
    this.k = k;
    this.threads = threads;
    int d = s.length;
    out = new int[d];
    int pl = 1;
    int tp = 1;
    int sz = 1;
    for (int a = 0; a < d; a++) {
      out[a] = s[a] - k[a] + 1;
      pl *= s[a];
      tp *= k[a];
      sz *= out[a];
    }
    plane = pl;
    tplane = tp;
    size = sz;
    ow = out[d - 1];
    outRows = size / ow;
    kx = k[d - 1];
    rowsPerChannel = tplane / kx;
    rowOff = MatchKernels.rowOffsets(channels, s, k);
    bases = new int[outRows];
    int[] idx = new int[d];
    int[] stride = new int[d];
    int acc = 1;
    for (int a = d - 1; a >= 0; a--) {
      stride[a] = acc;
      acc *= s[a];
    }
    for (int q = 0; q < outRows; q++) {
      int b = 0;
      for (int a = 0; a < d - 1; a++) {
        b += idx[a] * stride[a];
      }
      bases[q] = b;
      for (int a = d - 2; a >= 0; a--) {
        if (++idx[a] < out[a]) {
          break;
        }
        idx[a] = 0;
      }
    }
  }

  /** The template rows of channel {@code c}. */
  int[] channelRows(int c) {
    return Arrays.copyOfRange(rowOff, c * rowsPerChannel, (c + 1) * rowsPerChannel);
  }

  /** {@code Σ f(img, t)} over every window, float32; {@code rows} a subset of {@link #rowOff}. */
  float[] run(int op, float[] img, float[] t, int[] rows) {
    float[] r = new float[size];
    // Single-channel 2-D correlation: pairs of output rows share their image-row loads.
    boolean pairs = op == MatchKernels.CORR && channels == 1 && s.length == 2 && rows.length == rowOff.length
        && MatchKernels.SIMD;
    WindowTasks.run(outRows, threads, (long) rows.length * kx * ow, (from, to) -> {
      int q = from;
      if (pairs) {
        for (; q + 1 < to; q += 2) {
          MatchKernels.corr2Rows(img, bases[q], s[1], k[0], t, kx, r, q * ow, (q + 1) * ow, ow);
        }
      }
      for (; q < to; q++) {
        MatchKernels.row(op, img, bases[q], rows, t, kx, r, q * ow, ow);
      }
    });
    return r;
  }

  /** {@code Σ f(img, t)} over every window, float64. */
  double[] run(int op, double[] img, double[] t, int[] rows) {
    double[] r = new double[size];
    WindowTasks.run(outRows, threads, (long) rows.length * kx * ow, (from, to) -> {
      for (int q = from; q < to; q++) {
        MatchKernels.row(op, img, bases[q], rows, t, kx, r, q * ow, ow);
      }
    });
    return r;
  }

  /**
   * Window sums of channel {@code c} of {@code img} (already squared by the caller when needed),
   * by running sums ({@code direct = false}) or per window.
   */
  double[] channelSums(double[] img, int c, boolean squared, boolean direct) {
    if (!direct) {
      return MatchKernels.boxSums(img, c * plane, s, k, squared);
    }
    double[] src = img;
    if (squared) {
      src = new double[img.length];
      for (int i = c * plane; i < (c + 1) * plane; i++) {
        src[i] = img[i] * img[i];
      }
    }
    double[] ones = new double[tplane];
    Arrays.fill(ones, 1.0);
    return run(MatchKernels.CORR, src, ones, channelRows(c));
  }

  /** Window sums over all channels. */
  double[] allSums(double[] img, boolean squared, boolean direct) {
    double[] r = channelSums(img, 0, squared, direct);
    for (int c = 1; c < channels; c++) {
      double[] rc = channelSums(img, c, squared, direct);
      for (int i = 0; i < size; i++) {
        r[i] += rc[i];
      }
    }
    return r;
  }

  /** Masked SAD, {@code Σ |m|·|t − i|}, scalar (float64). */
  double[] maskedSad(double[] img, double[] t, double[] absMask) {
    double[] r = new double[size];
    WindowTasks.run(outRows, threads, (long) rowOff.length * kx * ow, (from, to) -> {
      for (int q = from; q < to; q++) {
        for (int x = 0; x < ow; x++) {
          double acc = 0;
          for (int row = 0; row < rowOff.length; row++) {
            int p = bases[q] + rowOff[row] + x;
            int tr = row * kx;
            for (int j = 0; j < kx; j++) {
              acc += absMask[tr + j] * Math.abs(t[tr + j] - img[p + j]);
            }
          }
          r[q * ow + x] = acc;
        }
      }
    });
    return r;
  }

  /**
   * The masked normalised metrics' division: {@code q/d}, or {@code fallback} when {@code d} is 0
   * (OpenCV's masked path has no clamp and gives inf/NaN there); NaN stays NaN.
   */
  static double plain(double q, double d, double fallback) {
    if (Double.isNaN(q) || Double.isNaN(d)) {
      return Double.NaN;
    }
    return d > 0 ? q / d : fallback;
  }

  /**
   * OpenCV's guarded division for the normalised metrics (see {@link Metric}): {@code q/d} when
   * {@code |q| < d}, the sign of {@code q} up to {@code 1.125·d}, else {@code fallback}; NaN stays NaN.
   */
  static double guarded(double q, double d, double fallback) {
    if (Double.isNaN(q) || Double.isNaN(d)) {
      return Double.NaN;
    }
    double a = Math.abs(q);
    if (a < d) {
      return q / d;
    }
    if (a < d * 1.125) {
      return q > 0 ? 1 : -1;
    }
    return fallback;
  }
}
