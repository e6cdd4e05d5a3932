// Base class of every conv4j subcommand.
package org.conv4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.conv4j.tensor.Tensor;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of a subcommand: implement {@link #run()}, print with {@link #out()}, read and write
 * arrays with {@link #read} and {@link #write}, and fail by throwing: {@link CliException} (exit 1)
 * or {@link UsageException} (exit 2) with a message naming the argument and the rule broken; an
 * {@code IllegalArgumentException} from the library or an {@code IOException} is reported the same
 * way (exit 1). {@link Main} turns every exception into one line on stderr.
 *
 * {@snippet :
 * @Command(name = "negate", description = "Negate an array.")
 * final class NegateCommand extends CliCommand {
 *   @Parameters(index = "0", paramLabel = "IN.npy") Path input;
 *   @Mixin OutputOption output;
 *
 *   @Override
 *   protected void run() throws Exception {
 *     Tensor x = read(input, "IN.npy");
 *     write(output.path(), x.neg(), "--output");
 *   }
 * }
 * }
 */
public abstract class CliCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  /** Does the work; returning normally means exit code 0. */
  protected abstract void run() throws Exception;

  /** Runs {@link #run()}; picocli calls this. */
  @Override
  public final Integer call() throws Exception {
    run();
    out().flush();
    return Main.EXIT_OK;
  }

  /** This command's picocli model (name, options, parent). */
  protected final CommandSpec spec() {
    return spec;
  }

  /** Standard output of this run (the caller's stream in tests and batch mode). */
  protected final PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /**
   * Reads a {@code .npy} file; see {@link TensorFiles#read(Path, String)}.
   *
   * @param label the option or parameter that named the file, or null
   */
  protected final Tensor read(Path file, String label) {
    return TensorFiles.read(file, label);
  }

  /**
   * Writes a {@code .npy} file atomically; see {@link TensorFiles#write(Path, Tensor, String)}.
   *
   * @param label the option or parameter that named the file, or null
   */
  protected final void write(Path file, Tensor t, String label) {
    TensorFiles.write(file, t, label);
  }
}
