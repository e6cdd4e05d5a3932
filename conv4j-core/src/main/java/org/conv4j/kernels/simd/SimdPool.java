package org.conv4j.kernels.simd;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector kernels of 2-D max pooling over uniform windows (every window inside the input, one size
 * and stride per axis, dilation 1), the twins of {@code org.conv4j.kernels.MaxPoolPlanes}' scalar
 * loops:
 * <ul>
 *   <li>forward with indices, vectorised along a row of outputs, for a column stride of 1
 *       (contiguous taps) or 2 (each tap's even lanes picked from two loads): the taps are visited
 *       in the scalar loop's row-major order with its rule ({@code v > max || isNaN(v)}), so values
 *       and indices are the same bits; the indices are written as float64 (the index tensor's
 *       dtype) straight from the integer lanes;
 *   <li>the dense backward of windows that tile their rows ({@code kw = sw = 2}): every input of a
 *       window row gets {@code dy} where the window's index points at it and 0 elsewhere, written
 *       as whole vectors; it reports an index outside its own window (the caller then runs the
 *       general scatter), so it is exact for any index tensor it accepts.
 * </ul>
 * Geometry arguments: input plane {@code ih×iw} from {@code xOff + p·ih·iw}, output plane
 * {@code oh×ow} from {@code outOff + p·oh·ow}, window {@code kh×kw}, stride {@code sh×sw}, first
 * window at {@code (h0, w0)}. Each call is single-threaded and allocates nothing but vectors.
 */
public final class SimdPool {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;
  private static final VectorSpecies<Float> F4 = FloatVector.SPECIES_128;
  private static final int FL = 8;
  private static final int DL = 4;
  /** Even lanes of a float vector into its low half, odd lanes into its high half. */
  static final VectorShuffle<Float> F_SPLIT = VectorShuffle.fromValues(F, 0, 2, 4, 6, 1, 3, 5, 7);
  /** Even lanes to the high half, odd to the low half (for the second vector of a pair). */
  private static final VectorShuffle<Float> F_SPLIT_HI = VectorShuffle.fromValues(F, 1, 3, 5, 7, 0, 2, 4, 6);
  private static final VectorMask<Float> F_HIGH = VectorMask.fromLong(F, 0xF0L);
  /** {@code [0, 0, 1, 1, 2, 2, 3, 3]} and {@code [4, 4, 5, 5, 6, 6, 7, 7]}: lanes doubled up. */
  private static final VectorShuffle<Float> F_DUP_LO = VectorShuffle.fromValues(F, 0, 0, 1, 1, 2, 2, 3, 3);
  private static final VectorShuffle<Float> F_DUP_HI = VectorShuffle.fromValues(F, 4, 4, 5, 5, 6, 6, 7, 7);
  private static final VectorMask<Float> F_ODD = VectorMask.fromLong(F, 0xAAL);
  private static final VectorShuffle<Double> D_SPLIT = VectorShuffle.fromValues(D, 0, 2, 1, 3);
  private static final VectorShuffle<Double> D_SPLIT_HI = VectorShuffle.fromValues(D, 1, 3, 0, 2);
  private static final VectorMask<Double> D_HIGH = VectorMask.fromLong(D, 0xCL);
  private static final VectorShuffle<Double> D_DUP_LO = VectorShuffle.fromValues(D, 0, 0, 1, 1);
  private static final VectorShuffle<Double> D_DUP_HI = VectorShuffle.fromValues(D, 2, 2, 3, 3);
  private static final VectorMask<Double> D_ODD = VectorMask.fromLong(D, 0xAL);

  private SimdPool() {}

  /** Whether {@link #maxPool2d} vectorises this column stride (1 or 2). */
  public static boolean forwardSupports(int sw) {
    return sw == 1 || sw == 2;
  }

  /**
   * Max pooling forward over {@code planes} planes; {@code sw} must be 1 or 2. A row's last outputs
   * run as a partial vector; rows whose loads would pass the array's end run the scalar rule.
   *
   * @param y values, modified
   * @param idx flat offsets into each input plane as doubles, modified
   */
  public static void maxPool2d(float[] x, int xOff, float[] y, double[] idx, int outOff, int planes,
      int ih, int iw, int oh, int ow, int kh, int kw, int sh, int sw, int h0, int w0) {
    maxPool2d(x, xOff, y, idx, null, outOff, planes, ih, iw, oh, ow, kh, kw, sh, sw, h0, w0);
  }

  /**
   * {@link #maxPool2d(float[], int, float[], double[], int, int, int, int, int, int, int, int, int, int, int, int)}
   * with the indices as ints (the fused LeNet layer keeps them so).
   */
  public static void maxPool2d(float[] x, int xOff, float[] y, int[] idx, int outOff, int planes,
      int ih, int iw, int oh, int ow, int kh, int kw, int sh, int sw, int h0, int w0) {
    maxPool2d(x, xOff, y, null, idx, outOff, planes, ih, iw, oh, ow, kh, kw, sh, sw, h0, w0);
  }

  /** The float32 forward: indices to {@code idx} (doubles) or, when it is null, to {@code iidx}. */
  private static void maxPool2d(float[] x, int xOff, float[] y, double[] idx, int[] iidx, int outOff, int planes,
      int ih, int iw, int oh, int ow, int kh, int kw, int sh, int sw, int h0, int w0) {
    float[] ys = new float[FL];
    int[] is = new int[FL];
    boolean pairs = ow == FL / 2 && oh > 1;
    for (int p = 0; p < planes; p++) {
      int base = xOff + p * ih * iw;
      int o = outOff + p * oh * ow;
      int r = 0;
      if (pairs) {
        // rows of 4 outputs: two rows per vector (lanes 0–3 row r, 4–7 row r + 1)
        int done = rowPairs(x, base, y, idx, iidx, o, oh, iw, kh, kw, sh, sw, h0 * iw + w0, is);
        r = done;
        o += done * ow;
      }
      for (; r < oh; r++, o += ow) {
        int top = (h0 + r * sh) * iw + w0;
        // the loads of a vector of outputs from q reach its last tap's column plus 8 (or 16) lanes
        long reach = (long) base + top + (kh - 1) * iw + (kw - 1) + (sw == 2 ? 2 * FL : FL);
        int q = reach <= x.length ? rowVectors(x, base, y, idx, iidx, o, top, ow, iw, kh, kw, sw, ys, is) : 0;
        if (q < ow) {
          rowScalar(x, base, y, idx, iidx, o, top, q, ow, iw, kh, kw, sw);
        }
      }
    }
  }

  /**
   * Rows of exactly 4 outputs, two per vector, from row 0 while the loads stay in the array (and a
   * partner row exists); returns the number of rows done (even).
   */
  private static int rowPairs(float[] x, int base, float[] y, double[] idx, int[] iidx, int o, int oh, int iw, int kh, int kw, int sh,
      int sw, int corner, int[] is) {
    int next = sh * iw;
    IntVector iota = IntVector.zero(I).addIndex(sw).blend(IntVector.zero(I).addIndex(sw).add(next - 4 * sw), F_HIGH.cast(I));
    int extra = (sw == 2 ? FL : FL / 2);
    int r = 0;
    for (; r + 1 < oh; r += 2, o += FL) {
      int first = corner + r * next;
      // furthest load: the partner row's last tap row, last tap column, plus the load's lanes
      if ((long) base + first + next + (kh - 1) * iw + (kw - 1) + extra > x.length) {
        break;
      }
      FloatVector max = pair(x, base + first, next, sw);
      IntVector arg = iota.add(first);
      for (int th = 0; th < kh; th++) {
        int row = first + th * iw;
        for (int tw = th == 0 ? 1 : 0; tw < kw; tw++) {
          FloatVector v = pair(x, base + row + tw, next, sw);
          VectorMask<Float> take = v.compare(VectorOperators.GT, max).or(v.compare(VectorOperators.NE, v));
          max = max.blend(v, take);
          arg = arg.blend(iota.add(row + tw), take.cast(I));
        }
      }
      max.intoArray(y, o);
      if (idx == null) {
        arg.intoArray(iidx, o);
      } else {
        arg.intoArray(is, 0);
        for (int i = 0; i < FL; i++) {
          idx[o + i] = is[i];
        }
      }
    }
    return r;
  }

  /**
   * Lanes 0–3: {@code x[at + j·sw]}; lanes 4–7: {@code x[at + next + j·sw]}, {@code j < 4}.
   */
  private static FloatVector pair(float[] x, int at, int next, int sw) {
    if (sw == 2) {
      FloatVector a = FloatVector.fromArray(F, x, at).rearrange(F_SPLIT);
      FloatVector b = FloatVector.fromArray(F, x, at + next).rearrange(F_SPLIT_HI);
      return a.blend(b, F_HIGH);
    }
    FloatVector a = FloatVector.fromArray(F, x, at);
    FloatVector b = FloatVector.fromArray(F, x, at + next - FL / 2);
    return a.blend(b, F_HIGH);
  }

  /**
   * One row of outputs in vectors of 8 from q = 0 while the loads stay in the array; returns where
   * it stopped. The last, partial vector is stored through {@code ys}/{@code is}.
   */
  private static int rowVectors(float[] x, int base, float[] y, double[] idx, int[] iidx, int o, int top, int ow, int iw, int kh,
      int kw, int sw, float[] ys, int[] is) {
    IntVector iota = IntVector.zero(I).addIndex(sw);
    // the largest q whose loads end inside x
    long room = Math.floorDiv((long) x.length - ((long) base + top + (kh - 1) * iw + (kw - 1) + (sw == 2 ? 2 * FL : FL)), (long) sw);
    int q = 0;
    for (; q < ow; q += FL) {
      // a row's last vector overlaps the one before (same values again) when the row has 8 or more
      q = ow >= FL ? Math.min(q, ow - FL) : q;
      if (q > room) {
        break;
      }
      int first = top + q * sw;
      // the first tap is taken as is (the scalar rule from −∞ keeps it, index included)
      FloatVector max = sw == 1 ? FloatVector.fromArray(F, x, base + first) : evens(x, base + first);
      IntVector arg = iota.add(first);
      for (int th = 0; th < kh; th++) {
        int row = first + th * iw;
        for (int tw = th == 0 ? 1 : 0; tw < kw; tw++) {
          FloatVector v = sw == 1 ? FloatVector.fromArray(F, x, base + row + tw) : evens(x, base + row + tw);
          VectorMask<Float> take = v.compare(VectorOperators.GT, max).or(v.compare(VectorOperators.NE, v));
          max = max.blend(v, take);
          arg = arg.blend(iota.add(row + tw), take.cast(I));
        }
      }
      int lanes = Math.min(FL, ow - q);
      arg.intoArray(is, 0);
      if (lanes == FL) {
        max.intoArray(y, o + q);
      } else {
        max.intoArray(ys, 0);
        System.arraycopy(ys, 0, y, o + q, lanes);
      }
      if (idx == null) {
        System.arraycopy(is, 0, iidx, o + q, lanes);
      } else {
        for (int i = 0; i < lanes; i++) {
          idx[o + q + i] = is[i];
        }
      }
    }
    return Math.min(q, ow);
  }

  private static void rowScalar(float[] x, int base, float[] y, double[] idx, int[] iidx, int o, int top, int q0, int ow, int iw,
      int kh, int kw, int sw) {
    for (int q = q0; q < ow; q++) {
      int first = top + q * sw;
      float m = Float.NEGATIVE_INFINITY;
      int a = first;
      for (int th = 0, row = first; th < kh; th++, row += iw) {
        for (int tw = 0; tw < kw; tw++) {
          float v = x[base + row + tw];
          if (v > m || Float.isNaN(v)) {
            m = v;
            a = row + tw;
          }
        }
      }
      y[o + q] = m;
      if (idx == null) {
        iidx[o + q] = a;
      } else {
        idx[o + q] = a;
      }
    }
  }

  /** {@code x[at], x[at + 2], …, x[at + 14]}: the even lanes of two consecutive loads. */
  static FloatVector evens(float[] x, int at) {
    FloatVector a = FloatVector.fromArray(F, x, at).rearrange(F_SPLIT);
    FloatVector b = FloatVector.fromArray(F, x, at + FL).rearrange(F_SPLIT_HI);
    return a.blend(b, F_HIGH);
  }

  /** Float64 twin of {@link #maxPool2d(float[], int, float[], double[], int, int, int, int, int, int, int, int, int, int, int, int)}. */
  public static void maxPool2d(double[] x, int xOff, double[] y, double[] idx, int outOff, int planes,
      int ih, int iw, int oh, int ow, int kh, int kw, int sh, int sw, int h0, int w0) {
    double[] ys = new double[2 * DL];
    for (int p = 0; p < planes; p++) {
      int base = xOff + p * ih * iw;
      int o = outOff + p * oh * ow;
      for (int r = 0; r < oh; r++, o += ow) {
        int top = (h0 + r * sh) * iw + w0;
        long reach = (long) base + top + (kh - 1) * iw + (kw - 1) + (sw == 2 ? 2 * DL : DL);
        int q = reach <= x.length ? rowVectors(x, base, y, idx, o, top, ow, iw, kh, kw, sw, ys) : 0;
        if (q < ow) {
          rowScalar(x, base, y, idx, o, top, q, ow, iw, kh, kw, sw);
        }
      }
    }
  }

  private static int rowVectors(double[] x, int base, double[] y, double[] idx, int o, int top, int ow, int iw, int kh,
      int kw, int sw, double[] ys) {
    DoubleVector iota = DoubleVector.zero(D).addIndex(sw);
    long room = Math.floorDiv((long) x.length - ((long) base + top + (kh - 1) * iw + (kw - 1) + (sw == 2 ? 2 * DL : DL)), (long) sw);
    int q = 0;
    for (; q < ow; q += DL) {
      q = ow >= DL ? Math.min(q, ow - DL) : q;
      if (q > room) {
        break;
      }
      int first = top + q * sw;
      DoubleVector max = sw == 1 ? DoubleVector.fromArray(D, x, base + first) : evens(x, base + first);
      DoubleVector arg = iota.add(first);
      for (int th = 0; th < kh; th++) {
        int row = first + th * iw;
        for (int tw = th == 0 ? 1 : 0; tw < kw; tw++) {
          DoubleVector v = sw == 1 ? DoubleVector.fromArray(D, x, base + row + tw) : evens(x, base + row + tw);
          VectorMask<Double> take = v.compare(VectorOperators.GT, max).or(v.compare(VectorOperators.NE, v));
          max = max.blend(v, take);
          arg = arg.blend(iota.add(row + tw), take);
        }
      }
      int lanes = Math.min(DL, ow - q);
      if (lanes == DL) {
        max.intoArray(y, o + q);
        arg.intoArray(idx, o + q);
      } else {
        max.intoArray(ys, 0);
        arg.intoArray(ys, DL);
        System.arraycopy(ys, 0, y, o + q, lanes);
        System.arraycopy(ys, DL, idx, o + q, lanes);
      }
    }
    return Math.min(q, ow);
  }

  private static void rowScalar(double[] x, int base, double[] y, double[] idx, int o, int top, int q0, int ow, int iw,
      int kh, int kw, int sw) {
    for (int q = q0; q < ow; q++) {
      int first = top + q * sw;
      double m = Double.NEGATIVE_INFINITY;
      int a = first;
      for (int th = 0, row = first; th < kh; th++, row += iw) {
        for (int tw = 0; tw < kw; tw++) {
          double v = x[base + row + tw];
          if (v > m || Double.isNaN(v)) {
            m = v;
            a = row + tw;
          }
        }
      }
      y[o + q] = m;
      idx[o + q] = a;
    }
  }

  static DoubleVector evens(double[] x, int at) {
    DoubleVector a = DoubleVector.fromArray(D, x, at).rearrange(D_SPLIT);
    DoubleVector b = DoubleVector.fromArray(D, x, at + DL).rearrange(D_SPLIT_HI);
    return a.blend(b, D_HIGH);
  }

  /**
   * The dense backward of windows {@code kh × 2} with strides {@code (kh, 2)} (each input row of a
   * window row is covered by exactly one window): {@code dx} at a window's inputs becomes {@code dy}
   * where the window's index points and 0 elsewhere. Inputs outside every window are not written
   * ({@code dx} must hold zeros there). A row's last windows run as a partial vector through small
   * buffers.
   *
   * @param dx modified
   * @param scratch at least {@code ow + 8} ints, modified
   * @return false, with {@code dx} partly written, when some index is not an integer pointing into
   *     its own window (the caller then runs the general scatter over a fresh {@code dx})
   */
  public static boolean maxPoolBackwardTiled(float[] dy, int dyOff, double[] idx, int idxOff, int planes, float[] dx, int dxOff,
      int ih, int iw, int oh, int ow, int kh, int h0, int w0, int[] scratch) {
    float[] buf = new float[3 * FL];
    boolean pairs = ow == FL / 2;
    for (int p = 0; p < planes; p++) {
      int o = dyOff + p * oh * ow;
      int oi = idxOff + p * oh * ow;
      int plane = dxOff + p * ih * iw;
      int r = 0;
      if (pairs) {
        // rows of 4 windows, two rows per vector
        for (; r + 1 < oh; r += 2, o += FL, oi += FL) {
          if (!toInts(idx, oi, FL, scratch)
              || !rowPairBackward(dy, o, dx, plane, (h0 + r * kh) * iw + w0, iw, kh, scratch)) {
            return false;
          }
        }
      }
      for (; r < oh; r++, o += ow, oi += ow) {
        if (!toInts(idx, oi, ow, scratch)) {
          return false;
        }
        if (!rowBackward(dy, o, dx, plane, (h0 + r * kh) * iw + w0, iw, ow, kh, scratch, buf)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * One row of windows: {@code at[q]} holds window q's index in its plane, {@code top} is the plane
   * offset of the window row's top-left input and {@code plane} the plane's start in {@code dx};
   * false when a window's index is outside its window.
   */
  private static boolean rowBackward(float[] dy, int o, float[] dx, int plane, int top, int iw, int ow, int kh, int[] at,
      float[] buf) {
    IntVector iota = IntVector.zero(I).addIndex(2);
    for (int q = 0; q < ow; q += FL) {
      // the last vector overlaps the one before (the same values are written again)
      q = ow >= FL ? Math.min(q, ow - FL) : q;
      int lanes = Math.min(FL, ow - q);
      FloatVector g;
      if (lanes == FL) {
        g = FloatVector.fromArray(F, dy, o + q);
      } else {
        Arrays.fill(buf, 0, FL, 0f);
        System.arraycopy(dy, o + q, buf, 0, lanes);
        g = FloatVector.fromArray(F, buf, 0);
      }
      // + 0 as the scatter into zeros does: −0 becomes +0
      g = g.add(0f);
      IntVector ai = IntVector.fromArray(I, at, q);
      IntVector start = iota.add(top + 2 * q);
      long seen = 0;
      for (int th = 0; th < kh; th++) {
        IntVector left = start.add(th * iw);
        VectorMask<Integer> ml = ai.eq(left);
        VectorMask<Integer> mr = ai.eq(left.add(1));
        seen |= ml.or(mr).toLong();
        FloatVector a = FloatVector.zero(F).blend(g, ml.cast(F));
        FloatVector b = FloatVector.zero(F).blend(g, mr.cast(F));
        FloatVector z0 = a.rearrange(F_DUP_LO).blend(b.rearrange(F_DUP_LO), F_ODD);
        FloatVector z1 = a.rearrange(F_DUP_HI).blend(b.rearrange(F_DUP_HI), F_ODD);
        int d = plane + top + th * iw + 2 * q;
        if (lanes == FL) {
          z0.intoArray(dx, d);
          z1.intoArray(dx, d + FL);
        } else {
          z0.intoArray(buf, FL);
          z1.intoArray(buf, 2 * FL);
          System.arraycopy(buf, FL, dx, d, 2 * lanes);
        }
      }
      long all = (1L << lanes) - 1;
      if ((seen & all) != all) {
        return false;
      }
    }
    return true;
  }

  /** Two rows of 4 windows (lanes 0–3 the row at {@code top}, 4–7 the next window row). */
  private static boolean rowPairBackward(float[] dy, int o, float[] dx, int plane, int top, int iw, int kh, int[] at) {
    int next = kh * iw;
    IntVector iota = IntVector.zero(I).addIndex(2).blend(IntVector.zero(I).addIndex(2).add(next - FL), F_HIGH.cast(I));
    FloatVector g = FloatVector.fromArray(F, dy, o).add(0f);
    IntVector ai = IntVector.fromArray(I, at, 0);
    IntVector start = iota.add(top);
    VectorMask<Integer> seen = VectorMask.fromLong(I, 0L);
    for (int th = 0; th < kh; th++) {
      IntVector left = start.add(th * iw);
      VectorMask<Integer> ml = ai.eq(left);
      VectorMask<Integer> mr = ai.eq(left.add(1));
      seen = seen.or(ml).or(mr);
      FloatVector a = FloatVector.zero(F).blend(g, ml.cast(F));
      FloatVector b = FloatVector.zero(F).blend(g, mr.cast(F));
      int d = plane + top + th * iw;
      a.rearrange(F_DUP_LO).blend(b.rearrange(F_DUP_LO), F_ODD).intoArray(dx, d);
      a.rearrange(F_DUP_HI).blend(b.rearrange(F_DUP_HI), F_ODD).intoArray(dx, d + next);
    }
    return seen.allTrue();
  }

  /** Float64 twin of {@link #maxPoolBackwardTiled(float[], int, double[], int, int, float[], int, int, int, int, int, int, int, int, int[])}. */
  public static boolean maxPoolBackwardTiled(double[] dy, int dyOff, double[] idx, int idxOff, int planes, double[] dx, int dxOff,
      int ih, int iw, int oh, int ow, int kh, int h0, int w0, int[] scratch) {
    double[] buf = new double[4 * DL];
    for (int p = 0; p < planes; p++) {
      int o = dyOff + p * oh * ow;
      int oi = idxOff + p * oh * ow;
      int plane = dxOff + p * ih * iw;
      for (int r = 0; r < oh; r++, o += ow, oi += ow) {
        if (!rowBackward(dy, o, idx, oi, dx, plane, (h0 + r * kh) * iw + w0, iw, ow, kh, buf)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean rowBackward(double[] dy, int o, double[] idx, int oi, double[] dx, int plane, int top, int iw, int ow,
      int kh, double[] buf) {
    DoubleVector iota = DoubleVector.zero(D).addIndex(2);
    for (int q = 0; q < ow; q += DL) {
      q = ow >= DL ? Math.min(q, ow - DL) : q;
      int lanes = Math.min(DL, ow - q);
      DoubleVector g;
      DoubleVector ai;
      if (lanes == DL) {
        g = DoubleVector.fromArray(D, dy, o + q);
        ai = DoubleVector.fromArray(D, idx, oi + q);
      } else {
        Arrays.fill(buf, 0, 2 * DL, -1.0);
        System.arraycopy(dy, o + q, buf, 0, lanes);
        System.arraycopy(idx, oi + q, buf, DL, lanes);
        g = DoubleVector.fromArray(D, buf, 0);
        ai = DoubleVector.fromArray(D, buf, DL);
      }
      g = g.add(0.0);
      DoubleVector start = iota.add(top + 2 * q);
      long seen = 0;
      for (int th = 0; th < kh; th++) {
        DoubleVector left = start.add(th * iw);
        VectorMask<Double> ml = ai.eq(left);
        VectorMask<Double> mr = ai.eq(left.add(1));
        seen |= ml.or(mr).toLong();
        DoubleVector a = DoubleVector.zero(D).blend(g, ml);
        DoubleVector b = DoubleVector.zero(D).blend(g, mr);
        DoubleVector z0 = a.rearrange(D_DUP_LO).blend(b.rearrange(D_DUP_LO), D_ODD);
        DoubleVector z1 = a.rearrange(D_DUP_HI).blend(b.rearrange(D_DUP_HI), D_ODD);
        int d = plane + top + th * iw + 2 * q;
        if (lanes == DL) {
          z0.intoArray(dx, d);
          z1.intoArray(dx, d + DL);
        } else {
          z0.intoArray(buf, 2 * DL);
          z1.intoArray(buf, 3 * DL);
          System.arraycopy(buf, 2 * DL, dx, d, 2 * lanes);
        }
      }
      long all = (1L << lanes) - 1;
      if ((seen & all) != all) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code scratch[0:n] = (int) idx[o:o+n]}, false if some value is not an integer in int range
   * (NaN, a fraction, ±∞ or too large).
   */
  private static boolean toInts(double[] idx, int o, int n, int[] scratch) {
    for (int q = 0; q < n; q++) {
      double v = idx[o + q];
      int i = (int) v;
      if (i != v) {
        return false;
      }
      scratch[q] = i;
    }
    return true;
  }

  // ------------------------------------------------------------------------------------------
  // Average pooling

  /**
   * Average pooling forward over uniform windows ({@code sw} 1 or 2): each output is the window's
   * sum in double, taps in row-major order from 0 (the scalar kernel's order, so the same bits),
   * divided by {@code div} and, for float32, rounded once. Four outputs per vector (double lanes);
   * a row's last vector overlaps the one before; rows shorter than 4, or whose loads would pass the
   * array's end, run the scalar loop.
   */
  public static void avgPool2d(float[] x, int xOff, float[] y, int yOff, int planes, int ih, int iw, int oh, int ow,
      int kh, int kw, int sh, int sw, int h0, int w0, double div) {
    for (int p = 0; p < planes; p++) {
      int base = xOff + p * ih * iw;
      int o = yOff + p * oh * ow;
      for (int r = 0; r < oh; r++, o += ow) {
        int top = (h0 + r * sh) * iw + w0;
        int q = ow >= DL ? avgRow(x, base, y, o, top, ow, iw, kh, kw, sw, div) : 0;
        for (; q < ow; q++) {
          double sum = 0;
          for (int th = 0, row = base + top + q * sw; th < kh; th++, row += iw) {
            for (int tw = 0; tw < kw; tw++) {
              sum += x[row + tw];
            }
          }
          y[o + q] = (float) (sum / div);
        }
      }
    }
  }

  /** One row of {@link #avgPool2d(float[], int, float[], int, int, int, int, int, int, int, int, int, int, int, int, double)}; returns where it stopped. */
  private static int avgRow(float[] x, int base, float[] y, int o, int top, int ow, int iw, int kh, int kw, int sw,
      double div) {
    long room = Math.floorDiv((long) x.length - ((long) base + top + (kh - 1) * iw + (kw - 1) + (sw == 2 ? FL : DL)), (long) sw);
    int q = 0;
    for (; q < ow; q += DL) {
      q = Math.min(q, ow - DL);
      if (q > room) {
        return q;
      }
      int first = base + top + q * sw;
      DoubleVector sum = DoubleVector.zero(D);
      for (int th = 0; th < kh; th++) {
        int row = first + th * iw;
        for (int tw = 0; tw < kw; tw++) {
          FloatVector v = sw == 1
              ? FloatVector.fromArray(F4, x, row + tw)
              : (FloatVector) FloatVector.fromArray(F, x, row + tw).rearrange(F_SPLIT).reinterpretShape(F4, 0);
          sum = sum.add((DoubleVector) v.convertShape(VectorOperators.F2D, D, 0));
        }
      }
      ((FloatVector) sum.div(div).convertShape(VectorOperators.D2F, F4, 0)).intoArray(y, o + q);
    }
    return ow;
  }

  /** Float64 twin of {@link #avgPool2d(float[], int, float[], int, int, int, int, int, int, int, int, int, int, int, int, double)}. */
  public static void avgPool2d(double[] x, int xOff, double[] y, int yOff, int planes, int ih, int iw, int oh, int ow,
      int kh, int kw, int sh, int sw, int h0, int w0, double div) {
    for (int p = 0; p < planes; p++) {
      int base = xOff + p * ih * iw;
      int o = yOff + p * oh * ow;
      for (int r = 0; r < oh; r++, o += ow) {
        int top = (h0 + r * sh) * iw + w0;
        int q = ow >= DL ? avgRow(x, base, y, o, top, ow, iw, kh, kw, sw, div) : 0;
        for (; q < ow; q++) {
          double sum = 0;
          for (int th = 0, row = base + top + q * sw; th < kh; th++, row += iw) {
            for (int tw = 0; tw < kw; tw++) {
              sum += x[row + tw];
            }
          }
          y[o + q] = sum / div;
        }
      }
    }
  }

  private static int avgRow(double[] x, int base, double[] y, int o, int top, int ow, int iw, int kh, int kw, int sw,
      double div) {
    long room = Math.floorDiv((long) x.length - ((long) base + top + (kh - 1) * iw + (kw - 1) + (sw == 2 ? 2 * DL : DL)), (long) sw);
    int q = 0;
    for (; q < ow; q += DL) {
      q = Math.min(q, ow - DL);
      if (q > room) {
        return q;
      }
      int first = base + top + q * sw;
      DoubleVector sum = DoubleVector.zero(D);
      for (int th = 0; th < kh; th++) {
        int row = first + th * iw;
        for (int tw = 0; tw < kw; tw++) {
          sum = sum.add(sw == 1 ? DoubleVector.fromArray(D, x, row + tw) : evens(x, row + tw));
        }
      }
      sum.div(div).intoArray(y, o + q);
    }
    return ow;
  }

  /**
   * The dense average-pooling backward of windows {@code kh × 2} with strides {@code (kh, 2)}: every
   * input of a window gets {@code dy/div} (in double, then rounded once for float32: each input has
   * one window, so this is the scatter's sum exactly). Inputs outside every window are not written.
   */
  public static void avgPoolBackwardTiled(float[] dy, int dyOff, int planes, float[] dx, int dxOff, int ih, int iw, int oh,
      int ow, int kh, int h0, int w0, double div) {
    for (int p = 0; p < planes; p++) {
      int o = dyOff + p * oh * ow;
      int plane = dxOff + p * ih * iw;
      for (int r = 0; r < oh; r++, o += ow) {
        int top = plane + (h0 + r * kh) * iw + w0;
        int q = ow >= DL ? avgBackRow(dy, o, dx, top, ow, iw, kh, div) : 0;
        for (; q < ow; q++) {
          float g = (float) (dy[o + q] / div + 0.0);
          for (int th = 0, row = top + 2 * q; th < kh; th++, row += iw) {
            dx[row] = g;
            dx[row + 1] = g;
          }
        }
      }
    }
  }

  private static int avgBackRow(float[] dy, int o, float[] dx, int top, int ow, int iw, int kh, double div) {
    for (int q = 0; q < ow; q += DL) {
      q = Math.min(q, ow - DL);
      DoubleVector g = ((DoubleVector) FloatVector.fromArray(F4, dy, o + q).convertShape(VectorOperators.F2D, D, 0)).div(div).add(0.0);
      FloatVector lo = (FloatVector) g.rearrange(D_DUP_LO).convertShape(VectorOperators.D2F, F4, 0);
      FloatVector hi = (FloatVector) g.rearrange(D_DUP_HI).convertShape(VectorOperators.D2F, F4, 0);
      for (int th = 0, row = top + 2 * q; th < kh; th++, row += iw) {
        lo.intoArray(dx, row);
        hi.intoArray(dx, row + DL);
      }
    }
    return ow;
  }

  /** Float64 twin of {@link #avgPoolBackwardTiled(float[], int, int, float[], int, int, int, int, int, int, int, int, double)}. */
  public static void avgPoolBackwardTiled(double[] dy, int dyOff, int planes, double[] dx, int dxOff, int ih, int iw, int oh,
      int ow, int kh, int h0, int w0, double div) {
    for (int p = 0; p < planes; p++) {
      int o = dyOff + p * oh * ow;
      int plane = dxOff + p * ih * iw;
      for (int r = 0; r < oh; r++, o += ow) {
        int top = plane + (h0 + r * kh) * iw + w0;
        int q = 0;
        if (ow >= DL) {
          for (; q < ow; q += DL) {
            q = Math.min(q, ow - DL);
            DoubleVector g = DoubleVector.fromArray(D, dy, o + q).div(div).add(0.0);
            DoubleVector lo = g.rearrange(D_DUP_LO);
            DoubleVector hi = g.rearrange(D_DUP_HI);
            for (int th = 0, row = top + 2 * q; th < kh; th++, row += iw) {
              lo.intoArray(dx, row);
              hi.intoArray(dx, row + DL);
            }
          }
        }
        for (; q < ow; q++) {
          double g = dy[o + q] / div + 0.0;
          for (int th = 0, row = top + 2 * q; th < kh; th++, row += iw) {
            dx[row] = g;
            dx[row + 1] = g;
          }
        }
      }
    }
  }
}
