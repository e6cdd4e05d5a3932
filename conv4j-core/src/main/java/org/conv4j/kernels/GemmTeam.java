package org.conv4j.kernels;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.conv4j.runtime.Parallelism;

/**
 * The schedule of the parallel SIMD GEMM ({@link Blas#sgemmParallel}, {@link Blas#dgemmParallel}):
 * the workers pack each block of B once, together, into one shared buffer, then compute blocks of
 * C against it (BLIS's scheme, instead of every block of C repacking B on its own).
 *
 * <p>Per B block the work is two lists of units taken from shared counters: the pack units
 * (column strips of the block), then the compute units (blocks of C). A worker takes pack units
 * until none is left, waits until every pack unit of the block is finished, then takes compute
 * units; before the next block overwrites the buffer it waits until every compute unit of the
 * previous block is finished. A worker only ever waits for units another worker has already taken,
 * and a worker that has taken a unit is running it, so the schedule cannot deadlock even when a
 * worker starts late or never (the ones that run take all the units); a failing unit releases the
 * waiters. Which worker computes a block of C does not change its summation order, so the result
 * is the same for any thread count.
 */
final class GemmTeam {
  /** What one product does; the team decides who does it and when. */
  interface Work {
    /** Pack units of B block {@code blk}. */
    int packUnits(int blk);

    /** Packs unit {@code unit} of B block {@code blk} into the shared buffer. */
    void pack(int blk, int unit);

    /** Compute units of B block {@code blk}. */
    int computeUnits(int blk);

    /** Computes unit {@code unit} of B block {@code blk} (reads only its B block's packing). */
    void compute(int blk, int unit);
  }

  private GemmTeam() {}

  /**
   * How one m×n×k product is cut: B in {@link #blocks} column blocks of {@link #ncb} columns (each
   * packed for every k-block, k-block stride {@link #stride}, {@link #bufSize} elements in all),
   * each block in pack strips of whole NR panels; C in {@link #rowItems} row blocks of
   * {@link #rowsPerItem} rows (whole MR groups, at most MC) times up to {@link #colWant} column
   * strips per B block (when there are fewer row blocks than threads).
   */
  record Plan(int m, int n, int nr, int threads, int kBlocks, int ncb, int blocks, int stride, int bufSize,
      int rowsPerItem, int rowItems, int colWant) {

    /**
     * @param bCap most elements of packed B at once (further columns go to further blocks)
     * @param aCap most elements of one worker's packed rows of A
     */
    static Plan of(int m, int n, int k, int mr, int nr, int kc, int mc, int bCap, int aCap, int threads) {
      int kBlocks = Math.max(1, (k + kc - 1) / kc);
      int ncbMax = Math.max(nr, bCap / (kBlocks * kc) / nr * nr);
      int nrTotal = (n + nr - 1) / nr * nr;
      int blocks = (nrTotal + ncbMax - 1) / ncbMax;
      int ncb = ((n + blocks - 1) / blocks + nr - 1) / nr * nr;
      int groups = (m + mr - 1) / mr;
      int rowCap = Math.min(mc, Math.max(mr, aCap / (kBlocks * kc) / mr * mr));
      int rowBlocks = (m + rowCap - 1) / rowCap;
      int rowItems = rowBlocks >= threads ? Math.min(groups, (rowBlocks + threads - 1) / threads * threads) : rowBlocks;
      int rowsPerItem = (groups + rowItems - 1) / rowItems * mr;
      rowItems = (m + rowsPerItem - 1) / rowsPerItem;
      int colWant = rowItems >= threads ? 1 : (2 * threads + rowItems - 1) / rowItems;
      return new Plan(m, n, nr, threads, kBlocks, ncb, blocks, kc * ncb, kBlocks * kc * ncb, rowsPerItem, rowItems, colWant);
    }

    int blockStart(int blk) {
      return blk * ncb;
    }

    private int blockPanels(int blk) {
      return (Math.min(n, (blk + 1) * ncb) - blk * ncb + nr - 1) / nr;
    }

    private int unitPanels(int blk) {
      int panels = blockPanels(blk), want = 4 * threads;
      return (panels + want - 1) / want;
    }

    int packUnits(int blk) {
      int per = unitPanels(blk);
      return (blockPanels(blk) + per - 1) / per;
    }

    int packStart(int blk, int u) {
      return blk * ncb + u * unitPanels(blk) * nr;
    }

    int packEnd(int blk, int u) {
      return Math.min(Math.min(n, (blk + 1) * ncb), packStart(blk, u) + unitPanels(blk) * nr);
    }

    private int colItems(int blk) {
      return Math.min(blockPanels(blk), colWant);
    }

    int computeUnits(int blk) {
      return rowItems * colItems(blk);
    }

    int row0(int blk, int u) {
      return u / colItems(blk) * rowsPerItem;
    }

    int row1(int blk, int u) {
      return Math.min(m, row0(blk, u) + rowsPerItem);
    }

    int col0(int blk, int u) {
      int ci = colItems(blk);
      return blk * ncb + (int) ((long) blockPanels(blk) * (u % ci) / ci) * nr;
    }

    int col1(int blk, int u) {
      int ci = colItems(blk);
      return Math.min(Math.min(n, (blk + 1) * ncb), blk * ncb + (int) ((long) blockPanels(blk) * (u % ci + 1) / ci) * nr);
    }
  }


  /** Runs {@code blocks} B blocks of {@code work} on up to {@code threads} workers. */
  static void run(int threads, int blocks, Work work) {
    // Per block: taken and finished pack units, taken and finished compute units.
    AtomicIntegerArray state = new AtomicIntegerArray(4 * blocks + 1);
    int failed = 4 * blocks;
    Parallelism.forEach(threads, w -> {
      try {
        for (int blk = 0; blk < blocks; blk++) {
          int s = 4 * blk;
          if (blk > 0) {
            await(state, s - 1, work.computeUnits(blk - 1), failed);
          }
          int packs = work.packUnits(blk);
          for (int u = state.getAndIncrement(s); u < packs; u = state.getAndIncrement(s)) {
            work.pack(blk, u);
            state.incrementAndGet(s + 1);
          }
          await(state, s + 1, packs, failed);
          int units = work.computeUnits(blk);
          for (int u = state.getAndIncrement(s + 2); u < units; u = state.getAndIncrement(s + 2)) {
            work.compute(blk, u);
            state.incrementAndGet(s + 3);
          }
        }
      } catch (RuntimeException | Error e) {
        state.set(failed, 1);
        throw e;
      }
    });
  }

  /** Spins (yielding after a while) until {@code state[i] >= target}; gives up if a unit failed. */
  private static void await(AtomicIntegerArray state, int i, int target, int failed) {
    for (int spins = 0; state.get(i) < target; spins++) {
      if (state.get(failed) != 0) {
        throw new IllegalStateException("gemm: another worker failed");
      }
      if (spins < 2000) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
  }
}
