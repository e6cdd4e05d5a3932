package org.conv4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The sliding-window kernel: its SIMD path equals its scalar path bit for bit for the forward pass
 * and the input gradient (same FMA chain per output), and within float32 rounding for the weight
 * gradient (lane sums); float64 and float32 agree with {@link DirectConv} on random stride-1 shapes
 * with padding, dilation and groups.
 */
class SlidingConvTest {
  /** Random stride-1 geometry, with padding (output sizes implied, some beyond the natural size), dilation and groups. */
  static ConvShape shape(Random r) {
    int groups = 1 + r.nextInt(3);
    int[] in = new int[3];
    int[] k = new int[3];
    int[] s = {1, 1, 1};
    int[] p = new int[3];
    int[] d = new int[3];
    int[] out = new int[3];
    for (int a = 0; a < 3; a++) {
      boolean flat = a == 0 && r.nextBoolean();
      k[a] = flat ? 1 : 1 + r.nextInt(4);
      d[a] = flat ? 1 : 1 + r.nextInt(2);
      p[a] = flat ? 0 : r.nextInt(3);
      in[a] = flat ? 1 : 1 + r.nextInt(a == 2 ? 30 : 6) + d[a] * (k[a] - 1);
      out[a] = in[a] + 2 * p[a] - d[a] * (k[a] - 1) + (flat ? 0 : r.nextInt(2) - 1);
      out[a] = Math.max(1, out[a]);
    }
    return ConvShape.of(groups * (1 + r.nextInt(3)), groups * (1 + r.nextInt(6)), groups, in, k, out, s, p, d);
  }

  @Property(tries = 150)
  void simdEqualsScalarBitwiseAndMatchesDirect(@ForAll long seed) {
    Random r = new Random(seed);
    ConvShape g = shape(r);
    float[] x = rand(r, g.inputSize() + 3);
    float[] w = rand(r, g.weightSize() + 2);
    float[] dy = rand(r, g.outputSize() + 1);
    SlidingConv.Scratch s = new SlidingConv.Scratch();

    float[] ySimd = new float[g.outputSize() + 2];
    float[] yScalar = new float[g.outputSize() + 2];
    SlidingConv.forward(g, x, 3, w, 2, ySimd, 2, s, true);
    SlidingConv.forward(g, x, 3, w, 2, yScalar, 2, s, false);
    assertThat(ySimd).isEqualTo(yScalar);

    float[] dxSimd = rand(new Random(seed + 1), g.inputSize() + 1);
    float[] dxScalar = dxSimd.clone();
    SlidingConv.backwardInput(g, dy, 1, w, 2, dxSimd, 1, s, true);
    SlidingConv.backwardInput(g, dy, 1, w, 2, dxScalar, 1, s, false);
    assertThat(dxSimd).isEqualTo(dxScalar);

    float[] dwSimd = new float[g.weightSize()];
    float[] dwScalar = new float[g.weightSize()];
    SlidingConv.backwardWeight(g, x, 3, dy, 1, dwSimd, 0, s, true);
    SlidingConv.backwardWeight(g, x, 3, dy, 1, dwScalar, 0, s, false);
    float[] dwDirect = new float[g.weightSize()];
    DirectConv.backwardWeight(g, x, 3, dy, 1, dwDirect, 0);
    long terms = (long) g.outputPlane();
    for (int i = 0; i < dwSimd.length; i++) {
      // Values are in [-1, 1]: a sum of `terms` products is within terms·2⁻²³·terms of exact.
      double tol = (terms + 2) * 0x1.0p-23 * terms;
      assertThat((double) dwSimd[i]).isCloseTo(dwDirect[i], org.assertj.core.data.Offset.offset(tol));
      assertThat((double) dwScalar[i]).isCloseTo(dwDirect[i], org.assertj.core.data.Offset.offset(tol));
    }

    // Against the reference kernels (float64 accumulation).
    float[] yDirect = new float[g.outputSize() + 2];
    DirectConv.forward(g, x, 3, w, 2, yDirect, 2);
    int taps = g.cg() * g.kernelSize();
    for (int i = 0; i < yDirect.length; i++) {
      assertThat((double) ySimd[i]).isCloseTo(yDirect[i], org.assertj.core.data.Offset.offset((taps + 2) * 0x1.0p-23 * taps));
    }
  }

  @Property(tries = 60)
  void float64MatchesDirect(@ForAll long seed) {
    Random r = new Random(seed);
    ConvShape g = shape(r);
    double[] x = randD(r, g.inputSize());
    double[] w = randD(r, g.weightSize());
    double[] dy = randD(r, g.outputSize());
    SlidingConv.Scratch s = new SlidingConv.Scratch();
    double[] y = new double[g.outputSize()];
    double[] yRef = new double[g.outputSize()];
    SlidingConv.forward(g, x, 0, w, 0, y, 0, s);
    DirectConv.forward(g, x, 0, w, 0, yRef, 0);
    double[] dx = new double[g.inputSize()];
    double[] dxRef = new double[g.inputSize()];
    SlidingConv.backwardInput(g, dy, 0, w, 0, dx, 0, s);
    DirectConv.backwardInput(g, dy, 0, w, 0, dxRef, 0);
    double[] dw = new double[g.weightSize()];
    double[] dwRef = new double[g.weightSize()];
    SlidingConv.backwardWeight(g, x, 0, dy, 0, dw, 0, s);
    DirectConv.backwardWeight(g, x, 0, dy, 0, dwRef, 0);
    assertClose(y, yRef);
    assertClose(dx, dxRef);
    assertClose(dw, dwRef);
  }

  static void assertClose(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      assertThat(a[i]).as("[%d]", i).isCloseTo(b[i], org.assertj.core.data.Offset.offset(1e-12 * (1 + Math.abs(b[i]))));
    }
  }

  static float[] rand(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextFloat() * 2 - 1;
    }
    return v;
  }

  static double[] randD(Random r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextDouble() * 2 - 1;
    }
    return v;
  }
}
