package org.conv4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.assertj.core.data.Offset;

/**
 * The implicit-GEMM convolution ({@link ImplicitConv}) against the plain reference
 * ({@link DirectConv}) over random 2-D stride-1 shapes with padding (symmetric, asymmetric, larger
 * than the kernel's reach), dilation and groups, widths across the 32-position tiles and odd channel
 * counts across the 2-row and 16-channel blocks: the forward pass and both gradients within a bound
 * scaled by the number of terms, and the vector kernels bit for bit equal to their scalar twins.
 */
class ImplicitConvTest {
  record Case(ConvShape g, int n, float[] x, float[] w, float[] dy, float[] b, String at) {}

  static Case random(long seed) {
    Random r = new Random(seed);
    int groups = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 1;
    int cg = 1 + r.nextInt(r.nextBoolean() ? 5 : 20), ocg = 1 + r.nextInt(r.nextBoolean() ? 5 : 40);
    int kh = 1 + r.nextInt(4), kw = 1 + r.nextInt(4), dh = 1 + r.nextInt(2), dw = 1 + r.nextInt(2);
    int ph = r.nextInt(kh + 1), pw = r.nextInt(kw + 1), phHi = r.nextInt(kh + 2), pwHi = r.nextInt(kw + 2);
    int ih = Math.max(1, (kh - 1) * dh + 1 - ph - phHi) + r.nextInt(9);
    int iw = Math.max(1, (kw - 1) * dw + 1 - pw - pwHi) + r.nextInt(r.nextBoolean() ? 12 : 70);
    int oh = ih + ph + phHi - (kh - 1) * dh, ow = iw + pw + pwHi - (kw - 1) * dw;
    int n = 1 + r.nextInt(3);
    ConvShape g = ConvShape.of(cg * groups, ocg * groups, groups, new int[] {ih, iw}, new int[] {kh, kw},
        new int[] {oh, ow}, new int[] {1, 1}, new int[] {ph, pw}, new int[] {dh, dw});
    String at = "seed " + seed + ": " + g + " n " + n;
    return new Case(g, n, rand(r, n * g.inputSize()), rand(r, g.weightSize()), rand(r, n * g.outputSize()),
        rand(r, g.oc()), at);
  }

  @Property(tries = 80)
  void forwardMatchesDirectAndTwin(@ForAll long seed) {
    Case c = random(seed);
    ConvShape g = c.g();
    ImplicitConv.Plan p = ImplicitConv.Plan.forward(g, c.w(), 0);
    float[] want = new float[c.n() * g.outputSize()];
    for (int i = 0; i < c.n(); i++) {
      DirectConv.forward(g, c.x(), i * g.inputSize(), c.w(), 0, want, i * g.outputSize());
    }
    for (int i = 0; i < want.length; i++) {
      want[i] += c.b()[(i / g.outputPlane()) % g.oc()];
    }
    float[] scalar = run(p, c, c.x(), g.inputSize(), g.outputSize(), c.b(), false);
    close(scalar, want, g.cg() * g.kernelSize() + 1, "forward " + c.at());
    if (ImplicitConv.vectorReady()) {
      float[] simd = run(p, c, c.x(), g.inputSize(), g.outputSize(), c.b(), true);
      assertThat(simd).as("forward simd = scalar, " + c.at()).containsExactly(scalar);
    }
  }

  @Property(tries = 80)
  void inputGradMatchesDirectAndTwin(@ForAll long seed) {
    Case c = random(seed);
    ConvShape g = c.g();
    ImplicitConv.Plan p = ImplicitConv.Plan.inputGrad(g, c.w(), 0);
    float[] want = new float[c.n() * g.inputSize()];
    for (int i = 0; i < c.n(); i++) {
      DirectConv.backwardInput(g, c.dy(), i * g.outputSize(), c.w(), 0, want, i * g.inputSize());
    }
    float[] scalar = run(p, c, c.dy(), g.outputSize(), g.inputSize(), null, false);
    close(scalar, want, g.ocg() * g.kernelSize(), "dx " + c.at());
    if (ImplicitConv.vectorReady()) {
      float[] simd = run(p, c, c.dy(), g.outputSize(), g.inputSize(), null, true);
      assertThat(simd).as("dx simd = scalar, " + c.at()).containsExactly(scalar);
    }
  }

