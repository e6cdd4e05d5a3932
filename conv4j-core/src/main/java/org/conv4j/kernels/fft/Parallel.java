package org.conv4j.kernels.fft;

/**
 * How a kernel of this package runs independent pieces of work: {@code body.accept(i)} for every
 * {@code i < count}, on any threads, in any order; the caller's results do not depend on either.
 */
@FunctionalInterface
public interface Parallel {
  /** Runs the body for {@code 0 ≤ i < count}. */
  void forEach(int count, java.util.function.IntConsumer body);

  /** One thread, in order. */
  Parallel SERIAL = (count, body) -> {
    for (int i = 0; i < count; i++) {
      body.accept(i);
    }
  };
}
