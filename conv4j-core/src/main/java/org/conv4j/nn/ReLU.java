package org.conv4j.nn;

import org.conv4j.autodiff.Ops;
import org.conv4j.autodiff.Variable;

/** Elementwise {@code max(x, 0)} ({@link Ops#relu}). */
public final class ReLU extends Module {
  @Override
  public Variable forward(Variable x) {
    return Ops.relu(x);
  }
}
