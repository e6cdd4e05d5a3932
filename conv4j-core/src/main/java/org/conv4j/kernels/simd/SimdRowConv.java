package org.conv4j.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector kernel of {@link org.conv4j.kernels.RowConv}, the register-blocked direct convolution for
 * narrow output rows and a 5-row kernel (LeNet's second layer: 20×12×12 → 50×8×8 by 5×5): no
 * im2col, no packing.
 *
 * <p>Register block: one output channel × 8 output rows × one vector of columns, eight vector
 * accumulators. For each input channel and kernel column {@code e} the 12 input rows under the
 * block are walked once: row {@code r} is one (unaligned) vector load at column {@code q + e},
 * multiplied into the accumulators of output rows {@code r − k} for the kernel rows {@code k}
 * with {@code 0 ≤ r − k < 8}, whose five weights sit in broadcast registers. That is 12 loads and 5
 * broadcasts per 40 FMAs, 14 vector registers of the 16 (so C2 keeps everything in registers: the
 * body is one straight-line method over locals).
 *
 * <p>Rounding: each output is one {@link Math#fma} chain from its bias (or zero), over input
 * channels, then kernel columns, then kernel rows, in order; the scalar twin
 * ({@code RowConv.forwardScalar}) uses the same order, so both give the same bits. Row blocks past
 * the last full block and the row's last vector overlap the ones before (they start at
 * {@code oh − 8} and {@code ow − L}) and recompute some outputs with the same bits.
 */
public final class SimdRowConv {
  private static final VectorSpecies<Float> S =
      FloatVector.SPECIES_PREFERRED.length() > 8 ? FloatVector.SPECIES_256 : FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Kernel rows of the register block. */
  public static final int KH = 5;
  /** Output rows of the register block. */
  public static final int ROWS = 8;

  private SimdRowConv() {}

  /** The vector width in floats (8 on AVX2 and AVX-512: the block uses 256-bit vectors at most). */
  public static int lanes() {
    return L;
  }

  /**
   * {@code y[o] = bias[o] + Σ_{ic, k, e} w[o, ic, k, e] · x[ic, r + k, q + e]} for output channels
   * {@code o0 ≤ o < o1} of one example, overwriting {@code y}. Needs {@code oh ≥ 8},
   * {@code ow ≥ lanes()}, {@code ih = oh + 4}, {@code iw = ow + kw − 1}.
   *
   * @param x input {@code (c, ih, iw)} at {@code xo}, not modified
   * @param w weight {@code (oc, c, 5, kw)} at {@code wo}, not modified
   * @param bias {@code bias[bo + o]}, or null for zero; not modified
   * @param y output {@code (oc, oh, ow)} at {@code yo}, modified: channels {@code [o0, o1)} overwritten
   */
  public static void forward(int c, int kw, int oh, int ow, float[] x, int xo, float[] w, int wo, float[] bias, int bo,
      float[] y, int yo, int o0, int o1) {
    int ih = oh + KH - 1, iw = ow + kw - 1, plane = ih * iw, wk = KH * kw;
    for (int o = o0; o < o1; o++) {
      float b = bias == null ? 0f : bias[bo + o];
      int wBase = wo + o * c * wk, yBase = yo + o * oh * ow;
      for (int rt = 0; rt < oh; rt += ROWS) {
        int r0 = Math.min(rt, oh - ROWS);
        for (int qt = 0; qt < ow; qt += L) {
          int q = Math.min(qt, ow - L);
          FloatVector a0 = FloatVector.broadcast(S, b);
          FloatVector a1 = a0;
          FloatVector a2 = a0;
          FloatVector a3 = a0;
          FloatVector a4 = a0;
          FloatVector a5 = a0;
          FloatVector a6 = a0;
          FloatVector a7 = a0;
          // One flat loop over (input channel, kernel column) pairs: a short inner loop over the
          // kernel columns, which C2 splits into pre/main/post loops, ran this kernel ~1.5× slower.
          int wc = wBase, xc = xo + r0 * iw + q, e = 0;
          for (int t = 0, pairs = c * kw; t < pairs; t++) {
            FloatVector w0 = FloatVector.broadcast(S, w[wc + e]);
            FloatVector w1 = FloatVector.broadcast(S, w[wc + kw + e]);
            FloatVector w2 = FloatVector.broadcast(S, w[wc + 2 * kw + e]);
            FloatVector w3 = FloatVector.broadcast(S, w[wc + 3 * kw + e]);
            FloatVector w4 = FloatVector.broadcast(S, w[wc + 4 * kw + e]);
            int p = xc + e;
            // Input row r feeds output rows r − k (k = 0..4) inside the block, kernel rows in order.
            FloatVector v = FloatVector.fromArray(S, x, p);
            a0 = w0.fma(v, a0);
            v = FloatVector.fromArray(S, x, p + iw);
            a0 = w1.fma(v, a0);
            a1 = w0.fma(v, a1);
            v = FloatVector.fromArray(S, x, p + 2 * iw);
            a0 = w2.fma(v, a0);
            a1 = w1.fma(v, a1);
            a2 = w0.fma(v, a2);
            v = FloatVector.fromArray(S, x, p + 3 * iw);
            a0 = w3.fma(v, a0);
            a1 = w2.fma(v, a1);
            a2 = w1.fma(v, a2);
            a3 = w0.fma(v, a3);
            v = FloatVector.fromArray(S, x, p + 4 * iw);
            a0 = w4.fma(v, a0);
            a1 = w3.fma(v, a1);
            a2 = w2.fma(v, a2);
            a3 = w1.fma(v, a3);
            a4 = w0.fma(v, a4);
            v = FloatVector.fromArray(S, x, p + 5 * iw);
            a1 = w4.fma(v, a1);
            a2 = w3.fma(v, a2);
            a3 = w2.fma(v, a3);
            a4 = w1.fma(v, a4);
            a5 = w0.fma(v, a5);
            v = FloatVector.fromArray(S, x, p + 6 * iw);
            a2 = w4.fma(v, a2);
            a3 = w3.fma(v, a3);
            a4 = w2.fma(v, a4);
            a5 = w1.fma(v, a5);
            a6 = w0.fma(v, a6);
            v = FloatVector.fromArray(S, x, p + 7 * iw);
            a3 = w4.fma(v, a3);
            a4 = w3.fma(v, a4);
            a5 = w2.fma(v, a5);
            a6 = w1.fma(v, a6);
            a7 = w0.fma(v, a7);
            v = FloatVector.fromArray(S, x, p + 8 * iw);
            a4 = w4.fma(v, a4);
            a5 = w3.fma(v, a5);
            a6 = w2.fma(v, a6);
            a7 = w1.fma(v, a7);
            v = FloatVector.fromArray(S, x, p + 9 * iw);
            a5 = w4.fma(v, a5);
            a6 = w3.fma(v, a6);
            a7 = w2.fma(v, a7);
            v = FloatVector.fromArray(S, x, p + 10 * iw);
            a6 = w4.fma(v, a6);
            a7 = w3.fma(v, a7);
            v = FloatVector.fromArray(S, x, p + 11 * iw);
            a7 = w4.fma(v, a7);
            if (++e == kw) {
              e = 0;
              wc += wk;
              xc += plane;
            }
          }
          int d = yBase + r0 * ow + q;
          a0.intoArray(y, d);
          a1.intoArray(y, d + ow);
          a2.intoArray(y, d + 2 * ow);
          a3.intoArray(y, d + 3 * ow);
          a4.intoArray(y, d + 4 * ow);
          a5.intoArray(y, d + 5 * ow);
          a6.intoArray(y, d + 6 * ow);
          a7.intoArray(y, d + 7 * ow);
        }
      }
    }
  }
}
