package org.conv4j.kernels.fft;

import java.util.ArrayList;
import java.util.List;
import org.conv4j.kernels.simd.SignalFftFloat;

/**
 * The float32 twin of {@link ComplexFft}, operation for operation (float data and arithmetic;
 * twiddles computed in double and rounded once): a complex FFT of one length {@code n}, planned once and applied to many sequences at a time:
 * {@code X[k] = Σ_j x[j]·e^{∓2πi·jk/n}} (forward {@code −}, inverse {@code +}, unnormalised).
 *
 * <p>Algorithm: Stockham autosort, decimation in frequency, mixed radix. {@code n} is factored
 * into 4s, a 2, 3s, 5s and any other primes (those use a plain {@code O(r²)} DFT butterfly, so
 * every length works; the convolution ops only ask for 5-smooth lengths, see {@link FastLength}).
 * A pass of radix {@code r} over a remaining length {@code l = r·m} with stride {@code s} reads
 * {@code x[q + s(p + j·m)]} for {@code j < r} and writes {@code y[q + s(r·p + k)] =
 * W_l^{pk} Σ_j x_j·W_r^{jk}}: no bit reversal, output in natural order after the last pass
 * (Stockham 1966; the formulation of Van Loan, "Computational Frameworks for the FFT", §1.7).
 *
 * <p>Layout: the sequences are gathered into a packed {@code [n][ch]} workspace (split re/im), so
 * the innermost loop of each butterfly runs over {@code s·ch} contiguous elements that share one
 * twiddle factor (unit stride, vectorisable by the JIT). The inverse is the forward transform
 * with real and imaginary parts swapped on the way in and out.
 *
 * <p>Twiddles are computed directly with {@link Math#cos}/{@link Math#sin} (no recurrences), so
 * the float32 error is the usual {@code O(ε log n)}. Immutable and thread-safe; each thread needs
 * its own {@link Workspace}.
 */
public final class FloatComplexFft {
  /**
   * Whether the butterflies run on the Vector API ({@link SignalFftFloat}, the same bits as the scalar
   * passes here): decided once from {@code -Dconv4j.simd} (anything but {@code false} allows it)
   * and whether the {@code jdk.incubator.vector} module is present and links.
   */
  public static final boolean SIMD = detect();
  private static final int SIMD_MIN = SIMD ? SignalFftFloat.lanes() : Integer.MAX_VALUE;

  private static boolean detect() {
    return org.conv4j.kernels.SimdSwitch.enabled(() -> SignalFftFloat.lanes() >= 1);
  }


  /** Target number of doubles per packed workspace array: 4 arrays × 8192 × 8 B = 256 KB. */
  private static final int CHUNK_DOUBLES = 16384;

  private final int n;
  private final int[] radix;
  private final float[][] twr;
  private final float[][] twi;
  private final float[][] dftCos;
  private final float[][] dftSin;

  /**
   * Plans a transform of length {@code n}.
   *
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public FloatComplexFft(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("FFT length must be positive, got " + n);
    }
    this.n = n;
    this.radix = factor(n);
    int passes = radix.length;
    twr = new float[passes][];
    twi = new float[passes][];
    dftCos = new float[passes][];
    dftSin = new float[passes][];
    int l = n;
    for (int t = 0; t < passes; t++) {
      int r = radix[t];
      int m = l / r;
      float[] cr = new float[(r - 1) * m];
      float[] ci = new float[(r - 1) * m];
      for (int k = 1; k < r; k++) {
        for (int p = 0; p < m; p++) {
          double ang = 2 * Math.PI * ((long) p * k % l) / l;
          cr[(k - 1) * m + p] = (float) Math.cos(ang);
          ci[(k - 1) * m + p] = (float) -Math.sin(ang);
        }
      }
      twr[t] = cr;
      twi[t] = ci;
      if (r != 2 && r != 3 && r != 4 && r != 5) {
        dftCos[t] = new float[r];
        dftSin[t] = new float[r];
        for (int j = 0; j < r; j++) {
          dftCos[t][j] = (float) Math.cos(2 * Math.PI * j / r);
          dftSin[t][j] = (float) -Math.sin(2 * Math.PI * j / r);
        }
      }
      l = m;
    }
  }

  /** The transform length. */
  public int length() {
    return n;
  }

  /** The radices of the passes, in order (for tests and reports). */
  public int[] radices() {
    return radix.clone();
  }

