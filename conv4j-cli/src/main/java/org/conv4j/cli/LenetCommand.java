// conv4j lenet: train the Theano tutorial's LeNet on MNIST or Fashion-MNIST.
package org.conv4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.conv4j.data.Mnist;
import org.conv4j.io.FormatException;
import org.conv4j.nn.LeNet;
import org.conv4j.nn.NumpyRandomState;
import org.conv4j.nn.Sequential;
import org.conv4j.nn.train.Checkpoint;
import org.conv4j.nn.train.EpochRecord;
import org.conv4j.nn.train.TrainConfig;
import org.conv4j.nn.train.TrainListener;
import org.conv4j.nn.train.TrainResult;
import org.conv4j.nn.train.TrainState;
import org.conv4j.nn.train.Trainer;
import org.conv4j.nn.train.TrainingCurve;
import org.conv4j.nn.train.TrainingDivergedException;
import org.conv4j.optim.LrSchedule;
import org.conv4j.optim.Optimizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code conv4j lenet}: the Theano deep-learning tutorial's LeNet (SPEC §6.3) trained with its
 * protocol by default (plain SGD, lr 0.1, batch 500, up to 200 epochs, early stopping with patience
 * 10 000, validation every epoch, test error at the best validation point, seed 23455). Prints one
 * line per epoch (or a live progress bar on a terminal) and ends with the tutorial's
 * {@code best validation error X % at iteration I, test error Y %} and the wall time.
 */
@Command(
    name = "lenet",
    sortOptions = false,
    description = {
      "Train the Theano tutorial's LeNet (conv 5x5 + max-pool 2 + tanh, twice; 500 tanh; softmax) on MNIST.",
      "Defaults reproduce the tutorial: sgd, lr 0.1, batch 500, up to 200 epochs, early stopping",
      "(patience 10000, increase 2, threshold 0.995), 50000/10000/10000 split, seed 23455."
    })
final class LenetCommand extends CliCommand {
  @Option(names = "--data", paramLabel = "DIR",
      description = "Folder with the four IDX files (default: $CONV4J_DATA/<dataset>, else data/<dataset>).")
  private Path data;

