package org.conv4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.conv4j.nn.FlatParameters;
import org.conv4j.tensor.Tensor;

/**
 * Adam: D. P. Kingma and J. Ba, "Adam: a method for stochastic optimization", ICLR 2015
 * (Algorithm 1, with L2 weight decay added to the gradient as {@code torch.optim.Adam}):
 *
 * <pre>
 * g ← g + λ·p
 * m ← β₁·m + (1 − β₁)·g ;  v ← β₂·v + (1 − β₂)·g²
 * p ← p − lr · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
 * </pre>
 */
public final class Adam extends Optimizer {
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private final double[] m;
  private final double[] v;
  private long t;

  /** Adam with the paper's defaults β₁ = 0.9, β₂ = 0.999, ε = 1e−8 and no weight decay. */
  public Adam(FlatParameters flat, double lr) {
    this(flat, lr, 0.9, 0.999, 1e-8, 0);
  }

  /**
   * @throws IllegalArgumentException for betas outside {@code [0, 1)}, a non-positive ε or a negative decay
   */
  public Adam(FlatParameters flat, double lr, double beta1, double beta2, double eps, double weightDecay) {
    super(flat, lr);
    if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && eps > 0 && weightDecay >= 0)) {
      throw new IllegalArgumentException("Adam: need 0 <= beta < 1, eps > 0, weight decay >= 0; got " + beta1 + ", " + beta2
          + ", " + eps + ", " + weightDecay);
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.m = new double[flat.size()];
    this.v = new double[flat.size()];
  }

  @Override
  public String name() {
    return "adam";
  }

  @Override
  protected void update(float[] pf, double[] pd, float[] gf, double[] gd, int n) {
    t++;
    double lr = learningRate();
    double c1 = 1 - Math.pow(beta1, t);
    double c2 = 1 - Math.pow(beta2, t);
    for (int i = 0; i < n; i++) {
      double p = pf != null ? pf[i] : pd[i];
      double g = grad(gf, gd, i) + weightDecay * p;
      m[i] = beta1 * m[i] + (1 - beta1) * g;
      v[i] = beta2 * v[i] + (1 - beta2) * g * g;
      p -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
      if (pf != null) {
        pf[i] = (float) p;
      } else {
        pd[i] = p;
      }
    }
  }

  @Override
  public Map<String, Tensor> state() {
    Map<String, Tensor> s = new LinkedHashMap<>();
    s.put("m", Tensor.of(m, m.length));
    s.put("v", Tensor.of(v, v.length));
    s.put("step", Tensor.scalar((double) t));
    return s;
  }

  @Override
  public void loadState(Map<String, Tensor> state) {
    System.arraycopy(vector(state, "m"), 0, m, 0, m.length);
    System.arraycopy(vector(state, "v"), 0, v, 0, v.length);
    Tensor step = state.get("step");
    if (step == null || step.size() != 1) {
      throw new IllegalArgumentException("adam optimizer state has no scalar 'step'");
    }
    t = (long) step.item();
  }
}
