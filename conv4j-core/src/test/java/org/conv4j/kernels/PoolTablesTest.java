package org.conv4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.conv4j.kernels.simd.PoolWindows;
import org.conv4j.kernels.simd.SimdPoolTables;
import org.conv4j.window.Geometry;
import org.junit.jupiter.api.Test;

/**
 * The table-driven vector pooling ({@link SimdPoolTables} behind {@link PoolTables}) against the
 * reference table loops of {@link PoolKernels}, bit for bit: 1-D, 2-D and 3-D windows with padding,
 * dilation, strides 1–4 (contiguous, even-lane and gathered taps), ceil-mode overhang, Theano's
 * windows (with and without ignore_border), NaN, ±∞, ties and −0, planes at the array's end.
 */
class PoolTablesTest {
  @Test
  void vectorKernelsAreOn() {
    assertThat(PoolTables.SIMD).as("the test JVM has jdk.incubator.vector and the probe passes").isTrue();
  }

  /** A random pooling geometry: axes (d, h, w), planes, input offset. */
  record Case(PoolAxis ad, PoolAxis ah, PoolAxis aw, int planes, int xOff, String text) {
    int inPlane() {
      return ad.inLength() * ah.inLength() * aw.inLength();
    }

    int outPlane() {
      return ad.outLength() * ah.outLength() * aw.outLength();
    }

    static Case random(Random r) {
      int rank = 1 + r.nextInt(3);
      boolean theano = r.nextInt(4) == 0;
      PoolAxis[] axes = {PoolAxis.unit(), PoolAxis.unit(), PoolAxis.unit()};
      StringBuilder text = new StringBuilder(theano ? "theano" : "torch");
      for (int a = 3 - rank; a < 3; a++) {
        boolean last = a == 2;
        int len = 1 + r.nextInt(last ? 60 : 9);
        int k = 1 + r.nextInt(Math.min(len, last ? 5 : 3));
        int s = 1 + r.nextInt(4);
        if (theano) {
          int pad = r.nextInt(k);
          boolean ignore = pad > 0 || r.nextBoolean();
          int out = Geometry.theanoPoolOutputSize("a", len, k, s, pad, ignore);
          axes[a] = PoolAxis.theano(len, out, k, s, pad);
          text.append(String.format(" [L%d k%d s%d p%d ib%b]", len, k, s, pad, ignore));
        } else {
          int dil = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 1;
          int span = dil * (k - 1) + 1;
          if (span > len + 2 * (k / 2)) {
            dil = 1;
            span = k;
          }
          int pad = r.nextInt(k / 2 + 1);
          if (span > len + 2 * pad) {
            pad = k / 2;
          }
          if (span > len + 2 * pad) {
            k = 1;
            dil = 1;
            pad = 0;
          }
          boolean ceil = r.nextBoolean();
          int out = Geometry.poolOutputSize("a", len, k, s, pad, dil, ceil);
          axes[a] = PoolAxis.torch(len, out, k, s, pad, dil);
          text.append(String.format(" [L%d k%d s%d p%d d%d ceil%b]", len, k, s, pad, dil, ceil));
        }
      }
      return new Case(axes[0], axes[1], axes[2], 1 + r.nextInt(3), r.nextInt(5), text.toString());
    }
  }

  private static float value(Random r) {
    int k = r.nextInt(14);
    return k == 0 ? Float.NaN : k == 1 ? Float.NEGATIVE_INFINITY : k == 2 ? Float.POSITIVE_INFINITY
        : k == 3 ? -0f : k < 7 ? 1f : r.nextFloat() * 4 - 2;
  }

  @Property(tries = 400)
  void maxEqualsReferenceFloat(@ForAll long seed) {
    Random r = new Random(seed);
    Case c = Case.random(r);
    // no slack after the last plane half the time: loads must stay inside the array
    float[] x = new float[c.xOff() + c.planes() * c.inPlane() + (r.nextBoolean() ? 0 : r.nextInt(20))];
    for (int i = 0; i < x.length; i++) {
      x[i] = value(r);
    }
    int n = c.planes() * c.outPlane();
    float[] yRef = new float[n];
    int[] iRef = new int[n];
    PoolKernels.maxPoolTables(x, c.xOff(), yRef, 0, iRef, 0, c.planes(), c.ad(), c.ah(), c.aw());
    PoolWindows win = PoolTables.windows(c.ad(), c.ah(), c.aw(), PoolTables.maxLanes(true));
    float[] y = new float[n + 2];
    double[] idx = new double[n + 2];
    SimdPoolTables.maxPool(x, c.xOff(), y, idx, 2, c.planes(), win);
    float[] y2 = new float[n];
    SimdPoolTables.maxPool(x, c.xOff(), y2, null, 0, c.planes(), win);
    for (int i = 0; i < n; i++) {
      assertThat(Float.floatToRawIntBits(y[i + 2])).as("value %d of %s", i, c.text()).isEqualTo(Float.floatToRawIntBits(yRef[i]));
      assertThat(idx[i + 2]).as("index %d of %s", i, c.text()).isEqualTo((double) iRef[i]);
      assertThat(Float.floatToRawIntBits(y2[i])).isEqualTo(Float.floatToRawIntBits(yRef[i]));
    }
  }

