package org.conv4j.nn.functional;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.conv4j.internal.TensorAccess;
import org.conv4j.kernels.MaxPoolPlanes;
import org.conv4j.kernels.PoolGrid;
import org.conv4j.kernels.PoolAxis;
import org.conv4j.kernels.PoolKernels;
import org.conv4j.kernels.PoolTables;
import org.conv4j.kernels.simd.PoolWindows;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.conv4j.window.Geometry;

/**
 * Max pooling, PyTorch's {@code F.max_pool{1,2,3}d} and {@code max_pool*d_with_indices} with their
 * backward (SPEC §5.5).
 *
 * <p>Layout: input {@code (N, C, *spatial)} or unbatched {@code (C, *spatial)} with 1 to 3 spatial
 * axes; output {@code (N, C, *out)} or {@code (C, *out)}, the input's dtype (float32 or float64).
 * Each output is the maximum over the window taps {@code o·s − p + t·d}, {@code t < k}, per axis;
 * padding is implicit −∞ and never selected. Taps are scanned in row-major order with ATen's rule
 * {@code v > max || isNaN(v)}: ties go to the first tap, NaN propagates, and with several NaNs the
 * last one's index is kept. Output sizes come from {@link Geometry#poolOutputSize}, including the
 * ceil-mode rule that the last window must start inside the input or the left padding.
 *
 * <p>The backward pass scatters {@code dy} to the argmax of each window ({@code dx[idx] += dy}),
 * accumulating where windows overlap; it needs only the indices and the input shape. There is one
 * algorithm (the kernels of {@link PoolKernels}, run in parallel over chunks of planes), so no
 * selection step.
 *
 * {@snippet :
 * Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 1, 1, 6);
 * MaxPoolParams p = MaxPoolParams.of(1, 3).withStride(2).withPadding(1).withCeilMode(true);
 * MaxPoolResult r = MaxPool.maxPool1dWithIndices(x, p); // values [2, 4, 6, 6], indices [1, 3, 5, 5]
 * Tensor dx = MaxPool.backward(Tensor.ones(DType.FLOAT64, 1, 1, 4), r.indices(), x.shape(), p);
 * // dx = [0, 1, 0, 1, 0, 2]
 * }
 */
public final class MaxPool {
  private MaxPool() {}

  /** {@code F.max_pool1d}: input {@code (N, C, L)} or {@code (C, L)}. */
  public static Tensor maxPool1d(Tensor x, MaxPoolParams p) {
    return forward(x, checkDims(p, 1)).output();
  }

  /** {@code F.max_pool1d(x, k)}: kernel {@code k}, stride {@code k}. */
  public static Tensor maxPool1d(Tensor x, int k) {
    return maxPool1d(x, MaxPoolParams.of(1, k));
  }

  /** {@code F.max_pool2d}: input {@code (N, C, H, W)} or {@code (C, H, W)}. */
  public static Tensor maxPool2d(Tensor x, MaxPoolParams p) {
    return forward(x, checkDims(p, 2)).output();
  }

  /** {@code F.max_pool2d(x, k)}: kernel {@code k×k}, stride {@code k}. */
  public static Tensor maxPool2d(Tensor x, int k) {
    return maxPool2d(x, MaxPoolParams.of(2, k));
  }

  /** {@code F.max_pool3d}: input {@code (N, C, D, H, W)} or {@code (C, D, H, W)}. */
  public static Tensor maxPool3d(Tensor x, MaxPoolParams p) {
    return forward(x, checkDims(p, 3)).output();
  }

  /** {@code F.max_pool3d(x, k)}: kernel {@code k×k×k}, stride {@code k}. */
  public static Tensor maxPool3d(Tensor x, int k) {
    return maxPool3d(x, MaxPoolParams.of(3, k));
  }

  /** {@code F.max_pool1d(..., return_indices=True)}. */
  public static MaxPoolResult maxPool1dWithIndices(Tensor x, MaxPoolParams p) {
    return forward(x, checkDims(p, 1));
  }

  /** {@code F.max_pool2d(..., return_indices=True)}. */
  public static MaxPoolResult maxPool2dWithIndices(Tensor x, MaxPoolParams p) {
    return forward(x, checkDims(p, 2));
  }

