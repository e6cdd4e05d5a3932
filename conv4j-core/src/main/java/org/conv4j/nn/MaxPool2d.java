package org.conv4j.nn;

import org.conv4j.autodiff.Ops;
import org.conv4j.autodiff.Variable;
import org.conv4j.nn.functional.MaxPoolParams;

/**
 * PyTorch's {@code nn.MaxPool2d} over {@link Ops#maxPool}. With kernel = stride and no padding it is
 * also Theano's {@code pool_2d(ignore_border=True)} max pooling of the LeNet tutorial (the gradient of
 * tied maxima goes to the first, where Theano's goes to all of them).
 */
public final class MaxPool2d extends Module {
  private final MaxPoolParams params;

  /** A {@code k×k} window with stride {@code k}. */
  public MaxPool2d(int k) {
    this(MaxPoolParams.of(2, k));
  }

  /** Any 2-D max-pooling settings. */
  public MaxPool2d(MaxPoolParams params) {
    if (params.spatialDims() != 2) {
      throw new IllegalArgumentException("MaxPool2d needs 2-D params, got " + params);
    }
    this.params = params;
  }

  @Override
  public Variable forward(Variable x) {
    return Ops.maxPool(x, params);
  }

  @Override
  public String toString() {
    return "MaxPool2d(" + params + ")";
  }
}
