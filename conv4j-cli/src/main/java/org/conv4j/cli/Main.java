// The conv4j command line: entry point, global options and the one place where a command line
// is built, run and its errors turned into exit codes.
package org.conv4j.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code conv4j} command: global options ({@code --help}, {@code --version}, {@code --debug},
 * {@code --batch}) and the subcommands listed in {@link Subcommands}.
 *
 * <p>Tests and tools call {@link #run(String[], PrintStream, PrintStream)} in-process; it never
 * calls {@link System#exit}. Exit codes: {@link #EXIT_OK} (0), {@link #EXIT_FAILURE} (1) for a
 * failure while running (unreadable or malformed file, shape mismatch, a rule of the library
 * broken), {@link #EXIT_USAGE} (2) for a command line that does not parse or breaks a rule of the
 * command line itself. Every error prints exactly one line on stderr, {@code conv4j <subcommand>:
 * <message>}, preceded by the stack trace only under {@code --debug}.
 */
@Command(
    name = "conv4j",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    synopsisSubcommandLabel = "COMMAND",
    description = "Convolution, sliding windows and pooling on .npy arrays.",
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:failure (unreadable or malformed file, shape mismatch, ...)",
      "2:usage error (unknown option, missing or malformed argument)"
    },
    footer = {"", "Run 'conv4j COMMAND --help' for a command's options; see docs/CLI.md."})
public final class Main implements Callable<Integer> {
  /** Exit code of a successful run. */
  public static final int EXIT_OK = 0;

  /** Exit code of a run that failed while executing (I/O, malformed data, library rule broken). */
  public static final int EXIT_FAILURE = 1;

  /** Exit code of a command line that is malformed or breaks a rule of the command line. */
  public static final int EXIT_USAGE = 2;

  @Spec CommandSpec spec;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print the full stack trace of an error (before the one-line message).")
  boolean debug;

  @Option(
      names = "--batch",
      paramLabel = "FILE",
      scope = ScopeType.LOCAL,
      description = {
        "Run the command lines in FILE ('-' for standard input) in one JVM, one per line;"
            + " prints 'ok' or 'error: ...' after each and exits 1 if any line failed."
      })
  String batch;

  // Set by execute(): the context this command line runs in.
  private InputStream stdin = System.in;
  private List<Class<?>> subcommands = List.of();
  private boolean forceDebug;
  private boolean inBatch;

  private Main() {}

  /** Runs the command line {@code args} and exits the JVM with its exit code. */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  /**
   * Runs the command line {@code args} in-process, writing normal output to {@code out} and errors
   * to {@code err}; {@code --batch -} reads {@link System#in}.
   *
   * @return the exit code: {@link #EXIT_OK}, {@link #EXIT_FAILURE} or {@link #EXIT_USAGE}
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, System.in, out, err);
  }

  /**
   * As {@link #run(String[], PrintStream, PrintStream)}, with {@code in} as the standard input that
   * {@code --batch -} reads.
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return run(args, in, out, err, Subcommands.all());
  }

  /**
   * As {@link #run(String[], InputStream, PrintStream, PrintStream)} with the given subcommands.
   */
  static int run(
      String[] args, InputStream in, PrintStream out, PrintStream err, List<Class<?>> subcommands) {
    PrintWriter outWriter = new PrintWriter(out, true);
    PrintWriter errWriter = new PrintWriter(err, true);
    ErrorReporter reporter = new ErrorReporter(errWriter, errWriter::println, false);
    int code = execute(args, in, outWriter, errWriter, reporter, subcommands, false);
    outWriter.flush();
    errWriter.flush();
    return code;
  }

  /**
   * Builds a fresh command line (new command objects, so nothing leaks between batch lines), runs
   * {@code args} and maps every outcome to an exit code, reporting errors through {@code reporter}.
   * {@code inBatch} marks a line of a batch file, where {@code --batch} is refused.
   */
  static int execute(
      String[] args,
      InputStream in,
      PrintWriter out,
      PrintWriter err,
      ErrorReporter reporter,
      List<Class<?>> subcommands,
      boolean inBatch) {
    Main main = new Main();
    main.stdin = in;
    main.subcommands = subcommands;
    main.forceDebug = reporter.forceDebug();
    main.inBatch = inBatch;
    CommandLine cl = new CommandLine(main);
    for (Class<?> sub : subcommands) {
      cl.addSubcommand(sub);
    }
    Converters.register(cl);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionStrategy(
        parseResult -> {
          if (main.batch != null && parseResult.hasSubcommand()) {
            throw new ParameterException(
                cl,
                "--batch cannot be combined with a subcommand ('"
                    + parseResult.subcommand().commandSpec().name()
                    + "'); put the subcommands in the batch file");
          }
          return new CommandLine.RunLast().execute(parseResult);
        });
    cl.setParameterExceptionHandler(reporter);
    cl.setExecutionExceptionHandler(reporter);
    try {
      return cl.execute(args);
    } catch (Error e) {
      // picocli hands only Exceptions to the handler; OutOfMemoryError & co. arrive here.
      CommandLine where = cl;
      CommandLine.ParseResult pr = cl.getParseResult();
      while (pr != null && pr.hasSubcommand()) {
        pr = pr.subcommand();
        where = pr.commandSpec().commandLine();
      }
      return reporter.handleError(e, where, args);
    }
  }

  /** Runs {@code --batch}, or reports that a subcommand is missing. */
  @Override
  public Integer call() {
    if (batch != null) {
      if (inBatch) {
        throw new UsageException("--batch cannot be used inside a batch file");
      }
      CommandLine cl = spec.commandLine();
      return new BatchRunner(stdin, cl.getOut(), cl.getErr(), subcommands, debug || forceDebug)
          .run(batch);
    }
    String names = String.join(", ", spec.subcommands().keySet());
    throw new UsageException("no command given; pick one of: " + names + " (see conv4j --help)");
  }
}
