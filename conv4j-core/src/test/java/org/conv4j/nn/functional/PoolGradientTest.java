package org.conv4j.nn.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * Gradients of every pooling op on random configurations (rank 1–3, stride, padding, dilation,
 * ceil mode, count_include_pad, divisor_override, Theano modes and ignore_border): the adjoint
 * identity ⟨pool(x), y⟩ = ⟨x, backward(y)⟩ for the linear ops, float64 central finite differences
 * for all of them (max away from ties: inputs are distinct and far apart relative to the step), and
 * mass conservation for max pooling. Each configuration is derived from a jqwik-chosen seed and
 * printed by its record's toString on failure.
 */
class PoolGradientTest {
  /** ⟨pool(x), y⟩ and ⟨x, backward(y)⟩ sum the same products in different orders. */
  private static final double ADJOINT_REL = 1e-12;
  /** Central differences of a piecewise-linear loss with step {@link #H}: rounding only. */
  private static final double FD_ABS = 1e-7;
  private static final double H = 1e-4;

  record MaxCase(int[] shape, MaxPoolParams p) {
    static MaxCase random(long seed) {
      Random r = new Random(seed);
      int dims = 1 + r.nextInt(3);
      int[] k = new int[dims];
      int[] s = new int[dims];
      int[] pad = new int[dims];
      int[] d = new int[dims];
      int[] shape = lead(r, dims);
      for (int i = 0; i < dims; i++) {
        k[i] = 1 + r.nextInt(3);
        s[i] = 1 + r.nextInt(3);
        pad[i] = r.nextInt(k[i] / 2 + 1);
        d[i] = 1 + r.nextInt(2);
        shape[shape.length - dims + i] = d[i] * (k[i] - 1) + 1 + r.nextInt(dims == 3 ? 3 : 5);
      }
      return new MaxCase(shape, new MaxPoolParams(k, s, pad, d, r.nextBoolean()));
    }

    @Override
    public String toString() {
      return "input " + Arrays.toString(shape) + ", " + p;
    }
  }

  record AvgCase(int[] shape, AvgPoolParams p) {
    static AvgCase random(long seed) {
      Random r = new Random(seed);
      int dims = 1 + r.nextInt(3);
      int[] k = new int[dims];
      int[] s = new int[dims];
      int[] pad = new int[dims];
      int[] shape = lead(r, dims);
      for (int i = 0; i < dims; i++) {
        k[i] = 1 + r.nextInt(3);
        s[i] = 1 + r.nextInt(3);
        pad[i] = r.nextInt(k[i] / 2 + 1);
        shape[shape.length - dims + i] = k[i] + r.nextInt(dims == 3 ? 3 : 5);
      }
      AvgPoolParams p = new AvgPoolParams(k, s, pad, r.nextBoolean(), r.nextBoolean(), null);
      return new AvgCase(shape, r.nextInt(3) == 0 ? p.withDivisorOverride(1 + r.nextInt(5)) : p);
    }

    @Override
    public String toString() {
      return "input " + Arrays.toString(shape) + ", " + p;
    }
  }

  record TheanoCase(int[] shape, TheanoPoolParams p) {
    static TheanoCase random(long seed) {
      Random r = new Random(seed);
      boolean ib = r.nextBoolean();
      int[] ws = {1 + r.nextInt(3), 1 + r.nextInt(3)};
      int[] st = {1 + r.nextInt(3), 1 + r.nextInt(3)};
      int[] pad = {ib ? r.nextInt(ws[0]) : 0, ib ? r.nextInt(ws[1]) : 0};
      int[] shape = new int[r.nextInt(3) + 2];
      for (int i = 0; i < shape.length - 2; i++) {
        shape[i] = 1 + r.nextInt(2);
      }
      for (int i = 0; i < 2; i++) {
        shape[shape.length - 2 + i] = Math.max(1, ws[i] - 2 * pad[i]) + r.nextInt(5);
      }
      TheanoPoolMode mode = TheanoPoolMode.values()[r.nextInt(4)];
      return new TheanoCase(shape, new TheanoPoolParams(ws, st, pad, ib, mode));
    }

    @Override
    public String toString() {
      return "input " + Arrays.toString(shape) + ", " + p;
    }
  }

  // ------------------------------------------------------------------------------------------

  @Property(tries = 150)
  void avgPoolIsAdjointToItsBackward(@ForAll long seed) {
    AvgCase c = AvgCase.random(seed);
    Random r = new Random(seed ^ 0x5DEECE66DL);
    Tensor x = gaussian(r, c.shape());
    Tensor y = AvgPool.forward(x, c.p());
    Tensor g = gaussian(r, y.shape());
    assertAdjoint(x, y, g, AvgPool.backward(g, c.shape(), c.p()), c);
  }

  @Property(tries = 150)
  void theanoLinearModesAreAdjointToTheirBackward(@ForAll long seed) {
    TheanoCase c = TheanoCase.random(seed);
    Assume.that(c.p().mode() != TheanoPoolMode.MAX);
    Random r = new Random(seed ^ 0x5DEECE66DL);
    Tensor x = gaussian(r, c.shape());
    Tensor y = TheanoPool.forward(x, c.p());
    Tensor g = gaussian(r, y.shape());
    assertAdjoint(x, y, g, TheanoPool.backward(x, g, c.p()), c);
  }

  @Property(tries = 40)
  void avgPoolBackwardMatchesFiniteDifferences(@ForAll long seed) {
    AvgCase c = AvgCase.random(seed);
    Random r = new Random(seed);
    Tensor x = gaussian(r, c.shape());
    Tensor dy = gaussian(r, AvgPool.outputShape(c.shape(), c.p()));
    assertFiniteDifferences(x, dy, t -> AvgPool.forward(t, c.p()), AvgPool.backward(dy, c.shape(), c.p()), c);
  }

