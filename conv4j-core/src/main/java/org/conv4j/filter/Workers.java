package org.conv4j.filter;

import java.util.function.Supplier;
import org.conv4j.runtime.Parallelism;

/**
 * How the filters run their independent tasks: through the project's {@link Parallelism} (its
 * executor, its thread count, one thread inside another op's task), with
 * {@link FilterOptions#threads()} as a per-call override. Threads claim task indices from a shared
 * counter, so a thread the OS deschedules on a busy machine does not hold the others up. Each task
 * writes its own outputs and computes them from the input alone, the same way whoever runs it
 * (per-worker scratch is always overwritten before it is read), so results are bit-identical for
 * any thread count and any claiming order.
 */
final class Workers {
  /** One task, run with the calling worker's own scratch. */
  @FunctionalInterface
  interface Task<S> {
    void run(S scratch, int task);
  }

  private Workers() {}

  /** The thread count for a call: the option when positive, else {@link Parallelism#threads()}. */
  static int threads(FilterOptions options) {
    return options.threads() > 0 ? options.threads() : Parallelism.threads();
  }

  /**
   * Runs tasks {@code [0, tasks)} on at most {@code threads} threads, each with one scratch from
   * {@code scratch}; returns when all are done and rethrows the first failure.
   */
  static <S> void run(int threads, int tasks, Supplier<S> scratch, Task<S> body) {
    Parallelism.runWithThreads(threads, () -> Parallelism.forEach(tasks, scratch, body::run));
  }
}
