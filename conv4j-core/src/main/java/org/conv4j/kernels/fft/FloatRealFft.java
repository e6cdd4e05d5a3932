package org.conv4j.kernels.fft;

/**
 * The float32 twin of {@link RealFft} (float data and arithmetic, twiddles rounded once from
 * double): the FFT of real sequences of even length {@code L}: the {@code L/2 + 1} non-redundant outputs
 * {@code X[0..L/2]} of {@code X[k] = Σ_j x[j]·e^{−2πi·jk/L}}, and its inverse.
 *
 * <p>Algorithm: the classic packing of a real sequence into a complex one of half the length,
 * {@code z[t] = x[2t] + i·x[2t+1]}, one {@link FloatComplexFft} of length {@code h = L/2}, and the split
 * {@code X[k] = E[k] + W_L^k·O[k]} with {@code E[k] = (Z[k] + conj Z[h−k])/2} and
 * {@code O[k] = (Z[k] − conj Z[h−k])/(2i)} (the even- and odd-sample spectra); pairs {@code (k, h−k)}
 * share their loads. The inverse runs the same steps backwards. Roughly half the work of a complex
 * transform of length {@code L}.
 *
 * <p>Many sequences at a time, as in {@link FloatComplexFft}: element {@code i} of sequence {@code c}
 * at {@code off + i·is + c·cs}. The inverse is unnormalised ({@code L·x}). Thread-safe; one
 * {@link FloatComplexFft.Workspace} per thread.
 */
public final class FloatRealFft {
  private final int len;
  private final int h;
  private final FloatComplexFft half;
  private final float[] wr;
  private final float[] wi;

  /**
   * Plans a real transform of even length {@code len}.
   *
   * @throws IllegalArgumentException if {@code len} is odd or not positive
   */
  public FloatRealFft(int len) {
    if (len < 2 || (len & 1) != 0) {
      throw new IllegalArgumentException("real FFT length must be even and positive, got " + len);
    }
    this.len = len;
    this.h = len / 2;
    this.half = FloatComplexFft.of(h);
    wr = new float[h + 1];
    wi = new float[h + 1];
    for (int k = 0; k <= h; k++) {
      double ang = 2 * Math.PI * k / len;
      wr[k] = (float) Math.cos(ang);
      wi[k] = (float) -Math.sin(ang);
    }
  }

