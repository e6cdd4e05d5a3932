package org.conv4j.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Stockham butterfly passes of {@code org.conv4j.kernels.fft.ComplexFft} on the JDK Vector
 * API. A pass of radix {@code r} over {@code m} butterfly groups reads rows
 * {@code x[(p + j·m)·sc + q]} and writes {@code y[(r·p + k)·sc + q]}; all {@code sc} values of
 * {@code q} share one twiddle, so the {@code q} loop runs in vectors (and a scalar tail).
 *
 * <p>The arithmetic is the scalar twin's operation for operation (no fused multiply-add), so the
 * two give the same bits. Callers use these only when {@code sc ≥ lanes()}. Single-threaded,
 * allocation-free.
 */
public final class SignalFft {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final double S3 = Math.sqrt(3) / 2;
  private static final double C51 = Math.cos(2 * Math.PI / 5);
  private static final double C52 = Math.cos(4 * Math.PI / 5);
  private static final double S51 = Math.sin(2 * Math.PI / 5);
  private static final double S52 = Math.sin(4 * Math.PI / 5);
  private static final DoubleVector VS3 = DoubleVector.broadcast(S, S3);
  private static final DoubleVector VC51 = DoubleVector.broadcast(S, C51);
  private static final DoubleVector VC52 = DoubleVector.broadcast(S, C52);
  private static final DoubleVector VS51 = DoubleVector.broadcast(S, S51);
  private static final DoubleVector VS52 = DoubleVector.broadcast(S, S52);

  private SignalFft() {}

  /** Doubles per vector. */
  public static int lanes() {
    return L;
  }

