package org.conv4j.kernels.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.conv4j.kernels.Blas;
import org.conv4j.kernels.ConvGemm;
import org.conv4j.kernels.ConvShape;
import org.conv4j.kernels.DirectConv;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The batched convolution with im2col fused into the GEMM packing ({@link SimdConvBatch}) against
 * the per-example paths: the forward pass has the bits of im2col then GEMM (same products, same
 * k-blocks, same order); the gradients, summed in another order, match the direct float64-free
 * reference within a bound scaled by the magnitudes. Random shapes, blocks that do not divide the
 * batch, widths below, at and above one vector, channel counts across the MR/NR edges and
 * {@code c·k·k} across the 256-deep k-blocks.
 */
class SimdConvBatchTest {
  /**
   * The weight gradient's vector gather of {@code colsᵀ} panels ({@link SimdConvBatch#gatherPanelT},
   * runs of consecutive input offsets copied a vector at a time, stores running past their run) gives
   * exactly the scalar gather's panel, including where the last example's loads would leave the input
   * array (those runs go one by one) and whatever the bits of the values.
   */
  @Test
  void vectorPanelGatherEqualsScalar() {
    Random r = new Random(23);
    int checked = 0;
    for (int trial = 0; trial < 300; trial++) {
      int c = 1 + r.nextInt(12);
      int kh = 1 + r.nextInt(5), kw = 1 + r.nextInt(7);
      int ih = kh + r.nextInt(10), iw = kw + r.nextInt(12);
      SimdConvBatch.Geometry geo = new SimdConvBatch.Geometry(c, ih, iw, kh, kw, 1 + r.nextInt(9));
      int oh = ih - kh + 1, ow = iw - kw + 1, xs = c * ih * iw;
      int n = 1 + r.nextInt(4);
      int xb = r.nextInt(3);
      float[] x = new float[xb + n * xs]; // no slack: the last rows' vector loads must not leave it
      for (int i = 0; i < x.length; i++) {
        x[i] = r.nextInt(20) == 0 ? Float.intBitsToFloat(0x7fc00000 | r.nextInt(1 << 20)) : r.nextFloat() - 0.5f;
      }
      int cols = n * oh * ow;
      int[] colX = new int[cols];
      for (int e = 0, j = 0; e < n; e++) {
        for (int oy = 0; oy < oh; oy++) {
          for (int ox = 0; ox < ow; ox++, j++) {
            colX[j] = e * xs + oy * iw + ox;
          }
        }
      }
      int pc = r.nextInt(cols);
      int kc = 1 + r.nextInt(cols - pc);
      for (int jr = 0; jr + SimdSgemm.NR <= geo.k; jr += SimdSgemm.NR) {
        int[] runs = geo.panelRuns[jr / SimdSgemm.NR];
        if (runs == null) {
          continue;
        }
        float[] want = new float[kc * SimdSgemm.NR + 8];
        float[] got = new float[kc * SimdSgemm.NR + 8];
        SimdConvBatch.gatherPanelTScalar(x, xb, colX, pc, kc, geo.rowOff, jr, SimdSgemm.NR, want);
        SimdConvBatch.gatherPanelT(x, xb, colX, pc, kc, geo.rowOff, jr, runs, got);
        for (int i = 0; i < kc * SimdSgemm.NR; i++) {
          assertThat(Float.floatToRawIntBits(got[i])).as("trial %d panel %d entry %d (c %d %dx%d k %dx%d)", trial, jr, i, c, ih, iw,
              kh, kw).isEqualTo(Float.floatToRawIntBits(want[i]));
        }
        checked++;
      }
    }
    assertThat(checked).as("panels compared").isGreaterThan(100);
  }

