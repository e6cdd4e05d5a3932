package org.conv4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Factories, metadata, element access, conversions, {@code allClose} and {@code valuesEqual}:
 * the small API surface the NumPy oracle does not exercise directly. Expected values are written
 * out by hand (or quoted from NumPy's documentation), never computed by the code under test.
 */
class TensorBasicsTest {
  static final DType F32 = DType.FLOAT32;
  static final DType F64 = DType.FLOAT64;

  @Test
  void factoriesCopyTheirData() {
    double[] d = {1, 2, 3, 4, 5, 6};
    Tensor t = Tensor.of(d, 2, 3);
    d[0] = 99;
    assertThat(t.get(0, 0)).isEqualTo(1.0);
    float[] f = {1.5f, 2.5f};
    Tensor u = Tensor.of(f, 2);
    f[1] = 0;
    assertThat(u.get(1)).isEqualTo(2.5);
    assertThat(u.dtype()).isEqualTo(F32);
    assertThat(t.dtype()).isEqualTo(F64);
    int[] shape = {3, 2};
    Tensor z = Tensor.zeros(F32, shape);
    shape[0] = 7;
    assertThat(z.shape()).containsExactly(3, 2);
  }

  @Test
  void rowsFactory() {
    Tensor t = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    assertThat(t.shape()).containsExactly(2, 3);
    assertThat(t.toDoubleArray()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(Tensor.of(new double[0][]).shape()).containsExactly(0, 0);
  }

  @Test
  void filledFactories() {
    assertThat(Tensor.zeros(F64, 2, 2).toDoubleArray()).containsExactly(0, 0, 0, 0);
    assertThat(Tensor.ones(F32, 3).toDoubleArray()).containsExactly(1, 1, 1);
    // float32 stores the float32 nearest to the value: np.full(2, 0.1, np.float32)[0] == 0.10000000149011612
    assertThat(Tensor.full(F32, 0.1, 2).get(1)).isEqualTo(0.10000000149011612);
    assertThat(Tensor.full(F64, 0.1, 2).get(1)).isEqualTo(0.1);
    Tensor s = Tensor.scalar(2.5);
    assertThat(s.rank()).isZero();
    assertThat(s.size()).isEqualTo(1);
    assertThat(s.item()).isEqualTo(2.5);
    assertThat(s.get()).isEqualTo(2.5);
    assertThat(s.dtype()).isEqualTo(F64);
    assertThat(Tensor.scalar(F32, 1.0 / 3).item()).isEqualTo((double) (float) (1.0 / 3));
    assertThat(Tensor.arange(F64, 4).toDoubleArray()).containsExactly(0, 1, 2, 3);
    assertThat(Tensor.arange(F32, 0).shape()).containsExactly(0);
  }

  @Test
  void metadata() {
    Tensor t = Tensor.zeros(F32, 2, 3, 4);
    assertThat(t.rank()).isEqualTo(3);
    assertThat(t.size()).isEqualTo(24);
    assertThat(t.dim(0)).isEqualTo(2);
    assertThat(t.dim(-1)).isEqualTo(4);
    assertThat(t.strides()).containsExactly(12, 4, 1);
    assertThat(t.isContiguous()).isTrue();
    assertThat(t.describe()).isEqualTo("Tensor(float32, shape=(2, 3, 4))");
    assertThat(Tensor.zeros(F64, 5).describe()).isEqualTo("Tensor(float64, shape=(5,))");
    // Returned arrays are copies.
    t.shape()[0] = 9;
    t.strides()[0] = 9;
    assertThat(t.shape()).containsExactly(2, 3, 4);
    assertThat(t.strides()).containsExactly(12, 4, 1);
    // A transposed view is not contiguous; its strides are the reversed ones.
    assertThat(t.transpose().strides()).containsExactly(1, 4, 12);
    assertThat(t.transpose().isContiguous()).isFalse();
  }

  @Test
  void elementAccessWithNegativeIndices() {
    Tensor t = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    assertThat(t.get(-1, -1)).isEqualTo(6);
    assertThat(t.get(-2, 1)).isEqualTo(2);
    assertThat(t.slice("::-1, 1:").get(0, 0)).isEqualTo(5);
  }

  @Test
  void conversions() {
    Tensor d = Tensor.of(new double[] {0.1, 1e40, -1e-50}, 3);
    float[] f = d.toFloatArray();
    assertThat(f).containsExactly(0.1f, Float.POSITIVE_INFINITY, -0.0f);
    Tensor t32 = d.to(F32);
    assertThat(t32.dtype()).isEqualTo(F32);
    assertThat(t32.toDoubleArray()).containsExactly(0.10000000149011612, Double.POSITIVE_INFINITY, -0.0);
    assertThat(d.to(F64)).isSameAs(d);
    // Copies are independent arrays.
    double[] a = d.toDoubleArray();
    a[0] = 5;
    assertThat(d.get(0)).isEqualTo(0.1);
    Tensor c = d.copy();
    assertThat(c.d).isNotSameAs(d.d);
    assertThat(c.valuesEqual(d)).isTrue();
  }

  @Test
  void mapRunsInDoubleAndRoundsOnce() {
    Tensor x = Tensor.of(new float[] {1, 2, 7}, 3);
    Tensor y = x.map(v -> v / 3);
    assertThat(y.dtype()).isEqualTo(F32);
    assertThat(y.toDoubleArray()).containsExactly((float) (1 / 3.0), (float) (2 / 3.0), (float) (7 / 3.0));
    Tensor z = Tensor.of(new double[] {1, 2}, 2).slice("::-1").map(v -> v * v + 0.5);
    assertThat(z.toDoubleArray()).containsExactly(4.5, 1.5);
  }

  @Test
  void valuesEqualIsBitwiseAndIgnoresDtype() {
    Tensor a = Tensor.of(new double[] {1, Double.NaN, 0}, 3);
    assertThat(a.valuesEqual(Tensor.of(new float[] {1, Float.NaN, 0}, 3))).isTrue();
    assertThat(a.valuesEqual(Tensor.of(new double[] {1, Double.NaN, -0.0}, 3))).isFalse();
    assertThat(a.valuesEqual(Tensor.of(new double[] {1, Double.NaN, 0}, 3, 1))).isFalse();
  }

  @Test
  void allCloseFollowsNumpyDocs() {
    // The examples of numpy.allclose's documentation.
    assertThat(t(1e10, 1e-7).allClose(t(1.00001e10, 1e-8), 1e-5, 1e-8, false)).isFalse();
    assertThat(t(1e10, 1e-8).allClose(t(1.00001e10, 1e-9), 1e-5, 1e-8, false)).isTrue();
    assertThat(t(1e10, 1e-8).allClose(t(1.0001e10, 1e-9), 1e-5, 1e-8, false)).isFalse();
    assertThat(t(1.0, Double.NaN).allClose(t(1.0, Double.NaN), 1e-5, 1e-8, false)).isFalse();
    assertThat(t(1.0, Double.NaN).allClose(t(1.0, Double.NaN), 1e-5, 1e-8, true)).isTrue();
    // Infinities are close only to themselves; the comparison broadcasts and is asymmetric in b.
    assertThat(t(Double.POSITIVE_INFINITY).allClose(t(Double.POSITIVE_INFINITY), 0, 0, false)).isTrue();
    assertThat(t(Double.POSITIVE_INFINITY).allClose(t(Double.NEGATIVE_INFINITY), 1, 1, false)).isFalse();
    assertThat(t(1e300).allClose(t(Double.POSITIVE_INFINITY), 1, 1, false)).isFalse();
    assertThat(Tensor.of(new double[] {1, 1, 1, 1}, 2, 2).allClose(t(1, 1.000001), 1e-5, 0, false)).isTrue();
    assertThat(t(0, 2).allClose(t(1, 1), 1, 0, false)).isTrue(); // |0-1| <= 1*|1|, |2-1| <= 1*|1|
    assertThat(t(1, 1).allClose(t(0, 2), 1, 0, false)).isFalse(); // |1-0| > 1*|0|
  }

  @Test
  void dtypePromotionAndNames() {
    assertThat(DType.promote(F32, F32)).isEqualTo(F32);
    assertThat(DType.promote(F32, F64)).isEqualTo(F64);
    assertThat(DType.promote(F64, F32)).isEqualTo(F64);
    assertThat(DType.promote(F64, F64)).isEqualTo(F64);
    assertThat(F32.byteSize()).isEqualTo(4);
    assertThat(F64.byteSize()).isEqualTo(8);
    assertThat(F32.numpyName()).isEqualTo("float32");
    assertThat(F64.toString()).isEqualTo("float64");
  }

  @Test
  void shapeHelpers() {
    assertThat(Shape.toString(new int[0])).isEqualTo("()");
    assertThat(Shape.toString(new int[] {5})).isEqualTo("(5,)");
    assertThat(Shape.toString(new int[] {2, 3})).isEqualTo("(2, 3)");
    assertThat(Shape.contiguousStrides(new int[] {2, 0, 3})).containsExactly(3, 3, 1);
    assertThat(Shape.size(new int[0])).isEqualTo(1);
    assertThat(Shape.checkedSize(new int[] {4, 0, 5})).isZero();
    assertThat(Shape.equals(new int[] {1, 2}, new int[] {1, 2})).isTrue();
    assertThat(Shape.axis(-1, 3)).isEqualTo(2);
    assertThat(Shape.broadcast(new int[] {3, 1}, new int[] {4})).containsExactly(3, 4);
  }

  @Test
  void operationsNeverModifyTheirOperands() {
    Tensor x = Tensor.of(new double[] {3, -1, 2, 0}, 2, 2);
    double[] before = x.toDoubleArray();
    x.add(x).neg().exp();
    x.sum(new int[] {0}, true);
    Tensor.concat(0, x, x);
    x.pad(new int[][] {{1, 1}}, org.conv4j.window.PadMode.REFLECT);
    x.matmul(x);
    x.clamp(0, 1);
    x.reshape(4).flip(0);
    assertThat(x.toDoubleArray()).isEqualTo(before);
  }

  static Tensor t(double... v) {
    return Tensor.of(v, v.length);
  }
}
