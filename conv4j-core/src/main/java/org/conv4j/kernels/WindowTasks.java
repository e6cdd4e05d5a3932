package org.conv4j.kernels;

import org.conv4j.runtime.Parallelism;

/**
 * Runs the sliding-window and template-matching ops over a fixed partition of their output rows:
 * {@code [0, n)} is cut into up to four contiguous ranges per thread of nearly equal size,
 * independent of timing, and each range is computed by one task of {@link Parallelism#forEach}
 * (conv4j's executor, never the common pool; nested calls run inline). Every output element is
 * computed by exactly one task from the inputs alone, so results are bit-identical for any thread
 * count.
 */
public final class WindowTasks {
  /** A task body over the output rows {@code [from, to)}. */
  @FunctionalInterface
  public interface Range {
    /** Computes rows {@code [from, to)}. */
    void run(int from, int to);
  }

  private WindowTasks() {}

  /** The default thread count: {@link Parallelism#threads()}. */
  public static int defaultThreads() {
    return Parallelism.threads();
  }

  /**
   * Runs {@code body} over {@code [0, n)} split into up to {@code 4·threads} ranges on at most
   * {@code threads} threads (fewer when
   * {@code n·costPerRow} is small) and returns when all are done; the first exception is rethrown.
   *
   * @param costPerRow rough work per row (e.g. multiply-adds), to avoid splitting tiny ops
   */
  public static void run(int n, int threads, long costPerRow, Range body) {
    long chunks = Math.max(1, (long) n * Math.max(costPerRow, 1) / 50_000);
    int workers = (int) Math.min(Math.min(threads, n), chunks);
    if (workers <= 1) {
      if (n > 0) {
        body.run(0, n);
      }
      return;
    }
    // Four ranges per thread, taken dynamically: a thread the OS delays leaves its share to the others.
    int parts = (int) Math.min(Math.min(n, (long) workers * 4), Math.max(workers, chunks));
    Parallelism.runWithThreads(workers, () -> Parallelism.forEach(parts, p -> {
      int from = (int) ((long) n * p / parts);
      int to = (int) ((long) n * (p + 1) / parts);
      body.run(from, to);
    }));
  }
}
