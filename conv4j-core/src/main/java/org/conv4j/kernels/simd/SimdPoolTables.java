package org.conv4j.kernels.simd;

import java.util.Arrays;
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

  /**
   * The vectors of one output row: one loop per kind of load (contiguous, even lanes, gathered), so
   * no vector value merges loads of different kinds (C2 would box it).
   */
  private static void maxVectors(float[] x, int base, float[] y, double[] idx, int o, PoolWindows g, int od, int oh, int hw,
      int[] is, int[] map) {
    int d0 = g.dFirst()[od];
    int dc = g.dCount()[od];
    int h0 = g.hFirst()[oh];
    int hc = g.hCount()[oh];
    long lastRow = (long) base + (long) (d0 + (dc - 1) * g.dStep()) * hw + (long) (h0 + (hc - 1) * g.hStep()) * g.w();
    int[] vq = g.vecQ();
    for (int v = 0; v < vq.length; v++) {
      int q = vq[v];
      int f = g.wFirst()[q];
      int s = g.wFirst()[q + 1] - f;
      int c = g.wCount()[q];
      if (s == 1) {
        maxContiguous(x, base, y, idx, o + q, g, d0, dc, h0, hc, hw, f, s, c, is);
      } else if (s == 2 && lastRow + f + (long) (c - 1) * g.wStep() + 2 * FL <= x.length) {
        maxEvens(x, base, y, idx, o + q, g, d0, dc, h0, hc, hw, f, s, c, is);
      } else {
        if (map[1] != s) {
          for (int j = 0; j < FL; j++) {
            map[j] = j * s;
          }
        }
        maxGathered(x, base, y, idx, o + q, g, d0, dc, h0, hc, hw, f, s, c, is, map);
      }
    }
  }

  private static void maxContiguous(float[] x, int base, float[] y, double[] idx, int out, PoolWindows g, int d0, int dc, int h0, int hc,
      int hw, int f, int s, int c, int[] is) {
    IntVector lanes = IntVector.zero(I).addIndex(s);
    FloatVector max = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
    IntVector arg = lanes.add(d0 * hw + h0 * g.w() + f);
    for (int td = 0; td < dc; td++) {
      int dRow = (d0 + td * g.dStep()) * hw;
      for (int th = 0; th < hc; th++) {
        int row = dRow + (h0 + th * g.hStep()) * g.w() + f;
        for (int tw = 0; tw < c; tw++) {
          int at = row + tw * g.wStep();
          FloatVector xv = FloatVector.fromArray(F, x, base + at);
          VectorMask<Float> take = xv.compare(VectorOperators.GT, max).or(xv.compare(VectorOperators.NE, xv));
          max = max.blend(xv, take);
          arg = arg.blend(lanes.add(at), take.cast(I));
        }
      }
    }
    max.intoArray(y, out);
    if (idx != null) {
      arg.intoArray(is, 0);
      for (int j = 0; j < FL; j++) {
        idx[out + j] = is[j];
      }
    }
  }

  private static void maxEvens(float[] x, int base, float[] y, double[] idx, int out, PoolWindows g, int d0, int dc, int h0, int hc,
      int hw, int f, int s, int c, int[] is) {
    IntVector lanes = IntVector.zero(I).addIndex(s);
    FloatVector max = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
    IntVector arg = lanes.add(d0 * hw + h0 * g.w() + f);
    for (int td = 0; td < dc; td++) {
      int dRow = (d0 + td * g.dStep()) * hw;
      for (int th = 0; th < hc; th++) {
        int row = dRow + (h0 + th * g.hStep()) * g.w() + f;
        for (int tw = 0; tw < c; tw++) {
          int at = row + tw * g.wStep();
          FloatVector xv = SimdPool.evens(x, base + at);
          VectorMask<Float> take = xv.compare(VectorOperators.GT, max).or(xv.compare(VectorOperators.NE, xv));
          max = max.blend(xv, take);
          arg = arg.blend(lanes.add(at), take.cast(I));
        }
      }
    }
    max.intoArray(y, out);
    if (idx != null) {
      arg.intoArray(is, 0);
      for (int j = 0; j < FL; j++) {
        idx[out + j] = is[j];
      }
    }
  }

  private static void maxGathered(float[] x, int base, float[] y, double[] idx, int out, PoolWindows g, int d0, int dc, int h0, int hc,
      int hw, int f, int s, int c, int[] is, int[] map) {
    IntVector lanes = IntVector.zero(I).addIndex(s);
    FloatVector max = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
    IntVector arg = lanes.add(d0 * hw + h0 * g.w() + f);
    for (int td = 0; td < dc; td++) {
      int dRow = (d0 + td * g.dStep()) * hw;
      for (int th = 0; th < hc; th++) {
        int row = dRow + (h0 + th * g.hStep()) * g.w() + f;
        for (int tw = 0; tw < c; tw++) {
          int at = row + tw * g.wStep();
          FloatVector xv = FloatVector.fromArray(F, x, base + at, map, 0);
          VectorMask<Float> take = xv.compare(VectorOperators.GT, max).or(xv.compare(VectorOperators.NE, xv));
          max = max.blend(xv, take);
          arg = arg.blend(lanes.add(at), take.cast(I));
        }
      }
    }
    max.intoArray(y, out);
    if (idx != null) {
      arg.intoArray(is, 0);
      for (int j = 0; j < FL; j++) {
        idx[out + j] = is[j];
      }
    }
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

  /**
   * The vectors of one output row: one loop per kind of load (contiguous, even lanes, gathered), so
   * no vector value merges loads of different kinds (C2 would box it).
   */
  private static void maxVectors(double[] x, int base, double[] y, double[] idx, int o, PoolWindows g, int od, int oh, int hw,
      int[] is, int[] map) {
    int d0 = g.dFirst()[od];
    int dc = g.dCount()[od];
    int h0 = g.hFirst()[oh];
    int hc = g.hCount()[oh];
    long lastRow = (long) base + (long) (d0 + (dc - 1) * g.dStep()) * hw + (long) (h0 + (hc - 1) * g.hStep()) * g.w();
    int[] vq = g.vecQ();
    for (int v = 0; v < vq.length; v++) {
      int q = vq[v];
      int f = g.wFirst()[q];
      int s = g.wFirst()[q + 1] - f;
      int c = g.wCount()[q];
      if (s == 1) {
        maxContiguous(x, base, y, idx, o + q, g, d0, dc, h0, hc, hw, f, s, c, is);
      } else if (s == 2 && lastRow + f + (long) (c - 1) * g.wStep() + 2 * DL <= x.length) {
        maxEvens(x, base, y, idx, o + q, g, d0, dc, h0, hc, hw, f, s, c, is);
      } else {
        if (map[1] != s) {
          for (int j = 0; j < DL; j++) {
            map[j] = j * s;
          }
        }
        maxGathered(x, base, y, idx, o + q, g, d0, dc, h0, hc, hw, f, s, c, is, map);
      }
    }
  }

  private static void maxContiguous(double[] x, int base, double[] y, double[] idx, int out, PoolWindows g, int d0, int dc, int h0, int hc,
      int hw, int f, int s, int c, int[] is) {
    IntVector lanes = IntVector.zero(I4).addIndex(s);
    DoubleVector max = DoubleVector.broadcast(D, Double.NEGATIVE_INFINITY);
    IntVector arg = lanes.add(d0 * hw + h0 * g.w() + f);
    for (int td = 0; td < dc; td++) {
      int dRow = (d0 + td * g.dStep()) * hw;
      for (int th = 0; th < hc; th++) {
        int row = dRow + (h0 + th * g.hStep()) * g.w() + f;
        for (int tw = 0; tw < c; tw++) {
          int at = row + tw * g.wStep();
          DoubleVector xv = DoubleVector.fromArray(D, x, base + at);
          VectorMask<Double> take = xv.compare(VectorOperators.GT, max).or(xv.compare(VectorOperators.NE, xv));
          max = max.blend(xv, take);
          arg = arg.blend(lanes.add(at), take.cast(I4));
        }
      }
    }
    max.intoArray(y, out);
    if (idx != null) {
      arg.intoArray(is, 0);
      for (int j = 0; j < DL; j++) {
        idx[out + j] = is[j];
      }
    }
  }

  private static void maxEvens(double[] x, int base, double[] y, double[] idx, int out, PoolWindows g, int d0, int dc, int h0, int hc,
      int hw, int f, int s, int c, int[] is) {
    IntVector lanes = IntVector.zero(I4).addIndex(s);
    DoubleVector max = DoubleVector.broadcast(D, Double.NEGATIVE_INFINITY);
    IntVector arg = lanes.add(d0 * hw + h0 * g.w() + f);
    for (int td = 0; td < dc; td++) {
      int dRow = (d0 + td * g.dStep()) * hw;
      for (int th = 0; th < hc; th++) {
        int row = dRow + (h0 + th * g.hStep()) * g.w() + f;
        for (int tw = 0; tw < c; tw++) {
          int at = row + tw * g.wStep();
          DoubleVector xv = SimdPool.evens(x, base + at);
          VectorMask<Double> take = xv.compare(VectorOperators.GT, max).or(xv.compare(VectorOperators.NE, xv));
          max = max.blend(xv, take);
          arg = arg.blend(lanes.add(at), take.cast(I4));
        }
      }
    }
    max.intoArray(y, out);
    if (idx != null) {
      arg.intoArray(is, 0);
      for (int j = 0; j < DL; j++) {
        idx[out + j] = is[j];
      }
    }
  }

  private static void maxGathered(double[] x, int base, double[] y, double[] idx, int out, PoolWindows g, int d0, int dc, int h0, int hc,
      int hw, int f, int s, int c, int[] is, int[] map) {
    IntVector lanes = IntVector.zero(I4).addIndex(s);
    DoubleVector max = DoubleVector.broadcast(D, Double.NEGATIVE_INFINITY);
    IntVector arg = lanes.add(d0 * hw + h0 * g.w() + f);
    for (int td = 0; td < dc; td++) {
      int dRow = (d0 + td * g.dStep()) * hw;
      for (int th = 0; th < hc; th++) {
        int row = dRow + (h0 + th * g.hStep()) * g.w() + f;
        for (int tw = 0; tw < c; tw++) {
          int at = row + tw * g.wStep();
          DoubleVector xv = DoubleVector.fromArray(D, x, base + at, map, 0);
          VectorMask<Double> take = xv.compare(VectorOperators.GT, max).or(xv.compare(VectorOperators.NE, xv));
          max = max.blend(xv, take);
          arg = arg.blend(lanes.add(at), take.cast(I4));
        }
      }
    }
    max.intoArray(y, out);
    if (idx != null) {
      arg.intoArray(is, 0);
      for (int j = 0; j < DL; j++) {
        idx[out + j] = is[j];
      }
    }
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
    // the furthest tap row of this output row, relative to a window's first column
    long lastRow = (long) base + (long) (d0 + (dc - 1) * g.dStep()) * hw + (long) (h0 + (hc - 1) * g.hStep()) * iw;
    int[] vq = g.vecQ();
    for (int v = 0; v < vq.length; v++) {
      int q = vq[v];
      int f = g.wFirst()[q];
      int s = g.wFirst()[q + 1] - f;
      int c = g.wCount()[q];
      int out = o + q;
      // one loop per kind of load, so no vector value merges loads of different kinds
      if (s == 1) {
        avgContiguous(x, base, y, out, g, d0, dc, h0, hc, hw, f, c, rowDiv, wDiv, q);
      } else if (s == 2 && lastRow + f + (long) (c - 1) * g.wStep() + FL <= x.length) {
        avgEvens(x, base, y, out, g, d0, dc, h0, hc, hw, f, c, rowDiv, wDiv, q);
      } else {
        if (map[1] != s) {
          for (int j = 0; j < DL; j++) {
            map[j] = j * s;
          }
        }
        avgGathered(x, base, y, out, g, d0, dc, h0, hc, hw, f, c, rowDiv, wDiv, q, map);
      }
    }
  }

  private static void avgContiguous(float[] x, int base, float[] y, int out, PoolWindows g, int d0, int dc, int h0, int hc, int hw,
      int f, int c, double rowDiv, double[] wDiv, int q) {
    DoubleVector sum = DoubleVector.zero(D);
    for (int td = 0; td < dc; td++) {
      int dRow = (d0 + td * g.dStep()) * hw;
      for (int th = 0; th < hc; th++) {
        int row = base + dRow + (h0 + th * g.hStep()) * g.w() + f;
        for (int tw = 0; tw < c; tw++) {
          FloatVector xv = FloatVector.fromArray(F4, x, row + tw * g.wStep());
          sum = sum.add((DoubleVector) xv.convertShape(VectorOperators.F2D, D, 0));
        }
      }
    }
    DoubleVector div = DoubleVector.broadcast(D, rowDiv).mul(DoubleVector.fromArray(D, wDiv, q));
    ((FloatVector) sum.div(div).convertShape(VectorOperators.D2F, F4, 0)).intoArray(y, out);
  }

  private static void avgEvens(float[] x, int base, float[] y, int out, PoolWindows g, int d0, int dc, int h0, int hc, int hw,
      int f, int c, double rowDiv, double[] wDiv, int q) {
    DoubleVector sum = DoubleVector.zero(D);
    for (int td = 0; td < dc; td++) {
      int dRow = (d0 + td * g.dStep()) * hw;
      for (int th = 0; th < hc; th++) {
        int row = base + dRow + (h0 + th * g.hStep()) * g.w() + f;
        for (int tw = 0; tw < c; tw++) {
          FloatVector xv = (FloatVector) FloatVector.fromArray(F, x, row + tw * g.wStep()).rearrange(SimdPool.F_SPLIT).reinterpretShape(F4, 0);
          sum = sum.add((DoubleVector) xv.convertShape(VectorOperators.F2D, D, 0));
        }
      }
    }
    DoubleVector div = DoubleVector.broadcast(D, rowDiv).mul(DoubleVector.fromArray(D, wDiv, q));
    ((FloatVector) sum.div(div).convertShape(VectorOperators.D2F, F4, 0)).intoArray(y, out);
  }

  private static void avgGathered(float[] x, int base, float[] y, int out, PoolWindows g, int d0, int dc, int h0, int hc, int hw,
      int f, int c, double rowDiv, double[] wDiv, int q, int[] map) {
    DoubleVector sum = DoubleVector.zero(D);
    for (int td = 0; td < dc; td++) {
      int dRow = (d0 + td * g.dStep()) * hw;
      for (int th = 0; th < hc; th++) {
        int row = base + dRow + (h0 + th * g.hStep()) * g.w() + f;
        for (int tw = 0; tw < c; tw++) {
          FloatVector xv = FloatVector.fromArray(F4, x, row + tw * g.wStep(), map, 0);
          sum = sum.add((DoubleVector) xv.convertShape(VectorOperators.F2D, D, 0));
        }
      }
    }
    DoubleVector div = DoubleVector.broadcast(D, rowDiv).mul(DoubleVector.fromArray(D, wDiv, q));
    ((FloatVector) sum.div(div).convertShape(VectorOperators.D2F, F4, 0)).intoArray(y, out);
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
    int d0 = g.dFirst()[od];
    int dc = g.dCount()[od];
    int h0 = g.hFirst()[oh];
    int hc = g.hCount()[oh];
    long lastRow = (long) base + (long) (d0 + (dc - 1) * g.dStep()) * hw + (long) (h0 + (hc - 1) * g.hStep()) * g.w();
    int[] vq = g.vecQ();
    for (int v = 0; v < vq.length; v++) {
      int q = vq[v];
      int f = g.wFirst()[q];
      int s = g.wFirst()[q + 1] - f;
      int c = g.wCount()[q];
      // one loop per kind of load, so no vector value merges loads of different kinds
      if (s == 1) {
        avgContiguous(x, base, y, o + q, g, d0, dc, h0, hc, hw, f, c, rowDiv, wDiv, q);
      } else if (s == 2 && lastRow + f + (long) (c - 1) * g.wStep() + 2 * DL <= x.length) {
        avgEvens(x, base, y, o + q, g, d0, dc, h0, hc, hw, f, c, rowDiv, wDiv, q);
      } else {
        if (map[1] != s) {
          for (int j = 0; j < DL; j++) {
            map[j] = j * s;
          }
        }
        avgGathered(x, base, y, o + q, g, d0, dc, h0, hc, hw, f, c, rowDiv, wDiv, q, map);
      }
    }
  }

  private static void avgContiguous(double[] x, int base, double[] y, int out, PoolWindows g, int d0, int dc, int h0, int hc, int hw,
      int f, int c, double rowDiv, double[] wDiv, int q) {
    DoubleVector sum = DoubleVector.zero(D);
    for (int td = 0; td < dc; td++) {
      int dRow = (d0 + td * g.dStep()) * hw;
      for (int th = 0; th < hc; th++) {
        int row = base + dRow + (h0 + th * g.hStep()) * g.w() + f;
        for (int tw = 0; tw < c; tw++) {
          sum = sum.add(DoubleVector.fromArray(D, x, row + tw * g.wStep()));
        }
      }
    }
    DoubleVector div = DoubleVector.broadcast(D, rowDiv).mul(DoubleVector.fromArray(D, wDiv, q));
    sum.div(div).intoArray(y, out);
  }

  private static void avgEvens(double[] x, int base, double[] y, int out, PoolWindows g, int d0, int dc, int h0, int hc, int hw,
      int f, int c, double rowDiv, double[] wDiv, int q) {
    DoubleVector sum = DoubleVector.zero(D);
    for (int td = 0; td < dc; td++) {
      int dRow = (d0 + td * g.dStep()) * hw;
      for (int th = 0; th < hc; th++) {
        int row = base + dRow + (h0 + th * g.hStep()) * g.w() + f;
        for (int tw = 0; tw < c; tw++) {
          sum = sum.add(SimdPool.evens(x, row + tw * g.wStep()));
        }
      }
    }
    DoubleVector div = DoubleVector.broadcast(D, rowDiv).mul(DoubleVector.fromArray(D, wDiv, q));
    sum.div(div).intoArray(y, out);
  }

  private static void avgGathered(double[] x, int base, double[] y, int out, PoolWindows g, int d0, int dc, int h0, int hc, int hw,
      int f, int c, double rowDiv, double[] wDiv, int q, int[] map) {
    DoubleVector sum = DoubleVector.zero(D);
    for (int td = 0; td < dc; td++) {
      int dRow = (d0 + td * g.dStep()) * hw;
      for (int th = 0; th < hc; th++) {
        int row = base + dRow + (h0 + th * g.hStep()) * g.w() + f;
        for (int tw = 0; tw < c; tw++) {
          sum = sum.add(DoubleVector.fromArray(D, x, row + tw * g.wStep(), map, 0));
        }
      }
    }
    DoubleVector div = DoubleVector.broadcast(D, rowDiv).mul(DoubleVector.fromArray(D, wDiv, q));
    sum.div(div).intoArray(y, out);
  }

  // ------------------------------------------------------------------------------------------
  // Average pooling backward

  /**
   * Average pooling backward, the twin of {@code PoolKernels.avgPoolBackward} (float32): per plane,
   * every output's share {@code dy[o] / (rowDiv[r]·wDiv[q])} is added in double to the inputs of its
   * window, in output order, and the sums are rounded once into {@code dx}. Vectors of four outputs
   * add their shares with one contiguous vector per tap (column stride 1) or two interleaved with
   * zeros (stride 2), visiting the taps of a row right to left so that every input still receives
   * its shares in output order: the same sums in the same order, so the same bits. (The zeros added
   * in between change nothing: a sum that starts at +0 is never −0.) Adjacent vectors of a run go
   * tap by tap across the whole run, so no load waits on an overlapping store.
   *
   * @param g windows from {@code PoolTables.scatterWindows} (whole vectors of {@link #LANES4} outputs,
   *     column stride 1 or 2)
   * @param dx modified: every input of the planes is written
   * @param acc at least {@code d·h·w} doubles of scratch
   */
  public static void avgPoolBackward(float[] dy, int dyOff, float[] dx, int dxOff, int planes, PoolWindows g, double[] rowDiv,
      double[] wDiv, double[] acc) {
    checkScatter(g);
    int inPlane = g.d() * g.h() * g.w();
    int outPlane = g.od() * g.oh() * g.ow();
    double[] dyPlane = new double[outPlane];
    double[] share = new double[g.ow()];
    double[] spread = new double[2 * g.ow()];
    for (int p = 0; p < planes; p++) {
      for (int i = 0, o = dyOff + p * outPlane; i < outPlane; i++) {
        dyPlane[i] = dy[o + i];
      }
      scatterPlane(acc, 0, inPlane, dyPlane, 0, g, rowDiv, wDiv, share, spread);
      int base = dxOff + p * inPlane;
      for (int i = 0; i < inPlane; i++) {
        dx[base + i] = (float) acc[i];
      }
    }
  }

  /** Float64 twin of {@link #avgPoolBackward(float[], int, float[], int, int, PoolWindows, double[], double[], double[])}: sums in {@code dx} directly. */
  public static void avgPoolBackward(double[] dy, int dyOff, double[] dx, int dxOff, int planes, PoolWindows g, double[] rowDiv,
      double[] wDiv) {
    checkScatter(g);
    int inPlane = g.d() * g.h() * g.w();
    int outPlane = g.od() * g.oh() * g.ow();
    double[] share = new double[g.ow()];
    double[] spread = new double[2 * g.ow()];
    for (int p = 0; p < planes; p++) {
      int base = dxOff + p * inPlane;
      scatterPlane(dx, base, base + inPlane, dy, dyOff + p * outPlane, g, rowDiv, wDiv, share, spread);
    }
  }

  /**
   * One plane: zeroes {@code acc[lo, hi)}, then adds every output's share {@code dy[o + …] /
   * (rowDiv[r]·wDiv[q])} (the float32 {@code dy} widened to double first, which the division does
   * anyway) row after row of outputs.
   */
  private static void scatterPlane(double[] acc, int lo, int hi, double[] dy, int o, PoolWindows g, double[] rowDiv, double[] wDiv,
      double[] share, double[] spread) {
    Arrays.fill(acc, lo, hi, 0.0);
    for (int od = 0; od < g.od(); od++) {
      for (int oh = 0; oh < g.oh(); oh++, o += g.ow()) {
        int r = od * g.oh() + oh;
        if (g.dCount()[od] == 0 || g.hCount()[oh] == 0) {
          continue;
        }
        for (int q = 0; q < g.ow(); q++) {
          share[q] = dy[o + q] / (rowDiv[r] * wDiv[q]);
          spread[2 * q] = share[q];
        }
        scatterRow(acc, lo, hi, share, spread, g, od, oh);
      }
    }
  }

  /**
   * Adds the shares of output row {@code (od, oh)} to the plane {@code acc[lo, hi)}: groups of
   * adjacent vectors and single outputs taken in column order (both lists ascend), so each input
   * gets its shares in output order. {@code spread} holds the shares interleaved with zeros
   * ({@code spread[2q] = share[q]}, odd entries 0) for the stride-2 groups.
   */
  private static void scatterRow(double[] acc, int lo, int hi, double[] share, double[] spread, PoolWindows g, int od, int oh) {
    int[] vq = g.vecQ();
    int[] oq = g.oneQ();
    int[] first = g.wFirst();
    int vi = 0;
    int si = 0;
    while (vi < vq.length || si < oq.length) {
      if (si == oq.length || (vi < vq.length && vq[vi] < oq[si])) {
        int q = vq[vi];
        int s = first[q + 1] - first[q];
        int c = g.wCount()[q];
        // adjacent vectors of one run: all their first taps s apart
        int end = vi + 1;
        while (end < vq.length && vq[end] == vq[end - 1] + DL && g.wCount()[vq[end]] == c
            && first[vq[end]] - first[vq[end] - 1] == s && first[vq[end] + 1] - first[vq[end]] == s) {
          end++;
        }
        if (s == 1) {
          scatterContiguous(acc, lo, share, g, od, oh, q, end - vi);
        } else {
          scatterEvens(acc, lo, hi, share, spread, g, od, oh, q, end - vi);
        }
        vi = end;
      } else {
        scatterOne(acc, lo, share, g, od, oh, oq[si++]);
      }
    }
  }

  /**
   * {@code n} adjacent vectors of four outputs from {@code q}, first taps 1 apart: tap {@code tw} of
   * four outputs is one contiguous vector. The taps of a row go right to left, each over all the
   * vectors: an input hit by taps {@code tw' < tw} of outputs {@code j' > j} then gets output j's
   * share first, as in the reference's output order; and no vector is loaded while an overlapping
   * one is still being stored (one tap apart, they would defeat store-to-load forwarding).
   */
  private static void scatterContiguous(double[] acc, int lo, double[] share, PoolWindows g, int od, int oh, int q, int n) {
    int c = g.wCount()[q];
    int hw = g.h() * g.w();
    for (int td = 0, d = g.dFirst()[od]; td < g.dCount()[od]; td++, d += g.dStep()) {
      for (int th = 0, h = g.hFirst()[oh]; th < g.hCount()[oh]; th++, h += g.hStep()) {
        int row = lo + d * hw + h * g.w() + g.wFirst()[q];
        for (int tw = c - 1; tw >= 0; tw--) {
          for (int k = 0, at = row + tw * g.wStep(); k < n; k++, at += DL) {
            DoubleVector.fromArray(D, acc, at).add(DoubleVector.fromArray(D, share, q + k * DL)).intoArray(acc, at);
          }
        }
      }
    }
  }

  /**
   * {@code n} adjacent vectors of four outputs from {@code q}, first taps 2 apart: tap {@code tw} of
   * four outputs spans eight inputs, added as two vectors of {@code spread} (shares in the even
   * lanes, zeros in the odd ones), in the order of {@link #scatterContiguous}. The eighth input lies
   * past the last output's tap: in a row where the last vector would leave the plane, its outputs go
   * one at a time after the others.
   */
  private static void scatterEvens(double[] acc, int lo, int hi, double[] share, double[] spread, PoolWindows g, int od, int oh,
      int q, int n) {
    int c = g.wCount()[q];
    int hw = g.h() * g.w();
    for (int td = 0, d = g.dFirst()[od]; td < g.dCount()[od]; td++, d += g.dStep()) {
      for (int th = 0, h = g.hFirst()[oh]; th < g.hCount()[oh]; th++, h += g.hStep()) {
        int row = lo + d * hw + h * g.w() + g.wFirst()[q];
        int nv = row + (n - 1) * 2 * DL + (c - 1) * g.wStep() + 2 * DL <= hi ? n : n - 1;
        for (int tw = c - 1; tw >= 0; tw--) {
          for (int k = 0, at = row + tw * g.wStep(), e = 2 * q; k < nv; k++, at += 2 * DL, e += 2 * DL) {
            DoubleVector.fromArray(D, acc, at).add(DoubleVector.fromArray(D, spread, e)).intoArray(acc, at);
            DoubleVector.fromArray(D, acc, at + DL).add(DoubleVector.fromArray(D, spread, e + DL)).intoArray(acc, at + DL);
          }
        }
        for (int j = nv * DL; j < n * DL; j++) {
          for (int tw = 0, w = row + 2 * j; tw < c; tw++, w += g.wStep()) {
            acc[w] += share[q + j];
          }
        }
      }
    }
  }

  private static void scatterOne(double[] acc, int lo, double[] share, PoolWindows g, int od, int oh, int q) {
    double s = share[q];
    int c = g.wCount()[q];
    int hw = g.h() * g.w();
    for (int td = 0, d = g.dFirst()[od]; td < g.dCount()[od]; td++, d += g.dStep()) {
      for (int th = 0, h = g.hFirst()[oh]; th < g.hCount()[oh]; th++, h += g.hStep()) {
        int row = lo + d * hw + h * g.w();
        for (int tw = 0, w = g.wFirst()[q]; tw < c; tw++, w += g.wStep()) {
          acc[row + w] += s;
        }
      }
    }
  }

  /** Windows for a scatter: {@link #LANES4} lanes, whole vectors that do not overlap, column stride 1 or 2. */
  private static void checkScatter(PoolWindows g) {
    check(g, DL);
    int[] vq = g.vecQ();
    for (int v = 0; v < vq.length; v++) {
      int q = vq[v];
      int s = q + 1 < g.ow() ? g.wFirst()[q + 1] - g.wFirst()[q] : 0;
      if ((v > 0 && q < vq[v - 1] + DL) || q + DL > g.ow() || (s != 1 && s != 2)) {
        throw new IllegalArgumentException("pooling windows for a scatter need whole, non-overlapping vectors with column"
            + " stride 1 or 2; vector at output " + q + " has stride " + s + (v > 0 ? " after one at " + vq[v - 1] : ""));
      }
    }
  }

  private static void check(PoolWindows g, int lanes) {
    if (g.lanes() != lanes) {
      throw new IllegalArgumentException("pooling windows planned for " + g.lanes() + " lanes, kernel has " + lanes);
    }
  }
}
