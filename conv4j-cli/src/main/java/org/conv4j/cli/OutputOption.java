// The -o/--output option shared by subcommands that write one array.
package org.conv4j.cli;

import java.nio.file.Path;
import org.conv4j.tensor.Tensor;
import picocli.CommandLine.Option;

/**
 * A picocli mixin for the required {@code -o/--output OUT.npy} option: {@code @Mixin OutputOption
 * output;} in a subcommand, then {@code output.write(result)}.
 */
public final class OutputOption {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT.npy",
      required = true,
      description = "Where to write the result (.npy, written atomically).")
  private Path path;

  /** The output path as given (relative to the current directory). */
  public Path path() {
    return path;
  }

  /** Writes {@code t} to the output path; I/O errors name {@code --output} and the file. */
  public void write(Tensor t) {
    TensorFiles.write(path, t, "--output");
  }
}
