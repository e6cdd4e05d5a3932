// The dtype rule for arrays a subcommand writes.
package org.conv4j.cli;

import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * The output dtype rule of every subcommand: float32 when every input is float32, else float64.
 * (The reader gives float64 for integer and bool files, so they make the output float64.)
 */
public final class OutputDType {
  private OutputDType() {}

  /**
   * The output dtype for these inputs.
   *
   * @throws IllegalArgumentException when no input is given
   */
  public static DType of(Tensor... inputs) {
    if (inputs.length == 0) {
      throw new IllegalArgumentException("OutputDType.of needs at least one input");
    }
    DType d = DType.FLOAT32;
    for (Tensor t : inputs) {
      d = DType.promote(d, t.dtype());
    }
    return d;
  }

  /** {@code result} converted to the output dtype of {@code inputs} (no copy when it matches). */
  public static Tensor apply(Tensor result, Tensor... inputs) {
    DType d = of(inputs);
    return result.dtype() == d ? result : result.to(d);
  }
}
