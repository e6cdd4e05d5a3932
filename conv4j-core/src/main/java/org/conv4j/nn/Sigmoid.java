package org.conv4j.nn;

import org.conv4j.autodiff.Ops;
import org.conv4j.autodiff.Variable;

/** Elementwise the logistic sigmoid {@code 1/(1+e^−x)} ({@link Ops#sigmoid}). */
public final class Sigmoid extends Module {
  @Override
  public Variable forward(Variable x) {
    return Ops.sigmoid(x);
  }
}