  @Test
  void batchedEqualsPerExample() {
    Assumptions.assumeTrue(Blas.SIMD, "SIMD kernels unavailable");
    Random r = new Random(11);
    for (int trial = 0; trial < 60; trial++) {
      int c = 1 + r.nextInt(trial % 5 == 0 ? 24 : 6);
      int kh = 1 + r.nextInt(5), kw = 1 + r.nextInt(5);
      int ih = kh + r.nextInt(12), iw = kw + r.nextInt(14);
      int oc = 1 + r.nextInt(trial % 3 == 0 ? 70 : 9);
      int n = 1 + r.nextInt(13);
      int oh = ih - kh + 1, ow = iw - kw + 1;
      ConvShape g = ConvShape.of(c, oc, 1, new int[] {ih, iw}, new int[] {kh, kw}, new int[] {oh, ow},
          new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
      SimdConvBatch.Geometry geo = new SimdConvBatch.Geometry(c, ih, iw, kh, kw, oc);
      int xs = g.inputSize(), ys = g.outputSize(), wsz = g.weightSize();
      int xo = 3, yo = 5; // offsets into the arrays
      float[] x = rand(r, xo + n * xs), w = rand(r, wsz), dy = rand(r, yo + n * ys);
      int b = 1 + r.nextInt(Math.max(1, geo.block() + 2));
      SimdConvBatch.Scratch s = new SimdConvBatch.Scratch(geo, b);
      String at = "trial " + trial + ": n " + n + " c " + c + " " + ih + "x" + iw + " k " + kh + "x" + kw + " oc " + oc
          + " block " + b;

      // forward: bitwise the per-example im2col + GEMM with the packed weight
      float[] want = new float[n * ys];
      Blas.PackedFloats[] pw = ConvGemm.packWeight(g, w, 0, false);
      float[] cols = new float[(int) g.colsSize()];
      for (int i = 0; i < n; i++) {
        ConvGemm.forward(g, x, xo + i * xs, pw, want, i * ys, cols, 0, oh, null);
      }
      float[] got = new float[n * ys];
      java.util.Arrays.fill(got, Float.NaN); // overwritten, never read
      for (int e = 0; e < n; e += b) {
        SimdConvBatch.forward(geo, s, x, xo, pw[0].packed(), got, 0, e, Math.min(n, e + b));
      }
      assertThat(got).as("forward, " + at).containsExactly(want);

      // input gradient against the direct kernel
      if (oc <= SimdSgemm.KC) {
        float[] dxWant = new float[n * xs], dxGot = new float[n * xs];
        for (int i = 0; i < n; i++) {
          DirectConv.backwardInput(g, dy, yo + i * ys, w, 0, dxWant, i * xs);
        }
        float[] pwt = ConvGemm.packWeight(g, w, 0, true)[0].packed();
        for (int e = 0; e < n; e += b) {
          SimdConvBatch.backwardInput(geo, s, dy, yo, pwt, dxGot, 0, e, Math.min(n, e + b));
        }
        close(dxGot, dxWant, oc * kh * kw, "dx, " + at);
      }

      // weight gradient against the direct kernel
      float[] dwWant = new float[wsz], dwGot = new float[wsz];
      for (int i = 0; i < n; i++) {
        DirectConv.backwardWeight(g, x, xo + i * xs, dy, yo + i * ys, dwWant, 0);
      }
      for (int e = 0; e < n; e += b) {
        SimdConvBatch.backwardWeight(geo, s, x, xo, dy, yo, dwGot, 0, e, Math.min(n, e + b));
      }
      close(dwGot, dwWant, n * oh * ow, "dw, " + at);
    }
  }

  private static float[] rand(Random r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextFloat() * 2 - 1;
    }
    return a;
  }

  /** Sums of {@code terms} products of values in [−1, 1]: float rounding bounded by terms·2⁻²³ each way. */
  private static void close(float[] got, float[] want, int terms, String what) {
    double tol = 4 * terms * Math.ulp(1f);
    for (int i = 0; i < want.length; i++) {
      assertThat((double) got[i]).as(what + " at " + i).isCloseTo(want[i], org.assertj.core.data.Offset.offset(tol));
    }
  }
}
