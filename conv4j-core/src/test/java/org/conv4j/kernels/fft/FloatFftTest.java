package org.conv4j.kernels.fft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The float32 FFTs: against the float64 naive DFT of {@link FftTest} within a stated float32
 * tolerance, the vector butterflies against the scalar ones bit for bit, and the real transform's
 * round trip.
 */
class FloatFftTest {
  /**
   * float32 transforms vs the exact DFT of the same (float32) inputs, relative to the largest
   * output: a few float ulps (6e-8) per pass, with {@code log n} passes.
   */
  private static final double F32_TOL = 2e-6;

  private static float[] floats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  private static double[] doubles(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  private static double maxAbs(double[]... arrays) {
    double m = 0;
    for (double[] a : arrays) {
      for (double v : a) {
        m = Math.max(m, Math.abs(v));
      }
    }
    return m;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 16, 25, 30, 49, 60, 64, 97, 120, 243, 256, 576, 1000})
  void complexMatchesTheFloat64Dft(int n) {
    SplittableRandom r = new SplittableRandom(n);
    float[] re = floats(r.doubles(n, -1, 1).toArray());
    float[] im = floats(r.doubles(n, -1, 1).toArray());
    double[][] want = FftTest.dft(doubles(re), doubles(im), false);
    float[] gr = re.clone();
    float[] gi = im.clone();
    new FloatComplexFft(n).transform(gr, gi, 0, 1, n, 1, false, new FloatComplexFft.Workspace());
    double scale = maxAbs(want);
    for (int k = 0; k < n; k++) {
      assertThat(Math.abs(gr[k] - want[0][k])).as("re %d", k).isLessThanOrEqualTo(F32_TOL * scale);
      assertThat(Math.abs(gi[k] - want[1][k])).as("im %d", k).isLessThanOrEqualTo(F32_TOL * scale);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4, 6, 10, 16, 18, 30, 64, 90, 128, 250, 540, 576, 1024})
  void realMatchesTheFloat64DftAndRoundTrips(int n) {
    SplittableRandom r = new SplittableRandom(31 * n);
    float[] x = floats(r.doubles(n, -1, 1).toArray());
    double[][] want = FftTest.dft(doubles(x), new double[n], false);
    FloatRealFft f = new FloatRealFft(n);
    float[] re = new float[n / 2 + 1];
    float[] im = new float[n / 2 + 1];
    FloatComplexFft.Workspace ws = new FloatComplexFft.Workspace();
    f.forward(x, 0, 1, n, 1, re, im, 0, 1, n / 2 + 1, ws);
    double scale = maxAbs(want);
    for (int k = 0; k <= n / 2; k++) {
      assertThat(Math.abs(re[k] - want[0][k])).as("re %d", k).isLessThanOrEqualTo(F32_TOL * scale);
      assertThat(Math.abs(im[k] - want[1][k])).as("im %d", k).isLessThanOrEqualTo(F32_TOL * scale);
    }
    float[] y = new float[n];
    f.inverse(re, im, 0, 1, n / 2 + 1, 1, y, 0, 1, n, ws);
    for (int i = 0; i < n; i++) {
      assertThat((double) Math.abs(y[i] / n - x[i])).isLessThanOrEqualTo(F32_TOL * 4);
    }
  }

  /** Every radix (4, 2, 3, 5 and a generic 7), several chunk widths incl. ones with a vector tail. */
  @ParameterizedTest
  @ValueSource(ints = {4, 8, 12, 20, 30, 60, 64, 90, 120, 288, 576, 7 * 8, 1000})
  void vectorButterfliesEqualScalarBitForBit(int n) {
    SplittableRandom r = new SplittableRandom(7 * n);
    FloatComplexFft f = new FloatComplexFft(n);
    for (int ch : new int[] {1, 3, 8, 13, 16, 24}) {
      float[] xr = floats(r.doubles(n * ch, -1, 1).toArray());
      float[] xi = floats(r.doubles(n * ch, -1, 1).toArray());
      float[] ar = xr.clone();
      float[] ai = xi.clone();
      float[] br = new float[n * ch];
      float[] bi = new float[n * ch];
      boolean inB = f.passes(ar, ai, br, bi, ch, true);
      float[] sr = xr.clone();
      float[] si = xi.clone();
      float[] tr = new float[n * ch];
      float[] ti = new float[n * ch];
      boolean inT = f.passes(sr, si, tr, ti, ch, false);
      assertThat(inB).isEqualTo(inT);
      assertThat(inB ? br : ar).as("re, n=%d ch=%d", n, ch).containsExactly(inT ? tr : sr);
      assertThat(inB ? bi : ai).as("im, n=%d ch=%d", n, ch).containsExactly(inT ? ti : si);
    }
  }
}
