package org.conv4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.conv4j.window.PadMode;
import org.junit.jupiter.api.Test;

/**
 * The kernels at array level: im2col against its definition, col2im as its adjoint, ConvGemm ≡
 * DirectConv for forward and both gradients at arbitrary array offsets, float32 ≡ float64 on
 * integer data, and the padding adjoint.
 */
class KernelTwinsTest {
  static ConvShape shape(Random r, boolean pointwise) {
    int groups = 1 + r.nextInt(2);
    int[] in = new int[3];
    int[] k = new int[3];
    int[] s = new int[3];
    int[] p = new int[3];
    int[] d = new int[3];
    int[] out = new int[3];
    for (int a = 0; a < 3; a++) {
      k[a] = pointwise ? 1 : 1 + r.nextInt(3);
      s[a] = pointwise ? 1 : 1 + r.nextInt(2);
      d[a] = 1 + r.nextInt(2);
      p[a] = pointwise ? 0 : r.nextInt(2);
      in[a] = 1 + r.nextInt(4) + d[a] * (k[a] - 1);
      // Output sizes are given, not derived: a few more outputs than fit exercise the implied high padding.
      out[a] = pointwise ? in[a] : (in[a] + 2 * p[a] - d[a] * (k[a] - 1) - 1) / s[a] + 1 + r.nextInt(2);
    }
    return ConvShape.of(groups * (1 + r.nextInt(2)), groups * (1 + r.nextInt(2)), groups, in, k, out, s, p, d);
  }