  @Property(tries = 400)
  void maxEqualsReferenceDouble(@ForAll long seed) {
    Random r = new Random(seed);
    Case c = Case.random(r);
    double[] x = new double[c.xOff() + c.planes() * c.inPlane() + (r.nextBoolean() ? 0 : r.nextInt(20))];
    for (int i = 0; i < x.length; i++) {
      x[i] = value(r);
    }
    int n = c.planes() * c.outPlane();
    double[] yRef = new double[n];
    int[] iRef = new int[n];
    PoolKernels.maxPoolTables(x, c.xOff(), yRef, 0, iRef, 0, c.planes(), c.ad(), c.ah(), c.aw());
    PoolWindows win = PoolTables.windows(c.ad(), c.ah(), c.aw(), PoolTables.maxLanes(false));
    double[] y = new double[n];
    double[] idx = new double[n];
    SimdPoolTables.maxPool(x, c.xOff(), y, idx, 0, c.planes(), win);
    for (int i = 0; i < n; i++) {
      assertThat(Double.doubleToRawLongBits(y[i])).as("value %d of %s", i, c.text()).isEqualTo(Double.doubleToRawLongBits(yRef[i]));
      assertThat(idx[i]).as("index %d of %s", i, c.text()).isEqualTo((double) iRef[i]);
    }
  }

  @Property(tries = 400)
  void avgEqualsReference(@ForAll long seed) {
    Random r = new Random(seed);
    Case c = Case.random(r);
    int divisor = r.nextInt(4) == 0 ? 1 + r.nextInt(7) : 0;
    boolean include = r.nextBoolean();
    int len = c.xOff() + c.planes() * c.inPlane() + (r.nextBoolean() ? 0 : r.nextInt(20));
    float[] x = new float[len];
    double[] xd = new double[len];
    for (int i = 0; i < len; i++) {
      x[i] = r.nextInt(10) == 0 ? -0f : r.nextFloat() * 8 - 4;
      xd[i] = r.nextGaussian() * 1e3;
    }
    int n = c.planes() * c.outPlane();
    PoolTables.AvgPlan plan = PoolTables.AvgPlan.forward(c.ad(), c.ah(), c.aw(), divisor, include);
    PoolWindows win = plan.windows();
    double[] rowDiv = plan.rowDiv();
    double[] colDiv = plan.colDiv();
    float[] yRef = new float[n];
    PoolKernels.avgPool(x, c.xOff(), yRef, 0, c.planes(), c.ad(), c.ah(), c.aw(), divisor, include);
    float[] y = new float[n + 1];
    SimdPoolTables.avgPool(x, c.xOff(), y, 1, c.planes(), win, rowDiv, colDiv);
    double[] ydRef = new double[n];
    PoolKernels.avgPool(xd, c.xOff(), ydRef, 0, c.planes(), c.ad(), c.ah(), c.aw(), divisor, include);
    double[] yd = new double[n];
    SimdPoolTables.avgPool(xd, c.xOff(), yd, 0, c.planes(), win, rowDiv, colDiv);
    for (int i = 0; i < n; i++) {
      assertThat(Float.floatToRawIntBits(y[i + 1])).as("float %d of %s div %d incl %b", i, c.text(), divisor, include)
          .isEqualTo(Float.floatToRawIntBits(yRef[i]));
      assertThat(Double.doubleToRawLongBits(yd[i])).as("double %d of %s", i, c.text())
          .isEqualTo(Double.doubleToRawLongBits(ydRef[i]));
    }
  }

