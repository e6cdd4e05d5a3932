package org.conv4j.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a filter's independent tasks on a fixed partition: {@code T} threads take contiguous,
 * equal ranges of the task indices, the calling thread the first. Each task writes its own outputs
 * and computes them the same way whoever runs it, so results are bit-identical for any thread
 * count. The helper threads are this package's own daemon threads, never the common pool; a call
 * from one of them runs on one thread (no nested fan-out).
 *
 * <p>Thread count: {@link FilterOptions#threads()} when positive, else the system property
 * {@code conv4j.threads}, else {@link Runtime#availableProcessors()}.
 */
final class Workers {
  /** A contiguous range of tasks {@code [from, to)}, run by one thread with its own scratch. */
  @FunctionalInterface
  interface Range {
    void run(int from, int to);
  }

  private static final ThreadLocal<Boolean> IN_WORKER = ThreadLocal.withInitial(() -> Boolean.FALSE);
  private static ExecutorService pool;

  private Workers() {}

  static int threads(FilterOptions options) {
    if (options.threads() > 0) {
      return options.threads();
    }
    Integer p = Integer.getInteger("conv4j.threads");
    return p != null && p > 0 ? p : Runtime.getRuntime().availableProcessors();
  }

  private static synchronized ExecutorService pool() {
    if (pool == null) {
      AtomicInteger id = new AtomicInteger();
      pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(() -> {
          IN_WORKER.set(Boolean.TRUE);
          r.run();
        }, "conv4j-filter-" + id.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
    return pool;
  }

  /** Runs tasks {@code [0, tasks)} split into at most {@code threads} ranges; returns when all are done. */
  static void run(int threads, int tasks, Range body) {
    int t = Math.min(threads, tasks);
    if (t <= 1 || IN_WORKER.get()) {
      if (tasks > 0) {
        body.run(0, tasks);
      }
      return;
    }
    List<Future<?>> futures = new ArrayList<>(t - 1);
    ExecutorService ex = pool();
    for (int k = 1; k < t; k++) {
      int from = (int) ((long) tasks * k / t);
      int to = (int) ((long) tasks * (k + 1) / t);
      futures.add(ex.submit(() -> body.run(from, to)));
    }
    Throwable failure = null;
    try {
      body.run(0, (int) ((long) tasks / t));
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (failure == null) {
          failure = e;
        }
      }
    }
    if (failure instanceof RuntimeException re) {
      throw re;
    }
    if (failure instanceof Error err) {
      throw err;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }
}
