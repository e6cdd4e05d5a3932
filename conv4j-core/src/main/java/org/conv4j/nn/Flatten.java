package org.conv4j.nn;

import org.conv4j.autodiff.Ops;
import org.conv4j.autodiff.Variable;

/** {@code (N, *rest)} → {@code (N, Πrest)}, as PyTorch's {@code nn.Flatten()} and Theano's {@code flatten(2)}. */
public final class Flatten extends Module {
  @Override
  public Variable forward(Variable x) {
    return Ops.flatten(x, 1);
  }
}
