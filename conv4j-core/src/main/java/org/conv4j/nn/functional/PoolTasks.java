package org.conv4j.nn.functional;

import org.conv4j.runtime.Parallelism;

/**
 * Splits a pooling op's independent planes ({@code N·C} of them) into contiguous chunks for
 * {@link Parallelism}. Each plane is computed by one task exactly as a single call would, so the
 * result has the same bits for any thread count.
 */
final class PoolTasks {
  /** Below this many input elements per op a second thread does not pay. */
  static final int MIN_PARALLEL_ELEMENTS = 1 << 15;

  /** A kernel call over planes {@code [p0, p1)}. */
  @FunctionalInterface
  interface PlaneRange {
    void run(int p0, int p1);
  }

  private PoolTasks() {}

  static void overPlanes(int planes, int planeSize, PlaneRange body) {
    int threads = Parallelism.threads();
    if (threads == 1 || planes < 2 || (long) planes * planeSize < MIN_PARALLEL_ELEMENTS) {
      body.run(0, planes);
      return;
    }
    int chunks = Math.min(planes, 4 * threads);
    Parallelism.forEach(chunks, c -> {
      int p0 = (int) ((long) planes * c / chunks);
      int p1 = (int) ((long) planes * (c + 1) / chunks);
      if (p1 > p0) {
        body.run(p0, p1);
      }
    });
  }
}
