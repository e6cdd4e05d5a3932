package org.conv4j.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API inner loops of the ndimage filters ({@code org.conv4j.kernels.Filter*}), over
 * {@code double} working arrays. Each one computes, lane by lane, exactly the operations of the
 * scalar loop it replaces, in the same order and without fused multiply-add, so the results are
 * bit-identical to the scalar path (the tests check this). A scalar tail finishes each loop.
 */
public final class FilterVectors {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private FilterVectors() {}

  /** Floats read or written per conversion step: as many as one double vector holds. */
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_128.length() == L
      ? FloatVector.SPECIES_128 : VectorSpecies.of(float.class, jdk.incubator.vector.VectorShape.forBitSize(L * 32));

  /** {@code dst[d + t] = src[s + t]} for {@code t < n}, float to double (exact). */
  public static void widen(float[] src, int s, double[] dst, int d, int n) {
    int t = 0;
    for (int end = n - L + 1; t < end; t += L) {
      ((DoubleVector) FloatVector.fromArray(F, src, s + t).convertShape(VectorOperators.F2D, S, 0)).intoArray(dst, d + t);
    }
    for (; t < n; t++) {
      dst[d + t] = src[s + t];
    }
  }

  /** {@code dst[d + t] = (float) src[s + t]} for {@code t < n}: round to nearest, as the Java cast. */
  public static void narrow(double[] src, int s, float[] dst, int d, int n) {
    int t = 0;
    for (int end = n - L + 1; t < end; t += L) {
      ((FloatVector) DoubleVector.fromArray(S, src, s + t).convertShape(VectorOperators.D2F, F, 0)).intoArray(dst, d + t);
    }
    for (; t < n; t++) {
      dst[d + t] = (float) src[s + t];
    }
  }

  /** Lanes per vector, for reports. */
  public static int lanes() {
    return L;
  }

  /** {@code dst[d + c] = max(x[xo + c], y[yo + c])}, {@link Math#max} semantics (NaN wins). */
  public static void max(double[] x, int xo, double[] y, int yo, double[] dst, int d, int w) {
    int c = 0;
    for (int end = S.loopBound(w); c < end; c += L) {
      DoubleVector a = DoubleVector.fromArray(S, x, xo + c);
      DoubleVector b = DoubleVector.fromArray(S, y, yo + c);
      a.max(b).intoArray(dst, d + c);
    }
    for (; c < w; c++) {
      dst[d + c] = Math.max(x[xo + c], y[yo + c]);
    }
  }

  /**
   * {@code dst[d + c] = min(x[xo + c], y[yo + c])} in {@link Double#compare} order: a NaN operand
   * loses to any number (NaN is the largest value), two NaNs give NaN.
   */
  public static void min(double[] x, int xo, double[] y, int yo, double[] dst, int d, int w) {
    int c = 0;
    for (int end = S.loopBound(w); c < end; c += L) {
      DoubleVector a = DoubleVector.fromArray(S, x, xo + c);
      DoubleVector b = DoubleVector.fromArray(S, y, yo + c);
      VectorMask<Double> aNan = a.test(VectorOperators.IS_NAN);
      VectorMask<Double> bNan = b.test(VectorOperators.IS_NAN);
      a.min(b).blend(b, aNan).blend(a, bNan.andNot(aNan)).intoArray(dst, d + c);
    }
    for (; c < w; c++) {
      double a = x[xo + c];
      double b = y[yo + c];
      dst[d + c] = a != a ? b : b != b ? a : Math.min(a, b);
    }
  }

  /**
   * One step of the column-wise uniform running sum: {@code v = t[c] + (ring[rn+c] − ring[ro+c])},
   * {@code t[c] = v}, {@code out[c] = v / size}, lane by lane in exactly that order.
   */
  public static void uniformStep(double[] t, double[] ring, int rn, int ro, double[] out, int w, int size) {
    double s = size;
    int c = 0;
    for (int end = S.loopBound(w); c < end; c += L) {
      DoubleVector v = DoubleVector.fromArray(S, t, c)
          .add(DoubleVector.fromArray(S, ring, rn + c).sub(DoubleVector.fromArray(S, ring, ro + c)));
      v.intoArray(t, c);
      v.div(s).intoArray(out, c);
    }
    for (; c < w; c++) {
      double v = t[c] + (ring[rn + c] - ring[ro + c]);
      t[c] = v;
      out[c] = v / size;
    }
  }

  /**
   * The interior of one kernel row of a direct correlation: for {@code i} in {@code [lo, hi)},
   * {@code acc[i] += Σ_t w[t]·src[base + i + off[t]]} with the taps added one after another in
   * order {@code t = 0, 1, …} (a multiply then an add, as the scalar loop).
   */
  public static void correlateRow(
      double[] src, int base, int[] off, double[] w, int taps, double[] acc, int lo, int hi) {
    int i = lo;
    // two vectors per step: independent add chains hide the add latency
    for (int end = lo + Math.max(0, (hi - lo) / (2 * L)) * 2 * L; i < end; i += 2 * L) {
      DoubleVector s0 = DoubleVector.fromArray(S, acc, i);
      DoubleVector s1 = DoubleVector.fromArray(S, acc, i + L);
      int b = base + i;
      for (int t = 0; t < taps; t++) {
        double wt = w[t];
        int p = b + off[t];
        s0 = s0.add(DoubleVector.fromArray(S, src, p).mul(wt));
        s1 = s1.add(DoubleVector.fromArray(S, src, p + L).mul(wt));
      }
      s0.intoArray(acc, i);
      s1.intoArray(acc, i + L);
    }
    for (int end = lo + Math.max(0, (hi - lo) / L) * L; i < end; i += L) {
      DoubleVector s0 = DoubleVector.fromArray(S, acc, i);
      int b = base + i;
      for (int t = 0; t < taps; t++) {
        s0 = s0.add(DoubleVector.fromArray(S, src, b + off[t]).mul(w[t]));
      }
      s0.intoArray(acc, i);
    }
    for (; i < hi; i++) {
      double s = acc[i];
      int b = base + i;
      for (int t = 0; t < taps; t++) {
        s += w[t] * src[b + off[t]];
      }
      acc[i] = s;
    }
  }
}
