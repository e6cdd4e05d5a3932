// conv4j conv-backward: the gradients of a convolution.
package org.conv4j.cli;

import java.nio.file.Path;
import org.conv4j.nn.functional.Conv;
import org.conv4j.nn.functional.ConvGrads;
import org.conv4j.nn.functional.GradMask;
import org.conv4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code conv4j conv-backward X.npy W.npy DY.npy [--grad-input DX.npy] [--grad-weight DW.npy]
 * [--grad-bias DB.npy] [conv options]}: the gradients of {@code y = conv(x, w, b)} for the upstream
 * gradient {@code dy}; only the ones asked for are computed.
 */
@Command(
    name = "conv-backward",
    description = {
      "Gradients of y = conv(X, W, b) for the upstream gradient DY (shaped like y), with the",
      "options of conv; computes only the gradients asked for (at least one)."
    })
final class ConvBackwardCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "X.npy", description = "The forward input, (N, C, *s).")
  private Path input;

  @Parameters(index = "1", paramLabel = "W.npy", description = "The weight, (OC, C/groups, *k).")
  private Path weight;

  @Parameters(index = "2", paramLabel = "DY.npy", description = "The gradient of the output.")
  private Path gradOutput;

  @Option(
      names = "--grad-input",
      paramLabel = "DX.npy",
      description = "Write dL/dX here (X's shape).")
  private Path gradInput;

  @Option(
      names = "--grad-weight",
      paramLabel = "DW.npy",
      description = "Write dL/dW here (W's shape).")
  private Path gradWeight;

  @Option(names = "--grad-bias", paramLabel = "DB.npy", description = "Write dL/db here, (OC,).")
  private Path gradBias;

  @Mixin private ConvOptions conv;

  @Override
  protected void run() {
    if (gradInput == null && gradWeight == null && gradBias == null) {
      throw new UsageException(
          "nothing to compute; give at least one of --grad-input, --grad-weight, --grad-bias");
    }
    Tensor x = read(input, "X.npy");
    Tensor w = read(weight, "W.npy");
    Tensor dy = read(gradOutput, "DY.npy");
    int rank = ConvOptions.spatialRank(x, input, "X.npy");
    Tensor[] t = ConvOptions.common(x, w, dy);
    GradMask mask = new GradMask(gradInput != null, gradWeight != null, gradBias != null);
    ConvGrads g = Conv.convBackward(t[0], t[1], t[2], conv.params(rank), mask);
    if (gradInput != null) {
      write(gradInput, g.dx(), "--grad-input");
    }
    if (gradWeight != null) {
      write(gradWeight, g.dw(), "--grad-weight");
    }
    if (gradBias != null) {
      write(gradBias, g.db(), "--grad-bias");
    }
  }
}
