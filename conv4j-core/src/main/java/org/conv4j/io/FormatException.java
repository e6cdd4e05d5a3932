package org.conv4j.io;

import java.io.IOException;

/**
 * A file or stream whose content is malformed, truncated or of an unsupported kind. The message
 * always starts with the source (a path, or the name given for a stream) followed by the problem,
 * for example {@code bad.npy: header declares shape (1000000, 1000000) of <f8 = 8000000000000 bytes
 * but the file holds 128 bytes after the header}.
 *
 * <p>I/O failures that are not about the content (a missing file, a permission error) are reported
 * with the JDK's own {@link IOException} subclasses instead.
 */
public class FormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The file or stream name the problem is about. */
  private final String source;

  /** What is wrong with it, without the source. */
  private final String problem;

  /**
   * A format error in {@code source}.
   *
   * @param source the file or stream name (not null)
   * @param problem what is wrong, phrased so that it reads well after {@code "source: "}
   */
  public FormatException(String source, String problem) {
    super(source + ": " + problem);
    this.source = source;
    this.problem = problem;
  }

  /**
   * A format error in {@code source} detected through another exception.
   *
   * @param source the file or stream name (not null)
   * @param problem what is wrong, phrased so that it reads well after {@code "source: "}
   * @param cause the underlying exception (a decoder's or inflater's), kept for the stack trace
   */
  public FormatException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
    this.source = source;
    this.problem = problem;
  }

  /**
   * The file or stream name the problem is about.
   *
   * @return the source, as given to the constructor
   */
  public String source() {
    return source;
  }

  /**
   * What is wrong, without the source prefix.
   *
   * @return the problem text
   */
  public String problem() {
    return problem;
  }
}
