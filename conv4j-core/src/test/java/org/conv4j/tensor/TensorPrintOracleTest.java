package org.conv4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.conv4j.tensor.Fixtures.Case;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link Tensor#toString()} against NumPy's {@code str(array)} for every case of
 * {@code fixtures/tensor/print.txt}: integer-valued and mixed floats, float32 shortest digits,
 * the scientific switch, nan/inf, negative zero, line wrapping at 75 columns, summarisation above
 * 1000 elements, rank 0, empty arrays, and the SPEC §8.3 scatter-add result.
 */
class TensorPrintOracleTest {
  static final List<Case> CASES = Fixtures.load("/fixtures/tensor/print.txt");

  @TestFactory
  Stream<DynamicTest> numpyStr() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      Tensor t = c.input(0);
      String expected = String.join("\n", c.text());
      assertThat(t.toString()).as("%s: str() of %s", c.name(), t.describe()).isEqualTo(expected);
    }));
  }
}
