package org.conv4j.nn.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conv4j.io.FormatException;
import org.conv4j.io.Npz;
import org.conv4j.nn.Module;
import org.conv4j.nn.Parameter;
import org.conv4j.optim.Optimizer;
import org.conv4j.tensor.Shape;
import org.conv4j.tensor.Tensor;

/**
 * Training checkpoints as NumPy {@code .npz} archives, written atomically (a crash leaves the previous
 * file intact). Every entry is a plain array, so {@code numpy.load(file)["model.layer0.weight"]}
 * reads the weights. Counters are stored as float64 scalars (exact below 2⁵³).
 *
 * <pre>
 * key                              shape / dtype            meaning
 * format.version                   () f8                    1
 * model.NAME                       parameter shape, dtype   each parameter by its dotted name, e.g.
 *                                                           model.layer0.weight (20,1,5,5) f4
 * module.NAME                      () f8                    non-parameter module state (Dropout calls)
 * optimizer.OPT.lr                 () f8                    OPT = sgd | momentum | nesterov | adam
 * optimizer.OPT.KEY                (P,) f8 / () f8          its state: momentum.velocity, nesterov.velocity,
 *                                                           adam.m, adam.v, adam.step (P = parameter count)
 * train.epoch, train.batch         () f8                    0-based epoch in progress, next batch in it
 * train.iteration                  () f8                    updates done
 * train.batch_size, train.batches  () f8                    batch size and batches per epoch (checked on resume)
 * train.seed, train.shuffle        () f8                    the run's seed (|seed| &lt; 2⁵³) and 1/0
 * train.patience                   () f8                    early stopping: current patience
 * train.best_valid_error           () f8                    best validation error (inf before any)
 * train.best_iteration             () f8                    0-based iteration of the best
 * train.test_error_at_best         () f8                    test error there (nan before any)
 * train.done                       () f8                    1 when early stopping ended the run
 * train.epoch_loss_sum/_count      () f8                    loss sum and batch count of the epoch in progress
 * train.epoch_valid_error/_test_error () f8                 errors measured in the epoch in progress (nan if none)
 * train.epoch_seconds, train.seconds () f8                  wall time of the epoch in progress, of the run
 * history.epoch, history.iterations, history.train_loss, history.valid_error,
 * history.test_error, history.seconds   (E,) f8             one entry per completed epoch
 * </pre>
 */
public final class Checkpoint {
  /** The format version written. */
  public static final int VERSION = 1;
  private final Path source;
  private final Map<String, Tensor> arrays;

  private Checkpoint(Path source, Map<String, Tensor> arrays) {
    this.source = source;
    this.arrays = arrays;
  }

