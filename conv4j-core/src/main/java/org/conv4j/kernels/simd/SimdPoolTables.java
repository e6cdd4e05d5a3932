package org.conv4j.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector kernels of table-driven max and average pooling (any rank up to 3, padding, dilation,
 * overlapping windows, ceil-mode overhang, Theano's windows), the twins of
 * {@code org.conv4j.kernels.PoolKernels.maxPool}/{@code avgPool}'s table loops. The windows come as
 * {@link PoolWindows}: outputs along the last axis whose windows have the same shape and equally
 * spaced first taps run as vectors (max: 8 float or 4 double lanes; average: 4 lanes summed in
 * double), the rest one at a time with the scalar loop. Taps are loaded contiguously (column stride
 * 1), as the even lanes of two loads (stride 2) or gathered (other strides).
 *
 * <p>Every lane visits its window's taps in the reference's row-major order with the reference's
 * arithmetic — max: from {@code −∞}, index of the first tap, take {@code v > max || isNaN(v)}; average:
 * the sum from 0 in double, divided by {@code rowDiv[r] · wDiv[q]} — so values and indices are the
 * same bits. Inputs {@code (planes, d, h, w)} from {@code xOff + p·d·h·w}; outputs from
 * {@code outOff + p·od·oh·ow}. Single-threaded; allocates nothing but small scratch arrays.
 */
public final class SimdPoolTables {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
  private static final VectorSpecies<Float> F4 = FloatVector.SPECIES_128;
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
  private static final VectorSpecies<Integer> I4 = IntVector.SPECIES_128;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;
  private static final int FL = 8;
  private static final int DL = 4;

  private SimdPoolTables() {}

  /** Lanes per vector of {@link #maxPool(float[], int, float[], double[], int, int, PoolWindows)}. */
  public static final int MAX_FLOAT_LANES = FL;
  /** Lanes per vector of the float64 max pooling and of both average poolings. */
  public static final int LANES4 = DL;

  // ------------------------------------------------------------------------------------------
  // Max pooling

  /**
   * Max pooling forward; {@code g.lanes()} must be {@link #MAX_FLOAT_LANES}.
   *
   * @param y values, modified
   * @param idx flat offsets into each input plane as doubles, or null for none; modified
   */
  public static void maxPool(float[] x, int xOff, float[] y, double[] idx, int outOff, int planes, PoolWindows g) {
    check(g, FL);
    int hw = g.h() * g.w();
    int inPlane = g.d() * hw;
    int outPlane = g.od() * g.oh() * g.ow();
    int[] is = new int[FL];
    int[] map = new int[FL];
    for (int p = 0; p < planes; p++) {
      int base = xOff + p * inPlane;
      for (int od = 0; od < g.od(); od++) {
        for (int oh = 0; oh < g.oh(); oh++) {
          int o = outOff + p * outPlane + (od * g.oh() + oh) * g.ow();
          if (g.dCount()[od] == 0 || g.hCount()[oh] == 0) {
            for (int q = 0; q < g.ow(); q++) {
              y[o + q] = Float.NEGATIVE_INFINITY;
              if (idx != null) {
                idx[o + q] = -1;
              }
            }
            continue;
          }
          maxVectors(x, base, y, idx, o, g, od, oh, hw, is, map);
          for (int q : g.oneQ()) {
            maxOne(x, base, y, idx, o, g, od, oh, hw, q);
          }
        }
      }
    }
  }

  /** The vectors of one output row. */
  private static void maxVectors(float[] x, int base, float[] y, double[] idx, int o, PoolWindows g, int od, int oh, int hw,
      int[] is, int[] map) {
    int iw = g.w();
    int d0 = g.dFirst()[od];
    int dc = g.dCount()[od];
    int h0 = g.hFirst()[oh];
    int hc = g.hCount()[oh];
    int[] vq = g.vecQ();
    for (int v = 0; v < vq.length; v++) {
      int q = vq[v];
      int f = g.wFirst()[q];
      int s = g.wFirst()[q + 1] - f;
      int c = g.wCount()[q];
      if (s > 2 && map[1] != s) {
        for (int j = 0; j < FL; j++) {
          map[j] = j * s;
        }
      }
      IntVector lanes = IntVector.zero(I).addIndex(s);
      FloatVector max = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
      IntVector arg = lanes.add(d0 * hw + h0 * iw + f);
      for (int td = 0; td < dc; td++) {
        int dRow = (d0 + td * g.dStep()) * hw;
        for (int th = 0; th < hc; th++) {
          int row = dRow + (h0 + th * g.hStep()) * iw + f;
          for (int tw = 0; tw < c; tw++) {
            int at = row + tw * g.wStep();
            FloatVector xv = load(x, base + at, s, map);
            VectorMask<Float> take = xv.compare(VectorOperators.GT, max).or(xv.compare(VectorOperators.NE, xv));
            max = max.blend(xv, take);
            arg = arg.blend(lanes.add(at), take.cast(I));
          }
        }
      }
      max.intoArray(y, o + q);
      if (idx != null) {
        arg.intoArray(is, 0);
        for (int j = 0; j < FL; j++) {
          idx[o + q + j] = is[j];
        }
      }
    }
  }

  /** Eight taps {@code x[at + j·s]}: one load, the even lanes of two, or a gather through {@code map}. */
  private static FloatVector load(float[] x, int at, int s, int[] map) {
    if (s == 1) {
      return FloatVector.fromArray(F, x, at);
    }
    if (s == 2 && at <= x.length - 2 * FL) {
      return SimdPool.evens(x, at);
    }
    if (s == 2 && map[1] != 2) {
      for (int j = 0; j < FL; j++) {
        map[j] = 2 * j;
      }
    }
    return FloatVector.fromArray(F, x, at, map, 0);
  }

  /** One output with the reference's scalar loop (its row has taps). */
  private static void maxOne(float[] x, int base, float[] y, double[] idx, int o, PoolWindows g, int od, int oh, int hw, int q) {
    int iw = g.w();
    float max = Float.NEGATIVE_INFINITY;
    int arg = -1;
    int c = g.wCount()[q];
    if (c > 0) {
      arg = g.dFirst()[od] * hw + g.hFirst()[oh] * iw + g.wFirst()[q];
      for (int td = 0, d = g.dFirst()[od]; td < g.dCount()[od]; td++, d += g.dStep()) {
        for (int th = 0, h = g.hFirst()[oh]; th < g.hCount()[oh]; th++, h += g.hStep()) {
          int row = d * hw + h * iw;
          for (int tw = 0, w = g.wFirst()[q]; tw < c; tw++, w += g.wStep()) {
            float v = x[base + row + w];
            if (v > max || Float.isNaN(v)) {
              max = v;
              arg = row + w;
            }
          }
        }
      }
    }
    y[o + q] = max;
    if (idx != null) {
      idx[o + q] = arg;
    }
  }

  /** Float64 twin of {@link #maxPool(float[], int, float[], double[], int, int, PoolWindows)}; {@code g.lanes()} must be {@link #LANES4}. */
  public static void maxPool(double[] x, int xOff, double[] y, double[] idx, int outOff, int planes, PoolWindows g) {
    check(g, DL);
    int hw = g.h() * g.w();
    int inPlane = g.d() * hw;
    int outPlane = g.od() * g.oh() * g.ow();
    int[] is = new int[DL];
    int[] map = new int[DL];
    for (int p = 0; p < planes; p++) {
      int base = xOff + p * inPlane;
      for (int od = 0; od < g.od(); od++) {
        for (int oh = 0; oh < g.oh(); oh++) {
          int o = outOff + p * outPlane + (od * g.oh() + oh) * g.ow();
          if (g.dCount()[od] == 0 || g.hCount()[oh] == 0) {
            for (int q = 0; q < g.ow(); q++) {
              y[o + q] = Double.NEGATIVE_INFINITY;
              if (idx != null) {
                idx[o + q] = -1;
              }
            }
            continue;
          }
          maxVectors(x, base, y, idx, o, g, od, oh, hw, is, map);
          for (int q : g.oneQ()) {
            maxOne(x, base, y, idx, o, g, od, oh, hw, q);
          }
        }
      }
    }
  }

  private static void maxVectors(double[] x, int base, double[] y, double[] idx, int o, PoolWindows g, int od, int oh, int hw,
      int[] is, int[] map) {
    int iw = g.w();
    int d0 = g.dFirst()[od];
    int dc = g.dCount()[od];
    int h0 = g.hFirst()[oh];
    int hc = g.hCount()[oh];
    int[] vq = g.vecQ();
    for (int v = 0; v < vq.length; v++) {
      int q = vq[v];
      int f = g.wFirst()[q];
      int s = g.wFirst()[q + 1] - f;
      int c = g.wCount()[q];
      if (s > 2 && map[1] != s) {
        for (int j = 0; j < DL; j++) {
          map[j] = j * s;
        }
      }
      IntVector lanes = IntVector.zero(I4).addIndex(s);
      DoubleVector max = DoubleVector.broadcast(D, Double.NEGATIVE_INFINITY);
      IntVector arg = lanes.add(d0 * hw + h0 * iw + f);
      for (int td = 0; td < dc; td++) {
        int dRow = (d0 + td * g.dStep()) * hw;
        for (int th = 0; th < hc; th++) {
          int row = dRow + (h0 + th * g.hStep()) * iw + f;
          for (int tw = 0; tw < c; tw++) {
            int at = row + tw * g.wStep();
            DoubleVector xv = load(x, base + at, s, map);
            VectorMask<Double> take = xv.compare(VectorOperators.GT, max).or(xv.compare(VectorOperators.NE, xv));
            max = max.blend(xv, take);
            arg = arg.blend(lanes.add(at), take.cast(I4));
          }
        }
      }
      max.intoArray(y, o + q);
      if (idx != null) {
        arg.intoArray(is, 0);
        for (int j = 0; j < DL; j++) {
          idx[o + q + j] = is[j];
        }
      }
    }
  }

  private static DoubleVector load(double[] x, int at, int s, int[] map) {
    if (s == 1) {
      return DoubleVector.fromArray(D, x, at);
    }
    if (s == 2 && at <= x.length - 2 * DL) {
      return SimdPool.evens(x, at);
    }
    if (s == 2 && map[1] != 2) {
      for (int j = 0; j < DL; j++) {
        map[j] = 2 * j;
      }
    }
    return DoubleVector.fromArray(D, x, at, map, 0);
  }

  private static void maxOne(double[] x, int base, double[] y, double[] idx, int o, PoolWindows g, int od, int oh, int hw, int q) {
    int iw = g.w();
    double max = Double.NEGATIVE_INFINITY;
    int arg = -1;
    int c = g.wCount()[q];
    if (c > 0) {
      arg = g.dFirst()[od] * hw + g.hFirst()[oh] * iw + g.wFirst()[q];
      for (int td = 0, d = g.dFirst()[od]; td < g.dCount()[od]; td++, d += g.dStep()) {
        for (int th = 0, h = g.hFirst()[oh]; th < g.hCount()[oh]; th++, h += g.hStep()) {
          int row = d * hw + h * iw;
          for (int tw = 0, w = g.wFirst()[q]; tw < c; tw++, w += g.wStep()) {
            double v = x[base + row + w];
            if (v > max || Double.isNaN(v)) {
              max = v;
              arg = row + w;
            }
          }
        }
      }
    }
    y[o + q] = max;
    if (idx != null) {
      idx[o + q] = arg;
    }
  }

  // ------------------------------------------------------------------------------------------
  // Average pooling

  /**
   * Average pooling forward; {@code g.lanes()} must be {@link #LANES4}. Output {@code (od, oh, q)}
   * is its window's sum over {@code rowDiv[od·oh_n + oh] · wDiv[q]} (the caller folds
   * {@code divisor_override}, {@code count_include_pad} and the counts into these), 0 when its
   * window has no tap.
   *
   * @param y modified
   */
  public static void avgPool(float[] x, int xOff, float[] y, int outOff, int planes, PoolWindows g, double[] rowDiv, double[] wDiv) {
    check(g, DL);
    int hw = g.h() * g.w();
    int inPlane = g.d() * hw;
    int outPlane = g.od() * g.oh() * g.ow();
    int[] map = new int[DL];
    for (int p = 0; p < planes; p++) {
      int base = xOff + p * inPlane;
      for (int od = 0; od < g.od(); od++) {
        for (int oh = 0; oh < g.oh(); oh++) {
          int r = od * g.oh() + oh;
          int o = outOff + p * outPlane + r * g.ow();
          if (g.dCount()[od] == 0 || g.hCount()[oh] == 0) {
            for (int q = 0; q < g.ow(); q++) {
              y[o + q] = 0f;
            }
            continue;
          }
          avgVectors(x, base, y, o, g, od, oh, hw, rowDiv[r], wDiv, map);
          for (int q : g.oneQ()) {
            double sum = 0;
            int c = g.wCount()[q];
            for (int td = 0, d = g.dFirst()[od]; td < g.dCount()[od]; td++, d += g.dStep()) {
              for (int th = 0, h = g.hFirst()[oh]; th < g.hCount()[oh]; th++, h += g.hStep()) {
                int row = base + d * hw + h * g.w();
                for (int tw = 0, w = g.wFirst()[q]; tw < c; tw++, w += g.wStep()) {
                  sum += x[row + w];
                }
              }
            }
            y[o + q] = c == 0 ? 0f : (float) (sum / (rowDiv[r] * wDiv[q]));
          }
        }
      }
    }
  }

  private static void avgVectors(float[] x, int base, float[] y, int o, PoolWindows g, int od, int oh, int hw, double rowDiv,
      double[] wDiv, int[] map) {
    int iw = g.w();
    int d0 = g.dFirst()[od];
    int dc = g.dCount()[od];
    int h0 = g.hFirst()[oh];
    int hc = g.hCount()[oh];
    int[] vq = g.vecQ();
    for (int v = 0; v < vq.length; v++) {
      int q = vq[v];
      int f = g.wFirst()[q];
      int s = g.wFirst()[q + 1] - f;
      int c = g.wCount()[q];
      if (s > 1 && map[1] != s) {
        for (int j = 0; j < DL; j++) {
          map[j] = j * s;
        }
      }
      DoubleVector sum = DoubleVector.zero(D);
      for (int td = 0; td < dc; td++) {
        int dRow = (d0 + td * g.dStep()) * hw;
        for (int th = 0; th < hc; th++) {
          int row = base + dRow + (h0 + th * g.hStep()) * iw + f;
          for (int tw = 0; tw < c; tw++) {
            int at = row + tw * g.wStep();
            FloatVector xv = s == 1 ? FloatVector.fromArray(F4, x, at)
                : s == 2 && at <= x.length - FL ? (FloatVector) FloatVector.fromArray(F, x, at).rearrange(SimdPool.F_SPLIT).reinterpretShape(F4, 0)
                : FloatVector.fromArray(F4, x, at, map, 0);
            sum = sum.add((DoubleVector) xv.convertShape(VectorOperators.F2D, D, 0));
          }
        }
      }
      DoubleVector div = DoubleVector.broadcast(D, rowDiv).mul(DoubleVector.fromArray(D, wDiv, q));
      ((FloatVector) sum.div(div).convertShape(VectorOperators.D2F, F4, 0)).intoArray(y, o + q);
    }
  }

  /** Float64 twin of {@link #avgPool(float[], int, float[], int, int, PoolWindows, double[], double[])}. */
  public static void avgPool(double[] x, int xOff, double[] y, int outOff, int planes, PoolWindows g, double[] rowDiv, double[] wDiv) {
    check(g, DL);
    int hw = g.h() * g.w();
    int inPlane = g.d() * hw;
    int outPlane = g.od() * g.oh() * g.ow();
    int[] map = new int[DL];
    for (int p = 0; p < planes; p++) {
      int base = xOff + p * inPlane;
      for (int od = 0; od < g.od(); od++) {
        for (int oh = 0; oh < g.oh(); oh++) {
          int r = od * g.oh() + oh;
          int o = outOff + p * outPlane + r * g.ow();
          if (g.dCount()[od] == 0 || g.hCount()[oh] == 0) {
            for (int q = 0; q < g.ow(); q++) {
              y[o + q] = 0.0;
            }
            continue;
          }
          avgVectors(x, base, y, o, g, od, oh, hw, rowDiv[r], wDiv, map);
          for (int q : g.oneQ()) {
            double sum = 0;
            int c = g.wCount()[q];
            for (int td = 0, d = g.dFirst()[od]; td < g.dCount()[od]; td++, d += g.dStep()) {
              for (int th = 0, h = g.hFirst()[oh]; th < g.hCount()[oh]; th++, h += g.hStep()) {
                int row = base + d * hw + h * g.w();
                for (int tw = 0, w = g.wFirst()[q]; tw < c; tw++, w += g.wStep()) {
                  sum += x[row + w];
                }
              }
            }
            y[o + q] = c == 0 ? 0.0 : sum / (rowDiv[r] * wDiv[q]);
          }
        }
      }
    }
  }

  private static void avgVectors(double[] x, int base, double[] y, int o, PoolWindows g, int od, int oh, int hw, double rowDiv,
      double[] wDiv, int[] map) {
    int iw = g.w();
    int d0 = g.dFirst()[od];
    int dc = g.dCount()[od];
    int h0 = g.hFirst()[oh];
    int hc = g.hCount()[oh];
    int[] vq = g.vecQ();
    for (int v = 0; v < vq.length; v++) {
      int q = vq[v];
      int f = g.wFirst()[q];
      int s = g.wFirst()[q + 1] - f;
      int c = g.wCount()[q];
      if (s > 2 && map[1] != s) {
        for (int j = 0; j < DL; j++) {
          map[j] = j * s;
        }
      }
      DoubleVector sum = DoubleVector.zero(D);
      for (int td = 0; td < dc; td++) {
        int dRow = (d0 + td * g.dStep()) * hw;
        for (int th = 0; th < hc; th++) {
          int row = base + dRow + (h0 + th * g.hStep()) * iw + f;
          for (int tw = 0; tw < c; tw++) {
            sum = sum.add(load(x, row + tw * g.wStep(), s, map));
          }
        }
      }
      DoubleVector div = DoubleVector.broadcast(D, rowDiv).mul(DoubleVector.fromArray(D, wDiv, q));
      sum.div(div).intoArray(y, o + q);
    }
  }

  private static void check(PoolWindows g, int lanes) {
    if (g.lanes() != lanes) {
      throw new IllegalArgumentException("pooling windows planned for " + g.lanes() + " lanes, kernel has " + lanes);
    }
  }
}
