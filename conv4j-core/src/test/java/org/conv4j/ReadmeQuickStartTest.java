package org.conv4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.conv4j.io.Images;
import org.conv4j.io.Npy;
import org.conv4j.io.Npz;
import org.conv4j.nn.functional.Conv;
import org.conv4j.nn.functional.ConvGrads;
import org.conv4j.nn.functional.ConvParams;
import org.conv4j.nn.functional.ConvTranspose;
import org.conv4j.nn.functional.ConvTransposeParams;
import org.conv4j.nn.functional.GradMask;
import org.conv4j.nn.functional.MaxPool;
import org.conv4j.nn.functional.MaxPoolParams;
import org.conv4j.nn.functional.MaxPoolResult;
import org.conv4j.nn.functional.PerExampleConv;
import org.conv4j.nn.functional.Unfold;
import org.conv4j.nn.functional.UnfoldParams;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Rng;
import org.conv4j.tensor.Tensor;
import org.conv4j.window.PadMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java quick start, compiled and checked, so the README stays true. */
class ReadmeQuickStartTest {
  @Test
  void quickStartComputesWhatTheReadmeSays() {
    Tensor x = Tensor.arange(DType.FLOAT64, 12).reshape(3, 4);
    Tensor y = x.sub(x.mean(new int[] {1}, true)).mul(2.0).slice("::2, 1:").flip(1);
    Tensor p = x.pad(new int[][] {{1, 1}, {2, 2}}, PadMode.numpy("symmetric"));
    Tensor z = x.transpose().matmul(x);
    Tensor r = new Rng(23455).normal(DType.FLOAT32, 0, 1, 2, 3);

    // Row means are 1.5, 5.5, 9.5: rows 0 and 2, columns 3..1, times 2.
    assertThat(y.shape()).containsExactly(2, 3);
    assertThat(y.toDoubleArray()).containsExactly(3, 1, -1, 3, 1, -1);
    assertThat(y.toString()).isEqualTo("[[ 3.  1. -1.]\n [ 3.  1. -1.]]");
    assertThat(p.shape()).containsExactly(5, 8);
    assertThat(p.slice("0").toDoubleArray()).containsExactly(1, 0, 0, 1, 2, 3, 3, 2);
    assertThat(z.shape()).containsExactly(4, 4);
    assertThat(z.get(0, 0)).isEqualTo(0 * 0 + 4 * 4 + 8 * 8);
    assertThat(r.dtype()).isEqualTo(DType.FLOAT32);
    assertThat(r.toFloatArray()).containsExactly(new Rng(23455).normal(DType.FLOAT32, 0, 1, 6).toFloatArray());
  }

  @Test
  void ioSectionRoundTrips(@TempDir Path dir) throws Exception {
    Tensor a = Tensor.arange(DType.FLOAT32, 6).reshape(2, 3);
    Npy.write(dir.resolve("y.npy"), a);
    assertThat(Npy.read(dir.resolve("y.npy")).valuesEqual(a)).isTrue();
    Npz.write(dir.resolve("w.npz"), Map.of("w", a), true);
    Map<String, Tensor> m = Npz.read(dir.resolve("w.npz"));
    assertThat(m.get("w").dtype()).isEqualTo(DType.FLOAT32);
    Tensor photo = a.reshape(1, 2, 3);
    Images.writePng(dir.resolve("map.png"), photo, true);
    Tensor back = Images.read(dir.resolve("map.png"));
    assertThat(back.shape()).containsExactly(1, 2, 3);
    assertThat(back.get(0, 1, 2)).isEqualTo(1.0);
    assertThat(back.get(0, 0, 0)).isEqualTo(0.0);
  }

