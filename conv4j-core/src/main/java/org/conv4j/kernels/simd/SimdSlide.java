package org.conv4j.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API inner loops of {@link org.conv4j.kernels.SlidingConv}, the direct convolution for
 * stride-1 problems with few taps per output. Both loops work on zero-padded source planes, so no
 * tap ever reads out of bounds and the loops have no border cases.
 *
 * <p>{@link #slide} computes, for {@code planes} (1 to 4) coefficient sets {@code p} sharing one
 * tap list, {@code dst_p[z, r, q] (+)= Σ_t coef_p[t] · src[base(z, r) + q + tapOff[t]]} for every
 * column of rows at least one vector wide. Each output is one FMA chain over the taps in order, from
 * zero, then stored (or added to dst): exactly the scalar twin's order with {@link Math#fma}, so the
 * bits agree whichever vector (or lane) computes it. Blocking: four coefficient sets × two column
 * vectors give eight independent FMA chains sharing two source loads per tap; a single set runs two
 * vectors at a time.
 *
 * <p>{@link #correlate} sums {@code Σ_{z, r, q} a[z, r, q] · src[base(z, r) + q + off]} along
 * vectors for four (or one) {@code a} planes and reduces the lanes at the end; its rounding differs
 * from a scalar loop.
 */
public final class SimdSlide {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private SimdSlide() {}

  /** The vector width in floats. */
  public static int lanes() {
    return L;
  }

  /**
   * The sliding sum over whole rows when {@code width ≥ lanes} (the last, partial vector of a row
   * is computed as a vector ending at the row's end and stored under a mask); see the class
   * comment. Returns the first column it did not compute: {@code width}, or 0 for rows narrower
   * than a vector, which the caller's scalar twin then computes.
   *
   * @param coef coefficient set {@code p} at {@code coefOff + p·coefStride}, {@code nTaps} long
   * @param src source, read at {@code srcOff + z·srcDepth + r·srcRow + q + tapOff[t]}
   * @param dst written at {@code dstOff + p·dstPlane + (z·nr + r)·width + q}
   * @param accumulate add the sum to dst instead of overwriting it
   */
  public static int slide(int planes, float[] coef, int coefOff, int coefStride, int nTaps, int[] tapOff,
      float[] src, int srcOff, int srcDepth, int srcRow, float[] dst, int dstOff, int dstPlane,
      int nz, int nr, int width, boolean accumulate) {
    if (width < L) {
      return 0;
    }
    int vecEnd = width - width % L;
    VectorMask<Float> tail = VectorMask.fromLong(S, -1L << (L - width % L));
    for (int z = 0; z < nz; z++) {
      for (int r = 0; r < nr; r++) {
        int sBase = srcOff + z * srcDepth + r * srcRow;
        int dBase = dstOff + (z * nr + r) * width;
        if (planes == 4) {
          int q = 0;
          for (; q + 2 * L <= vecEnd; q += 2 * L) {
            block4x2(coef, coefOff, coefStride, nTaps, tapOff, src, sBase + q, dst, dBase + q, dstPlane, accumulate);
          }
          if (q < vecEnd) {
            block4x1(coef, coefOff, coefStride, nTaps, tapOff, src, sBase + q, dst, dBase + q, dstPlane, accumulate);
          }
        } else {
          for (int p = 0; p < planes; p++) {
            int c = coefOff + p * coefStride;
            int d = dBase + p * dstPlane;
            int q = 0;
            for (; q + 2 * L <= vecEnd; q += 2 * L) {
              block1x2(coef, c, nTaps, tapOff, src, sBase + q, dst, d + q, accumulate);
            }
            if (q < vecEnd) {
              block1(coef, c, nTaps, tapOff, src, sBase + q, dst, d + q, accumulate, null);
            }
          }
        }
        if (vecEnd < width) {
          // The last columns: one vector ending at the row's end. Its lanes before vecEnd repeat
          // values already written; only the lanes past vecEnd (the mask) are stored or added.
          int q = width - L;
          for (int p = 0; p < planes; p++) {
            block1(coef, coefOff + p * coefStride, nTaps, tapOff, src, sBase + q, dst, dBase + p * dstPlane + q, accumulate, tail);
          }
        }
      }
    }
    return width;
  }

  private static void block4x2(float[] coef, int co, int cs, int nTaps, int[] tapOff, float[] src, int s,
      float[] dst, int d, int dp, boolean accumulate) {
    FloatVector a00 = FloatVector.zero(S);
    FloatVector a01 = FloatVector.zero(S);
    FloatVector a10 = FloatVector.zero(S);
    FloatVector a11 = FloatVector.zero(S);
    FloatVector a20 = FloatVector.zero(S);
    FloatVector a21 = FloatVector.zero(S);
    FloatVector a30 = FloatVector.zero(S);
    FloatVector a31 = FloatVector.zero(S);
    for (int t = 0; t < nTaps; t++) {
      int o = s + tapOff[t];
      FloatVector x0 = FloatVector.fromArray(S, src, o);
      FloatVector x1 = FloatVector.fromArray(S, src, o + L);
      FloatVector w = FloatVector.broadcast(S, coef[co + t]);
      a00 = w.fma(x0, a00);
      a01 = w.fma(x1, a01);
      w = FloatVector.broadcast(S, coef[co + cs + t]);
      a10 = w.fma(x0, a10);
      a11 = w.fma(x1, a11);
      w = FloatVector.broadcast(S, coef[co + 2 * cs + t]);
      a20 = w.fma(x0, a20);
      a21 = w.fma(x1, a21);
      w = FloatVector.broadcast(S, coef[co + 3 * cs + t]);
      a30 = w.fma(x0, a30);
      a31 = w.fma(x1, a31);
    }
    if (accumulate) {
      a00 = FloatVector.fromArray(S, dst, d).add(a00);
      a01 = FloatVector.fromArray(S, dst, d + L).add(a01);
      a10 = FloatVector.fromArray(S, dst, d + dp).add(a10);
      a11 = FloatVector.fromArray(S, dst, d + dp + L).add(a11);
      a20 = FloatVector.fromArray(S, dst, d + 2 * dp).add(a20);
      a21 = FloatVector.fromArray(S, dst, d + 2 * dp + L).add(a21);
      a30 = FloatVector.fromArray(S, dst, d + 3 * dp).add(a30);
      a31 = FloatVector.fromArray(S, dst, d + 3 * dp + L).add(a31);
    }
    a00.intoArray(dst, d);
    a01.intoArray(dst, d + L);
    a10.intoArray(dst, d + dp);
    a11.intoArray(dst, d + dp + L);
    a20.intoArray(dst, d + 2 * dp);
    a21.intoArray(dst, d + 2 * dp + L);
    a30.intoArray(dst, d + 3 * dp);
    a31.intoArray(dst, d + 3 * dp + L);
  }

  private static void block4x1(float[] coef, int co, int cs, int nTaps, int[] tapOff, float[] src, int s,
      float[] dst, int d, int dp, boolean accumulate) {
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = FloatVector.zero(S);
    FloatVector a2 = FloatVector.zero(S);
    FloatVector a3 = FloatVector.zero(S);
    for (int t = 0; t < nTaps; t++) {
      FloatVector x = FloatVector.fromArray(S, src, s + tapOff[t]);
      a0 = FloatVector.broadcast(S, coef[co + t]).fma(x, a0);
      a1 = FloatVector.broadcast(S, coef[co + cs + t]).fma(x, a1);
      a2 = FloatVector.broadcast(S, coef[co + 2 * cs + t]).fma(x, a2);
      a3 = FloatVector.broadcast(S, coef[co + 3 * cs + t]).fma(x, a3);
    }
    if (accumulate) {
      a0 = FloatVector.fromArray(S, dst, d).add(a0);
      a1 = FloatVector.fromArray(S, dst, d + dp).add(a1);
      a2 = FloatVector.fromArray(S, dst, d + 2 * dp).add(a2);
      a3 = FloatVector.fromArray(S, dst, d + 3 * dp).add(a3);
    }
    a0.intoArray(dst, d);
    a1.intoArray(dst, d + dp);
    a2.intoArray(dst, d + 2 * dp);
    a3.intoArray(dst, d + 3 * dp);
  }

  private static void block1x2(float[] coef, int co, int nTaps, int[] tapOff, float[] src, int s,
      float[] dst, int d, boolean accumulate) {
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = FloatVector.zero(S);
    for (int t = 0; t < nTaps; t++) {
      FloatVector w = FloatVector.broadcast(S, coef[co + t]);
      int o = s + tapOff[t];
      a0 = w.fma(FloatVector.fromArray(S, src, o), a0);
      a1 = w.fma(FloatVector.fromArray(S, src, o + L), a1);
    }
    if (accumulate) {
      a0 = FloatVector.fromArray(S, dst, d).add(a0);
      a1 = FloatVector.fromArray(S, dst, d + L).add(a1);
    }
    a0.intoArray(dst, d);
    a1.intoArray(dst, d + L);
  }

  /** One plane, one vector; with a mask, only the masked lanes are stored (or added). */
  private static void block1(float[] coef, int co, int nTaps, int[] tapOff, float[] src, int s,
      float[] dst, int d, boolean accumulate, VectorMask<Float> mask) {
    FloatVector a = FloatVector.zero(S);
    for (int t = 0; t < nTaps; t++) {
      a = FloatVector.broadcast(S, coef[co + t]).fma(FloatVector.fromArray(S, src, s + tapOff[t]), a);
    }
    FloatVector old = FloatVector.fromArray(S, dst, d);
    if (accumulate) {
      a = old.add(a);
    }
    if (mask != null) {
      a = old.blend(a, mask);
    }
    a.intoArray(dst, d);
  }

  /**
   * {@code out[p] = Σ_{z, r, q < vecEnd} a_p[z, r, q] · src[srcOff + z·srcDepth + r·srcRow + q]} for
   * {@code planes} (1 or 4) {@code a} planes at {@code aOff + p·aPlane} (rows of {@code width},
   * {@code nr} rows per depth slice), over the vector part of each row; returns nothing but writes
   * {@code out[outOff + p]} (overwrite). The caller adds the scalar remainder of each row.
   */
  public static void correlate(int planes, float[] a, int aOff, int aPlane, float[] src, int srcOff, int srcDepth, int srcRow,
      int nz, int nr, int width, float[] out, int outOff) {
    int vecEnd = width - width % L;
    if (planes == 4) {
      FloatVector s0 = FloatVector.zero(S);
      FloatVector s1 = FloatVector.zero(S);
      FloatVector s2 = FloatVector.zero(S);
      FloatVector s3 = FloatVector.zero(S);
      for (int z = 0; z < nz; z++) {
        for (int r = 0; r < nr; r++) {
          int sb = srcOff + z * srcDepth + r * srcRow;
          int ab = aOff + (z * nr + r) * width;
          for (int q = 0; q < vecEnd; q += L) {
            FloatVector x = FloatVector.fromArray(S, src, sb + q);
            s0 = FloatVector.fromArray(S, a, ab + q).fma(x, s0);
            s1 = FloatVector.fromArray(S, a, ab + aPlane + q).fma(x, s1);
            s2 = FloatVector.fromArray(S, a, ab + 2 * aPlane + q).fma(x, s2);
            s3 = FloatVector.fromArray(S, a, ab + 3 * aPlane + q).fma(x, s3);
          }
        }
      }
      out[outOff] = sumLanes(s0);
      out[outOff + 1] = sumLanes(s1);
      out[outOff + 2] = sumLanes(s2);
      out[outOff + 3] = sumLanes(s3);
    } else {
      for (int p = 0; p < planes; p++) {
        FloatVector s0 = FloatVector.zero(S);
        for (int z = 0; z < nz; z++) {
          for (int r = 0; r < nr; r++) {
            int sb = srcOff + z * srcDepth + r * srcRow;
            int ab = aOff + p * aPlane + (z * nr + r) * width;
            for (int q = 0; q < vecEnd; q += L) {
              s0 = FloatVector.fromArray(S, a, ab + q).fma(FloatVector.fromArray(S, src, sb + q), s0);
            }
          }
        }
        out[outOff + p] = sumLanes(s0);
      }
    }
  }

  /**
   * Lane 0 + lane 1 + … in that fixed order. {@code reduceLanes(ADD)} leaves the order of a
   * floating-point reduction to the implementation, and the C2 intrinsic and the Java fallback
   * (used before the method is compiled) differ in the last bit, which broke the "any thread count
   * gives the same bits" property depending on JIT timing.
   */
  private static float sumLanes(FloatVector v) {
    float acc = v.lane(0);
    for (int i = 1; i < L; i++) {
      acc += v.lane(i);
    }
    return acc;
  }
}
