package org.conv4j.nn;

import org.conv4j.tensor.DType;
import org.conv4j.tensor.Shape;
import org.conv4j.tensor.Tensor;

/**
 * Parameter initialisers, each with the paper it comes from. Uniform initialisers draw one stream
 * value per element ({@code low + (high − low)·u}, NumPy's {@code uniform}); normal ones two
 * (Box–Muller, {@link RandomSource#nextGaussian()}). {@link #zeros()} draws nothing.
 *
 * {@snippet :
 * Initializer w0 = Init.tutorialUniform(4);   // LeNet layer0: U(±√(6/(25 + 20·25/4))) = U(±0.2)
 * Initializer w = Init.heNormal();            // for ReLU networks
 * }
 */
public final class Init {
  private Init() {}

  /** All zeros (the tutorial's biases and its output layer's weights). Draws nothing. */
  public static Initializer zeros() {
    return constant(0);
  }

  /** Every element {@code value}. Draws nothing. */
  public static Initializer constant(double value) {
    return (shape, fanIn, fanOut, dtype, rnd) -> Tensor.full(dtype, value, shape);
  }

  /** {@code U(−a, a)}. */
  public static Initializer uniform(double a) {
    if (!(a >= 0) || !Double.isFinite(a)) {
      throw new IllegalArgumentException("uniform: bound must be finite and >= 0, got " + a);
    }
    return (shape, fanIn, fanOut, dtype, rnd) -> uniform(shape, dtype, rnd, a);
  }

  /**
   * The Theano LeNet tutorial's rule ({@code convolutional_mlp.py}, after Glorot and Bengio 2010,
   * which the tutorial cites): {@code U(±√(6/(fanIn + fanOut/poolArea)))}, the fan-out divided by
   * the pooling window's area because each pooled unit sees {@code poolArea} conv outputs. With
   * {@code poolArea = 1} this is {@link #glorotUniform()} (the tutorial's hidden layer).
   */
  public static Initializer tutorialUniform(int poolArea) {
    if (poolArea < 1) {
      throw new IllegalArgumentException("tutorialUniform: pool area must be >= 1, got " + poolArea);
    }
    // Integer division as the tutorial's "numpy.prod(filter_shape[2:]) // numpy.prod(poolsize)".
    return (shape, fanIn, fanOut, dtype, rnd) -> uniform(shape, dtype, rnd, Math.sqrt(6.0 / (fanIn + fanOut / poolArea)));
  }

  /**
   * Glorot (Xavier) uniform, {@code U(±√(6/(fanIn + fanOut)))}: X. Glorot and Y. Bengio,
   * "Understanding the difficulty of training deep feedforward neural networks", AISTATS 2010.
   */
  public static Initializer glorotUniform() {
    return (shape, fanIn, fanOut, dtype, rnd) -> uniform(shape, dtype, rnd, Math.sqrt(6.0 / (fanIn + fanOut)));
  }

  /** Glorot (Xavier) normal, {@code N(0, 2/(fanIn + fanOut))} (Glorot and Bengio, AISTATS 2010). */
  public static Initializer glorotNormal() {
    return (shape, fanIn, fanOut, dtype, rnd) -> normal(shape, dtype, rnd, Math.sqrt(2.0 / (fanIn + fanOut)));
  }

  /**
   * He (Kaiming) uniform for ReLU layers, {@code U(±√(6/fanIn))}: K. He, X. Zhang, S. Ren and J. Sun,
   * "Delving deep into rectifiers: surpassing human-level performance on ImageNet classification",
   * ICCV 2015.
   */
  public static Initializer heUniform() {
    return (shape, fanIn, fanOut, dtype, rnd) -> uniform(shape, dtype, rnd, Math.sqrt(6.0 / fanIn));
  }

  /** He (Kaiming) normal, {@code N(0, 2/fanIn)} (He et al., ICCV 2015). */
  public static Initializer heNormal() {
    return (shape, fanIn, fanOut, dtype, rnd) -> normal(shape, dtype, rnd, Math.sqrt(2.0 / fanIn));
  }

  private static Tensor uniform(int[] shape, DType dtype, RandomSource rnd, double a) {
    double[] v = new double[Shape.checkedSize(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = -a + (a - -a) * rnd.nextDouble();
    }
    return Tensor.of(v, shape).to(dtype);
  }

  private static Tensor normal(int[] shape, DType dtype, RandomSource rnd, double std) {
    double[] v = new double[Shape.checkedSize(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = std * rnd.nextGaussian();
    }
    return Tensor.of(v, shape).to(dtype);
  }
}
