// conv4j match: .npy and image inputs, heatmap, errors.
package org.conv4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.conv4j.io.Images;
import org.conv4j.io.Npy;
import org.conv4j.match.MatchOptions;
import org.conv4j.match.Metric;
import org.conv4j.match.TemplateMatch;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatchCommandTest {
  @TempDir Path dir;

  private Path write(String name, Tensor t) throws IOException {
    Path p = dir.resolve(name);
    Npy.write(p, t);
    return p;
  }

  static Tensor seedZ() {
    double[] v = new double[500 * 500];
    for (int i = 0; i < 500; i++) {
      for (int j = 0; j < 500; j++) {
        v[i * 500 + j] = (3L * i * i + 5L * j * j + 7L * i * j + 11L * i + 13L * j) % 1009;
      }
    }
    return Tensor.of(v, 500, 500);
  }

  @Test
  void seedMsdFromNpyFiles() throws IOException {
    Tensor z = seedZ();
    Tensor x0 = z.slice(0, 123, 133, 1).slice(1, 321, 331, 1).contiguous();
    Path out = dir.resolve("m.npy");
    CliRun r = CliRun.run("match", write("z.npy", z).toString(), write("x0.npy", x0).toString(), "-o", out.toString(),
        "--metric", "msd");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    assertThat(r.outLines()).containsExactly("best: index=(123, 321) score=0.0");
    Tensor m = Npy.read(out);
    assertThat(m.shape()).containsExactly(491, 491);
    assertThat(m.valuesEqual(TemplateMatch.match(z, x0, Metric.MSD))).isTrue();
    assertThat(m.get(0, 0)).isEqualTo(124435.35);
  }

  @Test
  void fftMethod() throws IOException {
    Tensor z = seedZ();
    Tensor x0 = z.slice(0, 123, 133, 1).slice(1, 321, 331, 1).contiguous();
    Path out = dir.resolve("fft.npy");
    CliRun r = CliRun.run("match", write("z.npy", z).toString(), write("x0.npy", x0).toString(), "-o", out.toString(),
        "--metric", "msd", "--method", "fft");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.outLines()).containsExactly("best: index=(123, 321) score=0.0");
    // integer data: the FFT correlation is rounded to integers, so the seed is exact by FFT too
    assertThat(Npy.read(out).valuesEqual(TemplateMatch.match(z, x0, Metric.MSD))).isTrue();
  }

  @Test
  void everyMetricMethodAndMask() throws IOException {
    Tensor x = Tensor.arange(DType.FLOAT32, 64).reshape(8, 8).map(Math::sin);
    Tensor t = x.slice(0, 2, 5, 1).slice(1, 3, 6, 1).contiguous();
    Tensor mask = Tensor.of(new float[] {1, 0, 1, 1, 1, 1, 0, 1, 1}, 3, 3);
    Path xp = write("x.npy", x);
    Path tp = write("t.npy", t);
    Path mp = write("mask.npy", mask);
    for (Metric m : Metric.values()) {
      for (String method : new String[] {"auto", "direct", "decomposition"}) {
        Path out = dir.resolve(m.cliName() + method + ".npy");
        CliRun r = CliRun.run("match", xp.toString(), tp.toString(), "-o", out.toString(), "--metric", m.cliName(),
            "--method", method, "--mask", mp.toString(), "--threads", "2");
        assertThat(r.code()).as(r.err()).isZero();
        Tensor got = Npy.read(out);
        assertThat(got.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(got.valuesEqual(TemplateMatch.match(x, t, m, MatchOptions.defaults().mask(mask)))).isTrue();
      }
    }
  }

  @Test
  void imagesAndHeatmap() throws IOException {
    float[] v = new float[3 * 40 * 50];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < 40; y++) {
        for (int x = 0; x < 50; x++) {
          v[(c * 40 + y) * 50 + x] = (float) (0.5 + 0.4 * Math.sin(0.3 * x + 0.7 * y + c) * Math.cos(0.21 * x * y / 9.0));
        }
      }
    }
    Tensor photo = Tensor.of(v, 3, 40, 50);
    Path pp = dir.resolve("photo.png");
    Images.writePng(pp, photo, false);
    Tensor patch = Images.read(pp).slice(1, 12, 22, 1).slice(2, 30, 42, 1).contiguous();
    Path tp = dir.resolve("patch.png");
    Images.writePng(tp, patch, false);
    Path hm = dir.resolve("heat.png");
    CliRun r = CliRun.run("match", "--image-in", pp.toString(), "--template-in", tp.toString(), "--heatmap",
        hm.toString(), "--metric", "ccoeff-normed");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.outLines()).containsExactly("best: index=(12, 30) score=1.0");
    Tensor img = Images.read(hm);
    assertThat(img.shape()).containsExactly(3, 40, 108);
  }

  @Test
  void errors() throws IOException {
    Path x = write("x.npy", Tensor.zeros(DType.FLOAT64, 4, 4));
    Path big = write("big.npy", Tensor.zeros(DType.FLOAT64, 5, 2));
    Path r1 = write("r1.npy", Tensor.zeros(DType.FLOAT64, 2));
    String o = dir.resolve("o.npy").toString();
    assertThat(last(CliRun.run("match", x.toString(), big.toString(), "-o", o, "--metric", "ssd")))
        .contains("conv4j match:").contains("template larger than the image on axis 0: 5 > 4");
    assertThat(last(CliRun.run("match", x.toString(), r1.toString(), "-o", o, "--metric", "ssd")))
        .contains("rank mismatch");
    CliRun bad = CliRun.run("match", x.toString(), x.toString(), "-o", o, "--metric", "xcorr");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(last(bad)).contains("--metric: unknown metric 'xcorr'");
    assertThat(CliRun.run("match", x.toString(), x.toString(), "--metric", "ssd").code()).isEqualTo(2);
    Path mask = write("mask.npy", Tensor.ones(DType.FLOAT64, 3, 3));
    assertThat(last(CliRun.run("match", x.toString(), x.toString(), "-o", o, "--metric", "ssd", "--mask", mask.toString())))
        .contains("mask shape (3, 3) does not match the template shape (4, 4)");
    assertThat(Files.exists(dir.resolve("o.npy"))).as("nothing written on failure").isFalse();
  }

  private static String last(CliRun r) {
    return r.errLines().get(r.errLines().size() - 1);
  }
}
