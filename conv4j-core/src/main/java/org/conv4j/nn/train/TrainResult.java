package org.conv4j.nn.train;

import java.util.List;

/**
 * The outcome of {@link Trainer#fit}, in the tutorial's terms.
 *
 * @param bestValidError the best validation error rate (fraction)
 * @param bestIteration the 1-based iteration where it was reached (the tutorial prints {@code best_iter + 1})
 * @param testError the test error rate at that point
 * @param epochs epochs completed
 * @param iterations minibatch updates done in total
 * @param seconds wall time of the whole run (earlier runs of a resumed one included)
 * @param stoppedEarly whether early stopping (patience) ended the run
 * @param history one record per completed epoch
 */
public record TrainResult(double bestValidError, long bestIteration, double testError, int epochs, long iterations,
    double seconds, boolean stoppedEarly, List<EpochRecord> history) {

  /** The tutorial's closing line: {@code best validation error X % at iteration I, test error Y %}. */
  public String summary() {
    return String.format(java.util.Locale.ROOT, "best validation error %.2f %% at iteration %d, test error %.2f %%",
        bestValidError * 100, bestIteration, testError * 100);
  }
}
