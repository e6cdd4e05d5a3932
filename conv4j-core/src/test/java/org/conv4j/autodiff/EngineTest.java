package org.conv4j.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.conv4j.internal.TensorAccess;
import org.conv4j.nn.functional.ConvParams;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The engine's contract: accumulation, topological order, seeds, no-grad mode, gradient buffers. */
class EngineTest {
  static Tensor t(double... v) {
    return Tensor.of(v, v.length);
  }

  @Test
  void fanOutAccumulates() {
    Variable x = Variable.leaf(t(1, 2, 3));
    Variable y = x.mul(x).add(x).add(x.mul(3.0)).sum(); // x² + 4x
    y.backward();
    assertThat(x.grad().toDoubleArray()).containsExactly(6, 8, 10); // 2x + 4
  }

  @Test
  void diamondVisitsSharedNodeOnce() {
    Variable x = Variable.leaf(t(2));
    Variable s = x.mul(x);                  // used by both branches
    Variable y = s.mul(3.0).add(s.exp()).sum();
    y.backward();
    double expected = 3 * 2 * 2 + Math.exp(4) * 2 * 2;
    assertThat(x.grad().item()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
    Variable x = Variable.leaf(t(1, 2));
    x.mul(2.0).sum().backward();
    x.mul(2.0).sum().backward();
    assertThat(x.grad().toDoubleArray()).containsExactly(4, 4);
    x.zeroGrad();
    assertThat(x.grad().toDoubleArray()).containsExactly(0, 0);
  }

  @Test
  void unusedInputsGetZeroGradients() {
    Variable a = Variable.leaf(t(1, 2));
    Variable b = Variable.leaf(Tensor.zeros(DType.FLOAT32, 2, 3));
    Variable y = a.mul(a).sum();
    y.backward();
    assertThat(b.grad().valuesEqual(Tensor.zeros(DType.FLOAT32, 2, 3))).isTrue();
    assertThat(b.grad().dtype()).isEqualTo(DType.FLOAT32);
  }

  @Test
  void constantsAndNoGradInputsGetNoGradientAndNoWork() {
    Variable c = Variable.of(t(1, 2));
    Variable x = Variable.leaf(t(3, 4));
    Variable y = c.mul(x).sum();
    y.backward();
    assertThat(x.grad().toDoubleArray()).containsExactly(1, 2);
    assertThatThrownBy(c::grad).isInstanceOf(IllegalStateException.class).hasMessageContaining("does not require a gradient");
    // A result computed only from constants is itself a constant: no graph.
    Variable k = c.mul(c);
    assertThat(k.requiresGrad()).isFalse();
    assertThat(k.inputs()).isEmpty();
  }

  @Test
  void convComputesOnlyTheGradientsAsked() {
    // Input a constant, weight a leaf: the conv backward is called with a mask without dx.
    Variable x = Variable.of(Tensor.ones(DType.FLOAT64, 1, 1, 4, 4));
    Variable w = Variable.leaf(Tensor.ones(DType.FLOAT64, 1, 1, 2, 2));
    Ops.conv(x, w, null, ConvParams.defaults(2)).sum().backward();
    assertThat(w.grad().toDoubleArray()).containsOnly(9);
  }

  @Test
  void nonScalarRootNeedsASeed() {
    Variable x = Variable.leaf(t(1, 2, 3));
    Variable y = x.mul(x);
    assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("non-scalar root needs an explicit seed gradient");
    assertThatThrownBy(() -> y.backward(t(1, 1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seed has shape (2,) but the root has shape (3,)");
    y.backward(t(1, 0, -1));
    assertThat(x.grad().toDoubleArray()).containsExactly(2, 0, -6);
  }

  @Test
  void noGradModeBuildsNoGraphAndNests() {
    Variable x = Variable.leaf(t(1, 2));
    try (Variable.NoGrad outer = Variable.noGrad()) {
      try (Variable.NoGrad inner = Variable.noGrad()) {
        assertThat(Variable.isGradEnabled()).isFalse();
      }
      assertThat(Variable.isGradEnabled()).isFalse();
      Variable y = x.mul(x).sum();
      assertThat(y.requiresGrad()).isFalse();
      assertThat(y.inputs()).isEmpty();
      assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class).hasMessageContaining("no-grad mode");
    }
    assertThat(Variable.isGradEnabled()).isTrue();
    assertThat(x.mul(x).requiresGrad()).isTrue();
  }

  @Test
  void intermediateGradientsAreReleasedLeavesKept() {
    Variable x = Variable.leaf(t(1, 2));
    Variable h = x.mul(2.0);
    h.sum().backward();
    assertThat(h.grad().toDoubleArray()).containsExactly(0, 0); // released after propagation
    assertThat(x.grad().toDoubleArray()).containsExactly(2, 2);
  }

  @Test
  void gradientBufferLeavesWriteIntoTheFlatArray() {
    float[] values = {1, 2, 3, 4, 5};
    float[] grads = new float[5];
    TensorAccess.Accessor acc = TensorAccess.get();
    Tensor vBase = acc.wrap(values, new int[] {5});
    Tensor gBase = acc.wrap(grads, new int[] {5});
    Variable p = Variable.leafWithGradBuffer(acc.view(vBase, new int[] {2}, new int[] {1}, 3),
        acc.view(gBase, new int[] {2}, new int[] {1}, 3));
    p.mul(p).sum().backward();
    assertThat(grads).containsExactly(0, 0, 0, 8, 10);
    p.mul(1.0).sum().backward();
    assertThat(grads).containsExactly(0, 0, 0, 9, 11);
    p.zeroGrad();
    assertThat(grads).containsOnly(0);
  }

  @Test
  void gradientsKeepTheInputDtype() {
    Variable a = Variable.leaf(Tensor.ones(DType.FLOAT32, 2));
    Variable b = Variable.leaf(Tensor.ones(DType.FLOAT64, 2));
    Variable y = a.mul(b).sum();
    assertThat(y.dtype()).isEqualTo(DType.FLOAT64);
    y.backward();
    assertThat(a.grad().dtype()).isEqualTo(DType.FLOAT32);
    assertThat(b.grad().dtype()).isEqualTo(DType.FLOAT64);
  }

  @Test
  void deepChainsDoNotOverflowTheStack() {
    Variable x = Variable.leaf(t(1));
    Variable y = x;
    for (int i = 0; i < 20000; i++) {
      y = y.add(1.0);
    }
    y.sum().backward();
    assertThat(x.grad().item()).isEqualTo(1.0);
  }
}