  /** {@code F.max_pool3d(..., return_indices=True)}. */
  public static MaxPoolResult maxPool3dWithIndices(Tensor x, MaxPoolParams p) {
    return forward(x, checkDims(p, 3));
  }

  /**
   * The output shape for an input of shape {@code inputShape}.
   *
   * @throws IllegalArgumentException if the rank does not fit {@code p} or an output size is below
   *     1 (the message states the input, kernel, stride, padding and dilation)
   */
  public static int[] outputShape(int[] inputShape, MaxPoolParams p) {
    int dims = p.spatialDims();
    checkRank(inputShape, dims);
    int lead = inputShape.length - dims;
    int[] out = Arrays.copyOf(inputShape, inputShape.length);
    int[] k = p.kernel();
    int[] s = p.stride();
    int[] pad = p.padding();
    int[] d = p.dilation();
    for (int i = 0; i < dims; i++) {
      out[lead + i] = Geometry.poolOutputSize(axisName(i, dims), inputShape[lead + i], k[i], s[i], pad[i], d[i], p.ceilMode());
    }
    return out;
  }

  /**
   * Max pooling with indices, the rank taken from {@code p} (the CLI's entry point).
   *
   * @param x input {@code (N, C, *spatial)} or {@code (C, *spatial)}, not modified
   * @throws IllegalArgumentException on a rank mismatch or an empty output
   */
  public static MaxPoolResult forward(Tensor x, MaxPoolParams p) {
    int[] outShape = outputShape(x.shape(), p);
    PoolAxis[] axes = axes(x.shape(), outShape, p);
    int planes = planes(x.shape(), p.spatialDims());
    int outSize = Geometry.checkedProduct("max pooling output", outShape);
    TensorAccess.Accessor acc = TensorAccess.get();
    Tensor xc = x.contiguous();
    Tensor y;
    int inPlane = planeSize(x.shape(), p.spatialDims());
    int outPlane = outSize / Math.max(1, planes);
    int xo = acc.offset(xc);
    PoolGrid grid = PoolGrid.of(axes[0], axes[1], axes[2]);
    if (grid != null) {
      // Uniform 2-D windows: the vectorised kernel writes the float64 indices itself.
      double[] idx = new double[outSize];
      if (x.dtype() == DType.FLOAT32) {
        float[] out = new float[outSize];
        float[] xs = acc.floats(xc);
        PoolTasks.overPlanes(planes, inPlane, (p0, p1) -> MaxPoolPlanes.forward(xs, xo + p0 * inPlane, out, idx, p0 * outPlane,
            p1 - p0, grid));
        y = acc.wrap(out, outShape);
      } else {
        double[] out = new double[outSize];
        double[] xs = acc.doubles(xc);
        PoolTasks.overPlanes(planes, inPlane, (p0, p1) -> MaxPoolPlanes.forward(xs, xo + p0 * inPlane, out, idx, p0 * outPlane,
            p1 - p0, grid));
        y = acc.wrap(out, outShape);
      }
      return new MaxPoolResult(y, acc.wrap(idx, outShape.clone()));
    }
    // Any other windows (padding, dilation, overlap, 1-D/3-D, ceil-mode overhang): the table-driven
    // kernel. Planes are independent: chunks of planes run in parallel, each plane exactly as in one call.
    double[] idx = new double[outSize];
    PoolWindows win = PoolTables.windows(axes[0], axes[1], axes[2], PoolTables.maxLanes(x.dtype() == DType.FLOAT32));
    if (x.dtype() == DType.FLOAT32) {
      float[] out = new float[outSize];
      float[] xs = acc.floats(xc);
      PoolTasks.overPlanes(planes, inPlane, (p0, p1) -> PoolTables.maxPool(xs, xo + p0 * inPlane, out, idx, p0 * outPlane,
          p1 - p0, axes[0], axes[1], axes[2], win));
      y = acc.wrap(out, outShape);
    } else {
      double[] out = new double[outSize];
      double[] xs = acc.doubles(xc);
      PoolTasks.overPlanes(planes, inPlane, (p0, p1) -> PoolTables.maxPool(xs, xo + p0 * inPlane, out, idx, p0 * outPlane,
          p1 - p0, axes[0], axes[1], axes[2], win));
      y = acc.wrap(out, outShape);
    }
    return new MaxPoolResult(y, acc.wrap(idx, outShape.clone()));
  }

