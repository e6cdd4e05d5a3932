package org.conv4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.conv4j.kernels.simd.SimdPool;
import org.junit.jupiter.api.Test;

/**
 * The vectorised 2-D max pooling ({@link SimdPool} behind {@link MaxPoolPlanes}) against its scalar
 * twins and the reference kernels of {@link PoolKernels}: forward values and indices bit for bit
 * (ties, NaNs, −∞, row tails, planes ending at the array's end), the tiled dense backward equal to
 * the scatter, and rejection of every index that is not an integer inside its own window.
 */
class MaxPoolPlanesTest {
  @Test
  void vectorKernelsAreOn() {
    assertThat(MaxPoolPlanes.SIMD).as("the test JVM has jdk.incubator.vector").isTrue();
    assertThat(AvgPoolPlanes.SIMD).as("the average-pooling probe passes too").isTrue();
  }

  @Property(tries = 300)
  void forwardEqualsReferenceFloat(@ForAll long seed) {
    Random r = new Random(seed);
    Case c = Case.random(r);
    float[] x = new float[c.xOff + c.planes * c.h * c.w + (r.nextBoolean() ? 0 : r.nextInt(20))];
    for (int i = 0; i < x.length; i++) {
      int k = r.nextInt(12);
      x[i] = k == 0 ? Float.NaN : k == 1 ? Float.NEGATIVE_INFINITY : k < 5 ? 1f : r.nextFloat();
    }
    int n = c.planes * c.oh * c.ow;
    float[] yRef = new float[n];
    int[] iRef = new int[n];
    PoolKernels.maxPoolTables(x, c.xOff, yRef, 0, iRef, 0, c.planes, PoolAxis.unit(), c.ah, c.aw);
    PoolGrid g = PoolGrid.of(PoolAxis.unit(), c.ah, c.aw);
    assertThat(g).isNotNull();
    float[] yv = new float[n + 3];
    double[] iv = new double[n + 3];
    MaxPoolPlanes.forward(x, c.xOff, yv, iv, 3, c.planes, g);
    float[] ys = new float[n];
    double[] is = new double[n];
    MaxPoolPlanes.forwardScalar(x, c.xOff, ys, is, 0, c.planes, g);
    float[] yi = new float[n];
    int[] ii = new int[n];
    MaxPoolPlanes.forward(x, c.xOff, yi, ii, 0, c.planes, g);
    int[] iis = new int[n];
    MaxPoolPlanes.forwardScalar(x, c.xOff, new float[n], null, iis, 0, c.planes, g);
    assertThat(ii).as("int indices, vector").isEqualTo(iRef);
    assertThat(iis).as("int indices, scalar").isEqualTo(iRef);
    for (int i = 0; i < n; i++) {
      assertThat(Float.floatToRawIntBits(yi[i])).isEqualTo(Float.floatToRawIntBits(yRef[i]));
      assertThat(Float.floatToRawIntBits(yv[i + 3])).as("value %d of %s", i, c).isEqualTo(Float.floatToRawIntBits(yRef[i]));
      assertThat(Float.floatToRawIntBits(ys[i])).isEqualTo(Float.floatToRawIntBits(yRef[i]));
      assertThat(iv[i + 3]).as("index %d of %s", i, c).isEqualTo((double) iRef[i]);
      assertThat(is[i]).isEqualTo((double) iRef[i]);
    }
  }

