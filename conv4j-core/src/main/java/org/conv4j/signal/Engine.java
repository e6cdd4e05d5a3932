package org.conv4j.signal;

import org.conv4j.kernels.fft.ComplexFft;
import org.conv4j.kernels.fft.FastLength;
import org.conv4j.kernels.fft.OverlapAdd1d;
import org.conv4j.kernels.fft.RealFftNd;
import org.conv4j.kernels.fft.TileConv2d;

/**
 * The three solvers of one convolution problem in <em>window form</em>: for C-order float64 arrays
 * {@code a} (shape {@code N}) and {@code b} (shape {@code M}) of the same rank {@code D ≥ 1},
 * {@code out = conv_full(a, b)[start : start + len]} per axis (SPEC §1.1; every mode of every op
 * is such a window, see {@link Signal}). Each returns a new C-order array of shape {@code len}.
 *
 * <p>{@link #direct} sums over the taps of the smaller input on a zero-extended window of the
 * larger; {@link #fft} multiplies real spectra of lengths just large enough that the circular
 * convolution has no wrap-around inside the window; {@link #overlapAdd} cuts the larger input
 * into blocks, transforms many blocks at once (as the batch axis of one N-d transform) and adds
 * their results into the window. All three use the {@link Workers} threads and give the same
 * bits for any thread count.
 */
final class Engine {
  private Engine() {}

  // ------------------------------------------------------------------------------------------
  // Direct

  /**
   * {@code xw[i] = x̃[i + start − K + 1]} for {@code i < len + K − 1} per axis, where {@code x̃}
   * extends {@code x} by {@code boundary} ({@code FILL} with {@code fill}).
   */
  static double[] extendWindow(double[] x, int[] xs, int[] kShape, int[] start, int[] len, Boundary boundary, double fill) {
    int rank = xs.length;
    int[] ps = new int[rank];
    int[][] map = new int[rank][];
    for (int d = 0; d < rank; d++) {
      ps[d] = Math.addExact(len[d], kShape[d] - 1);
      map[d] = new int[ps[d]];
      long first = (long) start[d] - kShape[d] + 1;
      for (int i = 0; i < ps[d]; i++) {
        map[d][i] = boundary.index(first + i, xs[d]);
      }
    }
    int[] xst = Boxes.strides(xs, 1);
    double[] out = new double[Boxes.size(ps)];
    if (fill != 0) {
      java.util.Arrays.fill(out, fill);
    }
    if (boundary == Boundary.FILL) {
      // The input's part of the window is one box: copy it row by row.
      int[] dims = new int[rank];
      int so = 0;
      int dO = 0;
      int[] ost = Boxes.strides(ps, 1);
      for (int d = 0; d < rank; d++) {
        long first = (long) start[d] - kShape[d] + 1;
        long lo = Math.max(0, first);
        long hi = Math.min(xs[d], first + ps[d]);
        if (lo >= hi) {
          return out;
        }
        dims[d] = (int) (hi - lo);
        so += (int) lo * xst[d];
        dO += (int) (lo - first) * ost[d];
      }
      Boxes.copy(x, so, xst, out, dO, ost, dims, false);
      return out;
    }
    int rows = out.length / ps[rank - 1];
    int[] idx = new int[rank];
    int[] last = map[rank - 1];
    int n = ps[rank - 1];
    for (int r = 0; r < rows; r++) {
      int base = 0;
      boolean outside = false;
      for (int d = 0; d < rank - 1; d++) {
        int m = map[d][idx[d]];
        if (m < 0) {
          outside = true;
          break;
        }
        base += m * xst[d];
      }
      if (!outside) {
        int o = r * n;
        for (int i = 0; i < n; i++) {
          int m = last[i];
          if (m >= 0) {
            out[o + i] = x[base + m];
          }
        }
      }
      for (int d = rank - 2; d >= 0; d--) {
        if (++idx[d] < ps[d]) {
          break;
        }
        idx[d] = 0;
      }
    }
    return out;
  }

  /** The window by summing over the taps of the smaller input (zero boundary). */
  static double[] direct(double[] a, int[] as, double[] b, int[] bs, int[] start, int[] len) {
    boolean swap = b.length > a.length;
    double[] x = swap ? b : a;
    int[] xs = swap ? bs : as;
    double[] w = swap ? a : b;
    int[] ws = swap ? as : bs;
    if (xs.length == 1) {
      double[] out = new double[len[0]];
      direct1d(x, xs[0], flip(w, ws), ws[0], start[0], len[0], out);
      return out;
    }
    double[] xw = extendWindow(x, xs, ws, start, len, Boundary.FILL, 0);
    return validCorrelate(xw, flip(w, ws), ws, len);
  }

