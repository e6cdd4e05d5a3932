package org.conv4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import org.conv4j.io.Images;
import org.conv4j.io.Npy;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conv4j demo 3wolfmoon} on a synthetic image (the photo itself is never committed). */
class DemoCommandTest {
  /** A 40×50 RGB image: black, with a bright square and a grey stripe. */
  static Tensor synthetic() {
    double[] v = new double[3 * 40 * 50];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < 40; y++) {
        for (int x = 0; x < 50; x++) {
          double s = (y >= 20 && y < 32 && x >= 25 && x < 40) ? 1.0 : x < 6 ? 0.5 : 0.0;
          v[(c * 40 + y) * 50 + x] = s * (c + 1) / 3.0;
        }
      }
    }
    return Tensor.of(v, 3, 40, 50).to(DType.FLOAT32);
  }

  @Test
  void writesInputMapsAndNumbers(@TempDir Path dir) throws IOException {
    Path img = dir.resolve("in.png");
    Images.writePng(img, synthetic(), false);
    Path out = dir.resolve("out");
    CliRun r = NnCommands.run("demo", "3wolfmoon", "--image", img.toString(), "-o", out.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    assertThat(r.outLines().get(0))
        .isEqualTo("input 50x40 RGB; W (2, 3, 9, 9) ~ U(+-1/sqrt(243)), b = [-0.3943425024, 0.1681896512]; output (1, 2, 32, 42)");
    assertThat(Images.read(out.resolve("input.png")).shape()).containsExactly(3, 40, 50);
    assertThat(Images.read(out.resolve("map0.png")).shape()).containsExactly(1, 32, 42);
    assertThat(Images.read(out.resolve("map1.png")).shape()).containsExactly(1, 32, 42);
    Tensor maps = Npy.read(out.resolve("maps.npy"));
    assertThat(maps.shape()).containsExactly(1, 2, 32, 42);
    // Over black regions the conv is 0 and the maps are sigmoid(b) (SPEC §6.4: [0.40267, 0.54195]).
    assertThat(maps.get(0, 0, 0, 20)).isCloseTo(1 / (1 + Math.exp(0.3943425023926769)), within(1e-15));
    assertThat(maps.get(0, 1, 0, 20)).isCloseTo(1 / (1 + Math.exp(-0.16818965121237217)), within(1e-15));
    // At the square's edges the random filters respond: the maps are not constant.
    assertThat(maps.select(1, 0).max().item() - maps.select(1, 0).min().item()).isGreaterThan(0.01);
  }

  @Test
  void badInput(@TempDir Path dir) {
    CliRun missing = NnCommands.run("demo", "3wolfmoon", "--image", dir.resolve("none.jpg").toString(), "-o", dir.toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("conv4j demo 3wolfmoon: --image: " + dir.resolve("none.jpg") + ": no such file\n");
    CliRun noDemo = NnCommands.run("demo");
    assertThat(noDemo.code()).isEqualTo(2);
    assertThat(noDemo.err()).contains("no demo given; pick one of: 3wolfmoon");
    assertThat(NnCommands.run("demo", "3wolfmoon", "-o", dir.toString()).code()).isEqualTo(2);
  }
}
