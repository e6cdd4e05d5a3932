package org.conv4j.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import org.conv4j.nn.functional.MaxPoolParams;
import org.conv4j.runtime.Parallelism;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Rng;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The fused float32 fast paths ({@link Ops#maxPoolBiasTanh}, {@link Ops#tanh}) against the unfused
 * op composition they replace: the same bits forward and backward, for random shapes (odd sizes
 * that drop partial windows, pool 1 to 3), ties and NaNs, and any thread count.
 */
class FusedOpsTest {
  /** Values rounded to a coarse grid so windows have ties, with a few NaNs. */
  static Tensor input(long seed, boolean nans, int... shape) {
    java.util.Random r = new java.util.Random(seed);
    int size = 1;
    for (int d : shape) {
      size *= d;
    }
    float[] v = new float[size];
    for (int i = 0; i < size; i++) {
      v[i] = (r.nextInt(17) - 8) / 4f;
      if (nans && i % 37 == 5) {
        v[i] = Float.NaN;
      }
    }
    return Tensor.of(v, shape);
  }

  record Result(float[] y, float[] dz, float[] db) {}

  static Result run(boolean fused, Tensor z0, Tensor b0, Tensor seed, int k) {
    Variable z = Variable.leaf(z0);
    Variable b = Variable.leaf(b0);
    Variable y = fused ? Ops.maxPoolBiasTanh(z, b, k)
        : Ops.tanh(Ops.add(Ops.maxPool(z, MaxPoolParams.of(2, k)), Ops.reshape(b, -1, 1, 1)));
    y.backward(seed);
    return new Result(y.value().toFloatArray(), z.grad().toFloatArray(), b.grad().toFloatArray());
  }

  @Test
  void maxPoolBiasTanhEqualsTheComposedOps() {
    for (int trial = 0; trial < 40; trial++) {
      int n = 1 + trial % 3, c = 1 + trial % 4, k = 1 + trial % 3;
      int h = k + (trial * 7) % 9, w = k + (trial * 5) % 8;
      Tensor z = input(trial, trial % 4 == 3, n, c, h, w);
      Tensor b = new Rng(100 + trial).uniform(DType.FLOAT32, -1, 1, c);
      Tensor seed = new Rng(200 + trial).uniform(DType.FLOAT32, -1, 1, n, c, h / k, w / k);
      Result want = run(false, z, b, seed, k);
      for (int threads : new int[] {1, 2, 3}) {
        Result got = Parallelism.withThreads(threads, () -> run(true, z, b, seed, k));
        String at = "trial " + trial + " shape " + n + "x" + c + "x" + h + "x" + w + " k " + k + " threads " + threads;
        assertThat(got.y()).as("y, " + at).containsExactly(want.y());
        assertThat(got.dz()).as("dz, " + at).containsExactly(want.dz());
        for (int i = 0; i < c; i++) {
          if (Float.isNaN(want.db()[i])) {
            assertThat(got.db()[i]).as("db, " + at).isNaN();
          } else {
            // The bias gradient is summed in double (the composed op sums in float).
            assertThat(got.db()[i]).as("db, " + at).isCloseTo(want.db()[i],
                org.assertj.core.data.Offset.offset(1e-5f * (1 + Math.abs(want.db()[i]))));
          }
        }
      }
    }
  }

  @Test
  void float32TanhHasTheBitsOfTensorTanh() {
    for (int size : new int[] {1, 7, 40000, 70001}) {
      Tensor x = input(size, true, size);
      Tensor seed = new Rng(size).uniform(DType.FLOAT32, -1, 1, size);
      Variable v = Variable.leaf(x);
      Variable y = Ops.tanh(v);
      y.backward(seed);
      Tensor xv = x;
      assertThat(y.value().toFloatArray()).containsExactly(xv.tanh().toFloatArray());
      Tensor yv = xv.tanh();
      assertThat(v.grad().toFloatArray()).containsExactly(seed.mul(yv.mul(yv).neg().add(1)).toFloatArray());
    }
  }
}
