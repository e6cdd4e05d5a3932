// Summary statistics of a tensor with NaN handling, for info and later subcommands.
package org.conv4j.cli;

import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * Element count, NaN count, and min, max and mean over the non-NaN values of a tensor. The mean is
 * accumulated in double with compensated (Neumaier) summation; infinities give an infinite mean, or
 * NaN when both signs occur. With no non-NaN value, min, max and mean are NaN.
 *
 * @param size the number of elements
 * @param nanCount how many of them are NaN
 * @param min the smallest non-NaN value
 * @param max the largest non-NaN value
 * @param mean the mean of the non-NaN values
 */
public record ArrayStats(long size, long nanCount, double min, double max, double mean) {
  /** The statistics of {@code t}. */
  public static ArrayStats of(Tensor t) {
    Acc acc = new Acc();
    if (t.dtype() == DType.FLOAT32) {
      for (float v : t.toFloatArray()) {
        acc.add(v);
      }
    } else {
      for (double v : t.toDoubleArray()) {
        acc.add(v);
      }
    }
    return acc.result(t.size());
  }

  /** Running min/max/NaN count and a compensated sum. */
  private static final class Acc {
    long count;
    long nans;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum;
    double comp;
    boolean posInf;
    boolean negInf;

    void add(double v) {
      if (v != v) {
        nans++;
        return;
      }
      count++;
      if (v < min) {
        min = v;
      }
      if (v > max) {
        max = v;
      }
      if (Double.isInfinite(v)) {
        if (v > 0) {
          posInf = true;
        } else {
          negInf = true;
        }
        return;
      }
      double s = sum + v;
      comp += Math.abs(sum) >= Math.abs(v) ? (sum - s) + v : (v - s) + sum;
      sum = s;
    }

    ArrayStats result(long size) {
      if (count == 0) {
        return new ArrayStats(size, nans, Double.NaN, Double.NaN, Double.NaN);
      }
      double mean;
      if (posInf && negInf) {
        mean = Double.NaN;
      } else if (posInf) {
        mean = Double.POSITIVE_INFINITY;
      } else if (negInf) {
        mean = Double.NEGATIVE_INFINITY;
      } else {
        mean = (sum + comp) / count;
      }
      return new ArrayStats(size, nans, min, max, mean);
    }
  }
}
