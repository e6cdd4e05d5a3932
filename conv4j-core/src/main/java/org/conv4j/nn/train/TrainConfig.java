package org.conv4j.nn.train;

import java.nio.file.Path;
import org.conv4j.nn.FlatParameters;
import org.conv4j.optim.Adam;
import org.conv4j.optim.LrSchedule;
import org.conv4j.optim.Optimizer;
import org.conv4j.optim.Sgd;

/**
 * Settings of a {@link Trainer} run. {@link #tutorial()} is the Theano LeNet tutorial's protocol
 * (SPEC §6.3): plain SGD, lr 0.1, batch 500, up to 200 epochs in fixed order, early stopping with
 * patience 10 000 iterations, increase 2, improvement threshold 0.995, seed 23455.
 *
 * @param epochs the most epochs to run
 * @param batchSize examples per minibatch
 * @param lr the base learning rate
 * @param optimizer {@code sgd}, {@code momentum}, {@code nesterov} or {@code adam}
 * @param momentum the momentum of {@code momentum}/{@code nesterov}
 * @param weightDecay L2 weight decay (0 for none)
 * @param schedule the learning rate per epoch
 * @param seed seeds the initial weights and the shuffling
 * @param shuffle shuffle every epoch (the tutorial does not)
 * @param patience early stopping: iterations to run at least
 * @param patienceIncrease early stopping: on a significant improvement at iteration i, patience
 *     becomes at least {@code i·patienceIncrease}
 * @param improvementThreshold a validation error below {@code best·threshold} is significant
 * @param maxIterations stop after this many iterations in total (for tests; {@code Long.MAX_VALUE} for none)
 * @param checkpoint where to save a checkpoint after every epoch (null for none)
 * @param evalBatchSize examples per batch when computing validation and test errors
 */
public record TrainConfig(
    int epochs,
    int batchSize,
    double lr,
    String optimizer,
    double momentum,
    double weightDecay,
    LrSchedule schedule,
    long seed,
    boolean shuffle,
    long patience,
    int patienceIncrease,
    double improvementThreshold,
    long maxIterations,
    Path checkpoint,
    int evalBatchSize) {

  /** The tutorial's seed. */
  public static final long TUTORIAL_SEED = 23455;

  /**
   * Checks ranges.
   *
   * @throws IllegalArgumentException naming the setting
   */
  public TrainConfig {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    if (batchSize < 1 || evalBatchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    if (!(lr > 0) || !Double.isFinite(lr)) {
      throw new IllegalArgumentException("learning rate must be a positive number, got " + lr);
    }
    if (!java.util.List.of("sgd", "momentum", "nesterov", "adam").contains(optimizer)) {
      throw new IllegalArgumentException("optimizer must be sgd, momentum, nesterov or adam, got '" + optimizer + "'");
    }
    if (patience < 1 || patienceIncrease < 1 || !(improvementThreshold > 0 && improvementThreshold <= 1)) {
      throw new IllegalArgumentException("early stopping needs patience >= 1, increase >= 1, 0 < threshold <= 1");
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("max iterations must be at least 1, got " + maxIterations);
    }
    if (schedule == null) {
      schedule = LrSchedule.constant();
    }
  }

  /** The tutorial's protocol. */
  public static TrainConfig tutorial() {
    return new TrainConfig(200, 500, 0.1, "sgd", 0.9, 0, LrSchedule.constant(), TUTORIAL_SEED, false, 10000, 2, 0.995,
        Long.MAX_VALUE, null, 1000);
  }

  /** With another epoch limit. */
  public TrainConfig withEpochs(int e) {
    return new TrainConfig(e, batchSize, lr, optimizer, momentum, weightDecay, schedule, seed, shuffle, patience,
        patienceIncrease, improvementThreshold, maxIterations, checkpoint, evalBatchSize);
  }

  /** With another batch size. */
  public TrainConfig withBatchSize(int b) {
    return new TrainConfig(epochs, b, lr, optimizer, momentum, weightDecay, schedule, seed, shuffle, patience,
        patienceIncrease, improvementThreshold, maxIterations, checkpoint, evalBatchSize);
  }

  /** With another base learning rate. */
  public TrainConfig withLr(double l) {
    return new TrainConfig(epochs, batchSize, l, optimizer, momentum, weightDecay, schedule, seed, shuffle, patience,
        patienceIncrease, improvementThreshold, maxIterations, checkpoint, evalBatchSize);
  }

  /** With another optimizer ({@code sgd}, {@code momentum}, {@code nesterov}, {@code adam}). */
  public TrainConfig withOptimizer(String o) {
    return new TrainConfig(epochs, batchSize, lr, o, momentum, weightDecay, schedule, seed, shuffle, patience,
        patienceIncrease, improvementThreshold, maxIterations, checkpoint, evalBatchSize);
  }

  /** With weight decay. */
  public TrainConfig withWeightDecay(double wd) {
    return new TrainConfig(epochs, batchSize, lr, optimizer, momentum, wd, schedule, seed, shuffle, patience,
        patienceIncrease, improvementThreshold, maxIterations, checkpoint, evalBatchSize);
  }

  /** With a learning-rate schedule. */
  public TrainConfig withSchedule(LrSchedule s) {
    return new TrainConfig(epochs, batchSize, lr, optimizer, momentum, weightDecay, s, seed, shuffle, patience,
        patienceIncrease, improvementThreshold, maxIterations, checkpoint, evalBatchSize);
  }

  /** With another seed. */
  public TrainConfig withSeed(long s) {
    return new TrainConfig(epochs, batchSize, lr, optimizer, momentum, weightDecay, schedule, s, shuffle, patience,
        patienceIncrease, improvementThreshold, maxIterations, checkpoint, evalBatchSize);
  }

  /** Shuffled or fixed order. */
  public TrainConfig withShuffle(boolean s) {
    return new TrainConfig(epochs, batchSize, lr, optimizer, momentum, weightDecay, schedule, seed, s, patience,
        patienceIncrease, improvementThreshold, maxIterations, checkpoint, evalBatchSize);
  }

  /** With an early-stopping patience (iterations). */
  public TrainConfig withPatience(long p) {
    return new TrainConfig(epochs, batchSize, lr, optimizer, momentum, weightDecay, schedule, seed, shuffle, p,
        patienceIncrease, improvementThreshold, maxIterations, checkpoint, evalBatchSize);
  }

  /** Stopping after {@code n} iterations in total. */
  public TrainConfig withMaxIterations(long n) {
    return new TrainConfig(epochs, batchSize, lr, optimizer, momentum, weightDecay, schedule, seed, shuffle, patience,
        patienceIncrease, improvementThreshold, n, checkpoint, evalBatchSize);
  }

  /** Saving a checkpoint to {@code file} after every epoch (null for none). */
  public TrainConfig withCheckpoint(Path file) {
    return new TrainConfig(epochs, batchSize, lr, optimizer, momentum, weightDecay, schedule, seed, shuffle, patience,
        patienceIncrease, improvementThreshold, maxIterations, file, evalBatchSize);
  }

  /** A new optimizer of this config's kind over {@code flat}. */
  public Optimizer newOptimizer(FlatParameters flat) {
    return switch (optimizer) {
      case "sgd" -> new Sgd(flat, lr, 0, false, weightDecay);
      case "momentum" -> new Sgd(flat, lr, momentum, false, weightDecay);
      case "nesterov" -> new Sgd(flat, lr, momentum, true, weightDecay);
      default -> new Adam(flat, lr, 0.9, 0.999, 1e-8, weightDecay);
    };
  }
}
