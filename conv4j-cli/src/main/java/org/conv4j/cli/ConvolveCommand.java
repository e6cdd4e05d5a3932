// conv4j convolve: scipy.signal.convolve of two .npy arrays.
package org.conv4j.cli;

import java.nio.file.Path;
import org.conv4j.signal.Method;
import org.conv4j.signal.Mode;
import org.conv4j.signal.Signal;
import org.conv4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code conv4j convolve IN1.npy IN2.npy -o OUT.npy [--mode] [--method] [--axes a,b] [--batched]}:
 * {@code scipy.signal.convolve} (N-d, SPEC §2.1); {@code --axes} gives {@code fftconvolve}'s axes
 * rules, {@code --batched} one kernel per example along axis 0. {@link CorrelateCommand} reuses
 * everything with {@link #correlate()} true.
 */
@Command(
    name = "convolve",
    description = {
      "scipy.signal.convolve of IN1 and IN2 (same rank, N-d). --axes convolves only those axes",
      "(the others broadcast, fftconvolve's rules); --batched gives every example along axis 0",
      "its own kernel: OUT[b] = convolve(IN1[b], IN2[b])."
    })
class ConvolveCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "IN1.npy", description = "The first input.")
  Path in1;

  @Parameters(index = "1", paramLabel = "IN2.npy", description = "The second input, same rank.")
  Path in2;

  @Mixin OutputOption output;

  @Option(names = "--mode", paramLabel = "full|same|valid", description = "Output size (default: ${DEFAULT-VALUE}).")
  String mode = "full";

  @Option(names = "--method", paramLabel = "auto|direct|fft|oa",
      description = "Algorithm; auto picks by conv4j's cost model (default: ${DEFAULT-VALUE}).")
  String method = "auto";

  @Option(names = "--axes", paramLabel = "a,b", description = "Convolve only these axes (negative counts from the end).")
  String axes;

  @Option(names = "--batched", description = "Axis 0 is a batch: example b is convolved with kernel b.")
  boolean batched;

  /** Whether this is {@code correlate}. */
  boolean correlate() {
    return false;
  }

  @Override
  protected void run() {
    Mode m = parse("--mode", () -> Mode.parse(mode));
    Method meth = parse("--method", () -> Method.parse(method));
    if (batched && axes != null) {
      throw new UsageException("--batched and --axes can't be used together (--batched convolves every axis but 0)");
    }
    int[] ax = axes == null ? null : parseAxes(axes);
    Tensor a = read(in1, "IN1.npy");
    Tensor b = read(in2, "IN2.npy");
    Tensor y;
    if (batched) {
      y = correlate() ? Signal.correlateBatched(a, b, m, meth) : Signal.convolveBatched(a, b, m, meth);
    } else if (ax != null) {
      y = correlate() ? Signal.correlate(a, b, m, meth, ax) : Signal.convolve(a, b, m, meth, ax);
    } else {
      y = correlate() ? Signal.correlate(a, b, m, meth) : Signal.convolve(a, b, m, meth);
    }
    output.write(OutputDType.apply(y, a, b));
  }

  /** A vocabulary value, or a usage error naming the option. */
  static <T> T parse(String option, java.util.function.Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + ": " + e.getMessage());
    }
  }

  private static int[] parseAxes(String text) {
    String[] parts = text.split(",", -1);
    int[] v = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        v[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new UsageException("--axes: '" + text + "' is not a comma list of integers");
      }
    }
    return v;
  }
}