  @Property(tries = 40)
  void maxPoolBackwardMatchesFiniteDifferencesAwayFromTies(@ForAll long seed) {
    MaxCase c = MaxCase.random(seed);
    Random r = new Random(seed);
    Tensor x = distinct(r, c.shape());
    MaxPoolResult fwd = MaxPool.forward(x, c.p());
    Assume.that(Arrays.stream(fwd.indexArray()).allMatch(i -> i >= 0)); // no all-padding window
    Tensor dy = gaussian(r, fwd.output().shape());
    Tensor dx = MaxPool.backward(dy, fwd.indices(), c.shape(), c.p());
    assertFiniteDifferences(x, dy, t -> MaxPool.forward(t, c.p()).output(), dx, c);
  }

  @Property(tries = 40)
  void theanoMaxBackwardMatchesFiniteDifferencesAwayFromTies(@ForAll long seed) {
    TheanoCase c = TheanoCase.random(seed);
    TheanoPoolParams p = c.p().withMode(TheanoPoolMode.MAX);
    Random r = new Random(seed);
    Tensor x = distinct(r, c.shape());
    Tensor dy = gaussian(r, TheanoPool.outputShape(c.shape(), p));
    assertFiniteDifferences(x, dy, t -> TheanoPool.forward(t, p), TheanoPool.backward(x, dy, p), c);
  }

  @Property(tries = 150)
  void maxPoolBackwardConservesTheGradientMass(@ForAll long seed) {
    MaxCase c = MaxCase.random(seed);
    Random r = new Random(seed);
    Tensor x = gaussian(r, c.shape());
    MaxPoolResult fwd = MaxPool.forward(x, c.p());
    Tensor dy = gaussian(r, fwd.output().shape());
    Tensor dx = MaxPool.backward(dy, fwd.indices(), c.shape(), c.p());
    double[] g = dy.toDoubleArray();
    int[] idx = fwd.indexArray();
    double expected = 0;
    for (int i = 0; i < g.length; i++) {
      expected += idx[i] >= 0 ? g[i] : 0;
    }
    assertThat(dx.sum().item()).as("%s", c).isCloseTo(expected, within(1e-12 * (1 + Math.abs(expected)) + 1e-12 * g.length));
  }

  @Property(tries = 100)
  void float32PathsAgreeWithFloat64Rounded(@ForAll long seed) {
    AvgCase a = AvgCase.random(seed);
    MaxCase m = MaxCase.random(seed);
    Random r = new Random(seed);
    Tensor xa = gaussian(r, a.shape()).to(DType.FLOAT32);
    float[] avg32 = AvgPool.forward(xa, a.p()).toFloatArray();
    double[] avg64 = AvgPool.forward(xa.to(DType.FLOAT64), a.p()).toDoubleArray();
    for (int i = 0; i < avg32.length; i++) {
      assertThat(avg32[i]).as("%s at %d", a, i).isEqualTo((float) avg64[i]); // double sum, one rounding
    }
    Tensor xm = gaussian(r, m.shape()).to(DType.FLOAT32);
    MaxPoolResult r32 = MaxPool.forward(xm, m.p());
    MaxPoolResult r64 = MaxPool.forward(xm.to(DType.FLOAT64), m.p());
    assertThat(r32.output().toDoubleArray()).as("%s", m).containsExactly(r64.output().toDoubleArray());
    assertThat(r32.indexArray()).containsExactly(r64.indexArray());
  }

  // ------------------------------------------------------------------------------------------

  private static int[] lead(Random r, int dims) {
    boolean batched = r.nextBoolean();
    int[] shape = new int[dims + (batched ? 2 : 1)];
    for (int i = 0; i < shape.length - dims; i++) {
      shape[i] = 1 + r.nextInt(2);
    }
    return shape;
  }

  private static Tensor gaussian(Random r, int[] shape) {
    double[] v = new double[Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextGaussian();
    }
    return Tensor.of(v, shape);
  }

  /** A shuffled ramp with gaps of 0.1 ≫ H: no window changes its argmax under a step of H. */
  private static Tensor distinct(Random r, int[] shape) {
    double[] v = new double[Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
    for (int i = 0; i < v.length; i++) {
      v[i] = 0.1 * i - 1;
    }
    for (int i = v.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      double t = v[i];
      v[i] = v[j];
      v[j] = t;
    }
    return Tensor.of(v, shape);
  }

  private static void assertAdjoint(Tensor x, Tensor y, Tensor g, Tensor dx, Object c) {
    double lhs = y.mul(g).sum().item();
    double rhs = x.mul(dx).sum().item();
    double scale = y.abs().mul(g.abs()).sum().item() + 1e-300;
    assertThat(Math.abs(lhs - rhs) / scale).as("%s: <pool(x), y> = %s, <x, pool'(y)> = %s", c, lhs, rhs)
        .isLessThanOrEqualTo(ADJOINT_REL);
  }

  private static void assertFiniteDifferences(Tensor x, Tensor dy, Function<Tensor, Tensor> f, Tensor dx, Object c) {
    double[] v = x.toDoubleArray();
    double[] grad = dx.toDoubleArray();
    int[] shape = x.shape();
    for (int i = 0; i < v.length; i++) {
      double keep = v[i];
      v[i] = keep + H;
      double up = f.apply(Tensor.of(v, shape)).mul(dy).sum().item();
      v[i] = keep - H;
      double down = f.apply(Tensor.of(v, shape)).mul(dy).sum().item();
      v[i] = keep;
      assertThat(grad[i]).as("%s: dx[%d]", c, i).isCloseTo((up - down) / (2 * H), within(FD_ABS));
    }
  }
}
