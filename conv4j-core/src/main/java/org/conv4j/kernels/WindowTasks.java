package org.conv4j.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the sliding-window and template-matching ops over a fixed partition of their output rows:
 * {@code [0, n)} is cut into {@code parts} contiguous ranges of nearly equal size, independent of
 * timing, and each range is computed by one task. Every output element is computed by exactly one
 * task from the inputs alone, so results are bit-identical for any thread count.
 *
 * <p>Tasks run on a private pool of daemon threads (never the common fork-join pool); the calling
 * thread runs the first range itself. A call made from inside a task runs everything on that
 * thread, so nested ops cannot deadlock. (When the library-wide {@code Parallelism} executor lands
 * on main, this class delegates to it.)
 */
public final class WindowTasks {
  /** A task body over the output rows {@code [from, to)}. */
  @FunctionalInterface
  public interface Range {
    /** Computes rows {@code [from, to)}. */
    void run(int from, int to);
  }

  private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);
  private static volatile ExecutorService pool;

  private WindowTasks() {}

  /** The default thread count: the available processors. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * Runs {@code body} over {@code [0, n)} split into at most {@code threads} ranges (fewer when
   * {@code n·costPerRow} is small) and returns when all are done; the first exception is rethrown.
   *
   * @param costPerRow rough work per row (e.g. multiply-adds), to avoid splitting tiny ops
   */
  public static void run(int n, int threads, long costPerRow, Range body) {
    int parts = (int) Math.min(Math.min(threads, n), Math.max(1, (long) n * Math.max(costPerRow, 1) / 50_000));
    if (parts <= 1 || INSIDE.get()) {
      if (n > 0) {
        body.run(0, n);
      }
      return;
    }
    ExecutorService ex = pool();
    List<Future<?>> futures = new ArrayList<>(parts - 1);
    for (int p = 1; p < parts; p++) {
      int from = (int) ((long) n * p / parts);
      int to = (int) ((long) n * (p + 1) / parts);
      futures.add(ex.submit(() -> {
        INSIDE.set(true);
        try {
          body.run(from, to);
        } finally {
          INSIDE.set(false);
        }
      }));
    }
    RuntimeException first = null;
    INSIDE.set(true);
    try {
      body.run(0, (int) ((long) n / parts));
    } catch (RuntimeException e) {
      first = e;
    } finally {
      INSIDE.set(false);
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        if (first == null) {
          Throwable c = e.getCause();
          first = c instanceof RuntimeException re ? re : new RuntimeException(c);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (first == null) {
          first = new IllegalStateException("interrupted", e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private static ExecutorService pool() {
    ExecutorService p = pool;
    if (p == null) {
      synchronized (WindowTasks.class) {
        p = pool;
        if (p == null) {
          AtomicInteger count = new AtomicInteger();
          ThreadFactory tf = r -> {
            Thread t = new Thread(r, "conv4j-window-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
          };
          p = Executors.newCachedThreadPool(tf);
          pool = p;
        }
      }
    }
    return p;
  }
}
