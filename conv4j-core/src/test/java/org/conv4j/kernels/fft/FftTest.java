package org.conv4j.kernels.fft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The FFTs against a plainly written O(n²) DFT, and their identities: round trip, known
 * transforms, Parseval, many sequences at once in any layout.
 */
class FftTest {
  /** float64 transforms agree with the naive DFT to this much, relative to the largest output. */
  private static final double TOL = 1e-12;

  /** The reference twin: X[k] = Σ x[j]·e^{∓2πi jk/n} with exactly reduced angles. */
  static double[][] dft(double[] re, double[] im, boolean inverse) {
    int n = re.length;
    double[] or = new double[n];
    double[] oi = new double[n];
    for (int k = 0; k < n; k++) {
      double sr = 0;
      double si = 0;
      for (int j = 0; j < n; j++) {
        double ang = (inverse ? 2 : -2) * Math.PI * ((long) j * k % n) / n;
        double c = Math.cos(ang);
        double s = Math.sin(ang);
        sr += re[j] * c - im[j] * s;
        si += re[j] * s + im[j] * c;
      }
      or[k] = sr;
      oi[k] = si;
    }
    return new double[][] {or, oi};
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

  private static void assertClose(double[] actual, double[] expected, double scale) {
    for (int i = 0; i < expected.length; i++) {
      assertThat(Math.abs(actual[i] - expected[i])).as("index %d", i).isLessThanOrEqualTo(TOL * scale);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 16, 25, 30, 49, 60, 64, 97, 120, 121, 210, 243, 256, 1000})
  void complexMatchesNaiveDft(int n) {
    SplittableRandom r = new SplittableRandom(n);
    double[] re = r.doubles(n, -1, 1).toArray();
    double[] im = r.doubles(n, -1, 1).toArray();
    double[][] want = dft(re, im, false);
    double[] gr = re.clone();
    double[] gi = im.clone();
    new ComplexFft(n).transform(gr, gi, 0, 1, n, 1, false, new ComplexFft.Workspace());
    double scale = maxAbs(want);
    assertClose(gr, want[0], scale);
    assertClose(gi, want[1], scale);
    double[][] back = dft(re, im, true);
    double[] br = re.clone();
    double[] bi = im.clone();
    new ComplexFft(n).transform(br, bi, 0, 1, n, 1, true, new ComplexFft.Workspace());
    assertClose(br, back[0], scale);
    assertClose(bi, back[1], scale);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4, 6, 10, 12, 16, 18, 30, 50, 64, 90, 98, 128, 250, 540, 1024})
  void realMatchesNaiveDftAndRoundTrips(int n) {
    SplittableRandom r = new SplittableRandom(31 * n);
    double[] x = r.doubles(n, -1, 1).toArray();
    double[][] want = dft(x, new double[n], false);
    RealFft f = new RealFft(n);
    double[] re = new double[n / 2 + 1];
    double[] im = new double[n / 2 + 1];
    ComplexFft.Workspace ws = new ComplexFft.Workspace();
    f.forward(x, 0, 1, n, 1, re, im, 0, 1, n / 2 + 1, ws);
    double scale = maxAbs(want);
    for (int k = 0; k <= n / 2; k++) {
      assertThat(Math.abs(re[k] - want[0][k])).as("re %d", k).isLessThanOrEqualTo(TOL * scale);
      assertThat(Math.abs(im[k] - want[1][k])).as("im %d", k).isLessThanOrEqualTo(TOL * scale);
    }
    double[] y = new double[n];
    f.inverse(re, im, 0, 1, n / 2 + 1, 1, y, 0, 1, n, ws);
    for (int i = 0; i < n; i++) {
      assertThat(Math.abs(y[i] / n - x[i])).isLessThanOrEqualTo(1e-14 * n);
    }
  }

