// conv4j toeplitz: the convolution matrix of a 1-D kernel (scipy.linalg.convolution_matrix).
package org.conv4j.cli;

import java.nio.file.Path;
import org.conv4j.nn.functional.ConvolutionMatrix;
import org.conv4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code conv4j toeplitz H.npy -o T.npy --n N --mode full|same|valid}: {@code
 * scipy.linalg.convolution_matrix(h, n, mode)}, so that {@code T @ x == convolve(x, h, mode)} for
 * every {@code x} of length {@code n} (SPEC §2.1, §8.2); a 2-D {@code H (B, m)} gives one matrix per
 * row. Delegates to {@link ConvolutionMatrix}.
 */
@Command(
    name = "toeplitz",
    description = {
      "The convolution (Toeplitz) matrix T of kernel H (m,) or (B, m) for inputs of length N:",
      "T @ x == convolve(x, H, mode) (scipy.linalg.convolution_matrix)."
    })
final class ToeplitzCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "H.npy", description = "The kernel, (m,) or (B, m).")
  Path h;

  @Mixin OutputOption output;

  @Option(names = "--n", required = true, paramLabel = "N", description = "The input length.")
  int n;

  @Option(names = "--mode", paramLabel = "full|same|valid", description = "Rows kept (default: ${DEFAULT-VALUE}).")
  String mode = "full";

  @Override
  protected void run() {
    ConvolutionMatrix.Mode m = ConvolveCommand.parse("--mode", () -> ConvolutionMatrix.Mode.parse(mode));
    Tensor k = read(h, "H.npy");
    output.write(ConvolutionMatrix.convolutionMatrix(k, n, m));
  }
}
