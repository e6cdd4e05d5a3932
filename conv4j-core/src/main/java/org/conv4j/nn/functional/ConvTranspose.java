package org.conv4j.nn.functional;

import java.util.Arrays;
import org.conv4j.kernels.ConvShape;
import org.conv4j.tensor.Tensor;
import org.conv4j.window.Geometry;

/**
 * Transposed convolution, PyTorch's {@code conv_transpose1d/2d/3d} (SPEC §5.2): the adjoint of
 * {@link Conv} with the same weight, stride, padding, dilation and groups, and so the input
 * gradient of a convolution. It is the "backward correlation" of seed 002: every input value
 * scatters a scaled copy of the kernel into the output.
 *
 * <p>Layouts: input {@code (N, C, *spatial)} or unbatched {@code (C, *spatial)}; weight
 * {@code (C, OC/groups, *k)}; bias {@code (OC)}. Per axis
 *
 * <pre>  y[n, G·(OC/g) + o, i·s − p + q·d] += x[n, c, i] · w[c, o, q]      (targets outside [0, L_out) dropped)
 *  L_out = (L − 1)·s − 2p + d(k − 1) + output_padding + 1</pre>
 *
 * {@snippet :
 * Tensor vals = Tensor.ones(DType.FLOAT64, 1, 1, 5, 5);
 * Tensor w0 = Tensor.ones(DType.FLOAT64, 1, 3, 3, 3);
 * Tensor full = ConvTranspose.convTranspose2d(vals, w0, null, ConvTransposeParams.defaults(2));          // (1, 3, 7, 7)
 * Tensor same = ConvTranspose.convTranspose2d(vals, w0, null, ConvTransposeParams.defaults(2).withPadding(1)); // (1, 3, 5, 5)
 * }
 */
public final class ConvTranspose {
  private ConvTranspose() {}

  /** 1-D transposed convolution; bias may be null. */
  public static Tensor convTranspose1d(Tensor x, Tensor w, Tensor bias, ConvTransposeParams p) {
    return convTranspose(x, w, bias, checkRank(p, 1), (ConvAlgorithm) null);
  }

