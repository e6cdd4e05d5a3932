package org.conv4j.kernels;

import org.conv4j.kernels.simd.FilterVectors;

/**
 * The flat storage of a filter's input or output: a float32 or a float64 array, read into and
 * written from {@code double} working lines. The filter kernels compute in {@code double} only
 * (SciPy's line buffers do the same); a float32 store rounds once, to nearest.
 *
 * <p>Positions are flat element indices; a line is {@code n} elements {@code stride} apart.
 * Contiguous float32 lines are converted with {@link FilterVectors#widen} / {@link
 * FilterVectors#narrow} when {@link FilterSimd#ENABLED} (the same values as the scalar casts).
 */
public final class FilterBuffer {
  private final float[] f;
  private final double[] d;

  private FilterBuffer(float[] f, double[] d) {
    this.f = f;
    this.d = d;
  }

  /** A float32 buffer over {@code a} (not copied). */
  public static FilterBuffer of(float[] a) {
    return new FilterBuffer(a, null);
  }

  /** A float64 buffer over {@code a} (not copied). */
  public static FilterBuffer of(double[] a) {
    return new FilterBuffer(null, a);
  }

  /** Whether the storage is float32. */
  public boolean isFloat() {
    return f != null;
  }

  /** The float32 array, or null. */
  public float[] floats() {
    return f;
  }

  /** The float64 array, or null. */
  public double[] doubles() {
    return d;
  }

  /** Element {@code i}. */
  public double get(int i) {
    return f != null ? f[i] : d[i];
  }

  /** {@code dst[dOff + t] = this[off + t·stride]} for {@code t < n}. */
  public void load(int off, int stride, int n, double[] dst, int dOff) {
    if (f != null) {
      if (stride == 1 && FilterSimd.ENABLED) {
        FilterVectors.widen(f, off, dst, dOff, n);
      } else if (stride == 1) {
        for (int t = 0; t < n; t++) {
          dst[dOff + t] = f[off + t];
        }
      } else {
        for (int t = 0; t < n; t++) {
          dst[dOff + t] = f[off + t * stride];
        }
      }
    } else if (stride == 1) {
      System.arraycopy(d, off, dst, dOff, n);
    } else {
      for (int t = 0; t < n; t++) {
        dst[dOff + t] = d[off + t * stride];
      }
    }
  }

  /** {@code dst[dOff + t·dStride] = this[off + t]} for {@code t < n} (a row into a column). */
  public void loadColumn(int off, int n, double[] dst, int dOff, int dStride) {
    if (f != null) {
      for (int t = 0; t < n; t++) {
        dst[dOff + t * dStride] = f[off + t];
      }
    } else {
      for (int t = 0; t < n; t++) {
        dst[dOff + t * dStride] = d[off + t];
      }
    }
  }

  /** {@code this[off + t] = src[sOff + t·sStride]} for {@code t < n}, rounded once for float32. */
  public void storeColumn(double[] src, int sOff, int sStride, int n, int off) {
    if (f != null) {
      for (int t = 0; t < n; t++) {
        f[off + t] = (float) src[sOff + t * sStride];
      }
    } else {
      for (int t = 0; t < n; t++) {
        d[off + t] = src[sOff + t * sStride];
      }
    }
  }

  /** {@code this[off + t·stride] = src[sOff + t]} for {@code t < n}, rounded once for float32. */
  public void store(double[] src, int sOff, int n, int off, int stride) {
    if (f != null) {
      if (stride == 1 && FilterSimd.ENABLED) {
        FilterVectors.narrow(src, sOff, f, off, n);
      } else if (stride == 1) {
        for (int t = 0; t < n; t++) {
          f[off + t] = (float) src[sOff + t];
        }
      } else {
        for (int t = 0; t < n; t++) {
          f[off + t * stride] = (float) src[sOff + t];
        }
      }
    } else if (stride == 1) {
      System.arraycopy(src, sOff, d, off, n);
    } else {
      for (int t = 0; t < n; t++) {
        d[off + t * stride] = src[sOff + t];
      }
    }
  }
}
