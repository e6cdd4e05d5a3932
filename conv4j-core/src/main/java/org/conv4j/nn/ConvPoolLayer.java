package org.conv4j.nn;

import java.util.List;
import org.conv4j.autodiff.Ops;
import org.conv4j.autodiff.Variable;
import org.conv4j.nn.functional.ConvParams;
import org.conv4j.nn.functional.MaxPoolParams;

/**
 * The Theano tutorial's {@code LeNetConvPoolLayer} (SPEC §6.3): {@code tanh(maxpool(conv2d(x, W)) + b)}
 * with a valid, flipped (true) convolution as Theano's {@code conv2d(filter_flip=True)}, non-overlapping
 * {@code pool×pool} max pooling that drops partial windows ({@code ignore_border=True}), and the bias
 * added after pooling. Input {@code (N, C, H, W)}, weight {@code (OC, C, k, k)}, bias {@code (OC)},
 * output {@code (N, OC, (H−k+1)/pool, (W−k+1)/pool)}.
 *
 * <p>The weight is initialised as the tutorial does, {@link Init#tutorialUniform} with the pooled
 * fan-out; the bias with zeros. Flipping matters only when weights come from Theano: with random
 * initialisation a flipped and an unflipped layer learn the same function.
 */
public final class ConvPoolLayer extends Module {
  private final int pool;
  private final Parameter weight;
  private final Parameter bias;
  private final ConvParams conv = ConvParams.defaults(2).withFlip(true);

  /**
   * @param k the square filter size
   * @param pool the square max-pooling window (and stride)
   */
  public ConvPoolLayer(int inChannels, int outChannels, int k, int pool) {
    if (inChannels < 1 || outChannels < 1 || k < 1 || pool < 1) {
      throw new IllegalArgumentException("ConvPoolLayer: sizes must be positive, got " + inChannels + ", " + outChannels
          + ", " + k + ", " + pool);
    }
    this.pool = pool;
    int fanIn = inChannels * k * k;
    int fanOut = outChannels * k * k;
    this.weight = new Parameter("weight", new int[] {outChannels, inChannels, k, k}, fanIn, fanOut,
        Init.tutorialUniform(pool * pool));
    this.bias = new Parameter("bias", new int[] {outChannels}, fanIn, fanOut, Init.zeros());
  }

  /** The filters {@code (OC, C, k, k)}. */
  public Parameter weight() {
    return weight;
  }

  /** The bias {@code (OC)}. */
  public Parameter bias() {
    return bias;
  }

  @Override
  protected List<Parameter> ownParameters() {
    return List.of(weight, bias);
  }

  @Override
  public Variable forward(Variable x) {
    Variable c = Ops.conv(x, weight.variable(), null, conv);
    Variable p = Ops.maxPool(c, MaxPoolParams.of(2, pool));
    return Ops.tanh(Ops.add(p, Ops.reshape(bias.variable(), -1, 1, 1)));
  }

  @Override
  public String toString() {
    return "ConvPoolLayer(filters " + java.util.Arrays.toString(weight.shape()) + ", pool " + pool + ", tanh)";
  }
}
