package org.conv4j.kernels.simd;

import jdk.incubator.vector.DoubleVector;
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
}
