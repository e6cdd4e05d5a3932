package org.conv4j.autodiff;

import java.util.function.UnaryOperator;
import org.conv4j.internal.TensorAccess;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Shape;
import org.conv4j.tensor.Tensor;
import org.conv4j.window.PadMode;

/**
 * Adjoints of the view and padding ops: writing a gradient back into the positions a view selected
 * (slice, select) and summing a padded gradient back onto the unpadded input.
 */
final class Scatter {
  private Scatter() {}

  /**
   * A zero tensor of {@code shape} with {@code g} written into the positions that {@code view}
   * selects from it. {@code view} must return a view (basic slicing), never a copy.
   */
  static Tensor into(DType dtype, int[] shape, UnaryOperator<Tensor> view, Tensor g) {
    TensorAccess.Accessor acc = TensorAccess.get();
    Tensor zeros = acc.zeros(dtype, shape);
    Tensor target = view.apply(zeros);
    if ((dtype == DType.FLOAT32 ? acc.floats(target) != acc.floats(zeros) : acc.doubles(target) != acc.doubles(zeros))
        || !java.util.Arrays.equals(target.shape(), g.shape())) {
      throw new IllegalStateException("gradient scatter: the index is not a view of shape " + Shape.toString(g.shape()));
    }
    write(target, g.to(dtype).contiguous());
    return zeros;
  }

  /** Writes the C-ordered values of contiguous {@code src} into the elements of view {@code dst}. */
  private static void write(Tensor dst, Tensor src) {
    TensorAccess.Accessor acc = TensorAccess.get();
    int[] shape = dst.shape();
    int[] st = acc.strides(dst);
    int rank = shape.length;
    int n = dst.size();
    if (n == 0) {
      return;
    }
    int[] idx = new int[rank];
    int pos = acc.offset(dst);
    int so = acc.offset(src);
    float[] df = acc.floats(dst);
    double[] dd = acc.doubles(dst);
    float[] sf = acc.floats(src);
    double[] sd = acc.doubles(src);
    for (int i = 0; i < n; i++) {
      if (df != null) {
        df[pos] = sf[so + i];
      } else {
        dd[pos] = sd[so + i];
      }
      // Odometer increment over the view's multi-index.
      for (int a = rank - 1; a >= 0; a--) {
        idx[a]++;
        pos += st[a];
        if (idx[a] < shape[a]) {
          break;
        }
        pos -= st[a] * shape[a];
        idx[a] = 0;
      }
    }
  }

  /**
   * The adjoint of {@code pad(x, padWidth, mode)} applied to {@code dy}: for a constant pad the
   * interior; otherwise, per axis, {@code dx[i] = Σ dy[p]} over the padded positions {@code p} that
   * read input position {@code i}. The map is obtained by padding {@code arange(n)} with the same
   * rule, so it matches {@link Tensor#pad} by construction; since every mode pads the axes
   * independently, the adjoint is the product of the per-axis adjoints.
   */
  static Tensor padAdjoint(Tensor dy, int[] inShape, int[][] padWidth, PadMode mode) {
    int rank = inShape.length;
    Tensor g = dy;
    for (int a = 0; a < rank; a++) {
      int[] w = padWidth.length == 1 ? padWidth[0] : padWidth[a];
      int lo = w[0];
      int n = inShape[a];
      if (mode == PadMode.CONSTANT) {
        g = g.slice(a, lo, lo + n, 1);
        continue;
      }
      if (w[0] == 0 && w[1] == 0) {
        continue;
      }
      double[] map = Tensor.arange(DType.FLOAT64, n).pad(new int[][] {w}, mode).toDoubleArray();
      double[] m = new double[map.length * n];
      for (int p = 0; p < map.length; p++) {
        m[p * n + (int) map[p]] += 1;
      }
      Tensor scatter = Tensor.of(m, map.length, n).to(dy.dtype());
      g = g.transpose(a, rank - 1).matmul(scatter).transpose(a, rank - 1);
    }
    return g.contiguous();
  }
}
