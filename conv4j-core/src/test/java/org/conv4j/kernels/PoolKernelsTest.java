package org.conv4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The kernels on raw arrays: offsets into larger buffers are honoured, nothing outside the output
 * range is written, and float32 scatters accumulate in double before one rounding.
 */
class PoolKernelsTest {

  @Test
  void offsetsAreHonouredAndOnlyTheOutputRangeIsWritten() {
    // two planes of length 4 stored after 3 junk elements; windows of 2, stride 2
    double[] x = {9, 9, 9, 1, 5, 2, 3, 8, 0, 4, 4};
    PoolAxis w = PoolAxis.torch(4, 2, 2, 2, 0, 1);
    double[] y = {-7, -7, -7, -7, -7, -7};
    int[] idx = {-7, -7, -7, -7, -7, -7};
    PoolKernels.maxPool(x, 3, y, 1, idx, 1, 2, PoolAxis.unit(), PoolAxis.unit(), w);
    assertThat(y).containsExactly(-7, 5, 3, 8, 4, -7);
    assertThat(idx).containsExactly(-7, 1, 3, 0, 2, -7);
    double[] a = {-7, -7, -7, -7, -7, -7};
    PoolKernels.avgPool(x, 3, a, 1, 2, PoolAxis.unit(), PoolAxis.unit(), w, 0, true);
    assertThat(a).containsExactly(-7, 3, 2.5, 4, 4, -7);
  }

  @Test
  void float32BackwardRoundsOnce() {
    // 1 + 2^-24 + 2^-24 is 1 + 2^-23 in double, but 1 if each addition were rounded to float
    float tiny = 0x1.0p-24f;
    float[] dy = {1f, tiny, tiny};
    int[] idx = {0, 0, 0};
    float[] dx = new float[2];
    PoolKernels.maxPoolBackward(dy, 0, idx, 0, 1, 3, dx, 0, 2, new double[2]);
    assertThat(dx[0]).isEqualTo(1f + 0x1.0p-23f);
    assertThat(dx[1]).isZero();
  }

  @Test
  void divisorPicksOverrideThenPaddedSpanThenRealCount() {
    PoolAxis w = PoolAxis.torch(6, 4, 3, 2, 1, 1); // [1..6] k=3 s=2 p=1 ceil: spans 3,3,3,2; counts 2,3,3,1
    PoolAxis u = PoolAxis.unit();
    assertThat(PoolKernels.divisor(u, u, w, 0, 0, 3, 0, true)).isEqualTo(2);
    assertThat(PoolKernels.divisor(u, u, w, 0, 0, 0, 0, false)).isEqualTo(2);
    assertThat(PoolKernels.divisor(u, u, w, 0, 0, 3, 0, false)).isEqualTo(1);
    assertThat(PoolKernels.divisor(u, u, w, 0, 0, 3, 7, true)).isEqualTo(7);
    double[] dx = new double[6];
    PoolKernels.avgPoolBackward(new double[] {3, 3, 3, 2}, 0, dx, 0, 1, u, u, w, 0, true);
    assertThat(dx).containsExactly(new double[] {1, 2, 1, 2, 1, 2}, within(1e-15));
  }
}
