// Bad input to the conv-family subcommands: exit codes and one-line messages.
package org.conv4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.conv4j.io.Npy;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvCommandsErrorTest {
  @TempDir Path dir;
  private String x;
  private String w;
  private String out;

  /** Writes {@code (N, C, *spatial)} ones in the given dtype to {@code name}. */
  private String ones(String name, DType dtype, int... shape) throws IOException {
    Path p = dir.resolve(name);
    Npy.write(p, Tensor.ones(dtype, shape));
    return p.toString();
  }

  @BeforeEach
  void inputs() throws IOException {
    x = ones("x.npy", DType.FLOAT32, 1, 2, 4, 4);
    w = ones("w.npy", DType.FLOAT32, 3, 2, 3, 3);
    out = dir.resolve("out.npy").toString();
  }

  private static void assertFails(CliRun r, int code, String message) {
    assertThat(r.code()).as(r.err()).isEqualTo(code);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines().get(0)).isEqualTo(message);
    assertThat(r.out()).isEmpty();
  }

  private static void assertFailsWith(CliRun r, int code, String prefix, String... parts) {
    assertThat(r.code()).as(r.err()).isEqualTo(code);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines().get(0)).startsWith(prefix);
    for (String part : parts) {
      assertThat(r.errLines().get(0)).contains(part);
    }
  }

  @Test
  void channelMismatchKeepsTheLibraryMessage() throws IOException {
    String w3 = ones("w3.npy", DType.FLOAT32, 3, 3, 3, 3);
    assertFailsWith(
        CliRun.run("conv", x, w3, "-o", out),
        1,
        "conv4j conv: conv2d: ",
        "2 channels",
        "(3, 3, 3, 3)");
    assertThat(dir.resolve("out.npy")).doesNotExist();
  }

  @Test
  void kernelLargerThanThePaddedInputStatesTheSizes() throws IOException {
    String w5 = ones("w5.npy", DType.FLOAT32, 1, 2, 5, 5);
    assertFailsWith(CliRun.run("conv", x, w5, "-o", out), 1, "conv4j conv: conv2d: ", "4×4", "5×5");
  }

  @Test
  void badPadding() {
    assertFails(
        CliRun.run("conv", x, w, "-o", out, "--padding", "1:x"),
        2,
        "conv4j conv: --padding: '1:x': 'x' is not an integer; expected p, p1,p2, lo:hi,lo:hi"
            + " (non-negative integers), same, valid, full or half");
    assertFails(
        CliRun.run("conv", x, w, "-o", out, "--padding", "1,2,3"),
        2,
        "conv4j conv: --padding: 3 values given but the input has 2 spatial axes");
    assertFailsWith(
        CliRun.run("conv", x, w, "-o", out, "--padding", "same", "--stride", "2"),
        1,
        "conv4j conv: padding='same' is not supported for strided convolutions");
    assertFailsWith(
        CliRun.run("conv", x, w, "-o", out, "--padding", "4", "--padding-mode", "reflect"),
        1,
        "conv4j conv: ");
    assertFails(
        CliRun.run("conv", x, w, "-o", out, "--padding-mode", "mirror"),
        2,
        "conv4j conv: --padding-mode: 'mirror': expected zeros, reflect, replicate or circular");
  }

  @Test
  void perAxisCountMismatchNamesTheOption() {
    assertFails(
        CliRun.run("conv", x, w, "-o", out, "--stride", "1,1,1"),
        2,
        "conv4j conv: --stride: 3 values given but the input has 2 spatial axes");
    assertFails(
        CliRun.run("conv-transpose", x, w, "-o", out, "--dilation", "1,2,1"),
        2,
        "conv4j conv-transpose: --dilation: 3 values given but the input has 2 spatial axes");
    assertFails(
        CliRun.run("pool", x, "-o", out, "--op", "max", "--kernel", "2,2,2"),
        2,
        "conv4j pool: --kernel: 3 values given but the input has 2 spatial axes");
    assertFails(
        CliRun.run("conv", x, w, "-o", out, "--stride", "0"),
        2,
        "conv4j conv: --stride: 0 is not allowed; every value must be at least 1");
    assertFails(
        CliRun.run("conv", x, w, "-o", out, "--groups", "0"),
        2,
        "conv4j conv: --groups: 0 is not allowed; it must be at least 1");
  }

  @Test
  void missingFileAndRefusedDtype() {
    assertFails(
        CliRun.run("conv", dir.resolve("nope.npy").toString(), w, "-o", out),
        1,
        "conv4j conv: IN.npy: " + dir.resolve("nope.npy") + ": no such file");
    assertFails(
        CliRun.run("conv", x, w, "-o", out, "--bias", "gone.npy"),
        1,
        "conv4j conv: --bias: gone.npy: no such file");
    Path f16 = ConvCommandsTest.fixtures().resolve("bad_f16.npy");
    assertFailsWith(
        CliRun.run("pool", f16.toString(), "-o", out, "--op", "max", "--kernel", "2"),
        1,
        "conv4j pool: IN.npy: ",
        "unsupported dtype '<f2'");
  }

  @Test
  void wrongInputRank() throws IOException {
    String flat = ones("flat.npy", DType.FLOAT64, 4, 4);
    assertFails(
        CliRun.run("unfold", flat, "-o", out, "--kernel", "2"),
        1,
        "conv4j unfold: IN.npy: "
            + flat
            + " has shape (4, 4), but the input must be 3-, 4- or 5-D: (N, C, L), (N, C, H, W)"
            + " or (N, C, D, H, W)");
  }

  @Test
  void dtypeMixGivesFloat64() throws IOException {
    String w64 = ones("w64.npy", DType.FLOAT64, 3, 2, 3, 3);
    CliRun r = CliRun.run("conv", x, w64, "-o", out);
    assertThat(r.code()).as(r.err()).isZero();
    Tensor y = Npy.read(dir.resolve("out.npy"));
    assertThat(y.dtype()).isEqualTo(DType.FLOAT64);
    assertThat(y.shape()).containsExactly(1, 3, 2, 2);
    assertThat(y.toDoubleArray()).containsOnly(18.0);
    // an int64 bias is read as float64, so the output is float64 too
    Path bias = dir.resolve("b.npy");
    r = CliRun.run("conv", x, w, "-o", out, "--bias", intBias(bias));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Npy.read(dir.resolve("out.npy")).dtype()).isEqualTo(DType.FLOAT64);
    // all float32: float32
    r = CliRun.run("conv", x, w, "-o", out);
    assertThat(Npy.read(dir.resolve("out.npy")).dtype()).isEqualTo(DType.FLOAT32);
  }

  /** A (3,) int64 .npy file, written by hand (conv4j writes only float32 and float64). */
  private static String intBias(Path p) throws IOException {
    String header = "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }";
    StringBuilder h = new StringBuilder(header);
    while ((10 + h.length() + 1) % 64 != 0) {
      h.append(' ');
    }
    h.append('\n');
    ByteBuffer b = ByteBuffer.allocate(10 + h.length() + 24).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.putShort((short) h.length());
    b.put(h.toString().getBytes(StandardCharsets.US_ASCII));
    b.putLong(1).putLong(2).putLong(3);
    Files.write(p, b.array());
    return p.toString();
  }

  @Test
  void convTransposeRules() {
    assertFailsWith(
        CliRun.run("conv-transpose", x, w, "-o", out, "--output-padding", "1"),
        1,
        "conv4j conv-transpose: output padding must be smaller than either stride or dilation");
    assertFails(
        CliRun.run(
            "conv-transpose", x, w, "-o", out, "--output-padding", "1", "--output-size", "6"),
        2,
        "conv4j conv-transpose: --output-padding and --output-size both given;"
            + " --output-size sets the output padding");
  }

  @Test
  void convBackwardNeedsAnOutput() {
    assertFails(
        CliRun.run("conv-backward", x, w, x),
        2,
        "conv4j conv-backward: nothing to compute; give at least one of --grad-input,"
            + " --grad-weight, --grad-bias");
    assertFailsWith(
        CliRun.run("conv-backward", x, w, x, "--grad-bias", out),
        1,
        "conv4j conv-backward: conv2d backward: grad_output has shape (1, 2, 4, 4)",
        "(1, 3, 2, 2)");
  }

  @Test
  void poolRules() {
    assertFailsWith(
        CliRun.run("pool", x, "-o", out, "--op", "max", "--kernel", "2", "--padding", "2"),
        1,
        "conv4j pool: padding[0] = 2 must be between 0 and kernel[0]/2 = 1");
    assertFails(
        CliRun.run("pool", x, "-o", out, "--op", "median", "--kernel", "2"),
        2,
        "conv4j pool: --op: 'median': expected max or avg");
    assertFails(
        CliRun.run("pool", x, "-o", out, "--op", "avg", "--kernel", "2", "--indices", out),
        2,
        "conv4j pool: --indices does not apply to --op avg");
    assertFails(
        CliRun.run("pool", x, "-o", out, "--op", "max", "--kernel", "2", "--divisor-override", "3"),
        2,
        "conv4j pool: --divisor-override does not apply to --op max");
    assertFails(
        CliRun.run("pool", x, "-o", out, "--op", "avg", "--kernel", "2", "--dilation", "2"),
        2,
        "conv4j pool: --dilation does not apply to --op avg");
    assertFails(
        CliRun.run("pool", x, "-o", out, "--op", "max", "--kernel", "2", "--no-count-include-pad"),
        2,
        "conv4j pool: --no-count-include-pad does not apply to --op max");
    assertFails(
        CliRun.run("pool", x, "-o", out, "--op", "avg", "--kernel", "2", "--divisor-override", "0"),
        2,
        "conv4j pool: --divisor-override: 0 is not allowed; it must be at least 1");
    assertFails(
        CliRun.run("pool", x, "-o", out, "--kernel", "2"),
        2,
        "conv4j pool: missing required option: '--op=OP'");
  }

  @Test
  void foldRules() throws IOException {
    String cols = ones("cols.npy", DType.FLOAT64, 1, 8, 6);
    assertFailsWith(
        CliRun.run("fold", cols, "-o", out, "--output-size", "4,4", "--kernel", "2"),
        1,
        "conv4j fold: fold: input has 6 columns but 9 windows");
    assertFails(
        CliRun.run("fold", cols, "-o", out, "--output-size", "4,4", "--kernel", "2,2,2"),
        2,
        "conv4j fold: --output-size: 2 values given but the input has 3 spatial axes");
    assertFails(
        CliRun.run("fold", x, "-o", out, "--output-size", "4,4", "--kernel", "2"),
        1,
        "conv4j fold: IN.npy: "
            + x
            + " has shape (1, 2, 4, 4), but fold's input must be 3-D: (N, C*prod(kernel), L)");
    CliRun r = CliRun.run("fold", cols, "-o", out, "--output-size", "3,4", "--kernel", "2");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Npy.read(dir.resolve("out.npy")).shape()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void helpListsTheOptions() {
    CliRun r = CliRun.run("pool", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("--op", "--kernel", "--ceil-mode", "--no-count-include-pad", "--indices");
    r = CliRun.run("conv", "--help");
    assertThat(r.out()).contains("--padding-mode", "--flip", "--groups", "Theano's border modes");
    r = CliRun.run("--help");
    assertThat(r.out())
        .contains("conv-transpose", "conv-backward", "unfold", "fold", "pool", "info");
  }
}