  private static final java.util.concurrent.ConcurrentHashMap<Integer, FloatRealFft> PLANS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The shared plan for even length {@code len} (cached up to 2^23 points, as {@link FloatComplexFft#of}). */
  public static FloatRealFft of(int len) {
    if (len > (1 << 23)) {
      return new FloatRealFft(len);
    }
    return PLANS.computeIfAbsent(len, FloatRealFft::new);
  }

  /** The real length {@code L}. */
  public int length() {
    return len;
  }

  /**
   * Forward transforms of {@code count} real sequences (element {@code i} of sequence {@code c} at
   * {@code xOff + i·is + c·cs} in {@code x}) into {@code L/2 + 1} complex values each (element
   * {@code k} at {@code oOff + k·ois + c·ocs} in {@code re}, {@code im}).
   *
   * @param x not modified
   * @param re modified
   * @param im modified
   * @param ws scratch, modified
   */
  public void forward(float[] x, int xOff, int is, int cs, int count,
      float[] re, float[] im, int oOff, int ois, int ocs, FloatComplexFft.Workspace ws) {
    int chMax = half.chunk(count);
    ws.ensure((h + 1) * chMax);
    for (int c0 = 0; c0 < count; c0 += chMax) {
      int ch = Math.min(chMax, count - c0);
      FloatComplexFft.gather(x, xOff + c0 * cs, 2 * is, cs, h, ch, ws.ar);
      FloatComplexFft.gather(x, xOff + c0 * cs + is, 2 * is, cs, h, ch, ws.ai);
      boolean inB = half.passes(ws.ar, ws.ai, ws.br, ws.bi, ch);
      float[] zr = inB ? ws.br : ws.ar;
      float[] zi = inB ? ws.bi : ws.ai;
      float[] yr = inB ? ws.ar : ws.br;
      float[] yi = inB ? ws.ai : ws.bi;
      split(zr, zi, yr, yi, ch);
      FloatComplexFft.scatter(yr, re, oOff + c0 * ocs, ois, ocs, h + 1, ch);
      FloatComplexFft.scatter(yi, im, oOff + c0 * ocs, ois, ocs, h + 1, ch);
    }
  }

  /** {@code Y[0..h]} from the half-length spectrum {@code Z[0..h)}, packed {@code [·][ch]}. */
  void split(float[] zr, float[] zi, float[] yr, float[] yi, int ch) {
    split(zr, zi, yr, yi, ch, FloatComplexFft.SIMD);
  }

  /** {@link #split(float[], float[], float[], float[], int)} with the vector loop on or off (tests). */
  void split(float[] zr, float[] zi, float[] yr, float[] yi, int ch, boolean simd) {
    for (int c = 0; c < ch; c++) {
      float z0r = zr[c];
      float z0i = zi[c];
      yr[c] = z0r + z0i;
      yi[c] = 0;
      yr[h * ch + c] = z0r - z0i;
      yi[h * ch + c] = 0;
    }
    if (simd && ch >= org.conv4j.kernels.simd.SignalFftFloat.lanes()) {
      org.conv4j.kernels.simd.SignalFftFloat.split(h, ch, zr, zi, yr, yi, wr, wi);
      return;
    }
    for (int k = 1; 2 * k <= h; k++) {
      int m = h - k;
      float cr = wr[k];
      float ci = wi[k];
      int ko = k * ch;
      int mo = m * ch;
      for (int c = 0; c < ch; c++) {
        float akr = zr[ko + c];
        float aki = zi[ko + c];
        float amr = zr[mo + c];
        float ami = zi[mo + c];
        // E = (Zk + conj Zm)/2, O = (Zk − conj Zm)/(2i)
        float er = 0.5f * (akr + amr);
        float ei = 0.5f * (aki - ami);
        float or = 0.5f * (aki + ami);
        float oi = -0.5f * (akr - amr);
        float tr = cr * or - ci * oi;
        float ti = cr * oi + ci * or;
        yr[ko + c] = er + tr;
        yi[ko + c] = ei + ti;
        // X[h−k] = conj(E − W^k·O)
        yr[mo + c] = er - tr;
        yi[mo + c] = ti - ei;
      }
    }
  }

  /**
   * Inverse transforms: {@code L/2 + 1} complex values per sequence (layout as the output of
   * {@link #forward}) back to {@code L} real values times {@code L}. The imaginary parts of
   * {@code X[0]} and {@code X[L/2]} are ignored, as for a Hermitian spectrum.
   *
   * @param re not modified
   * @param im not modified
   * @param x modified
   * @param ws scratch, modified
   */
  public void inverse(float[] re, float[] im, int iOff, int iis, int ics, int count,
      float[] x, int xOff, int is, int cs, FloatComplexFft.Workspace ws) {
    int chMax = half.chunk(count);
    ws.ensure((h + 1) * chMax);
    for (int c0 = 0; c0 < count; c0 += chMax) {
      int ch = Math.min(chMax, count - c0);
      FloatComplexFft.gather(re, iOff + c0 * ics, iis, ics, h + 1, ch, ws.ar);
      FloatComplexFft.gather(im, iOff + c0 * ics, iis, ics, h + 1, ch, ws.ai);
      merge(ws.ar, ws.ai, ws.br, ws.bi, ch);
      // Inverse = forward with re and im swapped; the real part ends in the "re" array of the pair.
      boolean inA = half.passes(ws.bi, ws.br, ws.ai, ws.ar, ch);
      float[] zr = inA ? ws.ar : ws.br;
      float[] zi = inA ? ws.ai : ws.bi;
      FloatComplexFft.scatter(zr, x, xOff + c0 * cs, 2 * is, cs, h, ch);
      FloatComplexFft.scatter(zi, x, xOff + c0 * cs + is, 2 * is, cs, h, ch);
    }
  }

  /** {@code 2·Z[0..h)} from {@code X[0..h]}: the inverse of {@link #split}, packed {@code [·][ch]}. */
  void merge(float[] xr, float[] xi, float[] zr, float[] zi, int ch) {
    merge(xr, xi, zr, zi, ch, FloatComplexFft.SIMD);
  }

  /** {@link #merge(float[], float[], float[], float[], int)} with the vector loop on or off (tests). */
  void merge(float[] xr, float[] xi, float[] zr, float[] zi, int ch, boolean simd) {
    for (int c = 0; c < ch; c++) {
      float a = xr[c];
      float b = xr[h * ch + c];
      zr[c] = a + b;
      zi[c] = a - b;
    }
    if (simd && ch >= org.conv4j.kernels.simd.SignalFftFloat.lanes()) {
      org.conv4j.kernels.simd.SignalFftFloat.merge(h, ch, xr, xi, zr, zi, wr, wi);
      return;
    }
    for (int k = 1; 2 * k <= h; k++) {
      int m = h - k;
      float cr = wr[k];
      float ci = -wi[k];
      int ko = k * ch;
      int mo = m * ch;
      for (int c = 0; c < ch; c++) {
        float akr = xr[ko + c];
        float aki = xi[ko + c];
        float amr = xr[mo + c];
        float ami = xi[mo + c];
        // E = Xk + conj Xm, O = (Xk − conj Xm)·conj(W^k), Z = E + i·O (all doubled)
        float er = akr + amr;
        float ei = aki - ami;
        float dr = akr - amr;
        float di = aki + ami;
        float or = dr * cr - di * ci;
        float oi = dr * ci + di * cr;
        zr[ko + c] = er - oi;
        zi[ko + c] = ei + or;
        // Z[m] = conj(E) + i·conj(O)
        zr[mo + c] = er + oi;
        zi[mo + c] = or - ei;
      }
    }
  }
}
