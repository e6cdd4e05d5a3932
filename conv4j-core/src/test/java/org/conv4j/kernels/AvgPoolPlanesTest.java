package org.conv4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The vectorised 2-D average pooling ({@link org.conv4j.kernels.simd.SimdPool} behind
 * {@link AvgPoolPlanes}) against its scalar twins and {@link PoolKernels}' reference loops, bit for
 * bit: forward over random uniform grids (strides 1–3, row tails, planes ending at the array's
 * end, divisor override), and the tiled dense backward (negative zeros included) equal to the
 * scatter.
 */
class AvgPoolPlanesTest {
  @Property(tries = 300)
  void forwardEqualsReference(@ForAll long seed) {
    Random r = new Random(seed);
    int kh = 1 + r.nextInt(4), kw = 1 + r.nextInt(4);
    int sh = 1 + r.nextInt(3), sw = 1 + r.nextInt(3);
    int h = kh + r.nextInt(10), w = kw + r.nextInt(40);
    int oh = (h - kh) / sh + 1, ow = (w - kw) / sw + 1;
    int planes = 1 + r.nextInt(3), xOff = r.nextInt(4);
    PoolAxis ah = PoolAxis.torch(h, oh, kh, sh, 0, 1);
    PoolAxis aw = PoolAxis.torch(w, ow, kw, sw, 0, 1);
    PoolGrid g = PoolGrid.of(PoolAxis.unit(), ah, aw);
    int override = r.nextInt(3) == 0 ? 1 + r.nextInt(7) : 0;
    double div = AvgPoolPlanes.divisor(g, override);
    float[] x = new float[xOff + planes * h * w + (r.nextBoolean() ? 0 : r.nextInt(9))];
    double[] xd = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextInt(9) == 0 ? -0f : (float) r.nextGaussian();
      xd[i] = r.nextInt(9) == 0 ? -0.0 : r.nextGaussian();
    }
    int n = planes * oh * ow;
    float[] ref = new float[n];
    PoolKernels.avgPool(x, xOff, ref, 0, planes, PoolAxis.unit(), ah, aw, override, r.nextBoolean());
    float[] v = new float[n + 2];
    float[] s = new float[n];
    AvgPoolPlanes.forward(x, xOff, v, 2, planes, g, div);
    AvgPoolPlanes.forwardScalar(x, xOff, s, 0, planes, g, div);
    for (int i = 0; i < n; i++) {
      assertThat(Float.floatToRawIntBits(v[i + 2])).as("vector %d", i).isEqualTo(Float.floatToRawIntBits(ref[i]));
      assertThat(Float.floatToRawIntBits(s[i])).as("scalar %d", i).isEqualTo(Float.floatToRawIntBits(ref[i]));
    }
    double[] refD = new double[n];
    PoolKernels.avgPool(xd, xOff, refD, 0, planes, PoolAxis.unit(), ah, aw, override, false);
    double[] vd = new double[n];
    double[] sd = new double[n];
    AvgPoolPlanes.forward(xd, xOff, vd, 0, planes, g, div);
    AvgPoolPlanes.forwardScalar(xd, xOff, sd, 0, planes, g, div);
    for (int i = 0; i < n; i++) {
      assertThat(Double.doubleToRawLongBits(vd[i])).as("vector %d", i).isEqualTo(Double.doubleToRawLongBits(refD[i]));
      assertThat(Double.doubleToRawLongBits(sd[i])).as("scalar %d", i).isEqualTo(Double.doubleToRawLongBits(refD[i]));
    }
  }

  @Property(tries = 300)
  void tiledBackwardEqualsScatter(@ForAll long seed) {
    Random r = new Random(seed);
    int kh = 1 + r.nextInt(3);
    int h = kh + r.nextInt(12), w = 2 + r.nextInt(40);
    int oh = (h - kh) / kh + 1, ow = (w - 2) / 2 + 1;
    int planes = 1 + r.nextInt(3);
    PoolAxis ah = PoolAxis.torch(h, oh, kh, kh, 0, 1);
    PoolAxis aw = PoolAxis.torch(w, ow, 2, 2, 0, 1);
    PoolGrid g = PoolGrid.of(PoolAxis.unit(), ah, aw);
    assertThat(g.tiledPairs()).isTrue();
    int override = r.nextInt(3) == 0 ? 1 + r.nextInt(7) : 0;
    double div = AvgPoolPlanes.divisor(g, override);
    int n = planes * oh * ow;
    float[] dy = new float[n + 1];
    double[] dyd = new double[n + 1];
    for (int i = 0; i < dy.length; i++) {
      dy[i] = r.nextInt(6) == 0 ? -0f : (float) r.nextGaussian();
      dyd[i] = r.nextInt(6) == 0 ? -0.0 : r.nextGaussian();
    }
    float[] ref = new float[planes * h * w];
    PoolKernels.avgPoolBackward(dy, 1, ref, 0, planes, PoolAxis.unit(), ah, aw, override, false, new double[h * w]);
    float[] v = new float[planes * h * w];
    float[] s = new float[planes * h * w];
    AvgPoolPlanes.backwardTiled(dy, 1, planes, v, 0, g, div);
    AvgPoolPlanes.backwardTiledScalar(dy, 1, planes, s, 0, g, div);
    for (int i = 0; i < ref.length; i++) {
      assertThat(Float.floatToRawIntBits(v[i])).as("vector %d", i).isEqualTo(Float.floatToRawIntBits(ref[i]));
      assertThat(Float.floatToRawIntBits(s[i])).as("scalar %d", i).isEqualTo(Float.floatToRawIntBits(ref[i]));
    }
    double[] refD = new double[planes * h * w];
    PoolKernels.avgPoolBackward(dyd, 1, refD, 0, planes, PoolAxis.unit(), ah, aw, override, false);
    double[] vd = new double[planes * h * w];
    double[] sd = new double[planes * h * w];
    AvgPoolPlanes.backwardTiled(dyd, 1, planes, vd, 0, g, div);
    AvgPoolPlanes.backwardTiledScalar(dyd, 1, planes, sd, 0, g, div);
    for (int i = 0; i < refD.length; i++) {
      assertThat(Double.doubleToRawLongBits(vd[i])).as("vector %d", i).isEqualTo(Double.doubleToRawLongBits(refD[i]));
      assertThat(Double.doubleToRawLongBits(sd[i])).as("scalar %d", i).isEqualTo(Double.doubleToRawLongBits(refD[i]));
    }
  }
}
