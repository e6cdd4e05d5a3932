package org.conv4j.nn;

import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * Fills a parameter of a given shape from a {@link RandomSource}, knowing the layer's fan-in and
 * fan-out. Values are drawn in double, in the parameter's C order, and rounded to its dtype, so
 * an initialiser reading a {@link NumpyRandomState} gives exactly what NumPy code would give.
 * Factories with their papers are in {@link Init}.
 */
@FunctionalInterface
public interface Initializer {
  /**
   * The initial value.
   *
   * @param shape the parameter's shape
   * @param fanIn inputs feeding one output unit (for a conv weight {@code C/groups·Πk})
   * @param fanOut outputs one input unit feeds (for a conv weight {@code OC·Πk})
   * @param rnd the stream to draw from; an initialiser that draws nothing leaves it untouched
   */
  Tensor init(int[] shape, int fanIn, int fanOut, DType dtype, RandomSource rnd);
}
