// conv4j info on arrays written by Npy.write and on NumPy-written fixtures.
package org.conv4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.conv4j.io.Npy;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {
  @TempDir Path dir;

  private Path write(String name, Tensor t) throws IOException {
    Path p = dir.resolve(name);
    Npy.write(p, t);
    return p;
  }

  /** Copies a fixture made by tools/gen_cli_fixtures.py into the temp dir. */
  private Path fixture(String name) throws IOException {
    Path p = dir.resolve(name);
    try (InputStream in = InfoCommandTest.class.getResourceAsStream("fixtures/" + name)) {
      assertThat(in).as("fixture %s", name).isNotNull();
      Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
    }
    return p;
  }

  @Test
  void float32Array() throws IOException {
    Path p = write("a.npy", Tensor.of(new float[] {-1.5f, 0, 1, 2, 3.25f, 4}, 2, 3));
    CliRun r = CliRun.run("info", p.toString());
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.outLines())
        .containsExactly(p + ": shape=(2, 3) size=6 dtype=float32 min=-1.5 max=4.0 mean=1.4583334");
  }

  @Test
  void float64ArrayWithNaNs() throws IOException {
    Path p = write("n.npy", Tensor.of(new double[] {1, Double.NaN, 3, Double.NaN, 5}, 5));
    CliRun r = CliRun.run("info", p.toString());
    assertThat(r.code()).isZero();
    assertThat(r.outLines())
        .containsExactly(p + ": shape=(5,) size=5 dtype=float64 min=1.0 max=5.0 mean=3.0 nan=2");
  }

  @Test
  void allNaN() throws IOException {
    Path p = write("allnan.npy", Tensor.full(DType.FLOAT32, Double.NaN, 2, 2));
    CliRun r = CliRun.run("info", p.toString());
    assertThat(r.outLines())
        .containsExactly(p + ": shape=(2, 2) size=4 dtype=float32 min=nan max=nan mean=nan nan=4");
  }

  @Test
  void emptyAndScalarArrays() throws IOException {
    Path e = write("e.npy", Tensor.zeros(DType.FLOAT64, 0, 3));
    Path s = write("s.npy", Tensor.scalar(DType.FLOAT64, 0.1));
    CliRun r = CliRun.run("info", e.toString(), s.toString());
    assertThat(r.code()).isZero();
    assertThat(r.outLines())
        .containsExactly(
            e + ": shape=(0, 3) size=0 dtype=float64",
            s + ": shape=() size=1 dtype=float64 min=0.1 max=0.1 mean=0.1");
  }

  @Test
  void numpyWrittenFixtures() throws IOException {
    Path f32 = fixture("f32_2x3.npy");
    Path nan = fixture("f64_nan.npy");
    Path i16 = fixture("i16_2x2.npy");
    Path empty = fixture("empty_0x3.npy");
    Path bool = fixture("bool_3.npy");
    Path be = fixture("be_f8_v2.npy");
    CliRun r =
        CliRun.run(
            "info",
            f32.toString(),
            nan.toString(),
            i16.toString(),
            empty.toString(),
            bool.toString(),
            be.toString());
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.outLines())
        .containsExactly(
            f32 + ": shape=(2, 3) size=6 dtype=float32 min=-1.5 max=4.0 mean=1.4583334",
            nan + ": shape=(5,) size=5 dtype=float64 min=1.0 max=5.0 mean=3.0 nan=2",
            i16 + ": shape=(2, 2) size=4 dtype=float64 stored=int16 min=-4.0 max=3.0 mean=0.5",
            empty + ": shape=(0, 3) size=0 dtype=float64",
            bool
                + ": shape=(3,) size=3 dtype=float64 stored=bool min=0.0 max=1.0"
                + " mean=0.6666666666666666",
            be + ": shape=(2, 2) size=4 dtype=float64 min=-2.0 max=3.0 mean=0.3750025");
  }

  @Test
  void storedDtypeNamesFollowNumPy() throws IOException {
    assertThat(NpyDescr.storedName(fixture("i16_2x2.npy"))).contains("int16");
    assertThat(NpyDescr.storedName(fixture("f32_2x3.npy"))).contains("float32");
    Path bad = dir.resolve("bad.npy");
    Files.writeString(bad, "nope");
    assertThat(NpyDescr.storedName(bad)).isEmpty();
    assertThat(NpyDescr.storedName(dir.resolve("missing.npy"))).isEmpty();
  }

  @Test
  void missingFileIsAFailureNamingTheFile() {
    Path p = dir.resolve("nope.npy");
    CliRun r = CliRun.run("info", p.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines()).containsExactly("conv4j info: " + p + ": no such file");
  }

  @Test
  void malformedFileIsAFailureNamingTheFile() throws IOException {
    Path p = dir.resolve("bad.npy");
    Files.writeString(p, "this is not an npy file\n");
    CliRun r = CliRun.run("info", p.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .startsWith("conv4j info: ")
        .contains(p.toString());
    assertThat(r.err()).doesNotContain("\tat ");
  }

  @Test
  void truncatedFileIsAFailure() throws IOException {
    Path good = write("t.npy", Tensor.arange(DType.FLOAT64, 100));
    byte[] bytes = Files.readAllBytes(good);
    Path p = dir.resolve("trunc.npy");
    Files.write(p, java.util.Arrays.copyOf(bytes, bytes.length - 8));
    CliRun r = CliRun.run("info", p.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .startsWith("conv4j info: ")
        .contains(p.toString());
  }

  @Test
  void stopsAtTheFirstBadFileAfterPrintingTheEarlierOnes() throws IOException {
    Path a = write("a.npy", Tensor.ones(DType.FLOAT64, 2));
    Path missing = dir.resolve("missing.npy");
    Path b = write("b.npy", Tensor.ones(DType.FLOAT64, 3));
    CliRun r = CliRun.run("info", a.toString(), missing.toString(), b.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.outLines())
        .containsExactly(a + ": shape=(2,) size=2 dtype=float64 min=1.0 max=1.0 mean=1.0");
    assertThat(r.errLines()).containsExactly("conv4j info: " + missing + ": no such file");
  }

  @Test
  void directoryIsAFailure() {
    CliRun r = CliRun.run("info", dir.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.errLines()).singleElement().asString().startsWith("conv4j info: " + dir);
  }
}
