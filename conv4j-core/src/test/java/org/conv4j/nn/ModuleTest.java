package org.conv4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.conv4j.autodiff.Ops;
import org.conv4j.autodiff.Variable;
import org.conv4j.internal.TensorAccess;
import org.conv4j.nn.functional.AvgPoolParams;
import org.conv4j.nn.functional.ConvParams;
import org.conv4j.nn.functional.ConvTransposeParams;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Rng;
import org.conv4j.tensor.Tensor;
import org.conv4j.window.PadMode;
import org.junit.jupiter.api.Test;

/**
 * Layers: float64 finite-difference checks of input and parameter gradients through the flat
 * buffers, the flat-buffer contract, initialisers and LeNet's shapes.
 */
class ModuleTest {
  static final double H = 1e-6;
  static final double TOL = 1e-6;

  /** Checks d(Σ f(x)·r)/dx and /dθ for every parameter θ of {@code m} (float64). */
  static void check(String name, Module m, Tensor x) {
    FlatParameters flat = m.initialize(RandomSource.seeded(3), DType.FLOAT64);
    m.train(true);
    Variable in = Variable.leaf(x);
    Variable out = m.forward(in);
    Tensor r = new Rng(9).uniform(DType.FLOAT64, 0.5, 1.5, out.shape());
    flat.zeroGrad();
    Ops.mul(out, Variable.of(r)).sum().backward();
    double[] dx = in.grad().toDoubleArray();
    double[] dtheta = flat.grads().toDoubleArray();
    double[] xs = x.toDoubleArray();
    for (int k = 0; k < xs.length; k++) {
      double keep = xs[k];
      xs[k] = keep + H;
      double lp = loss(m, Tensor.of(xs, x.shape()), r);
      xs[k] = keep - H;
      double lm = loss(m, Tensor.of(xs, x.shape()), r);
      xs[k] = keep;
      assertClose(name + " dx[" + k + "]", dx[k], (lp - lm) / (2 * H));
    }
    double[] theta = TensorAccess.get().doubles(flat.values());
    for (int k = 0; k < theta.length; k++) {
      double keep = theta[k];
      theta[k] = keep + H;
      double lp = loss(m, x, r);
      theta[k] = keep - H;
      double lm = loss(m, x, r);
      theta[k] = keep;
      assertClose(name + " dθ[" + k + "]", dtheta[k], (lp - lm) / (2 * H));
    }
  }

  private static void assertClose(String what, double analytic, double numeric) {
    assertThat(Math.abs(analytic - numeric)).as("%s: analytic %.12g numeric %.12g", what, analytic, numeric)
        .isLessThanOrEqualTo(TOL + TOL * Math.abs(numeric));
  }

  private static double loss(Module m, Tensor x, Tensor r) {
    return m.predict(x).mul(r).sum().item();
  }

  static Tensor rand(long seed, int... shape) {
    return new Rng(seed).uniform(DType.FLOAT64, -1, 1, shape);
  }

  @Test
  void everyLayerGradient() {
    check("Linear", new Linear(4, 3), rand(1, 2, 4));
    check("Conv1d", new Conv1d(2, 3, 3, ConvParams.defaults(1).withPadding(1), true), rand(2, 2, 2, 6));
    check("Conv2d", new Conv2d(2, 2, 3), rand(3, 1, 2, 5, 5));
    check("Conv2d reflect stride", new Conv2d(2, 4, 3, ConvParams.defaults(2).withStride(2).withPadding(1)
        .withPaddingMode(PadMode.REFLECT).withGroups(2), true), rand(4, 1, 2, 5, 6));
    check("Conv3d", new Conv3d(1, 2, 2), rand(5, 1, 1, 3, 3, 3));
    check("ConvTranspose2d", new ConvTranspose2d(2, 3, 3, ConvTransposeParams.defaults(2).withStride(2), true),
        rand(6, 1, 2, 3, 3));
    check("ConvPoolLayer", new ConvPoolLayer(2, 3, 3, 2), rand(7, 2, 2, 7, 7));
    check("MaxPool2d", new MaxPool2d(2), rand(8, 1, 2, 4, 6));
    check("AvgPool2d", new AvgPool2d(AvgPoolParams.of(2, 3).withStride(1)), rand(9, 1, 1, 4, 5));
    check("activations", new Sequential(new Tanh(), new Sigmoid(), new ReLU()), rand(10, 3, 4));
    check("small CNN", new Sequential(new Conv2d(1, 2, 3), new Tanh(), new MaxPool2d(2), new Flatten(), new Linear(8, 3)),
        rand(12, 2, 1, 6, 6));
  }

