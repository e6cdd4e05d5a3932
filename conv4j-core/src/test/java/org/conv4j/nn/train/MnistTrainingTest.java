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
  /** The bar: the run below measured 4.9 % at this commit (see the commit message); chance is 90 %. */
  static final double MAX_TEST_ERROR = 0.10;

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
  void lenetBeatsTheBarAfterOnePassOverFiveThousandImages() throws IOException {
    Path dir = mnistDir();
    assumeTrue(dir != null, "MNIST not found (set CONV4J_DATA to a folder with mnist/ in it); skipping the real-data test");
    Mnist.Split all = Mnist.load(dir, Mnist.Kind.MNIST);
    assertThat(all.train().size()).isEqualTo(50000);
    assertThat(all.valid().size()).isEqualTo(10000);
    assertThat(all.test().size()).isEqualTo(10000);
    // 5 000 training images in 100 minibatches of 50 (the tutorial's lr 0.1); errors on 1 000 images each.
    Mnist.Split s = new Mnist.Split(all.train().limit(5000), all.valid().limit(1000), all.test().limit(1000));
    Sequential net = LeNet.create();
    net.initialize(new NumpyRandomState(23455));
    TrainConfig c = TrainConfig.tutorial().withBatchSize(50).withEpochs(1);
    TrainResult r = new Trainer().fit(net, s, c.newOptimizer(net.flatParameters()), c, TrainState.start(c.patience()),
        new TrainListener() {});
    System.out.println("MnistTrainingTest: " + r.summary() + String.format(" (%.1f s)", r.seconds()));
    assertThat(r.iterations()).isEqualTo(100);
    assertThat(r.testError()).isLessThan(MAX_TEST_ERROR);
  }
}
