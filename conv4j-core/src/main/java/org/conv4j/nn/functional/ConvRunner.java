package org.conv4j.nn.functional;

import org.conv4j.internal.TensorAccess;
import org.conv4j.kernels.Bias;
import org.conv4j.kernels.ConvGemm;
import org.conv4j.kernels.ConvShape;
import org.conv4j.kernels.DirectConv;
import org.conv4j.kernels.Im2col;
import org.conv4j.kernels.PadAdjoint;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.conv4j.window.PadMode;

/**
 * Runs the kernels over a batch: makes operands C-contiguous, allocates the result and the im2col
 * workspace once, dispatches on dtype and {@link ConvAlgorithm}, and steps the array offsets from
 * example to example. A weight is either shared by the batch ({@code perExample = false}) or one per
 * example, whose offset then steps too (kernels as data). The ops call this after their shape checks;
 * it checks nothing itself.
 */
final class ConvRunner {
  private static final TensorAccess.Accessor A = TensorAccess.get();

  private ConvRunner() {}

  /** {@code y (n, oc, *out)} from {@code x (n, c, *in)}; bias {@code (oc)} or per example {@code (n, oc)}, or null. */
  static Tensor forward(ConvShape g, int n, Tensor x, Tensor w, boolean perExample, Tensor bias, ConvAlgorithm alg, int[] yShape) {
    x = x.contiguous();
    w = w.contiguous();
    Tensor y = A.zeros(x.dtype(), yShape);
    int xs = g.inputSize(), ys = g.outputSize(), ws = perExample ? g.weightSize() : 0;
    int xo = A.offset(x), wo = A.offset(w);
    if (x.dtype() == DType.FLOAT32) {
      float[] xa = A.floats(x), wa = A.floats(w), ya = A.floats(y);
      float[] cols = alg == ConvAlgorithm.IM2COL_GEMM ? new float[(int) g.colsSize()] : null;
      for (int i = 0; i < n; i++) {
        switch (alg) {
          case DIRECT -> DirectConv.forward(g, xa, xo + i * xs, wa, wo + i * ws, ya, i * ys);
          case IM2COL_GEMM -> ConvGemm.forward(g, xa, xo + i * xs, wa, wo + i * ws, ya, i * ys, cols);
          case POINTWISE_1X1 -> ConvGemm.forwardPointwise(g, xa, xo + i * xs, wa, wo + i * ws, ya, i * ys);
        }
      }
    } else {
      double[] xa = A.doubles(x), wa = A.doubles(w), ya = A.doubles(y);
      double[] cols = alg == ConvAlgorithm.IM2COL_GEMM ? new double[(int) g.colsSize()] : null;
      for (int i = 0; i < n; i++) {
        switch (alg) {
          case DIRECT -> DirectConv.forward(g, xa, xo + i * xs, wa, wo + i * ws, ya, i * ys);
          case IM2COL_GEMM -> ConvGemm.forward(g, xa, xo + i * xs, wa, wo + i * ws, ya, i * ys, cols);
          case POINTWISE_1X1 -> ConvGemm.forwardPointwise(g, xa, xo + i * xs, wa, wo + i * ws, ya, i * ys);
        }
      }
    }
    if (bias != null) {
      addBias(y, n, g.oc(), g.outputPlane(), bias);
    }
    return y;
  }

