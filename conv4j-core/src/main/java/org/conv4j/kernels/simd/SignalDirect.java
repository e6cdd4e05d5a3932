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
    int i = rows2Blocks(x, xBase, xStride, kRows, k, kLast, out, oOff, oStride, n);
    if (i < n) {
      correlateRow(x, xBase + i, rel, kRows, k, kLast, out, oOff + i, n - i);
      correlateRow(x, xBase + xStride + i, rel, kRows, k, kLast, out, oOff + oStride + i, n - i);
    }
  }

  /**
   * The blocks of four vectors of {@link #correlateRows2}; returns the outputs per row done (a
   * multiple of four vectors). A method of its own, and written with each input row's loop
   * self-contained, because that is what C2 compiles well: the same arithmetic written as one
   * method with the tail ran at 8.4 instead of 12.9 G multiply-adds/s per thread (float64,
   * 520² outputs × 9² taps; float32 17 → 25).
   */
  private static int rows2Blocks(double[] x, int xBase, int xStride, int kRows, double[] k, int kLast,
      double[] out, int oOff, int oStride, int n) {
    int i = 0;
    for (; i + 4 * L <= n; i += 4 * L) {
      DoubleVector a00 = DoubleVector.zero(S);
      DoubleVector a01 = DoubleVector.zero(S);
      DoubleVector a02 = DoubleVector.zero(S);
      DoubleVector a03 = DoubleVector.zero(S);
      DoubleVector a10 = DoubleVector.zero(S);
      DoubleVector a11 = DoubleVector.zero(S);
      DoubleVector a12 = DoubleVector.zero(S);
      DoubleVector a13 = DoubleVector.zero(S);
      {
        // input row 0: output row 0 only (kernel row 0)
        int pj = xBase + i;
        for (int t = 0; t < kLast; t++) {
          DoubleVector w0 = DoubleVector.broadcast(S, k[t]);
          DoubleVector x0 = DoubleVector.fromArray(S, x, pj + t);
          a00 = x0.fma(w0, a00);
          DoubleVector x1 = DoubleVector.fromArray(S, x, pj + t + L);
          a01 = x1.fma(w0, a01);
          DoubleVector x2 = DoubleVector.fromArray(S, x, pj + t + 2 * L);
          a02 = x2.fma(w0, a02);
          DoubleVector x3 = DoubleVector.fromArray(S, x, pj + t + 3 * L);
          a03 = x3.fma(w0, a03);
        }
      }
      for (int j = 1; j < kRows; j++) {
        // input row j: output row 0 with kernel row j, output row 1 with kernel row j - 1
        int pj = xBase + j * xStride + i;
        int k0 = j * kLast;
        int k1 = k0 - kLast;
        for (int t = 0; t < kLast; t++) {
          DoubleVector w0 = DoubleVector.broadcast(S, k[k0 + t]);
          DoubleVector w1 = DoubleVector.broadcast(S, k[k1 + t]);
          DoubleVector x0 = DoubleVector.fromArray(S, x, pj + t);
          a00 = x0.fma(w0, a00);
          a10 = x0.fma(w1, a10);
          DoubleVector x1 = DoubleVector.fromArray(S, x, pj + t + L);
          a01 = x1.fma(w0, a01);
          a11 = x1.fma(w1, a11);
          DoubleVector x2 = DoubleVector.fromArray(S, x, pj + t + 2 * L);
          a02 = x2.fma(w0, a02);
          a12 = x2.fma(w1, a12);
          DoubleVector x3 = DoubleVector.fromArray(S, x, pj + t + 3 * L);
          a03 = x3.fma(w0, a03);
          a13 = x3.fma(w1, a13);
        }
      }
      {
        // input row kRows: output row 1 only (kernel row kRows - 1)
        int pj = xBase + kRows * xStride + i;
        int k1 = (kRows - 1) * kLast;
        for (int t = 0; t < kLast; t++) {
          DoubleVector w1 = DoubleVector.broadcast(S, k[k1 + t]);
          DoubleVector x0 = DoubleVector.fromArray(S, x, pj + t);
          a10 = x0.fma(w1, a10);
          DoubleVector x1 = DoubleVector.fromArray(S, x, pj + t + L);
          a11 = x1.fma(w1, a11);
          DoubleVector x2 = DoubleVector.fromArray(S, x, pj + t + 2 * L);
          a12 = x2.fma(w1, a12);
          DoubleVector x3 = DoubleVector.fromArray(S, x, pj + t + 3 * L);
          a13 = x3.fma(w1, a13);
        }
      }
      int o = oOff + i;
      a00.intoArray(out, o);
      a01.intoArray(out, o + L);
      a02.intoArray(out, o + 2 * L);
      a03.intoArray(out, o + 3 * L);
      a10.intoArray(out, o + oStride);
      a11.intoArray(out, o + oStride + L);
      a12.intoArray(out, o + oStride + 2 * L);
      a13.intoArray(out, o + oStride + 3 * L);
    }
    return i;
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
    int i = rows2BlocksF(x, xBase, xStride, kRows, k, kLast, out, oOff, oStride, n);
    if (i < n) {
      correlateRowF(x, xBase + i, rel, kRows, k, kLast, out, oOff + i, n - i);
      correlateRowF(x, xBase + xStride + i, rel, kRows, k, kLast, out, oOff + oStride + i, n - i);
    }
  }

  /**
   * The blocks of four vectors of {@link #correlateRows2F}; returns the outputs per row done (a
   * multiple of four vectors). A method of its own, and written with each input row's loop
   * self-contained, because that is what C2 compiles well: the same arithmetic written as one
   * method with the tail ran at 8.4 instead of 12.9 G multiply-adds/s per thread (float64,
   * 520² outputs × 9² taps; float32 17 → 25).
   */
  private static int rows2BlocksF(float[] x, int xBase, int xStride, int kRows, float[] k, int kLast,
      float[] out, int oOff, int oStride, int n) {
    int i = 0;
    for (; i + 4 * LF <= n; i += 4 * LF) {
      FloatVector a00 = FloatVector.zero(F);
      FloatVector a01 = FloatVector.zero(F);
      FloatVector a02 = FloatVector.zero(F);
      FloatVector a03 = FloatVector.zero(F);
      FloatVector a10 = FloatVector.zero(F);
      FloatVector a11 = FloatVector.zero(F);
      FloatVector a12 = FloatVector.zero(F);
      FloatVector a13 = FloatVector.zero(F);
      {
        // input row 0: output row 0 only (kernel row 0)
        int pj = xBase + i;
        for (int t = 0; t < kLast; t++) {
          FloatVector w0 = FloatVector.broadcast(F, k[t]);
          FloatVector x0 = FloatVector.fromArray(F, x, pj + t);
          a00 = x0.fma(w0, a00);
          FloatVector x1 = FloatVector.fromArray(F, x, pj + t + LF);
          a01 = x1.fma(w0, a01);
          FloatVector x2 = FloatVector.fromArray(F, x, pj + t + 2 * LF);
          a02 = x2.fma(w0, a02);
          FloatVector x3 = FloatVector.fromArray(F, x, pj + t + 3 * LF);
          a03 = x3.fma(w0, a03);
        }
      }
      for (int j = 1; j < kRows; j++) {
        // input row j: output row 0 with kernel row j, output row 1 with kernel row j - 1
        int pj = xBase + j * xStride + i;
        int k0 = j * kLast;
        int k1 = k0 - kLast;
        for (int t = 0; t < kLast; t++) {
          FloatVector w0 = FloatVector.broadcast(F, k[k0 + t]);
          FloatVector w1 = FloatVector.broadcast(F, k[k1 + t]);
          FloatVector x0 = FloatVector.fromArray(F, x, pj + t);
          a00 = x0.fma(w0, a00);
          a10 = x0.fma(w1, a10);
          FloatVector x1 = FloatVector.fromArray(F, x, pj + t + LF);
          a01 = x1.fma(w0, a01);
          a11 = x1.fma(w1, a11);
          FloatVector x2 = FloatVector.fromArray(F, x, pj + t + 2 * LF);
          a02 = x2.fma(w0, a02);
          a12 = x2.fma(w1, a12);
          FloatVector x3 = FloatVector.fromArray(F, x, pj + t + 3 * LF);
          a03 = x3.fma(w0, a03);
          a13 = x3.fma(w1, a13);
        }
      }
      {
        // input row kRows: output row 1 only (kernel row kRows - 1)
        int pj = xBase + kRows * xStride + i;
        int k1 = (kRows - 1) * kLast;
        for (int t = 0; t < kLast; t++) {
          FloatVector w1 = FloatVector.broadcast(F, k[k1 + t]);
          FloatVector x0 = FloatVector.fromArray(F, x, pj + t);
          a10 = x0.fma(w1, a10);
          FloatVector x1 = FloatVector.fromArray(F, x, pj + t + LF);
          a11 = x1.fma(w1, a11);
          FloatVector x2 = FloatVector.fromArray(F, x, pj + t + 2 * LF);
          a12 = x2.fma(w1, a12);
          FloatVector x3 = FloatVector.fromArray(F, x, pj + t + 3 * LF);
          a13 = x3.fma(w1, a13);
        }
      }
      int o = oOff + i;
      a00.intoArray(out, o);
      a01.intoArray(out, o + LF);
      a02.intoArray(out, o + 2 * LF);
      a03.intoArray(out, o + 3 * LF);
      a10.intoArray(out, o + oStride);
      a11.intoArray(out, o + oStride + LF);
      a12.intoArray(out, o + oStride + 2 * LF);
      a13.intoArray(out, o + oStride + 3 * LF);
    }
    return i;
  }

}
