package org.conv4j.kernels.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.conv4j.kernels.Blas;
import org.conv4j.kernels.ConvShape;
import org.conv4j.kernels.DirectConv;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The batched convolution with im2col fused into the GEMM packing ({@link SimdConvBatch}) against
 * the per-example paths: the forward pass has the bits of a scalar loop in its order (FMA chains
 * per k-block of 256 taps, blocks added in order: the order of im2col + SGEMM); the gradients,
 * summed in another order, match the direct reference within a bound scaled by the magnitudes. Random shapes, blocks that do not divide the
 * batch, widths below, at and above one vector, channel counts across the MR/NR edges and
 * {@code c·k·k} across the 256-deep k-blocks.
 */
class SimdConvBatchTest {
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

      // forward: bitwise the scalar twin of its order (per k-block of KC taps an FMA chain from
      // zero in tap order, the blocks added in order), and close to the direct kernel
      float[] want = new float[n * ys];
      int k = c * kh * kw;
      for (int i = 0; i < n; i++) {
        for (int o = 0; o < oc; o++) {
          for (int q = 0; q < oh * ow; q++) {
            int col = xo + i * xs + (q / ow) * iw + q % ow;
            float acc = 0f;
            for (int pc = 0; pc < k; pc += SimdConvBatch.KC) {
              float t = 0f;
              for (int tap = pc; tap < Math.min(k, pc + SimdConvBatch.KC); tap++) {
                t = Math.fma(w[o * k + tap], x[col + geo.rowOff[tap]], t);
              }
              acc = pc == 0 ? t : acc + t;
            }
            want[i * ys + o * oh * ow + q] = acc;
          }
        }
      }
      float[] direct = new float[n * ys];
      for (int i = 0; i < n; i++) {
        DirectConv.forward(g, x, xo + i * xs, w, 0, direct, i * ys);
      }
      close(want, direct, k, "forward twin vs direct, " + at);
      float[] got = new float[n * ys];
      java.util.Arrays.fill(got, Float.NaN); // overwritten, never read
      for (int e = 0; e < n; e += b) {
        SimdConvBatch.forward(geo, s, x, xo, SimdConvBatch.packWeight(w, 0, oc, c * kh * kw, false), got, 0, e, Math.min(n, e + b));
      }
      assertThat(got).as("forward, " + at).containsExactly(want);

      // input gradient against the direct kernel
      if (oc <= SimdConvBatch.KC) {
        float[] dxWant = new float[n * xs], dxGot = new float[n * xs];
        for (int i = 0; i < n; i++) {
          DirectConv.backwardInput(g, dy, yo + i * ys, w, 0, dxWant, i * xs);
        }
        float[] pwt = SimdConvBatch.packWeight(w, 0, c * kh * kw, oc, true);
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
