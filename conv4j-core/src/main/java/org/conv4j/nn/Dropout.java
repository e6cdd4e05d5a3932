package org.conv4j.nn;

import java.util.Map;
import org.conv4j.autodiff.Ops;
import org.conv4j.autodiff.Variable;
import org.conv4j.tensor.Rng;
import org.conv4j.tensor.Tensor;

/**
 * Inverted dropout in training mode, the identity in evaluation mode (Srivastava et al., JMLR
 * 2014; {@link Ops#dropout}). Seeded: call {@code k} (counting from 0) draws its mask from
 * {@code new Rng(seed + k·γ)}, γ the golden-ratio constant, so a run is reproducible and the call
 * counter (saved in checkpoints as state {@code calls}) is all that resuming needs.
 */
public final class Dropout extends Module {
  private static final long GAMMA = 0x9E3779B97F4A7C15L;
  private final double p;
  private final long seed;
  private long calls;

  /**
   * @param p the probability of zeroing an element, in {@code [0, 1)}
   * @param seed the mask stream's seed
   */
  public Dropout(double p, long seed) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
    }
    this.p = p;
    this.seed = seed;
  }

  @Override
  public Variable forward(Variable x) {
    if (!isTraining() || p == 0) {
      return x;
    }
    return Ops.dropout(x, p, new Rng(seed + (calls++) * GAMMA));
  }

  @Override
  protected Map<String, Tensor> ownState() {
    return Map.of("calls", Tensor.scalar((double) calls));
  }

  @Override
  protected void loadOwnState(Map<String, Tensor> state) {
    if (state.containsKey("calls")) {
      calls = (long) state.get("calls").item();
    }
  }

  @Override
  public String toString() {
    return "Dropout(p=" + p + ")";
  }
}
