package org.conv4j.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.conv4j.nn.functional.UnfoldParams;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Seed 000 (SPEC §8.1): an arbitrary operation in a sliding window, here the mean squared
 * deviation from a template, written as {@code unfold → sub template → pow 2 → mean → reshape}, and
 * differentiable with respect to both the image and the template.
 */
class SlidingWindowSeedTest {
  /** The seed's mean squared deviation of every m×m window of {@code z} from {@code template}. */
  static Variable slidingMsd(Variable z, Variable template) {
    int n = z.dim(0);
    int m = template.dim(0);
    int out = n - m + 1;
    Variable cols = Ops.unfold(z.reshape(1, 1, n, n), UnfoldParams.of(m, m)); // (1, m·m, out·out)
    return cols.sub(template.reshape(1, m * m, 1)).pow(2).mean(new int[] {1}, false).reshape(out, out);
  }

  /** {@code Z[i,j] = (3i² + 5j² + 7ij + 11i + 13j) mod 1009}, the seed's closed-form input. */
  static Tensor seedImage(int n) {
    double[] z = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        z[i * n + j] = Math.floorMod(3L * i * i + 5L * j * j + 7L * i * j + 11L * i + 13L * j, 1009);
      }
    }
    return Tensor.of(z, n, n);
  }

  @Test
  void seedValuesAndShaAreBitExact() throws Exception {
    Tensor z = seedImage(500);
    Tensor x0 = z.slice("123:133, 321:331").contiguous();
    Tensor m;
    try (Variable.NoGrad scope = Variable.noGrad()) {
      m = slidingMsd(Variable.of(z), Variable.of(x0)).value();
    }
    assertThat(m.shape()).containsExactly(491, 491);
    assertThat(m.get(0, 0)).isEqualTo(124435.35);
    assertThat(m.get(0, 1)).isEqualTo(140277.2);
    assertThat(m.get(1, 0)).isEqualTo(133965.25);
    assertThat(m.get(490, 490)).isEqualTo(214851.59);
    assertThat(m.get(123, 320)).isEqualTo(132805.75);
    assertThat(m.get(122, 321)).isEqualTo(48674.05);
    assertThat(m.get(123, 321)).isEqualTo(0.0);
    assertThat(m.argmin()).isEqualTo(123L * 491 + 321);
    assertThat(m.max().item()).isEqualTo(371828.16);
    assertThat(m.get(250, 250) * 100).isEqualTo(19374965.0);
    // Every window sum is an exact integer in float64 and the mean divides once, so the result is
    // correctly rounded and bit-identical to NumPy's.
    ByteBuffer bytes = ByteBuffer.allocate(491 * 491 * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : m.toDoubleArray()) {
      bytes.putDouble(v);
    }
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
    assertThat(sha).isEqualTo("8ce7b468beef3696f0ae9dbdf87552319c5fe618c0bd8d745e9c237b13fb89bc");
  }

  @Test
  void gradientFlowsToImageAndTemplate() {
    // A small instance of the same graph, checked by finite differences for both inputs.
    Tensor z = GradCheck.rand(100, 7, 7);
    Tensor t = GradCheck.rand(101, 3, 3);
    GradCheck.check("sliding MSD", v -> slidingMsd(v[0], v[1]), z, t);
  }

  @Test
  void templateGradientHasTheClosedForm() {
    // dΣM/dX0 = Σ_windows 2(X0 − window)/m², a sum of correlations: checks the wiring, not just the rules.
    Tensor z = seedImage(12).div(1009.0);
    Variable t = Variable.leaf(z.slice("2:5, 4:7").contiguous());
    slidingMsd(Variable.of(z), t).sum().backward();
    double[] expected = new double[9];
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 10; j++) {
        for (int a = 0; a < 3; a++) {
          for (int b = 0; b < 3; b++) {
            expected[a * 3 + b] += 2 * (t.value().get(a, b) - z.get(i + a, j + b)) / 9;
          }
        }
      }
    }
    double[] got = t.grad().toDoubleArray();
    for (int k = 0; k < 9; k++) {
      assertThat(got[k]).isCloseTo(expected[k], org.assertj.core.data.Offset.offset(1e-12));
    }
    assertThat(t.grad().dtype()).isEqualTo(DType.FLOAT64);
  }
}
