// Exit codes and the one-line error convention, in-process through Main.run.
package org.conv4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

class MainTest {
  @Test
  void versionPrintsTheVersionAndJava() {
    CliRun r = CliRun.run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("conv4j ").contains("Java ").contains("Vector API: ");
    assertThat(r.out()).doesNotContain("${");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void helpListsSubcommandsAndExitCodes() {
    CliRun r = CliRun.run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: conv4j", "--batch", "--debug", "Commands:", "info");
    assertThat(r.out()).contains("Exit codes:");
  }

  @Test
  void subcommandHelp() {
    CliRun r = CliRun.run("info", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: conv4j info", "FILE...");
  }

  /** The registered command names, in help order: "info, conv, ...". */
  private static String commandNames() {
    return Subcommands.all().stream()
        .map(c -> c.getAnnotation(Command.class).name())
        .collect(Collectors.joining(", "));
  }

  @Test
  void noCommandIsAUsageError() {
    CliRun r = CliRun.run();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines())
        .containsExactly(
            "conv4j: no command given; pick one of: " + commandNames() + " (see conv4j --help)");
  }

  @Test
  void unknownCommandSuggestsTheNearestOne() {
    CliRun r = CliRun.run("infoo", "x.npy");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines())
        .containsExactly(
            "conv4j: unknown command 'infoo' (did you mean info?); commands: " + commandNames());
  }

  @Test
  void unknownOptionIsAUsageErrorNamingIt() {
    CliRun r = CliRun.run("info", "--bogus", "x.npy");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("conv4j info: unknown option '--bogus'");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unknownOptionGetsASuggestion() {
    CliRun r = CliRun.withProbe("", "probe", "--strid", "2");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines())
        .containsExactly("conv4j probe: unknown option '--strid' (did you mean --stride?)");
  }

  @Test
  void missingParameterIsAUsageError() {
    CliRun r = CliRun.run("info");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("conv4j info: missing required parameter: 'FILE'");
  }

  @Test
  void malformedTupleIsAUsageErrorNamingTheOption() {
    CliRun r = CliRun.withProbe("", "probe", "--stride", "2,x");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines())
        .containsExactly(
            "conv4j probe: --stride: '2,x': 'x' is not an integer;"
                + " expected integers separated by commas, like 2 or 2,1");
  }

  @Test
  void malformedBuiltInValueIsAUsageErrorNamingTheOption() {
    CliRun r = CliRun.withProbe("", "probe", "--rank", "two");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("conv4j probe: --rank: 'two' is not an int");
  }

  @Test
  void tupleCountMismatchIsAUsageError() {
    CliRun r = CliRun.withProbe("", "probe", "--stride", "2,1,1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines())
        .containsExactly("conv4j probe: --stride: 3 values given but the input has 2 spatial axes");
  }

  @Test
  void sharedConvertersReachSubcommands() {
    CliRun r = CliRun.withProbe("", "probe", "--stride", "2", "--padding", "1:2,0");
    assertThat(r.code()).isZero();
    assertThat(r.outLines())
        .containsExactly("stride [2, 2]", "padding [[1, 2], [0, 0]]", "probe done");
  }

  @Test
  void malformedPaddingIsAUsageError() {
    CliRun r = CliRun.withProbe("", "probe", "--padding", "1:-1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .startsWith("conv4j probe: --padding: '1:-1': '-1' is negative;");
  }

  @Test
  void libraryIllegalArgumentIsAFailureWithItsMessage() {
    CliRun r = CliRun.withProbe("", "probe", "--fail", "iae");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.errLines()).containsExactly("conv4j probe: shapes (2, 3) and (4,) do not match");
  }

  @Test
  void usageExceptionFromACommandExitsTwo() {
    CliRun r = CliRun.withProbe("", "probe", "--fail", "usage");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("conv4j probe: --rank: must be 1, 2 or 3");
  }

  @Test
  void ioErrorsNameTheFile() {
    CliRun r = CliRun.withProbe("", "probe", "--fail", "io");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.errLines()).containsExactly("conv4j probe: gone.npy: no such file");
    CliRun plain = CliRun.withProbe("", "probe", "--fail", "ioplain");
    assertThat(plain.errLines()).containsExactly("conv4j probe: Broken pipe");
  }

  @Test
  void unexpectedExceptionIsAnInternalErrorPointingAtDebug() {
    CliRun r = CliRun.withProbe("", "probe", "--fail", "npe");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.errLines())
        .containsExactly(
            "conv4j probe: internal error: java.lang.NullPointerException: boom"
                + " (rerun with --debug for the stack trace)");
  }

  @Test
  void outOfMemoryIsReportedInOneLine() {
    CliRun r = CliRun.withProbe("", "probe", "--fail", "oom");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.errLines())
        .containsExactly(
            "conv4j probe: out of memory (Java heap space);"
                + " give the JVM more heap, e.g. CONV4J_JAVA_OPTS=-Xmx8g");
  }

  @Test
  void debugPrintsTheStackTraceThenTheMessageLast() {
    for (String[] args :
        new String[][] {
          {"--debug", "probe", "--fail", "iae"}, {"probe", "--fail", "iae", "--debug"}
        }) {
      CliRun r = CliRun.withProbe("", args);
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).contains("java.lang.IllegalArgumentException", "\tat org.conv4j.cli.");
      assertThat(r.errLines())
          .last()
          .isEqualTo("conv4j probe: shapes (2, 3) and (4,) do not match");
    }
  }

  @Test
  void debugAlsoShowsParseErrorTraces() {
    CliRun r = CliRun.run("--debug", "info", "--bogus", "x.npy");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("UnmatchedArgumentException");
    assertThat(r.errLines()).last().isEqualTo("conv4j info: unknown option '--bogus'");
  }

  @Test
  void multiLineMessagesBecomeOneLine() {
    CliRun r = CliRun.withProbe("", "probe", "--fail", "multiline");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.errLines()).containsExactly("conv4j probe: first line; second line");
  }

  @Test
  void withoutDebugThereIsNoStackTrace() {
    CliRun r = CliRun.withProbe("", "probe", "--fail", "npe");
    assertThat(r.err()).doesNotContain("\tat ");
  }
}
