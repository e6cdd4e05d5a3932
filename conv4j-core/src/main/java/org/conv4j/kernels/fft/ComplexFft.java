package org.conv4j.kernels.fft;

import java.util.ArrayList;
import java.util.List;
import org.conv4j.kernels.simd.SignalFft;

/**
 * A complex FFT of one length {@code n}, planned once and applied to many sequences at a time:
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
 * the float64 error is the usual {@code O(ε log n)}. Immutable and thread-safe; each thread needs
 * its own {@link Workspace}.
 */
public final class ComplexFft {
  /**
   * Whether the butterflies run on the Vector API ({@link SignalFft}, the same bits as the scalar
   * passes here): decided once from {@code -Dconv4j.simd} (anything but {@code false} allows it)
   * and whether the {@code jdk.incubator.vector} module is present and links.
   */
  public static final boolean SIMD = detect();
  private static final int SIMD_MIN = SIMD ? SignalFft.lanes() : Integer.MAX_VALUE;

  private static boolean detect() {
    return org.conv4j.kernels.SimdSwitch.enabled(() -> SignalFft.lanes() >= 1);
  }


  /** Target number of doubles per packed workspace array: 4 arrays × 8192 × 8 B = 256 KB. */
  private static final int CHUNK_DOUBLES = 8192;

  private final int n;
  private final int[] radix;
  private final double[][] twr;
  private final double[][] twi;
  private final double[][] dftCos;
  private final double[][] dftSin;

  /**
   * Plans a transform of length {@code n}.
   *
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public ComplexFft(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("FFT length must be positive, got " + n);
    }
    this.n = n;
    this.radix = factor(n);
    int passes = radix.length;
    twr = new double[passes][];
    twi = new double[passes][];
    dftCos = new double[passes][];
    dftSin = new double[passes][];
    int l = n;
    for (int t = 0; t < passes; t++) {
      int r = radix[t];
      int m = l / r;
      double[] cr = new double[(r - 1) * m];
      double[] ci = new double[(r - 1) * m];
      for (int k = 1; k < r; k++) {
        for (int p = 0; p < m; p++) {
          double ang = 2 * Math.PI * ((long) p * k % l) / l;
          cr[(k - 1) * m + p] = Math.cos(ang);
          ci[(k - 1) * m + p] = -Math.sin(ang);
        }
      }
      twr[t] = cr;
      twi[t] = ci;
      if (r != 2 && r != 3 && r != 4 && r != 5) {
        dftCos[t] = new double[r];
        dftSin[t] = new double[r];
        for (int j = 0; j < r; j++) {
          dftCos[t][j] = Math.cos(2 * Math.PI * j / r);
          dftSin[t][j] = -Math.sin(2 * Math.PI * j / r);
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
    double[] ar = new double[0];
    double[] ai = new double[0];
    double[] br = new double[0];
    double[] bi = new double[0];

    /** An empty workspace; arrays grow on first use. */
    public Workspace() {}

