// conv4j conv: 1-, 2- or 3-D convolution of .npy arrays.
package org.conv4j.cli;

import java.nio.file.Path;
import org.conv4j.nn.functional.Conv;
import org.conv4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code conv4j conv IN.npy W.npy -o OUT.npy [--bias B.npy] [conv options]}: PyTorch's {@code
 * conv1d/2d/3d} (cross-correlation; {@code --flip} for a true convolution), the spatial rank taken
 * from the input {@code (N, C, *spatial)}; weight {@code (OC, C/groups, *k)}, bias {@code (OC)}.
 */
@Command(
    name = "conv",
    description = {
      "Convolve IN (N, C, *spatial) with W (OC, C/groups, *k): PyTorch's conv1d/2d/3d",
      "(cross-correlation), the spatial rank taken from IN; output (N, OC, *out)."
    })
final class ConvCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "IN.npy", description = "The input, (N, C, *spatial).")
  private Path input;

  @Parameters(index = "1", paramLabel = "W.npy", description = "The weight, (OC, C/groups, *k).")
  private Path weight;

  @Mixin private OutputOption output;

  @Option(names = "--bias", paramLabel = "B.npy", description = "A bias, (OC,), added per channel.")
  private Path bias;

  @Mixin private ConvOptions conv;

  @Override
  protected void run() {
    Tensor x = read(input, "IN.npy");
    Tensor w = read(weight, "W.npy");
    Tensor b = bias == null ? null : read(bias, "--bias");
    int rank = ConvOptions.spatialRank(x, input, "IN.npy");
    Tensor[] t = ConvOptions.common(x, w, b);
    output.write(Conv.conv(t[0], t[1], t[2], conv.params(rank)));
  }
}
