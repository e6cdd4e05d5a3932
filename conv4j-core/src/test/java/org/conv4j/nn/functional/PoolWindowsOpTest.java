package org.conv4j.nn.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.conv4j.runtime.Parallelism;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The op-level use of the table-driven pooling kernels (windows that are not uniform 2-D tiles:
 * padding, overlap, dilation, 3-D): the same bits for 1, 2 and 3 threads, forward and backward, and
 * the scatter's index check reports the first bad index in C order whatever the thread count. The
 * inputs are above {@link PoolTasks#MIN_PARALLEL_ELEMENTS} elements, so 2 and 3 threads do split the planes.
 */
class PoolWindowsOpTest {
  private static Tensor random(Random r, DType dt, int... shape) {
    return MaxPoolTiledOpTest.random(r, dt, shape);
  }

  @Test
  void sameBitsForAnyThreadCount() {
    Random r = new Random(11);
    MaxPoolParams[] maxes = {
        MaxPoolParams.ofKernel(3, 3).withStride(2, 2).withPadding(1, 1),
        MaxPoolParams.ofKernel(3, 2).withStride(1, 3).withPadding(1, 0).withDilation(2, 1).withCeilMode(true),
        MaxPoolParams.ofKernel(3, 3, 3).withStride(2, 2, 2).withPadding(1, 1, 1)};
    AvgPoolParams[] avgs = {
        AvgPoolParams.ofKernel(3, 3).withStride(2, 2).withPadding(1, 1),
        AvgPoolParams.ofKernel(3, 2).withStride(1, 3).withPadding(1, 0).withCeilMode(true).withCountIncludePad(false),
        AvgPoolParams.ofKernel(3, 3, 3).withStride(2, 2, 2).withPadding(1, 1, 1)};
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (int c = 0; c < maxes.length; c++) {
        Tensor x = c == 2 ? random(r, dt, 3, 5, 7, 20, 22) : random(r, dt, 8, 5, 30, 41);
        MaxPoolParams p = maxes[c];
        AvgPoolParams ap = avgs[c];
        MaxPoolResult one = Parallelism.withThreads(1, () -> MaxPool.forward(x, p));
        Tensor dy = random(r, dt, one.output().shape());
        Tensor dx1 = Parallelism.withThreads(1, () -> MaxPool.backward(dy, one.indices(), x.shape(), p));
        Tensor a1 = Parallelism.withThreads(1, () -> AvgPool.forward(x, ap));
        Tensor da1 = Parallelism.withThreads(1, () -> AvgPool.backward(random(new Random(3), dt, a1.shape()), x.shape(), ap));
        for (int t = 2; t <= 3; t++) {
          MaxPoolResult many = Parallelism.withThreads(t, () -> MaxPool.forward(x, p));
          assertThat(many.output().toDoubleArray()).isEqualTo(one.output().toDoubleArray());
          assertThat(many.indices().toDoubleArray()).isEqualTo(one.indices().toDoubleArray());
          Tensor dxt = Parallelism.withThreads(t, () -> MaxPool.backward(dy, one.indices(), x.shape(), p));
          assertThat(dxt.toDoubleArray()).isEqualTo(dx1.toDoubleArray());
          assertThat(Parallelism.withThreads(t, () -> AvgPool.forward(x, ap)).toDoubleArray()).isEqualTo(a1.toDoubleArray());
          Tensor dat = Parallelism.withThreads(t, () -> AvgPool.backward(random(new Random(3), dt, a1.shape()), x.shape(), ap));
          assertThat(dat.toDoubleArray()).isEqualTo(da1.toDoubleArray());
        }
      }
    }
  }

  @Test
  void firstBadIndexIsReportedForAnyThreadCount() {
    Random r = new Random(2);
    Tensor x = random(r, DType.FLOAT32, 10, 4, 30, 30);
    MaxPoolParams p = MaxPoolParams.ofKernel(3, 3).withStride(2, 2).withPadding(1, 1);
    MaxPoolResult res = MaxPool.forward(x, p);
    double[] idx = res.indices().toDoubleArray();
    int outPlane = 15 * 15;
    idx[20 * outPlane + 7] = 900; // plane 20: past the 30×30 plane
    idx[29 * outPlane + 1] = 2.5; // plane 29: not an integer
    Tensor bad = Tensor.of(idx, res.indices().shape());
    Tensor dy = random(r, DType.FLOAT32, res.output().shape());
    for (int t = 1; t <= 3; t++) {
      int threads = t;
      assertThatThrownBy(() -> Parallelism.withThreads(threads, () -> MaxPool.backward(dy, bad, x.shape(), p)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("indices[" + (20 * outPlane + 7) + " (flat)] = 900.0 is not an offset into an input plane of 900 elements");
    }
  }
}
