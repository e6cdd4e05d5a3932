package org.conv4j.nn;

import java.util.List;
import org.conv4j.autodiff.Ops;
import org.conv4j.autodiff.Variable;

/**
 * A fully connected layer {@code y = x·W + b}: input {@code (N, in)}, weight {@code (in, out)},
 * bias {@code (out)}, output {@code (N, out)}. The weight layout is the Theano tutorial's (and
 * Keras's), {@code x @ W}; PyTorch stores the transpose. Default initialisers: Glorot uniform
 * weight, zero bias.
 */
public final class Linear extends Module {
  private final int in;
  private final int out;
  private final Parameter weight;
  private final Parameter bias;

  /** A layer with a bias. */
  public Linear(int in, int out) {
    this(in, out, true);
  }

  /** A layer with or without a bias. */
  public Linear(int in, int out, boolean bias) {
    if (in < 1 || out < 1) {
      throw new IllegalArgumentException("Linear: sizes must be positive, got in " + in + ", out " + out);
    }
    this.in = in;
    this.out = out;
    this.weight = new Parameter("weight", new int[] {in, out}, in, out, Init.glorotUniform());
    this.bias = bias ? new Parameter("bias", new int[] {out}, in, out, Init.zeros()) : null;
  }

  /** The weight {@code (in, out)}. */
  public Parameter weight() {
    return weight;
  }

  /** The bias {@code (out)}, or null. */
  public Parameter bias() {
    return bias;
  }

  /** Sets the weight initialiser; returns this layer. */
  public Linear withWeightInit(Initializer init) {
    weight.withInitializer(init);
    return this;
  }

  @Override
  protected List<Parameter> ownParameters() {
    return bias == null ? List.of(weight) : List.of(weight, bias);
  }

  @Override
  public Variable forward(Variable x) {
    if (x.rank() != 2 || x.dim(1) != in) {
      throw new IllegalArgumentException("Linear(" + in + ", " + out + "): expected input (N, " + in + "), got "
          + org.conv4j.tensor.Shape.toString(x.shape()));
    }
    Variable y = Ops.matmul(x, weight.variable());
    return bias == null ? y : Ops.add(y, bias.variable());
  }

  @Override
  public String toString() {
    return "Linear(" + in + ", " + out + (bias == null ? ", bias=false" : "") + ")";
  }
}
