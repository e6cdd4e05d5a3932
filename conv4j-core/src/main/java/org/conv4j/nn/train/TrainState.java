package org.conv4j.nn.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a training run is: the position in the epoch/batch grid, the early-stopping bookkeeping and
 * the per-epoch history. Everything needed (with the model and optimizer) to continue a run exactly;
 * saved in checkpoints. Mutable; owned by one {@link Trainer#fit} call at a time.
 */
public final class TrainState {
  /** 0-based epoch in progress (or next to start). */
  public int epoch;
  /** 0-based next batch within {@link #epoch}. */
  public int batch;
  /** Minibatch updates done in total (the tutorial's {@code iter} of the next update). */
  public long iteration;
  /** Early stopping: the run ends once {@code patience <= iter}. */
  public long patience;
  /** The best validation error so far (+∞ before the first validation). */
  public double bestValidError = Double.POSITIVE_INFINITY;
  /** The 0-based iteration of the best validation error. */
  public long bestIteration;
  /** The test error measured at the best validation error. */
  public double testErrorAtBest = Double.NaN;
  /** Whether early stopping has ended the run. */
  public boolean done;
  /** Sum and count of the minibatch losses of the epoch in progress. */
  public double epochLossSum;
  /** Count of minibatches in {@link #epochLossSum}. */
  public long epochLossCount;
  /** Validation and test errors measured in the epoch in progress (NaN when not measured). */
  public double epochValidError = Double.NaN;
  /** Test error measured in the epoch in progress (NaN when not measured). */
  public double epochTestError = Double.NaN;
  /** Wall time of the epoch in progress before the current session. */
  public double epochSecondsBefore;
  /** Wall time of all finished sessions of this run. */
  public double secondsBefore;
  /** Completed epochs. */
  public final List<EpochRecord> history = new ArrayList<>();

  /** A fresh run with the given patience. */
  public static TrainState start(long patience) {
    TrainState s = new TrainState();
    s.patience = patience;
    return s;
  }
}
