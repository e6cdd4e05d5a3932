// A failure the user can act on, reported as one line with exit code 1.
package org.conv4j.cli;

/**
 * A failure while a command runs (unreadable or malformed input, shape mismatch, ...): reported as
 * {@code conv4j <subcommand>: <message>} with exit code {@link Main#EXIT_FAILURE}. The message
 * names the argument or file concerned and the rule broken.
 */
public class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with the given one-line message. */
  public CliException(String message) {
    super(message);
  }

  /** A failure with the given one-line message, keeping {@code cause} for {@code --debug}. */
  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
