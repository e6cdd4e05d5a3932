// conv, conv-transpose, conv-backward, unfold, fold and pool on NumPy-written fixtures.
package org.conv4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
}