  /** 2-D transposed convolution; bias may be null. */
  public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor bias, ConvTransposeParams p) {
    return convTranspose(x, w, bias, checkRank(p, 2), (ConvAlgorithm) null);
  }

  /** 3-D transposed convolution; bias may be null. */
  public static Tensor convTranspose3d(Tensor x, Tensor w, Tensor bias, ConvTransposeParams p) {
    return convTranspose(x, w, bias, checkRank(p, 3), (ConvAlgorithm) null);
  }

  /** Transposed convolution of the params' spatial rank; bias may be null. */
  public static Tensor convTranspose(Tensor x, Tensor w, Tensor bias, ConvTransposeParams p) {
    return convTranspose(x, w, bias, p, (ConvAlgorithm) null);
  }

  /**
   * Transposed convolution producing the requested spatial size, as
   * {@code nn.ConvTranspose*d.forward(input, output_size)}: the {@code output_padding} of {@code p} is
   * replaced by {@code outputSize − minimum size} per axis.
   *
   * @throws IllegalArgumentException when a size is outside {@code [min, min + max(s, d) − 1]} (the
   *     message gives the range)
   */
  public static Tensor convTranspose(Tensor x, Tensor w, Tensor bias, ConvTransposeParams p, int... outputSize) {
    int d = p.rank();
    if (outputSize.length != d) {
      throw new IllegalArgumentException("conv_transpose" + d + "d: output size needs " + d + " entries, got "
          + Arrays.toString(outputSize));
    }
    if (x.rank() < d || w.rank() != d + 2) {
      throw new IllegalArgumentException("conv_transpose" + d + "d: input shape " + ConvPlan.shape(x.shape())
          + " or weight shape " + ConvPlan.shape(w.shape()) + " has the wrong rank");
    }
    int[] op = new int[d];
    for (int a = 0; a < d; a++) {
      op[a] = Geometry.outputPaddingFor("spatial axis " + a, outputSize[a], x.dim(x.rank() - d + a),
          w.dim(2 + a), p.stride()[a], p.padding()[a], p.dilation()[a]);
    }
    return convTranspose(x, w, bias, p.withOutputPadding(op), (ConvAlgorithm) null);
  }

  /** {@link #convTranspose(Tensor, Tensor, Tensor, ConvTransposeParams)} with a forced algorithm (null selects one). */
  public static Tensor convTranspose(Tensor x, Tensor w, Tensor bias, ConvTransposeParams p, ConvAlgorithm algorithm) {
    Plan plan = plan(x, w, bias, p);
    ConvAlgorithm alg = ConvAlgorithm.resolve(algorithm, plan.shape);
    Tensor xb = plan.batched ? x : x.unsqueeze(0);
    Tensor y = ConvRunner.backwardInput(plan.shape, plan.n, xb, w, false, alg, plan.outputShape());
    if (bias != null) {
      ConvRunner.addBias(y, plan.n, plan.shape.c(), plan.shape.inputPlane(), bias);
    }
    return plan.batched ? y : y.squeeze(0);
  }

  /** The output shape for these input and weight shapes, with every check of the forward pass. */
  public static int[] outputShape(int[] xShape, int[] wShape, ConvTransposeParams p) {
    Plan plan = plan(xShape, wShape, null, p);
    int[] s = plan.outputShape();
    return plan.batched ? s : Arrays.copyOfRange(s, 1, s.length);
  }

  /**
   * The gradients of {@code y = convTranspose(x, w, b, p)}: {@code dx} is the convolution of
   * {@code dy} with {@code w}, {@code dw} the correlation of {@code dy} with {@code x}, {@code db} the
   * sum of {@code dy}; only those {@code mask} asks for.
   */
  public static ConvGrads convTransposeBackward(Tensor x, Tensor w, Tensor dy, ConvTransposeParams p, GradMask mask) {
    Plan plan = plan(x, w, null, p);
    String op = plan.op;
    ConvPlan.checkDtypes(op, "input", x, "grad_output", dy);
    int[] ys = plan.outputShape();
    int[] expected = plan.batched ? ys : Arrays.copyOfRange(ys, 1, ys.length);
    if (!Arrays.equals(dy.shape(), expected)) {
      throw new IllegalArgumentException(op + " backward: grad_output has shape " + ConvPlan.shape(dy.shape())
          + " but the transposed convolution's output has shape " + ConvPlan.shape(expected));
    }
    ConvShape g = plan.shape;
    ConvAlgorithm alg = ConvAlgorithm.select(g);
    Tensor xb = plan.batched ? x : x.unsqueeze(0);
    Tensor dyb = plan.batched ? dy : dy.unsqueeze(0);
    Tensor dx = null;
    Tensor dw = null;
    Tensor db = null;
    if (mask.input()) {
      dx = ConvRunner.forward(g, plan.n, dyb, w, false, null, alg, xb.shape());
      dx = plan.batched ? dx : dx.squeeze(0);
    }
    if (mask.weight()) {
      dw = ConvRunner.backwardWeight(g, plan.n, dyb, xb, false, alg, w.shape());
    }
    if (mask.bias()) {
      db = ConvRunner.biasGrad(plan.n, g.c(), g.inputPlane(), dyb, false);
    }
    return new ConvGrads(dx, dw, db);
  }

  /**
   * The checked geometry. The kernels see the convolution this op is the adjoint of: its input is
   * our output {@code (OC, *out)} and its output our input {@code (C, *in)}.
   */
  private record Plan(String op, boolean batched, int n, int[] out, ConvShape shape) {
    int[] outputShape() {
      return ConvPlan.concat(new int[] {n, shape.c()}, out);
    }
  }

  private static Plan plan(Tensor x, Tensor w, Tensor bias, ConvTransposeParams p) {
    String op = "conv_transpose" + p.rank() + "d";
    ConvPlan.checkDtypes(op, "input", x, "weight", w);
    ConvPlan.checkDtypes(op, "input", x, "bias", bias);
    return plan(x.shape(), w.shape(), bias == null ? null : bias.shape(), p);
  }

  private static Plan plan(int[] x, int[] w, int[] bias, ConvTransposeParams p) {
    int d = p.rank();
    String op = "conv_transpose" + d + "d";
    if (w.length != d + 2) {
      throw new IllegalArgumentException(op + ": weight must be " + (d + 2) + "-D (C, OC/groups, "
          + ConvPlan.spatialNames(d, "k") + "), got shape " + ConvPlan.shape(w));
    }
    boolean batched = x.length == d + 2;
    if (!batched && x.length != d + 1) {
      throw new IllegalArgumentException(op + ": input must be " + (d + 2) + "-D (N, C, " + ConvPlan.spatialNames(d, "")
          + ") or " + (d + 1) + "-D unbatched, got shape " + ConvPlan.shape(x));
    }
    int n = batched ? x[0] : 1;
    int c = x[batched ? 1 : 0];
    if (w[0] != c) {
      throw new IllegalArgumentException(op + ": input has " + c + " channels but weight has " + w[0]
          + " input channels; weight shape " + ConvPlan.shape(w) + " is (C, OC/groups, *k)");
    }
    if (c % p.groups() != 0) {
      throw new IllegalArgumentException(op + ": input has " + c + " channels, which groups " + p.groups() + " does not divide");
    }
    long oc = (long) w[1] * p.groups();
    if (oc > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(op + ": " + oc + " output channels overflow");
    }
    if (bias != null && !Arrays.equals(bias, new int[] {(int) oc})) {
      throw new IllegalArgumentException(op + ": bias must have shape (" + oc + ",) to match " + oc
          + " output channels (groups " + p.groups() + " × " + w[1] + "), got " + ConvPlan.shape(bias));
    }
    int[] in = Arrays.copyOfRange(x, x.length - d, x.length);
    int[] k = Arrays.copyOfRange(w, 2, w.length);
    int[] out = new int[d];
    for (int a = 0; a < d; a++) {
      if (in[a] <= 0 || k[a] <= 0 || c <= 0 || oc <= 0) {
        throw new IllegalArgumentException(op + ": empty input or weight: input shape " + ConvPlan.shape(x)
            + ", weight shape " + ConvPlan.shape(w));
      }
      out[a] = Geometry.convTransposeOutputSize("spatial axis " + a, in[a], k[a], p.stride()[a], p.padding()[a],
          p.outputPadding()[a], p.dilation()[a]);
    }
    Geometry.checkedProduct(op + ": output", ConvPlan.concat(new int[] {n, (int) oc}, out));
    ConvShape g = ConvShape.of((int) oc, c, p.groups(), out, k, in, p.stride(), p.padding(), p.dilation());
    return new Plan(op, batched, n, out, g);
  }

  private static ConvTransposeParams checkRank(ConvTransposeParams p, int d) {
    if (p.rank() != d) {
      throw new IllegalArgumentException("conv_transpose" + d + "d needs params with " + d + " spatial axes, got "
          + p.rank() + "; use ConvTransposeParams.defaults(" + d + ")");
    }
    return p;
  }
}