  @Property(tries = 300)
  void forwardEqualsReferenceDouble(@ForAll long seed) {
    Random r = new Random(seed);
    Case c = Case.random(r);
    double[] x = new double[c.xOff + c.planes * c.h * c.w + (r.nextBoolean() ? 0 : r.nextInt(20))];
    for (int i = 0; i < x.length; i++) {
      int k = r.nextInt(12);
      x[i] = k == 0 ? Double.NaN : k == 1 ? Double.NEGATIVE_INFINITY : k < 5 ? 1.0 : r.nextDouble();
    }
    int n = c.planes * c.oh * c.ow;
    double[] yRef = new double[n];
    int[] iRef = new int[n];
    PoolKernels.maxPoolTables(x, c.xOff, yRef, 0, iRef, 0, c.planes, PoolAxis.unit(), c.ah, c.aw);
    PoolGrid g = PoolGrid.of(PoolAxis.unit(), c.ah, c.aw);
    double[] yv = new double[n];
    double[] iv = new double[n];
    MaxPoolPlanes.forward(x, c.xOff, yv, iv, 0, c.planes, g);
    double[] ys = new double[n];
    double[] is = new double[n];
    MaxPoolPlanes.forwardScalar(x, c.xOff, ys, is, 0, c.planes, g);
    for (int i = 0; i < n; i++) {
      assertThat(Double.doubleToRawLongBits(yv[i])).as("value %d of %s", i, c).isEqualTo(Double.doubleToRawLongBits(yRef[i]));
      assertThat(Double.doubleToRawLongBits(ys[i])).isEqualTo(Double.doubleToRawLongBits(yRef[i]));
      assertThat(iv[i]).as("index %d of %s", i, c).isEqualTo((double) iRef[i]);
      assertThat(is[i]).isEqualTo((double) iRef[i]);
    }
  }

  @Property(tries = 300)
  void tiledBackwardEqualsScatter(@ForAll long seed) {
    Random r = new Random(seed);
    int kh = 1 + r.nextInt(3);
    int h = kh + r.nextInt(12), w = 2 + r.nextInt(50);
    int oh = (h - kh) / kh + 1, ow = (w - 2) / 2 + 1;
    int planes = 1 + r.nextInt(3);
    PoolAxis ah = PoolAxis.torch(h, oh, kh, kh, 0, 1);
    PoolAxis aw = PoolAxis.torch(w, ow, 2, 2, 0, 1);
    PoolGrid g = PoolGrid.of(PoolAxis.unit(), ah, aw);
    assertThat(g.tiledPairs()).isTrue();
    int n = planes * oh * ow;
    float[] x = new float[planes * h * w];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextInt(4) == 0 ? 1f : r.nextFloat();
    }
    float[] y = new float[n + 2];
    double[] idx = new double[n + 2];
    MaxPoolPlanes.forward(x, 0, y, idx, 2, planes, g);
    float[] dy = new float[n + 1];
    double[] dyd = new double[n + 1];
    for (int i = 0; i < dy.length; i++) {
      dy[i] = r.nextInt(6) == 0 ? -0f : (float) r.nextGaussian();  // −0 becomes +0 in the scatter
      dyd[i] = dy[i];
    }
    int[] iidx = new int[n];
    for (int i = 0; i < n; i++) {
      iidx[i] = (int) idx[i + 2];
    }
    float[] ref = new float[planes * h * w];
    PoolKernels.maxPoolBackward(dy, 1, iidx, 0, planes, oh * ow, ref, 0, h * w, new double[h * w]);
    float[] dv = new float[planes * h * w];
    float[] ds = new float[planes * h * w];
    assertThat(MaxPoolPlanes.backwardTiled(dy, 1, idx, 2, planes, dv, 0, g, new int[ow + 8])).isTrue();
    assertThat(MaxPoolPlanes.backwardTiledScalar(dy, 1, idx, 2, planes, ds, 0, g)).isTrue();
    for (int i = 0; i < ref.length; i++) {
      assertThat(Float.floatToRawIntBits(dv[i])).as("vector %d", i).isEqualTo(Float.floatToRawIntBits(ref[i]));
      assertThat(Float.floatToRawIntBits(ds[i])).as("scalar %d", i).isEqualTo(Float.floatToRawIntBits(ref[i]));
    }
    double[] refD = new double[planes * h * w];
    PoolKernels.maxPoolBackward(dyd, 1, iidx, 0, planes, oh * ow, refD, 0, h * w);
    double[] dvd = new double[planes * h * w];
    double[] dsd = new double[planes * h * w];
    assertThat(MaxPoolPlanes.backwardTiled(dyd, 1, idx, 2, planes, dvd, 0, g, new int[ow + 8])).isTrue();
    assertThat(MaxPoolPlanes.backwardTiledScalar(dyd, 1, idx, 2, planes, dsd, 0, g)).isTrue();
    for (int i = 0; i < refD.length; i++) {
      assertThat(Double.doubleToRawLongBits(dvd[i])).as("vector %d", i).isEqualTo(Double.doubleToRawLongBits(refD[i]));
      assertThat(Double.doubleToRawLongBits(dsd[i])).as("scalar %d", i).isEqualTo(Double.doubleToRawLongBits(refD[i]));
    }

