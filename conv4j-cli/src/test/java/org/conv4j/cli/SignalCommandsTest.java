package org.conv4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.conv4j.io.Npy;
import org.conv4j.signal.Boundary;
import org.conv4j.signal.Mode;
import org.conv4j.signal.Signal;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scipy.signal subcommands: convolve, correlate, convolve2d, correlate2d, toeplitz, through {@code Main.run}. */
class SignalCommandsTest {
  @TempDir Path dir;

  private String save(String name, Tensor t) throws IOException {
    Path p = dir.resolve(name);
    Npy.write(p, t);
    return p.toString();
  }

  private Tensor load(String path) throws IOException {
    return Npy.read(Path.of(path));
  }

  private static void ok(CliRun r) {
    assertThat(r.code()).as(r.err()).isZero();
  }

  @Test
  void seed001SameModeAndToeplitz() throws IOException {
    String x = save("x.npy", Tensor.of(new double[] {0, 0, 1, 0, 0, 2, 0, 0, 0}, 9));
    String h = save("h.npy", Tensor.of(new double[] {0, 1, 2, 0}, 4));
    String y = dir.resolve("y.npy").toString();
    ok(CliRun.run("convolve", x, h, "-o", y, "--mode", "same"));
    assertThat(load(y).toDoubleArray()).containsExactly(0, 0, 1, 2, 0, 2, 4, 0, 0);
    for (String method : new String[] {"direct", "fft", "oa"}) {
      ok(CliRun.run("convolve", x, h, "-o", y, "--mode", "valid", "--method", method));
      double[] v = load(y).toDoubleArray();
      double[] want = {1, 2, 0, 2, 4, 0};
      for (int i = 0; i < want.length; i++) {
        assertThat(v[i]).isCloseTo(want[i], org.assertj.core.data.Offset.offset(1e-12));
      }
    }
    String t = dir.resolve("t.npy").toString();
    ok(CliRun.run("toeplitz", h, "-o", t, "--n", "9", "--mode", "same"));
    Tensor tm = load(t);
    assertThat(tm.shape()).containsExactly(9, 9);
    assertThat(tm.matmul(load(x).reshape(9, 1)).toDoubleArray()).containsExactly(0, 0, 1, 2, 0, 2, 4, 0, 0);
  }

  @Test
  void batchedPerExampleKernels() throws IOException {
    double[] xs = new double[90];
    double[] hs = new double[40];
    for (int b = 0; b < 10; b++) {
      for (int t = 0; t < 9; t++) {
        xs[b * 9 + t] = ((3 * b + 5 * t) % 7) - 3;
      }
      for (int k = 0; k < 4; k++) {
        hs[b * 4 + k] = ((b + 2 * k) % 5) - 2;
      }
    }
    String x = save("X.npy", Tensor.of(xs, 10, 9));
    String h = save("H.npy", Tensor.of(hs, 10, 4));
    String y = dir.resolve("Y.npy").toString();
    ok(CliRun.run("convolve", x, h, "-o", y, "--mode", "same", "--batched"));
    Tensor yt = load(y);
    assertThat(yt.shape()).containsExactly(10, 9);
    assertThat(yt.select(0, 0).toDoubleArray()).containsExactly(-4, -6, 11, -8, -6, 10, 5, -7, -5);
    assertThat(yt.select(0, 9).toDoubleArray()).containsExactly(-1, 0, -10, 4, -3, 4, 4, -3, 6);
  }

  @Test
  void correlateSpecExampleAndAxes() throws IOException {
    String x = save("x.npy", Tensor.of(new float[] {1, 2, 3, 4, 5}, 5));
    String w = save("w.npy", Tensor.of(new float[] {1, 0, -1, 2}, 4));
    String y = dir.resolve("y.npy").toString();
    ok(CliRun.run("correlate", x, w, "-o", y, "--mode", "same"));
    Tensor r = load(y);
    assertThat(r.dtype()).isEqualTo(DType.FLOAT32);
    assertThat(r.toDoubleArray()).containsExactly(3, 4, 6, 8, -2);
    String a = save("a.npy", Tensor.ones(DType.FLOAT64, 3, 10));
    String b = save("b.npy", Tensor.ones(DType.FLOAT64, 3, 4));
    ok(CliRun.run("convolve", a, b, "-o", y, "--axes", "-1"));
    assertThat(load(y).shape()).containsExactly(3, 13);
  }

  @Test
  void twoDimensionalBoundaries() throws IOException {
    Tensor in = Tensor.arange(DType.FLOAT64, 30).reshape(5, 6);
    Tensor k = Tensor.of(new double[] {1, 2, 0, -1, 3, 1}, 2, 3);
    String a = save("a.npy", in);
    String b = save("b.npy", k);
    String y = dir.resolve("y.npy").toString();
    ok(CliRun.run("convolve2d", a, b, "-o", y, "--mode", "same", "--boundary", "symmetric"));
    assertThat(load(y).toDoubleArray()).containsExactly(Signal.convolve2d(in, k, Mode.SAME, Boundary.SYMM, 0).toDoubleArray());
    ok(CliRun.run("correlate2d", a, b, "-o", y, "--boundary", "fill", "--fillvalue", "2.5"));
    assertThat(load(y).toDoubleArray()).containsExactly(Signal.correlate2d(in, k, Mode.FULL, Boundary.FILL, 2.5).toDoubleArray());
  }

  @Test
  void errors() throws IOException {
    String a = save("a.npy", Tensor.ones(DType.FLOAT64, 3, 5));
    String b = save("b.npy", Tensor.ones(DType.FLOAT64, 4, 2));
    String y = dir.resolve("y.npy").toString();
    CliRun r = CliRun.run("convolve", a, b, "-o", y, "--mode", "half");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(
        "conv4j convolve: --mode: acceptable mode flags are 'valid', 'same', or 'full'; got 'half'");
    r = CliRun.run("correlate", a, b, "-o", y, "--mode", "valid");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.errLines().get(r.errLines().size() - 1)).isEqualTo("conv4j correlate: correlate: for 'valid' mode, one"
        + " must be at least as large as the other in every dimension: in1 has shape (3, 5), in2 has shape (4, 2)");
    r = CliRun.run("convolve2d", a, b, "-o", y, "--boundary", "reflect");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--boundary: acceptable boundary flags");
    r = CliRun.run("convolve", a, b, "-o", y, "--axes", "1,x");
    assertThat(r.code()).isEqualTo(2);
    r = CliRun.run("toeplitz", a, "-o", y, "--n", "0");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("n must be a positive integer");
  }
}
