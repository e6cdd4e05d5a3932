package org.conv4j.optim;

import java.util.Map;
import org.conv4j.nn.FlatParameters;
import org.conv4j.tensor.Tensor;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay, with
 * PyTorch's {@code torch.optim.SGD} update (dampening 0):
 *
 * <pre>
 * g ← g + λ·p                         (weight decay λ)
 * v ← μ·v + g                         (momentum μ; Polyak 1964)
 * g ← g + μ·v  (Nesterov)  or  g ← v  (Sutskever, Martens, Dahl and Hinton, ICML 2013)
 * p ← p − lr·g
 * </pre>
 *
 * <p>Without momentum and weight decay this is the Theano tutorial's {@code p ← p − lr·g}, computed
 * in the parameters' precision ({@code p − (float) lr · g} in float32, as Theano's float32 graph).
 */
public final class Sgd extends Optimizer {
  private final double momentum;
  private final boolean nesterov;
  private final double weightDecay;
  private final double[] velocity;

  /** Plain SGD, {@code p ← p − lr·g}. */
  public Sgd(FlatParameters flat, double lr) {
    this(flat, lr, 0, false, 0);
  }

  /**
   * @throws IllegalArgumentException for a negative momentum or weight decay, or Nesterov without momentum
   */
  public Sgd(FlatParameters flat, double lr, double momentum, boolean nesterov, double weightDecay) {
    super(flat, lr);
    if (!(momentum >= 0 && momentum < 1) || !(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
      throw new IllegalArgumentException("SGD: momentum must be in [0, 1) and weight decay >= 0, got " + momentum + ", " + weightDecay);
    }
    if (nesterov && momentum == 0) {
      throw new IllegalArgumentException("SGD: Nesterov momentum needs a momentum > 0");
    }
    this.momentum = momentum;
    this.nesterov = nesterov;
    this.weightDecay = weightDecay;
    this.velocity = momentum > 0 ? new double[flat.size()] : null;
  }

  @Override
  public String name() {
    return velocity == null ? "sgd" : nesterov ? "nesterov" : "momentum";
  }

  @Override
  protected void update(float[] pf, double[] pd, float[] gf, double[] gd, int n) {
    double lr = learningRate();
    if (velocity == null && weightDecay == 0) {
      if (pf != null) {
        float lrf = (float) lr;
        for (int i = 0; i < n; i++) {
          pf[i] = pf[i] - lrf * gf[i];
        }
      } else {
        for (int i = 0; i < n; i++) {
          pd[i] = pd[i] - lr * gd[i];
        }
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      double p = pf != null ? pf[i] : pd[i];
      double g = grad(gf, gd, i) + weightDecay * p;
      if (velocity != null) {
        velocity[i] = momentum * velocity[i] + g;
        g = nesterov ? g + momentum * velocity[i] : velocity[i];
      }
      p -= lr * g;
      if (pf != null) {
        pf[i] = (float) p;
      } else {
        pd[i] = p;
      }
    }
  }

  @Override
  public Map<String, Tensor> state() {
    return velocity == null ? Map.of() : Map.of("velocity", Tensor.of(velocity, velocity.length));
  }

  @Override
  public void loadState(Map<String, Tensor> state) {
    if (velocity != null) {
      System.arraycopy(vector(state, "velocity"), 0, velocity, 0, velocity.length);
    }
  }
}