  /**
   * The gradient with respect to the input ({@code max_pool*d_with_indices_backward}):
   * {@code dx[n, c, idx] += dy[n, c, o]} for every output {@code o}. The result has dy's dtype.
   *
   * @param dy upstream gradient, the forward output's shape, not modified
   * @param indices the forward's {@link MaxPoolResult#indices()}, not modified
   * @param inputShape the forward input's shape
   * @throws IllegalArgumentException when {@code dy} or {@code indices} does not have the forward
   *     output's shape, or an index is not an offset into the input plane
   */
  public static Tensor backward(Tensor dy, Tensor indices, int[] inputShape, MaxPoolParams p) {
    int[] outShape = outputShape(inputShape, p);
    checkShape("dy", dy.shape(), outShape, inputShape);
    checkShape("indices", indices.shape(), outShape, inputShape);
    int dims = p.spatialDims();
    int planes = planes(inputShape, dims);
    int inPlane = planeSize(inputShape, dims);
    int outPlane = planeSize(outShape, dims);
    int inSize = Geometry.checkedProduct("max pooling input", inputShape);
    TensorAccess.Accessor acc = TensorAccess.get();
    Tensor g = dy.contiguous();
    int go = acc.offset(g);
    PoolAxis[] ax = axes(inputShape, outShape, p);
    PoolGrid grid = PoolGrid.of(ax[0], ax[1], ax[2]);
    if (grid != null && grid.tiledPairs() && indices.dtype() == DType.FLOAT64) {
      // Windows that tile their rows: each input belongs to one window, so dx is written densely
      // (dy where the index points, 0 elsewhere) instead of scattered; any index outside its own
      // window sends the call to the general scatter below, which also validates.
      Tensor ic = indices.contiguous();
      double[] is = acc.doubles(ic);
      int io = acc.offset(ic);
      AtomicBoolean outside = new AtomicBoolean();
      Tensor dense;
      if (dy.dtype() == DType.FLOAT32) {
        float[] dx = new float[inSize];
        float[] gs = acc.floats(g);
        PoolTasks.overPlanes(planes, inPlane, (p0, p1) -> {
          if (!MaxPoolPlanes.backwardTiled(gs, go + p0 * outPlane, is, io + p0 * outPlane, p1 - p0, dx, p0 * inPlane, grid, new int[grid.ow() + 8])) {
            outside.set(true);
          }
        });
        dense = acc.wrap(dx, inputShape.clone());
      } else {
        double[] dx = new double[inSize];
        double[] gs = acc.doubles(g);
        PoolTasks.overPlanes(planes, inPlane, (p0, p1) -> {
          if (!MaxPoolPlanes.backwardTiled(gs, go + p0 * outPlane, is, io + p0 * outPlane, p1 - p0, dx, p0 * inPlane, grid, new int[grid.ow() + 8])) {
            outside.set(true);
          }
        });
        dense = acc.wrap(dx, inputShape.clone());
      }
      if (!outside.get()) {
        return dense;
      }
    }
    // The scatter: each chunk of planes converts and checks its own indices (no serial copy of the
    // index tensor); the first bad index in C order is reported, whatever the thread count.
    Tensor ic = indices.dtype() == DType.FLOAT64 ? indices.contiguous() : indices.to(DType.FLOAT64);
    double[] is = acc.doubles(ic);
    int io = acc.offset(ic);
    AtomicLong bad = new AtomicLong(Long.MAX_VALUE);
    Tensor result;
    if (dy.dtype() == DType.FLOAT32) {
      float[] dx = new float[inSize];
      float[] gs = acc.floats(g);
      PoolTasks.overPlanes(planes, inPlane, (p0, p1) -> {
        int[] idx = chunkIndices(is, io, p0, p1, outPlane, inPlane, bad);
        if (idx == null) {
          return;
        }
        PoolKernels.maxPoolBackward(gs, go + p0 * outPlane, idx, 0, p1 - p0, outPlane, dx, p0 * inPlane, inPlane, new double[inPlane]);
      });
      result = acc.wrap(dx, inputShape.clone());
    } else {
      double[] dx = new double[inSize];
      double[] gs = acc.doubles(g);
      PoolTasks.overPlanes(planes, inPlane, (p0, p1) -> {
        int[] idx = chunkIndices(is, io, p0, p1, outPlane, inPlane, bad);
        if (idx == null) {
          return;
        }
        PoolKernels.maxPoolBackward(gs, go + p0 * outPlane, idx, 0, p1 - p0, outPlane, dx, p0 * inPlane, inPlane);
      });
      result = acc.wrap(dx, inputShape.clone());
    }
    if (bad.get() != Long.MAX_VALUE) {
      long at = bad.get();
      throw MaxPoolResult.badIndex(at, is[io + (int) at], inPlane);
    }
    return result;
  }