    void ensure(int size) {
      if (ar.length < size) {
        ar = new double[size];
        ai = new double[size];
        br = new double[size];
        bi = new double[size];
      }
    }
  }

  private static final java.util.concurrent.ConcurrentHashMap<Integer, ComplexFft> PLANS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The plan for length {@code n}, shared: planning computes {@code O(n·passes)} twiddles with
   * {@link Math#cos}, which costs as much as several transforms. Plans up to 2^22 points are cached.
   */
  public static ComplexFft of(int n) {
    if (n > (1 << 22)) {
      return new ComplexFft(n);
    }
    return PLANS.computeIfAbsent(n, ComplexFft::new);
  }

  /** Sequences per packed chunk for this length. */
  int chunk(int count) {
    int ch = Math.max(8, Math.min(64, CHUNK_DOUBLES / n));
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
  public void transform(double[] re, double[] im, int off, int is, int cs, int count, boolean inverse, Workspace ws) {
    if (inverse) {
      double[] t = re;
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
  static void gather(double[] src, int off, int is, int cs, int rows, int ch, double[] dst) {
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
  static void scatter(double[] src, double[] dst, int off, int is, int cs, int rows, int ch) {
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
  boolean passes(double[] xr, double[] xi, double[] yr, double[] yi, int ch) {
    return passes(xr, xi, yr, yi, ch, SIMD);
  }

  /** {@link #passes(double[], double[], double[], double[], int)} with the vector butterflies on or off (tests). */
  boolean passes(double[] xr, double[] xi, double[] yr, double[] yi, int ch, boolean simd) {
    int l = n;
    int s = 1;
    boolean inY = false;
    for (int t = 0; t < radix.length; t++) {
      int r = radix[t];
      int m = l / r;
      int sc = s * ch;
      double[] ir = inY ? yr : xr;
      double[] ii = inY ? yi : xi;
      double[] or = inY ? xr : yr;
      double[] oi = inY ? xi : yi;
      if (simd && sc >= SIMD_MIN && r <= 5 && r != 1) {
        switch (r) {
          case 4 -> SignalFft.radix4(m, sc, ir, ii, or, oi, twr[t], twi[t]);
          case 2 -> SignalFft.radix2(m, sc, ir, ii, or, oi, twr[t], twi[t]);
          case 3 -> SignalFft.radix3(m, sc, ir, ii, or, oi, twr[t], twi[t]);
          default -> SignalFft.radix5(m, sc, ir, ii, or, oi, twr[t], twi[t]);
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

  private static void radix2(int m, int sc, double[] xr, double[] xi, double[] yr, double[] yi, double[] wr, double[] wi) {
    for (int p = 0; p < m; p++) {
      double w1r = wr[p];
      double w1i = wi[p];
      int x0 = p * sc;
      int x1 = (p + m) * sc;
      int y0 = 2 * p * sc;
      int y1 = y0 + sc;
      for (int q = 0; q < sc; q++) {
        double ar = xr[x0 + q];
        double ai = xi[x0 + q];
        double br = xr[x1 + q];
        double bi = xi[x1 + q];
        yr[y0 + q] = ar + br;
        yi[y0 + q] = ai + bi;
        double dr = ar - br;
        double di = ai - bi;
        yr[y1 + q] = dr * w1r - di * w1i;
        yi[y1 + q] = dr * w1i + di * w1r;
      }
    }
  }

  private static void radix4(int m, int sc, double[] xr, double[] xi, double[] yr, double[] yi, double[] wr, double[] wi) {
    for (int p = 0; p < m; p++) {
      double w1r = wr[p];
      double w1i = wi[p];
      double w2r = wr[m + p];
      double w2i = wi[m + p];
      double w3r = wr[2 * m + p];
      double w3i = wi[2 * m + p];
      int x0 = p * sc;
      int x1 = (p + m) * sc;
      int x2 = (p + 2 * m) * sc;
      int x3 = (p + 3 * m) * sc;
      int y0 = 4 * p * sc;
      int y1 = y0 + sc;
      int y2 = y1 + sc;
      int y3 = y2 + sc;
      for (int q = 0; q < sc; q++) {
        double a0r = xr[x0 + q];
        double a0i = xi[x0 + q];
        double a1r = xr[x1 + q];
        double a1i = xi[x1 + q];
        double a2r = xr[x2 + q];
        double a2i = xi[x2 + q];
        double a3r = xr[x3 + q];
        double a3i = xi[x3 + q];
        double t0r = a0r + a2r;
        double t0i = a0i + a2i;
        double t1r = a0r - a2r;
        double t1i = a0i - a2i;
        double t2r = a1r + a3r;
        double t2i = a1i + a3i;
        // t3 = (a1 − a3)·(−i)
        double t3r = a1i - a3i;
        double t3i = a3r - a1r;
        yr[y0 + q] = t0r + t2r;
        yi[y0 + q] = t0i + t2i;
        double ur = t1r + t3r;
        double ui = t1i + t3i;
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

  private static final double S3 = Math.sqrt(3) / 2;

  private static void radix3(int m, int sc, double[] xr, double[] xi, double[] yr, double[] yi, double[] wr, double[] wi) {
    for (int p = 0; p < m; p++) {
      double w1r = wr[p];
      double w1i = wi[p];
      double w2r = wr[m + p];
      double w2i = wi[m + p];
      int x0 = p * sc;
      int x1 = (p + m) * sc;
      int x2 = (p + 2 * m) * sc;
      int y0 = 3 * p * sc;
      int y1 = y0 + sc;
      int y2 = y1 + sc;
      for (int q = 0; q < sc; q++) {
        double a0r = xr[x0 + q];
        double a0i = xi[x0 + q];
        double a1r = xr[x1 + q];
        double a1i = xi[x1 + q];
        double a2r = xr[x2 + q];
        double a2i = xi[x2 + q];
        double t1r = a1r + a2r;
        double t1i = a1i + a2i;
        double t2r = a0r - 0.5 * t1r;
        double t2i = a0i - 0.5 * t1i;
        double t3r = S3 * (a1r - a2r);
        double t3i = S3 * (a1i - a2i);
        yr[y0 + q] = a0r + t1r;
        yi[y0 + q] = a0i + t1i;
        double ur = t2r + t3i;
        double ui = t2i - t3r;
        yr[y1 + q] = ur * w1r - ui * w1i;
        yi[y1 + q] = ur * w1i + ui * w1r;
        ur = t2r - t3i;
        ui = t2i + t3r;
        yr[y2 + q] = ur * w2r - ui * w2i;
        yi[y2 + q] = ur * w2i + ui * w2r;
      }
    }
  }

  private static final double C51 = Math.cos(2 * Math.PI / 5);
  private static final double C52 = Math.cos(4 * Math.PI / 5);
  private static final double S51 = Math.sin(2 * Math.PI / 5);
  private static final double S52 = Math.sin(4 * Math.PI / 5);

  private static void radix5(int m, int sc, double[] xr, double[] xi, double[] yr, double[] yi, double[] wr, double[] wi) {
    for (int p = 0; p < m; p++) {
      double w1r = wr[p];
      double w1i = wi[p];
      double w2r = wr[m + p];
      double w2i = wi[m + p];
      double w3r = wr[2 * m + p];
      double w3i = wi[2 * m + p];
      double w4r = wr[3 * m + p];
      double w4i = wi[3 * m + p];
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
        double a0r = xr[x0 + q];
        double a0i = xi[x0 + q];
        double b1r = xr[x1 + q] + xr[x4 + q];
        double b1i = xi[x1 + q] + xi[x4 + q];
        double d1r = xr[x1 + q] - xr[x4 + q];
        double d1i = xi[x1 + q] - xi[x4 + q];
        double b2r = xr[x2 + q] + xr[x3 + q];
        double b2i = xi[x2 + q] + xi[x3 + q];
        double d2r = xr[x2 + q] - xr[x3 + q];
        double d2i = xi[x2 + q] - xi[x3 + q];
        yr[y0 + q] = a0r + b1r + b2r;
        yi[y0 + q] = a0i + b1i + b2i;
        // X1,4 = e1 ∓ i·f1 ; X2,3 = e2 ∓ i·f2
        double e1r = a0r + C51 * b1r + C52 * b2r;
        double e1i = a0i + C51 * b1i + C52 * b2i;
        double f1r = S51 * d1r + S52 * d2r;
        double f1i = S51 * d1i + S52 * d2i;
        double e2r = a0r + C52 * b1r + C51 * b2r;
        double e2i = a0i + C52 * b1i + C51 * b2i;
        double f2r = S52 * d1r - S51 * d2r;
        double f2i = S52 * d1i - S51 * d2i;
        double ur = e1r + f1i;
        double ui = e1i - f1r;
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
  private static void radixGeneric(int r, int m, int sc, double[] xr, double[] xi, double[] yr, double[] yi,
      double[] wr, double[] wi, double[] cs, double[] sn) {
    for (int p = 0; p < m; p++) {
      for (int k = 0; k < r; k++) {
        int yk = (r * p + k) * sc;
        for (int q = 0; q < sc; q++) {
          double sr = 0;
          double si = 0;
          for (int j = 0; j < r; j++) {
            int idx = (int) ((long) j * k % r);
            double c = cs[idx];
            double s = sn[idx];
            double ar = xr[(p + j * m) * sc + q];
            double ai = xi[(p + j * m) * sc + q];
            sr += ar * c - ai * s;
            si += ar * s + ai * c;
          }
          if (k > 0) {
            double w1r = wr[(k - 1) * m + p];
            double w1i = wi[(k - 1) * m + p];
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