    // one index moved: outside its window, not an integer, NaN or negative → rejected by both twins
    int bad = 2 + r.nextInt(n);
    double[] wrong = {idx[bad] + 2 * w, idx[bad] + 0.5, Double.NaN, -1, 1e12};
    double[] moved = idx.clone();
    moved[bad] = wrong[r.nextInt(wrong.length)];
    if (moved[bad] >= 0 && moved[bad] == Math.rint(moved[bad]) && inWindow(moved[bad], bad - 2, g)) {
      return;
    }
    assertThat(MaxPoolPlanes.backwardTiled(dy, 1, moved, 2, planes, new float[planes * h * w], 0, g, new int[ow + 8]))
        .as("index %s at %d", moved[bad], bad).isFalse();
    assertThat(MaxPoolPlanes.backwardTiledScalar(dy, 1, moved, 2, planes, new float[planes * h * w], 0, g)).isFalse();
    assertThat(MaxPoolPlanes.backwardTiled(dyd, 1, moved, 2, planes, new double[planes * h * w], 0, g, new int[ow + 8])).isFalse();
    assertThat(MaxPoolPlanes.backwardTiledScalar(dyd, 1, moved, 2, planes, new double[planes * h * w], 0, g)).isFalse();
  }

  @Test
  void gridOnlyForUniformUnpaddedWindows() {
    assertThat(PoolGrid.of(PoolAxis.unit(), PoolAxis.torch(8, 4, 2, 2, 0, 1), PoolAxis.torch(8, 4, 2, 2, 0, 1)))
        .isEqualTo(new PoolGrid(8, 8, 4, 4, 2, 2, 2, 2, 0, 0));
    assertThat(PoolGrid.of(PoolAxis.unit(), PoolAxis.torch(8, 5, 2, 2, 1, 1), PoolAxis.torch(8, 4, 2, 2, 0, 1)))
        .as("padding reached").isNull();
    assertThat(PoolGrid.of(PoolAxis.unit(), PoolAxis.torch(8, 3, 2, 2, 0, 2), PoolAxis.torch(8, 4, 2, 2, 0, 1)))
        .as("dilation").isNull();
    assertThat(new PoolGrid(9, 9, 3, 4, 3, 2, 3, 2, 0, 0).tiledPairs()).isTrue();
    assertThat(new PoolGrid(9, 9, 4, 4, 3, 2, 2, 2, 0, 0).tiledPairs()).as("overlapping rows").isFalse();
    assertThat(new PoolGrid(9, 9, 3, 3, 3, 3, 3, 3, 0, 0).tiledPairs()).as("3 wide").isFalse();
  }

  private static boolean inWindow(double v, int o, PoolGrid g) {
    int q = o % (g.oh() * g.ow()) % g.ow();
    int rr = o % (g.oh() * g.ow()) / g.ow();
    int h = (int) v / g.iw(), w = (int) v % g.iw();
    return h >= rr * g.sh() && h < rr * g.sh() + g.kh() && w >= q * g.sw() && w < q * g.sw() + g.kw();
  }

  /** A random unpadded, undilated 2-D pooling with at least one window per axis. */
  private record Case(int planes, int h, int w, int oh, int ow, int xOff, PoolAxis ah, PoolAxis aw) {
    static Case random(Random r) {
      int kh = 1 + r.nextInt(4), kw = 1 + r.nextInt(4);
      int sh = 1 + r.nextInt(3), sw = 1 + r.nextInt(3);
      int h = kh + r.nextInt(10), w = kw + r.nextInt(60);
      int oh = (h - kh) / sh + 1, ow = (w - kw) / sw + 1;
      return new Case(1 + r.nextInt(3), h, w, oh, ow, r.nextInt(5), PoolAxis.torch(h, oh, kh, sh, 0, 1),
          PoolAxis.torch(w, ow, kw, sw, 0, 1));
    }
  }
}
