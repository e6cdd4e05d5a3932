// A command line that parsed but breaks a rule of the command line: exit code 2.
package org.conv4j.cli;

/**
 * A usage error found after parsing (for example an {@link IntTuple} with the wrong number of
 * values for the input's rank): reported as {@code conv4j <subcommand>: <message>} with exit code
 * {@link Main#EXIT_USAGE}, like picocli's own parse errors. The message starts with the option or
 * parameter name, e.g. {@code --stride: 3 values given but the input has 2 spatial axes}.
 */
public class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A usage error with the given one-line message. */
  public UsageException(String message) {
    super(message);
  }
}