  /**
   * Float32 {@link #direct(double[], int[], double[], int[], int[], int[])}: every sum accumulated
   * in float with one fused multiply-add per tap, as SciPy's float32 direct path accumulates in C
   * {@code float} (SIMD over 8 output positions).
   */
  static float[] direct(float[] a, int[] as, float[] b, int[] bs, int[] start, int[] len) {
    boolean swap = b.length > a.length;
    float[] x = swap ? b : a;
    int[] xs = swap ? bs : as;
    float[] w = swap ? a : b;
    int[] ws = swap ? as : bs;
    float[] kf = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      kf[w.length - 1 - i] = w[i];
    }
    if (xs.length == 1) {
      float[] out = new float[len[0]];
      direct1d(x, xs[0], kf, ws[0], start[0], len[0], out);
      return out;
    }
    float[] xw = extendZero(x, xs, ws, start, len);
    return validCorrelate(xw, kf, ws, len);
  }

  /** Float32 {@link #extendWindow} for the zero boundary. */
  static float[] extendZero(float[] x, int[] xs, int[] kShape, int[] start, int[] len) {
    int rank = xs.length;
    int[] ps = new int[rank];
    for (int d = 0; d < rank; d++) {
      ps[d] = Math.addExact(len[d], kShape[d] - 1);
    }
    float[] out = new float[Boxes.size(ps)];
    int[] dims = new int[rank];
    int so = 0;
    int dO = 0;
    int[] xst = Boxes.strides(xs, 1);
    int[] ost = Boxes.strides(ps, 1);
    for (int d = 0; d < rank; d++) {
      long first = (long) start[d] - kShape[d] + 1;
      long lo = Math.max(0, first);
      long hi = Math.min(xs[d], first + ps[d]);
      if (lo >= hi) {
        return out;
      }
      dims[d] = (int) (hi - lo);
      so += (int) lo * xst[d];
      dO += (int) (lo - first) * ost[d];
    }
    Boxes.copy(x, so, xst, out, dO, ost, dims);
    return out;
  }

  /**
   * 1-D {@code out[o] = Σ_t kf[t]·x̃[o + start − K + 1 + t]} ({@code x̃} zero outside
   * {@code [0, n)}, {@code n ≥ K}) without copying the signal: the outputs whose window lies inside
   * {@code x} read it in place, the {@code K − 1} at each end read a small zero-padded copy.
   * {@code x}, {@code kf}, {@code out}: all {@code double[]} or all {@code float[]}.
   */
  static void direct1d(Object x, int n, Object kf, int kl, int start, int len, Object out) {
    int lo = Math.min(len, Math.max(0, kl - 1 - start));
    int hi = Math.max(lo, Math.min(len, n - start));
    correlate1d(x, lo + start - kl + 1, kf, kl, out, lo, hi - lo);
    if (lo > 0) {
      correlate1d(padded(x, n, start - kl + 1, lo + kl - 1), 0, kf, kl, out, 0, lo);
    }
    if (hi < len) {
      correlate1d(padded(x, n, hi + start - kl + 1, len - hi + kl - 1), 0, kf, kl, out, hi, len - hi);
    }
  }

  /** {@code p[i] = x[first + i]} inside {@code [0, n)}, else 0, for {@code i < count}. */
  private static Object padded(Object x, int n, long first, int count) {
    int lo = (int) Math.min(count, Math.max(0, -first));
    int hi = (int) Math.max(lo, Math.min(count, n - first));
    if (x instanceof double[] xd) {
      double[] p = new double[count];
      System.arraycopy(xd, (int) (first + lo), p, lo, hi - lo);
      return p;
    }
    float[] p = new float[count];
    System.arraycopy((float[]) x, (int) (first + lo), p, lo, hi - lo);
    return p;
  }

  private static final int[] REL0 = {0};

  /** {@code out[oOff + i] = Σ_t k[t]·x[xOff + i + t]} for {@code i < n}, split in tiles between the threads. */
  private static void correlate1d(Object x, int xOff, Object k, int kl, Object out, int oOff, int n) {
    if (n <= 0) {
      return;
    }
    int tiles = Math.max(1, Math.min(4 * Workers.threads(), n / 256));
    int tileLen = (n + tiles - 1) / tiles;
    int grain = (int) Math.max(1, SignalTuning.DIRECT_TASK_MIN_MACS / Math.max(1, (long) tileLen * kl));
    Workers.run(tiles, grain, (from, to) -> {
      for (int u = from; u < to; u++) {
        int i0 = u * tileLen;
        int i1 = Math.min(n, i0 + tileLen);
        if (i0 >= i1) {
          continue;
        }
        if (x instanceof double[] xd) {
          DirectKernel.correlateRow(xd, xOff + i0, REL0, 1, (double[]) k, kl, (double[]) out, oOff + i0, i1 - i0);
        } else {
          DirectKernel.correlateRow((float[]) x, xOff + i0, REL0, 1, (float[]) k, kl, (float[]) out, oOff + i0, i1 - i0);
        }
      }
    });
  }

  /** {@code w} reversed along every axis. */
  static double[] flip(double[] w, int[] shape) {
    double[] f = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      f[w.length - 1 - i] = w[i];
    }
    return f;
  }

  /**
   * {@code out[o] = Σ_t k[t]·xw[o + t]} over shape {@code len} ({@code xw} has shape
   * {@code len + K − 1}): the valid correlation every direct path ends in. A 2-D kernel of rank
   * one (an outer product, found without an SVD) runs as two 1-D passes.
   */
  static double[] validCorrelate(double[] xw, double[] k, int[] ks, int[] len) {
    int rank = ks.length;
    int[] ps = new int[rank];
    for (int d = 0; d < rank; d++) {
      ps[d] = len[d] + ks[d] - 1;
    }
    if (rank == 2 && ks[0] > 1 && ks[1] > 1 && ks[0] * ks[1] >= SignalTuning.SEPARABLE_MIN_TAPS) {
      double[][] uv = rankOne(k, ks[0], ks[1]);
      if (uv != null) {
        double[] tmp = new double[ps[0] * len[1]];
        correlateRows(xw, ps, uv[1], new int[] {1, ks[1]}, tmp, new int[] {ps[0], len[1]});
        double[] out = new double[len[0] * len[1]];
        correlateRows(tmp, new int[] {ps[0], len[1]}, uv[0], new int[] {ks[0], 1}, out, len);
        return out;
      }
    }
    double[] out = new double[Boxes.size(len)];
    correlateRows(xw, ps, k, ks, out, len);
    return out;
  }

  /** Float32 {@link #validCorrelate(double[], double[], int[], int[])}, accumulated in float. */
  static float[] validCorrelate(float[] xw, float[] k, int[] ks, int[] len) {
    int rank = ks.length;
    int[] ps = new int[rank];
    for (int d = 0; d < rank; d++) {
      ps[d] = len[d] + ks[d] - 1;
    }
    if (rank == 2 && ks[0] > 1 && ks[1] > 1 && ks[0] * ks[1] >= SignalTuning.SEPARABLE_MIN_TAPS) {
      double[] kd = new double[k.length];
      for (int i = 0; i < k.length; i++) {
        kd[i] = k[i];
      }
      double[][] uv = rankOne(kd, ks[0], ks[1]);
      if (uv != null) {
        float[] u = new float[uv[0].length];
        float[] v = new float[uv[1].length];
        for (int i = 0; i < u.length; i++) {
          u[i] = (float) uv[0][i];
        }
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) uv[1][i];
        }
        float[] tmp = new float[ps[0] * len[1]];
        correlateRows(xw, ps, v, new int[] {1, ks[1]}, tmp, new int[] {ps[0], len[1]});
        float[] out = new float[len[0] * len[1]];
        correlateRows(tmp, new int[] {ps[0], len[1]}, u, new int[] {ks[0], 1}, out, len);
        return out;
      }
    }
    float[] out = new float[Boxes.size(len)];
    correlateRows(xw, ps, k, ks, out, len);
    return out;
  }

  /**
   * {@code k (k0×k1) = u·vᵀ} exactly up to rounding? Then {@code {u, v}}, else null. Taken from the
   * row and column through the largest element; every element is then checked against
   * {@code u_i·v_j} to a few ulps of the largest.
   */
  static double[][] rankOne(double[] k, int k0, int k1) {
    int piv = 0;
    double max = 0;
    for (int i = 0; i < k.length; i++) {
      if (Math.abs(k[i]) > max) {
        max = Math.abs(k[i]);
        piv = i;
      }
    }
    if (max == 0 || !Double.isFinite(max)) {
      return null;
    }
    int pr = piv / k1;
    int pc = piv % k1;
    double[] u = new double[k0];
    double[] v = new double[k1];
    for (int i = 0; i < k0; i++) {
      u[i] = k[i * k1 + pc];
    }
    double p = k[piv];
    for (int j = 0; j < k1; j++) {
      v[j] = k[pr * k1 + j] / p;
    }
    double tol = 4 * Math.ulp(max);
    for (int i = 0; i < k0; i++) {
      for (int j = 0; j < k1; j++) {
        if (Math.abs(k[i * k1 + j] - u[i] * v[j]) > tol) {
          return null;
        }
      }
    }
    return new double[][] {u, v};
  }

  /**
   * The N-d valid correlation by output rows (and tiles of a row), on the worker threads;
   * {@code xw}, {@code k}, {@code out} all {@code double[]} or all {@code float[]}. In 2-D, output
   * rows go in pairs through the two-row kernel (each input load feeds both rows); per output the
   * sum is the same, so the bits do not depend on the pairing or the thread count.
   */
  private static void correlateRows(Object xw, int[] ps, Object k, int[] ks, Object out, int[] len) {
    int rank = len.length;
    int nLast = len[rank - 1];
    int kLast = ks[rank - 1];
    int kSize = Boxes.size(ks);
    int outSize = Boxes.size(len);
    int rows = outSize / Math.max(1, nLast);
    if (outSize == 0) {
      return;
    }
    int[] xst = Boxes.strides(ps, 1);
    int nrel = kSize / kLast;
    int[] rel = new int[nrel];
    int[] kidx = new int[rank];
    for (int q = 0; q < nrel; q++) {
      int off = 0;
      for (int d = 0; d < rank - 1; d++) {
        off += kidx[d] * xst[d];
      }
      rel[q] = off;
      for (int d = rank - 2; d >= 0; d--) {
        if (++kidx[d] < ks[d]) {
          break;
        }
        kidx[d] = 0;
      }
    }
    boolean pair = rank == 2 && ks[0] >= 2 && rows >= 2;
    int per = pair ? 2 : 1;
    int units = (rows + per - 1) / per;
    int threads = Workers.threads();
    int tiles = 1;
    if (units < 4 * threads) {
      tiles = Math.max(1, Math.min((4 * threads + units - 1) / units, nLast / 256));
    }
    int tileLen = (nLast + tiles - 1) / tiles;
    int perTask = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (long) tileLen * kSize * per));
    int grain = Math.max(1, SignalTuning.DIRECT_TASK_MIN_MACS / perTask);
    int t = tiles;
    Workers.run(units * tiles, grain, (from, to) -> {
      for (int u = from; u < to; u++) {
        int r = (u / t) * per;
        int i0 = (u % t) * tileLen;
        int i1 = Math.min(nLast, i0 + tileLen);
        if (i0 >= i1) {
          continue;
        }
        if (pair && r + 1 < rows) {
          int xb = r * xst[0] + i0;
          int ob = r * nLast + i0;
          if (xw instanceof double[] xd) {
            DirectKernel.correlateRows2(xd, xb, xst[0], rel, nrel, (double[]) k, kLast, (double[]) out, ob, nLast, i1 - i0);
          } else {
            DirectKernel.correlateRows2((float[]) xw, xb, xst[0], rel, nrel, (float[]) k, kLast, (float[]) out, ob, nLast,
                i1 - i0);
          }
          continue;
        }
        int base = 0;
        int rem = r;
        for (int d = rank - 2; d >= 0; d--) {
          base += (rem % len[d]) * xst[d];
          rem /= len[d];
        }
        if (xw instanceof double[] xd) {
          DirectKernel.correlateRow(xd, base + i0, rel, nrel, (double[]) k, kLast, (double[]) out, r * nLast + i0, i1 - i0);
        } else {
          DirectKernel.correlateRow((float[]) xw, base + i0, rel, nrel, (float[]) k, kLast, (float[]) out, r * nLast + i0,
              i1 - i0);
        }
      }
    });
  }

  // ------------------------------------------------------------------------------------------
  // FFT

  /**
   * Transform lengths for the window: at least each input, and long enough that no circular
   * wrap-around lands inside the window ({@code F ≥ start + len} and {@code F ≥ N + M − 1 − start}):
   * a {@code valid} window needs only {@code F ≥ N}, not {@code N + M − 1}.
   */
  static int[] fftLengths(int[] as, int[] bs, int[] start, int[] len) {
    int rank = as.length;
    int[] f = new int[rank];
    for (int d = 0; d < rank; d++) {
      long full = (long) as[d] + bs[d] - 1;
      long need = Math.max((long) start[d] + len[d], full - start[d]);
      need = Math.max(need, Math.max(as[d], bs[d]));
      if (need > Integer.MAX_VALUE / 2) {
        throw new IllegalArgumentException("convolution too large for an FFT: axis " + d + " needs length " + need);
      }
      f[d] = d == 0 ? FastLength.nextEven((int) need) : FastLength.next((int) need);
    }
    return f;
  }

  /** The window through one real N-d FFT of each input. */
  static double[] fft(double[] a, int[] as, double[] b, int[] bs, int[] start, int[] len) {
    int rank = as.length;
    int[] f = fftLengths(as, bs, start, len);
    RealFftNd plan = new RealFftNd(f, 1);
    int[] fst = Boxes.strides(f, 1);
    double[] buf = new double[plan.realSize()];
    Boxes.copy(a, 0, Boxes.strides(as, 1), buf, 0, fst, as, false);
    double[] ar = new double[plan.spectrumSize()];
    double[] ai = new double[plan.spectrumSize()];
    forward(plan, buf, ar, ai, columns(as, fst));
    java.util.Arrays.fill(buf, 0);
    Boxes.copy(b, 0, Boxes.strides(bs, 1), buf, 0, fst, bs, false);
    double[] br = new double[plan.spectrumSize()];
    double[] bi = new double[plan.spectrumSize()];
    forward(plan, buf, br, bi, columns(bs, fst));
    double norm = 1.0 / plan.realSize();
    multiply(ar, ai, br, bi, 1, norm);
    inverse(plan, ar, ai, buf);
    double[] out = new double[Boxes.size(len)];
    int off = 0;
    for (int d = 0; d < rank; d++) {
      off += start[d] * fst[d];
    }
    Boxes.copy(buf, off, fst, out, 0, Boxes.strides(len, 1), len, false);
    return out;
  }

  /** {@code (xr, xi)[e·c + j] *= (kr, ki)[e]·norm} for every spectral index e and batch column j. */
  static void multiply(double[] xr, double[] xi, double[] kr, double[] ki, int batch, double norm) {
    int n = kr.length;
    if (batch == 1) {
      // One flat loop (the JIdouble vectorises it), not a one-iteration inner loop per element.
      Workers.run(n, 4096, (from, to) -> {
        for (int e = from; e < to; e++) {
          double wr = kr[e] * norm;
          double wi = ki[e] * norm;
          double r = xr[e];
          double i = xi[e];
          xr[e] = r * wr - i * wi;
          xi[e] = r * wi + i * wr;
        }
      });
      return;
    }
    Workers.run(n, 4096, (from, to) -> {
      for (int e = from; e < to; e++) {
        double wr = kr[e] * norm;
        double wi = ki[e] * norm;
        int o = e * batch;
        for (int j = 0; j < batch; j++) {
          double r = xr[o + j];
          double i = xi[o + j];
          xr[o + j] = r * wr - i * wi;
          xi[o + j] = r * wi + i * wr;
        }
      }
    });
  }

  /** Sequences per task below which an axis is not split between threads. */
  private static final int FFT_GRAIN = 8;

  /**
   * The axis-0 columns of a zero-padded buffer (strides {@code fst}) that can be non-zero when it
   * holds an array of shape {@code s} at its origin: a prefix, {@code 1 + Σ_{d≥1} (s_d − 1)·fst_d}.
   */
  static int columns(int[] s, int[] fst) {
    int c = 1;
    for (int d = 1; d < s.length; d++) {
      c += (s[d] - 1) * fst[d];
    }
    return c;
  }

  static void forward(RealFftNd plan, double[] x, double[] re, double[] im) {
    forward(plan, x, re, im, plan.sequences(0));
  }

  /**
   * The forward N-d transform; only the first {@code nonZeroColumns} columns of axis 0 are
   * transformed (the others are zero in {@code x}, and {@code re}/{@code im} must be zero there).
   */
  static void forward(RealFftNd plan, double[] x, double[] re, double[] im, int nonZeroColumns) {
    Workers.run(nonZeroColumns, FFT_GRAIN,
        (from, to) -> plan.forwardReal(x, re, im, from, to, new ComplexFft.Workspace()));
    for (int d = 1; d < plan.rank(); d++) {
      int axis = d;
      Workers.run(plan.sequences(d), FFT_GRAIN,
          (from, to) -> plan.axis(axis, re, im, from, to, false, new ComplexFft.Workspace()));
    }
  }

  static void inverse(RealFftNd plan, double[] re, double[] im, double[] x) {
    for (int d = plan.rank() - 1; d >= 1; d--) {
      int axis = d;
      Workers.run(plan.sequences(d), FFT_GRAIN,
          (from, to) -> plan.axis(axis, re, im, from, to, true, new ComplexFft.Workspace()));
    }
    Workers.run(plan.sequences(0), FFT_GRAIN,
        (from, to) -> plan.inverseReal(re, im, x, from, to, new ComplexFft.Workspace()));
  }

  // ------------------------------------------------------------------------------------------
  // Overlap-add

  /**
   * Block lengths for overlap-add along each axis ({@code n[d]} the larger input, {@code k[d]}
   * the smaller), or null when no axis gains from blocking. An axis is blocked when the kernel is
   * shorter than half of it (SciPy's rule); its FFT length {@code F} minimises the transform work
   * per output sample, {@code F·log F / (F − K + 1)}, over the fast lengths. Unblocked axes take
   * the whole input.
   */
  static int[] blockFftLengths(int[] n, int[] k) {
    int rank = n.length;
    int[] f = new int[rank];
    boolean any = false;
    for (int d = 0; d < rank; d++) {
      int full = FastLength.next(n[d] + k[d] - 1);
      if (d == 0) {
        full = FastLength.nextEven(n[d] + k[d] - 1);
      }
      f[d] = full;
      if (k[d] > 1 && 2L * k[d] < n[d]) {
        double best = Double.MAX_VALUE;
        int bestF = full;
        int lo = FastLength.next(Math.max(2 * k[d], SignalTuning.OA_MIN_BLOCK_FFT));
        for (int c = lo; c < full; c = FastLength.next(c + 1)) {
          if (Math.log(c) + SignalTuning.OA_LOG_OFFSET >= best) {
            // cost(c) > log c + offset, which only grows with c: no longer length can win (the
            // answer is the same as the full scan's; 1-D 10⁶ × 16 scanned every fast length
            // up to 10⁶, 120 µs per chooseMethod call).
            break;
          }
          if (d == 0 && (c & 1) != 0) {
            continue;
          }
          double cost = c * (Math.log(c) + SignalTuning.OA_LOG_OFFSET) / (c - k[d] + 1);
          if (cost < best) {
            best = cost;
            bestF = c;
          }
        }
        if (bestF < full) {
          f[d] = bestF;
          any = true;
        }
      }
    }
    return any ? f : null;
  }

  /**
   * Tile lengths {@code (F0, F1)} of the 2-D tiled overlap-add for a signal {@code n} and a kernel
   * {@code k} (per axis {@code n ≥ k}): fast lengths ({@code F0} even) from {@code 2K − 1} (so
   * that a band of {@code K − 1} rows meets only the tile row above) up to the whole convolution,
   * minimising the modelled work of all tiles, {@code blocks · (F0·F1 · (log2(F0·F1) + c) + t)}, among
   * tiles of at most {@link SignalTuning#TILE_MAX_ELEMENTS} elements (a tile's spectrum in a core's
   * L2) when the kernel allows.
   */
  static int[] tileLengths(int[] n, int[] k) {
    java.util.List<Integer> key = java.util.List.of(n[0], n[1], k[0], k[1]);
    int[] f = TILES.get(key);
    if (f == null) {
      f = searchTileLengths(n, k);
      if (TILES.size() < 4096) {
        TILES.put(key, f);
      }
    }
    return f.clone();
  }

  /** Answers of {@link #tileLengths}, by {@code (n0, n1, k0, k1)}. */
  private static final java.util.concurrent.ConcurrentHashMap<java.util.List<Integer>, int[]> TILES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static int[] searchTileLengths(int[] n, int[] k) {
    int[][] cand = new int[2][];
    for (int d = 0; d < 2; d++) {
      int full = d == 0 ? FastLength.nextEven(n[d] + k[d] - 1) : FastLength.next(n[d] + k[d] - 1);
      int lo = Math.min(full, d == 0 ? FastLength.nextEven(Math.max(2 * k[d] - 1, 8)) : FastLength.next(Math.max(2 * k[d] - 1, 8)));
      java.util.List<Integer> c = new java.util.ArrayList<>();
      for (int v = lo; v <= full; v = FastLength.next(v + 1)) {
        if (d == 0 && (v & 1) != 0) {
          continue;
        }
        c.add(v);
      }
      if (c.isEmpty() || c.get(c.size() - 1) != full) {
        c.add(full);
      }
      cand[d] = c.stream().mapToInt(Integer::intValue).toArray();
    }
    double best = Double.MAX_VALUE;
    int[] bestF = null;
    for (int pass = 0; pass < 2 && bestF == null; pass++) {
      for (int f0 : cand[0]) {
        for (int f1 : cand[1]) {
          double size = (double) f0 * f1;
          if (pass == 0 && size > SignalTuning.TILE_MAX_ELEMENTS) {
            continue;
          }
          int b0 = Math.min(n[0], f0 - k[0] + 1);
          int b1 = Math.min(n[1], f1 - k[1] + 1);
          double blocks = Math.ceil((double) n[0] / b0) * Math.ceil((double) n[1] / b1);
          double cost = blocks * (size * (Math.log(size) / Math.log(2) + SignalTuning.TILE_LOG_OFFSET)
              + SignalTuning.TILE_FIXED_ELEMENTS);
          if (cost < best) {
            best = cost;
            bestF = new int[] {f0, f1};
          }
        }
      }
    }
    return bestF;
  }

  /** The window by overlap-add; falls back to {@link #fft} when no axis gains from blocking. */
  static double[] overlapAdd(double[] a, int[] as, double[] b, int[] bs, int[] start, int[] len) {
    int rank = as.length;
    boolean aBig = true;
    boolean bBig = true;
    for (int d = 0; d < rank; d++) {
      aBig &= as[d] >= bs[d];
      bBig &= bs[d] >= as[d];
    }
    if (!aBig && !bBig) {
      return fft(a, as, b, bs, start, len);
    }
    double[] s = aBig ? a : b;
    int[] ss = aBig ? as : bs;
    double[] k = aBig ? b : a;
    int[] kss = aBig ? bs : as;
    if (rank == 2) {
      return overlapAdd2d(s, ss, k, kss, start, len);
    }
    int[] f = blockFftLengths(ss, kss);
    if (f == null) {
      return fft(a, as, b, bs, start, len);
    }
    if (rank == 1) {
      return overlapAdd1d(s, ss[0], k, kss[0], f[0], start[0], len[0]);
    }
    int[] blk = new int[rank];
    int[] nb = new int[rank];
    int blocks = 1;
    for (int d = 0; d < rank; d++) {
      blk[d] = Math.min(ss[d], f[d] - kss[d] + 1);
      nb[d] = (ss[d] + blk[d] - 1) / blk[d];
      blocks = Math.multiplyExact(blocks, nb[d]);
    }
    int fsize = Boxes.size(f);
    int group = Math.max(1, Math.min(blocks, SignalTuning.OA_GROUP_DOUBLES / fsize));
    // Kernel spectrum, once.
    RealFftNd kplan = new RealFftNd(f, 1);
    double[] kbuf = new double[kplan.realSize()];
    Boxes.copy(k, 0, Boxes.strides(kss, 1), kbuf, 0, Boxes.strides(f, 1), kss, false);
    double[] kr = new double[kplan.spectrumSize()];
    double[] ki = new double[kplan.spectrumSize()];
    forward(kplan, kbuf, kr, ki, columns(kss, Boxes.strides(f, 1)));
    double norm = 1.0 / fsize;

    double[] out = new double[Boxes.size(len)];
    int[] ost = Boxes.strides(len, 1);
    int[] sst = Boxes.strides(ss, 1);
    RealFftNd plan = new RealFftNd(f, group);
    double[] buf = new double[plan.realSize()];
    double[] xr = new double[plan.spectrumSize()];
    double[] xi = new double[plan.spectrumSize()];
    int[] bst = Boxes.strides(f, group);
    int[] dims = new int[rank];
    int[] bidx = new int[rank];
    int[] offsets = new int[2];
    for (int g0 = 0; g0 < blocks; g0 += group) {
      int gn = Math.min(group, blocks - g0);
      java.util.Arrays.fill(buf, 0);
      for (int c = 0; c < gn; c++) {
        blockIndex(g0 + c, nb, bidx);
        int so = 0;
        for (int d = 0; d < rank; d++) {
          int o = bidx[d] * blk[d];
          dims[d] = Math.min(blk[d], ss[d] - o);
          so += o * sst[d];
        }
        Boxes.copy(s, so, sst, buf, c, bst, dims, false);
      }
      forward(plan, buf, xr, xi);
      multiply(xr, xi, kr, ki, group, norm);
      inverse(plan, xr, xi, buf);
      for (int c = 0; c < gn; c++) {
        blockIndex(g0 + c, nb, bidx);
        if (blockWindow(bidx, blk, ss, kss, start, len, bst, ost, c, dims, offsets)) {
          Boxes.copy(buf, offsets[0], bst, out, offsets[1], ost, dims, true);
        }
      }
    }
    return out;
  }

  /**
   * Each thread's tile workspace, kept between calls (a few hundred KB per thread: allocating and
   * zeroing it on every call cost more than a tile's transposes).
   */
  private static final ThreadLocal<TileConv2d.Workspace> TILE_WS = ThreadLocal.withInitial(TileConv2d.Workspace::new);

  /**
   * 2-D overlap-add in tiles ({@link TileConv2d}, tile lengths {@link Engine#tileLengths}):
   * the tiles, in row-major order, are split into one contiguous range per thread. A tile's result
   * has three parts: its first {@code K0 − 1} rows when it is not in the first tile row (the rows it
   * shares with the tile above) and its first {@code K1 − 1} columns of the other rows when it is
   * not in the first tile column go to buffers of its own; the rest, its interior, is added into
   * the window (the interiors of all tiles partition the window, so no two threads write the same
   * output). After all tiles, the buffers are added into the window one tile after another, in
   * tile order. Every output is then its interior value plus the other tiles' parts in tile order,
   * whatever the threads: the same bits for any thread count.
   */
  static double[] overlapAdd2d(double[] s, int[] ss, double[] k, int[] kss, int[] start, int[] len) {
    int[] f = tileLengths(ss, kss);
    TileConv2d tc = new TileConv2d(k, 0, kss[1], kss[0], kss[1], f[0], f[1], PARALLEL,
        TILE_WS::get);
    int blk0 = Math.min(ss[0], f[0] - kss[0] + 1);
    int blk1 = Math.min(ss[1], f[1] - kss[1] + 1);
    int nb0 = (ss[0] + blk0 - 1) / blk0;
    int nb1 = (ss[1] + blk1 - 1) / blk1;
    int tiles = Math.multiplyExact(nb0, nb1);
    int len0 = len[0];
    int len1 = len[1];
    int bt = kss[0] - 1;
    int bl = kss[1] - 1;
    double[] out = new double[Math.multiplyExact(len0, len1)];
    double[][] top = new double[tiles][];
    double[][] lft = new double[tiles][];
    int[][] geo = new int[tiles][];
    Workers.run(tiles, 1, (t0, t1) -> {
      TileConv2d.Workspace ws = TILE_WS.get();
      double[][] dst = new double[f[0]][];
      int[] dOff = new int[f[0]];
      double[][] left = new double[f[0]][];
      int[] leftOff = new int[f[0]];
      for (int t = t0; t < t1; t++) {
        int[] g = tileGeometry(t, nb1, blk0, blk1, ss, kss, start, len);
        geo[t] = g;
        if (g == null) {
          continue;
        }
        int o0 = g[0];
        int o1 = g[1];
        int rows = g[4];
        double[] tb = g[0] > 0 && bt > 0 ? new double[bt * f[1]] : null;
        double[] lb = g[1] > 0 && bl > 0 ? new double[f[0] * bl] : null;
        top[t] = tb;
        lft[t] = lb;
        int cLo = g[5];
        int cHi = g[6];
        int cSplit = lb != null ? Math.min(cHi, Math.max(cLo, bl)) : cLo;
        for (int r = 0; r < f[0]; r++) {
          int w = o0 + r - start[0];
          if (r >= rows || w < 0 || w >= len0) {
            dst[r] = null;
            left[r] = null;
          } else if (tb != null && r < bt) {
            dst[r] = tb;
            dOff[r] = r * f[1];
            left[r] = tb;
            leftOff[r] = r * f[1];
          } else {
            dst[r] = out;
            dOff[r] = w * len1 + o1 - start[1];
            left[r] = lb;
            leftOff[r] = r * bl;
          }
        }
        tc.run(s, o0 * ss[1] + o1, ss[1], g[2], g[3], dst, dOff, left, leftOff, cLo, cSplit, cHi, ws);
      }
    });
    for (int t = 0; t < tiles; t++) {
      int[] g = geo[t];
      if (g == null) {
        continue;
      }
      int o0 = g[0];
      int o1 = g[1];
      int cLo = g[5];
      int cHi = g[6];
      double[] tb = top[t];
      double[] lb = lft[t];
      for (int r = 0; r < g[4]; r++) {
        int w = o0 + r - start[0];
        if (w < 0 || w >= len0) {
          continue;
        }
        int o = w * len1 + o1 - start[1];
        if (tb != null && r < bt) {
          for (int c = cLo; c < cHi; c++) {
            out[o + c] += tb[r * f[1] + c];
          }
        } else if (lb != null) {
          for (int c = cLo; c < Math.min(cHi, bl); c++) {
            out[o + c] += lb[r * bl + c];
          }
        }
      }
    }
    return out;
  }

  /**
   * Tile {@code t} (row-major, {@code nb1} tiles per row) of a 2-D overlap-add: null when its
   * result misses the window, else {@code {o0, o1, b0, b1, rows, cLo, cHi}}: the block's origin in
   * the signal and extent, the tile rows its result has ({@code b0 + K0 − 1}) and the tile columns
   * {@code [cLo, cHi)} that land in the window.
   */
  static int[] tileGeometry(int t, int nb1, int blk0, int blk1, int[] ss, int[] kss, int[] start, int[] len) {
    int o0 = (t / nb1) * blk0;
    int o1 = (t % nb1) * blk1;
    int b0 = Math.min(blk0, ss[0] - o0);
    int b1 = Math.min(blk1, ss[1] - o1);
    int rows = b0 + kss[0] - 1;
    int cLo = Math.max(0, start[1] - o1);
    int cHi = Math.min(b1 + kss[1] - 1, start[1] + len[1] - o1);
    if (cLo >= cHi || o0 + rows <= start[0] || o0 >= start[0] + len[0]) {
      return null;
    }
    return new int[] {o0, o1, b0, b1, rows, cLo, cHi};
  }

  /**
   * 1-D overlap-add with the blocks split into one contiguous range per thread, each added straight
   * into the window: all but each range's last block first, the last blocks after a barrier. At most
   * two blocks overlap a sample, so the sums are the same for any thread count.
   */
  private static double[] overlapAdd1d(double[] s, int n, double[] k, int kl, int f, int start, int len) {
    OverlapAdd1d oa = new OverlapAdd1d(k, 0, kl, f);
    int blk = oa.block();
    int blocks = (n + blk - 1) / blk;
    int parts = Math.max(1, Math.min(Workers.threads(), blocks / 4));
    double[] out = new double[len];
    // Each thread adds its blocks straight into the window, all but its last block first; the last
    // blocks (which overlap the next thread's first block) after a barrier. At most two blocks
    // overlap a sample, and a + b == b + a, so the bits do not depend on the thread count.
    for (int phase = 0; phase < 2; phase++) {
      boolean last = phase == 1;
      Workers.run(parts, 1, (p0, p1) -> {
        ComplexFft.Workspace ws = new ComplexFft.Workspace();
        for (int p = p0; p < p1; p++) {
          int b0 = (int) ((long) blocks * p / parts);
          int b1 = (int) ((long) blocks * (p + 1) / parts);
          if (last) {
            oa.run(s, n, b1 - 1, b1, out, start, ws);
          } else if (b1 - 1 > b0) {
            oa.run(s, n, b0, b1 - 1, out, start, ws);
          }
        }
      });
    }
    return out;
  }


  /**
   * Where the block at {@code bidx}, stored as batch entry {@code c} of an FFT group with strides
   * {@code bst}, lands in the output window {@code [start, start + len)}: the extents of the overlap
   * go to {@code dims}, its offset in the group buffer to {@code offsets[0]} and in the output
   * (strides {@code ost}) to {@code offsets[1]}. A block's linear result reaches {@code kss − 1}
   * past its own {@code blk} samples (clipped at the signal's end {@code ss}). False when the
   * block's result does not meet the window. Shared by the float64 and float32 engines.
   */
  static boolean blockWindow(int[] bidx, int[] blk, int[] ss, int[] kss, int[] start, int[] len,
      int[] bst, int[] ost, int c, int[] dims, int[] offsets) {
    int so = c;
    int dO = 0;
    for (int d = 0; d < bidx.length; d++) {
      int o = bidx[d] * blk[d];
      int extent = Math.min(blk[d], ss[d] - o) + kss[d] - 1;
      int g0d = Math.max(o, start[d]);
      int g1d = Math.min(o + extent, start[d] + len[d]);
      if (g0d >= g1d) {
        return false;
      }
      dims[d] = g1d - g0d;
      so += (g0d - o) * bst[d];
      dO += (g0d - start[d]) * ost[d];
    }
    offsets[0] = so;
    offsets[1] = dO;
    return true;
  }

  /** The worker threads for the tile convolutions' kernel spectra (contiguous ranges of blocks). */
  static final org.conv4j.kernels.fft.Parallel PARALLEL = (count, body) ->
      Workers.run(count, 1, (from, to) -> {
        for (int i = from; i < to; i++) {
          body.accept(i);
        }
      });

  static void blockIndex(int flat, int[] nb, int[] idx) {
    for (int d = nb.length - 1; d >= 0; d--) {
      idx[d] = flat % nb[d];
      flat /= nb[d];
    }
  }
}
