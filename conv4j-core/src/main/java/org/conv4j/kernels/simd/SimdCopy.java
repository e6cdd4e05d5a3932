package org.conv4j.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Short contiguous copies with vector loads and stores, for im2col's rows (often 8 to 60 elements,
 * where the per-call cost of a scalar loop or {@code System.arraycopy} dominates). A length that is
 * not a multiple of the vector ends with one vector copy aligned to the end, overlapping the
 * previous one: the overlap rewrites equal values, so no mask is needed. Lengths below one vector
 * are copied element by element. {@link #add} accumulates (no overlap trick: it would add twice).
 */
public final class SimdCopy {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final int FL = F.length();
  private static final int DL = D.length();

  private SimdCopy() {}

  /** {@code dst[d, d + len) = src[s, s + len)}; the ranges must not overlap. */
  public static void copy(float[] src, int s, float[] dst, int d, int len) {
    if (len < FL) {
      for (int i = 0; i < len; i++) {
        dst[d + i] = src[s + i];
      }
      return;
    }
    int i = 0;
    for (; i + FL <= len; i += FL) {
      FloatVector.fromArray(F, src, s + i).intoArray(dst, d + i);
    }
    if (i < len) {
      FloatVector.fromArray(F, src, s + len - FL).intoArray(dst, d + len - FL);
    }
  }

  /** Float64 twin of {@link #copy(float[], int, float[], int, int)}. */
  public static void copy(double[] src, int s, double[] dst, int d, int len) {
    if (len < DL) {
      for (int i = 0; i < len; i++) {
        dst[d + i] = src[s + i];
      }
      return;
    }
    int i = 0;
    for (; i + DL <= len; i += DL) {
      DoubleVector.fromArray(D, src, s + i).intoArray(dst, d + i);
    }
    if (i < len) {
      DoubleVector.fromArray(D, src, s + len - DL).intoArray(dst, d + len - DL);
    }
  }
  /** {@code dst[d, d + len) += src[s, s + len)}: full vectors, then the remainder one by one. */
  public static void add(float[] src, int s, float[] dst, int d, int len) {
    int i = 0;
    for (; i + FL <= len; i += FL) {
      FloatVector.fromArray(F, dst, d + i).add(FloatVector.fromArray(F, src, s + i)).intoArray(dst, d + i);
    }
    for (; i < len; i++) {
      dst[d + i] += src[s + i];
    }
  }

  /** Float64 twin of {@link #add(float[], int, float[], int, int)}. */
  public static void add(double[] src, int s, double[] dst, int d, int len) {
    int i = 0;
    for (; i + DL <= len; i += DL) {
      DoubleVector.fromArray(D, dst, d + i).add(DoubleVector.fromArray(D, src, s + i)).intoArray(dst, d + i);
    }
    for (; i < len; i++) {
      dst[d + i] += src[s + i];
    }
  }
}