  /** {@code dx (n, c, *in)} from {@code dy (n, oc, *out)}: the adjoint of {@link #forward}, also transposed convolution. */
  static Tensor backwardInput(ConvShape g, int n, Tensor dy, Tensor w, boolean perExample, ConvAlgorithm alg, int[] dxShape) {
    dy = dy.contiguous();
    w = w.contiguous();
    Tensor dx = A.zeros(dy.dtype(), dxShape);
    int xs = g.inputSize(), ys = g.outputSize(), ws = perExample ? g.weightSize() : 0;
    int yo = A.offset(dy), wo = A.offset(w);
    if (dy.dtype() == DType.FLOAT32) {
      float[] ya = A.floats(dy), wa = A.floats(w), xa = A.floats(dx);
      float[] cols = alg == ConvAlgorithm.IM2COL_GEMM ? new float[(int) g.colsSize()] : null;
      for (int i = 0; i < n; i++) {
        switch (alg) {
          case DIRECT -> DirectConv.backwardInput(g, ya, yo + i * ys, wa, wo + i * ws, xa, i * xs);
          case IM2COL_GEMM -> ConvGemm.backwardInput(g, ya, yo + i * ys, wa, wo + i * ws, xa, i * xs, cols);
          case POINTWISE_1X1 -> ConvGemm.backwardInputPointwise(g, ya, yo + i * ys, wa, wo + i * ws, xa, i * xs);
        }
      }
    } else {
      double[] ya = A.doubles(dy), wa = A.doubles(w), xa = A.doubles(dx);
      double[] cols = alg == ConvAlgorithm.IM2COL_GEMM ? new double[(int) g.colsSize()] : null;
      for (int i = 0; i < n; i++) {
        switch (alg) {
          case DIRECT -> DirectConv.backwardInput(g, ya, yo + i * ys, wa, wo + i * ws, xa, i * xs);
          case IM2COL_GEMM -> ConvGemm.backwardInput(g, ya, yo + i * ys, wa, wo + i * ws, xa, i * xs, cols);
          case POINTWISE_1X1 -> ConvGemm.backwardInputPointwise(g, ya, yo + i * ys, wa, wo + i * ws, xa, i * xs);
        }
      }
    }
    return dx;
  }

  /** {@code dw}: summed over the batch into {@code (oc, c/g, *k)}, or one per example into {@code (n, oc, c/g, *k)}. */
  static Tensor backwardWeight(ConvShape g, int n, Tensor x, Tensor dy, boolean perExample, ConvAlgorithm alg, int[] dwShape) {
    x = x.contiguous();
    dy = dy.contiguous();
    Tensor dw = A.zeros(x.dtype(), dwShape);
    int xs = g.inputSize(), ys = g.outputSize(), ws = perExample ? g.weightSize() : 0;
    int xo = A.offset(x), yo = A.offset(dy);
    if (x.dtype() == DType.FLOAT32) {
      float[] xa = A.floats(x), ya = A.floats(dy), wa = A.floats(dw);
      float[] cols = alg == ConvAlgorithm.IM2COL_GEMM ? new float[(int) g.colsSize()] : null;
      for (int i = 0; i < n; i++) {
        switch (alg) {
          case DIRECT -> DirectConv.backwardWeight(g, xa, xo + i * xs, ya, yo + i * ys, wa, i * ws);
          case IM2COL_GEMM -> ConvGemm.backwardWeight(g, xa, xo + i * xs, ya, yo + i * ys, wa, i * ws, cols);
          case POINTWISE_1X1 -> ConvGemm.backwardWeightPointwise(g, xa, xo + i * xs, ya, yo + i * ys, wa, i * ws);
        }
      }
    } else {
      double[] xa = A.doubles(x), ya = A.doubles(dy), wa = A.doubles(dw);
      double[] cols = alg == ConvAlgorithm.IM2COL_GEMM ? new double[(int) g.colsSize()] : null;
      for (int i = 0; i < n; i++) {
        switch (alg) {
          case DIRECT -> DirectConv.backwardWeight(g, xa, xo + i * xs, ya, yo + i * ys, wa, i * ws);
          case IM2COL_GEMM -> ConvGemm.backwardWeight(g, xa, xo + i * xs, ya, yo + i * ys, wa, i * ws, cols);
          case POINTWISE_1X1 -> ConvGemm.backwardWeightPointwise(g, xa, xo + i * xs, ya, yo + i * ys, wa, i * ws);
        }
      }
    }
    return dw;
  }