  /** Radix-2 pass; twiddles {@code w[p] = W^p}. */
  public static void radix2(int m, int sc, double[] xr, double[] xi, double[] yr, double[] yi, double[] wr, double[] wi) {
    int vEnd = sc - sc % L;
    for (int p = 0; p < m; p++) {
      double w1r = wr[p];
      DoubleVector v1r = DoubleVector.broadcast(S, w1r);
      double w1i = wi[p];
      DoubleVector v1i = DoubleVector.broadcast(S, w1i);
      int x0 = p * sc;
      int x1 = (p + m) * sc;
      int y0 = 2 * p * sc;
      int y1 = y0 + sc;
      int q = 0;
      for (; q < vEnd; q += L) {
        DoubleVector ar = DoubleVector.fromArray(S, xr, x0 + q);
        DoubleVector ai = DoubleVector.fromArray(S, xi, x0 + q);
        DoubleVector br = DoubleVector.fromArray(S, xr, x1 + q);
        DoubleVector bi = DoubleVector.fromArray(S, xi, x1 + q);
        ar.add(br).intoArray(yr, y0 + q);
        ai.add(bi).intoArray(yi, y0 + q);
        DoubleVector dr = ar.sub(br);
        DoubleVector di = ai.sub(bi);
        dr.mul(v1r).sub(di.mul(v1i)).intoArray(yr, y1 + q);
        dr.mul(v1i).add(di.mul(v1r)).intoArray(yi, y1 + q);
      }
      for (; q < sc; q++) {
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

  /** Radix-4 pass; twiddles {@code w[(k−1)·m + p] = W^{pk}}. */
  public static void radix4(int m, int sc, double[] xr, double[] xi, double[] yr, double[] yi, double[] wr, double[] wi) {
    int vEnd = sc - sc % L;
    for (int p = 0; p < m; p++) {
      double w1r = wr[p];
      DoubleVector v1r = DoubleVector.broadcast(S, w1r);
      double w1i = wi[p];
      DoubleVector v1i = DoubleVector.broadcast(S, w1i);
      double w2r = wr[m + p];
      DoubleVector v2r = DoubleVector.broadcast(S, w2r);
      double w2i = wi[m + p];
      DoubleVector v2i = DoubleVector.broadcast(S, w2i);
      double w3r = wr[2 * m + p];
      DoubleVector v3r = DoubleVector.broadcast(S, w3r);
      double w3i = wi[2 * m + p];
      DoubleVector v3i = DoubleVector.broadcast(S, w3i);
      int x0 = p * sc;
      int x1 = (p + m) * sc;
      int x2 = (p + 2 * m) * sc;
      int x3 = (p + 3 * m) * sc;
      int y0 = 4 * p * sc;
      int y1 = y0 + sc;
      int y2 = y1 + sc;
      int y3 = y2 + sc;
      int q = 0;
      for (; q < vEnd; q += L) {
        DoubleVector a0r = DoubleVector.fromArray(S, xr, x0 + q);
        DoubleVector a0i = DoubleVector.fromArray(S, xi, x0 + q);
        DoubleVector a1r = DoubleVector.fromArray(S, xr, x1 + q);
        DoubleVector a1i = DoubleVector.fromArray(S, xi, x1 + q);
        DoubleVector a2r = DoubleVector.fromArray(S, xr, x2 + q);
        DoubleVector a2i = DoubleVector.fromArray(S, xi, x2 + q);
        DoubleVector a3r = DoubleVector.fromArray(S, xr, x3 + q);
        DoubleVector a3i = DoubleVector.fromArray(S, xi, x3 + q);
        DoubleVector t0r = a0r.add(a2r);
        DoubleVector t0i = a0i.add(a2i);
        DoubleVector t1r = a0r.sub(a2r);
        DoubleVector t1i = a0i.sub(a2i);
        DoubleVector t2r = a1r.add(a3r);
        DoubleVector t2i = a1i.add(a3i);
        DoubleVector t3r = a1i.sub(a3i);
        DoubleVector t3i = a3r.sub(a1r);
        t0r.add(t2r).intoArray(yr, y0 + q);
        t0i.add(t2i).intoArray(yi, y0 + q);
        DoubleVector ur = t1r.add(t3r);
        DoubleVector ui = t1i.add(t3i);
        ur.mul(v1r).sub(ui.mul(v1i)).intoArray(yr, y1 + q);
        ur.mul(v1i).add(ui.mul(v1r)).intoArray(yi, y1 + q);
        ur = t0r.sub(t2r);
        ui = t0i.sub(t2i);
        ur.mul(v2r).sub(ui.mul(v2i)).intoArray(yr, y2 + q);
        ur.mul(v2i).add(ui.mul(v2r)).intoArray(yi, y2 + q);
        ur = t1r.sub(t3r);
        ui = t1i.sub(t3i);
        ur.mul(v3r).sub(ui.mul(v3i)).intoArray(yr, y3 + q);
        ur.mul(v3i).add(ui.mul(v3r)).intoArray(yi, y3 + q);
      }
      for (; q < sc; q++) {
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

  /** Radix-3 pass. */
  public static void radix3(int m, int sc, double[] xr, double[] xi, double[] yr, double[] yi, double[] wr, double[] wi) {
    int vEnd = sc - sc % L;
    for (int p = 0; p < m; p++) {
      double w1r = wr[p];
      DoubleVector v1r = DoubleVector.broadcast(S, w1r);
      double w1i = wi[p];
      DoubleVector v1i = DoubleVector.broadcast(S, w1i);
      double w2r = wr[m + p];
      DoubleVector v2r = DoubleVector.broadcast(S, w2r);
      double w2i = wi[m + p];
      DoubleVector v2i = DoubleVector.broadcast(S, w2i);
      int x0 = p * sc;
      int x1 = (p + m) * sc;
      int x2 = (p + 2 * m) * sc;
      int y0 = 3 * p * sc;
      int y1 = y0 + sc;
      int y2 = y1 + sc;
      int q = 0;
      for (; q < vEnd; q += L) {
        DoubleVector a0r = DoubleVector.fromArray(S, xr, x0 + q);
        DoubleVector a0i = DoubleVector.fromArray(S, xi, x0 + q);
        DoubleVector a1r = DoubleVector.fromArray(S, xr, x1 + q);
        DoubleVector a1i = DoubleVector.fromArray(S, xi, x1 + q);
        DoubleVector a2r = DoubleVector.fromArray(S, xr, x2 + q);
        DoubleVector a2i = DoubleVector.fromArray(S, xi, x2 + q);
        DoubleVector t1r = a1r.add(a2r);
        DoubleVector t1i = a1i.add(a2i);
        DoubleVector t2r = a0r.sub(t1r.mul(0.5));
        DoubleVector t2i = a0i.sub(t1i.mul(0.5));
        DoubleVector t3r = a1r.sub(a2r).mul(VS3);
        DoubleVector t3i = a1i.sub(a2i).mul(VS3);
        a0r.add(t1r).intoArray(yr, y0 + q);
        a0i.add(t1i).intoArray(yi, y0 + q);
        DoubleVector ur = t2r.add(t3i);
        DoubleVector ui = t2i.sub(t3r);
        ur.mul(v1r).sub(ui.mul(v1i)).intoArray(yr, y1 + q);
        ur.mul(v1i).add(ui.mul(v1r)).intoArray(yi, y1 + q);
        ur = t2r.sub(t3i);
        ui = t2i.add(t3r);
        ur.mul(v2r).sub(ui.mul(v2i)).intoArray(yr, y2 + q);
        ur.mul(v2i).add(ui.mul(v2r)).intoArray(yi, y2 + q);
      }
      for (; q < sc; q++) {
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

  /** Radix-5 pass. */
  public static void radix5(int m, int sc, double[] xr, double[] xi, double[] yr, double[] yi, double[] wr, double[] wi) {
    int vEnd = sc - sc % L;
    for (int p = 0; p < m; p++) {
      double w1r = wr[p];
      DoubleVector v1r = DoubleVector.broadcast(S, w1r);
      double w1i = wi[p];
      DoubleVector v1i = DoubleVector.broadcast(S, w1i);
      double w2r = wr[m + p];
      DoubleVector v2r = DoubleVector.broadcast(S, w2r);
      double w2i = wi[m + p];
      DoubleVector v2i = DoubleVector.broadcast(S, w2i);
      double w3r = wr[2 * m + p];
      DoubleVector v3r = DoubleVector.broadcast(S, w3r);
      double w3i = wi[2 * m + p];
      DoubleVector v3i = DoubleVector.broadcast(S, w3i);
      double w4r = wr[3 * m + p];
      DoubleVector v4r = DoubleVector.broadcast(S, w4r);
      double w4i = wi[3 * m + p];
      DoubleVector v4i = DoubleVector.broadcast(S, w4i);
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
      int q = 0;
      for (; q < vEnd; q += L) {
        DoubleVector a0r = DoubleVector.fromArray(S, xr, x0 + q);
        DoubleVector a0i = DoubleVector.fromArray(S, xi, x0 + q);
        DoubleVector a1r = DoubleVector.fromArray(S, xr, x1 + q);
        DoubleVector a1i = DoubleVector.fromArray(S, xi, x1 + q);
        DoubleVector a4r = DoubleVector.fromArray(S, xr, x4 + q);
        DoubleVector a4i = DoubleVector.fromArray(S, xi, x4 + q);
        DoubleVector a2r = DoubleVector.fromArray(S, xr, x2 + q);
        DoubleVector a2i = DoubleVector.fromArray(S, xi, x2 + q);
        DoubleVector a3r = DoubleVector.fromArray(S, xr, x3 + q);
        DoubleVector a3i = DoubleVector.fromArray(S, xi, x3 + q);
        DoubleVector b1r = a1r.add(a4r);
        DoubleVector b1i = a1i.add(a4i);
        DoubleVector d1r = a1r.sub(a4r);
        DoubleVector d1i = a1i.sub(a4i);
        DoubleVector b2r = a2r.add(a3r);
        DoubleVector b2i = a2i.add(a3i);
        DoubleVector d2r = a2r.sub(a3r);
        DoubleVector d2i = a2i.sub(a3i);
        a0r.add(b1r).add(b2r).intoArray(yr, y0 + q);
        a0i.add(b1i).add(b2i).intoArray(yi, y0 + q);
        DoubleVector e1r = a0r.add(b1r.mul(VC51)).add(b2r.mul(VC52));
        DoubleVector e1i = a0i.add(b1i.mul(VC51)).add(b2i.mul(VC52));
        DoubleVector f1r = d1r.mul(VS51).add(d2r.mul(VS52));
        DoubleVector f1i = d1i.mul(VS51).add(d2i.mul(VS52));
        DoubleVector e2r = a0r.add(b1r.mul(VC52)).add(b2r.mul(VC51));
        DoubleVector e2i = a0i.add(b1i.mul(VC52)).add(b2i.mul(VC51));
        DoubleVector f2r = d1r.mul(VS52).sub(d2r.mul(VS51));
        DoubleVector f2i = d1i.mul(VS52).sub(d2i.mul(VS51));
        DoubleVector ur = e1r.add(f1i);
        DoubleVector ui = e1i.sub(f1r);
        ur.mul(v1r).sub(ui.mul(v1i)).intoArray(yr, y1 + q);
        ur.mul(v1i).add(ui.mul(v1r)).intoArray(yi, y1 + q);
        ur = e1r.sub(f1i);
        ui = e1i.add(f1r);
        ur.mul(v4r).sub(ui.mul(v4i)).intoArray(yr, y4 + q);
        ur.mul(v4i).add(ui.mul(v4r)).intoArray(yi, y4 + q);
        ur = e2r.add(f2i);
        ui = e2i.sub(f2r);
        ur.mul(v2r).sub(ui.mul(v2i)).intoArray(yr, y2 + q);
        ur.mul(v2i).add(ui.mul(v2r)).intoArray(yi, y2 + q);
        ur = e2r.sub(f2i);
        ui = e2i.add(f2r);
        ur.mul(v3r).sub(ui.mul(v3i)).intoArray(yr, y3 + q);
        ur.mul(v3i).add(ui.mul(v3r)).intoArray(yi, y3 + q);
      }
      for (; q < sc; q++) {
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

  /**
   * The split of the real FFT ({@code org.conv4j.kernels.fft} real transforms, same operations in
   * the same order): for {@code 1 ≤ k ≤ h/2}, {@code m = h − k}, from the half-length spectrum
   * {@code Z} (packed {@code [·][ch]}), {@code Y[k] = E + W^k·O} and {@code Y[m] = conj(E − W^k·O)},
   * {@code E = (Z[k] + conj Z[m])/2}, {@code O = (Z[k] − conj Z[m])/(2i)}. Row 0 is the caller's.
   */
  public static void split(int h, int ch, double[] zr, double[] zi, double[] yr, double[] yi, double[] wr, double[] wi) {
    int vEnd = ch - ch % L;
    for (int k = 1; 2 * k <= h; k++) {
      int m = h - k;
      double cr = wr[k];
      double ci = wi[k];
      DoubleVector vcr = DoubleVector.broadcast(S, cr);
      DoubleVector vci = DoubleVector.broadcast(S, ci);
      int ko = k * ch;
      int mo = m * ch;
      int c = 0;
      for (; c < vEnd; c += L) {
        DoubleVector akr = DoubleVector.fromArray(S, zr, ko + c);
        DoubleVector aki = DoubleVector.fromArray(S, zi, ko + c);
        DoubleVector amr = DoubleVector.fromArray(S, zr, mo + c);
        DoubleVector ami = DoubleVector.fromArray(S, zi, mo + c);
        DoubleVector er = akr.add(amr).mul(0.5);
        DoubleVector ei = aki.sub(ami).mul(0.5);
        DoubleVector or = aki.add(ami).mul(0.5);
        DoubleVector oi = akr.sub(amr).mul(-0.5);
        DoubleVector tr = or.mul(vcr).sub(oi.mul(vci));
        DoubleVector ti = oi.mul(vcr).add(or.mul(vci));
        er.add(tr).intoArray(yr, ko + c);
        ei.add(ti).intoArray(yi, ko + c);
        er.sub(tr).intoArray(yr, mo + c);
        ti.sub(ei).intoArray(yi, mo + c);
      }
      for (; c < ch; c++) {
        double akr = zr[ko + c];
        double aki = zi[ko + c];
        double amr = zr[mo + c];
        double ami = zi[mo + c];
        double er = 0.5 * (akr + amr);
        double ei = 0.5 * (aki - ami);
        double or = 0.5 * (aki + ami);
        double oi = -0.5 * (akr - amr);
        double tr = cr * or - ci * oi;
        double ti = cr * oi + ci * or;
        yr[ko + c] = er + tr;
        yi[ko + c] = ei + ti;
        yr[mo + c] = er - tr;
        yi[mo + c] = ti - ei;
      }
    }
  }

  /**
   * The merge of the inverse real FFT (the inverse of {@link #split}, doubled; same operations as
   * the scalar twin): for {@code 1 ≤ k ≤ h/2}, {@code Z[k]} and {@code Z[h − k]} from {@code X[k]},
   * {@code X[h − k]} with {@code E = X[k] + conj X[m]}, {@code O = (X[k] − conj X[m])·conj(W^k)},
   * {@code Z[k] = E + i·O}, {@code Z[m] = conj(E) + i·conj(O)}. Row 0 is the caller's.
   */
  public static void merge(int h, int ch, double[] xr, double[] xi, double[] zr, double[] zi, double[] wr, double[] wi) {
    int vEnd = ch - ch % L;
    for (int k = 1; 2 * k <= h; k++) {
      int m = h - k;
      double cr = wr[k];
      double ci = -wi[k];
      DoubleVector vcr = DoubleVector.broadcast(S, cr);
      DoubleVector vci = DoubleVector.broadcast(S, ci);
      int ko = k * ch;
      int mo = m * ch;
      int c = 0;
      for (; c < vEnd; c += L) {
        DoubleVector akr = DoubleVector.fromArray(S, xr, ko + c);
        DoubleVector aki = DoubleVector.fromArray(S, xi, ko + c);
        DoubleVector amr = DoubleVector.fromArray(S, xr, mo + c);
        DoubleVector ami = DoubleVector.fromArray(S, xi, mo + c);
        DoubleVector er = akr.add(amr);
        DoubleVector ei = aki.sub(ami);
        DoubleVector dr = akr.sub(amr);
        DoubleVector di = aki.add(ami);
        DoubleVector or = dr.mul(vcr).sub(di.mul(vci));
        DoubleVector oi = dr.mul(vci).add(di.mul(vcr));
        er.sub(oi).intoArray(zr, ko + c);
        ei.add(or).intoArray(zi, ko + c);
        er.add(oi).intoArray(zr, mo + c);
        or.sub(ei).intoArray(zi, mo + c);
      }
      for (; c < ch; c++) {
        double akr = xr[ko + c];
        double aki = xi[ko + c];
        double amr = xr[mo + c];
        double ami = xi[mo + c];
        double er = akr + amr;
        double ei = aki - ami;
        double dr = akr - amr;
        double di = aki + ami;
        double or = dr * cr - di * ci;
        double oi = dr * ci + di * cr;
        zr[ko + c] = er - oi;
        zi[ko + c] = ei + or;
        zr[mo + c] = er + oi;
        zi[mo + c] = or - ei;
      }
    }
  }
}
