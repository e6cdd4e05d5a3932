// --batch: many command lines in one JVM.
package org.conv4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the command lines of a batch file in the current JVM, one per line, so that many small
 * commands pay the JVM start-up once.
 *
 * <p>Blank lines and lines starting with {@code #} are skipped; words are split by {@link
 * ShellWords}; a leading {@code conv4j} word is ignored, so lines can be pasted from a shell. After
 * each command (and its own output) stdout gets {@code ok}, or {@code error: line N: <the one-line
 * message>}; the batch goes on after errors. The exit code is 0 when every line succeeded, else 1
 * with one summary line on stderr. An unreadable batch file is a failure (exit 1) like any other
 * unreadable input.
 */
final class BatchRunner {
  private final InputStream stdin;
  private final PrintWriter out;
  private final PrintWriter err;
  private final List<Class<?>> subcommands;
  private final boolean debug;

  BatchRunner(
      InputStream stdin,
      PrintWriter out,
      PrintWriter err,
      List<Class<?>> subcommands,
      boolean debug) {
    this.stdin = stdin;
    this.out = out;
    this.err = err;
    this.subcommands = subcommands;
    this.debug = debug;
  }

  /**
   * Runs the batch file at {@code source}, or standard input for {@code "-"}.
   *
   * @return {@link Main#EXIT_OK} when every line succeeded, else {@link Main#EXIT_FAILURE}
   * @throws CliException when the batch file can't be read (exit 1)
   */
  int run(String source) {
    boolean fromStdin = source.equals("-");
    String label = fromStdin ? "standard input" : source;
    List<Integer> failed = new ArrayList<>();
    int commands = 0;
    try (BufferedReader r =
        fromStdin
            ? new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))
            : Files.newBufferedReader(Path.of(source), StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        String message;
        try {
          List<String> words = new ArrayList<>(ShellWords.split(line));
          if (!words.isEmpty()
              && (words.get(0).equals("conv4j") || words.get(0).endsWith("/conv4j"))) {
            words.remove(0);
          }
          if (words.isEmpty()) {
            continue;
          }
          commands++;
          message = runLine(words.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
          commands++;
          message = "conv4j: " + e.getMessage();
        }
        if (message == null) {
          out.println("ok");
        } else {
          out.println("error: line " + lineNo + ": " + message);
          failed.add(lineNo);
        }
        out.flush();
      }
    } catch (IOException e) {
      throw new CliException("--batch: " + ErrorReporter.describeIo(label, e), e);
    }
    if (failed.isEmpty()) {
      return Main.EXIT_OK;
    }
    err.println(
        "conv4j: --batch "
            + label
            + ": "
            + failed.size()
            + " of "
            + IntTuple.count(commands, "command")
            + " failed (line"
            + (failed.size() == 1 ? " " : "s ")
            + joinFirst(failed, 20)
            + ")");
    err.flush();
    return Main.EXIT_FAILURE;
  }

  /** Runs one line; returns null on success, else its one-line error message. */
  private String runLine(String[] args) {
    String[] message = new String[1];
    ErrorReporter reporter = new ErrorReporter(err, m -> message[0] = m, debug);
    int code = Main.execute(args, stdin, out, err, reporter, subcommands, true);
    if (code == Main.EXIT_OK) {
      return null;
    }
    return message[0] != null ? message[0] : "conv4j: exit code " + code;
  }

  private static String joinFirst(List<Integer> xs, int max) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(xs.size(), max); i++) {
      sb.append(i == 0 ? "" : ", ").append(xs.get(i));
    }
    if (xs.size() > max) {
      sb.append(", ...");
    }
    return sb.toString();
  }
}
