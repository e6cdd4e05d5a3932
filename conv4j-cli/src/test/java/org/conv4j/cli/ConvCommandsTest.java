// conv, conv-transpose, conv-backward, unfold, fold and pool on NumPy-written fixtures.
package org.conv4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.conv4j.io.Npy;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every command line of {@code conv/cases.tsv} (written with its fixtures by {@code
 * tools/gen_cli_conv_fixtures.py}) in-process and compares each output with the NumPy-computed
 * expected array: same shape, same dtype (float32 in, float32 out), values within 1e-5 of the
 * largest magnitude in float32 and 1e-12 in float64.
 */
class ConvCommandsTest {
  @TempDir Path dir;

  static Path fixtures() {
    try {
      return Path.of(ConvCommandsTest.class.getResource("conv/cases.tsv").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String[]> cases() throws IOException {
    List<String[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(fixtures().resolve("cases.tsv"))) {
      if (!line.isBlank()) {
        out.add(line.split("\t", 2));
      }
    }
    return out;
  }

  static Stream<Arguments> caseArgs() throws IOException {
    return cases().stream().map(c -> Arguments.of(c[0], c[1]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("caseArgs")
  void matchesTheNumPyReference(String name, String commandLine) throws IOException {
    List<String> args = new ArrayList<>();
    List<Path[]> outputs = new ArrayList<>(); // {written, expected}
    for (String word : commandLine.split(" ")) {
      if (word.startsWith("OUT:")) {
        Path written = dir.resolve(word.substring(4));
        outputs.add(new Path[] {written, fixtures().resolve(word.substring(4))});
        args.add(written.toString());
      } else if (word.endsWith(".npy")) {
        args.add(fixtures().resolve(word).toString());
      } else {
        args.add(word);
      }
    }
    CliRun r = CliRun.run(args.toArray(String[]::new));
    assertThat(r.err()).as(name).isEmpty();
    assertThat(r.code()).as(name).isZero();
    assertThat(outputs).as(name).isNotEmpty();
    for (Path[] o : outputs) {
      assertClose(name + " " + o[1].getFileName(), Npy.read(o[0]), Npy.read(o[1]));
    }
  }

  static void assertClose(String what, Tensor got, Tensor want) {
    assertThat(got.shape()).as(what + " shape").containsExactly(want.shape());
    assertThat(got.dtype()).as(what + " dtype").isEqualTo(want.dtype());
    double[] g = got.toDoubleArray();
    double[] w = want.toDoubleArray();
    double scale = 1;
    for (double v : w) {
      scale = Math.max(scale, Math.abs(v));
    }
    double tol = (want.dtype() == DType.FLOAT32 ? 1e-5 : 1e-12) * scale;
    for (int i = 0; i < w.length; i++) {
      if (Math.abs(g[i] - w[i]) > tol) {
        throw new AssertionError(
            what + ": element " + i + " (flat) is " + g[i] + ", expected " + w[i] + " ± " + tol);
      }
    }
  }

  /** Every subcommand and every option of theirs is exercised by some fixture case. */
  @Test
  void casesCoverEveryCommandAndOption() throws IOException {
    TreeSet<String> seen = new TreeSet<>();
    for (String[] c : cases()) {
      String[] words = c[1].split(" ");
      seen.add(words[0]);
      for (String w : words) {
        if (w.startsWith("--")) {
          seen.add(words[0] + " " + w);
        }
      }
    }
    assertThat(seen)
        .contains(
            "conv",
            "conv --bias",
            "conv --stride",
            "conv --padding",
            "conv --dilation",
            "conv --groups",
            "conv --padding-mode",
            "conv --flip",
            "conv-transpose",
            "conv-transpose --bias",
            "conv-transpose --stride",
            "conv-transpose --padding",
            "conv-transpose --output-padding",
            "conv-transpose --output-size",
            "conv-transpose --dilation",
            "conv-transpose --groups",
            "conv-backward",
            "conv-backward --grad-input",
            "conv-backward --grad-weight",
            "conv-backward --grad-bias",
            "conv-backward --stride",
            "conv-backward --padding",
            "conv-backward --dilation",
            "conv-backward --groups",
            "conv-backward --padding-mode",
            "conv-backward --flip",
            "unfold --kernel",
            "unfold --stride",
            "unfold --padding",
            "unfold --dilation",
            "fold --output-size",
            "fold --kernel",
            "fold --stride",
            "fold --padding",
            "fold --dilation",
            "pool --op",
            "pool --kernel",
            "pool --stride",
            "pool --padding",
            "pool --dilation",
            "pool --ceil-mode",
            "pool --no-count-include-pad",
            "pool --divisor-override",
            "pool --indices");
    long modes =
        cases().stream().filter(c -> c[1].contains("--padding-mode")).map(c -> c[1]).count();
    assertThat(modes).isGreaterThanOrEqualTo(3);
    for (String form : List.of("same", "valid", "full", "half", "1:2,0:1", "1,0,1")) {
      assertThat(cases()).as(form).anyMatch(c -> c[1].contains("--padding " + form));
    }
  }

  /** Several of the new subcommands in one JVM through --batch, one of them failing. */
  @Test
  void batchRunsSeveralConvCommands() throws IOException {
    Path f = fixtures();
    String batch =
        String.join(
            "\n",
            "# the seed of SPEC 8.3, then im2col and pooling",
            "conv-transpose "
                + f.resolve("seed_ct_full_f64.vals.npy")
                + " "
                + f.resolve("seed_ct_full_f64.w0.npy")
                + " -o "
                + dir.resolve("full.npy"),
            "conv-backward "
                + f.resolve("seed_backward_f64.a.npy")
                + " "
                + f.resolve("seed_backward_f64.w0.npy")
                + " "
                + f.resolve("seed_backward_f64.vals.npy")
                + " --padding 1 --grad-weight "
                + dir.resolve("dw.npy"),
            "conv "
                + f.resolve("conv2_basic_f32.x.npy")
                + " "
                + f.resolve("conv2_basic_f32.w.npy")
                + " -o "
                + dir.resolve("y.npy")
                + " --stride 3",
            "unfold "
                + f.resolve("unfold_spec_f64.x.npy")
                + " -o "
                + dir.resolve("cols.npy")
                + " --kernel 2",
            "pool "
                + f.resolve("unfold_spec_f64.x.npy")
                + " -o "
                + dir.resolve("p.npy")
                + " --op max --kernel 3 --padding 2",
            "fold "
                + dir.resolve("cols.npy")
                + " -o "
                + dir.resolve("back.npy")
                + " --output-size 3,4 --kernel 2",
            "");
    Path file = dir.resolve("jobs.txt");
    Files.writeString(file, batch);
    CliRun r = CliRun.run("--batch", file.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.outLines())
        .containsExactly(
            "ok",
            "ok",
            "ok",
            "ok",
            "error: line 6: conv4j pool: padding[0] = 2 must be between 0 and kernel[0]/2 = 1"
                + " (pad should be at most half of kernel size)",
            "ok");
    assertThat(r.errLines())
        .last()
        .isEqualTo("conv4j: --batch " + file + ": 1 of 6 commands failed (line 6)");
    assertClose(
        "full", Npy.read(dir.resolve("full.npy")), Npy.read(f.resolve("seed_ct_full_f64.y.npy")));
    Tensor dw = Npy.read(dir.resolve("dw.npy"));
    assertThat(dw.shape()).containsExactly(1, 3, 3, 3);
    assertThat(Arrays.copyOf(dw.toDoubleArray(), 9))
        .containsExactly(4, 56, 8, 1, -20, 1, 22, 12, 21);
    assertThat(Npy.read(dir.resolve("y.npy")).dtype()).isEqualTo(DType.FLOAT32);
    assertThat(Npy.read(dir.resolve("y.npy")).shape()).containsExactly(2, 4, 1, 2);
    // fold(unfold(x)) = x times the number of windows covering each position
    assertThat(Npy.read(dir.resolve("back.npy")).toDoubleArray())
        .containsExactly(0, 2, 4, 3, 8, 20, 24, 14, 8, 18, 20, 11);
  }

  /** SPEC 8.3 as printed: the 3x7x7 backward correlation of vals with w0, first row of slice 0. */
  @Test
  void seedNumbers() throws IOException {
    Path f = fixtures();
    Path full = dir.resolve("full.npy");
    CliRun r =
        CliRun.run(
            "conv-transpose",
            f.resolve("seed_ct_full_f32.vals.npy").toString(),
            f.resolve("seed_ct_full_f32.w0.npy").toString(),
            "-o",
            full.toString());
    assertThat(r.code()).as(r.err()).isZero();
    Tensor y = Npy.read(full);
    assertThat(y.shape()).containsExactly(1, 3, 7, 7);
    assertThat(y.dtype()).isEqualTo(DType.FLOAT32);
    assertThat(Arrays.copyOf(y.toDoubleArray(), 7)).containsExactly(0, 2, -1, -4, -1, 0, 4);
  }
}
