package org.conv4j.data;

import java.util.Arrays;
import org.conv4j.internal.TensorAccess;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Shape;
import org.conv4j.tensor.Tensor;

/**
 * Labelled images in memory: float32 {@code (N, C, H, W)} in {@code [0, 1]} and one class label per
 * image.
 *
 * @param images float32 {@code (N, C, H, W)}
 * @param labels {@code N} labels in {@code [0, classes)}
 */
public record Dataset(Tensor images, int[] labels) {
  /**
   * Checks the shapes.
   *
   * @throws IllegalArgumentException when the images are not 4-D float32 or the counts differ
   */
  public Dataset {
    if (images.rank() != 4 || images.dtype() != DType.FLOAT32) {
      throw new IllegalArgumentException("dataset images must be float32 (N, C, H, W), got " + images.describe());
    }
    if (images.dim(0) != labels.length) {
      throw new IllegalArgumentException("dataset has " + images.dim(0) + " images but " + labels.length + " labels");
    }
  }

  /** The number of examples. */
  public int size() {
    return labels.length;
  }

  /** Examples {@code [from, to)} (images as a view, labels copied). */
  public Dataset slice(int from, int to) {
    if (from < 0 || to > size() || from > to) {
      throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of a dataset of " + size());
    }
    return new Dataset(images.slice(0, from, to, 1), Arrays.copyOfRange(labels, from, to));
  }

  /** The first {@code n} examples (all when {@code n} is at least the size). */
  public Dataset limit(int n) {
    return n >= size() ? this : slice(0, n);
  }

  /** One minibatch: a contiguous run of examples in data order (a view, no copy). */
  public Batch batch(int from, int to) {
    Dataset d = slice(from, to);
    return new Batch(d.images, d.labels);
  }

  /** A minibatch of the examples at {@code indices}, gathered into new storage. */
  public Batch gather(int[] indices) {
    Tensor src = images.contiguous();
    TensorAccess.Accessor acc = TensorAccess.get();
    int[] s = images.shape();
    int per = Shape.size(Arrays.copyOfRange(s, 1, 4));
    float[] from = acc.floats(src);
    int base = acc.offset(src);
    float[] out = new float[Math.multiplyExact(indices.length, per)];
    int[] y = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(from, base + indices[i] * per, out, i * per, per);
      y[i] = labels[indices[i]];
    }
    s[0] = indices.length;
    return new Batch(acc.wrap(out, s), y);
  }

  /** A minibatch: images {@code (B, C, H, W)} and their labels. */
  public record Batch(Tensor images, int[] labels) {
    /** The number of examples in the batch. */
    public int size() {
      return labels.length;
    }
  }
}
