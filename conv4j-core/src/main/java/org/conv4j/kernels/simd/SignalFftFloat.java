package org.conv4j.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 twin of {@link SignalFft} (8 lanes): the Stockham butterfly passes of
 * {@code org.conv4j.kernels.fft.FloatComplexFft} on the JDK Vector
 * API. A pass of radix {@code r} over {@code m} butterfly groups reads rows
 * {@code x[(p + j·m)·sc + q]} and writes {@code y[(r·p + k)·sc + q]}; all {@code sc} values of
 * {@code q} share one twiddle, so the {@code q} loop runs in vectors (and a scalar tail).
 *
 * <p>The arithmetic is the scalar twin's operation for operation (no fused multiply-add), so the
 * two give the same bits. Callers use these only when {@code sc ≥ lanes()}. Single-threaded,
 * allocation-free.
 */
public final class SignalFftFloat {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final float S3 = (float) (Math.sqrt(3) / 2);
  private static final float C51 = (float) Math.cos(2 * Math.PI / 5);
  private static final float C52 = (float) Math.cos(4 * Math.PI / 5);
  private static final float S51 = (float) Math.sin(2 * Math.PI / 5);
  private static final float S52 = (float) Math.sin(4 * Math.PI / 5);
  private static final FloatVector VS3 = FloatVector.broadcast(S, S3);
  private static final FloatVector VC51 = FloatVector.broadcast(S, C51);
  private static final FloatVector VC52 = FloatVector.broadcast(S, C52);
  private static final FloatVector VS51 = FloatVector.broadcast(S, S51);
  private static final FloatVector VS52 = FloatVector.broadcast(S, S52);

  private SignalFftFloat() {}

  /** Floats per vector. */
  public static int lanes() {
    return L;
  }

