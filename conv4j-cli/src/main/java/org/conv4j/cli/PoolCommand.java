// conv4j pool: max or average pooling of an .npy array.
package org.conv4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.conv4j.nn.functional.AvgPool;
import org.conv4j.nn.functional.AvgPoolParams;
import org.conv4j.nn.functional.MaxPool;
import org.conv4j.nn.functional.MaxPoolParams;
import org.conv4j.nn.functional.MaxPoolResult;
import org.conv4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code conv4j pool IN.npy -o OUT.npy --op max|avg --kernel k [--stride] [--padding] [--dilation]
 * [--ceil-mode] [--no-count-include-pad] [--divisor-override n] [--indices IDX.npy]}: PyTorch's
 * {@code max_pool1d/2d/3d} and {@code avg_pool1d/2d/3d}, the spatial rank taken from the input
 * {@code (N, C, *spatial)}. Options of the other op are usage errors.
 */
@Command(
    name = "pool",
    description = {
      "Max or average pooling of IN (N, C, *spatial): PyTorch's max_pool1d/2d/3d and",
      "avg_pool1d/2d/3d, the spatial rank taken from IN; output (N, C, *out)."
    })
final class PoolCommand extends CliCommand {
  /** The pooling operation. */
  enum Op {
    MAX,
    AVG
  }

  @Parameters(index = "0", paramLabel = "IN.npy", description = "The input, (N, C, *spatial).")
  private Path input;

  @Mixin private OutputOption output;

  @Option(
      names = "--op",
      paramLabel = "OP",
      required = true,
      converter = OpConverter.class,
      description = "max or avg.")
  private Op op;

  @Option(
      names = "--kernel",
      paramLabel = "K",
      required = true,
      description = "Window size: one value, or one per spatial axis.")
  private IntTuple kernel;

  @Option(names = "--stride", paramLabel = "S", description = "Window step (default: the kernel).")
  private IntTuple stride;

  @Option(
      names = "--padding",
      paramLabel = "P",
      description = "Implicit padding on both sides, at most kernel/2 (-inf for max, 0 for avg).")
  private IntTuple padding = IntTuple.of(0);

  @Option(
      names = "--dilation",
      paramLabel = "D",
      description = "Tap spacing, max only (default 1).")
  private IntTuple dilation;

  @Option(names = "--ceil-mode", description = "Round the output size up instead of down.")
  private boolean ceilMode;

  @Option(
      names = "--no-count-include-pad",
      description = "avg only: divide by the number of real elements, not the padded window size.")
  private boolean noCountIncludePad;

  @Option(
      names = "--divisor-override",
      paramLabel = "N",
      description = "avg only: divide every window sum by N.")
  private Integer divisorOverride;

  @Option(
      names = "--indices",
      paramLabel = "IDX.npy",
      description = {
        "max only: also write the argmax of every window, as its flat offset in the input plane",
        "(float64 holding integers; -1 for a window of padding only)."
      })
  private Path indices;

  @Override
  protected void run() {
    if (op == Op.AVG) {
      refuse(dilation != null, "--dilation");
      refuse(indices != null, "--indices");
    } else {
      refuse(noCountIncludePad, "--no-count-include-pad");
      refuse(divisorOverride != null, "--divisor-override");
    }
    if (divisorOverride != null && divisorOverride < 1) {
      throw new UsageException(
          "--divisor-override: " + divisorOverride + " is not allowed; it must be at least 1");
    }
    Tensor x = read(input, "IN.npy");
    int rank = ConvOptions.spatialRank(x, input, "IN.npy");
    int[] k = kernel.expand(rank, "--kernel", 1);
    int[] s = stride == null ? k : stride.expand(rank, "--stride", 1);
    int[] p = padding.expand(rank, "--padding", 0);
    if (op == Op.AVG) {
      AvgPoolParams params =
          AvgPoolParams.of(rank, k, s, p, ceilMode, !noCountIncludePad, divisorOverride);
      output.write(AvgPool.forward(x, params));
      return;
    }
    int[] d = dilation == null ? null : dilation.expand(rank, "--dilation", 1);
    MaxPoolResult r = MaxPool.forward(x, MaxPoolParams.of(rank, k, s, p, d, ceilMode));
    output.write(r.output());
    if (indices != null) {
      write(indices, r.indices(), "--indices");
    }
  }

  private void refuse(boolean given, String option) {
    if (given) {
      throw new UsageException(
          option + " does not apply to --op " + op.name().toLowerCase(Locale.ROOT));
    }
  }

  /** Parses {@code --op}. */
  static final class OpConverter implements ITypeConverter<Op> {
    @Override
    public Op convert(String text) {
      return switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "max" -> Op.MAX;
        case "avg" -> Op.AVG;
        default -> throw new TypeConversionException("'" + text + "': expected max or avg");
      };
    }
  }
}
