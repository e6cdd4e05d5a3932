package org.conv4j.nn.functional;

import java.util.Arrays;
import org.conv4j.kernels.Blas;
import org.conv4j.kernels.ConvShape;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * Convolution over batched, multi-channel tensors: PyTorch's {@code conv1d/conv2d/conv3d}
 * (SPEC §5.1), with {@code nn.Conv*d}'s padding modes, Theano's {@code conv2d} border modes and
 * filter flip (§6.1), and its gradients (§5.3).
 *
 * <p>Layouts: input {@code (N, C, *spatial)} or unbatched {@code (C, *spatial)}; weight
 * {@code (OC, C/groups, *k)}; bias {@code (OC)}; output {@code (N, OC, *out)} (unbatched when the input
 * was). The spatial rank (1, 2 or 3) is {@link ConvParams#rank()}. Per axis
 *
 * <pre>  y[n, o, i] = b[o] + Σ_{c, j} w'[o, c, j] · x̃[n, g(o)·C/groups + c, i·s − lo + j·d]</pre>
 *
 * <p>where {@code w'} is {@code w} (cross-correlation, PyTorch) or {@code w} flipped (true
 * convolution, Theano's default), {@code x̃} is the input extended by the padding mode, and
 * {@code out = floor((L + lo + hi − d(k−1) − 1)/s) + 1}.
 *
 * <p>This file checks shapes (messages state the computed sizes), picks an algorithm with
 * {@link ConvAlgorithm#select} and hands the work to the kernels; it has no element loops.
 *
 * {@snippet :
 * Tensor x = Tensor.arange(DType.FLOAT32, 2 * 3 * 8 * 8).reshape(2, 3, 8, 8);
 * Tensor w = Tensor.ones(DType.FLOAT32, 4, 3, 3, 3);
 * Tensor y = Conv.conv2d(x, w, null, ConvParams.defaults(2).withPadding("same"));  // (2, 4, 8, 8)
 * ConvGrads g = Conv.convBackward(x, w, Tensor.ones(DType.FLOAT32, 2, 4, 8, 8),
 *     ConvParams.defaults(2).withPadding("same"), GradMask.ALL);                   // dx, dw, db
 * }
 */
public final class Conv {
  private Conv() {}

  /** 1-D convolution: input {@code (N, C, L)} or {@code (C, L)}, weight {@code (OC, C/groups, k)}; bias may be null. */
  public static Tensor conv1d(Tensor x, Tensor w, Tensor bias, ConvParams p) {
    return forward(name(checkRank(p, 1)), x, w, bias, p, null, false);
  }

  /** 2-D convolution: input {@code (N, C, H, W)} or {@code (C, H, W)}, weight {@code (OC, C/groups, kH, kW)}; bias may be null. */
  public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, ConvParams p) {
    return forward(name(checkRank(p, 2)), x, w, bias, p, null, false);
  }

  /** 2-D valid cross-correlation without bias, {@code F.conv2d(x, w)}. */
  public static Tensor conv2d(Tensor x, Tensor w) {
    return conv2d(x, w, null, ConvParams.defaults(2));
  }

  /** 3-D convolution: input {@code (N, C, D, H, W)} or {@code (C, D, H, W)}, weight {@code (OC, C/groups, kD, kH, kW)}; bias may be null. */
  public static Tensor conv3d(Tensor x, Tensor w, Tensor bias, ConvParams p) {
    return forward(name(checkRank(p, 3)), x, w, bias, p, null, false);
  }

  /** Convolution of the params' spatial rank; bias may be null. */
  public static Tensor conv(Tensor x, Tensor w, Tensor bias, ConvParams p) {
    return forward(name(p.rank()), x, w, bias, p, null, false);
  }

  /**
   * {@link #conv(Tensor, Tensor, Tensor, ConvParams)} with a forced algorithm (null selects one);
   * for tests and benchmarks.
   *
   * @throws IllegalArgumentException when {@link ConvAlgorithm#POINTWISE_1X1} is forced on a shape
   *     that is not pointwise
   */
  public static Tensor conv(Tensor x, Tensor w, Tensor bias, ConvParams p, ConvAlgorithm algorithm) {
    return forward(name(p.rank()), x, w, bias, p, algorithm, false);
  }

  /**
   * The output shape for these input and weight shapes, with every check of the forward pass.
   *
   * @throws IllegalArgumentException as the forward pass would
   */
  public static int[] outputShape(int[] xShape, int[] wShape, ConvParams p) {
    ConvPlan plan = ConvPlan.of(name(p.rank()), xShape, wShape, null, p, false);
    int[] s = plan.outputShape();
    return plan.batched() ? s : Arrays.copyOfRange(s, 1, s.length);
  }

  /**
   * The gradients of {@code y = conv(x, w, b, p)} for the upstream gradient {@code dy}, only those
   * {@code mask} asks for (the others are null). {@code dx} is the transposed convolution of
   * {@code dy} folded back through the padding mode's adjoint, {@code dw} the correlation of the
   * (padded) input with {@code dy}, {@code db} the sum of {@code dy} over all but the channel axis.
   *
   * @param dy shaped like the forward output
   */
  public static ConvGrads convBackward(Tensor x, Tensor w, Tensor dy, ConvParams p, GradMask mask) {
    return backward(name(p.rank()), x, w, dy, p, mask, null, false);
  }

  /** {@link #convBackward(Tensor, Tensor, Tensor, ConvParams, GradMask)} with a forced algorithm (null selects one). */
  public static ConvGrads convBackward(Tensor x, Tensor w, Tensor dy, ConvParams p, GradMask mask, ConvAlgorithm algorithm) {
    return backward(name(p.rank()), x, w, dy, p, mask, algorithm, false);
  }

  /** The algorithm the forward and backward passes of this convolution would use. */
  public static ConvAlgorithm algorithmFor(int[] xShape, int[] wShape, ConvParams p) {
    return ConvAlgorithm.select(ConvPlan.of(name(p.rank()), xShape, wShape, null, p, false).shape());
  }

  // ------------------------------------------------------------------------------------------
  // Shared with PerExampleConv (kernels as data).

  static Tensor forward(String op, Tensor x, Tensor w, Tensor bias, ConvParams p, ConvAlgorithm requested, boolean perExample) {
    ConvPlan.checkDtypes(op, "input", x, "weight", w);
    ConvPlan.checkDtypes(op, "input", x, "bias", bias);
    ConvPlan plan = ConvPlan.of(op, x.shape(), w.shape(), bias == null ? null : bias.shape(), p, perExample);
    ConvShape g = plan.shape();
    ConvAlgorithm alg = ConvAlgorithm.resolve(requested, g);
    Tensor y = ConvRunner.forward(g, plan.n(), paddedInput(plan, x, p), kernel(w, p), perExample, bias, alg, plan.outputShape());
    return plan.batched() ? y : y.squeeze(0);
  }

  static ConvGrads backward(String op, Tensor x, Tensor w, Tensor dy, ConvParams p, GradMask mask, ConvAlgorithm requested,
      boolean perExample) {
    ConvPlan.checkDtypes(op, "input", x, "weight", w);
    ConvPlan.checkDtypes(op, "input", x, "grad_output", dy);
    ConvPlan plan = ConvPlan.of(op, x.shape(), w.shape(), null, p, perExample);
    int[] ys = plan.outputShape();
    int[] expected = plan.batched() ? ys : Arrays.copyOfRange(ys, 1, ys.length);
    if (!Arrays.equals(dy.shape(), expected)) {
      throw new IllegalArgumentException(op + " backward: grad_output has shape " + ConvPlan.shape(dy.shape())
          + " but the convolution's output has shape " + ConvPlan.shape(expected));
    }
    ConvShape g = plan.shape();
    ConvAlgorithm alg = ConvAlgorithm.resolve(requested, g);
    Tensor dyb = plan.batched() ? dy : dy.unsqueeze(0);
    Tensor dx = null;
    Tensor dw = null;
    Tensor db = null;
    if (mask.input()) {
      int[] target = plan.padExplicitly() ? plan.paddedShape() : plan.inputShape();
      ConvAlgorithm dxAlg = requested == null
          ? ConvAlgorithm.inputGradient(alg, g, x.dtype() == DType.FLOAT32, Blas.SIMD) : alg;
      dx = ConvRunner.backwardInput(g, plan.n(), dyb, kernel(w, p), perExample, dxAlg, target);
      if (plan.padExplicitly()) {
        int[] padded = Arrays.copyOfRange(target, 2, target.length);
        dx = ConvRunner.foldPadding(dx, plan.n(), plan.c(), padded, plan.in(), plan.lo(), p.paddingMode());
      }
      dx = plan.batched() ? dx : dx.squeeze(0);
    }
    if (mask.weight()) {
      Tensor xp = paddedInput(plan, x, p);
      Tensor[] both = mask.bias() ? ConvRunner.weightAndBias(g, plan.n(), xp, dyb, alg, perExample, w.shape()) : null;
      if (both != null) {
        dw = both[0];
        db = both[1];
      } else {
        dw = ConvRunner.backwardWeight(g, plan.n(), xp, dyb, perExample, alg, w.shape());
      }
      if (p.flip()) {
        dw = dw.flip(spatialAxes(w.rank(), p.rank())).contiguous();
      }
    }
    if (mask.bias() && db == null) {
      db = ConvRunner.biasGrad(plan.n(), plan.oc(), g.outputPlane(), dyb, perExample);
    }
    return new ConvGrads(dx, dw, db);
  }

  /** The batched input, padded by the padding mode when the kernels can't do it with zeros. */
  private static Tensor paddedInput(ConvPlan plan, Tensor x, ConvParams p) {
    Tensor xb = plan.batched() ? x : x.unsqueeze(0);
    return plan.padExplicitly() ? xb.pad(plan.padWidths(), p.paddingMode()) : xb;
  }

  /** The weight as the kernels apply it: flipped along the spatial axes for a true convolution. */
  private static Tensor kernel(Tensor w, ConvParams p) {
    return p.flip() ? w.flip(spatialAxes(w.rank(), p.rank())) : w;
  }

  static int[] spatialAxes(int rank, int d) {
    int[] axes = new int[d];
    for (int a = 0; a < d; a++) {
      axes[a] = rank - d + a;
    }
    return axes;
  }

  private static int checkRank(ConvParams p, int d) {
    if (p.rank() != d) {
      throw new IllegalArgumentException("conv" + d + "d needs ConvParams with " + d + " spatial axes, got " + p.rank()
          + " (" + p + "); use ConvParams.defaults(" + d + ")");
    }
    return d;
  }

  private static String name(int d) {
    return "conv" + d + "d";
  }
}
