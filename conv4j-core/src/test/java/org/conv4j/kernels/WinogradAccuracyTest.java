package org.conv4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Rounding error of the Winograd forward pass and input gradient, F(2×2, 3×3) against F(4×4, 3×3),
 * on the ResNet layer's channels (64 → 64, 28×28 here to keep the test short, padding 1) against {@link DirectConv} in
 * float64 on the same inputs: per output {@code |got − exact| / Σ|w|·|x|} (the sum of absolute terms
 * over its taps), the largest and the mean over the plane. Inputs: realistic (ReLU of a standard
 * normal, He-initialised weights), and adversarial (magnitudes log-uniform over 10⁻³…10³ with
 * random signs in both, and a large common offset with small variations, whose terms cancel).
 * The bounds are the stated tolerances ({@link WinogradConvTest#TOL32}, {@link WinogradConvTest#TOL32_F4},
 * {@link WinogradConvTest#TOL64}); the measured figures are printed for the record.
 */
class WinogradAccuracyTest {
  static final int C = 64, H = 28;

  enum Data { REALISTIC, LOG_UNIFORM, OFFSET }

  static double[][] data(Data kind, long seed) {
    Random r = new Random(seed);
    double[] x = new double[C * H * H], w = new double[C * C * 9];
    for (int i = 0; i < x.length; i++) {
      x[i] = switch (kind) {
        case REALISTIC -> Math.max(0, r.nextGaussian());
        case LOG_UNIFORM -> (r.nextBoolean() ? 1 : -1) * Math.pow(10, 6 * r.nextDouble() - 3);
        case OFFSET -> 100 + r.nextGaussian();
      };
    }
    double he = Math.sqrt(2.0 / (9 * C));
    for (int i = 0; i < w.length; i++) {
      w[i] = switch (kind) {
        case REALISTIC, OFFSET -> he * r.nextGaussian();
        case LOG_UNIFORM -> (r.nextBoolean() ? 1 : -1) * Math.pow(10, 6 * r.nextDouble() - 3);
      };
    }
    return new double[][] {x, w};
  }

  /** {max, mean} of |got − exact| / Σ|terms| over the outputs. */
  static double[] error(Data kind, int m, boolean f32, boolean inputGrad) {
    ConvShape g = ConvShape.of(C, C, 1, new int[] {H, H}, new int[] {3, 3}, new int[] {H, H},
        new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1});
    double[][] xw = data(kind, 42 + kind.ordinal());
    double[] x = xw[0], w = xw[1];
    if (f32) {
      x = round(x);
      w = round(w);
    }
    double[] want = new double[g.outputSize()], terms = new double[g.outputSize()];
    if (inputGrad) {
      DirectConv.backwardInput(g, x, 0, w, 0, want, 0);
      DirectConv.backwardInput(g, WinogradConvTest.abs(x), 0, WinogradConvTest.abs(w), 0, terms, 0);
    } else {
      DirectConv.forward(g, x, 0, w, 0, want, 0);
      DirectConv.forward(g, WinogradConvTest.abs(x), 0, WinogradConvTest.abs(w), 0, terms, 0);
    }
    boolean simd = WinogradConv.vectorReady();
    double[] got = new double[g.outputSize()];
    if (f32) {
      float[] xf = WinogradConvTest.f(x), out = new float[got.length];
      WinogradConv.Plan p = inputGrad ? WinogradConv.Plan.inputGrad(g, WinogradConvTest.f(w), 0, m) : WinogradConv.Plan.forward(g, WinogradConvTest.f(w), 0, m);
      WinogradConv.run(p, new WinogradConv.Scratch(p), xf, 0, out, 0, null, 0, 0, p.tiles(), simd);
      for (int i = 0; i < got.length; i++) {
        got[i] = out[i];
      }
    } else {
      WinogradConv.Plan p = inputGrad ? WinogradConv.Plan.inputGrad(g, w, 0, m) : WinogradConv.Plan.forward(g, w, 0, m);
      WinogradConv.run(p, new WinogradConv.Scratch(p), x, 0, got, 0, null, 0, 0, p.tiles(), simd);
    }
    return maxMean(got, want, terms);
  }

  /**
   * {max, mean} of the same measure for the forward pass in float32 by {@link DirectConv} ({@code gemm}
   * false) or by im2col and the float32 GEMM ({@link ConvGemm}, {@code gemm} true), for comparison.
   */
  static double[] directError(Data kind, boolean gemm) {
    ConvShape g = ConvShape.of(C, C, 1, new int[] {H, H}, new int[] {3, 3}, new int[] {H, H},
        new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1});
    double[][] xw = data(kind, 42 + kind.ordinal());
    double[] x = round(xw[0]), w = round(xw[1]);
    double[] want = new double[g.outputSize()], terms = new double[g.outputSize()];
    DirectConv.forward(g, x, 0, w, 0, want, 0);
    DirectConv.forward(g, WinogradConvTest.abs(x), 0, WinogradConvTest.abs(w), 0, terms, 0);
    float[] got = new float[g.outputSize()];
    if (gemm) {
      ConvGemm.forward(g, WinogradConvTest.f(x), 0, WinogradConvTest.f(w), 0, got, 0, new float[(int) g.colsSize()]);
    } else {
      DirectConv.forward(g, WinogradConvTest.f(x), 0, WinogradConvTest.f(w), 0, got, 0);
    }
    double[] g64 = new double[got.length];
    for (int i = 0; i < got.length; i++) {
      g64[i] = got[i];
    }
    return maxMean(g64, want, terms);
  }

  /** {max, mean} over the plane of {@code |got − want| / terms}. */
  private static double[] maxMean(double[] got, double[] want, double[] terms) {
    double max = 0, sum = 0;
    for (int i = 0; i < got.length; i++) {
      double e = Math.abs(got[i] - want[i]) / terms[i];
      max = Math.max(max, e);
      sum += e;
    }
    return new double[] {max, sum / got.length};
  }

  @Test
  void errorsWithinStatedTolerances() {
    for (Data kind : Data.values()) {
      double[] e = directError(kind, false), eg = directError(kind, true);
      System.out.printf("winograd accuracy %s fwd float32 DirectConv: max %.3g mean %.3g; im2col+GEMM: max %.3g mean %.3g%n",
          kind, e[0], e[1], eg[0], eg[1]);
    }
    for (Data kind : Data.values()) {
      for (boolean inputGrad : new boolean[] {false, true}) {
        for (int m : new int[] {2, 4}) {
          double[] e32 = error(kind, m, true, inputGrad), e64 = error(kind, m, false, inputGrad);
          System.out.printf("winograd accuracy %s %s F%d: f32 max %.3g mean %.3g; f64 max %.3g mean %.3g%n",
              kind, inputGrad ? "dx" : "fwd", m, e32[0], e32[1], e64[0], e64[1]);
          assertThat(e32[0]).as(kind + " F" + m + " f32").isLessThanOrEqualTo(WinogradConvTest.tol32(m));
          assertThat(e64[0]).as(kind + " F" + m + " f64").isLessThanOrEqualTo(WinogradConvTest.TOL64);
        }
      }
    }
  }

  private static double[] round(double[] a) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = (float) a[i];
    }
    return r;
  }
}
