package org.conv4j.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.conv4j.data.Mnist;
import org.conv4j.nn.LeNet;
import org.conv4j.nn.NumpyRandomState;
import org.conv4j.nn.Sequential;
import org.junit.jupiter.api.Test;

/**
 * End to end on real MNIST: the tutorial's LeNet, seeded, trained briefly on a subset must beat a
 * stated error. Reads {@code $CONV4J_DATA/mnist}, else {@code <repo>/../shared/data/mnist}
 * ({@code CONV4J_REPO_ROOT} is set by the build); skipped with a message when neither has the files.
 */
class MnistTrainingTest {
  /**
   * The bar. The run below measured 8.8 % test error (10.0 % validation) in 30 s at this commit;
   * chance is 90 %. 15 % leaves room for kernels that sum in another order while still failing on
   * any real breakage of the data path, the gradients or the update.
   */
  static final double MAX_TEST_ERROR = 0.15;

  static Path mnistDir() {
    String data = System.getenv("CONV4J_DATA");
    if (data != null && Files.isDirectory(Path.of(data, "mnist"))) {
      return Path.of(data, "mnist");
    }
    String root = System.getenv("CONV4J_REPO_ROOT");
    Path shared = Path.of(root == null ? "." : root).toAbsolutePath().resolve("../shared/data/mnist").normalize();
    return Files.isDirectory(shared) ? shared : null;
  }

  @Test
  void lenetBeatsTheBarAfterOnePassOverThreeThousandImages() throws IOException {
    Path dir = mnistDir();
    assumeTrue(dir != null, "MNIST not found (set CONV4J_DATA to a folder with mnist/ in it); skipping the real-data test");
    Mnist.Split all = Mnist.load(dir, Mnist.Kind.MNIST);
    assertThat(all.train().size()).isEqualTo(50000);
    assertThat(all.valid().size()).isEqualTo(10000);
    assertThat(all.test().size()).isEqualTo(10000);
    // One pass over 3 000 training images in 300 minibatches of 10 (the tutorial's lr 0.1; small
    // batches learn more per example than its 500); errors measured on 1 000 images each.
    Mnist.Split s = new Mnist.Split(all.train().limit(3000), all.valid().limit(1000), all.test().limit(1000));
    Sequential net = LeNet.create();
    net.initialize(new NumpyRandomState(23455));
    TrainConfig c = TrainConfig.tutorial().withBatchSize(10).withEpochs(1);
    TrainResult r = new Trainer().fit(net, s, c.newOptimizer(net.flatParameters()), c, TrainState.start(c.patience()),
        new TrainListener() {});
    System.out.println("MnistTrainingTest: " + r.summary() + String.format(" (%.1f s)", r.seconds()));
    assertThat(r.iterations()).isEqualTo(300);
    assertThat(r.testError()).isLessThan(MAX_TEST_ERROR);
  }
}
