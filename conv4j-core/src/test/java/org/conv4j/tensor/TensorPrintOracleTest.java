package org.conv4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.conv4j.tensor.Fixtures.Case;
import org.conv4j.window.PadMode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link Tensor#toString()} against NumPy's {@code str(array)} for every case of
 * {@code fixtures/tensor/print.txt}: integer-valued and mixed floats, float32 shortest digits,
 * the scientific switch, nan/inf, negative zero, line wrapping at 75 columns, summarisation above
 * 1000 elements, rank 0, empty arrays, and the SPEC §8.3 scatter-add result.
 */
class TensorPrintOracleTest {
  static final List<Case> CASES = Fixtures.load("/fixtures/tensor/print.txt");

  /**
   * SPEC §8.3 end to end: the seed's scatter-add {@code out[:, i:i+3, j:j+3] += vals[i,j]·w0},
   * built from Tensor ops (pad, mul, add), prints exactly as the seed's NumPy output.
   */
  @Test
  void seedScatterAddPrintsAsNumpy() {
    Tensor vals = Tensor.of(new double[][] {
        {2, 1, -3, -4, -4}, {2, -3, 3, 1, 2}, {2, 5, -6, 6, -2}, {-5, 4, 1, 5, 4}, {0, 0, 1, -3, -4}});
    Tensor w0 = Tensor.of(new double[] {
        0, 1, -1, 1, -1, 0, 0, 0, 0,
        1, 0, 0, 0, -1, 1, 1, 0, 1,
        1, -1, 0, -1, 0, -1, -1, 0, 1}, 3, 3, 3);
    Tensor out = Tensor.zeros(DType.FLOAT64, 3, 7, 7);
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 5; j++) {
        Tensor placed = w0.pad(new int[][] {{0, 0}, {i, 4 - i}, {j, 4 - j}}, PadMode.CONSTANT);
        out = out.add(placed.mul(vals.get(i, j)));
      }
    }
    String seed = """
        [[[  0.   2.  -1.  -4.  -1.   0.   4.]
          [  2.   1.  -9.   5.  -2.   5.  -2.]
          [  2.  -3.   9. -13.  13. -10.   2.]
          [  2.  -2.  -2.   9.  -4.   1.  -4.]
          [ -5.   9.  -3.   5.  -5.  -5.   4.]
          [  0.   0.   1.  -4.  -1.   4.   0.]
          [  0.   0.   0.   0.   0.   0.   0.]]

         [[  2.   1.  -3.  -4.  -4.   0.   0.]
          [  2.  -5.   4.   5.   3.   0.  -4.]
          [  4.   4.  -2.  -3.  -7.  -5.  -2.]
          [ -3.  -1.   3.  14.  -3.   9.   0.]
          [  2.  10. -12.  11. -16.   7.   2.]
          [ -5.   4.  -4.   8.   9.   6.   0.]
          [  0.   0.   1.  -3.  -3.  -3.  -4.]]

         [[  2.  -1.  -4.  -1.   0.   4.   0.]
          [  0.  -6.   7.   1.   8.   2.   4.]
          [ -2.   5. -11.  19. -12.  -3.  -6.]
          [ -9.   7.   0. -11.   8.  -9.   4.]
          [  3.  -9.  13. -14. -10.   5.  -6.]
          [  5.  -4.  -7.   2.   0.   8.   8.]
          [  0.   0.  -1.   3.   5.  -3.  -4.]]]""";
    assertThat(out.toString()).isEqualTo(seed);
    assertThat(out.slice(":, 1:-1, 1:-1").select(0, 0).toString()).isEqualTo("""
        [[  1.  -9.   5.  -2.   5.]
         [ -3.   9. -13.  13. -10.]
         [ -2.  -2.   9.  -4.   1.]
         [  9.  -3.   5.  -5.  -5.]
         [  0.   1.  -4.  -1.   4.]]""");
  }

  @TestFactory
  Stream<DynamicTest> numpyStr() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      Tensor t = c.input(0);
      String expected = String.join("\n", c.text());
      assertThat(t.toString()).as("%s: str() of %s", c.name(), t.describe()).isEqualTo(expected);
    }));
  }
}
