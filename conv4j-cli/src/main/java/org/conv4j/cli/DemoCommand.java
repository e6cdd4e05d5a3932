// conv4j demo: small demonstrations from the tutorials.
package org.conv4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.conv4j.io.Images;
import org.conv4j.nn.NumpyRandomState;
import org.conv4j.nn.functional.Conv;
import org.conv4j.nn.functional.ConvParams;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code conv4j demo NAME}: demonstrations; for now the tutorial's {@code 3wolfmoon} random-filter layer. */
@Command(
    name = "demo",
    description = "Demonstrations from the Theano tutorials (see 'conv4j demo 3wolfmoon --help').",
    subcommands = {DemoCommand.ThreeWolfMoon.class})
final class DemoCommand extends CliCommand {
  @Override
  protected void run() {
    throw new UsageException("no demo given; pick one of: 3wolfmoon");
  }

  /**
   * The LeNet tutorial's "3wolfmoon" demo (SPEC §6.4): a random 2×3×9×9 convolution layer,
   * {@code W ~ U(±1/√243)} and {@code b ~ U(−0.5, 0.5)} drawn from NumPy's {@code RandomState(23455)},
   * applied as {@code sigmoid(conv2d(img, W) + b)} (valid, flipped filters) to an RGB photo read as
   * {@code value/256}; it acts as an edge detector.
   */
  @Command(
      name = "3wolfmoon",
      sortOptions = false,
      description = {
        "The tutorial's random 2x3x9x9 conv layer + sigmoid on a photo (RandomState(23455) weights).",
        "Writes input.png, map0.png, map1.png (each map scaled min..max to 0..255) and maps.npy (1, 2, H-8, W-8)."
      })
  static final class ThreeWolfMoon extends CliCommand {
    @Option(names = "--image", paramLabel = "FILE", required = true,
        description = "The photo (PNG, JPEG, ...; grey is repeated to RGB, alpha dropped), e.g. 3wolfmoon.jpg.")
    private Path image;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "Folder for the outputs (created if missing).")
    private Path output;

    @Override
    protected void run() throws IOException {
      Tensor img;
      try {
        img = Images.read(image);
      } catch (IOException e) {
        throw new CliException("--image: " + ErrorReporter.describeIo(image.toString(), e), e);
      }
      Tensor rgb = rgb(img);
      int h = rgb.dim(1);
      int w = rgb.dim(2);
      if (h < 9 || w < 9) {
        throw new CliException("--image: " + image + " is " + w + "x" + h + " pixels; the 9x9 filters need at least 9x9");
      }
      // The tutorial reads pixels as value/256; Images.read gives value/255.
      Tensor input = rgb.to(DType.FLOAT64).mul(255.0 / 256.0).reshape(1, 3, h, w);
      Tensor[] wb = layer();
      Tensor maps = Conv.conv(input, wb[0], wb[1], ConvParams.defaults(2).withFlip(true)).sigmoid();
      try {
        Files.createDirectories(output);
        Images.writePng(output.resolve("input.png"), rgb, false);
        Images.writePng(output.resolve("map0.png"), maps.select(0, 0).select(0, 0), true);
        Images.writePng(output.resolve("map1.png"), maps.select(0, 0).select(0, 1), true);
      } catch (IOException e) {
        throw new CliException("--output: " + ErrorReporter.describeIo(output.toString(), e), e);
      }
      write(output.resolve("maps.npy"), maps, "--output");
      out().printf(Locale.ROOT, "input %dx%d RGB; W (2, 3, 9, 9) ~ U(+-1/sqrt(243)), b = [%.10f, %.10f]; output (1, 2, %d, %d)%n",
          w, h, wb[1].get(0), wb[1].get(1), h - 8, w - 8);
      for (int k = 0; k < 2; k++) {
        Tensor m = maps.select(0, 0).select(0, k);
        out().printf(Locale.ROOT, "map %d: min %.5f max %.5f mean %.7f std %.7f%n", k, m.min().item(), m.max().item(),
            m.mean().item(), m.std().item());
      }
      out().println("wrote " + output.resolve("input.png") + ", map0.png, map1.png, maps.npy");
    }

    /** The tutorial's filters (2, 3, 9, 9) and biases (2) from {@code RandomState(23455)}, float64. */
    static Tensor[] layer() {
      NumpyRandomState rng = new NumpyRandomState(23455);
      double bound = Math.sqrt(3 * 9 * 9);
      Tensor w = Tensor.of(rng.uniform(-1.0 / bound, 1.0 / bound, 2 * 3 * 9 * 9), 2, 3, 9, 9);
      Tensor b = Tensor.of(rng.uniform(-0.5, 0.5, 2), 2);
      return new Tensor[] {w, b};
    }

    /** The image as 3 channels: grey repeated, alpha dropped. */
    private static Tensor rgb(Tensor img) {
      return switch (img.dim(0)) {
        case 1 -> Tensor.concat(0, img, img, img);
        case 4 -> img.slice(0, 0, 3, 1).contiguous();
        default -> img;
      };
    }
  }
}
