// conv4j --batch: many command lines in one JVM.
package org.conv4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.conv4j.io.Npy;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchTest {
  @TempDir Path dir;
  Path a;
  Path spaced;
  String aLine;

  @BeforeEach
  void arrays() throws IOException {
    a = dir.resolve("a.npy");
    Npy.write(a, Tensor.of(new double[] {1, 2, 3}, 3));
    spaced = dir.resolve("with space.npy");
    Npy.write(spaced, Tensor.ones(DType.FLOAT32, 2));
    aLine = a + ": shape=(3,) size=3 dtype=float64 min=1.0 max=3.0 mean=2.0";
  }

  private Path batchFile(String... lines) throws IOException {
    Path f = dir.resolve("cmds.txt");
    Files.writeString(f, String.join("\n", lines) + "\n");
    return f;
  }

  @Test
  void mixedOkAndErrorLinesKeepGoingAndExitOne() throws IOException {
    Path missing = dir.resolve("missing.npy");
    Path f =
        batchFile(
            "# describe a few arrays",
            "",
            "info " + a,
            "   # indented comment",
            "info " + missing,
            "conv4j info --bogus " + a,
            "info '" + spaced + "'  # quoted path",
            "info \"unterminated",
            "info " + a);
    CliRun r = CliRun.run("--batch", f.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.outLines())
        .containsExactly(
            aLine,
            "ok",
            "error: line 5: conv4j info: " + missing + ": no such file",
            "error: line 6: conv4j info: unknown option '--bogus'",
            spaced + ": shape=(2,) size=2 dtype=float32 min=1.0 max=1.0 mean=1.0",
            "ok",
            "error: line 8: conv4j: unterminated double quote at column 6",
            aLine,
            "ok");
    assertThat(r.errLines())
        .containsExactly("conv4j: --batch " + f + ": 3 of 6 commands failed (lines 5, 6, 8)");
  }

  @Test
  void allOkExitsZero() throws IOException {
    Path f = batchFile("info " + a, "--version", "info --help");
    CliRun r = CliRun.run("--batch", f.toString());
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.outLines()).first().isEqualTo(aLine);
    assertThat(r.outLines()).filteredOn("ok"::equals).hasSize(3);
    assertThat(r.out()).contains("conv4j ", "Usage: conv4j info");
  }

  @Test
  void emptyBatchIsFine() throws IOException {
    CliRun r = CliRun.run("--batch", batchFile("# nothing", "").toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEmpty();
  }

  @Test
  void readsStandardInputForDash() {
    CliRun r = CliRun.run(Subcommands.all(), "info " + a + "\ninfo\n", "--batch", "-");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.outLines())
        .containsExactly(
            aLine, "ok", "error: line 2: conv4j info: missing required parameter: 'FILE'");
    assertThat(r.errLines())
        .containsExactly("conv4j: --batch standard input: 1 of 2 commands failed (line 2)");
  }

  @Test
  void unreadableBatchFileIsAFailure() {
    Path f = dir.resolve("nope.txt");
    CliRun r = CliRun.run("--batch", f.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines()).containsExactly("conv4j: --batch: " + f + ": no such file");
  }

  @Test
  void batchFileThatIsADirectoryIsAFailure() {
    CliRun r = CliRun.run("--batch", dir.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.errLines()).singleElement().asString().startsWith("conv4j: --batch: " + dir);
  }

  @Test
  void nestedBatchIsRefused() throws IOException {
    Path f = batchFile("--batch other.txt");
    CliRun r = CliRun.run("--batch", f.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.outLines())
        .containsExactly("error: line 1: conv4j: --batch cannot be used inside a batch file");
  }

  @Test
  void batchWithASubcommandIsAUsageError() throws IOException {
    Path f = batchFile("info " + a);
    CliRun r = CliRun.run("--batch", f.toString(), "info", a.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines())
        .containsExactly(
            "conv4j: --batch cannot be combined with a subcommand ('info');"
                + " put the subcommands in the batch file");
  }

  @Test
  void debugAppliesToEveryLine() throws IOException {
    Path f = batchFile("probe --fail iae", "probe");
    CliRun r = CliRun.withProbe("", "--debug", "--batch", f.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("java.lang.IllegalArgumentException", "\tat ");
    assertThat(r.errLines()).last().asString().contains("1 of 2 commands failed (line 1)");
    assertThat(r.outLines())
        .containsExactly(
            "error: line 1: conv4j probe: shapes (2, 3) and (4,) do not match", "probe done", "ok");
  }

  @Test
  void linesDoNotShareOptionValues() throws IOException {
    Path f = batchFile("probe --stride 3", "probe");
    CliRun r = CliRun.withProbe("", "--batch", f.toString());
    assertThat(r.code()).isZero();
    assertThat(r.outLines())
        .containsExactly("stride [3, 3]", "probe done", "ok", "probe done", "ok");
  }
}
