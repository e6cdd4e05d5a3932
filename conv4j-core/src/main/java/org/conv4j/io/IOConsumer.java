package org.conv4j.io;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}: the body that {@link AtomicFiles#write} runs
 * against the temporary file's stream.
 *
 * @param <T> the type consumed
 */
@FunctionalInterface
public interface IOConsumer<T> {
  /**
   * Consumes {@code value}.
   *
   * @param value the value (for {@link AtomicFiles}, the temporary file's stream)
   * @throws IOException when writing fails; the caller then discards what was written
   */
  void accept(T value) throws IOException;
}