  @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "mnist", description = "mnist or fashion-mnist (default ${DEFAULT-VALUE}).")
  private String dataset;

  @Option(names = "--epochs", paramLabel = "N", defaultValue = "200", description = "Most epochs to run (default ${DEFAULT-VALUE}).")
  private int epochs;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "500", description = "Minibatch size (default ${DEFAULT-VALUE}).")
  private int batchSize;

  @Option(names = "--lr", paramLabel = "X", defaultValue = "0.1", description = "Learning rate (default ${DEFAULT-VALUE}).")
  private double lr;

  @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "sgd",
      description = "sgd (the tutorial's p -= lr*g), momentum, nesterov or adam (default ${DEFAULT-VALUE}).")
  private String optimizer;

  @Option(names = "--momentum", paramLabel = "X", defaultValue = "0.9", description = "Momentum of momentum/nesterov (default ${DEFAULT-VALUE}).")
  private double momentum;

  @Option(names = "--weight-decay", paramLabel = "X", defaultValue = "0", description = "L2 weight decay (default ${DEFAULT-VALUE}).")
  private double weightDecay;

  @Option(names = "--schedule", paramLabel = "S", defaultValue = "constant",
      description = "Learning rate per epoch: constant, step:EVERY:GAMMA, exp:GAMMA or cosine:EPOCHS[:MIN] (default ${DEFAULT-VALUE}).")
  private String schedule;

  @Option(names = "--shuffle", description = "Shuffle the training set every epoch (seeded; the tutorial does not).")
  private boolean shuffle;

  @Option(names = "--patience", paramLabel = "N", defaultValue = "10000",
      description = "Early stopping: iterations to run at least (default ${DEFAULT-VALUE}).")
  private long patience;

  @Option(names = "--nkerns", paramLabel = "A,B", defaultValue = "20,50", split = ",",
      description = "Filters of the two conv layers (default ${DEFAULT-VALUE}).")
  private int[] nkerns;

  @Option(names = "--train-limit", paramLabel = "N", description = "Train on the first N training images only (quick runs).")
  private Integer trainLimit;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "23455",
      description = "Seed of NumPy's RandomState for the initial weights, and of shuffling, 0..2^32-1 (default ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--checkpoint", paramLabel = "FILE", description = "Save model, optimizer and progress here (.npz) after every epoch.")
  private Path checkpoint;

  @Option(names = "--resume", paramLabel = "FILE", description = "Continue the run saved in this checkpoint.")
  private Path resume;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw training loss and validation/test error per epoch (updated every epoch).")
  private Path plot;

  @Option(names = "--threads", paramLabel = "N",
      description = "Worker threads for the kernels (default: the machine's cores; results are identical for any count).")
  private Integer threads;

  @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
      description = "bar (live, with examples/s and ETA), lines (one per epoch) or auto: bar on a terminal (default ${DEFAULT-VALUE}).")
  private String progress;

  @Override
  protected void run() throws IOException {
    Mnist.Kind kind = parseKind();
    TrainConfig config = config();
    if (threads != null) {
      if (threads < 1) {
        throw new UsageException("--threads: must be at least 1, got " + threads);
      }
      org.conv4j.runtime.Parallelism.setThreads(threads);
    }
    if (nkerns.length != 2 || nkerns[0] < 1 || nkerns[1] < 1) {
      throw new UsageException("--nkerns: two positive filter counts expected, e.g. 20,50");
    }
    if (trainLimit != null && trainLimit < 1) {
      throw new UsageException("--train-limit: must be at least 1, got " + trainLimit);
    }
    boolean bar = switch (progress) {
      case "bar" -> true;
      case "lines" -> false;
      case "auto" -> System.console() != null;
      default -> throw new UsageException("--progress: expected auto, bar or lines, got '" + progress + "'");
    };
    Path dir = data != null ? data : Mnist.defaultDirectory(kind);
    Mnist.Split split;
    try {
      split = Mnist.load(dir, kind);
    } catch (NoSuchFileException e) {
      throw new CliException((e.getReason() != null ? e.getReason() : dir + ": no such folder")
          + " (choose the folder with --data DIR; the default is $CONV4J_DATA/" + kind.id() + ", else data/" + kind.id() + ")", e);
    }
    if (trainLimit != null) {
      split = new Mnist.Split(split.train().limit(trainLimit), split.valid(), split.test());
    }
    int[] img = split.train().images().shape();
    if (img[2] != 28 || img[3] != 28) {
      throw new CliException(dir + ": images are " + img[2] + "x" + img[3] + " but LeNet needs 28x28");
    }

    Sequential net = LeNet.create(nkerns[0], nkerns[1]);
    net.initialize(new NumpyRandomState(seed));
    Optimizer opt = config.newOptimizer(net.flatParameters());
    TrainState state = TrainState.start(config.patience());
    if (resume != null) {
      try {
        state = Checkpoint.read(resume).restore(net, opt, config);
      } catch (FormatException e) {
        throw new CliException(e.getMessage() + (e.getMessage().contains("architecture") ? " (was it saved with other --nkerns?)" : ""), e);
      }
    }
    PrintWriter out = out();
    out.printf(Locale.ROOT, "LeNet (nkerns %d, %d; %d parameters) on %s from %s: %d train / %d validation / %d test images%n",
        nkerns[0], nkerns[1], net.flatParameters().size(), kind.id(), dir, split.train().size(), split.valid().size(),
        split.test().size());
    out.printf(Locale.ROOT, "%s lr %s, batch %d, up to %d epochs, patience %d, seed %d%s%s%n", config.optimizer(), fmt(lr),
        batchSize, epochs, patience, seed, shuffle ? ", shuffled" : "",
        resume != null ? ", resuming " + resume + " at epoch " + (state.epoch + 1) + ", iteration " + state.iteration : "");
    if (state.done || state.epoch >= epochs) {
      out.println("the checkpoint's run is already finished; nothing to train");
    }
    out.flush();

    List<EpochRecord> history = new ArrayList<>(state.history);
    Progress listener = new Progress(out, bar, history, kind);
    TrainResult result;
    try {
      result = new Trainer().fit(net, split, opt, config, state, listener);
    } catch (TrainingDivergedException e) {
      listener.endLine();
      throw new CliException(e.getMessage(), e);
    }
    listener.endLine();
    out.println(result.summary());
    out.printf(Locale.ROOT, "wall time %s (%d epochs, %d iterations%s)%n", duration(result.seconds()), result.epochs(),
        result.iterations(), result.stoppedEarly() ? ", stopped early: patience ran out" : "");
    if (plot != null) {
      writePlot(history, result.summary(), kind);
      out.println("plot: " + plot);
    }
  }

  private Mnist.Kind parseKind() {
    try {
      return Mnist.Kind.of(dataset);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--dataset: " + e.getMessage());
    }
  }

  private TrainConfig config() {
    if (seed < 0 || seed > 0xFFFFFFFFL) {
      throw new UsageException("--seed: must be between 0 and 2^32-1 (NumPy's RandomState), got " + seed);
    }
    if (epochs < 1) {
      throw new UsageException("--epochs: must be at least 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new UsageException("--batch-size: must be at least 1, got " + batchSize);
    }
    if (!(lr > 0) || !Double.isFinite(lr)) {
      throw new UsageException("--lr: must be a positive number, got " + lr);
    }
    if (!List.of("sgd", "momentum", "nesterov", "adam").contains(optimizer)) {
      throw new UsageException("--optimizer: expected sgd, momentum, nesterov or adam, got '" + optimizer + "'");
    }
    if (!(momentum >= 0 && momentum < 1) || !(weightDecay >= 0)) {
      throw new UsageException("--momentum must be in [0, 1) and --weight-decay >= 0");
    }
    if (patience < 1) {
      throw new UsageException("--patience: must be at least 1, got " + patience);
    }
    LrSchedule s;
    try {
      s = LrSchedule.parse(schedule);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--schedule: " + e.getMessage());
    }
    return new TrainConfig(epochs, batchSize, lr, optimizer, momentum, weightDecay, s, seed, shuffle, patience, 2, 0.995,
        Long.MAX_VALUE, checkpoint, 1000);
  }

  private void writePlot(List<EpochRecord> history, String title, Mnist.Kind kind) {
    try {
      TrainingCurve.writePng(plot, history, "LeNet on " + kind.id() + ": " + title);
    } catch (IOException e) {
      throw new CliException("--plot: " + ErrorReporter.describeIo(plot.toString(), e), e);
    }
  }

  static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }

  static String duration(double s) {
    long t = Math.round(s);
    if (t < 60) {
      return String.format(Locale.ROOT, "%.1f s", s);
    }
    return t < 3600 ? String.format(Locale.ROOT, "%d:%02d min", t / 60, t % 60)
        : String.format(Locale.ROOT, "%d:%02d:%02d h", t / 3600, t / 60 % 60, t % 60);
  }

  /** Prints progress: a bar redrawn in place on a terminal, or one line per epoch. */
  private final class Progress implements TrainListener {
    private final PrintWriter out;
    private final boolean bar;
    private final List<EpochRecord> history;
    private final Mnist.Kind kind;
    private int epochs;
    private int batchSize;
    private boolean lineOpen;
    private double trainSeconds;
    private int batchesDone;

    Progress(PrintWriter out, boolean bar, List<EpochRecord> history, Mnist.Kind kind) {
      this.out = out;
      this.bar = bar;
      this.history = history;
      this.kind = kind;
    }

    @Override
    public void onStart(int firstEpoch, int epochs, int batchesPerEpoch, int batchSize) {
      this.epochs = epochs;
      this.batchSize = batchSize;
    }

    @Override
    public void onBatch(int epoch, int batch, int batchesPerEpoch, double loss, double epochSeconds) {
      trainSeconds = epochSeconds;
      batchesDone = batch;
      if (!bar) {
        return;
      }
      double rate = batch * (double) batchSize / Math.max(epochSeconds, 1e-9);
      double eta = (batchesPerEpoch - batch) * (double) batchSize / Math.max(rate, 1e-9);
      int width = 30;
      int filled = (int) ((long) width * batch / batchesPerEpoch);
      out.printf(Locale.ROOT, "\repoch %d/%d [%s%s] %d/%d  loss %.4f  %.0f examples/s  ETA %s   ", epoch, epochs,
          "#".repeat(filled), ".".repeat(width - filled), batch, batchesPerEpoch, loss, rate, duration(eta));
      out.flush();
      lineOpen = true;
    }

    @Override
    public void onEpoch(EpochRecord r, boolean improved) {
      endLine();
      history.add(r);
      // Training speed from the batches of this session (a resumed epoch counts only those).
      out.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  validation error %s  %s  iteration %d  %s (training %.0f examples/s)%n",
          r.epoch(), epochs, r.trainLoss(), pct(r.validError()),
          improved ? "test error " + pct(r.testError()) + " (best so far)" : "-", r.iterations(), duration(r.seconds()),
          batchesDone * (double) batchSize / Math.max(trainSeconds, 1e-9));
      out.flush();
      if (plot != null) {
        writePlot(history, "epoch " + r.epoch(), kind);
      }
    }

    void endLine() {
      if (lineOpen) {
        out.print("\r" + " ".repeat(110) + "\r");
        out.flush();
        lineOpen = false;
      }
    }

    private static String pct(double v) {
      return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f %%", v * 100);
    }
  }
}
