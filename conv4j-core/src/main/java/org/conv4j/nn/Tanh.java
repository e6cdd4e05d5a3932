package org.conv4j.nn;

import org.conv4j.autodiff.Ops;
import org.conv4j.autodiff.Variable;

/** Elementwise the hyperbolic tangent ({@link Ops#tanh}). */
public final class Tanh extends Module {
  @Override
  public Variable forward(Variable x) {
    return Ops.tanh(x);
  }
}
