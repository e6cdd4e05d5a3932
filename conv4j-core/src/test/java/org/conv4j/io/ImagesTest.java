package org.conv4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** {@link Images}: every PNG colour type, PNG writing, JPEG, and the shared test images. */
class ImagesTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everyPngFixtureReadsToItsManifestValues() {
    Path dir = Fixtures.dir("images");
    return Fixtures.manifest("images").stream().map(r -> DynamicTest.dynamicTest(r[0], () ->
        Fixtures.assertTensor(Images.read(dir.resolve(r[0])), "float32", r[1], r[2], r[0])));
  }

  @Test
  void writeThenReadGivesTheQuantisedValues() throws IOException {
    for (int[] shape : new int[][] {{3, 5}, {1, 3, 5}, {3, 3, 5}, {4, 3, 5}}) {
      int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = (i * 37 % 101) / 100.0 * 1.2 - 0.1; // spans below 0 and above 1
      }
      Tensor t = Tensor.of(v, shape);
      Path p = tmp.resolve("w" + shape.length + shape[0] + ".png");
      Images.writePng(p, t, false);
      Tensor back = Images.read(p);
      int c = shape.length == 2 ? 1 : shape[0];
      assertThat(back.shape()).containsExactly(c, 3, 5);
      float[] got = back.toFloatArray();
      for (int i = 0; i < n; i++) {
        float want = (float) Math.rint(Math.min(Math.max(v[i], 0), 1) * 255) / 255f;
        assertThat(got[i]).as("shape %s element %d", Arrays.toString(shape), i).isEqualTo(want);
      }
    }
  }

  @Test
  void normalizeMapsMinToZeroAndMaxToOne() throws IOException {
    Path p = tmp.resolve("n.png");
    Images.writePng(p, Tensor.of(new float[] {-3, -1, 1, Float.NaN, Float.POSITIVE_INFINITY, 5}, 2, 3), true);
    float[] got = Images.read(p).toFloatArray();
    assertThat(got).containsExactly(0f, 64 / 255f, 128 / 255f, 0f, 1f, 1f);
    Images.writePng(p, Tensor.full(DType.FLOAT64, 7.5, 2, 2), true);
    assertThat(Images.read(p).toFloatArray()).containsOnly(0f);
    Images.writePng(p, Tensor.of(new double[] {Double.NaN, -2, 0.5, 2}, 1, 2, 2), false);
    assertThat(Images.read(p).toFloatArray()).containsExactly(0f, 0f, 128 / 255f, 1f);
  }

  @Test
  void writeRejectsShapesThatAreNotImages() {
    for (int[] shape : new int[][] {{5}, {2, 4, 4}, {5, 4, 4}, {1, 1, 4, 4}, {0, 4}, {3, 4, 0}}) {
      assertThatThrownBy(() -> Images.writePng(tmp.resolve("bad.png"), Tensor.zeros(DType.FLOAT32, shape), false))
          .as(Arrays.toString(shape)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad.png");
    }
  }

  @Test
  void readsJpegAndRejectsATruncatedOne() throws IOException {
    BufferedImage img = new BufferedImage(32, 16, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 32; x++) {
        img.setRGB(x, y, (x * 8) << 16 | (y * 16) << 8 | 128);
      }
    }
    Path jpg = tmp.resolve("a.jpg");
    assertThat(ImageIO.write(img, "jpeg", jpg.toFile())).isTrue();
    Tensor t = Images.read(jpg);
    assertThat(t.shape()).containsExactly(3, 16, 32);
    assertThat(t.get(2, 8, 8)).isCloseTo(128 / 255.0, offset(0.05));
    assertThat(t.get(0, 8, 16)).isCloseTo(128 / 255.0, offset(0.05));

    byte[] b = Files.readAllBytes(jpg);
    Path cut = tmp.resolve("cut.jpg");
    Files.write(cut, Arrays.copyOf(b, b.length * 2 / 3));
    assertThatThrownBy(() -> Images.read(cut)).isInstanceOf(FormatException.class)
        .hasMessageStartingWith(cut + ": ").hasMessageContaining("JPEG");
  }

  @Test
  void readsGreyJpegAsOneChannel() throws IOException {
    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
    Path jpg = tmp.resolve("g.jpg");
    ImageIO.write(img, "jpeg", jpg.toFile());
    assertThat(Images.read(jpg).shape()).containsExactly(1, 8, 8);
  }

  @Test
  void readsBmpTiffAndGif() throws IOException {
    BufferedImage rgb = new BufferedImage(5, 4, BufferedImage.TYPE_3BYTE_BGR);
    BufferedImage rgba = new BufferedImage(5, 4, BufferedImage.TYPE_4BYTE_ABGR);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 5; x++) {
        rgb.setRGB(x, y, (x * 50) << 16 | (y * 60) << 8 | 7);
        rgba.setRGB(x, y, (x * 40 + 10) << 24 | (y * 60) << 16 | 200 << 8 | x);
      }
    }
    Path bmp = tmp.resolve("a.bmp");
    assertThat(ImageIO.write(rgb, "bmp", bmp.toFile())).isTrue();
    Tensor b = Images.read(bmp);
    assertThat(b.shape()).containsExactly(3, 4, 5);
    assertThat(b.get(0, 2, 3)).isEqualTo(150 / 255f);
    assertThat(b.get(1, 2, 3)).isEqualTo(120 / 255f);
    assertThat(b.get(2, 2, 3)).isEqualTo(7 / 255f);
    Path tif = tmp.resolve("a.tif");
    assertThat(ImageIO.write(rgba, "tiff", tif.toFile())).isTrue();
    Tensor t = Images.read(tif);
    assertThat(t.shape()).containsExactly(4, 4, 5);
    assertThat(t.get(3, 1, 2)).isEqualTo(90 / 255f);
    assertThat(t.get(1, 1, 2)).isEqualTo(200 / 255f);
    Path gif = tmp.resolve("a.gif");
    assertThat(ImageIO.write(rgb, "gif", gif.toFile())).isTrue();
    assertThat(Images.read(gif).shape()[1]).isEqualTo(4);
  }

  @Test
  void jpegClaimingHugeDimensionsIsRejectedBeforeDecoding() throws IOException {
    Path jpg = tmp.resolve("small.jpg");
    ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "jpeg", jpg.toFile());
    byte[] b = Files.readAllBytes(jpg);
    int sof = 2;
    while (!((b[sof] & 0xff) == 0xff && (b[sof + 1] & 0xff) == 0xc0)) {
      sof++;
    }
    for (int k = 5; k < 9; k += 2) { // height and width 60000 (0xea60)
      b[sof + k] = (byte) 0xea;
      b[sof + k + 1] = (byte) 0x60;
    }
    Path huge = tmp.resolve("huge.jpg");
    Files.write(huge, b);
    assertThatThrownBy(() -> Images.read(huge)).isInstanceOf(FormatException.class)
        .hasMessageStartingWith(huge + ": JPEG declares 60000x60000 pixels");
  }

  @Test
  void sharedTestImages() throws IOException {
    Path dir = Fixtures.dataDir().map(d -> d.resolve("images")).orElse(null);
    Assumptions.assumeTrue(dir != null && Files.isDirectory(dir),
        "test images not found: set CONV4J_DATA or provide <repo root>/../shared/data/images");
    Tensor camera = Images.read(dir.resolve("camera.png"));
    assertThat(camera.dtype()).isEqualTo(DType.FLOAT32);
    assertThat(camera.shape()).containsExactly(1, 512, 512);
    assertThat(camera.min().item()).isGreaterThanOrEqualTo(0.0);
    assertThat(camera.max().item()).isLessThanOrEqualTo(1.0);
    Tensor astronaut = Images.read(dir.resolve("astronaut.png"));
    assertThat(astronaut.shape()).containsExactly(3, 512, 512);
    Tensor coins = Images.read(dir.resolve("coins.png"));
    assertThat(coins.shape()).containsExactly(1, 303, 384);
    Path wolf = dir.resolve("3wolfmoon.jpg");
    if (Files.exists(wolf)) {
      assertThat(Images.read(wolf).shape()[0]).isEqualTo(3);
    }
  }
}