  @Test
  void convolutionSectionComputesWhatTheReadmeSays() {
    Tensor x = new Rng(1).normal(DType.FLOAT32, 0, 1, 8, 3, 32, 32);
    Tensor w = new Rng(2).normal(DType.FLOAT32, 0, 0.1, 16, 3, 5, 5);
    ConvParams p = ConvParams.defaults(2).withStride(2).withPadding(2);
    Tensor y = Conv.conv2d(x, w, null, p);
    ConvGrads g = Conv.convBackward(x, w, y, p, GradMask.ALL);
    assertThat(y.shape()).containsExactly(8, 16, 16, 16);
    assertThat(g.dx().shape()).containsExactly(8, 3, 32, 32);
    assertThat(g.dw().shape()).containsExactly(16, 3, 5, 5);
    assertThat(g.db().shape()).containsExactly(16);

    // Seed 002 (SPEC §8.3): the first row of out[0].
    Tensor vals = Tensor.of(new double[] {
        2, 1, -3, -4, -4, 2, -3, 3, 1, 2, 2, 5, -6, 6, -2, -5, 4, 1, 5, 4, 0, 0, 1, -3, -4}, 1, 1, 5, 5);
    Tensor w0 = Tensor.of(new double[] {
        0, 1, -1, 1, -1, 0, 0, 0, 0,
        1, 0, 0, 0, -1, 1, 1, 0, 1,
        1, -1, 0, -1, 0, -1, -1, 0, 1}, 1, 3, 3, 3);
    Tensor full = ConvTranspose.convTranspose2d(vals, w0, null, ConvTransposeParams.defaults(2));
    assertThat(full.shape()).containsExactly(1, 3, 7, 7);
    assertThat(full.slice("0, 0, 0").toDoubleArray()).containsExactly(0, 2, -1, -4, -1, 0, 4);

    Tensor perExampleW = new Rng(3).normal(DType.FLOAT32, 0, 0.1, 8, 4, 3, 5, 5);
    Tensor yPerExample = PerExampleConv.conv(x, perExampleW, null, ConvParams.defaults(2));
    assertThat(yPerExample.shape()).containsExactly(8, 4, 28, 28);
    // Example 5 equals an ordinary convolution with its own kernels.
    Tensor one = Conv.conv2d(x.slice("5:6"), perExampleW.select(0, 5), null, ConvParams.defaults(2));
    assertThat(yPerExample.slice("5:6").allClose(one, 1e-5, 1e-5, false)).isTrue();

    MaxPoolResult pooled = MaxPool.forward(y, MaxPoolParams.of(2, 2));
    assertThat(pooled.output().shape()).containsExactly(8, 16, 8, 8);
    Tensor cols = Unfold.unfold(x, UnfoldParams.of(5, 5));
    assertThat(cols.shape()).containsExactly(8, 75, 28 * 28);
  }

  @Test
  void signalSectionReproducesSeed001() {
    Tensor x = Tensor.of(new double[] {0, 0, 1, 0, 0, 2, 0, 0, 0}, 9);
    Tensor h = Tensor.of(new double[] {0, 1, 2, 0}, 4);
    Tensor y = org.conv4j.signal.Signal.convolve(x, h, org.conv4j.signal.Mode.SAME);
    assertThat(y.toString()).isEqualTo("[0. 0. 1. 2. 0. 2. 4. 0. 0.]");
  }

  @Test
  void matchingSectionReproducesSeed000() {
    double[] v = new double[500 * 500];
    for (int i = 0; i < 500; i++) {
      for (int j = 0; j < 500; j++) {
        v[i * 500 + j] = (3L * i * i + 5L * j * j + 7L * i * j + 11L * i + 13L * j) % 1009;
      }
    }
    Tensor z = Tensor.of(v, 500, 500);
    Tensor x0 = z.slice("123:133, 321:331");
    Tensor m = org.conv4j.match.TemplateMatch.match(z, x0, org.conv4j.match.Metric.MSD);
    org.conv4j.match.Peak best = org.conv4j.match.TemplateMatch.best(m, org.conv4j.match.Metric.MSD);
    assertThat(m.shape()).containsExactly(491, 491);
    assertThat(m.get(0, 0)).isEqualTo(124435.35);
    assertThat(best.index()).containsExactly(123, 321);
    assertThat(best.score()).isEqualTo(0.0);
    double[] t = x0.contiguous().toDoubleArray();
    Tensor m2 = org.conv4j.window.WindowOp.apply(z, org.conv4j.window.WindowSpec.size(10, 10).valid(), w -> {
      double s = 0;
      for (int k = 0; k < w.length; k++) {
        double d = w[k] - t[k];
        s += d * d;
      }
      return s / w.length;
    });
    assertThat(m2.shape()).containsExactly(491, 491);
    assertThat(m2.get(123, 321)).isEqualTo(0.0);
    assertThat(m2.allClose(m, 1e-12, 1e-9, false)).isTrue();
  }

  @Test
  void filterSectionRuns() {
    Tensor image = new Rng(5).uniform(DType.FLOAT32, 0, 1, 40, 30);
    Tensor med = org.conv4j.filter.Filters.medianFilter(image, 9);
    Tensor mx = org.conv4j.filter.Filters.maximumFilter(image, org.conv4j.filter.Footprint.size(3, 5),
        org.conv4j.filter.FilterOptions.defaults().mode("mirror").origin(1));
    assertThat(med.shape()).containsExactly(40, 30);
    assertThat(mx.shape()).containsExactly(40, 30);
    // Interior check against the definition: the max of the 3×5 window shifted by origin 1.
    double want = Double.NEGATIVE_INFINITY;
    for (int i = 10 - 1 - 1; i <= 10 + 1 - 1; i++) {
      for (int j = 10 - 2 - 1; j <= 10 + 2 - 1; j++) {
        want = Math.max(want, image.get(i, j));
      }
    }
    assertThat(mx.get(10, 10)).isEqualTo(want);
  }
}
