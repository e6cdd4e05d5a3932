package org.conv4j.window;

import java.util.Arrays;
import org.conv4j.internal.TensorAccess;
import org.conv4j.tensor.Tensor;

/**
 * NumPy's {@code sliding_window_view} (SPEC §4) as a view: no copy, the result shares the input's
 * storage through computed strides, for any rank (the result's rank, input rank plus window rank,
 * may be at most 8).
 *
 * <p>Shape: start from {@code x.shape}; for each pair {@code (axis_k, w_k)} subtract {@code w_k − 1}
 * from {@code shape[axis_k]} (repeated axes allowed); then take every {@code step[a]}-th position
 * ({@code ceil(len/step)}); then append the window shape. Values:
 * {@code out[i…, j_0…j_{m−1}] = x[i·step + Σ_k e_{axis_k}·j_k]}.
 *
 * {@snippet :
 * Tensor x = Tensor.arange(DType.FLOAT64, 6);
 * Tensor v = SlidingWindows.view(x, 3);   // [[0,1,2],[1,2,3],[2,3,4],[3,4,5]], shares x's storage
 * }
 */
public final class SlidingWindows {
  private SlidingWindows() {}

  /** A window over every axis ({@code axis=None}): {@code windowShape.length == x.rank()}. */
  public static Tensor view(Tensor x, int... windowShape) {
    if (windowShape.length != x.rank()) {
      throw new IllegalArgumentException("sliding_window_view: since axis is None, window_shape must have an entry for"
          + " every axis; got " + windowShape.length + " entries and x has rank " + x.rank());
    }
    int[] axes = new int[windowShape.length];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i;
    }
    return view(x, windowShape, axes, null);
  }

  /** Windows along {@code axes} (negative values count from the end, repeats allowed), paired with {@code windowShape}. */
  public static Tensor view(Tensor x, int[] windowShape, int[] axes) {
    return view(x, windowShape, axes, null);
  }

  /**
   * Windows along {@code axes} with a step between window positions.
   *
   * @param steps null, or one step ≥ 1 per input axis, applied to the position axes
   * @throws IllegalArgumentException for mismatched lengths, a negative window, a window larger
   *     than its axis, a bad axis or step, or a result of rank above 8
   */
  public static Tensor view(Tensor x, int[] windowShape, int[] axes, int[] steps) {
    int rank = x.rank();
    if (windowShape.length != axes.length) {
      throw new IllegalArgumentException("sliding_window_view: window_shape has " + windowShape.length
          + " entries but axis has " + axes.length);
    }
    if (steps != null && steps.length != rank) {
      throw new IllegalArgumentException("sliding_window_view: steps has " + steps.length + " entries for rank " + rank);
    }
    for (int w : windowShape) {
      if (w < 0) {
        throw new IllegalArgumentException("sliding_window_view: window_shape cannot contain negative values: "
            + Arrays.toString(windowShape));
      }
    }
    if (rank + windowShape.length > 8) {
      throw new IllegalArgumentException("sliding_window_view: result rank " + (rank + windowShape.length)
          + " exceeds the maximum 8");
    }
    int[] shape = x.shape();
    int[] strides = TensorAccess.get().strides(x);
    int[] pos = shape.clone();
    int[] ax = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      int a = axes[i] < 0 ? axes[i] + rank : axes[i];
      if (a < 0 || a >= rank) {
        throw new IllegalArgumentException("sliding_window_view: axis " + axes[i] + " is out of bounds for rank " + rank);
      }
      ax[i] = a;
      if (windowShape[i] > shape[a]) {
        throw new IllegalArgumentException("sliding_window_view: window shape cannot be larger than input array shape"
            + " (window " + windowShape[i] + " on axis " + a + " of size " + shape[a] + ")");
      }
      pos[a] -= windowShape[i] - 1;
      if (pos[a] < 0) {
        throw new IllegalArgumentException("sliding_window_view: the windows on repeated axis " + a + " (size "
            + shape[a] + ") leave a negative number of positions (" + pos[a] + ")");
      }
    }
    int[] outShape = new int[rank + ax.length];
    int[] outStrides = new int[rank + ax.length];
    for (int a = 0; a < rank; a++) {
      int s = steps == null ? 1 : steps[a];
      if (s < 1) {
        throw new IllegalArgumentException("sliding_window_view: steps must be at least 1, got " + Arrays.toString(steps));
      }
      outShape[a] = pos[a] <= 0 ? 0 : (pos[a] - 1) / s + 1;
      outStrides[a] = strides[a] * s;
    }
    for (int i = 0; i < ax.length; i++) {
      outShape[rank + i] = windowShape[i];
      outStrides[rank + i] = strides[ax[i]];
    }
    return TensorAccess.get().view(x, outShape, outStrides, TensorAccess.get().offset(x));
  }
}
