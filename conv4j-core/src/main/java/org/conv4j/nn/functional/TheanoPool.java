package org.conv4j.nn.functional;

import java.util.Arrays;
import org.conv4j.internal.TensorAccess;
import org.conv4j.kernels.PoolAxis;
import org.conv4j.kernels.PoolKernels;
import org.conv4j.kernels.PoolTables;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.conv4j.window.Geometry;

/**
 * Theano's {@code theano.tensor.signal.pool.pool_2d} and its gradient (SPEC §6.2), as used by the
 * DeepLearningTutorials LeNet (SPEC §6.3: {@code pool_2d(ds=(2,2), ignore_border=True)}).
 *
 * <p>Layout: pools over the <em>last</em> {@code ws.length} axes of an input of any rank ≥ that;
 * all leading axes are independent planes. Output sizes follow {@code Pool.out_shape} (see
 * {@link Geometry#theanoPoolOutputSize}) and an empty output is rejected. With the zero-padded
 * length {@code v = L + 2·pad}, window {@code j} covers {@code [j·st, min(j·st + ws, v))}; its real
 * elements are that range clipped to the unpadded input. {@code max}, {@code sum} and
 * {@code average_exc_pad} use only the real elements; {@code average_inc_pad} divides their sum by
 * the clipped window size with padding counted. Partial windows ({@code ignore_border=False}) are
 * averaged over their actual size. NaN propagates through {@code max} as with {@code numpy.max}.
 *
 * <p>Backward: the averages and the sum distribute {@code dy} (over the divisor) to the window's real
 * elements, the exact adjoint of the forward (Theano's own {@code AveragePoolGrad} refuses
 * {@code average_exc_pad} with padding; here it is defined the same way). {@code max} follows
 * Theano's {@code MaxPoolGrad}: every real element equal to the window maximum receives {@code dy},
 * so tied elements each receive it (unlike PyTorch's single argmax) and a NaN maximum passes none.
 *
 * {@snippet :
 * Tensor x = Tensor.arange(DType.FLOAT64, 1, 26, 1).reshape(5, 5);
 * TheanoPoolParams p = TheanoPoolParams.of(3, 3).withIgnoreBorder(true).withStride(2).withPad(1)
 *     .withMode(TheanoPoolMode.AVERAGE_EXC_PAD);
 * Tensor y = TheanoPool.pool2d(x, p);     // [[4, 5.5, 7], [11.5, 13, 14.5], [19, 20.5, 22]]
 * }
 */
public final class TheanoPool {
  private TheanoPool() {}

  /** {@code pool_2d}: pools the last two axes of {@code x} (rank ≥ 2). */
  public static Tensor pool2d(Tensor x, TheanoPoolParams p) {
    if (p.pooledDims() != 2) {
      throw new IllegalArgumentException("pool2d needs ws with 2 entries, got " + Arrays.toString(p.ws()));
    }
    return forward(x, p);
  }

  /**
   * The output shape for an input of shape {@code inputShape}.
   *
   * @throws IllegalArgumentException if the input has fewer axes than {@code ws} or an output size
   *     is 0 (the padded input is smaller than the window)
   */
  public static int[] outputShape(int[] inputShape, TheanoPoolParams p) {
    int dims = p.pooledDims();
    if (inputShape.length < dims) {
      throw new IllegalArgumentException(
          "pool_" + dims + "d requires an input with at least " + dims + " axes, got shape " + Arrays.toString(inputShape));
    }
    int lead = inputShape.length - dims;
    int[] out = inputShape.clone();
    int[] ws = p.ws();
    int[] st = p.stride();
    int[] pad = p.pad();
    for (int i = 0; i < dims; i++) {
      String axis = "pooled axis " + i;
      int n = Geometry.theanoPoolOutputSize(axis, inputShape[lead + i], ws[i], st[i], pad[i], p.ignoreBorder());
      if (n < 1) {
        throw new IllegalArgumentException(
            "pool output size on " + axis + " is " + n + ": the padded input " + inputShape[lead + i] + " + 2·" + pad[i]
                + " = " + (inputShape[lead + i] + 2L * pad[i]) + " is smaller than the window ws = " + ws[i]
                + " (ignore_border=True drops partial windows)");
      }
      out[lead + i] = n;
    }
    return out;
  }

  /**
   * Theano pooling over the last {@code p.pooledDims()} axes.
   *
   * @param x input, not modified
   */
  public static Tensor forward(Tensor x, TheanoPoolParams p) {
    int[] outShape = outputShape(x.shape(), p);
    PoolAxis[] axes = axes(x.shape(), outShape, p);
    int planes = planes(x.shape(), p.pooledDims());
    int outSize = Geometry.checkedProduct("pooling output", outShape);
    TensorAccess.Accessor acc = TensorAccess.get();
    Tensor xc = x.contiguous();
    if (x.dtype() == DType.FLOAT32) {
      float[] out = new float[outSize];
      float[] xs = acc.floats(xc);
      int off = acc.offset(xc);
      if (p.mode() == TheanoPoolMode.MAX) {
        PoolTables.maxPool(xs, off, out, null, 0, planes, axes[0], axes[1], axes[2],
            PoolTables.windows(axes[0], axes[1], axes[2], PoolTables.maxLanes(true)));
      } else {
        PoolTables.avgPool(xs, off, out, 0, planes, avgPlan(axes, p, false));
      }
      return acc.wrap(out, outShape);
    }
    double[] out = new double[outSize];
    double[] xs = acc.doubles(xc);
    int off = acc.offset(xc);
    if (p.mode() == TheanoPoolMode.MAX) {
      PoolTables.maxPool(xs, off, out, null, 0, planes, axes[0], axes[1], axes[2],
          PoolTables.windows(axes[0], axes[1], axes[2], PoolTables.maxLanes(false)));
    } else {
      PoolTables.avgPool(xs, off, out, 0, planes, avgPlan(axes, p, false));
    }
    return acc.wrap(out, outShape);
  }

