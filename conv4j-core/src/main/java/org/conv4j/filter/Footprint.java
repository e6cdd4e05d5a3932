package org.conv4j.filter;

import java.util.Arrays;
import org.conv4j.tensor.Tensor;

/**
 * The window of a rank, minimum or maximum filter: SciPy's {@code size=} (a box) or
 * {@code footprint=} (a boolean mask; the window is the mask's true elements).
 *
 * {@snippet :
 * Footprint box = Footprint.size(9);            // 9 along every filtered axis
 * Footprint rect = Footprint.size(3, 5);        // per filtered axis
 * Footprint cross = Footprint.of(new boolean[] {false, true, false, true, true, true, false, true, false}, 3, 3);
 * }
 */
public final class Footprint {
  private final int[] sizes;
  private final boolean[] mask;
  private final int[] shape;

  private Footprint(int[] sizes, boolean[] mask, int[] shape) {
    this.sizes = sizes;
    this.mask = mask;
    this.shape = shape;
  }

  /**
   * A box: one size for every filtered axis, or one per filtered axis.
   *
   * @throws IllegalArgumentException when no size is given or a size is below 1
   */
  public static Footprint size(int... sizes) {
    if (sizes.length == 0) {
      throw new IllegalArgumentException("size: at least one size is needed");
    }
    for (int s : sizes) {
      if (s < 1) {
        throw new IllegalArgumentException(
            "size " + Arrays.toString(sizes) + ": every size must be at least 1 (a zero-size window axis has no"
                + " elements; SciPy: 'incorrect filter size')");
      }
    }
    return new Footprint(sizes.clone(), null, null);
  }

  /**
   * A boolean mask in C order with the given shape.
   *
   * @throws IllegalArgumentException when the mask length does not match the shape, or an axis has
   *     size 0
   */
  public static Footprint of(boolean[] mask, int... shape) {
    long n = 1;
    for (int s : shape) {
      if (s < 1) {
        throw new IllegalArgumentException(
            "footprint shape " + Arrays.toString(shape) + " has a zero-size axis; every footprint axis needs at least"
                + " one element (SciPy: 'footprint.ndim must match len(axes)')");
      }
      n *= s;
    }
    if (shape.length == 0) {
      throw new IllegalArgumentException("footprint must have at least one axis");
    }
    if (n != mask.length) {
      throw new IllegalArgumentException(
          "footprint: " + mask.length + " mask values for shape " + Arrays.toString(shape) + " (" + n + " elements)");
    }
    return new Footprint(null, mask.clone(), shape.clone());
  }

  /**
   * A mask from a tensor whose every value is 0 or 1 (a NumPy bool array read from {@code .npy}).
   *
   * @throws IllegalArgumentException when a value is neither 0 nor 1 (naming it and its index), or
   *     an axis has size 0
   */
  public static Footprint of(Tensor mask) {
    double[] v = mask.toDoubleArray();
    boolean[] b = new boolean[v.length];
    for (int i = 0; i < v.length; i++) {
      if (v[i] == 1.0) {
        b[i] = true;
      } else if (v[i] != 0.0) {
        throw new IllegalArgumentException(
            "footprint must be boolean (every value 0 or 1), but element " + i + " (C order) of the "
                + mask.dtype() + " footprint of shape " + Arrays.toString(mask.shape()) + " is " + v[i]);
      }
    }
    return of(b, mask.shape());
  }

  /** Whether this is a box given by sizes. */
  public boolean isSize() {
    return sizes != null;
  }

  /** The box sizes (a copy), or null for a mask. */
  public int[] sizes() {
    return sizes == null ? null : sizes.clone();
  }

  /** The mask in C order (a copy), or null for a box. */
  public boolean[] mask() {
    return mask == null ? null : mask.clone();
  }

  /** The mask's shape (a copy), or null for a box. */
  public int[] shape() {
    return shape == null ? null : shape.clone();
  }

  @Override
  public String toString() {
    return sizes != null ? "Footprint.size" + Arrays.toString(sizes) : "Footprint" + Arrays.toString(shape);
  }
}
