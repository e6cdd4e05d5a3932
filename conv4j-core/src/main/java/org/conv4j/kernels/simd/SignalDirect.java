package org.conv4j.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The direct-convolution row kernel of {@code org.conv4j.signal} on the JDK Vector API: one output
 * row of an N-d valid correlation,
 * {@code out[oOff + i] = Σ_{q<nrel} Σ_{t<kLast} k[q·kLast + t] · x[xBase + rel[q] + i + t]} for
 * {@code i < n}, where {@code rel[q]} is the offset of kernel row {@code q}'s input row.
 *
 * <p>Vectorised over output positions: blocks of four vectors of outputs stay in registers (four
 * independent FMA chains) while every tap of every kernel row is applied, so each output is stored
 * once. Per output the order is the scalar twin's ({@code q} outer, {@code t} inner, one fused
 * multiply-add per tap from 0), so the result equals {@code org.conv4j.signal.DirectKernel}'s
 * scalar loop bit for bit. Single-threaded, allocation-free.
 */
public final class SignalDirect {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int LF = F.length();

  private SignalDirect() {}

  /** Lanes per vector (for reports). */
  public static int lanes() {
    return L;
  }

  /**
   * One output row; see the class comment.
   *
   * @param x not modified
   * @param rel not modified
   * @param k not modified
   * @param out modified: {@code out[oOff, oOff + n)}
   */
  public static void correlateRow(double[] x, int xBase, int[] rel, int nrel, double[] k, int kLast,
      double[] out, int oOff, int n) {
    int i = 0;
    for (; i + 4 * L <= n; i += 4 * L) {
      DoubleVector a0 = DoubleVector.zero(S);
      DoubleVector a1 = DoubleVector.zero(S);
      DoubleVector a2 = DoubleVector.zero(S);
      DoubleVector a3 = DoubleVector.zero(S);
      for (int q = 0; q < nrel; q++) {
        int xo = xBase + rel[q] + i;
        int ko = q * kLast;
        for (int t = 0; t < kLast; t++) {
          DoubleVector w = DoubleVector.broadcast(S, k[ko + t]);
          int p = xo + t;
          a0 = DoubleVector.fromArray(S, x, p).fma(w, a0);
          a1 = DoubleVector.fromArray(S, x, p + L).fma(w, a1);
          a2 = DoubleVector.fromArray(S, x, p + 2 * L).fma(w, a2);
          a3 = DoubleVector.fromArray(S, x, p + 3 * L).fma(w, a3);
        }
      }
      a0.intoArray(out, oOff + i);
      a1.intoArray(out, oOff + i + L);
      a2.intoArray(out, oOff + i + 2 * L);
      a3.intoArray(out, oOff + i + 3 * L);
    }
    for (; i + L <= n; i += L) {
      DoubleVector a0 = DoubleVector.zero(S);
      for (int q = 0; q < nrel; q++) {
        int xo = xBase + rel[q] + i;
        int ko = q * kLast;
        for (int t = 0; t < kLast; t++) {
          a0 = DoubleVector.fromArray(S, x, xo + t).fma(DoubleVector.broadcast(S, k[ko + t]), a0);
        }
      }
      a0.intoArray(out, oOff + i);
    }
    for (; i < n; i++) {
      double acc = 0;
      for (int q = 0; q < nrel; q++) {
        int xo = xBase + rel[q] + i;
        int ko = q * kLast;
        for (int t = 0; t < kLast; t++) {
          acc = Math.fma(k[ko + t], x[xo + t], acc);
        }
      }
      out[oOff + i] = acc;
    }
  }

  /**
   * One float32 output row, accumulated in float (8 lanes); see the class comment.
   *
   * @param x not modified
   * @param rel not modified
   * @param k not modified
   * @param out modified: {@code out[oOff, oOff + n)}
   */
  public static void correlateRowF(float[] x, int xBase, int[] rel, int nrel, float[] k, int kLast,
      float[] out, int oOff, int n) {
    int i = 0;
    for (; i + 4 * LF <= n; i += 4 * LF) {
      FloatVector a0 = FloatVector.zero(F);
      FloatVector a1 = FloatVector.zero(F);
      FloatVector a2 = FloatVector.zero(F);
      FloatVector a3 = FloatVector.zero(F);
      for (int q = 0; q < nrel; q++) {
        int xo = xBase + rel[q] + i;
        int ko = q * kLast;
        for (int t = 0; t < kLast; t++) {
          FloatVector w = FloatVector.broadcast(F, k[ko + t]);
          int p = xo + t;
          a0 = FloatVector.fromArray(F, x, p).fma(w, a0);
          a1 = FloatVector.fromArray(F, x, p + LF).fma(w, a1);
          a2 = FloatVector.fromArray(F, x, p + 2 * LF).fma(w, a2);
          a3 = FloatVector.fromArray(F, x, p + 3 * LF).fma(w, a3);
        }
      }
      a0.intoArray(out, oOff + i);
      a1.intoArray(out, oOff + i + LF);
      a2.intoArray(out, oOff + i + 2 * LF);
      a3.intoArray(out, oOff + i + 3 * LF);
    }
    for (; i + LF <= n; i += LF) {
      FloatVector a0 = FloatVector.zero(F);
      for (int q = 0; q < nrel; q++) {
        int xo = xBase + rel[q] + i;
        int ko = q * kLast;
        for (int t = 0; t < kLast; t++) {
          a0 = FloatVector.fromArray(F, x, xo + t).fma(FloatVector.broadcast(F, k[ko + t]), a0);
        }
      }
      a0.intoArray(out, oOff + i);
    }
    for (; i < n; i++) {
      float acc = 0;
      for (int q = 0; q < nrel; q++) {
        int xo = xBase + rel[q] + i;
        int ko = q * kLast;
        for (int t = 0; t < kLast; t++) {
          acc = Math.fma(k[ko + t], x[xo + t], acc);
        }
      }
      out[oOff + i] = acc;
    }
  }

