package org.conv4j.nn.functional;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.conv4j.runtime.Parallelism;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The op-level use of the vectorised 2-D max pooling: same bits for 1, 2 and 3 threads, and an index
 * tensor whose entries leave their windows (legal for PyTorch's backward, which only needs offsets
 * into the plane) takes the general scatter and gets its sums.
 */
class MaxPoolTiledOpTest {
  /** Gaussian values with ties (every fifth is 0.5), in dtype {@code dt}. */
  static Tensor random(Random r, DType dt, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextInt(5) == 0 ? 0.5 : r.nextGaussian();
    }
    return Tensor.of(v, shape).to(dt);
  }

  @Test
  void sameBitsForAnyThreadCount() {
    Random r = new Random(5);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor x = random(r, dt, 6, 5, 24, 26);
      MaxPoolParams p = MaxPoolParams.of(2, 2);
      MaxPoolResult one = Parallelism.withThreads(1, () -> MaxPool.maxPool2dWithIndices(x, p));
      Tensor dy = random(r, dt, one.output().shape());
      Tensor dx1 = Parallelism.withThreads(1, () -> MaxPool.backward(dy, one.indices(), x.shape(), p));
      for (int t = 2; t <= 3; t++) {
        MaxPoolResult many = Parallelism.withThreads(t, () -> MaxPool.maxPool2dWithIndices(x, p));
        assertThat(many.output().toDoubleArray()).isEqualTo(one.output().toDoubleArray());
        assertThat(many.indices().toDoubleArray()).isEqualTo(one.indices().toDoubleArray());
        Tensor dxt = Parallelism.withThreads(t, () -> MaxPool.backward(dy, one.indices(), x.shape(), p));
        assertThat(dxt.toDoubleArray()).isEqualTo(dx1.toDoubleArray());
      }
      // the dense backward equals the scatter definition
      double[] want = new double[x.size()];
      double[] idx = one.indices().toDoubleArray();
      double[] g = dy.toDoubleArray();
      int plane = 24 * 26;
      int outPlane = 12 * 13;
      for (int o = 0; o < idx.length; o++) {
        want[o / outPlane * plane + (int) idx[o]] += g[o];
      }
      assertThat(dx1.toDoubleArray()).isEqualTo(want);
    }
  }

  @Test
  void indicesOutsideTheirWindowsTakeTheScatter() {
    Random r = new Random(9);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      MaxPoolParams p = MaxPoolParams.of(2, 2);
      int[] xShape = {2, 3, 8, 20};
      Tensor dy = random(r, dt, 2, 3, 4, 10);
      double[] idx = new double[2 * 3 * 4 * 10];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = i % 7 == 0 ? 5 : r.nextInt(160);  // many windows point at offset 5: sums
      }
      Tensor dx = MaxPool.backward(dy, Tensor.of(idx, 2, 3, 4, 10), xShape, p);
      double[] want = new double[2 * 3 * 8 * 20];
      double[] g = dy.toDoubleArray();
      double[] acc = new double[want.length];
      for (int o = 0; o < idx.length; o++) {
        acc[o / 40 * 160 + (int) idx[o]] += g[o];
      }
      for (int i = 0; i < want.length; i++) {
        want[i] = dt == DType.FLOAT32 ? (float) acc[i] : acc[i];
      }
      assertThat(dx.toDoubleArray()).isEqualTo(want);
    }
  }
}