  /**
   * The indices of planes {@code [p0, p1)} as ints, or null after recording in {@code bad} the flat
   * position of their first index that is not an offset into a plane (the smallest over all chunks
   * is reported).
   */
  private static int[] chunkIndices(double[] is, int io, int p0, int p1, int outPlane, int inPlane, AtomicLong bad) {
    int[] idx = new int[(p1 - p0) * outPlane];
    int at = MaxPoolResult.toIndices(is, io + p0 * outPlane, idx, 0, idx.length, inPlane);
    if (at >= 0) {
      bad.accumulateAndGet((long) p0 * outPlane + at, Math::min);
      return null;
    }
    return idx;
  }

  // ------------------------------------------------------------------------------------------

  private static MaxPoolParams checkDims(MaxPoolParams p, int dims) {
    if (p.spatialDims() != dims) {
      throw new IllegalArgumentException(
          "maxPool" + dims + "d needs a kernel with " + dims + " entries, got " + Arrays.toString(p.kernel()));
    }
    return p;
  }

  private static void checkRank(int[] shape, int dims) {
    if (shape.length != dims + 1 && shape.length != dims + 2) {
      throw new IllegalArgumentException(
          "maxPool" + dims + "d expects input of rank " + (dims + 1) + " (C, " + spatialNames(dims) + ") or "
              + (dims + 2) + " (N, C, " + spatialNames(dims) + "), got rank " + shape.length + " shape "
              + Arrays.toString(shape));
    }
  }

  private static void checkShape(String name, int[] got, int[] want, int[] inputShape) {
    if (!Arrays.equals(got, want)) {
      throw new IllegalArgumentException(
          name + " has shape " + Arrays.toString(got) + " but the forward output for input "
              + Arrays.toString(inputShape) + " has shape " + Arrays.toString(want));
    }
  }

  private static PoolAxis[] axes(int[] inShape, int[] outShape, MaxPoolParams p) {
    int dims = p.spatialDims();
    int lead = inShape.length - dims;
    int[] k = p.kernel();
    int[] s = p.stride();
    int[] pad = p.padding();
    int[] d = p.dilation();
    PoolAxis[] axes = {PoolAxis.unit(), PoolAxis.unit(), PoolAxis.unit()};
    for (int i = 0; i < dims; i++) {
      axes[3 - dims + i] = PoolAxis.torch(inShape[lead + i], outShape[lead + i], k[i], s[i], pad[i], d[i]);
    }
    return axes;
  }

  private static int planes(int[] shape, int dims) {
    return Geometry.checkedProduct("batch × channels", Arrays.copyOf(shape, shape.length - dims));
  }

  private static int planeSize(int[] shape, int dims) {
    return Geometry.checkedProduct("spatial plane", Arrays.copyOfRange(shape, shape.length - dims, shape.length));
  }

  private static String axisName(int i, int dims) {
    return "spatial axis " + i + " (" + spatialNames(dims).split(", ")[i] + ")";
  }

  private static String spatialNames(int dims) {
    return switch (dims) {
      case 1 -> "L";
      case 2 -> "H, W";
      default -> "D, H, W";
    };
  }
}
