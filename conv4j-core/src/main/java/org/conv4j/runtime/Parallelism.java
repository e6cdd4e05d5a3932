package org.conv4j.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * How many threads conv4j's ops use, and on which executor. The kernels themselves are
 * single-threaded; the ops split their work (over examples, channel planes or blocks of a matrix
 * product) into independent tasks and run them through {@link #forEach}. Every task writes its own
 * part of the result in a fixed order, and reductions (a weight gradient summed over the batch)
 * combine per-task partial sums in task order, so <b>results are bit-identical for any thread
 * count</b>.
 *
 * <p>Configuration, from the narrowest scope to the widest:
 * <ol>
 *   <li>{@link #withThreads(int, Supplier)} / {@link #runWithThreads(int, Runnable)}: for the
 *       calling thread, for the duration of a call. Use {@code 1} inside a Spark task or any other
 *       framework that already runs one task per core.
 *   <li>{@link #setThreads(int)}: the process-wide default.
 *   <li>The system property {@code conv4j.threads} read at start-up.
 *   <li>Otherwise {@link Runtime#availableProcessors()}.
 * </ol>
 * The pool is a private set of daemon threads created on first use ({@code threads − 1} of them:
 * the calling thread takes part), never the common fork-join pool; {@link #setExecutor} injects
 * another executor instead. Work submitted from inside a task runs on the submitting thread, so
 * nested ops never deadlock the pool.
 *
 * {@snippet :
 * Parallelism.setThreads(2);                                   // process-wide
 * Tensor y = Parallelism.withThreads(1, () -> Conv.conv2d(x, w)); // this call only, e.g. in a Spark task
 * }
 */
public final class Parallelism {
  private static final ThreadLocal<Integer> SCOPED = new ThreadLocal<>();
  private static final ThreadLocal<Boolean> IN_TASK = ThreadLocal.withInitial(() -> Boolean.FALSE);
  private static volatile int defaultThreads = initialThreads();
  private static volatile ExecutorService injected;
  private static ExecutorService own;
  private static int ownSize;

  private Parallelism() {}

  /** A task body: runs task {@code task} with the worker-local state {@code state}. */
  @FunctionalInterface
  public interface Task<S> {
    /**
     * Runs one task.
     *
     * @param state the calling worker's own state (from the supplier given to {@link #forEach}),
     *     reused across the tasks that worker runs
     * @param task the task index, {@code 0 ≤ task < count}
     */
    void run(S state, int task);
  }

  /** The thread count ops started by the calling thread use now (at least 1). */
  public static int threads() {
    if (IN_TASK.get()) {
      return 1;
    }
    Integer scoped = SCOPED.get();
    return scoped != null ? scoped : defaultThreads;
  }

  /**
   * Sets the process-wide default thread count.
   *
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public static void setThreads(int threads) {
    defaultThreads = check(threads);
  }

  /**
   * Runs {@code body} on the calling thread with ops limited to {@code threads} threads, then
   * restores the previous setting.
   *
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public static <T> T withThreads(int threads, Supplier<T> body) {
    Integer previous = SCOPED.get();
    SCOPED.set(check(threads));
    try {
      return body.get();
    } finally {
      if (previous == null) {
        SCOPED.remove();
      } else {
        SCOPED.set(previous);
      }
    }
  }

  /** {@link #withThreads(int, Supplier)} for a body without a result. */
  public static void runWithThreads(int threads, Runnable body) {
    withThreads(threads, () -> {
      body.run();
      return null;
    });
  }

  /**
   * Runs tasks on {@code executor} instead of conv4j's own daemon threads (null restores them).
   * The executor must run at least {@code threads() − 1} tasks concurrently; conv4j never shuts it
   * down.
   */
  public static synchronized void setExecutor(ExecutorService executor) {
    injected = executor;
  }

  /**
   * Runs {@code body.run(state, i)} once for every {@code i} in {@code [0, count)} on up to
   * {@link #threads()} threads (the caller included) and returns when all have finished. Workers
   * take task indices from a shared counter; each worker calls {@code state} once for its own
   * state. The first exception thrown by a task is rethrown (unchecked) after all workers stop.
   * Callers keep results thread-count independent by making each task's output depend only on
   * its index.
   */
  public static <S> void forEach(int count, Supplier<S> state, Task<S> body) {
    Objects.requireNonNull(body);
    int workers = Math.min(threads(), count);
    if (workers <= 1) {
      if (count > 0) {
        S s = state.get();
        boolean outer = !IN_TASK.get();
        IN_TASK.set(Boolean.TRUE);
        try {
          for (int i = 0; i < count; i++) {
            body.run(s, i);
          }
        } finally {
          if (outer) {
            IN_TASK.set(Boolean.FALSE);
          }
        }
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      IN_TASK.set(Boolean.TRUE);
      try {
        S s = null;
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          if (s == null) {
            s = state.get();
          }
          body.run(s, i);
        }
      } finally {
        IN_TASK.set(Boolean.FALSE);
      }
    };
    ExecutorService ex = executor(workers - 1);
    List<Future<?>> helpers = new ArrayList<>(workers - 1);
    // A helper whose thread is not scheduled before the caller has taken every task is skipped
    // instead of waited for: whoever flips its flag first (the helper on start, the caller when
    // done) decides, so the caller never waits for a thread that would find nothing left to do.
    AtomicBoolean[] started = new AtomicBoolean[workers - 1];
    for (int w = 1; w < workers; w++) {
      AtomicBoolean flag = new AtomicBoolean();
      started[w - 1] = flag;
      helpers.add(ex.submit(() -> {
        if (flag.compareAndSet(false, true)) {
          worker.run();
        }
      }));
    }
    Throwable failure = null;
    try {
      worker.run();
    } catch (RuntimeException | Error e) {
      failure = e;
      next.set(count);
    }
    for (int h = 0; h < helpers.size(); h++) {
      Future<?> f = helpers.get(h);
      if (started[h].compareAndSet(false, true)) {
        continue;
      }
      try {
        f.get();
      } catch (ExecutionException e) {
        next.set(count);
        if (failure == null) {
          failure = e.getCause();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        next.set(count);
        if (failure == null) {
          failure = e;
        }
      }
    }
    if (failure instanceof RuntimeException re) {
      throw re;
    }
    if (failure instanceof Error er) {
      throw er;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  /** {@link #forEach(int, Supplier, Task)} for tasks without worker state. */
  public static void forEach(int count, java.util.function.IntConsumer body) {
    forEach(count, () -> Boolean.TRUE, (s, i) -> body.accept(i));
  }

  private static synchronized ExecutorService executor(int helpers) {
    if (injected != null) {
      return injected;
    }
    if (own == null || ownSize < helpers) {
      ExecutorService old = own;
      AtomicInteger id = new AtomicInteger();
      own = Executors.newFixedThreadPool(helpers, r -> {
        Thread t = new Thread(r, "conv4j-worker-" + id.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      ownSize = helpers;
      if (old != null) {
        old.shutdown();
      }
    }
    return own;
  }

  private static int check(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
    }
    return threads;
  }

  private static int initialThreads() {
    String p = System.getProperty("conv4j.threads");
    if (p != null) {
      try {
        int t = Integer.parseInt(p.trim());
        if (t >= 1) {
          return t;
        }
      } catch (NumberFormatException e) {
        // fall through to the machine's cores
      }
    }
    return Runtime.getRuntime().availableProcessors();
  }
}