  /**
   * Two adjacent output rows of a 2-D valid correlation at once: row 0 at {@code out[oOff + i]} reads
   * input rows {@code xBase + q·xStride}, row 1 at {@code out[oOff + oStride + i]} reads
   * {@code xBase + (q + 1)·xStride}, for kernel rows {@code q < kRows} of {@code kLast} taps ({@code rel[q] = q·xStride}, used for the
   * tail). Each
   * loaded input vector feeds both rows (halving the loads per multiply-add); per output the taps
   * are applied in {@link #correlateRow}'s order, so the bits are the same as two calls of it.
   *
   * @param x not modified
   * @param k not modified
   * @param out modified: {@code n} outputs in each of the two rows
   */
  public static void correlateRows2(double[] x, int xBase, int xStride, int[] rel, int kRows, double[] k, int kLast,
      double[] out, int oOff, int oStride, int n) {
    int i = 0;
    for (; i + 4 * L <= n; i += 4 * L) {
      DoubleVector a0 = DoubleVector.zero(S);
      DoubleVector a1 = DoubleVector.zero(S);
      DoubleVector a2 = DoubleVector.zero(S);
      DoubleVector a3 = DoubleVector.zero(S);
      DoubleVector b0 = DoubleVector.zero(S);
      DoubleVector b1 = DoubleVector.zero(S);
      DoubleVector b2 = DoubleVector.zero(S);
      DoubleVector b3 = DoubleVector.zero(S);
      int xo = xBase + i;
      for (int t = 0; t < kLast; t++) {
        DoubleVector w = DoubleVector.broadcast(S, k[t]);
        int p = xo + t;
        a0 = DoubleVector.fromArray(S, x, p).fma(w, a0);
        a1 = DoubleVector.fromArray(S, x, p + L).fma(w, a1);
        a2 = DoubleVector.fromArray(S, x, p + 2 * L).fma(w, a2);
        a3 = DoubleVector.fromArray(S, x, p + 3 * L).fma(w, a3);
      }
      for (int q = 1; q < kRows; q++) {
        int xq = xo + q * xStride;
        int k0 = q * kLast;
        int k1 = k0 - kLast;
        for (int t = 0; t < kLast; t++) {
          DoubleVector w0 = DoubleVector.broadcast(S, k[k0 + t]);
          DoubleVector w1 = DoubleVector.broadcast(S, k[k1 + t]);
          int p = xq + t;
          DoubleVector v = DoubleVector.fromArray(S, x, p);
          a0 = v.fma(w0, a0);
          b0 = v.fma(w1, b0);
          v = DoubleVector.fromArray(S, x, p + L);
          a1 = v.fma(w0, a1);
          b1 = v.fma(w1, b1);
          v = DoubleVector.fromArray(S, x, p + 2 * L);
          a2 = v.fma(w0, a2);
          b2 = v.fma(w1, b2);
          v = DoubleVector.fromArray(S, x, p + 3 * L);
          a3 = v.fma(w0, a3);
          b3 = v.fma(w1, b3);
        }
      }
      int xl = xo + kRows * xStride;
      int kl = (kRows - 1) * kLast;
      for (int t = 0; t < kLast; t++) {
        DoubleVector w = DoubleVector.broadcast(S, k[kl + t]);
        int p = xl + t;
        b0 = DoubleVector.fromArray(S, x, p).fma(w, b0);
        b1 = DoubleVector.fromArray(S, x, p + L).fma(w, b1);
        b2 = DoubleVector.fromArray(S, x, p + 2 * L).fma(w, b2);
        b3 = DoubleVector.fromArray(S, x, p + 3 * L).fma(w, b3);
      }
      int o = oOff + i;
      a0.intoArray(out, o);
      a1.intoArray(out, o + L);
      a2.intoArray(out, o + 2 * L);
      a3.intoArray(out, o + 3 * L);
      o += oStride;
      b0.intoArray(out, o);
      b1.intoArray(out, o + L);
      b2.intoArray(out, o + 2 * L);
      b3.intoArray(out, o + 3 * L);
    }
    if (i < n) {
      correlateRow(x, xBase + i, rel, kRows, k, kLast, out, oOff + i, n - i);
      correlateRow(x, xBase + xStride + i, rel, kRows, k, kLast, out, oOff + oStride + i, n - i);
    }
  }


