// conv4j conv-transpose: 1-, 2- or 3-D transposed convolution of .npy arrays.
package org.conv4j.cli;

import java.nio.file.Path;
import org.conv4j.nn.functional.ConvTranspose;
import org.conv4j.nn.functional.ConvTransposeParams;
import org.conv4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code conv4j conv-transpose IN.npy W.npy -o OUT.npy [--bias B.npy] [--stride] [--padding]
 * [--output-padding | --output-size] [--dilation] [--groups]}: PyTorch's {@code
 * conv_transpose1d/2d/3d}, weight {@code (C, OC/groups, *k)}; the adjoint of {@code conv}.
 */
@Command(
    name = "conv-transpose",
    description = {
      "Transposed convolution of IN (N, C, *spatial) with W (C, OC/groups, *k): PyTorch's",
      "conv_transpose1d/2d/3d, the adjoint (input gradient) of conv; output (N, OC, *out)."
    })
final class ConvTransposeCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "IN.npy", description = "The input, (N, C, *spatial).")
  private Path input;

  @Parameters(index = "1", paramLabel = "W.npy", description = "The weight, (C, OC/groups, *k).")
  private Path weight;

  @Mixin private OutputOption output;

  @Option(names = "--bias", paramLabel = "B.npy", description = "A bias, (OC,), added per channel.")
  private Path bias;

  @Option(
      names = "--stride",
      paramLabel = "S",
      description = "The forward convolution's stride (upsampling factor); default 1.")
  private IntTuple stride = IntTuple.of(1);

  @Option(
      names = "--padding",
      paramLabel = "P",
      description = "Samples cropped from both ends of every axis (symmetric); default 0.")
  private IntTuple padding = IntTuple.of(0);

  @Option(
      names = "--output-padding",
      paramLabel = "OP",
      description = "Samples added at the high end, each < max(stride, dilation); default 0.")
  private IntTuple outputPadding;

  @Option(
      names = "--output-size",
      paramLabel = "SIZE",
      description = "The spatial output size, instead of --output-padding (nn.ConvTranspose).")
  private IntTuple outputSize;

  @Option(names = "--dilation", paramLabel = "D", description = "Tap spacing; default 1.")
  private IntTuple dilation = IntTuple.of(1);

  @Option(names = "--groups", paramLabel = "G", description = "Channel groups; default 1.")
  private int groups = 1;

  @Override
  protected void run() {
    if (outputPadding != null && outputSize != null) {
      throw new UsageException(
          "--output-padding and --output-size both given; --output-size sets the output padding");
    }
    if (groups < 1) {
      throw new UsageException("--groups: " + groups + " is not allowed; it must be at least 1");
    }
    Tensor x = read(input, "IN.npy");
    Tensor w = read(weight, "W.npy");
    Tensor b = bias == null ? null : read(bias, "--bias");
    int rank = ConvOptions.spatialRank(x, input, "IN.npy");
    ConvTransposeParams p =
        new ConvTransposeParams(
            stride.expand(rank, "--stride", 1),
            padding.expand(rank, "--padding", 0),
            outputPadding == null
                ? new int[rank]
                : outputPadding.expand(rank, "--output-padding", 0),
            dilation.expand(rank, "--dilation", 1),
            groups);
    Tensor[] t = ConvOptions.common(x, w, b);
    output.write(
        outputSize == null
            ? ConvTranspose.convTranspose(t[0], t[1], t[2], p)
            : ConvTranspose.convTranspose(
                t[0], t[1], t[2], p, outputSize.expand(rank, "--output-size", 1)));
  }
}
