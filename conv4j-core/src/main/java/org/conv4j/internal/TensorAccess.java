package org.conv4j.internal;

import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * Raw, no-copy access to tensor storage for the library's own kernels and readers. Not exported
 * from the module: callers outside conv4j see tensors as immutable.
 *
 * <p>The accessor is installed by {@link Tensor}'s static initialiser (the JDK's "shared secrets"
 * pattern), so any use of this class first makes sure {@code Tensor} is initialised.
 */
public final class TensorAccess {
  /** What {@link Tensor} lets the library do to it. */
  public interface Accessor {
    /** A C-contiguous float32 tensor over {@code data}, which it now owns (no copy). */
    Tensor wrap(float[] data, int[] shape);

    /** A C-contiguous float64 tensor over {@code data}, which it now owns (no copy). */
    Tensor wrap(double[] data, int[] shape);

    /** A view of {@code base}'s storage with another shape, element strides and offset. */
    Tensor view(Tensor base, int[] shape, int[] strides, int offset);

    /** The float32 storage array (null for float64); not a copy: do not modify. */
    float[] floats(Tensor t);

    /** The float64 storage array (null for float32); not a copy: do not modify. */
    double[] doubles(Tensor t);

    /** Offset of element 0 into the storage. */
    int offset(Tensor t);

    /** The element strides (not a copy: do not modify). */
    int[] strides(Tensor t);

    /** A new zero-filled tensor with the given dtype and shape. */
    Tensor zeros(DType dtype, int[] shape);
  }

  private static volatile Accessor accessor;

  private TensorAccess() {}

  /** Installed once, by {@link Tensor}. */
  public static void install(Accessor a) {
    if (accessor != null) {
      throw new IllegalStateException("TensorAccess already installed");
    }
    accessor = a;
  }

  /** The accessor, initialising {@link Tensor} if needed. */
  public static Accessor get() {
    Accessor a = accessor;
    if (a == null) {
      try {
        Class.forName(Tensor.class.getName(), true, Tensor.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new AssertionError(e);
      }
      a = accessor;
    }
    return a;
  }
}