  /**
   * Float32 twin of {@link #correlateRows2} (accumulated in float). Two adjacent output rows of a 2-D valid correlation at once: row 0 at {@code out[oOff + i]} reads
   * input rows {@code xBase + q·xStride}, row 1 at {@code out[oOff + oStride + i]} reads
   * {@code xBase + (q + 1)·xStride}, for kernel rows {@code q < kRows} of {@code kLast} taps ({@code rel[q] = q·xStride}, used for the
   * tail). Each
   * loaded input vector feeds both rows (halving the loads per multiply-add); per output the taps
   * are applied in {@link #correlateRow}'s order, so the bits are the same as two calls of it.
   *
   * @param x not modified
   * @param k not modified
   * @param out modified: {@code n} outputs in each of the two rows
   */
  public static void correlateRows2F(float[] x, int xBase, int xStride, int[] rel, int kRows, float[] k, int kLast,
      float[] out, int oOff, int oStride, int n) {
    int i = 0;
    for (; i + 4 * LF <= n; i += 4 * LF) {
      FloatVector a0 = FloatVector.zero(F);
      FloatVector a1 = FloatVector.zero(F);
      FloatVector a2 = FloatVector.zero(F);
      FloatVector a3 = FloatVector.zero(F);
      FloatVector b0 = FloatVector.zero(F);
      FloatVector b1 = FloatVector.zero(F);
      FloatVector b2 = FloatVector.zero(F);
      FloatVector b3 = FloatVector.zero(F);
      int xo = xBase + i;
      for (int t = 0; t < kLast; t++) {
        FloatVector w = FloatVector.broadcast(F, k[t]);
        int p = xo + t;
        a0 = FloatVector.fromArray(F, x, p).fma(w, a0);
        a1 = FloatVector.fromArray(F, x, p + LF).fma(w, a1);
        a2 = FloatVector.fromArray(F, x, p + 2 * LF).fma(w, a2);
        a3 = FloatVector.fromArray(F, x, p + 3 * LF).fma(w, a3);
      }
      for (int q = 1; q < kRows; q++) {
        int xq = xo + q * xStride;
        int k0 = q * kLast;
        int k1 = k0 - kLast;
        for (int t = 0; t < kLast; t++) {
          FloatVector w0 = FloatVector.broadcast(F, k[k0 + t]);
          FloatVector w1 = FloatVector.broadcast(F, k[k1 + t]);
          int p = xq + t;
          FloatVector v = FloatVector.fromArray(F, x, p);
          a0 = v.fma(w0, a0);
          b0 = v.fma(w1, b0);
          v = FloatVector.fromArray(F, x, p + LF);
          a1 = v.fma(w0, a1);
          b1 = v.fma(w1, b1);
          v = FloatVector.fromArray(F, x, p + 2 * LF);
          a2 = v.fma(w0, a2);
          b2 = v.fma(w1, b2);
          v = FloatVector.fromArray(F, x, p + 3 * LF);
          a3 = v.fma(w0, a3);
          b3 = v.fma(w1, b3);
        }
      }
      int xl = xo + kRows * xStride;
      int kl = (kRows - 1) * kLast;
      for (int t = 0; t < kLast; t++) {
        FloatVector w = FloatVector.broadcast(F, k[kl + t]);
        int p = xl + t;
        b0 = FloatVector.fromArray(F, x, p).fma(w, b0);
        b1 = FloatVector.fromArray(F, x, p + LF).fma(w, b1);
        b2 = FloatVector.fromArray(F, x, p + 2 * LF).fma(w, b2);
        b3 = FloatVector.fromArray(F, x, p + 3 * LF).fma(w, b3);
      }
      int o = oOff + i;
      a0.intoArray(out, o);
      a1.intoArray(out, o + LF);
      a2.intoArray(out, o + 2 * LF);
      a3.intoArray(out, o + 3 * LF);
      o += oStride;
      b0.intoArray(out, o);
      b1.intoArray(out, o + LF);
      b2.intoArray(out, o + 2 * LF);
      b3.intoArray(out, o + 3 * LF);
    }
    if (i < n) {
      correlateRowF(x, xBase + i, rel, kRows, k, kLast, out, oOff + i, n - i);
      correlateRowF(x, xBase + xStride + i, rel, kRows, k, kLast, out, oOff + oStride + i, n - i);
    }
  }

}
