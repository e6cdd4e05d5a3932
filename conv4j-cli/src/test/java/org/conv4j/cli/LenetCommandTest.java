package org.conv4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.conv4j.io.Images;
import org.conv4j.io.Npz;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conv4j lenet} on a synthetic MNIST-format fixture (seven-segment digits written by
 * tools/gen_nn_mnist_tiny.py; 100 train / 20 validation / 30 test images), with a narrow network.
 */
class LenetCommandTest {
  static Path tiny;

  @BeforeAll
  static void copyFixture(@TempDir Path dir) throws IOException {
    tiny = dir.resolve("mnist");
    Files.createDirectories(tiny);
    for (String f : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz"}) {
      Files.copy(fixture().resolve(f), tiny.resolve(f));
    }
  }

  /** The core module's committed fixture (CONV4J_REPO_ROOT is set by the build to the repository root). */
  static Path fixture() {
    String root = System.getenv("CONV4J_REPO_ROOT");
    return Path.of(root == null ? ".." : root, "conv4j-core", "src", "test", "resources", "fixtures", "mnist-tiny");
  }

  static String[] args(String... extra) {
    String[] base = {"lenet", "--data", tiny.toString(), "--nkerns", "4,8", "--batch-size", "10"};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void trainsPrintsOneLinePerEpochAndTheTutorialsSummary(@TempDir Path dir) throws IOException {
    Path plot = dir.resolve("curve.png");
    CliRun r = NnCommands.run(args("--epochs", "3", "--plot", plot.toString(), "--progress", "lines"));
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    assertThat(r.outLines().get(0)).startsWith("LeNet (nkerns 4, 8; ").contains("100 train / 20 validation / 30 test images");
    assertThat(r.outLines().get(1)).isEqualTo("sgd lr 0.1, batch 10, up to 3 epochs, patience 10000, seed 23455");
    assertThat(r.out()).containsPattern("epoch 1/3  loss \\d\\.\\d{4}  validation error \\d+\\.\\d\\d %  test error \\d+\\.\\d\\d % \\(best so far\\)  iteration 10  ");
    assertThat(r.out()).containsPattern("\nbest validation error \\d+\\.\\d\\d % at iteration \\d+, test error \\d+\\.\\d\\d %\n");
    assertThat(r.out()).containsPattern("wall time [\\d.]+ s \\(3 epochs, 30 iterations\\)");
    assertThat(r.out()).doesNotContain("\r");
    assertThat(Images.read(plot).shape()).containsExactly(3, 805, 900);
  }

  @Test
  void progressBarOnRequest() {
    CliRun r = NnCommands.run(args("--epochs", "1", "--progress", "bar"));
    assertThat(r.code()).isZero();
    assertThat(r.out()).containsPattern("\repoch 1/1 \\[#+\\.*\\] 5/10  loss \\d\\.\\d{4}  \\d+ examples/s  ETA ");
  }

  @Test
  void checkpointThenResumeContinuesTheRun(@TempDir Path dir) throws IOException {
    Path ckpt = dir.resolve("run.npz");
    CliRun first = NnCommands.run(args("--epochs", "1", "--checkpoint", ckpt.toString(), "--optimizer", "momentum"));
    assertThat(first.code()).as(first.err()).isZero();
    Map<String, Tensor> a = Npz.read(ckpt);
    assertThat(a.get("train.epoch").item()).isEqualTo(1.0);
    CliRun second = NnCommands.run(args("--epochs", "2", "--resume", ckpt.toString(), "--checkpoint", ckpt.toString(),
        "--optimizer", "momentum"));
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.out()).contains("resuming " + ckpt + " at epoch 2, iteration 10").contains("epoch 2/2").doesNotContain("epoch 1/2");
    assertThat(Npz.read(ckpt).get("history.epoch").shape()).containsExactly(2);
  }

  @Test
  void badInputIsOneLineWithTheRightExitCode(@TempDir Path dir) throws IOException {
    CliRun missing = NnCommands.run("lenet", "--data", dir.resolve("none").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.errLines()).hasSize(1);
    assertThat(missing.err()).startsWith("conv4j lenet: MNIST data not found in ").contains("train-images-idx3-ubyte.gz")
        .contains("can be downloaded from");

    Path ckpt = dir.resolve("c.npz");
    assertThat(NnCommands.run(args("--epochs", "1", "--checkpoint", ckpt.toString())).code()).isZero();
    CliRun other = NnCommands.run("lenet", "--data", tiny.toString(), "--nkerns", "4,9", "--batch-size", "10", "--resume",
        ckpt.toString());
    assertThat(other.code()).isEqualTo(1);
    assertThat(other.err()).contains("checkpoint is from another architecture")
        .contains("model.layer1.weight is (8, 4, 5, 5) in the checkpoint but (9, 4, 5, 5) in this model")
        .contains("(was it saved with other --nkerns?)");

    assertThat(NnCommands.run(args("--optimizer", "rmsprop")).err())
        .isEqualTo("conv4j lenet: --optimizer: expected sgd, momentum, nesterov or adam, got 'rmsprop'\n");
    assertThat(NnCommands.run(args("--optimizer", "rmsprop")).code()).isEqualTo(2);
    assertThat(NnCommands.run(args("--dataset", "cifar")).err()).contains("--dataset: unknown dataset 'cifar'");
    assertThat(NnCommands.run(args("--seed", "-3")).code()).isEqualTo(2);
    assertThat(NnCommands.run(args("--schedule", "linear")).err()).contains("--schedule: learning-rate schedule 'linear'");
  }

  @Test
  void divergenceStopsWithAClearMessage(@TempDir Path dir) {
    CliRun r = NnCommands.run(args("--epochs", "2", "--lr", "1e30", "--checkpoint", dir.resolve("c.npz").toString()));
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("conv4j lenet: the training loss became ").contains("training diverged; try a smaller learning rate");
  }
}
