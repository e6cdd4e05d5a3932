package org.conv4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The uniform-window max-pool fast path equals the table-driven kernel (values and indices, bit for
 * bit, ties and NaNs included) wherever {@link PoolKernels#uniformStride} admits it, and the
 * dispatcher falls back to the tables otherwise.
 */
class PoolFastPathTest {
  @Property(tries = 200)
  void uniformPathEqualsTables(@ForAll long seed) {
    Random r = new Random(seed);
    int h = 1 + r.nextInt(14), w = 1 + r.nextInt(14);
    int kh = 1 + r.nextInt(Math.min(3, h)), kw = 1 + r.nextInt(Math.min(3, w));
    int sh = 1 + r.nextInt(3), sw = 1 + r.nextInt(3);
    int ph = r.nextInt(2) == 0 ? 0 : r.nextInt(Math.max(1, kh / 2 + 1));
    int pw = r.nextInt(2) == 0 ? 0 : r.nextInt(Math.max(1, kw / 2 + 1));
    int oh = (h + 2 * ph - kh) / sh + 1, ow = (w + 2 * pw - kw) / sw + 1;
    PoolAxis ah = PoolAxis.torch(h, oh, kh, sh, ph, 1);
    PoolAxis aw = PoolAxis.torch(w, ow, kw, sw, pw, 1);
    int planes = 1 + r.nextInt(3);
    float[] x = new float[planes * h * w + 1];
    for (int i = 0; i < x.length; i++) {
      int k = r.nextInt(10);
      x[i] = k == 0 ? Float.NaN : k < 4 ? 1f : r.nextFloat();  // ties and NaNs
    }
    float[] y1 = new float[planes * oh * ow];
    float[] y2 = new float[planes * oh * ow];
    int[] i1 = new int[y1.length];
    int[] i2 = new int[y1.length];
    PoolKernels.maxPool(x, 1, y1, 0, i1, 0, planes, PoolAxis.unit(), ah, aw);
    PoolKernels.maxPoolTables(x, 1, y2, 0, i2, 0, planes, PoolAxis.unit(), ah, aw);
    assertThat(i1).isEqualTo(i2);
    for (int i = 0; i < y1.length; i++) {
      assertThat(Float.floatToRawIntBits(y1[i])).isEqualTo(Float.floatToRawIntBits(y2[i]));
    }
    if (ph > 0) {
      assertThat(PoolKernels.uniformStride(ah)).as("a window reaches the padding: no fast path").isZero();
    } else {
      assertThat(PoolKernels.uniformStride(ah)).as("unpadded, every window inside").isEqualTo(oh > 1 ? sh : 1);
    }
  }
}
