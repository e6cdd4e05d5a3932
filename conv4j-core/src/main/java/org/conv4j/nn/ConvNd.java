package org.conv4j.nn;

import java.util.Arrays;
import java.util.List;
import org.conv4j.autodiff.Ops;
import org.conv4j.autodiff.Variable;
import org.conv4j.nn.functional.ConvParams;

/**
 * A convolution layer of 1, 2 or 3 spatial axes over {@link Ops#conv}: input
 * {@code (N, C, *spatial)}, weight {@code (OC, C/groups, *k)}, optional bias {@code (OC)}, with every
 * {@link ConvParams} option (stride, padding and padding modes, dilation, groups, flip). Fan-in is
 * {@code C/groups·Πk}, fan-out {@code OC·Πk}. Default initialisers: Glorot uniform weight, zero bias.
 */
public class ConvNd extends Module {
  private final int inChannels;
  private final int outChannels;
  private final int[] kernel;
  private final ConvParams params;
  private final Parameter weight;
  private final Parameter bias;

  /**
   * @param kernel one size per spatial axis ({@code params.rank()} entries)
   * @throws IllegalArgumentException when sizes are not positive, groups do not divide the channels,
   *     or the kernel rank does not match the params
   */
  public ConvNd(int inChannels, int outChannels, int[] kernel, ConvParams params, boolean bias) {
    if (kernel.length != params.rank()) {
      throw new IllegalArgumentException("conv layer: kernel " + Arrays.toString(kernel) + " has " + kernel.length
          + " axes but the params have " + params.rank());
    }
    int g = params.groups();
    if (inChannels < 1 || outChannels < 1 || inChannels % g != 0 || outChannels % g != 0) {
      throw new IllegalArgumentException("conv layer: channels " + inChannels + " → " + outChannels
          + " must be positive and divisible by groups " + g);
    }
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernel = kernel.clone();
    this.params = params;
    int k = 1;
    for (int s : kernel) {
      if (s < 1) {
        throw new IllegalArgumentException("conv layer: kernel sizes must be positive, got " + Arrays.toString(kernel));
      }
      k *= s;
    }
    int[] wShape = new int[kernel.length + 2];
    wShape[0] = outChannels;
    wShape[1] = inChannels / g;
    System.arraycopy(kernel, 0, wShape, 2, kernel.length);
    int fanIn = inChannels / g * k;
    int fanOut = outChannels * k;
    this.weight = new Parameter("weight", wShape, fanIn, fanOut, Init.glorotUniform());
    this.bias = bias ? new Parameter("bias", new int[] {outChannels}, fanIn, fanOut, Init.zeros()) : null;
  }

  /** The weight {@code (OC, C/groups, *k)}. */
  public Parameter weight() {
    return weight;
  }

  /** The bias {@code (OC)}, or null. */
  public Parameter bias() {
    return bias;
  }

  /** The convolution settings. */
  public ConvParams params() {
    return params;
  }

  /** Sets the weight initialiser; returns this layer. */
  public ConvNd withWeightInit(Initializer init) {
    weight.withInitializer(init);
    return this;
  }

  @Override
  protected List<Parameter> ownParameters() {
    return bias == null ? List.of(weight) : List.of(weight, bias);
  }

  @Override
  public Variable forward(Variable x) {
    return Ops.conv(x, weight.variable(), bias == null ? null : bias.variable(), params);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + inChannels + ", " + outChannels + ", kernel=" + Arrays.toString(kernel)
        + ", " + params + (bias == null ? ", bias=false" : "") + ")";
  }
}
