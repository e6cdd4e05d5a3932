package org.conv4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@link Idx}: the fixtures (plain and gzip, every element type) and the real MNIST files. */
class IdxTest {
  @TestFactory
  Stream<DynamicTest> everyFixtureReadsToItsManifestValues() {
    Path dir = Fixtures.dir("idx");
    return Fixtures.manifest("idx").stream().map(r -> DynamicTest.dynamicTest(r[0] + " [" + r[1] + "]", () -> {
      Path p = dir.resolve(r[0]);
      switch (r[1]) {
        case "images" -> Fixtures.assertTensor(Idx.readImages(p), r[2], r[3], r[4], r[0]);
        case "generic" -> Fixtures.assertTensor(Idx.read(p), r[2], r[3], r[4], r[0]);
        case "labels" -> {
          int[] labels = Idx.readLabels(p);
          assertThat(labels).hasSize(Fixtures.shape(r[3])[0]);
          assertThat(Arrays.stream(labels).asDoubleStream().toArray()).containsExactly(Fixtures.values(r[4]));
        }
        default -> throw new AssertionError("unknown reader " + r[1]);
      }
    }));
  }

  @Test
  void mnistTrainingSet() throws IOException {
    Path dir = realDir("mnist");
    Tensor images = Idx.readImages(dir.resolve("train-images-idx3-ubyte.gz"));
    int[] labels = Idx.readLabels(dir.resolve("train-labels-idx1-ubyte.gz"));
    assertThat(images.dtype()).isEqualTo(DType.FLOAT32);
    assertThat(images.shape()).containsExactly(60000, 28, 28);
    assertThat(labels).hasSize(60000);
    assertThat(labels[0]).isEqualTo(5);
    assertThat(Arrays.copyOf(labels, 10)).containsExactly(5, 0, 4, 1, 9, 2, 1, 3, 1, 4);
    assertThat(histogram(labels)).containsExactly(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
    assertThat(images.min().item()).isEqualTo(0.0);
    assertThat(images.max().item()).isEqualTo(1.0);
    // The mean pixel of MNIST's training set is 0.1307 (the normalisation constant everyone uses).
    assertThat(images.mean().item()).isCloseTo(0.1307, offset(1e-4));
    Tensor test = Idx.readImages(dir.resolve("t10k-images-idx3-ubyte.gz"));
    assertThat(test.shape()).containsExactly(10000, 28, 28);
    int[] testLabels = Idx.readLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"));
    assertThat(testLabels).hasSize(10000);
    assertThat(testLabels[0]).isEqualTo(7);
  }

  @Test
  void fashionMnistTrainingSet() throws IOException {
    Path dir = realDir("fashion-mnist");
    Tensor images = Idx.readImages(dir.resolve("train-images-idx3-ubyte.gz"));
    int[] labels = Idx.readLabels(dir.resolve("train-labels-idx1-ubyte.gz"));
    assertThat(images.shape()).containsExactly(60000, 28, 28);
    assertThat(labels[0]).isEqualTo(9); // an ankle boot
    assertThat(histogram(labels)).containsOnly(6000);
    Tensor generic = Idx.read(dir.resolve("t10k-labels-idx1-ubyte.gz"));
    assertThat(generic.dtype()).isEqualTo(DType.FLOAT64);
    assertThat(generic.shape()).containsExactly(10000);
    assertThat(histogram(Arrays.stream(generic.toDoubleArray()).mapToInt(d -> (int) d).toArray())).containsOnly(1000);
  }

  private static Path realDir(String name) {
    Path dir = Fixtures.dataDir().map(d -> d.resolve(name)).orElse(null);
    Assumptions.assumeTrue(dir != null && Files.isDirectory(dir),
        name + " not found: set CONV4J_DATA or provide <repo root>/../shared/data/" + name);
    return dir;
  }

  private static int[] histogram(int[] labels) {
    int[] h = new int[10];
    for (int l : labels) {
      h[l]++;
    }
    return h;
  }
}
