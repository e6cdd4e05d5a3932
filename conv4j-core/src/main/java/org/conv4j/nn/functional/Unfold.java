package org.conv4j.nn.functional;

import java.util.Arrays;
import org.conv4j.kernels.ConvShape;
import org.conv4j.tensor.Tensor;
import org.conv4j.window.Geometry;

/**
 * im2col and col2im: PyTorch's {@code F.unfold} and {@code F.fold} (SPEC §5.4), generalised to 1-,
 * 2- and 3-D.
 *
 * <p>{@code unfold} maps {@code (N, C, *spatial)} (or unbatched {@code (C, *spatial)}) to
 * {@code (N, C·ΠK, L)} with
 *
 * <pre>  cols[n, c·ΠK + r(q), l(p)] = x̂[n, c, p·s − pad + q·d]        (zero padding; r, l = row-major ravel)</pre>
 *
 * <p>so a convolution is {@code w.reshape(OC, −1) @ unfold(x)}. {@code fold} is its adjoint: it sums
 * every column entry back into the position it came from, so {@code fold(unfold(x))} is {@code x}
 * times the number of windows covering each position. The transpose of one example's
 * {@code unfold} is the seed's {@code Xhat} (rows are output positions).
 *
 * {@snippet :
 * Tensor x = Tensor.arange(DType.FLOAT64, 12).reshape(1, 1, 3, 4);
 * Tensor cols = Unfold.unfold(x, UnfoldParams.of(2, 2));                    // (1, 4, 6)
 * Tensor back = Unfold.fold(cols, new int[] {3, 4}, UnfoldParams.of(2, 2)); // x times the overlap count
 * }
 */
public final class Unfold {
  private Unfold() {}

  /** im2col of {@code x (N, C, *spatial)} or {@code (C, *spatial)} into {@code (N, C·ΠK, L)} or {@code (C·ΠK, L)}. */
  public static Tensor unfold(Tensor x, UnfoldParams p) {
    int d = p.rank();
    boolean batched = x.rank() == d + 2;
    if (!batched && x.rank() != d + 1) {
      throw new IllegalArgumentException("unfold: input must be " + (d + 2) + "-D (N, C, " + ConvPlan.spatialNames(d, "")
          + ") or " + (d + 1) + "-D (C, " + ConvPlan.spatialNames(d, "") + ") for a " + d + "-D kernel, got shape "
          + ConvPlan.shape(x.shape()));
    }
    Tensor xb = batched ? x : x.unsqueeze(0);
    int n = xb.dim(0);
    int c = xb.dim(1);
    int[] in = Arrays.copyOfRange(xb.shape(), 2, d + 2);
    ConvShape g = geometry("unfold", c, in, p);
    int rows = Geometry.checkedProduct("unfold: columns", c, g.kernelSize());
    int[] colsShape = {n, rows, g.outputPlane()};
    Geometry.checkedProduct("unfold: output", colsShape);
    Tensor cols = ConvRunner.im2col(g, n, xb, colsShape);
    return batched ? cols : cols.squeeze(0);
  }

  /**
   * col2im of {@code cols (N, C·ΠK, L)} or {@code (C·ΠK, L)} into {@code (N, C, *outputSize)}, summing
   * overlaps.
   *
   * @throws IllegalArgumentException when the column count is not a multiple of {@code ΠK}, or
   *     {@code L} is not the number of windows that fit {@code outputSize}
   */
  public static Tensor fold(Tensor cols, int[] outputSize, UnfoldParams p) {
    int d = p.rank();
    if (outputSize.length != d) {
      throw new IllegalArgumentException("fold: output size needs " + d + " entries for a " + d + "-D kernel, got "
          + Arrays.toString(outputSize));
    }
    boolean batched = cols.rank() == 3;
    if (!batched && cols.rank() != 2) {
      throw new IllegalArgumentException("fold: input must be 3-D (N, C·ΠK, L) or 2-D (C·ΠK, L), got shape "
          + ConvPlan.shape(cols.shape()));
    }
    Tensor cb = batched ? cols : cols.unsqueeze(0);
    int n = cb.dim(0);
    int rows = cb.dim(1);
    int kprod = Geometry.checkedProduct("fold: kernel", p.kernel());
    if (rows % kprod != 0 || rows == 0) {
      throw new IllegalArgumentException("fold: input has " + rows + " rows, not a positive multiple of the kernel size "
          + ConvPlan.dims(p.kernel()) + " = " + kprod);
    }
    int c = rows / kprod;
    ConvShape g = geometry("fold", c, outputSize, p);
    if (cb.dim(2) != g.outputPlane()) {
      throw new IllegalArgumentException("fold: input has " + cb.dim(2) + " columns but " + g.outputPlane()
          + " windows (" + ConvPlan.dims(new int[] {g.od(), g.oh(), g.ow()}) + ") fit the output size "
          + ConvPlan.dims(outputSize) + " with " + p);
    }
    int[] xShape = ConvPlan.concat(new int[] {n, c}, outputSize);
    Geometry.checkedProduct("fold: output", xShape);
    Tensor x = ConvRunner.col2im(g, n, cb, xShape);
    return batched ? x : x.squeeze(0);
  }

  private static ConvShape geometry(String op, int c, int[] in, UnfoldParams p) {
    int d = p.rank();
    if (c <= 0) {
      throw new IllegalArgumentException(op + ": no channels");
    }
    ConvPlan.checkFits(op, in, p.kernel(), p.padding(), p.padding(), p.dilation());
    int[] out = new int[d];
    for (int a = 0; a < d; a++) {
      if (in[a] <= 0) {
        throw new IllegalArgumentException(op + ": spatial size " + ConvPlan.dims(in) + " is empty");
      }
      out[a] = Geometry.convOutputSize("spatial axis " + a, in[a], p.kernel()[a], p.stride()[a], p.padding()[a],
          p.padding()[a], p.dilation()[a]);
    }
    return ConvShape.of(c, 1, 1, in, p.kernel(), out, p.stride(), p.padding(), p.dilation());
  }
}
