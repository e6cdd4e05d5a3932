package org.conv4j.nn.functional;

import java.util.Arrays;
import org.conv4j.internal.TensorAccess;
import org.conv4j.kernels.AvgPoolPlanes;
import org.conv4j.kernels.PoolAxis;
import org.conv4j.kernels.PoolGrid;
import org.conv4j.kernels.PoolTables;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.conv4j.window.Geometry;

/**
 * Average pooling, PyTorch's {@code F.avg_pool{1,2,3}d} with its backward (SPEC §5.5).
 *
 * <p>Layout: input {@code (N, C, *spatial)} or unbatched {@code (C, *spatial)} with 1 to 3 spatial
 * axes; output {@code (N, C, *out)} or {@code (C, *out)}, the input's dtype. Per axis, window
 * {@code o} spans {@code [start, end)} with {@code start = o·s − p}, {@code end = min(start + k,
 * L + p)}; the sum runs over its part inside {@code [0, L)} and is divided by
 * {@code divisor_override}, or by {@code pool_size = Π(end − start)} (padding counted, the
 * ceil-mode overhang past the right padding not) when {@code count_include_pad}, or by the number
 * of real elements. Float32 sums accumulate in double and are rounded once.
 *
 * <p>The backward pass distributes {@code dy/divisor} over each window's in-bounds inputs, so it is
 * the exact adjoint of the forward map: {@code ⟨avgPool(x), y⟩ = ⟨x, backward(y)⟩}. It needs only
 * the input shape.
 *
 * {@snippet :
 * Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 1, 1, 6);
 * AvgPoolParams p = AvgPoolParams.of(1, 3).withStride(2).withPadding(1).withCeilMode(true);
 * Tensor y = AvgPool.avgPool1d(x, p);                              // [1, 3, 5, 3]
 * Tensor dx = AvgPool.backward(Tensor.ones(DType.FLOAT64, 1, 1, 4), x.shape(), p);
 * }
 */
public final class AvgPool {
  private AvgPool() {}

  /** {@code F.avg_pool1d}: input {@code (N, C, L)} or {@code (C, L)}. */
  public static Tensor avgPool1d(Tensor x, AvgPoolParams p) {
    return forward(x, checkDims(p, 1));
  }

  /** {@code F.avg_pool1d(x, k)}: kernel {@code k}, stride {@code k}. */
  public static Tensor avgPool1d(Tensor x, int k) {
    return avgPool1d(x, AvgPoolParams.of(1, k));
  }

  /** {@code F.avg_pool2d}: input {@code (N, C, H, W)} or {@code (C, H, W)}. */
  public static Tensor avgPool2d(Tensor x, AvgPoolParams p) {
    return forward(x, checkDims(p, 2));
  }

  /** {@code F.avg_pool2d(x, k)}: kernel {@code k×k}, stride {@code k}. */
  public static Tensor avgPool2d(Tensor x, int k) {
    return avgPool2d(x, AvgPoolParams.of(2, k));
  }

  /** {@code F.avg_pool3d}: input {@code (N, C, D, H, W)} or {@code (C, D, H, W)}. */
  public static Tensor avgPool3d(Tensor x, AvgPoolParams p) {
    return forward(x, checkDims(p, 3));
  }

  /** {@code F.avg_pool3d(x, k)}: kernel {@code k×k×k}, stride {@code k}. */
  public static Tensor avgPool3d(Tensor x, int k) {
    return avgPool3d(x, AvgPoolParams.of(3, k));
  }

  /**
   * The output shape for an input of shape {@code inputShape}.
   *
   * @throws IllegalArgumentException if the rank does not fit {@code p} or an output size is below
   *     1 (the message states the input, kernel, stride and padding)
   */
  public static int[] outputShape(int[] inputShape, AvgPoolParams p) {
    int dims = p.spatialDims();
    checkRank(inputShape, dims);
    int lead = inputShape.length - dims;
    int[] out = Arrays.copyOf(inputShape, inputShape.length);
    int[] k = p.kernel();
    int[] s = p.stride();
    int[] pad = p.padding();
    for (int i = 0; i < dims; i++) {
      out[lead + i] = Geometry.poolOutputSize(axisName(i, dims), inputShape[lead + i], k[i], s[i], pad[i], 1, p.ceilMode());
    }
    return out;
  }

