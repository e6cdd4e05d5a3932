package org.conv4j.nn;

import org.conv4j.autodiff.Ops;
import org.conv4j.autodiff.Variable;
import org.conv4j.nn.functional.AvgPoolParams;

/** PyTorch's {@code nn.AvgPool2d} over {@link Ops#avgPool}. */
public final class AvgPool2d extends Module {
  private final AvgPoolParams params;

  /** A {@code k×k} window with stride {@code k}. */
  public AvgPool2d(int k) {
    this(AvgPoolParams.of(2, k));
  }

  /** Any 2-D average-pooling settings. */
  public AvgPool2d(AvgPoolParams params) {
    if (params.spatialDims() != 2) {
      throw new IllegalArgumentException("AvgPool2d needs 2-D params, got " + params);
    }
    this.params = params;
  }

  @Override
  public Variable forward(Variable x) {
    return Ops.avgPool(x, params);
  }

  @Override
  public String toString() {
    return "AvgPool2d(" + params + ")";
  }
}
