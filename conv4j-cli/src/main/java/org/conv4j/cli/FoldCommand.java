// conv4j fold: col2im of an .npy array.
package org.conv4j.cli;

import java.nio.file.Path;
import org.conv4j.nn.functional.Unfold;
import org.conv4j.tensor.Shape;
import org.conv4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code conv4j fold IN.npy -o OUT.npy --output-size h,w --kernel k [--stride] [--padding]
 * [--dilation]}: PyTorch's {@code F.fold} (col2im), {@code (N, C·ΠK, L)} to {@code (N, C,
 * *output-size)}, summing overlaps. The spatial rank is the longest of the per-axis lists.
 */
@Command(
    name = "fold",
    description = {
      "col2im: sum the columns of IN (N, C*prod(k), L) back into (N, C, *SIZE), PyTorch's",
      "F.fold for 1-, 2- and 3-D; the spatial rank is the longest per-axis list given."
    })
final class FoldCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "IN.npy", description = "The columns, (N, C*prod(k), L).")
  private Path input;

  @Mixin private OutputOption output;

  @Option(
      names = "--output-size",
      paramLabel = "SIZE",
      required = true,
      description = "The spatial size of the result, one value per spatial axis.")
  private IntTuple outputSize;

  @Mixin private UnfoldCommand.WindowOptions window;

  @Override
  protected void run() {
    int rank = Math.max(outputSize.size(), window.longest());
    if (rank > 3) {
      throw new UsageException(
          "--output-size: "
              + rank
              + " spatial axes; fold works on 1, 2 or 3 (give one value per spatial axis)");
    }
    Tensor cols = read(input, "IN.npy");
    if (cols.rank() != 3) {
      throw new CliException(
          "IN.npy: "
              + input
              + " has shape "
              + Shape.toString(cols.shape())
              + ", but fold's input must be 3-D: (N, C*prod(kernel), L)");
    }
    output.write(
        Unfold.fold(cols, outputSize.expand(rank, "--output-size", 1), window.params(rank)));
  }
}
