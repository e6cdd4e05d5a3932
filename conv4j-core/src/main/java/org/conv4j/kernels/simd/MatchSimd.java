package org.conv4j.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels for template matching in {@code valid} geometry: one output row at a time,
 * {@code out[x] = Σ_r Σ_j f(img[base + rowOff[r] + x + j], t[r·kx + j])} for {@code x < ow}, with
 * {@code f} the product (cross-correlation), the squared difference or the absolute difference.
 *
 * <p>Layout: the image is any contiguous array; a window is described by its template rows: row
 * {@code r} of the template (all leading template axes and channels flattened) starts at image
 * offset {@code rowOff[r]} from the window origin and has {@code kx} contiguous taps. This covers
 * 1-, 2- and 3-D templates, with or without channels, in one loop.
 *
 * <p>Blocking: outputs are computed in blocks of four vectors ({@code 4·L} consecutive outputs of
 * the row) held in four accumulators for the whole template, so each tap costs one broadcast (hoisted
 * out of the four lanes), four unaligned loads and four fused multiply-adds, and no partial result
 * goes through memory. Then single vectors, the last one shifted back to end at the row's end
 * (overlapping outputs already done, recomputed to the same bits), so a scalar tail remains only for
 * rows shorter than a vector; it sums in the same order (tap by tap), so every output is the same
 * function of its inputs whichever path computed it: float32
 * kernels accumulate in float32 with FMA, float64 kernels in float64 with FMA; the scalar tail uses
 * {@link Math#fma} to match.
 *
 * <p>Single-threaded, allocation-free; callers split rows between threads.
 */
public final class MatchSimd {
  private static final VectorSpecies<Float> SF = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> SD = DoubleVector.SPECIES_PREFERRED;
  private static final int LF = SF.length();
  private static final int LD = SD.length();

  /** {@code f(i, t) = i·t}. */
  public static final int CORR = 0;
  /** {@code f(i, t) = (i − t)²}. */
  public static final int SQDIFF = 1;
  /** {@code f(i, t) = |i − t|}. */
  public static final int ABSDIFF = 2;

  private MatchSimd() {}

  /** Float lanes, for reports. */
  public static int floatLanes() {
    return LF;
  }

  /**
   * One output row, float32. {@code img} and {@code t} not modified; {@code out[outOff .. outOff+ow)}
   * modified.
   */
  public static void row(int op, float[] img, int base, int[] rowOff, float[] t, int kx,
      float[] out, int outOff, int ow) {
    switch (op) {
      case CORR -> corrRow(img, base, rowOff, t, kx, out, outOff, ow);
      case SQDIFF -> sqdiffRow(img, base, rowOff, t, kx, out, outOff, ow);
      case ABSDIFF -> absdiffRow(img, base, rowOff, t, kx, out, outOff, ow);
      default -> throw new IllegalArgumentException("op " + op);
    }
  }

  /** One output row, float64 (see the float32 version). */
  public static void row(int op, double[] img, int base, int[] rowOff, double[] t, int kx,
      double[] out, int outOff, int ow) {
    switch (op) {
      case CORR -> corrRow(img, base, rowOff, t, kx, out, outOff, ow);
      case SQDIFF -> sqdiffRow(img, base, rowOff, t, kx, out, outOff, ow);
      case ABSDIFF -> absdiffRow(img, base, rowOff, t, kx, out, outOff, ow);
      default -> throw new IllegalArgumentException("op " + op);
    }
  }

  /**
   * Cross-correlation of two consecutive output rows of a single-channel 2-D problem, float32:
   * window row {@code r} of output row {@code y} is image row {@code y + r}, so one load of image
   * row {@code y + i} serves output row {@code y} (template row {@code i}) and output row
   * {@code y + 1} (template row {@code i − 1}). That halves the loads of {@link #row} (which is
   * load-bound), with eight accumulators (2 rows × 4 vectors). Each output still sums template row by
   * row and tap by tap, so the bits equal {@link #row}'s.
   *
   * @param base image offset of output row {@code y}'s window origin; row {@code y + 1} starts at
   *     {@code base + w}
   * @param w the image row length
   * @param kh the template rows, {@code t} holds {@code kh × kx} taps
   */
  public static void corr2Rows(float[] img, int base, int w, int kh, float[] t, int kx,
      float[] out, int out0, int out1, int ow) {
    int x = 0;
    for (; x <= ow - 4 * LF; x += 4 * LF) {
      FloatVector a0 = FloatVector.zero(SF);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      FloatVector b0 = a0;
      FloatVector b1 = a0;
      FloatVector b2 = a0;
      FloatVector b3 = a0;
      for (int j = 0; j < kx; j++) {
        // image row y: only output row y (template row 0)
        int p = base + x + j;
        FloatVector w0 = FloatVector.broadcast(SF, t[j]);
        a0 = FloatVector.fromArray(SF, img, p).fma(w0, a0);
        a1 = FloatVector.fromArray(SF, img, p + LF).fma(w0, a1);
        a2 = FloatVector.fromArray(SF, img, p + 2 * LF).fma(w0, a2);
        a3 = FloatVector.fromArray(SF, img, p + 3 * LF).fma(w0, a3);
      }
      for (int i = 1; i < kh; i++) {
        int rowA = i * kx;
        int rowB = (i - 1) * kx;
        for (int j = 0; j < kx; j++) {
          int p = base + i * w + x + j;
          FloatVector wa = FloatVector.broadcast(SF, t[rowA + j]);
          FloatVector wb = FloatVector.broadcast(SF, t[rowB + j]);
          FloatVector v0 = FloatVector.fromArray(SF, img, p);
          FloatVector v1 = FloatVector.fromArray(SF, img, p + LF);
          FloatVector v2 = FloatVector.fromArray(SF, img, p + 2 * LF);
          FloatVector v3 = FloatVector.fromArray(SF, img, p + 3 * LF);
          a0 = v0.fma(wa, a0);
          a1 = v1.fma(wa, a1);
          a2 = v2.fma(wa, a2);
          a3 = v3.fma(wa, a3);
          b0 = v0.fma(wb, b0);
          b1 = v1.fma(wb, b1);
          b2 = v2.fma(wb, b2);
          b3 = v3.fma(wb, b3);
        }
      }
      int rowB = (kh - 1) * kx;
      for (int j = 0; j < kx; j++) {
        // image row y + kh: only output row y + 1 (its last template row)
        int p = base + kh * w + x + j;
        FloatVector wb = FloatVector.broadcast(SF, t[rowB + j]);
        b0 = FloatVector.fromArray(SF, img, p).fma(wb, b0);
        b1 = FloatVector.fromArray(SF, img, p + LF).fma(wb, b1);
        b2 = FloatVector.fromArray(SF, img, p + 2 * LF).fma(wb, b2);
        b3 = FloatVector.fromArray(SF, img, p + 3 * LF).fma(wb, b3);
      }
      a0.intoArray(out, out0 + x);
      a1.intoArray(out, out0 + x + LF);
      a2.intoArray(out, out0 + x + 2 * LF);
      a3.intoArray(out, out0 + x + 3 * LF);
      b0.intoArray(out, out1 + x);
      b1.intoArray(out, out1 + x + LF);
      b2.intoArray(out, out1 + x + 2 * LF);
      b3.intoArray(out, out1 + x + 3 * LF);
    }
    if (x < ow) {
      int[] rows = new int[kh];
      for (int i = 0; i < kh; i++) {
        rows[i] = i * w;
      }
      corrRow(img, base, rows, t, kx, out, out0, x, ow);
      corrRow(img, base + w, rows, t, kx, out, out1, x, ow);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // float32

  private static void corrRow(float[] img, int base, int[] rowOff, float[] t, int kx, float[] out, int outOff, int ow) {
    corrRow(img, base, rowOff, t, kx, out, outOff, 0, ow);
  }

  /** Outputs {@code [x, ow)} of one row (the window of output {@code x} starts at {@code base + x}). */
  private static void corrRow(float[] img, int base, int[] rowOff, float[] t, int kx, float[] out, int outOff, int x,
      int ow) {
    int rows = rowOff.length;
    for (; x <= ow - 4 * LF; x += 4 * LF) {
      FloatVector a0 = FloatVector.zero(SF);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      for (int r = 0; r < rows; r++) {
        int p = base + rowOff[r] + x;
        int tr = r * kx;
        for (int j = 0; j < kx; j++) {
          FloatVector w = FloatVector.broadcast(SF, t[tr + j]);
          a0 = FloatVector.fromArray(SF, img, p + j).fma(w, a0);
          a1 = FloatVector.fromArray(SF, img, p + j + LF).fma(w, a1);
          a2 = FloatVector.fromArray(SF, img, p + j + 2 * LF).fma(w, a2);
          a3 = FloatVector.fromArray(SF, img, p + j + 3 * LF).fma(w, a3);
        }
      }
      a0.intoArray(out, outOff + x);
      a1.intoArray(out, outOff + x + LF);
      a2.intoArray(out, outOff + x + 2 * LF);
      a3.intoArray(out, outOff + x + 3 * LF);
    }
    for (; x < ow && ow >= LF; x += LF) {
      x = Math.min(x, ow - LF); // the last vector overlaps the previous one: same bits, no scalar tail
      FloatVector a0 = FloatVector.zero(SF);
      for (int r = 0; r < rows; r++) {
        int p = base + rowOff[r] + x;
        int tr = r * kx;
        for (int j = 0; j < kx; j++) {
          a0 = FloatVector.fromArray(SF, img, p + j).fma(FloatVector.broadcast(SF, t[tr + j]), a0);
        }
      }
      a0.intoArray(out, outOff + x);
    }
    for (; x < ow; x++) {
      float acc = 0f;
      for (int r = 0; r < rows; r++) {
        int p = base + rowOff[r] + x;
        int tr = r * kx;
        for (int j = 0; j < kx; j++) {
          acc = Math.fma(img[p + j], t[tr + j], acc);
        }
      }
      out[outOff + x] = acc;
    }
  }

  private static void sqdiffRow(float[] img, int base, int[] rowOff, float[] t, int kx, float[] out, int outOff, int ow) {
    int rows = rowOff.length;
    int x = 0;
    for (; x <= ow - 4 * LF; x += 4 * LF) {
      FloatVector a0 = FloatVector.zero(SF);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      for (int r = 0; r < rows; r++) {
        int p = base + rowOff[r] + x;
        int tr = r * kx;
        for (int j = 0; j < kx; j++) {
          FloatVector w = FloatVector.broadcast(SF, t[tr + j]);
          FloatVector d0 = FloatVector.fromArray(SF, img, p + j).sub(w);
          FloatVector d1 = FloatVector.fromArray(SF, img, p + j + LF).sub(w);
          FloatVector d2 = FloatVector.fromArray(SF, img, p + j + 2 * LF).sub(w);
          FloatVector d3 = FloatVector.fromArray(SF, img, p + j + 3 * LF).sub(w);
          a0 = d0.fma(d0, a0);
          a1 = d1.fma(d1, a1);
          a2 = d2.fma(d2, a2);
          a3 = d3.fma(d3, a3);
        }
      }
      a0.intoArray(out, outOff + x);
      a1.intoArray(out, outOff + x + LF);
      a2.intoArray(out, outOff + x + 2 * LF);
      a3.intoArray(out, outOff + x + 3 * LF);
    }
    for (; x < ow && ow >= LF; x += LF) {
      x = Math.min(x, ow - LF); // the last vector overlaps the previous one: same bits, no scalar tail
      FloatVector a0 = FloatVector.zero(SF);
      for (int r = 0; r < rows; r++) {
        int p = base + rowOff[r] + x;
        int tr = r * kx;
        for (int j = 0; j < kx; j++) {
          FloatVector d0 = FloatVector.fromArray(SF, img, p + j).sub(t[tr + j]);
          a0 = d0.fma(d0, a0);
        }
      }
      a0.intoArray(out, outOff + x);
    }
    for (; x < ow; x++) {
      float acc = 0f;
      for (int r = 0; r < rows; r++) {
        int p = base + rowOff[r] + x;
        int tr = r * kx;
        for (int j = 0; j < kx; j++) {
          float d = img[p + j] - t[tr + j];
          acc = Math.fma(d, d, acc);
        }
      }
      out[outOff + x] = acc;
    }
  }

  private static void absdiffRow(float[] img, int base, int[] rowOff, float[] t, int kx, float[] out, int outOff, int ow) {
    int rows = rowOff.length;
    int x = 0;
    for (; x <= ow - 4 * LF; x += 4 * LF) {
      FloatVector a0 = FloatVector.zero(SF);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      for (int r = 0; r < rows; r++) {
        int p = base + rowOff[r] + x;
        int tr = r * kx;
        for (int j = 0; j < kx; j++) {
          FloatVector w = FloatVector.broadcast(SF, t[tr + j]);
          a0 = a0.add(FloatVector.fromArray(SF, img, p + j).sub(w).lanewise(VectorOperators.ABS));
          a1 = a1.add(FloatVector.fromArray(SF, img, p + j + LF).sub(w).lanewise(VectorOperators.ABS));
          a2 = a2.add(FloatVector.fromArray(SF, img, p + j + 2 * LF).sub(w).lanewise(VectorOperators.ABS));
          a3 = a3.add(FloatVector.fromArray(SF, img, p + j + 3 * LF).sub(w).lanewise(VectorOperators.ABS));
        }
      }
      a0.intoArray(out, outOff + x);
      a1.intoArray(out, outOff + x + LF);
      a2.intoArray(out, outOff + x + 2 * LF);
      a3.intoArray(out, outOff + x + 3 * LF);
    }
    for (; x < ow && ow >= LF; x += LF) {
      x = Math.min(x, ow - LF); // the last vector overlaps the previous one: same bits, no scalar tail
      FloatVector a0 = FloatVector.zero(SF);
      for (int r = 0; r < rows; r++) {
        int p = base + rowOff[r] + x;
        int tr = r * kx;
        for (int j = 0; j < kx; j++) {
          a0 = a0.add(FloatVector.fromArray(SF, img, p + j).sub(t[tr + j]).lanewise(VectorOperators.ABS));
        }
      }
      a0.intoArray(out, outOff + x);
    }
    for (; x < ow; x++) {
      float acc = 0f;
      for (int r = 0; r < rows; r++) {
        int p = base + rowOff[r] + x;
        int tr = r * kx;
        for (int j = 0; j < kx; j++) {
          acc += Math.abs(img[p + j] - t[tr + j]);
        }
      }
      out[outOff + x] = acc;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // float64

  private static void corrRow(double[] img, int base, int[] rowOff, double[] t, int kx, double[] out, int outOff, int ow) {
    int rows = rowOff.length;
    int x = 0;
    for (; x <= ow - 4 * LD; x += 4 * LD) {
      DoubleVector a0 = DoubleVector.zero(SD);
      DoubleVector a1 = a0;
      DoubleVector a2 = a0;
      DoubleVector a3 = a0;
      for (int r = 0; r < rows; r++) {
        int p = base + rowOff[r] + x;
        int tr = r * kx;
        for (int j = 0; j < kx; j++) {
          DoubleVector w = DoubleVector.broadcast(SD, t[tr + j]);
          a0 = DoubleVector.fromArray(SD, img, p + j).fma(w, a0);
          a1 = DoubleVector.fromArray(SD, img, p + j + LD).fma(w, a1);
          a2 = DoubleVector.fromArray(SD, img, p + j + 2 * LD).fma(w, a2);
          a3 = DoubleVector.fromArray(SD, img, p + j + 3 * LD).fma(w, a3);
        }
      }
      a0.intoArray(out, outOff + x);
      a1.intoArray(out, outOff + x + LD);
      a2.intoArray(out, outOff + x + 2 * LD);
      a3.intoArray(out, outOff + x + 3 * LD);
    }
    for (; x < ow && ow >= LD; x += LD) {
      x = Math.min(x, ow - LD); // the last vector overlaps the previous one: same bits, no scalar tail
      DoubleVector a0 = DoubleVector.zero(SD);
      for (int r = 0; r < rows; r++) {
        int p = base + rowOff[r] + x;
        int tr = r * kx;
        for (int j = 0; j < kx; j++) {
          a0 = DoubleVector.fromArray(SD, img, p + j).fma(DoubleVector.broadcast(SD, t[tr + j]), a0);
        }
      }
      a0.intoArray(out, outOff + x);
    }
    for (; x < ow; x++) {
      double acc = 0;
      for (int r = 0; r < rows; r++) {
        int p = base + rowOff[r] + x;
        int tr = r * kx;
        for (int j = 0; j < kx; j++) {
          acc = Math.fma(img[p + j], t[tr + j], acc);
        }
      }
      out[outOff + x] = acc;
    }
  }

  private static void sqdiffRow(double[] img, int base, int[] rowOff, double[] t, int kx, double[] out, int outOff, int ow) {
    int rows = rowOff.length;
    int x = 0;
    for (; x <= ow - 4 * LD; x += 4 * LD) {
      DoubleVector a0 = DoubleVector.zero(SD);
      DoubleVector a1 = a0;
      DoubleVector a2 = a0;
      DoubleVector a3 = a0;
      for (int r = 0; r < rows; r++) {
        int p = base + rowOff[r] + x;
        int tr = r * kx;
        for (int j = 0; j < kx; j++) {
          DoubleVector w = DoubleVector.broadcast(SD, t[tr + j]);
          DoubleVector d0 = DoubleVector.fromArray(SD, img, p + j).sub(w);
          DoubleVector d1 = DoubleVector.fromArray(SD, img, p + j + LD).sub(w);
          DoubleVector d2 = DoubleVector.fromArray(SD, img, p + j + 2 * LD).sub(w);
          DoubleVector d3 = DoubleVector.fromArray(SD, img, p + j + 3 * LD).sub(w);
          a0 = d0.fma(d0, a0);
          a1 = d1.fma(d1, a1);
          a2 = d2.fma(d2, a2);
          a3 = d3.fma(d3, a3);
        }
      }
      a0.intoArray(out, outOff + x);
      a1.intoArray(out, outOff + x + LD);
      a2.intoArray(out, outOff + x + 2 * LD);
      a3.intoArray(out, outOff + x + 3 * LD);
    }
    for (; x < ow && ow >= LD; x += LD) {
      x = Math.min(x, ow - LD); // the last vector overlaps the previous one: same bits, no scalar tail
      DoubleVector a0 = DoubleVector.zero(SD);
      for (int r = 0; r < rows; r++) {
        int p = base + rowOff[r] + x;
        int tr = r * kx;
        for (int j = 0; j < kx; j++) {
          DoubleVector d0 = DoubleVector.fromArray(SD, img, p + j).sub(t[tr + j]);
          a0 = d0.fma(d0, a0);
        }
      }
      a0.intoArray(out, outOff + x);
    }
    for (; x < ow; x++) {
      double acc = 0;
      for (int r = 0; r < rows; r++) {
        int p = base + rowOff[r] + x;
        int tr = r * kx;
        for (int j = 0; j < kx; j++) {
          double d = img[p + j] - t[tr + j];
          acc = Math.fma(d, d, acc);
        }
      }
      out[outOff + x] = acc;
    }
  }

  private static void absdiffRow(double[] img, int base, int[] rowOff, double[] t, int kx, double[] out, int outOff, int ow) {
    int rows = rowOff.length;
    int x = 0;
    for (; x <= ow - 4 * LD; x += 4 * LD) {
      DoubleVector a0 = DoubleVector.zero(SD);
      DoubleVector a1 = a0;
      DoubleVector a2 = a0;
      DoubleVector a3 = a0;
      for (int r = 0; r < rows; r++) {
        int p = base + rowOff[r] + x;
        int tr = r * kx;
        for (int j = 0; j < kx; j++) {
          DoubleVector w = DoubleVector.broadcast(SD, t[tr + j]);
          a0 = a0.add(DoubleVector.fromArray(SD, img, p + j).sub(w).lanewise(VectorOperators.ABS));
          a1 = a1.add(DoubleVector.fromArray(SD, img, p + j + LD).sub(w).lanewise(VectorOperators.ABS));
          a2 = a2.add(DoubleVector.fromArray(SD, img, p + j + 2 * LD).sub(w).lanewise(VectorOperators.ABS));
          a3 = a3.add(DoubleVector.fromArray(SD, img, p + j + 3 * LD).sub(w).lanewise(VectorOperators.ABS));
        }
      }
      a0.intoArray(out, outOff + x);
      a1.intoArray(out, outOff + x + LD);
      a2.intoArray(out, outOff + x + 2 * LD);
      a3.intoArray(out, outOff + x + 3 * LD);
    }
    for (; x < ow && ow >= LD; x += LD) {
      x = Math.min(x, ow - LD); // the last vector overlaps the previous one: same bits, no scalar tail
      DoubleVector a0 = DoubleVector.zero(SD);
      for (int r = 0; r < rows; r++) {
        int p = base + rowOff[r] + x;
        int tr = r * kx;
        for (int j = 0; j < kx; j++) {
          a0 = a0.add(DoubleVector.fromArray(SD, img, p + j).sub(t[tr + j]).lanewise(VectorOperators.ABS));
        }
      }
      a0.intoArray(out, outOff + x);
    }
    for (; x < ow; x++) {
      double acc = 0;
      for (int r = 0; r < rows; r++) {
        int p = base + rowOff[r] + x;
        int tr = r * kx;
        for (int j = 0; j < kx; j++) {
          acc += Math.abs(img[p + j] - t[tr + j]);
        }
      }
      out[outOff + x] = acc;
    }
  }
}
