package org.conv4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.conv4j.tensor.DType;
import org.junit.jupiter.api.Test;

/** NumPy's RandomState reproduced bit for bit (values printed by NumPy 2.4 with repr). */
class NumpyRandomStateTest {
  @Test
  void randomSampleMatchesNumpy() {
    NumpyRandomState r = new NumpyRandomState(0);
    assertThat(r.nextDouble()).isEqualTo(0.5488135039273248);
    assertThat(r.nextDouble()).isEqualTo(0.7151893663724195);
    assertThat(r.nextDouble()).isEqualTo(0.6027633760716439);
    NumpyRandomState top = new NumpyRandomState(4294967295L);
    assertThat(top.nextDouble()).isEqualTo(0.0976320289940138);
    assertThat(top.nextDouble()).isEqualTo(0.9123828453026218);
  }

  @Test
  void threeWolfMoonFiltersAndBiasesAsSpec64() {
    // rng = RandomState(23455); W = rng.uniform(±1/sqrt(243), (2,3,9,9)); b = rng.uniform(-.5, .5, 2)
    NumpyRandomState rng = new NumpyRandomState(23455);
    double bound = 1 / Math.sqrt(3 * 9 * 9);
    double[] w = rng.uniform(-bound, bound, 2 * 3 * 9 * 9);
    double[] b = rng.uniform(-0.5, 0.5, 2);
    assertThat(w).startsWith(0.04297323069332297, -0.04941739638703065, 0.021682390701450935, -0.0043686333619421605,
        0.013063083090709263);
    assertThat(b).containsExactly(-0.3943425023926769, 0.16818965121237217);
    assertThat(String.format("%.10f %.10f", b[0], b[1])).isEqualTo("-0.3943425024 0.1681896512");
  }

  @Test
  void lenetInitialWeightsAreTheTutorials() {
    Sequential net = LeNet.create();
    net.initialize(new NumpyRandomState(23455));
    float[] w0 = net.namedParameters().get("layer0.weight").value().toFloatArray();
    float[] w1 = net.namedParameters().get("layer1.weight").value().toFloatArray();
    float[] w2 = net.namedParameters().get("layer2.weight").value().toFloatArray();
    assertThat(w0).startsWith(0.1339772790670395f, -0.1540682017803192f, 0.06759900599718094f);
    assertThat(w0[w0.length - 1]).isEqualTo(-0.06819407641887665f);
    assertThat(w1).startsWith(-0.003170984797179699f, -0.06685057282447815f);
    assertThat(w1[w1.length - 1]).isEqualTo(-0.060036420822143555f);
    assertThat(w2).startsWith(0.01625422015786171f, -0.06271775811910629f);
    assertThat(w2[w2.length - 1]).isEqualTo(0.019199199974536896f);
    assertThat(net.namedParameters().get("layer3.weight").value().toFloatArray()).containsOnly(0f);
    assertThat(net.flatParameters().dtype()).isEqualTo(DType.FLOAT32);
    // Bounds of SPEC §6.3.
    assertThat(net.namedParameters().get("layer0.weight").value().abs().max().item()).isLessThan(0.2);
    assertThat(net.namedParameters().get("layer1.weight").value().abs().max().item()).isLessThan(0.0859603);
  }

  @Test
  void seedRangeIsNumpys() {
    assertThatThrownBy(() -> new NumpyRandomState(-1)).hasMessageContaining("Seed must be between 0 and 2**32 - 1");
    assertThatThrownBy(() -> new NumpyRandomState(1L << 32)).hasMessageContaining("Seed must be between 0 and 2**32 - 1");
  }
}
