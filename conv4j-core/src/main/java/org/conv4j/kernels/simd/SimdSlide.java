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
 * <p>{@link #slideRows} is the same kind of sum over output rows, with the coefficients of one
 * kernel column held in registers while each source vector feeds up to five rows (the forward pass
 * and input gradient of few-channel layers such as LeNet's first); {@link #slideFlat} its
 * fallback over flat padded rows. {@link #weightLanes} and {@link #planeLanes} keep the weight and
 * bias gradients as lane-wise sums that the caller reduces once per chunk of the batch.
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

  /** Taps per weight-gradient tile of {@link #weightLanes}: tap lists are padded to a multiple of it. */
  public static final int TILE_TAPS = 5;

  /**
   * Lane-wise weight-gradient sums of one example, accumulated into {@code acc}:
   * {@code acc[accOff + (o·tapsPad + t)·L + l] += Σ_{z, r, v} a_o[z, r, v·L + l] · src[base(z, r) + v·L + l + tapOff[t]]},
   * with {@code a_o} at {@code aOff + o·aPlane} (rows of {@code width}, {@code nr} rows per depth slice)
   * and {@code base(z, r) = srcOff + z·srcDepth + r·srcRow}, for {@code o < oc} and {@code t < tapsPad}
   * ({@code tapsPad} a multiple of {@link #TILE_TAPS}). The last, partial vector of a row is loaded
   * under a mask (its other lanes add {@code 0·0}). Lane {@code l} of each accumulator is one FMA
   * chain over the whole vectors (per depth slice, each column vector down the rows: a long inner
   * loop, which C2 runs faster than three-vector rows), then over the partial vectors of every row, so {@code SlidingConv}'s scalar twin gives the same bits; the lanes are reduced once
   * per batch chunk, not per example.
   *
   * <p>Blocking: two {@code a} planes × five taps = ten accumulators held in registers over the
   * whole example; each step loads two {@code a} vectors and five source vectors for ten FMAs. For
   * an odd {@code oc} the last plane is paired with itself and the second set of sums goes to
   * accumulator plane {@code oc} (the caller allots {@code oc + 1} planes and ignores it).
   */
  public static void weightLanes(int oc, float[] a, int aOff, int aPlane, float[] src, int srcOff, int srcDepth, int srcRow,
      int nz, int nr, int width, int[] tapOff, int tapsPad, float[] acc, int accOff) {
    int rem = width % L, vecEnd = width - rem;
    for (int o = 0; o < oc; o += 2) {
      int a0 = aOff + o * aPlane, a1 = aOff + Math.min(o + 1, oc - 1) * aPlane;
      for (int t = 0; t < tapsPad; t += TILE_TAPS) {
        int c0 = accOff + (o * tapsPad + t) * L, c1 = accOff + ((o + 1) * tapsPad + t) * L;
        if (vecEnd > 0) {
          lanes2x5(a, a0, a1, src, srcOff, srcDepth, srcRow, nz, nr, width, vecEnd,
              tapOff[t], tapOff[t + 1], tapOff[t + 2], tapOff[t + 3], tapOff[t + 4], acc, c0, c1);
        }
        if (rem != 0) {
          lanes2x5Tail(a, a0, a1, src, srcOff, srcDepth, srcRow, nz, nr, width, vecEnd, rem, tapOff, t, acc, c0, c1);
        }
      }
    }
  }

  /** The whole-vector part of every row for one 2 × 5 tile; the accumulators live in registers. */
  private static void lanes2x5(float[] a, int a0, int a1, float[] src, int srcOff, int srcDepth, int srcRow,
      int nz, int nr, int width, int vecEnd, int f0, int f1, int f2, int f3, int f4, float[] acc, int c0, int c1) {
    FloatVector s00 = FloatVector.fromArray(S, acc, c0);
    FloatVector s01 = FloatVector.fromArray(S, acc, c0 + L);
    FloatVector s02 = FloatVector.fromArray(S, acc, c0 + 2 * L);
    FloatVector s03 = FloatVector.fromArray(S, acc, c0 + 3 * L);
    FloatVector s04 = FloatVector.fromArray(S, acc, c0 + 4 * L);
    FloatVector s10 = FloatVector.fromArray(S, acc, c1);
    FloatVector s11 = FloatVector.fromArray(S, acc, c1 + L);
    FloatVector s12 = FloatVector.fromArray(S, acc, c1 + 2 * L);
    FloatVector s13 = FloatVector.fromArray(S, acc, c1 + 3 * L);
    FloatVector s14 = FloatVector.fromArray(S, acc, c1 + 4 * L);
    for (int z = 0; z < nz; z++) {
      for (int q = 0; q < vecEnd; q += L) {
        int sb = srcOff + z * srcDepth + q, ab = z * nr * width + q;
        for (int r = 0; r < nr; r++, sb += srcRow, ab += width) {
          FloatVector y0 = FloatVector.fromArray(S, a, a0 + ab);
          FloatVector y1 = FloatVector.fromArray(S, a, a1 + ab);
          int i = sb;
          FloatVector x = FloatVector.fromArray(S, src, i + f0);
          s00 = y0.fma(x, s00);
          s10 = y1.fma(x, s10);
          x = FloatVector.fromArray(S, src, i + f1);
          s01 = y0.fma(x, s01);
          s11 = y1.fma(x, s11);
          x = FloatVector.fromArray(S, src, i + f2);
          s02 = y0.fma(x, s02);
          s12 = y1.fma(x, s12);
          x = FloatVector.fromArray(S, src, i + f3);
          s03 = y0.fma(x, s03);
          s13 = y1.fma(x, s13);
          x = FloatVector.fromArray(S, src, i + f4);
          s04 = y0.fma(x, s04);
          s14 = y1.fma(x, s14);
        }
      }
    }
    s00.intoArray(acc, c0);
    s01.intoArray(acc, c0 + L);
    s02.intoArray(acc, c0 + 2 * L);
    s03.intoArray(acc, c0 + 3 * L);
    s04.intoArray(acc, c0 + 4 * L);
    s10.intoArray(acc, c1);
    s11.intoArray(acc, c1 + L);
    s12.intoArray(acc, c1 + 2 * L);
    s13.intoArray(acc, c1 + 3 * L);
    s14.intoArray(acc, c1 + 4 * L);
  }

  /**
   * The last, partial vector of every row for one 2 × 5 tile, under the mask of its {@code rem}
   * lanes, after {@link #lanes2x5} (a method of its own so that one stays small enough for C2 to
   * compile it whole).
   */
  private static void lanes2x5Tail(float[] a, int a0, int a1, float[] src, int srcOff, int srcDepth, int srcRow,
      int nz, int nr, int width, int vecEnd, int rem, int[] f, int t, float[] acc, int c0, int c1) {
    VectorMask<Float> tail = S.indexInRange(0, rem);
    for (int j = 0; j < TILE_TAPS; j++) {
      FloatVector s0 = FloatVector.fromArray(S, acc, c0 + j * L);
      FloatVector s1 = FloatVector.fromArray(S, acc, c1 + j * L);
      for (int z = 0; z < nz; z++) {
        for (int r = 0; r < nr; r++) {
          int ab = (z * nr + r) * width + vecEnd;
          FloatVector x = FloatVector.fromArray(S, src, srcOff + z * srcDepth + r * srcRow + vecEnd + f[t + j], tail);
          s0 = FloatVector.fromArray(S, a, a0 + ab, tail).fma(x, s0);
          s1 = FloatVector.fromArray(S, a, a1 + ab, tail).fma(x, s1);
        }
      }
      s0.intoArray(acc, c0 + j * L);
      s1.intoArray(acc, c1 + j * L);
    }
  }

  /**
   * Lane-wise plane sums (the bias gradient) of {@code planes} planes of {@code count} elements:
   * {@code acc[accOff + p·L + l] += a[aOff + p·aPlane + v·L + l]} over the vectors {@code v} in
   * order, the last partial vector under a mask (its other lanes add {@code +0}). Four planes at a
   * time, so four add chains are in flight.
   */
  public static void planeLanes(int planes, float[] a, int aOff, int aPlane, int count, float[] acc, int accOff) {
    int rem = count % L, vecEnd = count - rem;
    VectorMask<Float> tail = S.indexInRange(0, rem);
    int p = 0;
    for (; p + 4 <= planes; p += 4) {
      int b = aOff + p * aPlane, c = accOff + p * L;
      FloatVector s0 = FloatVector.fromArray(S, acc, c);
      FloatVector s1 = FloatVector.fromArray(S, acc, c + L);
      FloatVector s2 = FloatVector.fromArray(S, acc, c + 2 * L);
      FloatVector s3 = FloatVector.fromArray(S, acc, c + 3 * L);
      for (int q = 0; q < vecEnd; q += L) {
        s0 = s0.add(FloatVector.fromArray(S, a, b + q));
        s1 = s1.add(FloatVector.fromArray(S, a, b + aPlane + q));
        s2 = s2.add(FloatVector.fromArray(S, a, b + 2 * aPlane + q));
        s3 = s3.add(FloatVector.fromArray(S, a, b + 3 * aPlane + q));
      }
      if (rem != 0) {
        s0 = s0.add(FloatVector.fromArray(S, a, b + vecEnd, tail));
        s1 = s1.add(FloatVector.fromArray(S, a, b + aPlane + vecEnd, tail));
        s2 = s2.add(FloatVector.fromArray(S, a, b + 2 * aPlane + vecEnd, tail));
        s3 = s3.add(FloatVector.fromArray(S, a, b + 3 * aPlane + vecEnd, tail));
      }
      s0.intoArray(acc, c);
      s1.intoArray(acc, c + L);
      s2.intoArray(acc, c + 2 * L);
      s3.intoArray(acc, c + 3 * L);
    }
    for (; p < planes; p++) {
      int b = aOff + p * aPlane, c = accOff + p * L;
      FloatVector s0 = FloatVector.fromArray(S, acc, c);
      for (int q = 0; q < vecEnd; q += L) {
        s0 = s0.add(FloatVector.fromArray(S, a, b + q));
      }
      if (rem != 0) {
        s0 = s0.add(FloatVector.fromArray(S, a, b + vecEnd, tail));
      }
      s0.intoArray(acc, c);
    }
  }

  /**
   * A sliding sum over one flat run of outputs, {@code dst[dstOff + p] = Σ_t coef[coefOff + t] ·
   * src[srcOff + p + tapOff[t]]} for {@code p < count} ({@code count} a multiple of the vector
   * width; the caller lays a plane out with padded rows, so rows need no tails, and discards the
   * columns past the real row). Each output is one FMA chain over the taps in order from zero, as
   * in {@link #slide}. Blocking: eight consecutive vectors share each tap's broadcast coefficient.
   */
  public static void slideFlat(float[] coef, int coefOff, int nTaps, int[] tapOff, float[] src, int srcOff,
      float[] dst, int dstOff, int count) {
    int p = 0;
    for (; p + 8 * L <= count; p += 8 * L) {
      flat8(coef, coefOff, nTaps, tapOff, src, srcOff + p, dst, dstOff + p);
    }
    for (; p < count; p += L) {
      FloatVector s0 = FloatVector.zero(S);
      for (int t = 0; t < nTaps; t++) {
        s0 = FloatVector.broadcast(S, coef[coefOff + t]).fma(FloatVector.fromArray(S, src, srcOff + p + tapOff[t]), s0);
      }
      s0.intoArray(dst, dstOff + p);
    }
  }

  /**
   * Whether {@link #slideRows} has a kernel for this kernel height with {@code nRows} output rows.
   */
  public static boolean rowsSupported(int kh, int nRows) {
    return (kh == 5 || kh == 3) && nRows >= 8;
  }

  /**
   * A sliding sum over output rows, source rows {@code row} apart and output rows {@code dstRow}:
   * {@code dst[dstOff + r·dstRow + q] = Σ_{t, a} coef[co + t·kh + a] · src[srcOff + r·row + q + pairOff[t] − a·row]}
   * over {@code t < pairs} (a pair is a source plane and a kernel column: its offset holds both),
   * the sum one FMA chain per output in that order ({@code t}, then {@code a}) from zero, for
   * {@code r < nRows}, {@code q < width}. When {@code width} is less than a vector, the vector runs
   * on past it (the caller leaves room); a last block of rows or columns may overlap the one
   * before: such outputs are computed twice with the same bits. Needs {@link #rowsSupported}.
   */
  public static void slideRows(int kh, float[] coef, int co, int pairs, int[] pairOff,
      float[] src, int srcOff, int row, int nRows, int width, float[] dst, int dstOff, int dstRow) {
    for (int r0 = 0; r0 < nRows; r0 += 8) {
      int r = Math.min(r0, nRows - 8);
      for (int q0 = 0; q0 < width; q0 += L) {
        // A row at least a vector wide ends with a vector ending at its last column (overlapping
        // the one before, same bits); a narrower one runs on past it.
        int q = width >= L ? Math.min(q0, width - L) : q0;
        if (kh == 5) {
          rows8k5(coef, co, pairs, pairOff, src, srcOff + r * row + q, row, dst, dstOff + r * dstRow + q, dstRow);
        } else {
          rows8k3(coef, co, pairs, pairOff, src, srcOff + r * row + q, row, dst, dstOff + r * dstRow + q, dstRow);
        }
      }
    }
  }

  /**
   * Eight output rows (flat stride {@code row}) × one vector of {@link #slideRows} for a kernel
   * 5 rows tall: for each source plane and kernel column the 5 coefficients stay in registers and
   * each loaded source vector feeds up to 5 rows (12 loads for 40 FMAs).
   */
  private static void rows8k5(float[] coef, int co, int pairs, int[] pairOff, float[] src, int s,
      int row, float[] dst, int d, int dstRow) {
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = FloatVector.zero(S);
    FloatVector a2 = FloatVector.zero(S);
    FloatVector a3 = FloatVector.zero(S);
    FloatVector a4 = FloatVector.zero(S);
    FloatVector a5 = FloatVector.zero(S);
    FloatVector a6 = FloatVector.zero(S);
    FloatVector a7 = FloatVector.zero(S);
    // One counted loop over (plane, kernel column) pairs: nested loops (the inner one of unknown
    // trip count, which C2 splits into pre/main/post loops) ran this block ~1.8x slower on LeNet
    // conv2 (20 planes x 5 columns).
    for (int t = 0, c = co; t < pairs; t++, c += 5) {
      {
        int i = s + pairOff[t];
        FloatVector w0 = FloatVector.broadcast(S, coef[c + 0]);
        FloatVector w1 = FloatVector.broadcast(S, coef[c + 1]);
        FloatVector w2 = FloatVector.broadcast(S, coef[c + 2]);
        FloatVector w3 = FloatVector.broadcast(S, coef[c + 3]);
        FloatVector w4 = FloatVector.broadcast(S, coef[c + 4]);
        FloatVector x;
        x = FloatVector.fromArray(S, src, i + (7) * row);
        a7 = w0.fma(x, a7);
        x = FloatVector.fromArray(S, src, i + (6) * row);
        a6 = w0.fma(x, a6);
        a7 = w1.fma(x, a7);
        x = FloatVector.fromArray(S, src, i + (5) * row);
        a5 = w0.fma(x, a5);
        a6 = w1.fma(x, a6);
        a7 = w2.fma(x, a7);
        x = FloatVector.fromArray(S, src, i + (4) * row);
        a4 = w0.fma(x, a4);
        a5 = w1.fma(x, a5);
        a6 = w2.fma(x, a6);
        a7 = w3.fma(x, a7);
        x = FloatVector.fromArray(S, src, i + (3) * row);
        a3 = w0.fma(x, a3);
        a4 = w1.fma(x, a4);
        a5 = w2.fma(x, a5);
        a6 = w3.fma(x, a6);
        a7 = w4.fma(x, a7);
        x = FloatVector.fromArray(S, src, i + (2) * row);
        a2 = w0.fma(x, a2);
        a3 = w1.fma(x, a3);
        a4 = w2.fma(x, a4);
        a5 = w3.fma(x, a5);
        a6 = w4.fma(x, a6);
        x = FloatVector.fromArray(S, src, i + (1) * row);
        a1 = w0.fma(x, a1);
        a2 = w1.fma(x, a2);
        a3 = w2.fma(x, a3);
        a4 = w3.fma(x, a4);
        a5 = w4.fma(x, a5);
        x = FloatVector.fromArray(S, src, i + (0) * row);
        a0 = w0.fma(x, a0);
        a1 = w1.fma(x, a1);
        a2 = w2.fma(x, a2);
        a3 = w3.fma(x, a3);
        a4 = w4.fma(x, a4);
        x = FloatVector.fromArray(S, src, i + (-1) * row);
        a0 = w1.fma(x, a0);
        a1 = w2.fma(x, a1);
        a2 = w3.fma(x, a2);
        a3 = w4.fma(x, a3);
        x = FloatVector.fromArray(S, src, i + (-2) * row);
        a0 = w2.fma(x, a0);
        a1 = w3.fma(x, a1);
        a2 = w4.fma(x, a2);
        x = FloatVector.fromArray(S, src, i + (-3) * row);
        a0 = w3.fma(x, a0);
        a1 = w4.fma(x, a1);
        x = FloatVector.fromArray(S, src, i + (-4) * row);
        a0 = w4.fma(x, a0);
      }
    }
    a0.intoArray(dst, d + 0 * dstRow);
    a1.intoArray(dst, d + 1 * dstRow);
    a2.intoArray(dst, d + 2 * dstRow);
    a3.intoArray(dst, d + 3 * dstRow);
    a4.intoArray(dst, d + 4 * dstRow);
    a5.intoArray(dst, d + 5 * dstRow);
    a6.intoArray(dst, d + 6 * dstRow);
    a7.intoArray(dst, d + 7 * dstRow);
  }

  /**
   * Eight output rows (flat stride {@code row}) × one vector of {@link #slideRows} for a kernel
   * 3 rows tall: for each source plane and kernel column the 3 coefficients stay in registers and
   * each loaded source vector feeds up to 3 rows (10 loads for 24 FMAs).
   */
  private static void rows8k3(float[] coef, int co, int pairs, int[] pairOff, float[] src, int s,
      int row, float[] dst, int d, int dstRow) {
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = FloatVector.zero(S);
    FloatVector a2 = FloatVector.zero(S);
    FloatVector a3 = FloatVector.zero(S);
    FloatVector a4 = FloatVector.zero(S);
    FloatVector a5 = FloatVector.zero(S);
    FloatVector a6 = FloatVector.zero(S);
    FloatVector a7 = FloatVector.zero(S);
    for (int t = 0, c = co; t < pairs; t++, c += 3) {
      {
        int i = s + pairOff[t];
        FloatVector w0 = FloatVector.broadcast(S, coef[c + 0]);
        FloatVector w1 = FloatVector.broadcast(S, coef[c + 1]);
        FloatVector w2 = FloatVector.broadcast(S, coef[c + 2]);
        FloatVector x;
        x = FloatVector.fromArray(S, src, i + (7) * row);
        a7 = w0.fma(x, a7);
        x = FloatVector.fromArray(S, src, i + (6) * row);
        a6 = w0.fma(x, a6);
        a7 = w1.fma(x, a7);
        x = FloatVector.fromArray(S, src, i + (5) * row);
        a5 = w0.fma(x, a5);
        a6 = w1.fma(x, a6);
        a7 = w2.fma(x, a7);
        x = FloatVector.fromArray(S, src, i + (4) * row);
        a4 = w0.fma(x, a4);
        a5 = w1.fma(x, a5);
        a6 = w2.fma(x, a6);
        x = FloatVector.fromArray(S, src, i + (3) * row);
        a3 = w0.fma(x, a3);
        a4 = w1.fma(x, a4);
        a5 = w2.fma(x, a5);
        x = FloatVector.fromArray(S, src, i + (2) * row);
        a2 = w0.fma(x, a2);
        a3 = w1.fma(x, a3);
        a4 = w2.fma(x, a4);
        x = FloatVector.fromArray(S, src, i + (1) * row);
        a1 = w0.fma(x, a1);
        a2 = w1.fma(x, a2);
        a3 = w2.fma(x, a3);
        x = FloatVector.fromArray(S, src, i + (0) * row);
        a0 = w0.fma(x, a0);
        a1 = w1.fma(x, a1);
        a2 = w2.fma(x, a2);
        x = FloatVector.fromArray(S, src, i + (-1) * row);
        a0 = w1.fma(x, a0);
        a1 = w2.fma(x, a1);
        x = FloatVector.fromArray(S, src, i + (-2) * row);
        a0 = w2.fma(x, a0);
      }
    }
    a0.intoArray(dst, d + 0 * dstRow);
    a1.intoArray(dst, d + 1 * dstRow);
    a2.intoArray(dst, d + 2 * dstRow);
    a3.intoArray(dst, d + 3 * dstRow);
    a4.intoArray(dst, d + 4 * dstRow);
    a5.intoArray(dst, d + 5 * dstRow);
    a6.intoArray(dst, d + 6 * dstRow);
    a7.intoArray(dst, d + 7 * dstRow);
  }


  private static void flat8(float[] coef, int co, int nTaps, int[] tapOff, float[] src, int s, float[] dst, int d) {
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = FloatVector.zero(S);
    FloatVector s2 = FloatVector.zero(S);
    FloatVector s3 = FloatVector.zero(S);
    FloatVector s4 = FloatVector.zero(S);
    FloatVector s5 = FloatVector.zero(S);
    FloatVector s6 = FloatVector.zero(S);
    FloatVector s7 = FloatVector.zero(S);
    for (int t = 0; t < nTaps; t++) {
      FloatVector w = FloatVector.broadcast(S, coef[co + t]);
      int i = s + tapOff[t];
      s0 = w.fma(FloatVector.fromArray(S, src, i), s0);
      s1 = w.fma(FloatVector.fromArray(S, src, i + L), s1);
      s2 = w.fma(FloatVector.fromArray(S, src, i + 2 * L), s2);
      s3 = w.fma(FloatVector.fromArray(S, src, i + 3 * L), s3);
      s4 = w.fma(FloatVector.fromArray(S, src, i + 4 * L), s4);
      s5 = w.fma(FloatVector.fromArray(S, src, i + 5 * L), s5);
      s6 = w.fma(FloatVector.fromArray(S, src, i + 6 * L), s6);
      s7 = w.fma(FloatVector.fromArray(S, src, i + 7 * L), s7);
    }
    s0.intoArray(dst, d);
    s1.intoArray(dst, d + L);
    s2.intoArray(dst, d + 2 * L);
    s3.intoArray(dst, d + 3 * L);
    s4.intoArray(dst, d + 4 * L);
    s5.intoArray(dst, d + 5 * L);
    s6.intoArray(dst, d + 6 * L);
    s7.intoArray(dst, d + 7 * L);
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