  @Property(tries = 400)
  void avgBackwardEqualsReference(@ForAll long seed) {
    Random r = new Random(seed);
    Case c = Case.random(r);
    int divisor = r.nextInt(4) == 0 ? 1 + r.nextInt(7) : 0;
    boolean include = r.nextBoolean();
    int n = c.planes() * c.outPlane();
    float[] dy = new float[c.xOff() + n];
    double[] dyd = new double[c.xOff() + n];
    for (int i = 0; i < dy.length; i++) {
      int k = r.nextInt(40);
      dy[i] = k == 0 ? Float.NaN : k == 1 ? Float.POSITIVE_INFINITY : k == 2 ? -0f : r.nextFloat() * 8 - 4;
      dyd[i] = k == 0 ? Double.NaN : k == 1 ? Double.NEGATIVE_INFINITY : k == 2 ? -0.0 : r.nextGaussian() * 1e3;
    }
    PoolTables.AvgPlan plan = PoolTables.AvgPlan.backward(c.ad(), c.ah(), c.aw(), divisor, include);
    PoolWindows win = plan.windows();
    double[] rowDiv = plan.rowDiv();
    double[] colDiv = plan.colDiv();
    // no slack after the last plane half the time: the interleaved vectors must stay inside the plane
    int slack = r.nextBoolean() ? 0 : 1 + r.nextInt(9);
    int len = c.planes() * c.inPlane();
    float[] dxRef = new float[1 + len + slack];
    float[] dx = new float[1 + len + slack];
    java.util.Arrays.fill(dx, 7f);
    java.util.Arrays.fill(dxRef, 7f);
    PoolKernels.avgPoolBackward(dy, c.xOff(), dxRef, 1, c.planes(), c.ad(), c.ah(), c.aw(), divisor, include, new double[c.inPlane()]);
    SimdPoolTables.avgPoolBackward(dy, c.xOff(), dx, 1, c.planes(), win, rowDiv, colDiv, new double[c.inPlane() + r.nextInt(3)]);
    double[] dxdRef = new double[len + slack];
    double[] dxd = new double[len + slack];
    java.util.Arrays.fill(dxd, 7.0);
    java.util.Arrays.fill(dxdRef, 7.0);
    PoolKernels.avgPoolBackward(dyd, c.xOff(), dxdRef, 0, c.planes(), c.ad(), c.ah(), c.aw(), divisor, include);
    SimdPoolTables.avgPoolBackward(dyd, c.xOff(), dxd, 0, c.planes(), win, rowDiv, colDiv);
    for (int i = 0; i < dx.length; i++) {
      assertThat(Float.floatToRawIntBits(dx[i])).as("float %d of %s div %d incl %b", i, c.text(), divisor, include)
          .isEqualTo(Float.floatToRawIntBits(dxRef[i]));
    }
    for (int i = 0; i < dxd.length; i++) {
      assertThat(Double.doubleToRawLongBits(dxd[i])).as("double %d of %s div %d incl %b", i, c.text(), divisor, include)
          .isEqualTo(Double.doubleToRawLongBits(dxdRef[i]));
    }
  }

  @Test
  void scatterWindowsUseWholeVectorsOfStrideOneOrTwo() {
    // 3 wide, stride 2, padding 1 over 23 (12 outputs): the clipped first window alone, the next
    // eight as two vectors, the three left of the run alone (no overlapping vector in a scatter)
    PoolWindows w = PoolTables.scatterWindows(PoolAxis.unit(), PoolAxis.unit(), PoolAxis.torch(23, 12, 3, 2, 1, 1));
    assertThat(w.vecQ()).containsExactly(1, 5);
    assertThat(w.oneQ()).containsExactly(0, 9, 10, 11);
    // stride 3: no vectors at all
    PoolWindows s3 = PoolTables.scatterWindows(PoolAxis.unit(), PoolAxis.unit(), PoolAxis.torch(40, 13, 3, 3, 0, 1));
    assertThat(s3.vecQ()).isEmpty();
    assertThat(s3.oneQ()).hasSize(13);
    // overlapping vectors (planned for the forward) are refused by the scatter
    PoolWindows fwd = PoolTables.windows(PoolAxis.unit(), PoolAxis.unit(), PoolAxis.torch(20, 20, 3, 1, 1, 1), 4);
    assertThatThrownBy(() -> SimdPoolTables.avgPoolBackward(new double[20], 0, new double[20], 0, 1, fwd, new double[] {1},
        new double[20])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-overlapping");
  }

  @Test
  void windowsSplitRunsIntoVectorsAndSingles() {
    // 3 wide, stride 1, padding 1 over 20: the clipped first and last windows run one by one, the
    // 18 interior ones as vectors of 8 (the last overlapping)
    PoolAxis aw = PoolAxis.torch(20, 20, 3, 1, 1, 1);
    PoolWindows w = PoolTables.windows(PoolAxis.unit(), PoolAxis.unit(), aw, 8);
    assertThat(w.oneQ()).containsExactly(0, 19);
    assertThat(w.vecQ()).containsExactly(1, 9, 11);
    // too short a run for a vector: everything one by one
    PoolWindows small = PoolTables.windows(PoolAxis.unit(), PoolAxis.unit(), PoolAxis.torch(6, 6, 3, 1, 1, 1), 8);
    assertThat(small.vecQ()).isEmpty();
    assertThat(small.oneQ()).containsExactly(0, 1, 2, 3, 4, 5);
  }

  @Test
  void kernelRejectsWindowsPlannedForOtherLanes() {
    PoolWindows w = PoolTables.windows(PoolAxis.unit(), PoolAxis.unit(), PoolAxis.torch(20, 20, 3, 1, 1, 1), 4);
    assertThatThrownBy(() -> SimdPoolTables.maxPool(new float[20], 0, new float[20], null, 0, 1, w))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 lanes");
  }
}
