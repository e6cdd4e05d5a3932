package org.conv4j.nn.train;

/** The loss became NaN or infinite; the message says where and what was kept. */
public final class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a complete message. */
  public TrainingDivergedException(String message) {
    super(message);
  }
}
