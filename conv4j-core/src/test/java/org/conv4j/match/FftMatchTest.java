package org.conv4j.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.conv4j.kernels.MatchFft;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The FFT method and the fused decomposition ({@link Planar}): FFT ≡ direct within a stated
 * tolerance, exact on integer data, the same bits for any thread count, and the tiling.
 */
class FftMatchTest {
  /**
   * FFT vs direct: the correlation error is a few ε·log₂N·Σ|window·template|; relative to the
   * largest |score| (and to 1 for the normalised metrics) we allow 1e-11 in float64. In float32
   * the FFT correlates in float64 while the direct kernels accumulate in float32, so the bound is
   * the float32 one (2e-5 of the largest score).
   */
  static final double TOL64 = 1e-11;
  static final double TOL32 = 2e-5;

  static Tensor uniform(Random r, DType dt, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextDouble() * 4 - 1;
    }
    return Tensor.of(v, shape).to(dt);
  }

  static Tensor ints(Random r, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextInt(2001) - 1000;
    }
    return Tensor.of(v, shape);
  }

  static double maxDiff(Tensor a, Tensor b) {
    return a.to(DType.FLOAT64).sub(b.to(DType.FLOAT64)).abs().max().item();
  }

  /** Shapes: 1-D, 2-D single tile, 2-D several tiles, channels. {image..., template...}. */
  static final List<int[][]> CASES = List.of(
      new int[][] {{300}, {17}},
      new int[][] {{5000}, {60}},
      new int[][] {{40, 37}, {7, 9}},
      new int[][] {{1100, 70}, {21, 5}},
      new int[][] {{3, 30, 41}, {3, 6, 8}},
      new int[][] {{2, 700}, {2, 33}});

  @Test
  void fftEqualsDirectWithinTolerance() {
    Random r = new Random(5);
    for (int[][] c : CASES) {
      boolean ch = c[0].length == 3 || (c[0].length == 2 && c[0][0] == 2);
      for (DType dt : List.of(DType.FLOAT64, DType.FLOAT32)) {
        Tensor x = uniform(r, dt, c[0]);
        Tensor t = uniform(r, dt, c[1]);
        for (Metric m : Metric.values()) {
          MatchOptions o = MatchOptions.defaults().channels(ch);
          Tensor direct = TemplateMatch.match(x, t, m, o.method(MatchMethod.DIRECT));
          Tensor fft = TemplateMatch.match(x, t, m, o.method(MatchMethod.FFT));
          assertThat(fft.shape()).isEqualTo(direct.shape());
          assertThat(fft.dtype()).isEqualTo(dt);
          double scale = m.normalised() ? 1 : Math.max(1, direct.abs().max().item());
          double tol = dt == DType.FLOAT64 ? TOL64 : TOL32;
          assertThat(maxDiff(fft, direct)).as("%s %s %s", m, dt, java.util.Arrays.deepToString(c))
              .isLessThanOrEqualTo(tol * scale);
        }
      }
    }
  }

  @Test
  void fftIsExactOnIntegerDataInFloat64() {
    Random r = new Random(9);
    for (int[][] c : CASES) {
      boolean ch = c[0].length == 3 || (c[0].length == 2 && c[0][0] == 2);
      Tensor x = ints(r, c[0]);
      Tensor t = ints(r, c[1]);
      for (Metric m : List.of(Metric.SSD, Metric.MSD, Metric.CCORR)) {
        MatchOptions o = MatchOptions.defaults().channels(ch);
        Tensor direct = TemplateMatch.match(x, t, m, o.method(MatchMethod.DIRECT));
        Tensor fft = TemplateMatch.match(x, t, m, o.method(MatchMethod.FFT));
        assertThat(fft.valuesEqual(direct)).as("%s %s", m, java.util.Arrays.deepToString(c)).isTrue();
      }
    }
  }

  @Test
  void sameBitsForAnyThreadCount() {
    Random r = new Random(13);
    for (int[][] c : CASES) {
      boolean ch = c[0].length == 3 || (c[0].length == 2 && c[0][0] == 2);
      for (DType dt : List.of(DType.FLOAT64, DType.FLOAT32)) {
        Tensor x = uniform(r, dt, c[0]);
        Tensor t = uniform(r, dt, c[1]);
        for (MatchMethod method : List.of(MatchMethod.FFT, MatchMethod.DECOMPOSITION)) {
          for (Metric m : Metric.values()) {
            MatchOptions o = MatchOptions.defaults().channels(ch).method(method);
            Tensor one = TemplateMatch.match(x, t, m, o.threads(1));
            for (int threads : new int[] {2, 3, 5}) {
              Tensor many = TemplateMatch.match(x, t, m, o.threads(threads));
              assertThat(java.util.Arrays.equals(many.toDoubleArray(), one.toDoubleArray()))
                  .as("%s %s %s %d threads", method, m, dt, threads).isTrue();
            }
          }
        }
      }
    }
  }

  @Test
  void zeroVarianceWindowsStayDefinedWithFft() {
    Tensor flat = Tensor.full(DType.FLOAT64, 2.0, 40, 40);
    Tensor t = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
    MatchOptions fft = MatchOptions.defaults().method(MatchMethod.FFT);
    assertThat(TemplateMatch.match(flat, t, Metric.CCOEFF_NORMED, fft).abs().max().item()).isEqualTo(0.0);
    Tensor zero = Tensor.zeros(DType.FLOAT32, 40, 40);
    assertThat(TemplateMatch.match(zero, t.to(DType.FLOAT32), Metric.CCORR_NORMED, fft).abs().max().item())
        .isEqualTo(0.0);
    assertThat(TemplateMatch.match(zero, t.to(DType.FLOAT32), Metric.SQDIFF_NORMED, fft).min().item()).isEqualTo(1.0);
    Tensor img = Tensor.arange(DType.FLOAT64, 36).reshape(6, 6);
    assertThat(TemplateMatch.match(img, Tensor.full(DType.FLOAT64, 3, 2, 2), Metric.CCOEFF_NORMED, fft).min().item())
        .isEqualTo(1.0);
  }

  @Test
  void tilesCoverTheOutput() {
    int[][] shapes = {{2048, 2048, 31, 31}, {500, 500, 10, 10}, {1, 5000, 1, 60}, {1100, 70, 21, 5}, {33, 33, 33, 33}};
    for (int[] s : shapes) {
      double[] t = new double[s[2] * s[3]];
      MatchFft.Plan p = MatchFft.plan(1, s[0], s[1], s[2], s[3], t);
      int oh = s[0] - s[2] + 1;
      int ow = s[1] - s[3] + 1;
      assertThat(p.b0).isPositive();
      assertThat(p.b1).isPositive();
      assertThat((long) p.tilesY * p.b0).isGreaterThanOrEqualTo(oh);
      assertThat((long) (p.tilesY - 1) * p.b0).isLessThan(oh);
      assertThat((long) p.tilesX * p.b1).isGreaterThanOrEqualTo(ow);
      assertThat((long) (p.tilesX - 1) * p.b1).isLessThan(ow);
      assertThat(p.f1 % 2).isZero();
    }
  }

  @Test
  void big31x31FindsTheTemplate() {
    Random r = new Random(1);
    float[] b = new float[700 * 650];
    for (int i = 0; i < b.length; i++) {
      b[i] = r.nextFloat();
    }
    Tensor img = Tensor.of(b, 700, 650);
    Tensor t = img.slice(0, 300, 331, 1).slice(1, 200, 231, 1).contiguous();
    for (Metric m : List.of(Metric.SSD, Metric.CCOEFF_NORMED, Metric.SQDIFF_NORMED, Metric.CCORR_NORMED)) {
      Tensor s = TemplateMatch.match(img, t, m, MatchOptions.defaults().method(MatchMethod.FFT));
      assertThat(TemplateMatch.best(s, m).index()).as(m.name()).containsExactly(300, 200);
    }
  }
}