  /**
   * Average pooling, the rank taken from {@code p} (the CLI's entry point).
   *
   * @param x input {@code (N, C, *spatial)} or {@code (C, *spatial)}, not modified
   * @throws IllegalArgumentException on a rank mismatch or an empty output
   */
  public static Tensor forward(Tensor x, AvgPoolParams p) {
    int[] outShape = outputShape(x.shape(), p);
    PoolAxis[] axes = axes(x.shape(), outShape, p);
    int planes = planes(x.shape(), p.spatialDims());
    int outSize = Geometry.checkedProduct("average pooling output", outShape);
    int divisor = p.divisorOverride().orElse(0);
    TensorAccess.Accessor acc = TensorAccess.get();
    Tensor xc = x.contiguous();
    int inPlane = Geometry.checkedProduct("spatial plane", Arrays.copyOfRange(x.shape(), x.rank() - p.spatialDims(), x.rank()));
    int outPlane = outSize / Math.max(1, planes);
    int xo = acc.offset(xc);
    boolean include = p.countIncludePad();
    PoolGrid grid = PoolGrid.of(axes[0], axes[1], axes[2]);
    if (grid != null) {
      // uniform 2-D windows: the vectorised kernel (same sums, same bits)
      double div = AvgPoolPlanes.divisor(grid, divisor);
      if (x.dtype() == DType.FLOAT32) {
        float[] out = new float[outSize];
        float[] xs = acc.floats(xc);
        PoolTasks.overPlanes(planes, inPlane, (p0, p1) -> AvgPoolPlanes.forward(xs, xo + p0 * inPlane, out, p0 * outPlane,
            p1 - p0, grid, div));
        return acc.wrap(out, outShape);
      }
      double[] out = new double[outSize];
      double[] xs = acc.doubles(xc);
      PoolTasks.overPlanes(planes, inPlane, (p0, p1) -> AvgPoolPlanes.forward(xs, xo + p0 * inPlane, out, p0 * outPlane,
          p1 - p0, grid, div));
      return acc.wrap(out, outShape);
    }
    // any other windows: the table-driven kernel (same sums and divisors, same bits)
    PoolTables.AvgPlan plan = PoolTables.AvgPlan.forward(axes[0], axes[1], axes[2], divisor, include);
    if (x.dtype() == DType.FLOAT32) {
      float[] out = new float[outSize];
      float[] xs = acc.floats(xc);
      PoolTasks.overPlanes(planes, inPlane, (p0, p1) -> PoolTables.avgPool(xs, xo + p0 * inPlane, out, p0 * outPlane,
          p1 - p0, plan));
      return acc.wrap(out, outShape);
    }
    double[] out = new double[outSize];
    double[] xs = acc.doubles(xc);
    PoolTasks.overPlanes(planes, inPlane, (p0, p1) -> PoolTables.avgPool(xs, xo + p0 * inPlane, out, p0 * outPlane,
        p1 - p0, plan));
    return acc.wrap(out, outShape);
  }

