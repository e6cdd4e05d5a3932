package org.conv4j.filter;

import static org.assertj.core.api.Assertions.assertThat;

import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The worked examples of SPEC §3 and the NaN rules of {@link Filters}, literally. */
class FilterSpecTest {
  @Test
  void medianOfAnEvenWindowTakesTheUpperMiddle() {
    Tensor y = Filters.medianFilter(Tensor.of(new double[] {1, 5, 2, 8, 3}, 5), 2);
    assertThat(y.toDoubleArray()).containsExactly(1, 5, 5, 8, 8);
  }

  /** SPEC §3.2 probe: x = [1,2,3,4] extended 9 samples each side, read back through correlate1d with impulses. */
  @Test
  void boundaryProbeTable() {
    String[][] table = {
      {"reflect", "1 1 2 3 4 4 3 2 1 | 1 2 3 4 | 4 3 2 1 1 2 3 4 4"},
      {"mirror", "4 3 2 1 2 3 4 3 2 | 1 2 3 4 | 3 2 1 2 3 4 3 2 1"},
      {"nearest", "1 1 1 1 1 1 1 1 1 | 1 2 3 4 | 4 4 4 4 4 4 4 4 4"},
      {"wrap", "4 1 2 3 4 1 2 3 4 | 1 2 3 4 | 1 2 3 4 1 2 3 4 1"},
      {"constant", "-1 -1 -1 -1 -1 -1 -1 -1 -1 | 1 2 3 4 | -1 -1 -1 -1 -1 -1 -1 -1 -1"},
      {"grid-mirror", "1 1 2 3 4 4 3 2 1 | 1 2 3 4 | 4 3 2 1 1 2 3 4 4"},
      {"grid-wrap", "4 1 2 3 4 1 2 3 4 | 1 2 3 4 | 1 2 3 4 1 2 3 4 1"},
      {"grid-constant", "-1 -1 -1 -1 -1 -1 -1 -1 -1 | 1 2 3 4 | -1 -1 -1 -1 -1 -1 -1 -1 -1"},
    };
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 4);
    for (String[] row : table) {
      String[] want = row[1].replace("| ", "").split(" ");
      FilterOptions o = FilterOptions.defaults().mode(row[0]).cval(-1);
      for (int k = -9; k < 13; k++) {
        // weights of length 19, origin 0 (anchor 9): out[i] = x̃[i + j − 9]; pick i = 0 or 3, j = k + 9 − i
        int i = k < 4 ? 0 : 3;
        double[] w = new double[19];
        w[k + 9 - i] = 1;
        double got = Filters.correlate1d(x, w, 0, o).toDoubleArray()[i];
        double nd = Filters.correlate(x, Tensor.of(w, 19), o).toDoubleArray()[i];
        assertThat(got).as("%s at %d", row[0], k).isEqualTo(Double.parseDouble(want[k + 9]));
        assertThat(nd).as("%s N-d at %d", row[0], k).isEqualTo(got);
      }
    }
  }

  @Test
  void correlateDtypeExampleAndSignalIdentities() {
    Tensor x = Tensor.of(new double[] {1, 2, -3, -4, 5}, 5);
    FilterOptions constant = FilterOptions.defaults().mode("constant");
    assertThat(Filters.correlate(x, Tensor.of(new double[] {.5, .5}, 2), constant).toDoubleArray())
        .containsExactly(0.5, 1.5, -0.5, -3.5, 0.5);
    // SPEC §0 worked example: signal.correlate 'same' = [3,4,6,8,-2], signal.convolve 'same' = [2,2,4,6,2]
    Tensor y = Tensor.of(new double[] {1, 2, 3, 4, 5}, 5);
    Tensor w = Tensor.of(new double[] {1, 0, -1, 2}, 4);
    assertThat(Filters.correlate(y, w, constant).toDoubleArray()).containsExactly(3, 4, 6, 8, -2);
    assertThat(Filters.convolve(y, w, constant.origin(-1)).toDoubleArray()).containsExactly(2, 2, 4, 6, 2);
  }

  @Test
  void floatInputGivesFloatOutputRoundedOnce() {
    Tensor x = Tensor.of(new float[] {0.1f, 0.2f, 0.7f, 1.3f}, 4);
    Tensor w = Tensor.of(new double[] {0.3, 0.3, 0.4}, 3);
    Tensor y = Filters.correlate(x, w);
    assertThat(y.dtype()).isEqualTo(DType.FLOAT32);
    double[] exact = Filters.correlate(x.to(DType.FLOAT64), w).toDoubleArray();
    float[] got = y.toFloatArray();
    for (int i = 0; i < got.length; i++) {
      assertThat(got[i]).isEqualTo((float) exact[i]);
    }
  }

  @Test
  void nanRules() {
    double nan = Double.NaN;
    Tensor x = Tensor.of(new double[] {1, nan, 2, 8, 3}, 5);
    FilterOptions o = FilterOptions.defaults().mode("nearest");
    assertThat(Filters.maximumFilter(x, Footprint.size(3), o).toDoubleArray()).containsExactly(nan, nan, nan, 8, 8);
    assertThat(Filters.minimumFilter(x, Footprint.size(3), o).toDoubleArray()).containsExactly(1, 1, 2, 2, 3);
    // sorted windows (NaN last): [1,1,nan] [1,2,nan] [2,8,nan] [2,3,8] [3,3,8]
    assertThat(Filters.medianFilter(x, Footprint.size(3), o).toDoubleArray()).containsExactly(1, 2, 8, 3, 3);
    assertThat(Filters.minimumFilter(Tensor.of(new double[] {nan, nan}, 2), 2).toDoubleArray())
        .containsExactly(nan, nan);
    // the running sum keeps a NaN once it has entered, as SciPy's does
    Tensor u = Filters.uniformFilter1d(Tensor.of(new double[] {1, 2, nan, 4, 5, 6, 7}, 7), 3, 0,
        FilterOptions.defaults());
    assertThat(u.toDoubleArray()[0]).isEqualTo(4.0 / 3);
    assertThat(u.toDoubleArray()[6]).isNaN();
  }
}
