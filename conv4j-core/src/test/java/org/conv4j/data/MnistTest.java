package org.conv4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.conv4j.io.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MNIST data path on the committed synthetic fixture (tools/gen_nn_mnist_tiny.py) and on broken copies of it. */
class MnistTest {
  static Path tiny() {
    try {
      return Path.of(MnistTest.class.getResource("/fixtures/mnist-tiny").toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void loadsAndSplitsAsTheTutorial() throws IOException {
    Mnist.Split s = Mnist.load(tiny(), Mnist.Kind.MNIST);
    // 120 training images: the last sixth (20) is the validation set, as 10 000 of MNIST's 60 000.
    assertThat(s.train().size()).isEqualTo(100);
    assertThat(s.valid().size()).isEqualTo(20);
    assertThat(s.test().size()).isEqualTo(30);
    assertThat(s.train().images().shape()).containsExactly(100, 1, 28, 28);
    assertThat(s.valid().labels()[0]).isEqualTo(0); // image 100 is a 0 (labels cycle 0..9)
    assertThat(s.train().images().max().item()).isLessThanOrEqualTo(1.0);
    assertThat(s.train().images().min().item()).isGreaterThanOrEqualTo(0.0);
  }

  @Test
  void missingFilesNameTheFolderTheFilesAndTheSource(@TempDir Path dir) throws IOException {
    Files.copy(tiny().resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-images-idx3-ubyte.gz"));
    assertThatThrownBy(() -> Mnist.load(dir, Mnist.Kind.MNIST)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("MNIST data not found in " + dir)
        .hasMessageContaining("missing train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz")
        .hasMessageContaining("can be downloaded from https://yann.lecun.com/exdb/mnist/");
    assertThatThrownBy(() -> Mnist.load(dir.resolve("nowhere"), Mnist.Kind.FASHION_MNIST))
        .hasMessageContaining("Fashion-MNIST data not found").hasMessageContaining("zalandoresearch/fashion-mnist");
  }

  @Test
  void countMismatchAndBadLabelsAreFormatErrors(@TempDir Path dir) throws IOException {
    for (String f : Mnist.FILES) {
      Files.copy(tiny().resolve(f + ".gz"), dir.resolve(f + ".gz"));
    }
    writeLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"), new byte[29]);
    assertThatThrownBy(() -> Mnist.load(dir, Mnist.Kind.MNIST)).isInstanceOf(FormatException.class)
        .hasMessageContaining("has 29 labels but t10k-images-idx3-ubyte.gz has 30 images");
    byte[] bad = new byte[30];
    bad[7] = 10;
    writeLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"), bad);
    assertThatThrownBy(() -> Mnist.load(dir, Mnist.Kind.MNIST)).isInstanceOf(FormatException.class)
        .hasMessageContaining("label 10 at position 7 is not a digit 0-9");
    // A truncated (corrupt) gzip file.
    byte[] img = Files.readAllBytes(tiny().resolve("t10k-images-idx3-ubyte.gz"));
    Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), Arrays.copyOf(img, img.length / 2));
    assertThatThrownBy(() -> Mnist.load(dir, Mnist.Kind.MNIST)).isInstanceOf(IOException.class)
        .hasMessageContaining("t10k-images-idx3-ubyte.gz");
  }

  private static void writeLabels(Path p, byte[] labels) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write(new byte[] {0, 0, 8, 1, 0, 0, (byte) (labels.length >> 8), (byte) labels.length});
      out.write(labels);
    }
  }

  @Test
  void batchesInFixedOrderAreContiguousRuns() throws IOException {
    Dataset train = Mnist.load(tiny(), Mnist.Kind.MNIST).train();
    Batches b = new Batches(train, 30, false, 1);
    assertThat(b.count()).isEqualTo(3); // ⌊100/30⌋: the remainder is skipped, as the tutorial
    Dataset.Batch second = b.get(0, 1);
    assertThat(second.labels()).isEqualTo(Arrays.copyOfRange(train.labels(), 30, 60));
    assertThat(second.images().valuesEqual(train.images().slice(0, 30, 60, 1))).isTrue();
    assertThat(b.get(5, 1).labels()).isEqualTo(second.labels());
    assertThat(new Batches(train, 500, false, 1).get(0, 0).size()).isEqualTo(100);
  }

  @Test
  void shuffledBatchesAreAPermutationPerEpochFixedBySeed() throws IOException {
    Dataset train = Mnist.load(tiny(), Mnist.Kind.MNIST).train();
    Batches a = new Batches(train, 25, true, 42);
    Batches again = new Batches(train, 25, true, 42);
    Set<Float> seen = new HashSet<>();
    for (int i = 0; i < a.count(); i++) {
      Dataset.Batch x = a.get(3, i);
      assertThat(x.images().valuesEqual(again.get(3, i).images())).isTrue();
      // The first pixel sum identifies each image well enough to count distinct ones.
      for (int k = 0; k < x.size(); k++) {
        seen.add((float) x.images().select(0, k).sum().item());
      }
    }
    assertThat(seen).hasSizeGreaterThan(90);
    assertThat(a.get(0, 0).labels()).isNotEqualTo(a.get(1, 0).labels());
    assertThat(a.get(0, 0).labels()).isNotEqualTo(new Batches(train, 25, true, 43).get(0, 0).labels());
  }
}
