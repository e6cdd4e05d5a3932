package org.conv4j.nn.train;

import java.nio.file.Path;

/** Progress callbacks of a {@link Trainer}; all methods default to doing nothing. */
public interface TrainListener {
  /**
   * Before the first batch.
   *
   * @param firstEpoch the 1-based epoch training starts (or resumes) in
   */
  default void onStart(int firstEpoch, int epochs, int batchesPerEpoch, int batchSize) {}

  /**
   * After every minibatch update.
   *
   * @param epoch 1-based
   * @param batch 1-based index within the epoch
   * @param loss the batch's mean cross-entropy
   * @param epochSeconds wall time since the epoch started
   */
  default void onBatch(int epoch, int batch, int batchesPerEpoch, double loss, double epochSeconds) {}

  /** After an epoch, its validation and (when it improved) its test error. */
  default void onEpoch(EpochRecord record, boolean improved) {}

  /** After a checkpoint was written. */
  default void onCheckpoint(Path file) {}
}