  @Test
  void parametersShareOneFlatBuffer() {
    Sequential net = new Sequential(new Linear(3, 2), new Tanh(), new Linear(2, 1));
    FlatParameters flat = net.initialize(RandomSource.seeded(1));
    assertThat(net.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
    assertThat(flat.size()).isEqualTo(6 + 2 + 2 + 1);
    assertThat(flat.offset(2)).isEqualTo(8);
    // A write through the flat buffer is seen by the parameter view and vice versa.
    float[] values = TensorAccess.get().floats(flat.values());
    values[8] = 42f;
    assertThat(net.namedParameters().get("2.weight").value().get(0, 0)).isEqualTo(42.0);
    net.namedParameters().get("0.bias").set(Tensor.of(new float[] {7, 8}, 2));
    assertThat(values[6]).isEqualTo(7f);
    // Gradients land in the flat gradient buffer.
    Variable y = net.forward(Variable.of(Tensor.ones(DType.FLOAT32, 4, 3)));
    y.sum().backward();
    assertThat(flat.grads().get(10)).isEqualTo(4.0); // d Σ / d bias of the last layer = batch size
    net.zeroGrad();
    assertThat(flat.grads().toDoubleArray()).containsOnly(0.0);
    assertThat(net.flatParameters()).isSameAs(flat);
  }

  @Test
  void separatelyInitialisedModulesArePackedIntoOneBufferKeepingValues() {
    Linear a = new Linear(2, 2);
    Linear b = new Linear(2, 1);
    a.initialize(RandomSource.seeded(1));
    b.initialize(RandomSource.seeded(2));
    Tensor aw = a.weight().value().copy();
    Sequential net = new Sequential(a, b);
    FlatParameters flat = net.flatParameters();
    assertThat(flat.size()).isEqualTo(9);
    assertThat(a.weight().value().valuesEqual(aw)).isTrue();
    assertThat(a.weight().value().get(0, 0)).isEqualTo(flat.values().get(0));
  }

  @Test
  void uninitialisedParametersSayWhatToDo() {
    Linear l = new Linear(2, 2);
    assertThatThrownBy(() -> l.forward(Variable.of(Tensor.ones(DType.FLOAT32, 1, 2))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("call initialize(...) on the model first");
  }

  @Test
  void initializersFollowTheirFormulas() {
    RandomSource half = () -> 0.75; // u = 0.75 gives 0.5·bound
    int[] s = {2, 3};
    assertThat(Init.glorotUniform().init(s, 4, 2, DType.FLOAT64, half).get(0, 0)).isEqualTo(0.5);  // √(6/6)·0.5
    assertThat(Init.heUniform().init(s, 6, 99, DType.FLOAT64, half).get(1, 2)).isEqualTo(0.5);      // √(6/6)·0.5
    assertThat(Init.tutorialUniform(4).init(s, 25, 500, DType.FLOAT64, half).get(0, 1)).isCloseTo(0.1, within());
    assertThat(Init.uniform(2).init(s, 1, 1, DType.FLOAT64, half).get(0, 0)).isEqualTo(1.0);
    assertThat(Init.zeros().init(s, 1, 1, DType.FLOAT32, () -> {
      throw new AssertionError("zeros must not draw");
    }).toDoubleArray()).containsOnly(0.0);
    // Normal initialisers: the sample standard deviation is close to the formula's.
    Tensor he = Init.heNormal().init(new int[] {20000}, 50, 1, DType.FLOAT64, RandomSource.seeded(4));
    assertThat(he.std().item()).isCloseTo(Math.sqrt(2.0 / 50), org.assertj.core.data.Offset.offset(0.005));
    Tensor gl = Init.glorotNormal().init(new int[] {20000}, 30, 70, DType.FLOAT64, RandomSource.seeded(5));
    assertThat(gl.std().item()).isCloseTo(Math.sqrt(2.0 / 100), org.assertj.core.data.Offset.offset(0.005));
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-15);
  }

  @Test
  void lenetShapesAndTheTutorialLayer() {
    Sequential net = LeNet.create();
    net.initialize(RandomSource.seeded(1));
    assertThat(net.flatParameters().size()).isEqualTo(20 * 25 + 20 + 50 * 20 * 25 + 50 + 800 * 500 + 500 + 5000 + 10);
    Tensor x = new Rng(2).uniform(DType.FLOAT32, 0, 1, 3, 1, 28, 28);
    assertThat(net.predict(x).shape()).containsExactly(3, 10);
    // layer0 = tanh(maxpool(conv2d(x, W, flip)) + b), as the tutorial composes it.
    ConvPoolLayer l0 = (ConvPoolLayer) net.get("layer0");
    l0.bias().set(new Rng(3).uniform(DType.FLOAT32, -1, 1, 20));
    Tensor conv = org.conv4j.nn.functional.Conv.conv(x, l0.weight().value().flip(2, 3), null, ConvParams.defaults(2));
    Tensor expected = org.conv4j.nn.functional.MaxPool.maxPool2d(conv, 2).add(l0.bias().value().reshape(20, 1, 1)).tanh();
    assertThat(l0.predict(x).valuesEqual(expected)).isTrue();
    assertThat(net.toString()).contains("layer0: ConvPoolLayer(filters [20, 1, 5, 5], pool 2, tanh)");
  }

  @Test
  void dropoutIsIdentityInEvalAndResumable() {
    Dropout d = new Dropout(0.5, 7);
    Tensor x = Tensor.ones(DType.FLOAT32, 100);
    Tensor a = d.forward(Variable.of(x)).value();
    assertThat(a.toDoubleArray()).containsOnly(0.0, 2.0);
    java.util.Map<String, Tensor> state = d.state();
    Tensor b = d.forward(Variable.of(x)).value();
    Dropout e = new Dropout(0.5, 7);
    e.loadState(state);
    assertThat(e.forward(Variable.of(x)).value().valuesEqual(b)).isTrue();
    d.eval();
    assertThat(d.forward(Variable.of(x)).value()).isSameAs(x);
    assertThat(List.of(d.isTraining())).containsExactly(false);
  }
}
