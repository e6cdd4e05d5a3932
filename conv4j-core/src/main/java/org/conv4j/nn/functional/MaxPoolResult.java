package org.conv4j.nn.functional;

import java.util.Arrays;
import java.util.Objects;
import org.conv4j.internal.TensorAccess;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * The output of {@link MaxPool} with {@code return_indices=True}: the pooled values and, for each
 * of them, the flat offset of the chosen input element in its unpadded input plane, as PyTorch
 * returns them ({@code h·W + w} in 2-D, {@code t·H·W + h·W + w} in 3-D, plain {@code l} in 1-D).
 *
 * <p>conv4j tensors have no integer dtype, so {@link #indices()} is a float64 tensor holding
 * integral values (exact: plane sizes are far below 2<sup>53</sup>); {@link #indexArray()} and
 * {@link #indexLongs()} give them as integers in C order. A window that read only padding (possible
 * only with dilation) has value −∞ and index −1.
 *
 * @param output pooled values, shape {@code (N, C, *out)} or {@code (C, *out)}, the input's dtype
 * @param indices argmax offsets, the same shape, float64
 */
public record MaxPoolResult(Tensor output, Tensor indices) {

  /** Checks that both tensors are present and shaped alike. */
  public MaxPoolResult {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(indices, "indices");
    if (!Arrays.equals(output.shape(), indices.shape()) || indices.dtype() != DType.FLOAT64) {
      throw new IllegalArgumentException(
          "indices must be float64 with the output's shape " + Arrays.toString(output.shape()) + ", got "
              + indices.dtype() + " " + Arrays.toString(indices.shape()));
    }
  }

  /** Wraps kernel indices (owned by the result from now on) as a float64 tensor. */
  static MaxPoolResult of(Tensor output, int[] idx) {
    double[] d = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      d[i] = idx[i];
    }
    return new MaxPoolResult(output, TensorAccess.get().wrap(d, output.shape()));
  }

  /** The indices as ints in C order (a new array). */
  public int[] indexArray() {
    return Arrays.stream(indices.toDoubleArray()).mapToInt(v -> (int) v).toArray();
  }

  /** The indices as longs in C order (a new array), PyTorch's int64. */
  public long[] indexLongs() {
    return Arrays.stream(indices.toDoubleArray()).mapToLong(v -> (long) v).toArray();
  }

  /**
   * Converts {@code n} float64 indices from {@code v[vOff]} into {@code out[outOff]}; returns the
   * position (relative to {@code vOff}) of the first one that is not an offset into a plane of
   * {@code planeSize} elements (an integer in {@code [-1, planeSize)}), or −1 when all are.
   */
  static int toIndices(double[] v, int vOff, int[] out, int outOff, int n, int planeSize) {
    for (int i = 0; i < n; i++) {
      double x = v[vOff + i];
      if (!(x == Math.rint(x) && x >= -1 && x < planeSize)) {
        return i;
      }
      out[outOff + i] = (int) x;
    }
    return -1;
  }

  /** The error for a bad index at flat position {@code i} of the index tensor. */
  static IllegalArgumentException badIndex(long i, double x, int planeSize) {
    return new IllegalArgumentException(
        "indices[" + i + " (flat)] = " + x + " is not an offset into an input plane of " + planeSize
            + " elements (integers 0.." + (planeSize - 1) + ", or -1 for an all-padding window)");
  }
}