  /** {@code db}: {@code (oc)} summed over the batch, or {@code (n, oc)} per example. */
  static Tensor biasGrad(int n, int oc, int plane, Tensor dy, boolean perExample) {
    dy = dy.contiguous();
    Tensor db = A.zeros(dy.dtype(), perExample ? new int[] {n, oc} : new int[] {oc});
    int yo = A.offset(dy), ys = oc * plane, bs = perExample ? oc : 0;
    for (int i = 0; i < n; i++) {
      if (dy.dtype() == DType.FLOAT32) {
        Bias.grad(A.floats(dy), yo + i * ys, oc, plane, A.floats(db), i * bs);
      } else {
        Bias.grad(A.doubles(dy), yo + i * ys, oc, plane, A.doubles(db), i * bs);
      }
    }
    return db;
  }

  /** Adds a bias {@code (oc)} or {@code (n, oc)} into a freshly allocated {@code y}. */
  static void addBias(Tensor y, int n, int oc, int plane, Tensor bias) {
    bias = bias.contiguous();
    int bo = A.offset(bias), bs = bias.rank() == 2 ? oc : 0, ys = oc * plane;
    for (int i = 0; i < n; i++) {
      if (y.dtype() == DType.FLOAT32) {
        Bias.add(A.floats(y), i * ys, oc, plane, A.floats(bias), bo + i * bs);
      } else {
        Bias.add(A.doubles(y), i * ys, oc, plane, A.doubles(bias), bo + i * bs);
      }
    }
  }

  /**
   * Folds the gradient with respect to a padded input {@code (n, c, *padded)} back onto the input
   * {@code (n, c, *in)} through the adjoint of the padding.
   */
  static Tensor foldPadding(Tensor dPadded, int n, int c, int[] padded, int[] in, int[] lo, PadMode mode) {
    dPadded = dPadded.contiguous();
    int[] p3 = lift(padded, 1), i3 = lift(in, 1), l3 = lift(lo, 0);
    Tensor dx = A.zeros(dPadded.dtype(), ConvPlan.concat(new int[] {n, c}, in));
    int ps = c * p3[0] * p3[1] * p3[2], is = c * i3[0] * i3[1] * i3[2], po = A.offset(dPadded);
    for (int i = 0; i < n; i++) {
      if (dx.dtype() == DType.FLOAT32) {
        PadAdjoint.fold(A.floats(dPadded), po + i * ps, A.floats(dx), i * is, c, p3, i3, l3, mode);
      } else {
        PadAdjoint.fold(A.doubles(dPadded), po + i * ps, A.doubles(dx), i * is, c, p3, i3, l3, mode);
      }
    }
    return dx;
  }

  /** unfold: {@code cols (n, c·K, L)} from {@code x (n, c, *in)}. */
  static Tensor im2col(ConvShape g, int n, Tensor x, int[] colsShape) {
    x = x.contiguous();
    Tensor cols = A.zeros(x.dtype(), colsShape);
    int xs = g.inputSize(), cs = (int) g.colsSize(), xo = A.offset(x);
    for (int i = 0; i < n; i++) {
      if (x.dtype() == DType.FLOAT32) {
        Im2col.im2col(g, A.floats(x), xo + i * xs, A.floats(cols), i * cs);
      } else {
        Im2col.im2col(g, A.doubles(x), xo + i * xs, A.doubles(cols), i * cs);
      }
    }
    return cols;
  }

  /** fold: {@code x (n, c, *in)} summed from {@code cols (n, c·K, L)}. */
  static Tensor col2im(ConvShape g, int n, Tensor cols, int[] xShape) {
    cols = cols.contiguous();
    Tensor x = A.zeros(cols.dtype(), xShape);
    int xs = g.inputSize(), cs = (int) g.colsSize(), co = A.offset(cols);
    for (int i = 0; i < n; i++) {
      if (x.dtype() == DType.FLOAT32) {
        Im2col.col2im(g, A.floats(cols), co + i * cs, A.floats(x), i * xs);
      } else {
        Im2col.col2im(g, A.doubles(cols), co + i * cs, A.doubles(x), i * xs);
      }
    }
    return x;
  }

  private static int[] lift(int[] a, int fill) {
    int[] r = {fill, fill, fill};
    System.arraycopy(a, 0, r, 3 - a.length, a.length);
    return r;
  }
}