  static double[] ints(Random r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextInt(9) - 4;
    }
    return v;
  }

  static float[] f(double[] v) {
    float[] r = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = (float) v[i];
    }
    return r;
  }

  static void assertSame(String what, double[] a, float[] b) {
    for (int i = 0; i < a.length; i++) {
      assertThat((double) b[i]).as("%s float[%d]", what, i).isEqualTo(a[i]);
    }
  }

  @Property(tries = 80)
  void gemmPathEqualsDirectPath(@ForAll long seed) {
    Random r = new Random(seed);
    boolean pointwise = r.nextInt(4) == 0;
    ConvShape g = shape(r, pointwise);
    int off = 3;
    double[] x = ints(r, off + g.inputSize());
    double[] w = ints(r, off + g.weightSize());
    double[] dy = ints(r, off + g.outputSize());
    double[] cols = new double[(int) g.colsSize()];
    float[] colsF = new float[cols.length];

    double[] y1 = new double[off + g.outputSize()];
    double[] y2 = new double[off + g.outputSize()];
    float[] y3 = new float[off + g.outputSize()];
    DirectConv.forward(g, x, off, w, off, y1, off);
    if (pointwise) {
      ConvGemm.forwardPointwise(g, x, off, w, off, y2, off);
    } else {
      ConvGemm.forward(g, x, off, w, off, y2, off, cols);
    }
    ConvGemm.forward(g, f(x), off, f(w), off, y3, off, colsF);
    assertThat(y2).containsExactly(y1);
    assertSame("y", y1, y3);

    double[] dx1 = new double[off + g.inputSize()];
    double[] dx2 = new double[off + g.inputSize()];
    float[] dx3 = new float[off + g.inputSize()];
    DirectConv.backwardInput(g, dy, off, w, off, dx1, off);
    if (pointwise) {
      ConvGemm.backwardInputPointwise(g, dy, off, w, off, dx2, off);
    } else {
      ConvGemm.backwardInput(g, dy, off, w, off, dx2, off, cols);
    }
    DirectConv.backwardInput(g, f(dy), off, f(w), off, dx3, off);
    assertThat(dx2).containsExactly(dx1);
    assertSame("dx", dx1, dx3);

    double[] dw1 = new double[off + g.weightSize()];
    double[] dw2 = new double[off + g.weightSize()];
    float[] dw3 = new float[off + g.weightSize()];
    DirectConv.backwardWeight(g, x, off, dy, off, dw1, off);
    if (pointwise) {
      ConvGemm.backwardWeightPointwise(g, x, off, dy, off, dw2, off);
    } else {
      ConvGemm.backwardWeight(g, x, off, dy, off, dw2, off, cols);
    }
    ConvGemm.backwardWeight(g, f(x), off, f(dy), off, dw3, off, colsF);
    assertThat(dw2).containsExactly(dw1);
    assertSame("dw", dw1, dw3);

    // ⟨forward(x), dy⟩ = ⟨x, backwardInput(dy)⟩ = ⟨w, backwardWeight(x, dy)⟩.
    double lhs = 0;
    for (int i = off; i < y1.length; i++) {
      lhs += y1[i] * dy[i];
    }
    double rx = 0;
    for (int i = off; i < dx1.length; i++) {
      rx += x[i] * dx1[i];
    }
    double rw = 0;
    for (int i = off; i < dw1.length; i++) {
      rw += w[i] * dw1[i];
    }
    assertThat(rx).isEqualTo(lhs);
    assertThat(rw).isEqualTo(lhs);
  }

  @Property(tries = 60)
  void im2colMatchesItsDefinitionAndCol2imIsItsAdjoint(@ForAll long seed) {
    Random r = new Random(seed);
    ConvShape g = shape(r, false);
    double[] x = ints(r, g.inputSize());
    double[] cols = new double[(int) g.colsSize()];
    Im2col.im2col(g, x, 0, cols, 0);
    int row = 0;
    int l = g.outputPlane();
    for (int c = 0; c < g.c(); c++) {
      for (int a = 0; a < g.kd(); a++) {
        for (int b = 0; b < g.kh(); b++) {
          for (int e = 0; e < g.kw(); e++, row++) {
            for (int z = 0; z < g.od(); z++) {
              for (int y = 0; y < g.oh(); y++) {
                for (int q = 0; q < g.ow(); q++) {
                  int iz = z * g.sd() - g.pd() + a * g.dd();
                  int iy = y * g.sh() - g.ph() + b * g.dh();
                  int ix = q * g.sw() - g.pw() + e * g.dw();
                  boolean in = iz >= 0 && iz < g.id() && iy >= 0 && iy < g.ih() && ix >= 0 && ix < g.iw();
                  double expected = in ? x[((c * g.id() + iz) * g.ih() + iy) * g.iw() + ix] : 0;
                  assertThat(cols[row * l + (z * g.oh() + y) * g.ow() + q]).isEqualTo(expected);
                }
              }
            }
          }
        }
      }
    }
    double[] z = ints(r, cols.length);
    double[] back = new double[x.length];
    Im2col.col2im(g, z, 0, back, 0);
    double lhs = 0;
    double rhs = 0;
    for (int i = 0; i < cols.length; i++) {
      lhs += cols[i] * z[i];
    }
    for (int i = 0; i < x.length; i++) {
      rhs += x[i] * back[i];
    }
    assertThat(rhs).isEqualTo(lhs);
  }

  @Test
  void padAdjointFoldsEveryModeBackToItsSource() {
    int[] dims = {1, 2, 4};
    int[] lo = {0, 1, 3};
    int[] hi = {0, 1, 2};
    int[] pdims = {1, 4, 9};
    for (PadMode mode : PadMode.values()) {
      double[] g = new double[2 * 36];
      java.util.Arrays.fill(g, 1);
      double[] dx = new double[2 * 8];
      PadAdjoint.fold(g, 0, dx, 0, 2, pdims, dims, lo, mode);
      double total = 0;
      for (double v : dx) {
        total += v;
      }
      // Every padded position lands somewhere except constant padding, which drops it.
      assertThat(total).as(mode.name()).isEqualTo(mode == PadMode.CONSTANT ? 16 : 72);
      float[] dxf = new float[16];
      float[] gf = new float[72];
      java.util.Arrays.fill(gf, 1);
      PadAdjoint.fold(gf, 0, dxf, 0, 2, pdims, dims, lo, mode);
      assertSame(mode.name(), dx, dxf);
    }
  }
}
