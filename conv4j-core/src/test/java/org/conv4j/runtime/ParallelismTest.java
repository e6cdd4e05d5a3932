package org.conv4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The thread-count configuration and the task runner behind every parallel op. */
class ParallelismTest {
  @Test
  void everyTaskRunsExactlyOnceForAnyThreadCount() {
    for (int threads = 1; threads <= 5; threads++) {
      for (int count : new int[] {0, 1, 2, 7, 100}) {
        AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(count, 1));
        Parallelism.runWithThreads(threads, () -> Parallelism.forEach(count, hits::incrementAndGet));
        for (int i = 0; i < count; i++) {
          assertThat(hits.get(i)).as("task %d of %d on %d threads", i, count, threads).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void workersGetTheirOwnStateAndAtMostThreadsOfThem() {
    AtomicInteger states = new AtomicInteger();
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    Parallelism.runWithThreads(3, () -> Parallelism.forEach(64, () -> new int[] {states.incrementAndGet()}, (s, i) -> {
      threads.add(Thread.currentThread());
      s[0] += 0;
    }));
    assertThat(states.get()).isBetween(1, 3);
    assertThat(threads.size()).isBetween(1, 3);
  }

  @Test
  void scopedThreadCountNestsAndRestores() {
    int before = Parallelism.threads();
    int inner = Parallelism.withThreads(1, () -> Parallelism.withThreads(3, Parallelism::threads));
    assertThat(inner).isEqualTo(3);
    assertThat(Parallelism.withThreads(1, Parallelism::threads)).isEqualTo(1);
    assertThat(Parallelism.threads()).isEqualTo(before);
  }

  @Test
  void nestedWorkRunsOnTheCallingWorker() {
    AtomicInteger inner = new AtomicInteger();
    Parallelism.runWithThreads(2, () -> Parallelism.forEach(4, i -> {
      assertThat(Parallelism.threads()).isEqualTo(1);
      Parallelism.forEach(3, j -> inner.incrementAndGet());
    }));
    assertThat(inner.get()).isEqualTo(12);
  }

  @Test
  void taskExceptionsPropagateAfterAllWorkersStop() {
    assertThatThrownBy(() -> Parallelism.runWithThreads(2, () -> Parallelism.forEach(10, i -> {
      if (i == 5) {
        throw new IllegalStateException("task 5");
      }
    }))).isInstanceOf(IllegalStateException.class).hasMessage("task 5");
    // The pool still works afterwards.
    AtomicInteger n = new AtomicInteger();
    Parallelism.runWithThreads(2, () -> Parallelism.forEach(10, i -> n.incrementAndGet()));
    assertThat(n.get()).isEqualTo(10);
  }

  @Test
  void injectedExecutorIsUsed() {
    var ex = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "injected");
      t.setDaemon(true);
      return t;
    });
    Set<String> names = ConcurrentHashMap.newKeySet();
    try {
      Parallelism.setExecutor(ex);
      Parallelism.runWithThreads(3, () -> Parallelism.forEach(200, i -> {
        names.add(Thread.currentThread().getName());
        busy();
      }));
    } finally {
      Parallelism.setExecutor(null);
      ex.shutdown();
    }
    assertThat(names).allMatch(n -> n.equals("injected") || !n.startsWith("conv4j-worker"));
  }

  @Test
  void rejectsNonPositiveCounts() {
    assertThatThrownBy(() -> Parallelism.setThreads(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> Parallelism.withThreads(-1, () -> 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Workspace.setMaxColumnBytes(10)).isInstanceOf(IllegalArgumentException.class);
  }

  private static void busy() {
    double s = 0;
    for (int i = 0; i < 10_000; i++) {
      s += Math.sqrt(i);
    }
    if (s < 0) {
      throw new AssertionError();
    }
  }
}
