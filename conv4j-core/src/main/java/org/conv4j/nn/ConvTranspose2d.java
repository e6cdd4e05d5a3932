package org.conv4j.nn;

import java.util.List;
import org.conv4j.autodiff.Ops;
import org.conv4j.autodiff.Variable;
import org.conv4j.nn.functional.ConvTransposeParams;

/**
 * PyTorch's {@code nn.ConvTranspose2d} over {@link Ops#convTranspose}: input {@code (N, C, H, W)},
 * weight {@code (C, OC/groups, kH, kW)}, optional bias {@code (OC)}. Fans follow PyTorch's reading of
 * the weight tensor: fan-in {@code OC/groups·kH·kW}, fan-out {@code C·kH·kW}. Default initialisers:
 * Glorot uniform weight, zero bias.
 */
public final class ConvTranspose2d extends Module {
  private final ConvTransposeParams params;
  private final Parameter weight;
  private final Parameter bias;

  /** A {@code k×k} kernel with default params (stride 1), with a bias. */
  public ConvTranspose2d(int inChannels, int outChannels, int k) {
    this(inChannels, outChannels, k, ConvTransposeParams.defaults(2), true);
  }

  /** A {@code k×k} kernel with the given params. */
  public ConvTranspose2d(int inChannels, int outChannels, int k, ConvTransposeParams params, boolean bias) {
    if (params.rank() != 2) {
      throw new IllegalArgumentException("ConvTranspose2d needs 2-D params, got rank " + params.rank());
    }
    int g = params.groups();
    if (inChannels < 1 || outChannels < 1 || k < 1 || inChannels % g != 0 || outChannels % g != 0) {
      throw new IllegalArgumentException("ConvTranspose2d: channels " + inChannels + " → " + outChannels + ", kernel " + k
          + " must be positive and channels divisible by groups " + g);
    }
    this.params = params;
    int fanIn = outChannels / g * k * k;
    int fanOut = inChannels * k * k;
    this.weight = new Parameter("weight", new int[] {inChannels, outChannels / g, k, k}, fanIn, fanOut, Init.glorotUniform());
    this.bias = bias ? new Parameter("bias", new int[] {outChannels}, fanIn, fanOut, Init.zeros()) : null;
  }

  /** The weight {@code (C, OC/groups, k, k)}. */
  public Parameter weight() {
    return weight;
  }

  @Override
  protected List<Parameter> ownParameters() {
    return bias == null ? List.of(weight) : List.of(weight, bias);
  }

  @Override
  public Variable forward(Variable x) {
    return Ops.convTranspose(x, weight.variable(), bias == null ? null : bias.variable(), params);
  }

  @Override
  public String toString() {
    return "ConvTranspose2d(" + java.util.Arrays.toString(weight.shape()) + ", " + params + ")";
  }
}
