package org.conv4j.nn.functional;

import org.conv4j.tensor.Tensor;

/**
 * Kernels as data: a batched convolution in which every example has its own kernel (seed 001,
 * "the filter taps you are convolving must be parameters, and not additional tensor values").
 * Example {@code i} is {@code Conv.conv(x[i], w[i], b[i], p)}, with every {@link ConvParams} option,
 * and gradients flow to both the input and the kernels; the batch is handed to the kernels as a
 * whole (the weight offset steps with the example), with no per-element loops at the API level.
 *
 * <p>Layouts: input {@code (N, C, *spatial)}; weight {@code (N, OC, C/groups, *k)}; bias
 * {@code (N, OC)} or shared {@code (OC)}, or null; output {@code (N, OC, *out)}.
 *
 * {@snippet :
 * // Seed 001: y[b] = scipy.signal.convolve(x[b], h[b], 'same') for 10 examples of length 9, kernels of length 4.
 * Tensor x = Tensor.zeros(DType.FLOAT64, 10, 1, 9);
 * Tensor h = Tensor.ones(DType.FLOAT64, 10, 1, 1, 4);
 * ConvParams same = ConvParams.defaults(1).withPadding(ConvParams.Padding.asymmetric(new int[] {2}, new int[] {1})).withFlip(true);
 * Tensor y = PerExampleConv.conv(x, h, null, same);   // (10, 1, 9)
 * }
 */
public final class PerExampleConv {
  private PerExampleConv() {}

  /** Per-example convolution; bias may be null. */
  public static Tensor conv(Tensor x, Tensor w, Tensor bias, ConvParams p) {
    return Conv.forward(name(p), x, w, bias, p, null, true);
  }

  /** {@link #conv(Tensor, Tensor, Tensor, ConvParams)} with a forced algorithm (null selects one). */
  public static Tensor conv(Tensor x, Tensor w, Tensor bias, ConvParams p, ConvAlgorithm algorithm) {
    return Conv.forward(name(p), x, w, bias, p, algorithm, true);
  }

  /**
   * Gradients of the per-example convolution: {@code dx (N, C, *s)}, {@code dw (N, OC, C/groups, *k)}
   * (one per example, not summed) and {@code db (N, OC)}; only those {@code mask} asks for.
   */
  public static ConvGrads backward(Tensor x, Tensor w, Tensor dy, ConvParams p, GradMask mask) {
    return Conv.backward(name(p), x, w, dy, p, mask, null, true);
  }

  /** {@link #backward(Tensor, Tensor, Tensor, ConvParams, GradMask)} with a forced algorithm (null selects one). */
  public static ConvGrads backward(Tensor x, Tensor w, Tensor dy, ConvParams p, GradMask mask, ConvAlgorithm algorithm) {
    return Conv.backward(name(p), x, w, dy, p, mask, algorithm, true);
  }

  private static String name(ConvParams p) {
    return "per-example conv" + p.rank() + "d";
  }
}