  @Test
  void knownTransforms() {
    // An impulse at 0 has a flat spectrum; a constant has all its energy at 0; a cosine at bin 3.
    int n = 24;
    double[] re = new double[n];
    double[] im = new double[n];
    re[0] = 1;
    new ComplexFft(n).transform(re, im, 0, 1, n, 1, false, new ComplexFft.Workspace());
    for (int k = 0; k < n; k++) {
      assertThat(re[k]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-15));
      assertThat(im[k]).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-15));
    }
    double[] x = new double[n];
    for (int j = 0; j < n; j++) {
      x[j] = Math.cos(2 * Math.PI * 3 * j / n);
    }
    double[] xr = new double[n / 2 + 1];
    double[] xi = new double[n / 2 + 1];
    new RealFft(n).forward(x, 0, 1, n, 1, xr, xi, 0, 1, n / 2 + 1, new ComplexFft.Workspace());
    for (int k = 0; k <= n / 2; k++) {
      assertThat(xr[k]).isCloseTo(k == 3 ? n / 2.0 : 0.0, org.assertj.core.data.Offset.offset(1e-13));
      assertThat(xi[k]).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-13));
    }
  }

  @Test
  void parseval() {
    int n = 360;
    SplittableRandom r = new SplittableRandom(7);
    double[] re = r.doubles(n, -1, 1).toArray();
    double[] im = r.doubles(n, -1, 1).toArray();
    double e = 0;
    for (int i = 0; i < n; i++) {
      e += re[i] * re[i] + im[i] * im[i];
    }
    new ComplexFft(n).transform(re, im, 0, 1, n, 1, false, new ComplexFft.Workspace());
    double f = 0;
    for (int i = 0; i < n; i++) {
      f += re[i] * re[i] + im[i] * im[i];
    }
    assertThat(f / n).isCloseTo(e, org.assertj.core.data.Offset.offset(1e-12 * e));
  }

  @Test
  void manySequencesInEitherLayoutMatchOneAtATime() {
    int n = 60;
    int count = 37;
    SplittableRandom r = new SplittableRandom(3);
    double[] re = r.doubles(n * count, -1, 1).toArray();
    double[] im = r.doubles(n * count, -1, 1).toArray();
    ComplexFft f = new ComplexFft(n);
    // Columns: element i of sequence c at i*count + c.
    double[] cr = re.clone();
    double[] ci = im.clone();
    f.transform(cr, ci, 0, count, 1, count, false, new ComplexFft.Workspace());
    for (int c = 0; c < count; c++) {
      double[] sr = new double[n];
      double[] si = new double[n];
      for (int i = 0; i < n; i++) {
        sr[i] = re[i * count + c];
        si[i] = im[i * count + c];
      }
      f.transform(sr, si, 0, 1, n, 1, false, new ComplexFft.Workspace());
      for (int i = 0; i < n; i++) {
        assertThat(cr[i * count + c]).isEqualTo(sr[i]);
        assertThat(ci[i * count + c]).isEqualTo(si[i]);
      }
    }
  }

  @Test
  void fastLengths() {
    assertThat(FastLength.next(1)).isEqualTo(1);
    assertThat(FastLength.next(7)).isEqualTo(8);
    assertThat(FastLength.next(542)).isEqualTo(576);
    assertThat(FastLength.next(540)).isEqualTo(540);
    assertThat(FastLength.next(1_000_015)).isEqualTo(1_012_500);
    assertThat(FastLength.nextEven(7)).isEqualTo(8);
    assertThat(FastLength.nextEven(25)).isEqualTo(30);
    assertThat(FastLength.nextEven(1)).isEqualTo(2);
    for (int n = 1; n < 3000; n++) {
      int f = FastLength.next(n);
      assertThat(FastLength.isFast(f)).isTrue();
      assertThat(f).isGreaterThanOrEqualTo(n);
      for (int m = n; m < f; m++) {
        assertThat(FastLength.isFast(m)).as("%d between %d and %d", m, n, f).isFalse();
      }
    }
    assertThat(new ComplexFft(120).radices()).containsExactly(4, 2, 3, 5);
    assertThrows(IllegalArgumentException.class, () -> new RealFft(9));
    assertThrows(IllegalArgumentException.class, () -> new ComplexFft(0));
  }

  /** Every radix (4, 2, 3, 5 and a generic 7), chunk widths with and without a vector tail. */
  @ParameterizedTest
  @ValueSource(ints = {4, 8, 12, 20, 30, 60, 64, 90, 120, 288, 576, 7 * 8, 1000})
  void vectorButterfliesEqualScalarBitForBit(int n) {
    SplittableRandom r = new SplittableRandom(7 * n);
    ComplexFft f = new ComplexFft(n);
    for (int ch : new int[] {1, 3, 4, 8, 13, 24}) {
      double[] xr = r.doubles(n * ch, -1, 1).toArray();
      double[] xi = r.doubles(n * ch, -1, 1).toArray();
      double[] ar = xr.clone();
      double[] ai = xi.clone();
      double[] br = new double[n * ch];
      double[] bi = new double[n * ch];
      boolean inB = f.passes(ar, ai, br, bi, ch, true);
      double[] sr = xr.clone();
      double[] si = xi.clone();
      double[] tr = new double[n * ch];
      double[] ti = new double[n * ch];
      boolean inT = f.passes(sr, si, tr, ti, ch, false);
      assertThat(inB).isEqualTo(inT);
      assertThat(inB ? br : ar).as("re, n=%d ch=%d", n, ch).containsExactly(inT ? tr : sr);
      assertThat(inB ? bi : ai).as("im, n=%d ch=%d", n, ch).containsExactly(inT ? ti : si);
    }
  }
}
