package org.conv4j.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of the signal ops: a fixed partition of {@code [0, count)} into contiguous ranges,
 * one per thread, the caller running the first. Every index is computed by exactly one range with
 * a fixed order of operations, so results are bit-identical for any thread count.
 *
 * <p>Thread count: the system property {@code conv4j.threads}, else the machine's cores; work
 * submitted from inside a worker runs inline. This is a stand-in until the project-wide
 * executor ({@code org.conv4j.runtime.Parallelism}) is on main: {@link #run} is the one place to
 * switch.
 */
final class Workers {
  private static final ThreadLocal<Boolean> IN_WORKER = ThreadLocal.withInitial(() -> Boolean.FALSE);
  private static final int THREADS = initialThreads();
  private static volatile ExecutorService pool;

  private Workers() {}

  /** A body over an index range {@code [from, to)}. */
  @FunctionalInterface
  interface Range {
    void run(int from, int to);
  }

  private static int initialThreads() {
    String p = System.getProperty("conv4j.threads");
    if (p != null) {
      try {
        return Math.max(1, Integer.parseInt(p.trim()));
      } catch (NumberFormatException e) {
        // fall through to the default
      }
    }
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /** Threads an op started on the calling thread may use. */
  static int threads() {
    return IN_WORKER.get() ? 1 : THREADS;
  }

  private static synchronized ExecutorService pool() {
    if (pool == null) {
      AtomicInteger id = new AtomicInteger();
      pool = Executors.newFixedThreadPool(Math.max(1, THREADS - 1), r -> {
        Thread t = new Thread(() -> {
          IN_WORKER.set(Boolean.TRUE);
          r.run();
        }, "conv4j-signal-" + id.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
    return pool;
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
    List<Future<?>> futures = new ArrayList<>(parts - 1);
    for (int p = 1; p < parts; p++) {
      int from = (int) ((long) count * p / parts);
      int to = (int) ((long) count * (p + 1) / parts);
      futures.add(pool().submit(() -> body.run(from, to)));
    }
    boolean was = IN_WORKER.get();
    IN_WORKER.set(Boolean.TRUE);
    try {
      body.run(0, (int) ((long) count / parts));
    } finally {
      IN_WORKER.set(was);
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof RuntimeException re) {
          throw re;
        }
        if (c instanceof Error er) {
          throw er;
        }
        throw new IllegalStateException(c);
      }
    }
  }
}