  @Property(tries = 80)
  void weightGradMatchesDirectAndTwin(@ForAll long seed) {
    Case c = random(seed);
    ConvShape g = c.g();
    ImplicitConv.Plan p = ImplicitConv.Plan.weightGrad(g);
    float[] want = new float[g.weightSize()];
    for (int i = 0; i < c.n(); i++) {
      DirectConv.backwardWeight(g, c.x(), i * g.inputSize(), c.dy(), i * g.outputSize(), want, 0);
    }
    float[] scalar = weight(p, c, false);
    close(scalar, want, c.n() * g.outputPlane(), "dw " + c.at());
    if (ImplicitConv.vectorReady()) {
      assertThat(weight(p, c, true)).as("dw simd = scalar, " + c.at()).containsExactly(scalar);
    }
  }

  /** Every tile range split gives the bits of the whole (how the runner splits small batches). */
  @Property(tries = 30)
  void tileRangesComposeBitwise(@ForAll long seed) {
    Case c = random(seed);
    ConvShape g = c.g();
    ImplicitConv.Plan p = ImplicitConv.Plan.forward(g, c.w(), 0);
    boolean simd = ImplicitConv.vectorReady();
    float[] whole = run(p, c, c.x(), g.inputSize(), g.outputSize(), c.b(), simd);
    float[] split = new float[whole.length];
    ImplicitConv.Scratch s = new ImplicitConv.Scratch(p);
    int tiles = p.tiles(), cut = new Random(seed).nextInt(tiles + 1);
    for (int i = 0; i < c.n(); i++) {
      ImplicitConv.run(p, s, c.x(), i * g.inputSize(), split, i * g.outputSize(), c.b(), 0, 0, cut, simd);
      ImplicitConv.run(p, s, c.x(), i * g.inputSize(), split, i * g.outputSize(), c.b(), 0, cut, tiles, simd);
    }
    assertThat(split).as(c.at()).containsExactly(whole);
  }

  private static float[] run(ImplicitConv.Plan p, Case c, float[] in, int inSize, int outSize, float[] b, boolean simd) {
    float[] out = new float[c.n() * outSize];
    Arrays.fill(out, Float.NaN); // every element is written
    ImplicitConv.Scratch s = new ImplicitConv.Scratch(p);
    Arrays.fill(s.src, Float.NaN); // the halo is written, never assumed
    for (int i = 0; i < c.n(); i++) {
      ImplicitConv.run(p, s, in, i * inSize, out, i * outSize, b, 0, 0, p.tiles(), simd);
    }
    return out;
  }

  private static float[] weight(ImplicitConv.Plan p, Case c, boolean simd) {
    ConvShape g = c.g();
    ImplicitConv.Scratch s = new ImplicitConv.Scratch(p);
    float[] part = new float[p.partialSize()];
    for (int i = 0; i < c.n(); i++) {
      ImplicitConv.weightGrad(p, s, c.x(), i * g.inputSize(), c.dy(), i * g.outputSize(), part, 0, simd);
    }
    float[] dw = new float[g.weightSize()];
    ImplicitConv.combine(p, new float[][] {part}, dw, 0);
    return dw;
  }

  static float[] rand(Random r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextFloat() * 2 - 1;
    }
    return a;
  }

  /** Sums of {@code terms} products of values in [−1, 1]: float rounding bounded by terms·2⁻²³ each way. */
  static void close(float[] got, float[] want, int terms, String what) {
    double tol = 4 * Math.max(1, terms) * Math.ulp(1f);
    for (int i = 0; i < want.length; i++) {
      assertThat((double) got[i]).as(what + " at " + i).isCloseTo(want[i], Offset.offset(tol));
    }
  }
}
