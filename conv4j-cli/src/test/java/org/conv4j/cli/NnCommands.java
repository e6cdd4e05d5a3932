// In-process runs with the lenet and demo commands registered.
package org.conv4j.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs command lines with {@link LenetCommand} and {@link DemoCommand} added to the registered
 * subcommands, so their tests do not depend on {@link Subcommands} listing them (idempotent once it does).
 */
final class NnCommands {
  private NnCommands() {}

  static CliRun run(String... args) {
    List<Class<?>> subs = new ArrayList<>(Subcommands.all());
    for (Class<?> c : List.of(LenetCommand.class, DemoCommand.class)) {
      if (!subs.contains(c)) {
        subs.add(c);
      }
    }
    return CliRun.run(subs, "", args);
  }
}
