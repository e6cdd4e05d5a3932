package org.conv4j.kernels;

import java.util.Arrays;

/**
 * The windows of a pooling op along one spatial axis, tabulated per output position: which input
 * positions a window reads and how large it counts as for averaging. The pooling kernels take one
 * table per axis, so PyTorch's and Theano's window rules differ only in how the table is built
 * and never inside a kernel loop.
 *
 * <p>Output {@code o} reads the in-bounds input positions {@code first[o] + t·step} for
 * {@code t < count[o]} (padding is never read: for max pooling it is −∞, for sums it is zero).
 * {@code span[o]} is the window's size along this axis with padding counted, the factor of
 * PyTorch's {@code pool_size} and of Theano's {@code average_inc_pad} divisor.
 *
 * @param inLength input length {@code L}
 * @param outLength number of windows
 * @param step distance between taps (the dilation)
 * @param first first in-bounds input position of each window (length {@code outLength})
 * @param count number of in-bounds taps of each window, possibly 0
 * @param span size of each window with padding counted
 */
public record PoolAxis(int inLength, int outLength, int step, int[] first, int[] count, int[] span) {

  /** Checks the table's lengths. */
  public PoolAxis {
    if (first.length != outLength || count.length != outLength || span.length != outLength) {
      throw new IllegalArgumentException("window tables must have " + outLength + " entries");
    }
  }

  /** The trivial axis of a lower-rank op seen as 3-D: one input, one window reading it. */
  public static PoolAxis unit() {
    return new PoolAxis(1, 1, 1, new int[] {0}, new int[] {1}, new int[] {1});
  }

  /**
   * PyTorch's windows (SPEC §5.5): window {@code o} has taps {@code o·s − p + t·d}, {@code t < k};
   * its span is {@code min(start + k, L + p) − start} (meaningful for {@code d = 1}, where avg
   * pooling uses it).
   *
   * @param out the number of windows, from {@code Geometry.poolOutputSize}
   */
  public static PoolAxis torch(int length, int out, int k, int stride, int padding, int dilation) {
    int[] first = new int[out];
    int[] count = new int[out];
    int[] span = new int[out];
    for (int o = 0; o < out; o++) {
      long start = (long) o * stride - padding;
      // first tap at or after 0, last tap before L
      long t0 = start >= 0 ? 0 : Math.floorDiv(-start + dilation - 1, dilation);
      long t1 = Math.min(k - 1, Math.floorDiv(length - 1 - start, dilation));
      first[o] = (int) Math.min(start + t0 * dilation, Integer.MAX_VALUE);
      count[o] = (int) Math.max(0, t1 - t0 + 1);
      span[o] = (int) (Math.min(start + k, (long) length + padding) - start);
    }
    return new PoolAxis(length, out, dilation, first, count, span);
  }

  /**
   * Theano's windows ({@code Pool.perform}, SPEC §6.2) over the zero-padded input of length
   * {@code v = L + 2·pad}: window {@code j} covers {@code [j·st, min(j·st + ws, v))} (its span); the
   * real elements are that range clipped to {@code [pad, v − pad)}.
   *
   * @param out the number of windows, from {@code Geometry.theanoPoolOutputSize}
   */
  public static PoolAxis theano(int length, int out, int ws, int stride, int pad) {
    int[] first = new int[out];
    int[] count = new int[out];
    int[] span = new int[out];
    long v = (long) length + 2L * pad;
    for (int j = 0; j < out; j++) {
      long start = (long) j * stride;
      long end = Math.min(start + ws, v);
      long realStart = Math.max(start, pad);
      long realEnd = Math.min(end, v - pad);
      first[j] = (int) Math.min(realStart - pad, Integer.MAX_VALUE);
      count[j] = (int) Math.max(0, realEnd - realStart);
      span[j] = (int) (end - start);
    }
    return new PoolAxis(length, out, 1, first, count, span);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PoolAxis a
        && inLength == a.inLength
        && outLength == a.outLength
        && step == a.step
        && Arrays.equals(first, a.first)
        && Arrays.equals(count, a.count)
        && Arrays.equals(span, a.span);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(first) + Arrays.hashCode(count)) + Arrays.hashCode(span) + step;
  }

  @Override
  public String toString() {
    return "PoolAxis[L=" + inLength + ", out=" + outLength + ", step=" + step + ", first="
        + Arrays.toString(first) + ", count=" + Arrays.toString(count) + ", span=" + Arrays.toString(span) + "]";
  }
}
