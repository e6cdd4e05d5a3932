package org.conv4j.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.conv4j.kernels.MatchKernels;
import org.conv4j.kernels.simd.MatchSimd;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Properties, errors and NaN rules of template matching, and SIMD ≡ scalar for its kernels. */
class MatchPropertiesTest {
  /** Direct vs decomposition on float64 non-integer data, relative to the largest score. */
  static final double METHOD_TOL = 1e-12;

  static Tensor ints(Random r, DType dt, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextInt(19) - 9;
    }
    return Tensor.of(v, shape).to(dt);
  }

  @Test
  void directEqualsDecompositionExactlyOnIntegerData() {
    Random r = new Random(7);
    for (int trial = 0; trial < 30; trial++) {
      int d = 1 + r.nextInt(3);
      boolean ch = r.nextBoolean();
      int[] s = new int[d + (ch ? 1 : 0)];
      int[] k = new int[s.length];
      if (ch) {
        s[0] = k[0] = 1 + r.nextInt(3);
      }
      for (int a = ch ? 1 : 0; a < s.length; a++) {
        s[a] = 1 + r.nextInt(d == 1 ? 40 : 9);
        k[a] = 1 + r.nextInt(s[a]);
      }
      Tensor x = ints(r, DType.FLOAT64, s);
      Tensor t = ints(r, DType.FLOAT64, k);
      for (Metric m : List.of(Metric.SSD, Metric.MSD, Metric.CCORR, Metric.CCOEFF)) {
        MatchOptions o = MatchOptions.defaults().channels(ch);
        Tensor a = TemplateMatch.match(x, t, m, o.method(MatchMethod.DIRECT));
        Tensor b = TemplateMatch.match(x, t, m, o.method(MatchMethod.DECOMPOSITION).threads(1));
        if (m == Metric.CCOEFF) {
          assertThat(a.allClose(b, 0, 1e-9, false)).isTrue();
        } else {
          assertThat(a.valuesEqual(b)).as("%s %s", m, java.util.Arrays.toString(s)).isTrue();
        }
      }
    }
  }

  @Test
  void directEqualsDecompositionWithinToleranceOnFloatData() {
    Random r = new Random(11);
    double[] v = new double[40 * 37];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextDouble() * 3 + 10;
    }
    Tensor x = Tensor.of(v, 40, 37);
    Tensor t = x.slice(0, 5, 12, 1).slice(1, 20, 29, 1).add(0.01);
    for (Metric m : Metric.values()) {
      Tensor a = TemplateMatch.match(x, t, m, MatchOptions.defaults().method(MatchMethod.DIRECT));
      Tensor b = TemplateMatch.match(x, t, m, MatchOptions.defaults().method(MatchMethod.DECOMPOSITION));
      double scale = Math.max(1, a.abs().max().item());
      assertThat(a.sub(b).abs().max().item()).as(m.name()).isLessThanOrEqualTo(METHOD_TOL * scale * 100);
    }
  }

  @Test
  void simdKernelsEqualTheScalarTwinBitwise() {
    Random r = new Random(3);
    for (int trial = 0; trial < 200; trial++) {
      int w = 1 + r.nextInt(70);
      int kx = 1 + r.nextInt(9);
      int rows = 1 + r.nextInt(4);
      int[] rowOff = new int[rows];
      for (int i = 0; i < rows; i++) {
        rowOff[i] = i * (w + kx + 3);
      }
      int n = rows * (w + kx + 3) + w + kx + 5;
      float[] img = new float[n];
      double[] imgD = new double[n];
      for (int i = 0; i < n; i++) {
        img[i] = (float) r.nextGaussian();
        imgD[i] = r.nextGaussian();
      }
      float[] t = new float[rows * kx];
      double[] tD = new double[rows * kx];
      for (int i = 0; i < t.length; i++) {
        t[i] = (float) r.nextGaussian();
        tD[i] = r.nextGaussian();
      }
      int base = r.nextInt(3);
      for (int op = 0; op < 3; op++) {
        float[] a = new float[w + 2];
        float[] b = new float[w + 2];
        MatchSimd.row(op, img, base, rowOff, t, kx, a, 1, w);
        MatchKernels.rowScalar(op, img, base, rowOff, t, kx, b, 1, w);
        assertThat(a).as("float op %d w %d kx %d", op, w, kx).containsExactly(b);
        double[] c = new double[w + 2];
        double[] e = new double[w + 2];
        MatchSimd.row(op, imgD, base, rowOff, tD, kx, c, 1, w);
        MatchKernels.rowScalar(op, imgD, base, rowOff, tD, kx, e, 1, w);
        assertThat(c).as("double op %d", op).containsExactly(e);
      }
    }
    for (int trial = 0; trial < 100; trial++) {
      int w = 1 + r.nextInt(80);
      int kx = 1 + r.nextInt(Math.min(w, 9));
      int kh = 1 + r.nextInt(5);
      int ow = w - kx + 1;
      float[] img = new float[(kh + 2) * w];
      for (int i = 0; i < img.length; i++) {
        img[i] = (float) r.nextGaussian();
      }
      float[] t = new float[kh * kx];
      for (int i = 0; i < t.length; i++) {
        t[i] = (float) r.nextGaussian();
      }
      int[] rows = new int[kh];
      for (int i = 0; i < kh; i++) {
        rows[i] = i * w;
      }
      float[] a = new float[2 * ow];
      float[] b = new float[2 * ow];
      MatchKernels.corr2Rows(img, 0, w, kh, t, kx, a, 0, ow, ow);
      MatchKernels.rowScalar(MatchKernels.CORR, img, 0, rows, t, kx, b, 0, ow);
      MatchKernels.rowScalar(MatchKernels.CORR, img, w, rows, t, kx, b, ow, ow);
      assertThat(a).as("corr2Rows w %d kx %d kh %d", w, kx, kh).containsExactly(b);
    }
    assertThat(MatchKernels.SIMD).as("the Vector API is on in tests").isTrue();
  }

  @Test
  void errorsNameTheProblem() {
    Tensor x = Tensor.zeros(DType.FLOAT64, 5, 6);
    assertThatThrownBy(() -> TemplateMatch.match(x, Tensor.zeros(DType.FLOAT64, 6, 2), Metric.SSD))
        .hasMessageContaining("template larger than the image on axis 0: 6 > 5");
    assertThatThrownBy(() -> TemplateMatch.match(x, Tensor.zeros(DType.FLOAT64, 2), Metric.SSD))
        .hasMessageContaining("rank mismatch");
    assertThatThrownBy(() -> TemplateMatch.match(x, Tensor.zeros(DType.FLOAT64, 0, 2), Metric.SSD))
        .hasMessageContaining("empty template");
    assertThatThrownBy(() -> TemplateMatch.match(x, Tensor.ones(DType.FLOAT64, 2, 2), Metric.SSD,
        MatchOptions.defaults().mask(Tensor.ones(DType.FLOAT64, 2, 3)))).hasMessageContaining("mask shape");
    assertThatThrownBy(() -> TemplateMatch.match(x, Tensor.ones(DType.FLOAT64, 2, 2), Metric.MSD,
        MatchOptions.defaults().mask(Tensor.zeros(DType.FLOAT64, 2, 2)))).hasMessageContaining("no positive weight");
    assertThatThrownBy(() -> TemplateMatch.match(Tensor.zeros(DType.FLOAT64, 3, 5, 5), Tensor.ones(DType.FLOAT64, 2, 2, 2),
        Metric.SSD, MatchOptions.defaults().channels(true))).hasMessageContaining("3 channels but template has 2");
    assertThatThrownBy(() -> TemplateMatch.match(Tensor.zeros(DType.FLOAT64, 3), Tensor.ones(DType.FLOAT64, 3),
        Metric.SSD, MatchOptions.defaults().channels(true))).hasMessageContaining("spatial axis");
    assertThatThrownBy(() -> Metric.parse("xcorr")).hasMessageContaining("expected one of ssd, msd");
    assertThatThrownBy(() -> MatchOptions.defaults().threads(0)).hasMessageContaining("threads");
  }

  @Test
  void namesParse() {
    assertThat(Metric.parse("TM_CCOEFF_NORMED")).isEqualTo(Metric.CCOEFF_NORMED);
    assertThat(Metric.parse("sqdiff-normed")).isEqualTo(Metric.SQDIFF_NORMED);
    assertThat(Metric.parse("ccorr_normed")).isEqualTo(Metric.CCORR_NORMED);
    assertThat(MatchMethod.parse("Direct")).isEqualTo(MatchMethod.DIRECT);
  }

  @Test
  void nanStaysInItsWindows() {
    double[] v = new double[10 * 10];
    for (int i = 0; i < v.length; i++) {
      v[i] = i % 7;
    }
    v[5 * 10 + 5] = Double.NaN;
    Tensor x = Tensor.of(v, 10, 10);
    Tensor t = Tensor.ones(DType.FLOAT64, 3, 3);
    for (Metric m : Metric.values()) {
      for (MatchMethod method : List.of(MatchMethod.AUTO, MatchMethod.DIRECT, MatchMethod.DECOMPOSITION)) {
        Tensor r = TemplateMatch.match(x, t, m, MatchOptions.defaults().method(method));
        for (int i = 0; i < 8; i++) {
          for (int j = 0; j < 8; j++) {
            boolean covers = i <= 5 && 5 < i + 3 && j <= 5 && 5 < j + 3;
            assertThat(Double.isNaN(r.get(i, j))).as("%s %s (%d,%d)", m, method, i, j).isEqualTo(covers);
          }
        }
      }
    }
    Tensor tn = Tensor.of(new double[] {1, Double.NaN, 1, 1}, 2, 2);
    for (Metric m : Metric.values()) {
      assertThat(Double.isNaN(TemplateMatch.match(x, tn, m).get(0, 0))).as(m.name()).isTrue();
    }
  }

  @Test
  void zeroVarianceGuards() {
    Tensor flat = Tensor.full(DType.FLOAT64, 2.0, 6, 6);
    Tensor t = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
    assertThat(TemplateMatch.match(flat, t, Metric.CCOEFF_NORMED).max().item()).isEqualTo(0.0);
    Tensor zero = Tensor.zeros(DType.FLOAT64, 6, 6);
    assertThat(TemplateMatch.match(zero, t, Metric.CCORR_NORMED).max().item()).isEqualTo(0.0);
    assertThat(TemplateMatch.match(zero, t, Metric.SQDIFF_NORMED).min().item()).isEqualTo(1.0);
    Tensor img = Tensor.arange(DType.FLOAT64, 36).reshape(6, 6);
    assertThat(TemplateMatch.match(img, Tensor.full(DType.FLOAT64, 3, 2, 2), Metric.CCOEFF_NORMED).min().item())
        .isEqualTo(1.0);
  }

  @Test
  void bestMatchHelpersAndNonMaximumSuppression() {
    double[] v = new double[8 * 8];
    v[1 * 8 + 1] = 5;
    v[1 * 8 + 2] = 4.5; // suppressed by (1,1) with distance 3
    v[6 * 8 + 6] = 4;
    v[6 * 8 + 2] = Double.NaN;
    v[3 * 8 + 7] = 3;
    Tensor s = Tensor.of(v, 8, 8);
    assertThat(TemplateMatch.argmax(s).index()).containsExactly(1, 1);
    List<Peak> top = TemplateMatch.topK(s, 3, false, 3, 3);
    assertThat(top).extracting(p -> p.index()[0] * 8 + p.index()[1]).containsExactly(9, 54, 31);
    assertThat(TemplateMatch.topK(s, 2, false, 1).get(1).score()).isEqualTo(4.5);
    assertThat(TemplateMatch.argmin(s).score()).isEqualTo(0.0);
    assertThat(TemplateMatch.best(s, Metric.SSD).index()).containsExactly(0, 0);
    assertThatThrownBy(() -> TemplateMatch.argmin(Tensor.of(new double[] {Double.NaN}, 1)))
        .hasMessageContaining("all NaN");
  }

  @Test
  void selectIsAPureFunction() {
    assertThat(TemplateMatch.select(Metric.MSD, MatchMethod.AUTO, DType.FLOAT64, false, true))
        .isEqualTo(MatchMethod.DECOMPOSITION);
    assertThat(TemplateMatch.select(Metric.MSD, MatchMethod.AUTO, DType.FLOAT32, false, true))
        .isEqualTo(MatchMethod.DECOMPOSITION);
    assertThat(TemplateMatch.select(Metric.CCOEFF_NORMED, MatchMethod.AUTO, DType.FLOAT32, false, false))
        .isEqualTo(MatchMethod.DIRECT);
    assertThat(TemplateMatch.select(Metric.SAD, MatchMethod.DECOMPOSITION, DType.FLOAT64, false, true))
        .isEqualTo(MatchMethod.DIRECT);
    // The cost model: FFT for large templates, never for the seed's 10×10.
    int[] big = {2048, 2048};
    assertThat(TemplateMatch.select(Metric.SSD, MatchMethod.AUTO, DType.FLOAT32, false, true, 1, big, new int[] {31, 31}))
        .isEqualTo(MatchMethod.FFT);
    assertThat(TemplateMatch.select(Metric.CCOEFF_NORMED, MatchMethod.AUTO, DType.FLOAT32, false, true, 1, big,
        new int[] {31, 31})).isEqualTo(MatchMethod.FFT);
    assertThat(TemplateMatch.select(Metric.MSD, MatchMethod.AUTO, DType.FLOAT32, false, true, 1, new int[] {500, 500},
        new int[] {10, 10})).isEqualTo(MatchMethod.DECOMPOSITION);
    assertThat(TemplateMatch.select(Metric.MSD, MatchMethod.AUTO, DType.FLOAT64, false, true, 1, new int[] {500, 500},
        new int[] {10, 10})).isEqualTo(MatchMethod.DECOMPOSITION);
    assertThat(TemplateMatch.select(Metric.CCORR, MatchMethod.AUTO, DType.FLOAT32, false, true, 1, new int[] {64, 64},
        new int[] {3, 3})).isEqualTo(MatchMethod.DIRECT);
    // FFT where it does not apply: 3-D and masked problems run the decomposition, SAD and NaN direct.
    assertThat(TemplateMatch.select(Metric.SSD, MatchMethod.FFT, DType.FLOAT64, false, true, 1, new int[] {9, 9, 9},
        new int[] {2, 2, 2})).isEqualTo(MatchMethod.DECOMPOSITION);
    assertThat(TemplateMatch.select(Metric.SSD, MatchMethod.FFT, DType.FLOAT64, true, true, 1, big, big))
        .isEqualTo(MatchMethod.DECOMPOSITION);
    assertThat(TemplateMatch.select(Metric.SAD, MatchMethod.FFT, DType.FLOAT64, false, true, 1, big, big))
        .isEqualTo(MatchMethod.DIRECT);
    assertThat(TemplateMatch.select(Metric.SSD, MatchMethod.FFT, DType.FLOAT64, false, false, 1, big, big))
        .isEqualTo(MatchMethod.DIRECT);
  }
}
