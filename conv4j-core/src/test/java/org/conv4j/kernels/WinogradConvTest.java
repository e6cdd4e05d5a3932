package org.conv4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The Winograd F(2×2, 3×3) convolution ({@link WinogradConv}) against the plain reference
 * ({@link DirectConv}) over random 2-D 3×3 stride-1 shapes: batch 1–3, channel counts across the
 * 3-row GEMM panels and the 256-deep k-blocks, odd and 1-wide planes (partial tiles), padding 0–4
 * (also asymmetric, and the input gradient's negative shifts), tile counts across the tile blocks.
 * Tolerances are relative to the sum of |terms| of each output ({@code Σ |w|·|x|} over its taps,
 * from the reference run on absolute values): {@value #TOL64} in float64, {@value #TOL32} in
 * float32 (the transforms add sums of up to 4 input and 9 weight terms before the product, so the
 * error grows with a few ulps of that sum, not of the result). The vector path equals the scalar
 * twin bit for bit (same operations in the same order), and splitting the tiles at any point gives
 * the bits of the whole.
 */
class WinogradConvTest {
  static final double TOL64 = 1e-12;
  static final double TOL32 = 1e-5;
  static final double TOL32_F4 = 5e-5;
  static final double TOL64_W = 1e-12;
  static final double TOL32_W = 1e-5;

  /** Float32 tolerance of F(m×m, 3×3), relative to Σ|terms| + 1. */
  static double tol32(int m) {
    return m == 4 ? TOL32_F4 : TOL32;
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Integer> tiles() {
    return net.jqwik.api.Arbitraries.of(2, 4);
  }

  record Case(ConvShape g, int n, double[] x, double[] w, double[] dy, double[] b, String at) {}

  static Case random(long seed) {
    Random r = new Random(seed);
    int c = 1 + r.nextInt(r.nextInt(6) == 0 ? 300 : r.nextBoolean() ? 5 : 24);
    int oc = 1 + r.nextInt(r.nextInt(6) == 0 ? 40 : r.nextBoolean() ? 5 : 24);
    // Padding 0–2, sometimes up to 4 (the input gradient's shift 2 − padding then negative).
    int padMax = r.nextInt(5) == 0 ? 5 : 3;
    int ph = r.nextInt(padMax), pw = r.nextInt(padMax), phHi = r.nextInt(3), pwHi = r.nextInt(3);
    int ih = Math.max(1, 3 - ph - phHi) + r.nextInt(r.nextBoolean() ? 4 : 14);
    int iw = Math.max(1, 3 - pw - pwHi) + r.nextInt(r.nextBoolean() ? 4 : 40);
    int oh = ih + ph + phHi - 2, ow = iw + pw + pwHi - 2;
    if (c > 64) {
      ih = Math.min(ih, 6);
      oh = ih + ph + phHi - 2;
    }
    int n = 1 + r.nextInt(3);
    ConvShape g = ConvShape.of(c, oc, 1, new int[] {ih, iw}, new int[] {3, 3}, new int[] {oh, ow},
        new int[] {1, 1}, new int[] {ph, pw}, new int[] {1, 1});
    String at = "seed " + seed + ": " + g + " n " + n;
    return new Case(g, n, rand(r, n * g.inputSize()), rand(r, g.weightSize()), rand(r, n * g.outputSize()),
        rand(r, g.oc()), at);
  }

  @Property(tries = 60)
  void forwardFloat64MatchesDirect(@ForAll long seed, @ForAll("tiles") int m) {
    Case c = random(seed);
    ConvShape g = c.g();
    double[][] want = direct(c, false);
    WinogradConv.Plan p = WinogradConv.Plan.forward(g, c.w(), 0, m);
    double[] scalar = run(p, c.n(), c.x(), g.inputSize(), g.outputSize(), c.b(), false);
    close(scalar, want, TOL64, "forward f64 F" + m + " " + c.at());
    if (WinogradConv.vectorReady()) {
      assertThat(run(p, c.n(), c.x(), g.inputSize(), g.outputSize(), c.b(), true))
          .as("forward f64 simd = scalar, " + c.at()).containsExactly(scalar);
    }
  }

  @Property(tries = 60)
  void forwardFloat32MatchesDirect(@ForAll long seed, @ForAll("tiles") int m) {
    Case c = random(seed);
    ConvShape g = c.g();
    double[][] want = direct(c, false);
    WinogradConv.Plan p = WinogradConv.Plan.forward(g, f(c.w()), 0, m);
    float[] scalar = run(p, c.n(), f(c.x()), g.inputSize(), g.outputSize(), f(c.b()), false);
    close(d(scalar), want, tol32(m), "forward f32 F" + m + " " + c.at());
    if (WinogradConv.vectorReady()) {
      assertThat(run(p, c.n(), f(c.x()), g.inputSize(), g.outputSize(), f(c.b()), true))
          .as("forward f32 simd = scalar, " + c.at()).containsExactly(scalar);
    }
  }

  @Property(tries = 60)
  void inputGradMatchesDirect(@ForAll long seed, @ForAll("tiles") int m) {
    Case c = random(seed);
    ConvShape g = c.g();
    double[][] want = direct(c, true);
    WinogradConv.Plan p = WinogradConv.Plan.inputGrad(g, c.w(), 0, m);
    double[] scalar = run(p, c.n(), c.dy(), g.outputSize(), g.inputSize(), null, false);
    close(scalar, want, TOL64, "dx f64 F" + m + " " + c.at());
    WinogradConv.Plan pf = WinogradConv.Plan.inputGrad(g, f(c.w()), 0, m);
    float[] scalarF = run(pf, c.n(), f(c.dy()), g.outputSize(), g.inputSize(), null, false);
    close(d(scalarF), want, tol32(m), "dx f32 F" + m + " " + c.at());
    if (WinogradConv.vectorReady()) {
      assertThat(run(p, c.n(), c.dy(), g.outputSize(), g.inputSize(), null, true))
          .as("dx f64 simd = scalar, " + c.at()).containsExactly(scalar);
      assertThat(run(pf, c.n(), f(c.dy()), g.outputSize(), g.inputSize(), null, true))
          .as("dx f32 simd = scalar, " + c.at()).containsExactly(scalarF);
    }
  }

  /**
   * Planes whose tile rows are shorter than, equal to or longer than a vector of tiles, with tile
   * groups that cross a tile row (the vector paths' two-row loads and masked stores) and partial
   * edge tiles: both tiles, both dtypes, forward and input gradient; the vector path equals the
   * scalar twin bit for bit, and both are within tolerance of {@link DirectConv}.
   */
  @Test
  void planeEdgesAndRowCrossingGroups() {
    int[][] planes = {{56, 56}, {28, 28}, {12, 12}, {16, 40}, {20, 36}, {9, 9}, {13, 30}, {8, 64}, {5, 7}, {33, 17}};
    long seed = 7;
    for (int[] hw : planes) {
      for (int pad = 0; pad <= 2; pad++) {
        Random r = new Random(seed++);
        int c = 3, oc = 4, oh = hw[0], ow = hw[1], ih = oh + 2 - 2 * pad, iw = ow + 2 - 2 * pad;
        if (ih < 1 || iw < 1) {
          continue;
        }
        ConvShape g = ConvShape.of(c, oc, 1, new int[] {ih, iw}, new int[] {3, 3}, new int[] {oh, ow},
            new int[] {1, 1}, new int[] {pad, pad}, new int[] {1, 1});
        Case cs = new Case(g, 2, rand(r, 2 * g.inputSize()), rand(r, g.weightSize()), rand(r, 2 * g.outputSize()),
            rand(r, oc), g.toString());
        double[][] fwd = direct(cs, false), dx = direct(cs, true);
        for (int m : new int[] {2, 4}) {
          String at = "F" + m + " " + g;
          WinogradConv.Plan pd = WinogradConv.Plan.forward(g, cs.w(), 0, m);
          double[] sd = run(pd, 2, cs.x(), g.inputSize(), g.outputSize(), cs.b(), false);
          close(sd, fwd, TOL64, "forward f64 " + at);
          WinogradConv.Plan pf = WinogradConv.Plan.forward(g, f(cs.w()), 0, m);
          float[] sf = run(pf, 2, f(cs.x()), g.inputSize(), g.outputSize(), f(cs.b()), false);
          close(d(sf), fwd, tol32(m), "forward f32 " + at);
          WinogradConv.Plan qd = WinogradConv.Plan.inputGrad(g, cs.w(), 0, m);
          double[] td = run(qd, 2, cs.dy(), g.outputSize(), g.inputSize(), null, false);
          close(td, dx, TOL64, "dx f64 " + at);
          WinogradConv.Plan qf = WinogradConv.Plan.inputGrad(g, f(cs.w()), 0, m);
          float[] tf = run(qf, 2, f(cs.dy()), g.outputSize(), g.inputSize(), null, false);
          close(d(tf), dx, tol32(m), "dx f32 " + at);
          if (WinogradConv.vectorReady()) {
            assertThat(run(pd, 2, cs.x(), g.inputSize(), g.outputSize(), cs.b(), true)).as("f64 simd " + at)
                .containsExactly(sd);
            assertThat(run(pf, 2, f(cs.x()), g.inputSize(), g.outputSize(), f(cs.b()), true)).as("f32 simd " + at)
                .containsExactly(sf);
            assertThat(run(qd, 2, cs.dy(), g.outputSize(), g.inputSize(), null, true)).as("dx f64 simd " + at)
                .containsExactly(td);
            assertThat(run(qf, 2, f(cs.dy()), g.outputSize(), g.inputSize(), null, true)).as("dx f32 simd " + at)
                .containsExactly(tf);
          }
        }
      }
    }
  }

  @Test
  void outputTileRule() {
    assertThat(WinogradConv.outputTile(56, 56)).isEqualTo(4);
    assertThat(WinogradConv.outputTile(28, 28)).isEqualTo(4);
    assertThat(WinogradConv.outputTile(14, 14)).isEqualTo(4);
    assertThat(WinogradConv.outputTile(12, 12)).as("9 tiles of 4×4 fill a panel as badly as 36 of 2×2").isEqualTo(2);
    assertThat(WinogradConv.outputTile(8, 8)).isEqualTo(2);
    assertThat(WinogradConv.outputTile(7, 7)).isEqualTo(2);
    assertThat(WinogradConv.outputTile(8, 64)).isEqualTo(4);
    assertThat(WinogradConv.outputTile(1, 200)).isEqualTo(2);
    assertThatThrownBy(() -> WinogradConv.Plan.forward(ConvShape.of(4, 4, 1, new int[] {9, 9}, new int[] {3, 3},
        new int[] {7, 7}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}), new float[4 * 4 * 9], 0, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output tile must be 2").hasMessageContaining("got 3");
  }

  /** Every tile range split gives the bits of the whole (how the runner splits small batches). */
  @Property(tries = 30)
  void tileRangesComposeBitwise(@ForAll long seed, @ForAll("tiles") int m) {
    Case c = random(seed);
    ConvShape g = c.g();
    WinogradConv.Plan p = WinogradConv.Plan.forward(g, f(c.w()), 0, m);
    boolean simd = WinogradConv.vectorReady();
    float[] x = f(c.x()), b = f(c.b());
    float[] whole = run(p, c.n(), x, g.inputSize(), g.outputSize(), b, simd);
    float[] split = new float[whole.length];
    WinogradConv.Scratch s = new WinogradConv.Scratch(p);
    int tiles = p.tiles(), cut = new Random(seed).nextInt(tiles + 1);
    for (int i = 0; i < c.n(); i++) {
      WinogradConv.run(p, s, x, i * g.inputSize(), split, i * g.outputSize(), b, 0, 0, cut, simd);
      WinogradConv.run(p, s, x, i * g.inputSize(), split, i * g.outputSize(), b, 0, cut, tiles, simd);
    }
    assertThat(split).as(c.at()).containsExactly(whole);
  }

  /**
   * The weight gradient ({@link WinogradConv#weightGrad}, summed over the batch into one partial and
   * combined) against {@link DirectConv#backwardWeight}, within {@value #TOL64_W} (float64) and
   * {@value #TOL32_W} (float32) of each element's Σ|dy|·|x| over the batch plus one (the transforms
   * lift each product to sums of up to 4·4 terms, and the sums run over every tile of the batch); the
   * vector path equals the scalar twin bit for bit, partials and result.
   */
  @Property(tries = 60)
  void weightGradMatchesDirect(@ForAll long seed) {
    Case c = random(seed);
    ConvShape g = c.g();
    double[] want = new double[g.weightSize()], terms = new double[g.weightSize()];
    double[] xAbs = abs(c.x()), dyAbs = abs(c.dy());
    for (int i = 0; i < c.n(); i++) {
      DirectConv.backwardWeight(g, c.x(), i * g.inputSize(), c.dy(), i * g.outputSize(), want, 0);
      DirectConv.backwardWeight(g, xAbs, i * g.inputSize(), dyAbs, i * g.outputSize(), terms, 0);
    }
    double[][] ref = {want, terms};
    WinogradConv.WeightPlan pd = WinogradConv.WeightPlan.of(g, false);
    double[] partialD = new double[pd.partialSize()];
    double[] scalarD = weightGrad(pd, c, c.x(), c.dy(), partialD, false);
    close(scalarD, ref, TOL64_W, "dw f64 " + c.at());
    WinogradConv.WeightPlan pf = WinogradConv.WeightPlan.of(g, true);
    float[] partialF = new float[pf.partialSize()];
    float[] scalarF = weightGrad(pf, c, f(c.x()), f(c.dy()), partialF, false);
    close(d(scalarF), ref, TOL32_W, "dw f32 " + c.at());
    if (WinogradConv.vectorReady()) {
      double[] partialDv = new double[pd.partialSize()];
      assertThat(weightGrad(pd, c, c.x(), c.dy(), partialDv, true)).as("dw f64 simd = scalar, " + c.at())
          .containsExactly(scalarD);
      assertThat(partialDv).as("dw f64 partial simd = scalar, " + c.at()).containsExactly(partialD);
      float[] partialFv = new float[pf.partialSize()];
      assertThat(weightGrad(pf, c, f(c.x()), f(c.dy()), partialFv, true)).as("dw f32 simd = scalar, " + c.at())
          .containsExactly(scalarF);
      assertThat(partialFv).as("dw f32 partial simd = scalar, " + c.at()).containsExactly(partialF);
    }
  }

  /** Partials of disjoint example ranges, combined in order, give the bits of summing them by hand. */
  @Property(tries = 20)
  void weightPartialsCombineInOrder(@ForAll long seed) {
    Case c = random(seed);
    ConvShape g = c.g();
    boolean simd = WinogradConv.vectorReady();
    WinogradConv.WeightPlan p = WinogradConv.WeightPlan.of(g, true);
    WinogradConv.WeightScratch s = new WinogradConv.WeightScratch(p);
    float[] x = f(c.x()), dy = f(c.dy());
    float[][] parts = new float[c.n()][p.partialSize()];
    for (int i = 0; i < c.n(); i++) {
      WinogradConv.weightGrad(p, s, x, i * g.inputSize(), dy, i * g.outputSize(), parts[i], 0, true, simd);
    }
    float[] viaParts = new float[g.weightSize()];
    WinogradConv.weightCombine(p, parts, viaParts, 0);
    float[] sum = parts[0].clone();
    for (int i = 1; i < c.n(); i++) {
      for (int k = 0; k < sum.length; k++) {
        sum[k] += parts[i][k];
      }
    }
    float[] viaSum = new float[g.weightSize()];
    WinogradConv.weightCombine(p, new float[][] {sum}, viaSum, 0);
    assertThat(viaParts).as(c.at()).containsExactly(viaSum);
  }

  @Test
  void weightGradRejectsOtherKernels() {
    ConvShape dilated = ConvShape.of(4, 4, 1, new int[] {9, 9}, new int[] {3, 3}, new int[] {5, 5},
        new int[] {1, 1}, new int[] {0, 0}, new int[] {2, 2});
    assertThatThrownBy(() -> WinogradConv.WeightPlan.of(dilated, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WINOGRAD needs").hasMessageContaining("dilation 1");
  }

  private static double[] weightGrad(WinogradConv.WeightPlan p, Case c, double[] x, double[] dy, double[] partial,
      boolean simd) {
    ConvShape g = c.g();
    WinogradConv.WeightScratch s = new WinogradConv.WeightScratch(p);
    java.util.Arrays.fill(partial, Double.NaN); // the first example overwrites
    for (int i = 0; i < c.n(); i++) {
      WinogradConv.weightGrad(p, s, x, i * g.inputSize(), dy, i * g.outputSize(), partial, 0, i == 0, simd);
    }
    double[] dw = new double[g.weightSize()];
    WinogradConv.weightCombine(p, new double[][] {partial}, dw, 0);
    return dw;
  }

  private static float[] weightGrad(WinogradConv.WeightPlan p, Case c, float[] x, float[] dy, float[] partial,
      boolean simd) {
    ConvShape g = c.g();
    WinogradConv.WeightScratch s = new WinogradConv.WeightScratch(p);
    java.util.Arrays.fill(partial, Float.NaN);
    for (int i = 0; i < c.n(); i++) {
      WinogradConv.weightGrad(p, s, x, i * g.inputSize(), dy, i * g.outputSize(), partial, 0, i == 0, simd);
    }
    float[] dw = new float[g.weightSize()];
    WinogradConv.weightCombine(p, new float[][] {partial}, dw, 0);
    return dw;
  }

  @Test
  void rejectsOtherKernels() {
    ConvShape fiveByFive = ConvShape.of(4, 4, 1, new int[] {9, 9}, new int[] {5, 5}, new int[] {5, 5},
        new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
    assertThatThrownBy(() -> WinogradConv.Plan.forward(fiveByFive, new float[4 * 4 * 25], 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WINOGRAD needs").hasMessageContaining("3×3").hasMessageContaining("5");
    ConvShape strided = ConvShape.of(4, 4, 1, new int[] {9, 9}, new int[] {3, 3}, new int[] {4, 4},
        new int[] {2, 2}, new int[] {0, 0}, new int[] {1, 1});
    assertThatThrownBy(() -> WinogradConv.Plan.inputGrad(strided, new double[4 * 4 * 9], 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride 1");
  }

  /** {@code [values, Σ|terms|]} of the forward pass or the input gradient by {@link DirectConv}, bias included. */
  private static double[][] direct(Case c, boolean inputGrad) {
    ConvShape g = c.g();
    int outSize = inputGrad ? g.inputSize() : g.outputSize();
    double[] v = new double[c.n() * outSize], a = new double[v.length];
    double[] wAbs = abs(c.w());
    for (int i = 0; i < c.n(); i++) {
      if (inputGrad) {
        DirectConv.backwardInput(g, c.dy(), i * g.outputSize(), c.w(), 0, v, i * outSize);
        DirectConv.backwardInput(g, abs(c.dy()), i * g.outputSize(), wAbs, 0, a, i * outSize);
      } else {
        DirectConv.forward(g, c.x(), i * g.inputSize(), c.w(), 0, v, i * outSize);
        DirectConv.forward(g, abs(c.x()), i * g.inputSize(), wAbs, 0, a, i * outSize);
      }
    }
    if (!inputGrad) {
      for (int i = 0; i < v.length; i++) {
        double bias = c.b()[(i / g.outputPlane()) % g.oc()];
        v[i] += bias;
        a[i] += Math.abs(bias);
      }
    }
    return new double[][] {v, a};
  }

  private static double[] run(WinogradConv.Plan p, int n, double[] in, int inSize, int outSize, double[] b, boolean simd) {
    double[] out = new double[n * outSize];
    Arrays.fill(out, Double.NaN); // every element is written
    WinogradConv.Scratch s = new WinogradConv.Scratch(p);
    for (int i = 0; i < n; i++) {
      WinogradConv.run(p, s, in, i * inSize, out, i * outSize, b, 0, 0, p.tiles(), simd);
    }
    return out;
  }

  private static float[] run(WinogradConv.Plan p, int n, float[] in, int inSize, int outSize, float[] b, boolean simd) {
    float[] out = new float[n * outSize];
    Arrays.fill(out, Float.NaN);
    WinogradConv.Scratch s = new WinogradConv.Scratch(p);
    for (int i = 0; i < n; i++) {
      WinogradConv.run(p, s, in, i * inSize, out, i * outSize, b, 0, 0, p.tiles(), simd);
    }
    return out;
  }

  /** |got − want| ≤ tol · (Σ|terms| + 1) per element (the + 1 keeps all-zero windows meaningful). */
  private static void close(double[] got, double[][] want, double tol, String what) {
    for (int i = 0; i < got.length; i++) {
      double bound = tol * (want[1][i] + 1);
      assertThat(Math.abs(got[i] - want[0][i])).as(what + " at " + i + ": got " + got[i] + " want " + want[0][i])
          .isLessThanOrEqualTo(bound);
    }
  }

  static double[] rand(Random r, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextDouble() * 2 - 1;
    }
    return a;
  }

  static double[] abs(double[] a) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = Math.abs(a[i]);
    }
    return r;
  }

  static float[] f(double[] a) {
    float[] r = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = (float) a[i];
    }
    return r;
  }

  private static double[] d(float[] a) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i];
    }
    return r;
  }
}
