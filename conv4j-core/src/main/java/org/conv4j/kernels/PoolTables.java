package org.conv4j.kernels;

import java.util.Arrays;
import org.conv4j.kernels.simd.PoolWindows;
import org.conv4j.kernels.simd.SimdPoolTables;

/**
 * Max and average pooling over any windows given by per-axis {@link PoolAxis} tables: 1-D, 2-D and
 * 3-D, padding, dilation, overlapping windows, ceil-mode overhang and Theano's windows — every
 * pooling that {@link MaxPoolPlanes}/{@link AvgPoolPlanes} (uniform 2-D windows) do not take. Each
 * entry point runs {@link SimdPoolTables}' vector kernel when the Vector API is on
 * ({@link SimdSwitch}) and the reference table loops of {@link PoolKernels} otherwise; both give
 * the same bits (same scan order, tie and NaN rule, sums and divisors). Single-threaded per call;
 * callers split planes across threads.
 */
public final class PoolTables {
  /** Whether the vector kernels run (decided once). */
  public static final boolean SIMD = SimdSwitch.enabled(PoolTables::probe);

  private PoolTables() {}

  /**
   * The windows of these axes for a kernel of {@code lanes} lanes: runs of outputs along the last
   * axis with the same tap count (at least 1) and equally spaced first taps are covered by vectors
   * (the last one overlapping the one before it), the other outputs listed one by one.
   */
  public static PoolWindows windows(PoolAxis ad, PoolAxis ah, PoolAxis aw, int lanes) {
    return plan(ad, ah, aw, lanes, false);
  }

  /**
   * The windows of these axes for the average-pooling backward ({@link #avgPoolBackward}): like
   * {@link #windows} with {@link #avgLanes()} lanes, but a scatter must not visit an output twice, so
   * runs are cut into whole vectors only (what is left of a run goes one by one), and only runs
   * whose first taps are 1 or 2 apart become vectors (the kernel adds them with contiguous or
   * interleaved vectors; other strides would need a scatter instruction AVX2 lacks).
   */
  public static PoolWindows scatterWindows(PoolAxis ad, PoolAxis ah, PoolAxis aw) {
    return plan(ad, ah, aw, avgLanes(), true);
  }

  private static PoolWindows plan(PoolAxis ad, PoolAxis ah, PoolAxis aw, int lanes, boolean scatter) {
    int n = aw.outLength();
    int[] first = aw.first();
    int[] count = aw.count();
    int[] vec = new int[n];
    int[] one = new int[n];
    int nv = 0;
    int no = 0;
    int q = 0;
    while (q < n) {
      int end = q + 1;
      int s = q + 1 < n ? first[q + 1] - first[q] : 0;
      if (count[q] > 0 && (scatter ? s == 1 || s == 2 : s >= 1)) {
        while (end < n && count[end] == count[q] && first[end] - first[end - 1] == s) {
          end++;
        }
      }
      int v = q;
      if (scatter) {
        for (; end - v >= lanes; v += lanes) {
          vec[nv++] = v;
        }
      } else if (end - q >= lanes) {
        for (; v < end; v += lanes) {
          vec[nv++] = Math.min(v, end - lanes);
        }
      }
      for (; v < end; v++) {
        one[no++] = v;
      }
      q = end;
    }
    return new PoolWindows(ad.inLength(), ah.inLength(), aw.inLength(), ad.outLength(), ah.outLength(), n,
        ad.first(), ad.count(), ad.step(), ah.first(), ah.count(), ah.step(), first, count, aw.step(),
        lanes, Arrays.copyOf(vec, nv), Arrays.copyOf(one, no));
  }

  /** Lanes of the max-pooling kernel for this dtype. */
  public static int maxLanes(boolean float32) {
    return float32 ? SimdPoolTables.MAX_FLOAT_LANES : SimdPoolTables.LANES4;
  }

  /** Lanes of the average-pooling kernels. */
  public static int avgLanes() {
    return SimdPoolTables.LANES4;
  }

  /**
   * Max pooling forward over {@code planes} planes: values and (unless {@code idx} is null) flat
   * offsets into each input plane as doubles, from {@code outOff + p·OD·OH·OW}.
   *
   * @param win {@link #windows} of the same axes with {@link #maxLanes maxLanes(true)}
   */
  public static void maxPool(float[] x, int xOff, float[] y, double[] idx, int outOff, int planes, PoolAxis ad, PoolAxis ah,
      PoolAxis aw, PoolWindows win) {
    if (SIMD) {
      SimdPoolTables.maxPool(x, xOff, y, idx, outOff, planes, win);
      return;
    }
    int outPlane = ad.outLength() * ah.outLength() * aw.outLength();
    int[] is = new int[planes * outPlane];
    PoolKernels.maxPoolTables(x, xOff, y, outOff, is, 0, planes, ad, ah, aw);
    copyIndices(is, idx, outOff);
  }

