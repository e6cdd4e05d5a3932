// The registry of conv4j subcommands.
package org.conv4j.cli;

import java.util.List;

/**
 * The subcommands of {@code conv4j}, in the order {@code conv4j --help} lists them.
 *
 * <p>To add a subcommand: write one class annotated with {@code @Command(name = "...", description
 * = "...")} that extends {@link CliCommand}, and add it to {@link #all()}. It inherits {@code
 * --help}, {@code --version} and {@code --debug}, the error handling and exit codes, and the
 * converters of {@link Converters} (e.g. {@link IntTuple} and {@link Padding} options).
 */
public final class Subcommands {
  private Subcommands() {}

  /** Every subcommand class, in help order. */
  public static List<Class<?>> all() {
    return List.of(
        InfoCommand.class,
        ConvCommand.class,
        ConvTransposeCommand.class,
        ConvBackwardCommand.class,
        UnfoldCommand.class,
        FoldCommand.class,
        PoolCommand.class,
        FilterCommand.class,
        LenetCommand.class,
        DemoCommand.class,
        ConvolveCommand.class,
        CorrelateCommand.class,
        Convolve2dCommand.class,
        Correlate2dCommand.class,
        ToeplitzCommand.class,
        MatchCommand.class);
  }
}