  /**
   * The gradient with respect to the input ({@code avg_pool*d_backward}); the result has dy's
   * dtype and the shape {@code inputShape}.
   *
   * @param dy upstream gradient, the forward output's shape, not modified
   * @param inputShape the forward input's shape
   * @throws IllegalArgumentException when {@code dy} does not have the forward output's shape
   */
  public static Tensor backward(Tensor dy, int[] inputShape, AvgPoolParams p) {
    int[] outShape = outputShape(inputShape, p);
    if (!Arrays.equals(dy.shape(), outShape)) {
      throw new IllegalArgumentException(
          "dy has shape " + Arrays.toString(dy.shape()) + " but the forward output for input "
              + Arrays.toString(inputShape) + " has shape " + Arrays.toString(outShape));
    }
    PoolAxis[] axes = axes(inputShape, outShape, p);
    int dims = p.spatialDims();
    int planes = planes(inputShape, dims);
    int inSize = Geometry.checkedProduct("average pooling input", inputShape);
    int divisor = p.divisorOverride().orElse(0);
    TensorAccess.Accessor acc = TensorAccess.get();
    Tensor g = dy.contiguous();
    int inPlane = Geometry.checkedProduct("spatial plane", Arrays.copyOfRange(inputShape, inputShape.length - dims, inputShape.length));
    int outPlane = Geometry.checkedProduct("output plane", Arrays.copyOfRange(outShape, outShape.length - dims, outShape.length));
    int go = acc.offset(g);
    boolean include = p.countIncludePad();
    PoolGrid grid = PoolGrid.of(axes[0], axes[1], axes[2]);
    if (grid != null && grid.tiledPairs()) {
      // windows that tile their rows: each input gets its one window's share, written densely
      double div = AvgPoolPlanes.divisor(grid, divisor);
      if (dy.dtype() == DType.FLOAT32) {
        float[] dx = new float[inSize];
        float[] gs = acc.floats(g);
        PoolTasks.overPlanes(planes, inPlane, (p0, p1) -> AvgPoolPlanes.backwardTiled(gs, go + p0 * outPlane, p1 - p0, dx,
            p0 * inPlane, grid, div));
        return acc.wrap(dx, inputShape.clone());
      }
      double[] dx = new double[inSize];
      double[] gs = acc.doubles(g);
      PoolTasks.overPlanes(planes, inPlane, (p0, p1) -> AvgPoolPlanes.backwardTiled(gs, go + p0 * outPlane, p1 - p0, dx,
          p0 * inPlane, grid, div));
      return acc.wrap(dx, inputShape.clone());
    }
    // any other windows: the shares are scattered into each plane (vectors of outputs where their
    // first taps are 1 or 2 apart), in output order, so the vector and reference kernels agree
    PoolTables.AvgPlan plan = PoolTables.AvgPlan.backward(axes[0], axes[1], axes[2], divisor, include);
    if (dy.dtype() == DType.FLOAT32) {
      float[] dx = new float[inSize];
      float[] gs = acc.floats(g);
      PoolTasks.overPlanes(planes, inPlane, (p0, p1) -> PoolTables.avgPoolBackward(gs, go + p0 * outPlane, dx, p0 * inPlane,
          p1 - p0, plan, new double[inPlane]));
      return acc.wrap(dx, inputShape.clone());
    }
    double[] dx = new double[inSize];
    double[] gs = acc.doubles(g);
    PoolTasks.overPlanes(planes, inPlane, (p0, p1) -> PoolTables.avgPoolBackward(gs, go + p0 * outPlane, dx, p0 * inPlane,
        p1 - p0, plan));
    return acc.wrap(dx, inputShape.clone());
  }

  // ------------------------------------------------------------------------------------------

  private static AvgPoolParams checkDims(AvgPoolParams p, int dims) {
    if (p.spatialDims() != dims) {
      throw new IllegalArgumentException(
          "avgPool" + dims + "d needs a kernel with " + dims + " entries, got " + Arrays.toString(p.kernel()));
    }
    return p;
  }

  private static void checkRank(int[] shape, int dims) {
    if (shape.length != dims + 1 && shape.length != dims + 2) {
      throw new IllegalArgumentException(
          "avgPool" + dims + "d expects input of rank " + (dims + 1) + " (C, " + spatialNames(dims) + ") or "
              + (dims + 2) + " (N, C, " + spatialNames(dims) + "), got rank " + shape.length + " shape "
              + Arrays.toString(shape));
    }
  }

  private static PoolAxis[] axes(int[] inShape, int[] outShape, AvgPoolParams p) {
    int dims = p.spatialDims();
    int lead = inShape.length - dims;
    int[] k = p.kernel();
    int[] s = p.stride();
    int[] pad = p.padding();
    PoolAxis[] axes = {PoolAxis.unit(), PoolAxis.unit(), PoolAxis.unit()};
    for (int i = 0; i < dims; i++) {
      axes[3 - dims + i] = PoolAxis.torch(inShape[lead + i], outShape[lead + i], k[i], s[i], pad[i], 1);
    }
    return axes;
  }

  private static int planes(int[] shape, int dims) {
    return Geometry.checkedProduct("batch × channels", Arrays.copyOf(shape, shape.length - dims));
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