  /** Float64 twin of {@link #maxPool(float[], int, float[], double[], int, int, PoolAxis, PoolAxis, PoolAxis, PoolWindows)}. */
  public static void maxPool(double[] x, int xOff, double[] y, double[] idx, int outOff, int planes, PoolAxis ad, PoolAxis ah,
      PoolAxis aw, PoolWindows win) {
    if (SIMD) {
      SimdPoolTables.maxPool(x, xOff, y, idx, outOff, planes, win);
      return;
    }
    int outPlane = ad.outLength() * ah.outLength() * aw.outLength();
    int[] is = new int[planes * outPlane];
    PoolKernels.maxPoolTables(x, xOff, y, outOff, is, 0, planes, ad, ah, aw);
    copyIndices(is, idx, outOff);
  }

  private static void copyIndices(int[] is, double[] idx, int outOff) {
    if (idx != null) {
      for (int i = 0; i < is.length; i++) {
        idx[outOff + i] = is[i];
      }
    }
  }

  /** Per output row {@code (od, oh)}: the divisor's factor of the leading axes (see {@link PoolKernels#divisor}). */
  public static double[] rowDivisors(PoolAxis ad, PoolAxis ah, int divisorOverride, boolean countIncludePad) {
    double[] r = new double[ad.outLength() * ah.outLength()];
    for (int od = 0, i = 0; od < ad.outLength(); od++) {
      for (int oh = 0; oh < ah.outLength(); oh++, i++) {
        r[i] = divisorOverride > 0 ? divisorOverride
            : countIncludePad ? (double) ad.span()[od] * ah.span()[oh] : (double) ad.count()[od] * ah.count()[oh];
      }
    }
    return r;
  }

  /**
   * Per output column: the divisor's factor of the last axis, so that {@code row · col} is
   * {@link PoolKernels#divisor}'s value with the same rounding (its product is taken left to right).
   */
  public static double[] columnDivisors(PoolAxis aw, int divisorOverride, boolean countIncludePad) {
    double[] c = new double[aw.outLength()];
    for (int q = 0; q < c.length; q++) {
      c[q] = divisorOverride > 0 ? 1.0 : countIncludePad ? aw.span()[q] : aw.count()[q];
    }
    return c;
  }

  /**
   * An average pooling over given axes and options, planned once per call and shared by the
   * workers: the axes and options (for the reference loops) and what the vector kernels read, the
   * windows ({@link #windows} for the forward pass, {@link #scatterWindows} for the backward) and the
   * divisor factors ({@link #rowDivisors}, {@link #columnDivisors}).
   */
  public record AvgPlan(PoolAxis ad, PoolAxis ah, PoolAxis aw, int divisorOverride, boolean countIncludePad,
      PoolWindows windows, double[] rowDiv, double[] colDiv) {

    /** The plan of the forward pass. */
    public static AvgPlan forward(PoolAxis ad, PoolAxis ah, PoolAxis aw, int divisorOverride, boolean countIncludePad) {
      return of(ad, ah, aw, divisorOverride, countIncludePad, PoolTables.windows(ad, ah, aw, avgLanes()));
    }

    /** The plan of the backward pass (whole, non-overlapping vectors: a scatter). */
    public static AvgPlan backward(PoolAxis ad, PoolAxis ah, PoolAxis aw, int divisorOverride, boolean countIncludePad) {
      return of(ad, ah, aw, divisorOverride, countIncludePad, scatterWindows(ad, ah, aw));
    }

    private static AvgPlan of(PoolAxis ad, PoolAxis ah, PoolAxis aw, int divisorOverride, boolean countIncludePad,
        PoolWindows windows) {
      return new AvgPlan(ad, ah, aw, divisorOverride, countIncludePad, windows,
          rowDivisors(ad, ah, divisorOverride, countIncludePad), columnDivisors(aw, divisorOverride, countIncludePad));
    }
  }

  /**
   * Average pooling forward over {@code planes} planes from {@code outOff + p·OD·OH·OW}.
   *
   * @param plan {@link AvgPlan#forward}
   */
  public static void avgPool(float[] x, int xOff, float[] y, int outOff, int planes, AvgPlan plan) {
    if (SIMD) {
      SimdPoolTables.avgPool(x, xOff, y, outOff, planes, plan.windows(), plan.rowDiv(), plan.colDiv());
    } else {
      PoolKernels.avgPool(x, xOff, y, outOff, planes, plan.ad(), plan.ah(), plan.aw(), plan.divisorOverride(),
          plan.countIncludePad());
    }
  }