  static int[] factor(int n) {
    List<Integer> f = new ArrayList<>();
    while (n % 4 == 0) {
      f.add(4);
      n /= 4;
    }
    if (n % 2 == 0) {
      f.add(2);
      n /= 2;
    }
    for (int p = 3; (long) p * p <= n; p += 2) {
      while (n % p == 0) {
        f.add(p);
        n /= p;
      }
    }
    if (n > 1) {
      f.add(n);
    }
    return f.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Per-thread scratch: four packed arrays, grown on demand. */
  public static final class Workspace {
    float[] ar = new float[0];
    float[] ai = new float[0];
    float[] br = new float[0];
    float[] bi = new float[0];

    /** An empty workspace; arrays grow on first use. */
    public Workspace() {}

    void ensure(int size) {
      if (ar.length < size) {
        ar = new float[size];
        ai = new float[size];
        br = new float[size];
        bi = new float[size];
      }
    }
  }

  private static final java.util.concurrent.ConcurrentHashMap<Integer, FloatComplexFft> PLANS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The plan for length {@code n}, shared: planning computes {@code O(n·passes)} twiddles with
   * {@link Math#cos}, which costs as much as several transforms. Plans up to 2^22 points are cached.
   */
  public static FloatComplexFft of(int n) {
    if (n > (1 << 22)) {
      return new FloatComplexFft(n);
    }
    return PLANS.computeIfAbsent(n, FloatComplexFft::new);
  }

  /** Sequences per packed chunk for this length (twice the float64 count: the same bytes). */
  int chunk(int count) {
    int ch = Math.max(8, Math.min(128, CHUNK_DOUBLES / n));
    // A multiple of 8, so that the vector loops over ch·s have no scalar tail (4 doubles or 8 floats per vector).
    ch = Math.max(8, ch & ~7);
    return Math.max(1, Math.min(ch, count));
  }

  /**
   * Transforms {@code count} sequences in place; element {@code i} of sequence {@code c} is at
   * {@code off + i·is + c·cs} in {@code re} and {@code im}.
   *
   * @param re modified
   * @param im modified
   * @param inverse {@code e^{+2πi jk/n}} without the {@code 1/n}
   * @param ws scratch, modified
   */
  public void transform(float[] re, float[] im, int off, int is, int cs, int count, boolean inverse, Workspace ws) {
    if (inverse) {
      float[] t = re;
      re = im;
      im = t;
    }
    int chMax = chunk(count);
    ws.ensure(n * chMax);
    for (int c0 = 0; c0 < count; c0 += chMax) {
      int ch = Math.min(chMax, count - c0);
      gather(re, off + c0 * cs, is, cs, n, ch, ws.ar);
      gather(im, off + c0 * cs, is, cs, n, ch, ws.ai);
      boolean inB = passes(ws.ar, ws.ai, ws.br, ws.bi, ch);
      scatter(inB ? ws.br : ws.ar, re, off + c0 * cs, is, cs, n, ch);
      scatter(inB ? ws.bi : ws.ai, im, off + c0 * cs, is, cs, n, ch);
    }
  }

  /** {@code dst[i·ch + c] = src[off + i·is + c·cs]} for {@code i < rows, c < ch}. */
  static void gather(float[] src, int off, int is, int cs, int rows, int ch, float[] dst) {
    int n = rows;
    if (cs == 1 && ch >= 32) {
      for (int i = 0; i < n; i++) {
        System.arraycopy(src, off + i * is, dst, i * ch, ch);
      }
    } else if (cs == 1) {
      for (int i = 0; i < n; i++) {
        int s = off + i * is;
        int d = i * ch;
        for (int c = 0; c < ch; c++) {
          dst[d + c] = src[s + c];
        }
      }
    } else if (is == 1) {
      // A transpose of contiguous sequences: eight sequences at a time, so that each step reads
      // eight streams and writes eight contiguous elements (twice as fast as one element per step).
      int c = 0;
      for (; c + 8 <= ch; c += 8) {
        int s0 = off + c * cs;
        for (int i = 0; i < n; i++) {
          int d = i * ch + c;
          int s = s0 + i;
          dst[d] = src[s];
          dst[d + 1] = src[s + cs];
          dst[d + 2] = src[s + 2 * cs];
          dst[d + 3] = src[s + 3 * cs];
          dst[d + 4] = src[s + 4 * cs];
          dst[d + 5] = src[s + 5 * cs];
          dst[d + 6] = src[s + 6 * cs];
          dst[d + 7] = src[s + 7 * cs];
        }
      }
      for (; c < ch; c++) {
        int s = off + c * cs;
        for (int i = 0; i < n; i++) {
          dst[i * ch + c] = src[s + i];
        }
      }
    } else {
      // A transpose: blocks of TILE rows, so the TILE·ch destination lines stay in L1 while every
      // sequence's TILE elements are read.
      for (int i0 = 0; i0 < n; i0 += TILE) {
        int i1 = Math.min(n, i0 + TILE);
        for (int c = 0; c < ch; c++) {
          int s = off + c * cs;
          for (int i = i0; i < i1; i++) {
            dst[i * ch + c] = src[s + i * is];
          }
        }
      }
    }
  }

  /** Rows per block of the transposing gather and scatter. */
  private static final int TILE = 32;

  /** The inverse of {@link #gather}. */
  static void scatter(float[] src, float[] dst, int off, int is, int cs, int rows, int ch) {
    int n = rows;
    if (cs == 1 && ch >= 32) {
      for (int i = 0; i < n; i++) {
        System.arraycopy(src, i * ch, dst, off + i * is, ch);
      }
    } else if (cs == 1) {
      for (int i = 0; i < n; i++) {
        int s = i * ch;
        int d = off + i * is;
        for (int c = 0; c < ch; c++) {
          dst[d + c] = src[s + c];
        }
      }
    } else if (is == 1) {
      int c = 0;
      for (; c + 8 <= ch; c += 8) {
        int d0 = off + c * cs;
        for (int i = 0; i < n; i++) {
          int s = i * ch + c;
          int d = d0 + i;
          dst[d] = src[s];
          dst[d + cs] = src[s + 1];
          dst[d + 2 * cs] = src[s + 2];
          dst[d + 3 * cs] = src[s + 3];
          dst[d + 4 * cs] = src[s + 4];
          dst[d + 5 * cs] = src[s + 5];
          dst[d + 6 * cs] = src[s + 6];
          dst[d + 7 * cs] = src[s + 7];
        }
      }
      for (; c < ch; c++) {
        int d = off + c * cs;
        for (int i = 0; i < n; i++) {
          dst[d + i] = src[i * ch + c];
        }
      }
    } else {
      for (int i0 = 0; i0 < n; i0 += TILE) {
        int i1 = Math.min(n, i0 + TILE);
        for (int c = 0; c < ch; c++) {
          int d = off + c * cs;
          for (int i = i0; i < i1; i++) {
            dst[d + i * is] = src[i * ch + c];
          }
        }
      }
    }
  }

  /**
   * Runs every pass on packed {@code [n][ch]} data in {@code (xr, xi)}, ping-ponging with
   * {@code (yr, yi)}; returns whether the result ended in {@code (yr, yi)}. Forward sign.
   */
  boolean passes(float[] xr, float[] xi, float[] yr, float[] yi, int ch) {
    return passes(xr, xi, yr, yi, ch, SIMD);
  }

  /** {@link #passes(float[], float[], float[], float[], int)} with the vector butterflies on or off (tests). */
  boolean passes(float[] xr, float[] xi, float[] yr, float[] yi, int ch, boolean simd) {
    int l = n;
    int s = 1;
    boolean inY = false;
    for (int t = 0; t < radix.length; t++) {
      int r = radix[t];
      int m = l / r;
      int sc = s * ch;
      float[] ir = inY ? yr : xr;
      float[] ii = inY ? yi : xi;
      float[] or = inY ? xr : yr;
      float[] oi = inY ? xi : yi;
      if (simd && sc >= SIMD_MIN && r <= 5 && r != 1) {
        switch (r) {
          case 4 -> SignalFftFloat.radix4(m, sc, ir, ii, or, oi, twr[t], twi[t]);
          case 2 -> SignalFftFloat.radix2(m, sc, ir, ii, or, oi, twr[t], twi[t]);
          case 3 -> SignalFftFloat.radix3(m, sc, ir, ii, or, oi, twr[t], twi[t]);
          default -> SignalFftFloat.radix5(m, sc, ir, ii, or, oi, twr[t], twi[t]);
        }
      } else switch (r) {
        case 4 -> radix4(m, sc, ir, ii, or, oi, twr[t], twi[t]);
        case 2 -> radix2(m, sc, ir, ii, or, oi, twr[t], twi[t]);
        case 3 -> radix3(m, sc, ir, ii, or, oi, twr[t], twi[t]);
        case 5 -> radix5(m, sc, ir, ii, or, oi, twr[t], twi[t]);
        default -> radixGeneric(r, m, sc, ir, ii, or, oi, twr[t], twi[t], dftCos[t], dftSin[t]);
      }
      inY = !inY;
      l = m;
      s *= r;
    }
    return inY;
  }

  private static void radix2(int m, int sc, float[] xr, float[] xi, float[] yr, float[] yi, float[] wr, float[] wi) {
    for (int p = 0; p < m; p++) {
      float w1r = wr[p];
      float w1i = wi[p];
      int x0 = p * sc;
      int x1 = (p + m) * sc;
      int y0 = 2 * p * sc;
      int y1 = y0 + sc;
      for (int q = 0; q < sc; q++) {
        float ar = xr[x0 + q];
        float ai = xi[x0 + q];
        float br = xr[x1 + q];
        float bi = xi[x1 + q];
        yr[y0 + q] = ar + br;
        yi[y0 + q] = ai + bi;
        float dr = ar - br;
        float di = ai - bi;
        yr[y1 + q] = dr * w1r - di * w1i;
        yi[y1 + q] = dr * w1i + di * w1r;
      }
    }
  }

  private static void radix4(int m, int sc, float[] xr, float[] xi, float[] yr, float[] yi, float[] wr, float[] wi) {
    for (int p = 0; p < m; p++) {
      float w1r = wr[p];
      float w1i = wi[p];
      float w2r = wr[m + p];
      float w2i = wi[m + p];
      float w3r = wr[2 * m + p];
      float w3i = wi[2 * m + p];
      int x0 = p * sc;
      int x1 = (p + m) * sc;
      int x2 = (p + 2 * m) * sc;
      int x3 = (p + 3 * m) * sc;
      int y0 = 4 * p * sc;
      int y1 = y0 + sc;
      int y2 = y1 + sc;
      int y3 = y2 + sc;
      for (int q = 0; q < sc; q++) {
        float a0r = xr[x0 + q];
        float a0i = xi[x0 + q];
        float a1r = xr[x1 + q];
        float a1i = xi[x1 + q];
        float a2r = xr[x2 + q];
        float a2i = xi[x2 + q];
        float a3r = xr[x3 + q];
        float a3i = xi[x3 + q];
        float t0r = a0r + a2r;
        float t0i = a0i + a2i;
        float t1r = a0r - a2r;
        float t1i = a0i - a2i;
        float t2r = a1r + a3r;
        float t2i = a1i + a3i;
        // t3 = (a1 − a3)·(−i)
        float t3r = a1i - a3i;
        float t3i = a3r - a1r;
        yr[y0 + q] = t0r + t2r;
        yi[y0 + q] = t0i + t2i;
        float ur = t1r + t3r;
        float ui = t1i + t3i;
        yr[y1 + q] = ur * w1r - ui * w1i;
        yi[y1 + q] = ur * w1i + ui * w1r;
        ur = t0r - t2r;
        ui = t0i - t2i;
        yr[y2 + q] = ur * w2r - ui * w2i;
        yi[y2 + q] = ur * w2i + ui * w2r;
        ur = t1r - t3r;
        ui = t1i - t3i;
        yr[y3 + q] = ur * w3r - ui * w3i;
        yi[y3 + q] = ur * w3i + ui * w3r;
      }
    }
  }

  private static final float S3 = (float) (Math.sqrt(3) / 2);

  private static void radix3(int m, int sc, float[] xr, float[] xi, float[] yr, float[] yi, float[] wr, float[] wi) {
    for (int p = 0; p < m; p++) {
      float w1r = wr[p];
      float w1i = wi[p];
      float w2r = wr[m + p];
      float w2i = wi[m + p];
      int x0 = p * sc;
      int x1 = (p + m) * sc;
      int x2 = (p + 2 * m) * sc;
      int y0 = 3 * p * sc;
      int y1 = y0 + sc;
      int y2 = y1 + sc;
      for (int q = 0; q < sc; q++) {
        float a0r = xr[x0 + q];
        float a0i = xi[x0 + q];
        float a1r = xr[x1 + q];
        float a1i = xi[x1 + q];
        float a2r = xr[x2 + q];
        float a2i = xi[x2 + q];
        float t1r = a1r + a2r;
        float t1i = a1i + a2i;
        float t2r = a0r - 0.5f * t1r;
        float t2i = a0i - 0.5f * t1i;
        float t3r = S3 * (a1r - a2r);
        float t3i = S3 * (a1i - a2i);
        yr[y0 + q] = a0r + t1r;
        yi[y0 + q] = a0i + t1i;
        float ur = t2r + t3i;
        float ui = t2i - t3r;
        yr[y1 + q] = ur * w1r - ui * w1i;
        yi[y1 + q] = ur * w1i + ui * w1r;
        ur = t2r - t3i;
        ui = t2i + t3r;
        yr[y2 + q] = ur * w2r - ui * w2i;
        yi[y2 + q] = ur * w2i + ui * w2r;
      }
    }
  }

  private static final float C51 = (float) Math.cos(2 * Math.PI / 5);
  private static final float C52 = (float) Math.cos(4 * Math.PI / 5);
  private static final float S51 = (float) Math.sin(2 * Math.PI / 5);
  private static final float S52 = (float) Math.sin(4 * Math.PI / 5);

  private static void radix5(int m, int sc, float[] xr, float[] xi, float[] yr, float[] yi, float[] wr, float[] wi) {
    for (int p = 0; p < m; p++) {
      float w1r = wr[p];
      float w1i = wi[p];
      float w2r = wr[m + p];
      float w2i = wi[m + p];
      float w3r = wr[2 * m + p];
      float w3i = wi[2 * m + p];
      float w4r = wr[3 * m + p];
      float w4i = wi[3 * m + p];
      int x0 = p * sc;
      int x1 = (p + m) * sc;
      int x2 = (p + 2 * m) * sc;
      int x3 = (p + 3 * m) * sc;
      int x4 = (p + 4 * m) * sc;
      int y0 = 5 * p * sc;
      int y1 = y0 + sc;
      int y2 = y1 + sc;
      int y3 = y2 + sc;
      int y4 = y3 + sc;
      for (int q = 0; q < sc; q++) {
        float a0r = xr[x0 + q];
        float a0i = xi[x0 + q];
        float b1r = xr[x1 + q] + xr[x4 + q];
        float b1i = xi[x1 + q] + xi[x4 + q];
        float d1r = xr[x1 + q] - xr[x4 + q];
        float d1i = xi[x1 + q] - xi[x4 + q];
        float b2r = xr[x2 + q] + xr[x3 + q];
        float b2i = xi[x2 + q] + xi[x3 + q];
        float d2r = xr[x2 + q] - xr[x3 + q];
        float d2i = xi[x2 + q] - xi[x3 + q];
        yr[y0 + q] = a0r + b1r + b2r;
        yi[y0 + q] = a0i + b1i + b2i;
        // X1,4 = e1 ∓ i·f1 ; X2,3 = e2 ∓ i·f2
        float e1r = a0r + C51 * b1r + C52 * b2r;
        float e1i = a0i + C51 * b1i + C52 * b2i;
        float f1r = S51 * d1r + S52 * d2r;
        float f1i = S51 * d1i + S52 * d2i;
        float e2r = a0r + C52 * b1r + C51 * b2r;
        float e2i = a0i + C52 * b1i + C51 * b2i;
        float f2r = S52 * d1r - S51 * d2r;
        float f2i = S52 * d1i - S51 * d2i;
        float ur = e1r + f1i;
        float ui = e1i - f1r;
        yr[y1 + q] = ur * w1r - ui * w1i;
        yi[y1 + q] = ur * w1i + ui * w1r;
        ur = e1r - f1i;
        ui = e1i + f1r;
        yr[y4 + q] = ur * w4r - ui * w4i;
        yi[y4 + q] = ur * w4i + ui * w4r;
        ur = e2r + f2i;
        ui = e2i - f2r;
        yr[y2 + q] = ur * w2r - ui * w2i;
        yi[y2 + q] = ur * w2i + ui * w2r;
        ur = e2r - f2i;
        ui = e2i + f2r;
        yr[y3 + q] = ur * w3r - ui * w3i;
        yi[y3 + q] = ur * w3i + ui * w3r;
      }
    }
  }

  /** A radix-r pass for any r: the r-point DFT written out, {@code O(r²)} per butterfly. */
  private static void radixGeneric(int r, int m, int sc, float[] xr, float[] xi, float[] yr, float[] yi,
      float[] wr, float[] wi, float[] cs, float[] sn) {
    for (int p = 0; p < m; p++) {
      for (int k = 0; k < r; k++) {
        int yk = (r * p + k) * sc;
        for (int q = 0; q < sc; q++) {
          float sr = 0;
          float si = 0;
          for (int j = 0; j < r; j++) {
            int idx = (int) ((long) j * k % r);
            float c = cs[idx];
            float s = sn[idx];
            float ar = xr[(p + j * m) * sc + q];
            float ai = xi[(p + j * m) * sc + q];
            sr += ar * c - ai * s;
            si += ar * s + ai * c;
          }
          if (k > 0) {
            float w1r = wr[(k - 1) * m + p];
            float w1i = wi[(k - 1) * m + p];
            yr[yk + q] = sr * w1r - si * w1i;
            yi[yk + q] = sr * w1i + si * w1r;
          } else {
            yr[yk + q] = sr;
            yi[yk + q] = si;
          }
        }
      }
    }
  }
}