  /**
   * Writes model, optimizer and training state to {@code file}, atomically.
   *
   * @throws IOException when the file cannot be written (an existing file is then unchanged)
   */
  public static void save(Path file, Module model, Optimizer optimizer, TrainState state, TrainConfig config)
      throws IOException {
    if (Math.abs(config.seed()) >= (1L << 53)) {
      throw new IllegalArgumentException("checkpoint: seed " + config.seed() + " does not fit a float64 exactly (|seed| < 2^53)");
    }
    Map<String, Tensor> a = new LinkedHashMap<>();
    a.put("format.version", Tensor.scalar(VERSION));
    for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
      a.put("model." + e.getKey(), e.getValue().value().copy());
    }
    for (Map.Entry<String, Tensor> e : model.state().entrySet()) {
      a.put("module." + e.getKey(), e.getValue());
    }
    String opt = "optimizer." + optimizer.name() + ".";
    a.put(opt + "lr", Tensor.scalar(optimizer.learningRate()));
    for (Map.Entry<String, Tensor> e : optimizer.state().entrySet()) {
      a.put(opt + e.getKey(), e.getValue());
    }
    s(a, "train.epoch", state.epoch);
    s(a, "train.batch", state.batch);
    s(a, "train.iteration", state.iteration);
    s(a, "train.batch_size", config.batchSize());
    s(a, "train.seed", config.seed());
    s(a, "train.shuffle", config.shuffle() ? 1 : 0);
    s(a, "train.patience", state.patience);
    s(a, "train.best_valid_error", state.bestValidError);
    s(a, "train.best_iteration", state.bestIteration);
    s(a, "train.test_error_at_best", state.testErrorAtBest);
    s(a, "train.done", state.done ? 1 : 0);
    s(a, "train.epoch_loss_sum", state.epochLossSum);
    s(a, "train.epoch_loss_count", state.epochLossCount);
    s(a, "train.epoch_valid_error", state.epochValidError);
    s(a, "train.epoch_test_error", state.epochTestError);
    s(a, "train.epoch_seconds", state.epochSecondsBefore);
    s(a, "train.seconds", state.secondsBefore);
    int e = state.history.size();
    double[][] h = new double[6][e];
    for (int i = 0; i < e; i++) {
      EpochRecord r = state.history.get(i);
      h[0][i] = r.epoch();
      h[1][i] = r.iterations();
      h[2][i] = r.trainLoss();
      h[3][i] = r.validError();
      h[4][i] = r.testError();
      h[5][i] = r.seconds();
    }
    String[] names = {"epoch", "iterations", "train_loss", "valid_error", "test_error", "seconds"};
    for (int k = 0; k < names.length; k++) {
      a.put("history." + names[k], Tensor.of(h[k], e));
    }
    Npz.write(file, a, true);
  }

  private static void s(Map<String, Tensor> a, String key, double v) {
    a.put(key, Tensor.scalar(v));
  }

  /**
   * Reads a checkpoint.
   *
   * @throws FormatException when the file is not an .npz archive or not a conv4j checkpoint
   * @throws IOException when it cannot be read
   */
  public static Checkpoint read(Path file) throws IOException {
    Map<String, Tensor> a = Npz.read(file);
    Tensor v = a.get("format.version");
    if (v == null || v.size() != 1) {
      throw new FormatException(file.toString(), "not a conv4j training checkpoint (no format.version entry)");
    }
    if (v.item() != VERSION) {
      throw new FormatException(file.toString(), "checkpoint format version " + v.item() + " is not supported (expected " + VERSION + ")");
    }
    return new Checkpoint(file, a);
  }

  /** All arrays of the archive by key (read-only view). */
  public Map<String, Tensor> arrays() {
    return java.util.Collections.unmodifiableMap(arrays);
  }

  /**
   * Checks that the checkpoint holds exactly the parameters of {@code model}, with the same shapes.
   *
   * @throws FormatException listing every difference (the checkpoint is from another architecture)
   */
  public void checkArchitecture(Module model) throws FormatException {
    Map<String, Parameter> want = model.namedParameters();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Parameter> e : want.entrySet()) {
      Tensor t = arrays.get("model." + e.getKey());
      if (t == null) {
        problems.add("model." + e.getKey() + " " + Shape.toString(e.getValue().shape()) + " is missing");
      } else if (!Arrays.equals(t.shape(), e.getValue().shape())) {
        problems.add("model." + e.getKey() + " is " + Shape.toString(t.shape()) + " in the checkpoint but "
            + Shape.toString(e.getValue().shape()) + " in this model");
      }
    }
    for (String k : arrays.keySet()) {
      if (k.startsWith("model.") && !want.containsKey(k.substring(6))) {
        problems.add(k + " is not a parameter of this model");
      }
    }
    if (!problems.isEmpty()) {
      throw new FormatException(source.toString(), "checkpoint is from another architecture: " + String.join("; ", problems));
    }
  }

  /**
   * Loads the parameters into {@code model} (which must be initialised) after {@link #checkArchitecture}.
   *
   * @throws FormatException when the architecture differs
   */
  public void loadModel(Module model) throws FormatException {
    checkArchitecture(model);
    for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
      e.getValue().set(arrays.get("model." + e.getKey()));
    }
    Map<String, Tensor> ms = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
      if (e.getKey().startsWith("module.")) {
        ms.put(e.getKey().substring(7), e.getValue());
      }
    }
    model.loadState(ms);
  }

  /**
   * Restores model, optimizer and training state for resuming with {@code config}.
   *
   * @return the state to pass to {@link Trainer#fit}
   * @throws FormatException when the checkpoint is from another architecture or optimizer, or its
   *     batch size, seed or shuffling differ from {@code config}
   */
  public TrainState restore(Module model, Optimizer optimizer, TrainConfig config) throws FormatException {
    loadModel(model);
    String prefix = "optimizer." + optimizer.name() + ".";
    if (!arrays.containsKey(prefix + "lr")) {
      String found = arrays.keySet().stream().filter(k -> k.startsWith("optimizer.")).map(k -> k.split("\\.")[1])
          .findFirst().orElse("none");
      throw new FormatException(source.toString(), "checkpoint was written with optimizer " + found + ", this run uses "
          + optimizer.name());
    }
    Map<String, Tensor> os = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
      if (e.getKey().startsWith(prefix) && !e.getKey().equals(prefix + "lr")) {
        os.put(e.getKey().substring(prefix.length()), e.getValue());
      }
    }
    try {
      optimizer.loadState(os);
    } catch (IllegalArgumentException ex) {
      throw new FormatException(source.toString(), ex.getMessage());
    }
    optimizer.setLearningRate(num("optimizer." + optimizer.name() + ".lr"));
    check("train.batch_size", config.batchSize(), "batch size");
    check("train.seed", config.seed(), "seed");
    check("train.shuffle", config.shuffle() ? 1 : 0, "shuffle setting");
    TrainState s = new TrainState();
    s.epoch = (int) num("train.epoch");
    s.batch = (int) num("train.batch");
    s.iteration = (long) num("train.iteration");
    s.patience = (long) num("train.patience");
    s.bestValidError = num("train.best_valid_error");
    s.bestIteration = (long) num("train.best_iteration");
    s.testErrorAtBest = num("train.test_error_at_best");
    s.done = num("train.done") != 0;
    s.epochLossSum = num("train.epoch_loss_sum");
    s.epochLossCount = (long) num("train.epoch_loss_count");
    s.epochValidError = num("train.epoch_valid_error");
    s.epochTestError = num("train.epoch_test_error");
    s.epochSecondsBefore = num("train.epoch_seconds");
    s.secondsBefore = num("train.seconds");
    double[][] h = new double[6][];
    String[] names = {"epoch", "iterations", "train_loss", "valid_error", "test_error", "seconds"};
    for (int k = 0; k < names.length; k++) {
      Tensor t = arrays.get("history." + names[k]);
      if (t == null) {
        throw new FormatException(source.toString(), "checkpoint has no history." + names[k] + " entry");
      }
      h[k] = t.toDoubleArray();
    }
    for (int i = 0; i < h[0].length; i++) {
      s.history.add(new EpochRecord((int) h[0][i], (long) h[1][i], h[2][i], h[3][i], h[4][i], h[5][i]));
    }
    return s;
  }

  private void check(String key, double expected, String what) throws FormatException {
    double v = num(key);
    if (v != expected) {
      throw new FormatException(source.toString(), "checkpoint was trained with " + what + " " + fmt(v)
          + "; resume with the same (this run has " + fmt(expected) + ")");
    }
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private double num(String key) throws FormatException {
    Tensor t = arrays.get(key);
    if (t == null || t.size() != 1) {
      throw new FormatException(source.toString(), "checkpoint has no scalar " + key + " entry");
    }
    return t.item();
  }
}