  /** Radix-2 pass; twiddles {@code w[p] = W^p}. */
  public static void radix2(int m, int sc, float[] xr, float[] xi, float[] yr, float[] yi, float[] wr, float[] wi) {
    int vEnd = sc - sc % L;
    for (int p = 0; p < m; p++) {
      float w1r = wr[p];
      FloatVector v1r = FloatVector.broadcast(S, w1r);
      float w1i = wi[p];
      FloatVector v1i = FloatVector.broadcast(S, w1i);
      int x0 = p * sc;
      int x1 = (p + m) * sc;
      int y0 = 2 * p * sc;
      int y1 = y0 + sc;
      int q = 0;
      for (; q < vEnd; q += L) {
        FloatVector ar = FloatVector.fromArray(S, xr, x0 + q);
        FloatVector ai = FloatVector.fromArray(S, xi, x0 + q);
        FloatVector br = FloatVector.fromArray(S, xr, x1 + q);
        FloatVector bi = FloatVector.fromArray(S, xi, x1 + q);
        ar.add(br).intoArray(yr, y0 + q);
        ai.add(bi).intoArray(yi, y0 + q);
        FloatVector dr = ar.sub(br);
        FloatVector di = ai.sub(bi);
        dr.mul(v1r).sub(di.mul(v1i)).intoArray(yr, y1 + q);
        dr.mul(v1i).add(di.mul(v1r)).intoArray(yi, y1 + q);
      }
      for (; q < sc; q++) {
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

  /** Radix-4 pass; twiddles {@code w[(k−1)·m + p] = W^{pk}}. */
  public static void radix4(int m, int sc, float[] xr, float[] xi, float[] yr, float[] yi, float[] wr, float[] wi) {
    int vEnd = sc - sc % L;
    for (int p = 0; p < m; p++) {
      float w1r = wr[p];
      FloatVector v1r = FloatVector.broadcast(S, w1r);
      float w1i = wi[p];
      FloatVector v1i = FloatVector.broadcast(S, w1i);
      float w2r = wr[m + p];
      FloatVector v2r = FloatVector.broadcast(S, w2r);
      float w2i = wi[m + p];
      FloatVector v2i = FloatVector.broadcast(S, w2i);
      float w3r = wr[2 * m + p];
      FloatVector v3r = FloatVector.broadcast(S, w3r);
      float w3i = wi[2 * m + p];
      FloatVector v3i = FloatVector.broadcast(S, w3i);
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
        FloatVector a0r = FloatVector.fromArray(S, xr, x0 + q);
        FloatVector a0i = FloatVector.fromArray(S, xi, x0 + q);
        FloatVector a1r = FloatVector.fromArray(S, xr, x1 + q);
        FloatVector a1i = FloatVector.fromArray(S, xi, x1 + q);
        FloatVector a2r = FloatVector.fromArray(S, xr, x2 + q);
        FloatVector a2i = FloatVector.fromArray(S, xi, x2 + q);
        FloatVector a3r = FloatVector.fromArray(S, xr, x3 + q);
        FloatVector a3i = FloatVector.fromArray(S, xi, x3 + q);
        FloatVector t0r = a0r.add(a2r);
        FloatVector t0i = a0i.add(a2i);
        FloatVector t1r = a0r.sub(a2r);
        FloatVector t1i = a0i.sub(a2i);
        FloatVector t2r = a1r.add(a3r);
        FloatVector t2i = a1i.add(a3i);
        FloatVector t3r = a1i.sub(a3i);
        FloatVector t3i = a3r.sub(a1r);
        t0r.add(t2r).intoArray(yr, y0 + q);
        t0i.add(t2i).intoArray(yi, y0 + q);
        FloatVector ur = t1r.add(t3r);
        FloatVector ui = t1i.add(t3i);
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

  /** Radix-3 pass. */
  public static void radix3(int m, int sc, float[] xr, float[] xi, float[] yr, float[] yi, float[] wr, float[] wi) {
    int vEnd = sc - sc % L;
    for (int p = 0; p < m; p++) {
      float w1r = wr[p];
      FloatVector v1r = FloatVector.broadcast(S, w1r);
      float w1i = wi[p];
      FloatVector v1i = FloatVector.broadcast(S, w1i);
      float w2r = wr[m + p];
      FloatVector v2r = FloatVector.broadcast(S, w2r);
      float w2i = wi[m + p];
      FloatVector v2i = FloatVector.broadcast(S, w2i);
      int x0 = p * sc;
      int x1 = (p + m) * sc;
      int x2 = (p + 2 * m) * sc;
      int y0 = 3 * p * sc;
      int y1 = y0 + sc;
      int y2 = y1 + sc;
      int q = 0;
      for (; q < vEnd; q += L) {
        FloatVector a0r = FloatVector.fromArray(S, xr, x0 + q);
        FloatVector a0i = FloatVector.fromArray(S, xi, x0 + q);
        FloatVector a1r = FloatVector.fromArray(S, xr, x1 + q);
        FloatVector a1i = FloatVector.fromArray(S, xi, x1 + q);
        FloatVector a2r = FloatVector.fromArray(S, xr, x2 + q);
        FloatVector a2i = FloatVector.fromArray(S, xi, x2 + q);
        FloatVector t1r = a1r.add(a2r);
        FloatVector t1i = a1i.add(a2i);
        FloatVector t2r = a0r.sub(t1r.mul(0.5f));
        FloatVector t2i = a0i.sub(t1i.mul(0.5f));
        FloatVector t3r = a1r.sub(a2r).mul(VS3);
        FloatVector t3i = a1i.sub(a2i).mul(VS3);
        a0r.add(t1r).intoArray(yr, y0 + q);
        a0i.add(t1i).intoArray(yi, y0 + q);
        FloatVector ur = t2r.add(t3i);
        FloatVector ui = t2i.sub(t3r);
        ur.mul(v1r).sub(ui.mul(v1i)).intoArray(yr, y1 + q);
        ur.mul(v1i).add(ui.mul(v1r)).intoArray(yi, y1 + q);
        ur = t2r.sub(t3i);
        ui = t2i.add(t3r);
        ur.mul(v2r).sub(ui.mul(v2i)).intoArray(yr, y2 + q);
        ur.mul(v2i).add(ui.mul(v2r)).intoArray(yi, y2 + q);
      }
      for (; q < sc; q++) {
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

  /** Radix-5 pass. */
  public static void radix5(int m, int sc, float[] xr, float[] xi, float[] yr, float[] yi, float[] wr, float[] wi) {
    int vEnd = sc - sc % L;
    for (int p = 0; p < m; p++) {
      float w1r = wr[p];
      FloatVector v1r = FloatVector.broadcast(S, w1r);
      float w1i = wi[p];
      FloatVector v1i = FloatVector.broadcast(S, w1i);
      float w2r = wr[m + p];
      FloatVector v2r = FloatVector.broadcast(S, w2r);
      float w2i = wi[m + p];
      FloatVector v2i = FloatVector.broadcast(S, w2i);
      float w3r = wr[2 * m + p];
      FloatVector v3r = FloatVector.broadcast(S, w3r);
      float w3i = wi[2 * m + p];
      FloatVector v3i = FloatVector.broadcast(S, w3i);
      float w4r = wr[3 * m + p];
      FloatVector v4r = FloatVector.broadcast(S, w4r);
      float w4i = wi[3 * m + p];
      FloatVector v4i = FloatVector.broadcast(S, w4i);
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
        FloatVector a0r = FloatVector.fromArray(S, xr, x0 + q);
        FloatVector a0i = FloatVector.fromArray(S, xi, x0 + q);
        FloatVector a1r = FloatVector.fromArray(S, xr, x1 + q);
        FloatVector a1i = FloatVector.fromArray(S, xi, x1 + q);
        FloatVector a4r = FloatVector.fromArray(S, xr, x4 + q);
        FloatVector a4i = FloatVector.fromArray(S, xi, x4 + q);
        FloatVector a2r = FloatVector.fromArray(S, xr, x2 + q);
        FloatVector a2i = FloatVector.fromArray(S, xi, x2 + q);
        FloatVector a3r = FloatVector.fromArray(S, xr, x3 + q);
        FloatVector a3i = FloatVector.fromArray(S, xi, x3 + q);
        FloatVector b1r = a1r.add(a4r);
        FloatVector b1i = a1i.add(a4i);
        FloatVector d1r = a1r.sub(a4r);
        FloatVector d1i = a1i.sub(a4i);
        FloatVector b2r = a2r.add(a3r);
        FloatVector b2i = a2i.add(a3i);
        FloatVector d2r = a2r.sub(a3r);
        FloatVector d2i = a2i.sub(a3i);
        a0r.add(b1r).add(b2r).intoArray(yr, y0 + q);
        a0i.add(b1i).add(b2i).intoArray(yi, y0 + q);
        FloatVector e1r = a0r.add(b1r.mul(VC51)).add(b2r.mul(VC52));
        FloatVector e1i = a0i.add(b1i.mul(VC51)).add(b2i.mul(VC52));
        FloatVector f1r = d1r.mul(VS51).add(d2r.mul(VS52));
        FloatVector f1i = d1i.mul(VS51).add(d2i.mul(VS52));
        FloatVector e2r = a0r.add(b1r.mul(VC52)).add(b2r.mul(VC51));
        FloatVector e2i = a0i.add(b1i.mul(VC52)).add(b2i.mul(VC51));
        FloatVector f2r = d1r.mul(VS52).sub(d2r.mul(VS51));
        FloatVector f2i = d1i.mul(VS52).sub(d2i.mul(VS51));
        FloatVector ur = e1r.add(f1i);
        FloatVector ui = e1i.sub(f1r);
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

  /**
   * The split of the real FFT ({@code org.conv4j.kernels.fft} real transforms, same operations in
   * the same order): for {@code 1 ≤ k ≤ h/2}, {@code m = h − k}, from the half-length spectrum
   * {@code Z} (packed {@code [·][ch]}), {@code Y[k] = E + W^k·O} and {@code Y[m] = conj(E − W^k·O)},
   * {@code E = (Z[k] + conj Z[m])/2}, {@code O = (Z[k] − conj Z[m])/(2i)}. Row 0 is the caller's.
   */
  public static void split(int h, int ch, float[] zr, float[] zi, float[] yr, float[] yi, float[] wr, float[] wi) {
    int vEnd = ch - ch % L;
    for (int k = 1; 2 * k <= h; k++) {
      int m = h - k;
      float cr = wr[k];
      float ci = wi[k];
      FloatVector vcr = FloatVector.broadcast(S, cr);
      FloatVector vci = FloatVector.broadcast(S, ci);
      int ko = k * ch;
      int mo = m * ch;
      int c = 0;
      for (; c < vEnd; c += L) {
        FloatVector akr = FloatVector.fromArray(S, zr, ko + c);
        FloatVector aki = FloatVector.fromArray(S, zi, ko + c);
        FloatVector amr = FloatVector.fromArray(S, zr, mo + c);
        FloatVector ami = FloatVector.fromArray(S, zi, mo + c);
        FloatVector er = akr.add(amr).mul(0.5f);
        FloatVector ei = aki.sub(ami).mul(0.5f);
        FloatVector or = aki.add(ami).mul(0.5f);
        FloatVector oi = akr.sub(amr).mul(-0.5f);
        FloatVector tr = or.mul(vcr).sub(oi.mul(vci));
        FloatVector ti = oi.mul(vcr).add(or.mul(vci));
        er.add(tr).intoArray(yr, ko + c);
        ei.add(ti).intoArray(yi, ko + c);
        er.sub(tr).intoArray(yr, mo + c);
        ti.sub(ei).intoArray(yi, mo + c);
      }
      for (; c < ch; c++) {
        float akr = zr[ko + c];
        float aki = zi[ko + c];
        float amr = zr[mo + c];
        float ami = zi[mo + c];
        float er = 0.5f * (akr + amr);
        float ei = 0.5f * (aki - ami);
        float or = 0.5f * (aki + ami);
        float oi = -0.5f * (akr - amr);
        float tr = cr * or - ci * oi;
        float ti = cr * oi + ci * or;
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
  public static void merge(int h, int ch, float[] xr, float[] xi, float[] zr, float[] zi, float[] wr, float[] wi) {
    int vEnd = ch - ch % L;
    for (int k = 1; 2 * k <= h; k++) {
      int m = h - k;
      float cr = wr[k];
      float ci = -wi[k];
      FloatVector vcr = FloatVector.broadcast(S, cr);
      FloatVector vci = FloatVector.broadcast(S, ci);
      int ko = k * ch;
      int mo = m * ch;
      int c = 0;
      for (; c < vEnd; c += L) {
        FloatVector akr = FloatVector.fromArray(S, xr, ko + c);
        FloatVector aki = FloatVector.fromArray(S, xi, ko + c);
        FloatVector amr = FloatVector.fromArray(S, xr, mo + c);
        FloatVector ami = FloatVector.fromArray(S, xi, mo + c);
        FloatVector er = akr.add(amr);
        FloatVector ei = aki.sub(ami);
        FloatVector dr = akr.sub(amr);
        FloatVector di = aki.add(ami);
        FloatVector or = dr.mul(vcr).sub(di.mul(vci));
        FloatVector oi = dr.mul(vci).add(di.mul(vcr));
        er.sub(oi).intoArray(zr, ko + c);
        ei.add(or).intoArray(zi, ko + c);
        er.add(oi).intoArray(zr, mo + c);
        or.sub(ei).intoArray(zi, mo + c);
      }
      for (; c < ch; c++) {
        float akr = xr[ko + c];
        float aki = xi[ko + c];
        float amr = xr[mo + c];
        float ami = xi[mo + c];
        float er = akr + amr;
        float ei = aki - ami;
        float dr = akr - amr;
        float di = aki + ami;
        float or = dr * cr - di * ci;
        float oi = dr * ci + di * cr;
        zr[ko + c] = er - oi;
        zi[ko + c] = ei + or;
        zr[mo + c] = er + oi;
        zi[mo + c] = or - ei;
      }
    }
  }
}
