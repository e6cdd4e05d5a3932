// conv4j convolve2d: scipy.signal.convolve2d of two 2-D .npy arrays, with boundary modes.
package org.conv4j.cli;

import java.nio.file.Path;
import org.conv4j.signal.Boundary;
import org.conv4j.signal.Mode;
import org.conv4j.signal.Signal;
import org.conv4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code conv4j convolve2d IN1.npy IN2.npy -o OUT.npy [--mode] [--boundary fill|wrap|symm]
 * [--fillvalue v]}: {@code scipy.signal.convolve2d} (SPEC §2.5). {@link Correlate2dCommand} reuses
 * it with {@link #correlate()} true.
 */
@Command(
    name = "convolve2d",
    description = {
      "scipy.signal.convolve2d of 2-D IN1 and IN2, IN1 extended by --boundary in every mode",
      "(fill|pad, wrap|circular, symm|symmetric)."
    })
class Convolve2dCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "IN1.npy", description = "The 2-D input.")
  Path in1;

  @Parameters(index = "1", paramLabel = "IN2.npy", description = "The 2-D kernel.")
  Path in2;

  @Mixin OutputOption output;

  @Option(names = "--mode", paramLabel = "full|same|valid", description = "Output size (default: ${DEFAULT-VALUE}).")
  String mode = "full";

  @Option(names = "--boundary", paramLabel = "fill|wrap|symm", description = "Extension of IN1 (default: ${DEFAULT-VALUE}).")
  String boundary = "fill";

  @Option(names = "--fillvalue", paramLabel = "v", description = "The value outside IN1 for 'fill' (default: ${DEFAULT-VALUE}).")
  double fillvalue = 0;

  /** Whether this is {@code correlate2d}. */
  boolean correlate() {
    return false;
  }

  @Override
  protected void run() {
    Mode m = ConvolveCommand.parse("--mode", () -> Mode.parse(mode));
    Boundary b = ConvolveCommand.parse("--boundary", () -> Boundary.parse(boundary));
    Tensor a = read(in1, "IN1.npy");
    Tensor k = read(in2, "IN2.npy");
    Tensor y = correlate() ? Signal.correlate2d(a, k, m, b, fillvalue) : Signal.convolve2d(a, k, m, b, fillvalue);
    output.write(OutputDType.apply(y, a, k));
  }
}
