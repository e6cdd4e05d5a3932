package org.conv4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.conv4j.autodiff.Variable;
import org.conv4j.internal.TensorAccess;
import org.conv4j.nn.FlatParameters;
import org.conv4j.nn.Init;
import org.conv4j.nn.Linear;
import org.conv4j.nn.RandomSource;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Each optimizer against its update rule written out by hand, on a tiny model. */
class OptimizerTest {
  /** A 2-parameter model (1×1 weight and bias) with value (w, b) and gradients set directly. */
  static FlatParameters flat(DType dtype, double w, double b) {
    Linear l = new Linear(1, 1).withWeightInit(Init.constant(w));
    l.bias().withInitializer(Init.constant(b));
    return l.initialize(RandomSource.seeded(0), dtype);
  }

  static void setGrads(FlatParameters f, double gw, double gb) {
    TensorAccess.Accessor acc = TensorAccess.get();
    if (f.dtype() == DType.FLOAT32) {
      acc.floats(f.grads())[0] = (float) gw;
      acc.floats(f.grads())[1] = (float) gb;
    } else {
      acc.doubles(f.grads())[0] = gw;
      acc.doubles(f.grads())[1] = gb;
    }
  }

  @Test
  void plainSgdIsTheTutorialsUpdateInFloat32() {
    FlatParameters f = flat(DType.FLOAT32, 0.3, -0.2);
    setGrads(f, 0.7, 1.1);
    new Sgd(f, 0.1).step();
    assertThat((float) f.values().get(0)).isEqualTo(0.3f - 0.1f * 0.7f);
    assertThat((float) f.values().get(1)).isEqualTo(-0.2f - 0.1f * 1.1f);
  }

  @Test
  void momentumNesterovAndWeightDecay() {
    double lr = 0.5;
    double mu = 0.9;
    double wd = 0.01;
    for (boolean nesterov : new boolean[] {false, true}) {
      FlatParameters f = flat(DType.FLOAT64, 1.0, 0);
      Sgd opt = new Sgd(f, lr, mu, nesterov, wd);
      double p = 1.0;
      double v = 0;
      for (double g0 : new double[] {0.2, -0.4, 0.3}) {
        setGrads(f, g0, 0);
        opt.step();
        double g = g0 + wd * p;
        v = mu * v + g;
        p -= lr * (nesterov ? g + mu * v : v);
        assertThat(f.values().get(0)).isEqualTo(p);
      }
      assertThat(opt.name()).isEqualTo(nesterov ? "nesterov" : "momentum");
      assertThat(opt.state().get("velocity").get(0)).isEqualTo(v);
    }
  }

  @Test
  void adamFollowsKingmaAndBa() {
    FlatParameters f = flat(DType.FLOAT64, 0.5, 0);
    Adam opt = new Adam(f, 0.01);
    double p = 0.5;
    double m = 0;
    double v = 0;
    int t = 0;
    for (double g : new double[] {0.3, -0.1, 0.2, 0.05}) {
      setGrads(f, g, 0);
      opt.step();
      t++;
      m = 0.9 * m + 0.1 * g;
      v = 0.999 * v + 0.001 * g * g;
      p -= 0.01 * (m / (1 - Math.pow(0.9, t))) / (Math.sqrt(v / (1 - Math.pow(0.999, t))) + 1e-8);
      assertThat(f.values().get(0)).isEqualTo(p);
    }
    assertThat(opt.state().get("step").item()).isEqualTo(4.0);
  }

  @Test
  void stateRoundTripsAndIsChecked() {
    FlatParameters f = flat(DType.FLOAT32, 0.5, 0.1);
    Adam a = new Adam(f, 0.01);
    setGrads(f, 0.3, 0.2);
    a.step();
    Adam b = new Adam(f, 0.01);
    b.loadState(a.state());
    assertThat(b.state().get("m").valuesEqual(a.state().get("m"))).isTrue();
    assertThatThrownBy(() -> b.loadState(java.util.Map.of("m", Tensor.zeros(DType.FLOAT64, 3))))
        .hasMessageContaining("adam optimizer state 'm' has shape (3,) but the model has 2 parameters");
    assertThatThrownBy(() -> new Sgd(f, -1)).hasMessageContaining("learning rate must be a positive finite number");
    assertThatThrownBy(() -> new Sgd(f, 0.1, 0, true, 0)).hasMessageContaining("Nesterov momentum needs a momentum > 0");
  }

  @Test
  void stepsAUsedModel() {
    // One loop over the flat buffer trains the whole model: a gradient step lowers the loss.
    Linear l = new Linear(3, 1);
    FlatParameters f = l.initialize(RandomSource.seeded(1), DType.FLOAT64);
    Tensor x = Tensor.of(new double[] {1, 2, 3, -1, 0, 2}, 2, 3);
    double before = l.predict(x).pow(2).sum().item();
    l.forward(Variable.of(x)).pow(2).sum().backward();
    new Sgd(f, 0.01).step();
    assertThat(l.predict(x).pow(2).sum().item()).isLessThan(before);
  }

  @Test
  void schedules() {
    assertThat(LrSchedule.constant().lr(0.1, 50)).isEqualTo(0.1);
    assertThat(LrSchedule.step(10, 0.5).lr(0.1, 25)).isEqualTo(0.025);
    assertThat(LrSchedule.exponential(0.9).lr(1, 2)).isCloseTo(0.81, org.assertj.core.data.Offset.offset(1e-15));
    LrSchedule cos = LrSchedule.cosine(10, 0.001);
    assertThat(cos.lr(0.1, 0)).isEqualTo(0.1);
    assertThat(cos.lr(0.1, 5)).isCloseTo(0.0505, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(cos.lr(0.1, 10)).isEqualTo(0.001);
    assertThat(LrSchedule.parse("step:10:0.5").lr(0.1, 10)).isEqualTo(0.05);
    assertThat(LrSchedule.parse("cosine:4").lr(1, 4)).isEqualTo(1e-6);
    assertThatThrownBy(() -> LrSchedule.parse("linear")).hasMessageContaining("is not one of constant, step:EVERY:GAMMA");
  }
}
