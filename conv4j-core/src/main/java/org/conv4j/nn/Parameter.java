package org.conv4j.nn;

import java.util.Arrays;
import org.conv4j.autodiff.Variable;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Shape;
import org.conv4j.tensor.Tensor;

/**
 * A trainable tensor of a layer: its local name ({@code weight}, {@code bias}), shape, fan-in and
 * fan-out, and initialiser. Once its module is {@link Module#initialize initialized} its value and
 * gradient are views into the model's {@link FlatParameters} buffers and {@link #variable()} is the
 * autodiff leaf that layers compute with; an optimizer step updates the value in place.
 */
public final class Parameter {
  private final String name;
  private final int[] shape;
  private final int fanIn;
  private final int fanOut;
  private Initializer init;
  private Variable variable;
  private FlatParameters owner;

  /**
   * A parameter that is not yet bound to storage.
   *
   * @param fanIn inputs per output unit, for initialisers
   * @param fanOut outputs per input unit, for initialisers
   */
  public Parameter(String name, int[] shape, int fanIn, int fanOut, Initializer init) {
    this.name = name;
    this.shape = shape.clone();
    Shape.checkedSize(this.shape);
    this.fanIn = fanIn;
    this.fanOut = fanOut;
    this.init = init;
  }

  /** The local name within its module. */
  public String name() {
    return name;
  }

  /** The shape (a copy). */
  public int[] shape() {
    return shape.clone();
  }

  /** The number of elements. */
  public int size() {
    return Shape.size(shape);
  }

  /** Inputs per output unit. */
  public int fanIn() {
    return fanIn;
  }

  /** Outputs per input unit. */
  public int fanOut() {
    return fanOut;
  }

  /** The initialiser {@link Module#initialize} uses. */
  public Initializer initializer() {
    return init;
  }

  /** Replaces the initialiser (takes effect at the next {@link Module#initialize}). */
  public Parameter withInitializer(Initializer initializer) {
    this.init = initializer;
    return this;
  }

  /** Whether the parameter has storage (its module was initialised). */
  public boolean isBound() {
    return variable != null;
  }

  /**
   * The autodiff leaf layers compute with; its gradient accumulates into the flat gradient buffer.
   *
   * @throws IllegalStateException before the model is initialised
   */
  public Variable variable() {
    if (variable == null) {
      throw new IllegalStateException("parameter '" + name + "' " + Shape.toString(shape)
          + " has no value yet: call initialize(...) on the model first");
    }
    return variable;
  }

  /** The current value: a live view of the flat buffer (it changes when an optimizer steps). */
  public Tensor value() {
    return variable().value();
  }

  /** The accumulated gradient: a live view of the flat gradient buffer. */
  public Tensor grad() {
    return variable().grad();
  }

  /** The dtype of the storage. */
  public DType dtype() {
    return value().dtype();
  }

  /** The flat buffers this parameter lives in (null before initialisation). */
  FlatParameters owner() {
    return owner;
  }

  void bind(Variable v, FlatParameters flat) {
    this.variable = v;
    this.owner = flat;
  }

  /**
   * Copies {@code v} into the parameter's storage (for loading weights).
   *
   * @throws IllegalArgumentException when the shape differs
   */
  public void set(Tensor v) {
    if (!Arrays.equals(v.shape(), shape)) {
      throw new IllegalArgumentException("parameter '" + name + "' has shape " + Shape.toString(shape)
          + ", cannot set a value of shape " + Shape.toString(v.shape()));
    }
    variable();
    owner.write(this, v);
  }

  @Override
  public String toString() {
    return "Parameter(" + name + ", " + Shape.toString(shape) + ")";
  }
}
