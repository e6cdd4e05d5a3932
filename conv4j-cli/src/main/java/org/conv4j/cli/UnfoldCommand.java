// conv4j unfold: im2col of an .npy array.
package org.conv4j.cli;

import java.nio.file.Path;
import org.conv4j.nn.functional.Unfold;
import org.conv4j.nn.functional.UnfoldParams;
import org.conv4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code conv4j unfold IN.npy -o OUT.npy --kernel k [--stride] [--padding] [--dilation]}: PyTorch's
 * {@code F.unfold} (im2col) for 1-, 2- and 3-D, {@code (N, C, *spatial)} to {@code (N, C·ΠK, L)}.
 */
@Command(
    name = "unfold",
    description = {
      "im2col: the sliding windows of IN (N, C, *spatial) as columns, (N, C*prod(k), L),",
      "PyTorch's F.unfold for 1-, 2- and 3-D; the spatial rank taken from IN."
    })
final class UnfoldCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "IN.npy", description = "The input, (N, C, *spatial).")
  private Path input;

  @Mixin private OutputOption output;

  @Mixin private WindowOptions window;

  @Override
  protected void run() {
    Tensor x = read(input, "IN.npy");
    int rank = ConvOptions.spatialRank(x, input, "IN.npy");
    output.write(Unfold.unfold(x, window.params(rank)));
  }

  /** The options of unfold and fold: {@code --kernel --stride --padding --dilation}. */
  static final class WindowOptions {
    @Option(
        names = "--kernel",
        paramLabel = "K",
        required = true,
        description = "Window size: one value, or one per spatial axis.")
    IntTuple kernel;

    @Option(names = "--stride", paramLabel = "S", description = "Window step (default 1).")
    IntTuple stride = IntTuple.of(1);

    @Option(
        names = "--padding",
        paramLabel = "P",
        description = "Zeros added on both sides of every axis (symmetric; default 0).")
    IntTuple padding = IntTuple.of(0);

    @Option(
        names = "--dilation",
        paramLabel = "D",
        description = "Spacing between window taps (default 1).")
    IntTuple dilation = IntTuple.of(1);

    /** The largest number of values given to any of these options. */
    int longest() {
      return Math.max(
          Math.max(kernel.size(), stride.size()), Math.max(padding.size(), dilation.size()));
    }

    UnfoldParams params(int rank) {
      return new UnfoldParams(
          kernel.expand(rank, "--kernel", 1),
          stride.expand(rank, "--stride", 1),
          padding.expand(rank, "--padding", 0),
          dilation.expand(rank, "--dilation", 1));
    }
  }
}
