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

  /** Random 2-D stride-1 geometry with few input channels per group, tall enough (sometimes) for the row kernels. */
  static ConvShape flatShape(Random r) {
    int groups = 1 + r.nextInt(2);
    int kh = r.nextInt(4) == 0 ? 1 + r.nextInt(6) : (r.nextBoolean() ? 3 : 5);
    int kw = 1 + r.nextInt(6);
    int dh = r.nextInt(4) == 0 ? 2 : 1, dw = 1 + r.nextInt(2);
    int ph = r.nextInt(3), pw = r.nextInt(3);
    int ih = dh * (kh - 1) + 1 + r.nextInt(14), iw = dw * (kw - 1) + 1 + r.nextInt(34);
    int oh = Math.max(1, ih + 2 * ph - dh * (kh - 1) - r.nextInt(2));
    int ow = Math.max(1, iw + 2 * pw - dw * (kw - 1) - r.nextInt(2));
    return ConvShape.of(groups * (1 + r.nextInt(3)), groups * (1 + r.nextInt(7)), groups, new int[] {1, ih, iw},
        new int[] {1, kh, kw}, new int[] {1, oh, ow}, new int[] {1, 1, 1}, new int[] {0, ph, pw}, new int[] {1, dh, dw});
  }

  @Property(tries = 200)
  void flatInputGradientSimdEqualsScalarBitwiseAndMatchesDirect(@ForAll long seed) {
    Random r = new Random(seed);
    ConvShape g = r.nextInt(3) == 0 ? shape(r) : flatShape(r);
    float[] w = rand(r, g.weightSize() + 2);
    float[] dy = rand(r, g.outputSize() + 1);
    SlidingConv.Scratch s = new SlidingConv.Scratch();
    float[] dxSimd = rand(new Random(seed + 1), g.inputSize() + 1);
    float[] dxScalar = dxSimd.clone();
    float[] dxDirect = dxSimd.clone();
    SlidingConv.backwardInput(g, dy, 1, w, 2, dxSimd, 1, s, true, true);
    SlidingConv.backwardInput(g, dy, 1, w, 2, dxScalar, 1, s, false, true);
    assertThat(dxSimd).as("%s", g).isEqualTo(dxScalar);
    DirectConv.backwardInput(g, dy, 1, w, 2, dxDirect, 1);
    long taps = (long) g.ocg() * g.kernelSize();
    for (int i = 0; i < dxDirect.length; i++) {
      // Values in [-1, 1]: each float32 FMA chain of `taps` terms is within (taps + 2)·2⁻²³·taps.
      assertThat((double) dxSimd[i]).as("%s [%d]", g, i)
          .isCloseTo(dxDirect[i], org.assertj.core.data.Offset.offset((taps + 2) * 0x1.0p-23 * (taps + 1)));
    }
  }

  @Property(tries = 200)
  void rowForwardSimdEqualsScalarBitwiseAndMatchesDirect(@ForAll long seed) {
    // Wide and tall 2-D shapes (the row kernels), and 3-D ones with a flat kernel depth (which must not take them).
    Random r = new Random(seed);
    ConvShape g = r.nextInt(4) == 0 ? shape(r) : flatShape(r);
    float[] x = rand(r, g.inputSize() + 3);
    float[] w = rand(r, g.weightSize() + 2);
    SlidingConv.Scratch s = new SlidingConv.Scratch();
    float[] ySimd = new float[g.outputSize() + 2];
    float[] yScalar = new float[g.outputSize() + 2];
    float[] yDirect = new float[g.outputSize() + 2];
    SlidingConv.forward(g, x, 3, w, 2, ySimd, 2, s, true);
    SlidingConv.forward(g, x, 3, w, 2, yScalar, 2, s, false);
    assertThat(ySimd).as("%s", g).isEqualTo(yScalar);
    DirectConv.forward(g, x, 3, w, 2, yDirect, 2);
    int taps = g.cg() * g.kernelSize();
    for (int i = 0; i < yDirect.length; i++) {
      assertThat((double) ySimd[i]).as("%s [%d]", g, i)
          .isCloseTo(yDirect[i], org.assertj.core.data.Offset.offset((taps + 2) * 0x1.0p-23 * taps));
    }
  }

  @Property(tries = 200)
  void weightLanesSimdEqualsScalarTwinBitwiseAndReduceToDirect(@ForAll long seed) {
    Random r = new Random(seed);
    ConvShape g = r.nextBoolean() ? shape(r) : flatShape(r);
    int n = 1 + r.nextInt(3);
    float[] x = rand(r, n * g.inputSize() + 3);
    float[] dy = rand(r, n * g.outputSize() + 1);
    int lw = SlidingConv.laneWidth();
    float[] lanesSimd = new float[SlidingConv.weightLanesSize(g, lw)];
    float[] lanesScalar = new float[lanesSimd.length];
    SlidingConv.Scratch s = new SlidingConv.Scratch();
    for (int i = 0; i < n; i++) {
      SlidingConv.weightLanes(g, x, 3 + i * g.inputSize(), dy, 1 + i * g.outputSize(), lanesSimd, true, s, true);
      SlidingConv.weightLanes(g, x, 3 + i * g.inputSize(), dy, 1 + i * g.outputSize(), lanesScalar, true, s, false);
    }
    assertThat(lanesSimd).as("%s", g).isEqualTo(lanesScalar);
    float[] dw = new float[g.weightSize() + 1];
    float[] db = new float[g.oc() + 2];
    SlidingConv.reduceLanes(g, lanesSimd, lw, dw, 1, db, 2);
    float[] dwDirect = new float[g.weightSize()];
    double[] dbDirect = new double[g.oc()];
    int plane = g.outputPlane();
    for (int i = 0; i < n; i++) {
      DirectConv.backwardWeight(g, x, 3 + i * g.inputSize(), dy, 1 + i * g.outputSize(), dwDirect, 0);
      for (int o = 0; o < g.oc(); o++) {
        for (int q = 0; q < plane; q++) {
          dbDirect[o] += dy[1 + i * g.outputSize() + o * plane + q];
        }
      }
    }
    long terms = (long) n * plane;
    double tol = (terms + 2) * 0x1.0p-23 * (terms + 1);
    for (int i = 0; i < dwDirect.length; i++) {
      assertThat((double) dw[1 + i]).as("%s dw[%d]", g, i).isCloseTo(dwDirect[i], org.assertj.core.data.Offset.offset(tol));
    }
    for (int o = 0; o < g.oc(); o++) {
      assertThat((double) db[2 + o]).as("%s db[%d]", g, o).isCloseTo(dbDirect[o], org.assertj.core.data.Offset.offset(tol));
    }
    assertThat(dw[0]).isZero();
    assertThat(db[0]).isZero();
  }

  @Property(tries = 100)
  void rowKernelsEqualTheirScalarTwinBitwise(@ForAll long seed) {
    // slideRows directly, on a flat source with enough slack, for both supported kernel heights.
    Random r = new Random(seed);
    int kh = r.nextBoolean() ? 3 : 5, nCols = 1 + r.nextInt(6), planes = 1 + r.nextInt(4);
    int width = 1 + r.nextInt(40), row = width + nCols - 1 + r.nextInt(9), nRows = 8 + r.nextInt(20);
    int planeStride = (nRows + kh - 1) * row + 16;
    int[] colOff = new int[nCols];
    for (int b = 0; b < nCols; b++) {
      colOff[b] = (kh - 1) * row + nCols - 1 - b;
    }
    float[] coef = rand(r, 3 + planes * nCols * kh);
    float[] src = rand(r, planes * planeStride + 64);
    int count = (nRows - 1) * row + width;
    float[] simd = new float[count + 64];
    float[] scalar = new float[count + 64];
    int[] pairOff = new int[planes * nCols];
    for (int o = 0; o < planes; o++) {
      for (int b = 0; b < nCols; b++) {
        pairOff[o * nCols + b] = o * planeStride + colOff[b];
      }
    }
    org.conv4j.kernels.simd.SimdSlide.slideRows(kh, coef, 3, planes * nCols, pairOff, src, 0, row, nRows, width,
        simd, 0, row);
    SlidingConv.slideRows(kh, coef, 3, planes * nCols, pairOff, src, 0, row, nRows, width, scalar, 0, row);
    for (int rr = 0; rr < nRows; rr++) {
      for (int q = 0; q < width; q++) {
        assertThat(simd[rr * row + q]).as("row %d col %d", rr, q).isEqualTo(scalar[rr * row + q]);
      }
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
