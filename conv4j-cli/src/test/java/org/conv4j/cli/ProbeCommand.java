// A test-only subcommand that exercises the shared options and every failure path.
package org.conv4j.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code probe}: prints its parsed options, or fails the way {@code --fail} says. */
@Command(name = "probe", description = "Test probe.")
final class ProbeCommand extends CliCommand {
  @Option(names = "--stride")
  IntTuple stride;

  @Option(names = "--padding")
  Padding padding;

  @Option(names = "--rank", defaultValue = "2")
  int rank;

  @Option(names = "--fail")
  String fail;

  @Override
  protected void run() throws Exception {
    if (fail != null) {
      switch (fail) {
        case "iae" -> throw new IllegalArgumentException("shapes (2, 3) and (4,) do not match");
        case "usage" -> throw new UsageException("--rank: must be 1, 2 or 3");
        case "cli" -> throw new CliException("x.npy: something is off");
        case "io" -> throw new NoSuchFileException("gone.npy");
        case "ioplain" -> throw new IOException("Broken pipe");
        case "npe" -> throw new NullPointerException("boom");
        case "oom" -> throw new OutOfMemoryError("Java heap space");
        case "multiline" -> throw new IllegalArgumentException("first line\n  second line\n");
        default -> throw new IllegalStateException("unknown --fail " + fail);
      }
    }
    if (stride != null) {
      out().println("stride " + Arrays.toString(stride.expand(rank, "--stride", 1)));
    }
    if (padding != null) {
      out().println("padding " + Arrays.deepToString(padding.expand(rank, "--padding")));
    }
    out().println("probe done");
  }
}
