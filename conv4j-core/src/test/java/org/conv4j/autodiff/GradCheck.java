package org.conv4j.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Rng;
import org.conv4j.tensor.Tensor;

/**
 * Float64 central finite-difference gradient checks: for {@code out = f(inputs)} the scalar
 * {@code L = Σ out·r} (fixed random {@code r}, so every output element matters with a different
 * weight) is differentiated by {@link Variable#backward()} and by {@code (L(x+h) − L(x−h))/2h}
 * element by element; they must agree within {@code atol + rtol·|numeric|}.
 */
final class GradCheck {
  /** Step of the central difference: error O(h²) ≈ 1e-12 against rounding O(ε/h) ≈ 1e-10. */
  static final double H = 1e-6;
  /** Default tolerance for smooth ops: well above the ~1e-9 noise, far below any real mistake. */
  static final double TOL = 1e-6;

  private GradCheck() {}

  /** Checks every input (all float64) with the default tolerance. */
  static void check(String name, Function<Variable[], Variable> f, Tensor... inputs) {
    check(name, TOL, f, inputs);
  }

  static void check(String name, double tol, Function<Variable[], Variable> f, Tensor... inputs) {
    Variable[] leaves = new Variable[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      assertThat(inputs[i].dtype()).as(name + ": gradient checks run in float64").isEqualTo(DType.FLOAT64);
      leaves[i] = Variable.leaf(inputs[i]);
    }
    Variable out = f.apply(leaves);
    Tensor r = new Rng(12345).uniform(DType.FLOAT64, 0.5, 1.5, out.shape());
    Ops.mul(out, Variable.of(r)).sum().backward();
    for (int i = 0; i < inputs.length; i++) {
      double[] x = inputs[i].toDoubleArray();
      double[] analytic = leaves[i].grad().toDoubleArray();
      assertThat(analytic.length).isEqualTo(x.length);
      for (int k = 0; k < x.length; k++) {
        double keep = x[k];
        x[k] = keep + H;
        double lp = loss(f, inputs, i, x, r);
        x[k] = keep - H;
        double lm = loss(f, inputs, i, x, r);
        x[k] = keep;
        double numeric = (lp - lm) / (2 * H);
        assertThat(Math.abs(analytic[k] - numeric))
            .as("%s: d/d input %d [%d]: analytic %.12g, numeric %.12g", name, i, k, analytic[k], numeric)
            .isLessThanOrEqualTo(tol + tol * Math.abs(numeric));
      }
    }
  }

  private static double loss(Function<Variable[], Variable> f, Tensor[] inputs, int which, double[] x, Tensor r) {
    Variable[] vs = new Variable[inputs.length];
    for (int j = 0; j < inputs.length; j++) {
      vs[j] = Variable.of(j == which ? Tensor.of(x, inputs[j].shape()) : inputs[j]);
    }
    try (Variable.NoGrad scope = Variable.noGrad()) {
      return f.apply(vs).value().mul(r).sum().item();
    }
  }

  /** Random float64 values in [−1, 1) from a fixed stream. */
  static Tensor rand(long seed, int... shape) {
    return new Rng(seed).uniform(DType.FLOAT64, -1, 1, shape);
  }

  /** Random float64 values in [lo, hi). */
  static Tensor rand(long seed, double lo, double hi, int... shape) {
    return new Rng(seed).uniform(DType.FLOAT64, lo, hi, shape);
  }
}
