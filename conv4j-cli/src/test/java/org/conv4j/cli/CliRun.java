// In-process runs of the conv4j command line for tests.
package org.conv4j.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The outcome of one in-process run: exit code, stdout and stderr. */
record CliRun(int code, String out, String err) {
  /** Runs {@code args} with the real subcommands. */
  static CliRun run(String... args) {
    return run(Subcommands.all(), "", args);
  }

  /** Runs {@code args} with the real subcommands plus {@link ProbeCommand}, stdin {@code in}. */
  static CliRun withProbe(String stdin, String... args) {
    List<Class<?>> subs = new ArrayList<>(Subcommands.all());
    subs.add(ProbeCommand.class);
    return run(subs, stdin, args);
  }

  static CliRun run(List<Class<?>> subs, String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, in, o, e, subs);
    }
    return new CliRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The lines of stderr. */
  List<String> errLines() {
    return err.isEmpty() ? List.of() : List.of(err.split("\n"));
  }

  /** The lines of stdout. */
  List<String> outLines() {
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }
}
