// Turns every error of a command line into an exit code and one line of text.
package org.conv4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The picocli parameter and execution exception handler of every conv4j command line.
 *
 * <p>Each error becomes one line, {@code conv4j <subcommand>: <message>}, handed to a sink (stderr
 * normally, the batch runner's collector in {@code --batch} mode), and an exit code: {@link
 * Main#EXIT_USAGE} for parse errors and {@link UsageException}, {@link Main#EXIT_FAILURE} for
 * everything else. Under {@code --debug} the stack trace is printed to stderr first, so the
 * one-line message stays the last line.
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {
  private final PrintWriter err;
  private final Consumer<String> sink;
  private final boolean forceDebug;

  /**
   * @param err where stack traces go under {@code --debug}
   * @param sink receives the one-line message of each error
   * @param forceDebug print stack traces even without {@code --debug} on this command line (a batch
   *     run under {@code --debug})
   */
  ErrorReporter(PrintWriter err, Consumer<String> sink, boolean forceDebug) {
    this.err = err;
    this.sink = sink;
    this.forceDebug = forceDebug;
  }

  /** Whether stack traces are printed whatever the command line says. */
  boolean forceDebug() {
    return forceDebug;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    report(ex.getCommandLine(), parseMessage(ex), ex, forceDebug || hasDebugToken(args));
    return Main.EXIT_USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
    boolean debug = forceDebug || rootDebug(cl);
    report(cl, describe(ex), ex, debug);
    return ex instanceof UsageException ? Main.EXIT_USAGE : Main.EXIT_FAILURE;
  }

  /** Reports an {@link Error} (out of memory, stack overflow) that escaped picocli. */
  int handleError(Error e, CommandLine where, String[] args) {
    report(where, describe(e), e, forceDebug || hasDebugToken(args));
    return Main.EXIT_FAILURE;
  }

  private void report(CommandLine cl, String message, Throwable t, boolean debug) {
    if (debug) {
      t.printStackTrace(err);
      err.flush();
    }
    sink.accept(cl.getCommandSpec().qualifiedName(" ") + ": " + oneLine(message));
  }

  /** Joins the lines of a multi-line message with "; " so an error is always one line. */
  static String oneLine(String message) {
    String m = message.strip();
    boolean multiLine = m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0;
    return multiLine ? m.replaceAll("\\s*[\\r\\n]+\\s*", "; ") : m;
  }

  private static boolean rootDebug(CommandLine cl) {
    CommandLine root = cl;
    while (root.getParent() != null) {
      root = root.getParent();
    }
    return root.getCommand() instanceof Main m && m.debug;
  }

  /** Whether {@code --debug} appears among the options (before a {@code --} end marker). */
  private static boolean hasDebugToken(String[] args) {
    for (String a : args) {
      if (a.equals("--")) {
        return false;
      }
      if (a.equals("--debug")) {
        return true;
      }
    }
    return false;
  }

  /** The message of a picocli parse error, reworded to name the argument first. */
  static String parseMessage(ParameterException ex) {
    ArgSpec arg = ex.getArgSpec();
    if (ex.getCause() instanceof TypeConversionException tce && arg != null) {
      return argName(arg) + ": " + tce.getMessage();
    }
    if (ex instanceof UnmatchedArgumentException u) {
      List<String> unmatched = u.getUnmatched();
      String first = unmatched.isEmpty() ? "?" : unmatched.get(0);
      List<String> suggestions = u.getSuggestions();
      String hint = suggestions.isEmpty() ? "" : " (did you mean " + suggestions.get(0) + "?)";
      if (first.startsWith("-") && first.length() > 1) {
        return "unknown option '" + first + "'" + hint;
      }
      if (u.getCommandLine().getParent() == null
          && !u.getCommandLine().getSubcommands().isEmpty()) {
        return "unknown command '"
            + first
            + "'"
            + hint
            + "; commands: "
            + String.join(", ", u.getCommandLine().getSubcommands().keySet());
      }
      return "unexpected argument '" + first + "'" + hint;
    }
    return lowerFirst(ex.getMessage());
  }

  private static String argName(ArgSpec arg) {
    return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
  }

  /** The one-line message of an exception thrown while a command ran. */
  static String describe(Throwable t) {
    if (t instanceof CliException || t instanceof UsageException) {
      return t.getMessage();
    }
    if (t instanceof UncheckedIOException u && u.getCause() != null) {
      return describe(u.getCause());
    }
    if (t instanceof IOException io) {
      return describeIo(io);
    }
    if (t instanceof IllegalArgumentException
        || t instanceof IllegalStateException
        || t instanceof ArithmeticException
        || t instanceof UnsupportedOperationException) {
      return messageOrName(t);
    }
    if (t instanceof OutOfMemoryError) {
      return "out of memory ("
          + messageOrName(t)
          + "); give the JVM more heap, e.g. CONV4J_JAVA_OPTS=-Xmx8g";
    }
    if (t instanceof StackOverflowError) {
      return "stack overflow; give threads a larger stack, e.g. CONV4J_JAVA_OPTS=-Xss16m";
    }
    return "internal error: "
        + t.getClass().getName()
        + (t.getMessage() == null ? "" : ": " + t.getMessage())
        + " (rerun with --debug for the stack trace)";
  }

  /** I/O errors: name the file and say what went wrong in words. */
  static String describeIo(IOException e) {
    if (e instanceof FileSystemException fs && fs.getFile() != null) {
      String what;
      if (e instanceof NoSuchFileException) {
        what = "no such file";
      } else if (e instanceof AccessDeniedException) {
        what = "permission denied";
      } else if (e instanceof FileAlreadyExistsException) {
        what = "already exists";
      } else if (e instanceof NotDirectoryException) {
        what = "not a directory";
      } else if (e instanceof DirectoryNotEmptyException) {
        what = "directory not empty";
      } else {
        what = fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
      }
      return fs.getFile()
          + (fs.getOtherFile() != null ? " -> " + fs.getOtherFile() : "")
          + ": "
          + what;
    }
    if (e instanceof CharacterCodingException) {
      return "not valid UTF-8 text";
    }
    return messageOrName(e);
  }

  /**
   * An I/O error on {@code file}, naming the file once: {@code x.npy: no such file}, or {@code
   * x.npy: <message>} when the exception's own message does not name it.
   */
  static String describeIo(String file, IOException e) {
    String m = describeIo(e);
    return m.contains(file) ? m : file + ": " + lowerFirst(m);
  }

  private static String messageOrName(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }

  /** Lower-cases a leading capital of a word ("Missing ..." but not "IOException"). */
  private static String lowerFirst(String s) {
    if (s == null || s.length() < 2) {
      return s;
    }
    char c0 = s.charAt(0);
    char c1 = s.charAt(1);
    return Character.isUpperCase(c0) && Character.isLowerCase(c1)
        ? Character.toLowerCase(c0) + s.substring(1)
        : s;
  }
}
