package org.conv4j.nn.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.conv4j.autodiff.Ops;
import org.conv4j.autodiff.Variable;
import org.conv4j.data.Batches;
import org.conv4j.data.Dataset;
import org.conv4j.data.Mnist;
import org.conv4j.nn.FlatParameters;
import org.conv4j.nn.Module;
import org.conv4j.optim.Optimizer;
import org.conv4j.tensor.Tensor;

/**
 * Minibatch training of a classifier with the Theano tutorial's early stopping
 * ({@code convolutional_mlp.py}, SPEC §6.3). For each minibatch, in order: zero the gradients, take
 * the mean cross-entropy of the model's logits, back-propagate, step the optimizer. After update
 * {@code iter} (0-based), when {@code (iter + 1) % validationFrequency == 0} with
 * {@code validationFrequency = min(batchesPerEpoch, patience / 2)} (once per epoch for the
 * tutorial), the validation error is measured; if it beats the best, and by more than the
 * improvement threshold, patience grows to {@code max(patience, iter·patienceIncrease)}, and the
 * test error is measured. The run ends after {@code epochs} epochs or as soon as
 * {@code patience <= iter}.
 *
 * <p>A run can be stopped (after {@link TrainConfig#maxIterations()} updates) and continued from a
 * {@link Checkpoint} with the same result as an uninterrupted run, bit for bit: batch order is a
 * function of the seed and epoch, and the checkpoint holds everything else.
 *
 * {@snippet :
 * Sequential net = LeNet.create();
 * net.initialize(new NumpyRandomState(23455));
 * TrainConfig cfg = TrainConfig.tutorial();
 * Optimizer opt = cfg.newOptimizer(net.flatParameters());
 * TrainResult r = new Trainer().fit(net, Mnist.load(dir, Mnist.Kind.MNIST), opt, cfg, TrainState.start(cfg.patience()),
 *     new TrainListener() {});
 * System.out.println(r.summary());
 * }
 */
public final class Trainer {
  /**
   * Trains {@code model} from {@code state} (a fresh {@link TrainState#start} or one restored from a
   * checkpoint), updating it in place.
   *
   * @throws TrainingDivergedException when a minibatch loss is NaN or infinite (no checkpoint is
   *     written after that, so the last one written is the last good state)
   * @throws UncheckedIOException when a checkpoint cannot be written
   */
  public TrainResult fit(Module model, Mnist.Split data, Optimizer optimizer, TrainConfig config, TrainState state,
      TrainListener listener) {
    Batches batches = new Batches(data.train(), config.batchSize(), config.shuffle(), config.seed());
    int nb = batches.count();
    long validationFrequency = Math.max(1, Math.min(nb, config.patience() / 2));
    FlatParameters flat = model.flatParameters();
    Clock clock = new Clock(state);
    listener.onStart(state.epoch + 1, config.epochs(), nb, batches.batchSize());
    int lastSavedEpoch = -1;
    boolean limitReached = false;
    while (state.epoch < config.epochs() && !state.done && !limitReached) {
      optimizer.setLearningRate(config.schedule().lr(config.lr(), state.epoch));
      model.train(true);
      while (state.batch < nb) {
        long iter = state.iteration;
        Dataset.Batch b = batches.get(state.epoch, state.batch);
        flat.zeroGrad();
        Variable loss = Ops.crossEntropy(model.forward(Variable.of(b.images())), b.labels());
        double lv = loss.value().item();
        if (!Double.isFinite(lv)) {
          throw new TrainingDivergedException(String.format(Locale.ROOT,
              "the training loss became %s at epoch %d, iteration %d (learning rate %s): training diverged; try a smaller"
                  + " learning rate. %s", lv, state.epoch + 1, iter + 1, optimizer.learningRate(),
              config.checkpoint() == null ? "No checkpoint was being written."
                  : lastSavedEpoch < 0 ? "The checkpoint " + config.checkpoint() + " was not overwritten."
                  : "The last good checkpoint " + config.checkpoint() + " (end of epoch " + lastSavedEpoch + ") is kept."));
        }
        loss.backward();
        optimizer.step();
        state.iteration++;
        state.batch++;
        state.epochLossSum += lv;
        state.epochLossCount++;
        listener.onBatch(state.epoch + 1, state.batch, nb, lv, clock.epochSeconds());
        if ((iter + 1) % validationFrequency == 0) {
          double valid = errorRate(model, data.valid(), config.evalBatchSize());
          state.epochValidError = valid;
          if (valid < state.bestValidError) {
            if (valid < state.bestValidError * config.improvementThreshold()) {
              state.patience = Math.max(state.patience, iter * config.patienceIncrease());
            }
            state.bestValidError = valid;
            state.bestIteration = iter;
            state.testErrorAtBest = errorRate(model, data.test(), config.evalBatchSize());
            state.epochTestError = state.testErrorAtBest;
          }
          model.train(true);
        }
        if (state.patience <= iter) {
          state.done = true;
          break;
        }
        if (state.iteration >= config.maxIterations()) {
          limitReached = true;
          break;
        }
      }
      if (state.batch < nb && !state.done) {
        break; // stopped mid-epoch by the iteration limit; the checkpoint below records the position
      }
      EpochRecord r = new EpochRecord(state.epoch + 1, state.iteration, state.epochLossSum / state.epochLossCount,
          state.epochValidError, state.epochTestError, clock.epochSeconds());
      state.history.add(r);
      state.epoch++;
      state.batch = 0;
      state.epochLossSum = 0;
      state.epochLossCount = 0;
      state.epochValidError = Double.NaN;
      state.epochTestError = Double.NaN;
      clock.newEpoch();
      listener.onEpoch(r, !Double.isNaN(r.testError()));
      if (config.checkpoint() != null) {
        save(model, optimizer, state, config, clock, listener);
        lastSavedEpoch = r.epoch();
      }
    }
    if (state.batch > 0 && config.checkpoint() != null) {
      save(model, optimizer, state, config, clock, listener);
    }
    clock.fold();
    List<EpochRecord> h = List.copyOf(state.history);
    return new TrainResult(state.bestValidError, state.bestIteration + 1, state.testErrorAtBest, h.size(), state.iteration,
        state.secondsBefore, state.done, h);
  }

