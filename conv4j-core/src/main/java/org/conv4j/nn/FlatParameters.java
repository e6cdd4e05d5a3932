package org.conv4j.nn;

import java.util.Arrays;
import java.util.List;
import org.conv4j.autodiff.Variable;
import org.conv4j.internal.TensorAccess;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Shape;
import org.conv4j.tensor.Tensor;

/**
 * All parameters of a model in one flat value array and one flat gradient array (llm.c's layout):
 * parameter {@code k} occupies {@code [offset(k), offset(k) + size(k))} of both, in the model's
 * parameter order, and each parameter's value and gradient tensors are views of those slices. An
 * optimizer is then one loop over {@link #values()} and {@link #grads()}, and a distributed gradient
 * sum one array reduction.
 *
 * <p>The two 1-D tensors returned here are live: their storage is what optimizers update in place
 * (through the library's internal access), so they change after every step.
 */
public final class FlatParameters {
  private final DType dtype;
  private final List<Parameter> params;
  private final int[] offsets;
  private final Tensor values;
  private final Tensor grads;

  private FlatParameters(DType dtype, List<Parameter> params) {
    this.dtype = dtype;
    this.params = List.copyOf(params);
    this.offsets = new int[params.size() + 1];
    for (int k = 0; k < params.size(); k++) {
      offsets[k + 1] = Math.addExact(offsets[k], params.get(k).size());
    }
    TensorAccess.Accessor acc = TensorAccess.get();
    this.values = acc.zeros(dtype, new int[] {offsets[params.size()]});
    this.grads = acc.zeros(dtype, new int[] {offsets[params.size()]});
  }

  /**
   * Allocates one buffer for {@code params} (in order), copies the current values of those already
   * bound (converted to {@code dtype}) and re-binds every parameter to its slice.
   */
  static FlatParameters pack(List<Parameter> params, DType dtype) {
    FlatParameters flat = new FlatParameters(dtype, params);
    TensorAccess.Accessor acc = TensorAccess.get();
    for (int k = 0; k < params.size(); k++) {
      Parameter p = params.get(k);
      Tensor old = p.isBound() ? p.value() : null;
      int[] shape = p.shape();
      int[] strides = Shape.contiguousStrides(shape);
      Tensor v = acc.view(flat.values, shape, strides, flat.offsets[k]);
      Tensor g = acc.view(flat.grads, shape, strides, flat.offsets[k]);
      p.bind(Variable.leafWithGradBuffer(v, g), flat);
      if (old != null) {
        flat.write(p, old);
      }
    }
    return flat;
  }

  /** The element type of both buffers. */
  public DType dtype() {
    return dtype;
  }

  /** The total number of scalar parameters. */
  public int size() {
    return offsets[params.size()];
  }

  /** The parameters, in buffer order. */
  public List<Parameter> parameters() {
    return params;
  }

  /** Where parameter {@code k} starts in the buffers. */
  public int offset(int k) {
    return offsets[k];
  }

  /** All values as one live 1-D tensor. */
  public Tensor values() {
    return values;
  }

  /** All gradients as one live 1-D tensor. */
  public Tensor grads() {
    return grads;
  }

  /** Sets every gradient to zero. */
  public void zeroGrad() {
    TensorAccess.Accessor acc = TensorAccess.get();
    if (dtype == DType.FLOAT32) {
      Arrays.fill(acc.floats(grads), 0f);
    } else {
      Arrays.fill(acc.doubles(grads), 0.0);
    }
  }

  /** Whether every one of {@code ps} lives here, in this order, covering the whole buffer. */
  boolean holdsExactly(List<Parameter> ps) {
    if (ps.size() != params.size()) {
      return false;
    }
    for (int k = 0; k < ps.size(); k++) {
      if (ps.get(k) != params.get(k) || ps.get(k).owner() != this) {
        return false;
      }
    }
    return true;
  }

  /**
   * Overwrites all values from a 1-D tensor of {@link #size()} elements (converted to this dtype).
   *
   * @throws IllegalArgumentException when the size differs
   */
  public void setValues(Tensor flat) {
    if (flat.rank() != 1 || flat.size() != size()) {
      throw new IllegalArgumentException("setValues: expected " + size() + " values, got shape " + Shape.toString(flat.shape()));
    }
    copyInto(values, 0, flat);
  }

  void write(Parameter p, Tensor v) {
    int k = params.indexOf(p);
    copyInto(values, offsets[k], v);
  }

  private static void copyInto(Tensor buffer, int offset, Tensor v) {
    TensorAccess.Accessor acc = TensorAccess.get();
    if (buffer.dtype() == DType.FLOAT32) {
      float[] src = v.toFloatArray();
      System.arraycopy(src, 0, acc.floats(buffer), offset, src.length);
    } else {
      double[] src = v.toDoubleArray();
      System.arraycopy(src, 0, acc.doubles(buffer), offset, src.length);
    }
  }

}
