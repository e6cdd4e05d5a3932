package org.conv4j.kernels.fft;

/**
 * The float32 twin of {@link RealFftNd}: the N-d FFT of a real array {@code x} of shape {@code [F_0, …, F_{D−1}, C]} over its first
 * {@code D} axes; the trailing axis {@code C} is a batch of independent arrays (the overlap-add
 * blocks) and is not transformed. The real transform runs along axis 0 (so that its sequences are
 * the contiguous columns), giving a spectrum of shape {@code [F_0/2 + 1, F_1, …, F_{D−1}, C]} in
 * split re/im arrays; complex transforms then run along axes {@code 1..D−1}.
 *
 * <p>Each axis transform is {@code count} independent sequences, and every method takes a range
 * {@code [from, to)} of them, so that a caller can split an axis between threads: the result does
 * not depend on the split. {@code F_0} must be even.
 */
public final class FloatRealFftNd {
  private final int[] len;
  private final int batch;
  private final FloatRealFft real;
  private final FloatComplexFft[] complex;

  /**
   * Plans the transform.
   *
   * @param lengths {@code F_0..F_{D−1}}, {@code F_0} even
   * @param batch {@code C ≥ 1}
   */
  public FloatRealFftNd(int[] lengths, int batch) {
    if (lengths.length == 0 || batch < 1) {
      throw new IllegalArgumentException("FloatRealFftNd needs at least one axis and a positive batch");
    }
    this.len = lengths.clone();
    this.batch = batch;
    this.real = FloatRealFft.of(len[0]);
    this.complex = new FloatComplexFft[len.length];
    for (int d = 1; d < len.length; d++) {
      complex[d] = FloatComplexFft.of(len[d]);
    }
  }

  /** Number of axes transformed. */
  public int rank() {
    return len.length;
  }

  /** Elements of the real array, {@code Π F_d · C}. */
  public int realSize() {
    return Math.multiplyExact(len[0], inner(0));
  }

  /** Elements of each spectrum array, {@code (F_0/2 + 1)·Π_{d≥1} F_d · C}. */
  public int spectrumSize() {
    return Math.multiplyExact(len[0] / 2 + 1, inner(0));
  }

  /** Elements after axis {@code d} (a stride), batch included. */
  private int inner(int d) {
    int s = batch;
    for (int e = d + 1; e < len.length; e++) {
      s = Math.multiplyExact(s, len[e]);
    }
    return s;
  }

  /** The number of sequences along axis {@code d} (the range {@link #axis} takes). */
  public int sequences(int d) {
    int rows = d == 0 ? 1 : len[0] / 2 + 1;
    for (int e = 1; e < d; e++) {
      rows *= len[e];
    }
    return rows * inner(d);
  }

  /** Real-to-complex transform along axis 0 of sequences {@code [from, to)} (columns). */
  public void forwardReal(float[] x, float[] re, float[] im, int from, int to, FloatComplexFft.Workspace ws) {
    int in = inner(0);
    real.forward(x, from, in, 1, to - from, re, im, from, in, 1, ws);
  }

  /** Complex-to-real transform along axis 0 (unnormalised) of sequences {@code [from, to)}. */
  public void inverseReal(float[] re, float[] im, float[] x, int from, int to, FloatComplexFft.Workspace ws) {
    int in = inner(0);
    real.inverse(re, im, from, in, 1, to - from, x, from, in, 1, ws);
  }

  /**
   * Complex transform along axis {@code d ≥ 1} of the spectrum, for sequences {@code [from, to)}
   * of {@link #sequences(int)}; in place.
   */
  public void axis(int d, float[] re, float[] im, int from, int to, boolean inverse, FloatComplexFft.Workspace ws) {
    int in = inner(d);
    int n = len[d];
    FloatComplexFft f = complex[d];
    if (in == 1) {
      // Contiguous sequences, one after another.
      f.transform(re, im, from * n, 1, n, to - from, inverse, ws);
      return;
    }
    int s = from;
    while (s < to) {
      int block = s / in;
      int col = s % in;
      int cnt = Math.min(to - s, in - col);
      f.transform(re, im, block * n * in + col, in, 1, cnt, inverse, ws);
      s += cnt;
    }
  }
}
