package org.conv4j.kernels;

/**
 * Elementwise activations over float arrays, one pass, for the fused ops of the autodiff layer.
 *
 * <p>{@code tanh} stays {@code (float) Math.tanh(x)} (the bits of {@code Tensor.tanh}); it is the
 * largest non-GEMM cost of a LeNet step (~20 ns per element). A Vector API version (double
 * exp-based approximation with a rounding-boundary check that falls back to Math.tanh, bitwise equal
 * on 3 M test floats) ran at ~5 ns per element only, because C2 on JDK 25 left several of its
 * vector ops as library calls in the large method; kept out until that is resolved.
 */
public final class Activations {
  private Activations() {}

  /** {@code out[oo + i] = (float) Math.tanh(in[io + i])} for {@code i < n}; in place allowed. */
  public static void tanh(float[] in, int io, float[] out, int oo, int n) {
    for (int i = 0; i < n; i++) {
      out[oo + i] = (float) Math.tanh(in[io + i]);
    }
  }
}
