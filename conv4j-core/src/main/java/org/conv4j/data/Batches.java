package org.conv4j.data;

import org.conv4j.tensor.Rng;

/**
 * The order of minibatches in an epoch. In fixed order (the Theano tutorial's) batch {@code b} is
 * examples {@code [b·B, (b+1)·B)}; shuffled, epoch {@code e} visits the examples in the permutation
 * drawn from {@code new Rng(seed + (e+1)·γ)} (γ the golden-ratio constant), so any epoch's order can
 * be recomputed from the seed alone, which is what makes resuming from a checkpoint exact. As the
 * tutorial, only full batches are used ({@code ⌊N/B⌋} per epoch; the remainder is skipped), unless
 * there are fewer than {@code B} examples, in which case the epoch is one batch of all of them.
 */
public final class Batches {
  private static final long GAMMA = 0x9E3779B97F4A7C15L;
  private final Dataset data;
  private final int batchSize;
  private final boolean shuffle;
  private final long seed;

  /**
   * @throws IllegalArgumentException when the batch size is not positive or the dataset is empty
   */
  public Batches(Dataset data, int batchSize, boolean shuffle, long seed) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    }
    if (data.size() == 0) {
      throw new IllegalArgumentException("cannot make batches of an empty dataset");
    }
    this.data = data;
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.seed = seed;
  }

  /** Batches per epoch. */
  public int count() {
    return Math.max(1, data.size() / batchSize);
  }

  /** The batch size actually used (the dataset size when it is smaller than the requested one). */
  public int batchSize() {
    return Math.min(batchSize, data.size());
  }

  /** Batch {@code b} of epoch {@code epoch} (0-based). */
  public Dataset.Batch get(int epoch, int b) {
    if (b < 0 || b >= count()) {
      throw new IndexOutOfBoundsException("batch " + b + " of " + count());
    }
    int bs = batchSize();
    if (!shuffle) {
      return data.batch(b * bs, (b + 1) * bs);
    }
    int[] perm = permutation(epoch);
    int[] idx = new int[bs];
    System.arraycopy(perm, b * bs, idx, 0, bs);
    return data.gather(idx);
  }

  private int cachedEpoch = -1;
  private int[] cachedPerm;

  private int[] permutation(int epoch) {
    if (epoch != cachedEpoch) {
      cachedPerm = new Rng(seed + (epoch + 1L) * GAMMA).permutation(data.size());
      cachedEpoch = epoch;
    }
    return cachedPerm;
  }
}
