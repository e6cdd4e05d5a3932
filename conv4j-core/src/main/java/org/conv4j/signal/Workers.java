package org.conv4j.signal;

import org.conv4j.runtime.Parallelism;

/**
 * The threads of the signal ops: a fixed partition of {@code [0, count)} into contiguous ranges,
 * one per thread, run through the project's {@link Parallelism} (its thread count, its executor,
 * one thread inside another task). Every index is computed by exactly one range with a fixed order
 * of operations, so results are bit-identical for any thread count.
 */
final class Workers {
  private Workers() {}

  /** A body over an index range {@code [from, to)}. */
  @FunctionalInterface
  interface Range {
    void run(int from, int to);
  }

  /** Threads an op started on the calling thread may use. */
  static int threads() {
    return Parallelism.threads();
  }

  /**
   * Runs {@code body} over {@code [0, count)} split into at most {@link #threads()} contiguous
   * ranges (fewer when a range would hold less than {@code grain} indices).
   */
  static void run(int count, int grain, Range body) {
    int parts = Math.min(threads(), Math.max(1, count / Math.max(1, grain)));
    if (parts <= 1) {
      body.run(0, count);
      return;
    }
    Parallelism.forEach(parts, p -> body.run((int) ((long) count * p / parts), (int) ((long) count * (p + 1) / parts)));
  }
}