  /** Float64 twin of {@link #avgPool(float[], int, float[], int, int, AvgPlan)}. */
  public static void avgPool(double[] x, int xOff, double[] y, int outOff, int planes, AvgPlan plan) {
    if (SIMD) {
      SimdPoolTables.avgPool(x, xOff, y, outOff, planes, plan.windows(), plan.rowDiv(), plan.colDiv());
    } else {
      PoolKernels.avgPool(x, xOff, y, outOff, planes, plan.ad(), plan.ah(), plan.aw(), plan.divisorOverride(),
          plan.countIncludePad());
    }
  }

  /**
   * Average pooling backward over {@code planes} planes: {@code dx}, from {@code dxOff + p·D·H·W}, is
   * overwritten with the sum over the windows holding each input of their {@code dy} (from
   * {@code dyOff + p·OD·OH·OW}) over their divisor; the float32 sums run in double and are rounded
   * once. The vector kernel and {@link PoolKernels#avgPoolBackward} give the same bits.
   *
   * @param plan {@link AvgPlan#backward}
   * @param acc at least D·H·W doubles of scratch
   */
  public static void avgPoolBackward(float[] dy, int dyOff, float[] dx, int dxOff, int planes, AvgPlan plan, double[] acc) {
    if (SIMD) {
      SimdPoolTables.avgPoolBackward(dy, dyOff, dx, dxOff, planes, plan.windows(), plan.rowDiv(), plan.colDiv(), acc);
    } else {
      PoolKernels.avgPoolBackward(dy, dyOff, dx, dxOff, planes, plan.ad(), plan.ah(), plan.aw(), plan.divisorOverride(),
          plan.countIncludePad(), acc);
    }
  }

  /** Float64 twin of {@link #avgPoolBackward(float[], int, float[], int, int, AvgPlan, double[])}; sums in {@code dx} directly. */
  public static void avgPoolBackward(double[] dy, int dyOff, double[] dx, int dxOff, int planes, AvgPlan plan) {
    if (SIMD) {
      SimdPoolTables.avgPoolBackward(dy, dyOff, dx, dxOff, planes, plan.windows(), plan.rowDiv(), plan.colDiv());
    } else {
      PoolKernels.avgPoolBackward(dy, dyOff, dx, dxOff, planes, plan.ad(), plan.ah(), plan.aw(), plan.divisorOverride(),
          plan.countIncludePad());
    }
  }

  /**
   * Runs the vector kernels once on a padded, dilated 2-D pooling with vector and single outputs
   * (contiguous, strided and gathered taps) and checks them against the reference loops.
   */
  private static boolean probe() {
    boolean ok = true;
    for (int stride = 1; stride <= 3; stride++) {
      PoolAxis ah = PoolAxis.torch(5, 3, 3, 2, 1, 1);
      int ow = (40 + 2 - 2 * 2 - 1) / stride + 1;
      PoolAxis aw = PoolAxis.torch(40, ow, 3, stride, 1, 2);
      PoolAxis ad = PoolAxis.unit();
      float[] x = new float[200];
      for (int i = 0; i < x.length; i++) {
        x[i] = (i * 7) % 13 - 6;
      }
      float[] y = new float[3 * ow];
      float[] y2 = new float[3 * ow];
      double[] idx = new double[3 * ow];
      int[] idx2 = new int[3 * ow];
      SimdPoolTables.maxPool(x, 0, y, idx, 0, 1, windows(ad, ah, aw, SimdPoolTables.MAX_FLOAT_LANES));
      PoolKernels.maxPoolTables(x, 0, y2, 0, idx2, 0, 1, ad, ah, aw);
      float[] a = new float[3 * ow];
      float[] a2 = new float[3 * ow];
      AvgPlan plan = AvgPlan.forward(ad, ah, aw, 0, true);
      SimdPoolTables.avgPool(x, 0, a, 0, 1, plan.windows(), plan.rowDiv(), plan.colDiv());
      PoolKernels.avgPool(x, 0, a2, 0, 1, ad, ah, aw, 0, true);
      for (int i = 0; i < y.length; i++) {
        ok &= y[i] == y2[i] && idx[i] == idx2[i] && a[i] == a2[i];
      }
    }
    return ok;
  }
}
