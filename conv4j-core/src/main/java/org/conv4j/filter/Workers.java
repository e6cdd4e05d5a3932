package org.conv4j.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs a filter's independent tasks on up to {@code T} threads, the calling thread included. The
 * threads claim small chunks of consecutive task indices from a shared counter, so a thread that
 * the OS deschedules on a busy machine does not hold the others up (a fixed partition waits for its
 * slowest part). Each task writes its own outputs and computes them from the input alone, the same
 * way whoever runs it (scratch is reused but always overwritten before it is read), so results are
 * bit-identical for any thread count and any claiming order. The helper threads are this package's
 * own daemon threads, never the common pool; a call from one of them runs on one thread (no nested
 * fan-out).
 *
 * <p>Thread count: {@link FilterOptions#threads()} when positive, else the system property
 * {@code conv4j.threads}, else {@link Runtime#availableProcessors()}.
 */
final class Workers {
  /** One task, run with the calling worker's own scratch. */
  @FunctionalInterface
  interface Task<S> {
    void run(S scratch, int task);
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

  /**
   * Runs tasks {@code [0, tasks)} on at most {@code threads} threads, each with one scratch from
   * {@code scratch}; returns when all are done and rethrows the first failure.
   */
  static <S> void run(int threads, int tasks, Supplier<S> scratch, Task<S> body) {
    int t = Math.min(threads, tasks);
    if (t <= 1 || IN_WORKER.get()) {
      S s = tasks > 0 ? scratch.get() : null;
      for (int k = 0; k < tasks; k++) {
        body.run(s, k);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    int chunk = Math.max(1, tasks / (8 * t));
    Runnable worker = () -> {
      S s = scratch.get();
      for (int from; (from = next.getAndAdd(chunk)) < tasks; ) {
        int to = Math.min(tasks, from + chunk);
        for (int k = from; k < to; k++) {
          body.run(s, k);
        }
      }
    };
    List<Future<?>> futures = new ArrayList<>(t - 1);
    ExecutorService ex = pool();
    for (int k = 1; k < t; k++) {
      futures.add(ex.submit(worker));
    }
    Throwable failure = null;
    try {
      worker.run();
    } catch (RuntimeException | Error e) {
      failure = e;
      next.set(tasks); // stop the others early
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