  private static void save(Module model, Optimizer optimizer, TrainState state, TrainConfig config, Clock clock,
      TrainListener listener) {
    clock.fold();
    try {
      Checkpoint.save(config.checkpoint(), model, optimizer, state, config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + config.checkpoint() + ": " + e.getMessage(), e);
    }
    listener.onCheckpoint(config.checkpoint());
  }

  /**
   * The fraction of misclassified examples (argmax of the logits ≠ label), in evaluation mode and
   * without building a graph.
   */
  public static double errorRate(Module model, Dataset data, int batchSize) {
    boolean training = model.isTraining();
    model.eval();
    long wrong = 0;
    try (Variable.NoGrad scope = Variable.noGrad()) {
      for (int from = 0; from < data.size(); from += batchSize) {
        int to = Math.min(data.size(), from + batchSize);
        Tensor logits = model.forward(Variable.of(data.images().slice(0, from, to, 1))).value();
        double[] pred = logits.argmax(1, false).toDoubleArray();
        for (int i = 0; i < pred.length; i++) {
          if ((int) pred[i] != data.labels()[from + i]) {
            wrong++;
          }
        }
      }
    } finally {
      model.train(training);
    }
    return data.size() == 0 ? Double.NaN : (double) wrong / data.size();
  }

  /** Wall time of the run and of the epoch in progress, carried over checkpoints. */
  private static final class Clock {
    private final TrainState s;
    private long sessionStart = System.nanoTime();
    private long epochStart = sessionStart;

    Clock(TrainState s) {
      this.s = s;
    }

    double epochSeconds() {
      return s.epochSecondsBefore + (System.nanoTime() - epochStart) / 1e9;
    }

    void newEpoch() {
      s.epochSecondsBefore = 0;
      epochStart = System.nanoTime();
    }

    /** Moves the time elapsed so far into the state (before saving it). */
    void fold() {
      long now = System.nanoTime();
      s.secondsBefore += (now - sessionStart) / 1e9;
      s.epochSecondsBefore += (now - epochStart) / 1e9;
      sessionStart = now;
      epochStart = now;
    }
  }
}
