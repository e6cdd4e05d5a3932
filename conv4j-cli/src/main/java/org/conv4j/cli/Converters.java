// Type converters shared by every subcommand.
package org.conv4j.cli;

import picocli.CommandLine;

/**
 * Registers the CLI's value types with picocli, so a subcommand declares an {@code IntTuple} or
 * {@code Padding} field and gets parsing and usage errors (exit code 2) for free.
 */
final class Converters {
  private Converters() {}

  /** Registers every converter on {@code cl} and its subcommands (call after adding them). */
  static void register(CommandLine cl) {
    cl.registerConverter(IntTuple.class, IntTuple::parse);
    cl.registerConverter(Padding.class, Padding::parse);
  }
}
