package org.conv4j.optim;

import java.util.Map;
import org.conv4j.internal.TensorAccess;
import org.conv4j.nn.FlatParameters;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Shape;
import org.conv4j.tensor.Tensor;

/**
 * Updates a model's {@link FlatParameters} in place from its gradients: one loop over the flat
 * value and gradient arrays per {@link #step()}. State (momentum, Adam moments) is kept in float64
 * arrays parallel to the buffer and exposed by {@link #state()} for checkpoints.
 */
public abstract class Optimizer {
  /** The parameters being optimised. */
  protected final FlatParameters flat;
  private double lr;

  /**
   * @throws IllegalArgumentException when {@code lr} is not a positive finite number
   */
  protected Optimizer(FlatParameters flat, double lr) {
    this.flat = flat;
    setLearningRate(lr);
  }

  /** Applies one update from the current gradients (which are left as they are). */
  public final void step() {
    TensorAccess.Accessor acc = TensorAccess.get();
    if (flat.dtype() == DType.FLOAT32) {
      update(acc.floats(flat.values()), null, acc.floats(flat.grads()), null, flat.size());
    } else {
      update(null, acc.doubles(flat.values()), null, acc.doubles(flat.grads()), flat.size());
    }
  }

  /**
   * The update over {@code n} elements; exactly one of {@code pf}/{@code pd} (values) and of
   * {@code gf}/{@code gd} (gradients) is non-null, by dtype.
   */
  protected abstract void update(float[] pf, double[] pd, float[] gf, double[] gd, int n);

  /** The short name used in checkpoints and messages ({@code sgd}, {@code momentum}, {@code nesterov}, {@code adam}). */
  public abstract String name();

  /** The learning rate of the next step. */
  public double learningRate() {
    return lr;
  }

  /** Sets the learning rate (schedules call this between epochs). */
  public void setLearningRate(double lr) {
    if (!(lr > 0) || !Double.isFinite(lr)) {
      throw new IllegalArgumentException("learning rate must be a positive finite number, got " + lr);
    }
    this.lr = lr;
  }

  /** The optimizer's state by name (float64 tensors; empty for plain SGD). */
  public abstract Map<String, Tensor> state();

  /**
   * Restores {@link #state()}.
   *
   * @throws IllegalArgumentException when an entry is missing or has the wrong size
   */
  public abstract void loadState(Map<String, Tensor> state);

  /** The gradient of element {@code i} as a double. */
  protected static double grad(float[] gf, double[] gd, int i) {
    return gf != null ? gf[i] : gd[i];
  }

  /** Reads a state vector of this buffer's size. */
  protected final double[] vector(Map<String, Tensor> state, String key) {
    Tensor t = state.get(key);
    if (t == null) {
      throw new IllegalArgumentException(name() + " optimizer state has no '" + key + "' (found " + state.keySet() + ")");
    }
    if (t.rank() != 1 || t.size() != flat.size()) {
      throw new IllegalArgumentException(name() + " optimizer state '" + key + "' has shape " + Shape.toString(t.shape())
          + " but the model has " + flat.size() + " parameters");
    }
    return t.toDoubleArray();
  }
}
