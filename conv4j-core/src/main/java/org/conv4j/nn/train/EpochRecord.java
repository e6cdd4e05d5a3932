package org.conv4j.nn.train;

/**
 * What one epoch of training gave.
 *
 * @param epoch 1-based epoch number
 * @param iterations iterations done when it ended (in total)
 * @param trainLoss mean cross-entropy of its minibatches
 * @param validError validation error rate (fraction) measured at its end, NaN if none was
 * @param testError test error rate when the validation error improved during it, else NaN
 * @param seconds wall time of the epoch, validation and test included
 */
public record EpochRecord(int epoch, long iterations, double trainLoss, double validError, double testError, double seconds) {}