  /** The plan of the average modes (the reference loops' sums and divisors). */
  private static PoolTables.AvgPlan avgPlan(PoolAxis[] axes, TheanoPoolParams p, boolean backward) {
    int div = divisorOverride(p);
    boolean include = includePad(p);
    return backward ? PoolTables.AvgPlan.backward(axes[0], axes[1], axes[2], div, include)
        : PoolTables.AvgPlan.forward(axes[0], axes[1], axes[2], div, include);
  }

  /**
   * The gradient with respect to the input ({@code MaxPoolGrad} / {@code AveragePoolGrad}). The
   * max mode recomputes the window maxima from {@code x}.
   *
   * @param x the forward input, not modified
   * @param dy upstream gradient with the forward output's shape and x's dtype, not modified
   * @return dx, x's shape and dtype
   * @throws IllegalArgumentException when dy's shape is not the forward output's or the dtypes differ
   */
  public static Tensor backward(Tensor x, Tensor dy, TheanoPoolParams p) {
    int[] inShape = x.shape();
    int[] outShape = outputShape(inShape, p);
    if (!Arrays.equals(dy.shape(), outShape)) {
      throw new IllegalArgumentException(
          "dy has shape " + Arrays.toString(dy.shape()) + " but the forward output for input "
              + Arrays.toString(inShape) + " has shape " + Arrays.toString(outShape));
    }
    if (dy.dtype() != x.dtype()) {
      throw new IllegalArgumentException("dy is " + dy.dtype() + " but x is " + x.dtype() + " (input types must all match)");
    }
    PoolAxis[] axes = axes(inShape, outShape, p);
    int dims = p.pooledDims();
    int planes = planes(inShape, dims);
    int inSize = Geometry.checkedProduct("pooling input", inShape);
    boolean max = p.mode() == TheanoPoolMode.MAX;
    Tensor y = max ? forward(x, p) : null;
    TensorAccess.Accessor acc = TensorAccess.get();
    Tensor g = dy.contiguous();
    PoolTables.AvgPlan plan = max ? null : avgPlan(axes, p, true);
    if (x.dtype() == DType.FLOAT32) {
      float[] dx = new float[inSize];
      double[] scratch = new double[planeSize(inShape, dims)];
      if (max) {
        Tensor xc = x.contiguous();
        PoolKernels.maxPoolBackwardAllTies(acc.floats(xc), acc.offset(xc), acc.floats(y), acc.offset(y), acc.floats(g),
            acc.offset(g), planes, dx, 0, axes[0], axes[1], axes[2], scratch);
      } else {
        PoolTables.avgPoolBackward(acc.floats(g), acc.offset(g), dx, 0, planes, plan, scratch);
      }
      return acc.wrap(dx, inShape);
    }
    double[] dx = new double[inSize];
    if (max) {
      Tensor xc = x.contiguous();
      PoolKernels.maxPoolBackwardAllTies(acc.doubles(xc), acc.offset(xc), acc.doubles(y), acc.offset(y),
          acc.doubles(g), acc.offset(g), planes, dx, 0, axes[0], axes[1], axes[2]);
    } else {
      PoolTables.avgPoolBackward(acc.doubles(g), acc.offset(g), dx, 0, planes, plan);
    }
    return acc.wrap(dx, inShape);
  }

  // ------------------------------------------------------------------------------------------

  /** {@code sum} is an average with divisor 1; the averages compute theirs. */
  private static int divisorOverride(TheanoPoolParams p) {
    return p.mode() == TheanoPoolMode.SUM ? 1 : 0;
  }

  private static boolean includePad(TheanoPoolParams p) {
    return p.mode() == TheanoPoolMode.AVERAGE_INC_PAD;
  }

  private static PoolAxis[] axes(int[] inShape, int[] outShape, TheanoPoolParams p) {
    int dims = p.pooledDims();
    int lead = inShape.length - dims;
    int[] ws = p.ws();
    int[] st = p.stride();
    int[] pad = p.pad();
    PoolAxis[] axes = {PoolAxis.unit(), PoolAxis.unit(), PoolAxis.unit()};
    for (int i = 0; i < dims; i++) {
      axes[3 - dims + i] = PoolAxis.theano(inShape[lead + i], outShape[lead + i], ws[i], st[i], pad[i]);
    }
    return axes;
  }

  private static int planes(int[] shape, int dims) {
    return Geometry.checkedProduct("leading axes", Arrays.copyOf(shape, shape.length - dims));
  }

  private static int planeSize(int[] shape, int dims) {
    return Geometry.checkedProduct("pooled plane", Arrays.copyOfRange(shape, shape.length - dims, shape.length));
  }
}
