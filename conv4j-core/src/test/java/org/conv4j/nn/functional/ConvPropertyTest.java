package org.conv4j.nn.functional;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Rng;
import org.conv4j.tensor.Tensor;
import org.conv4j.window.Geometry;
import org.conv4j.window.PadMode;

/**
 * Properties over random convolution configurations (rank 1–3, stride, asymmetric padding,
 * dilation, groups, padding modes, flip): float64 finite-difference gradients, the adjoint identity
 * with transposed convolution, DIRECT ≡ IM2COL_GEMM ≡ POINTWISE_1X1, float32 ≈ float64, and the
 * shape formulas. Each configuration is derived from one seed so that jqwik can report and shrink it.
 */
class ConvPropertyTest {
  /** Central differences of a function linear in each argument are exact up to rounding of ~1e-16·Σ|terms|/h. */
  static final double FD_TOL = 1e-8;
  /** Two float64 algorithms differ only in summation order. */
  static final double ALG_TOL = 1e-12;
  /** float32 against float64 on values in [−1, 1] with at most a few hundred terms. */
  static final double F32_VS_F64_TOL = 1e-5;

  /** A random configuration. */
  record Config(int rank, int n, int c, int oc, int[] in, int[] k, ConvParams p, boolean bias) {
    int[] xShape() {
      return ConvPlan.concat(new int[] {n, c}, in);
    }

    int[] wShape() {
      return ConvPlan.concat(new int[] {oc, c / p.groups()}, k);
    }
  }

  static Config config(long seed, boolean zeroSymmetric, boolean pointwise) {
    Random r = new Random(seed);
    int rank = 1 + r.nextInt(3);
    int groups = 1 + r.nextInt(3);
    int c = groups * (1 + r.nextInt(2));
    int oc = groups * (1 + r.nextInt(2));
    int n = 1 + r.nextInt(2);
    PadMode mode = zeroSymmetric || pointwise ? PadMode.CONSTANT
        : new PadMode[] {PadMode.CONSTANT, PadMode.REFLECT, PadMode.EDGE, PadMode.WRAP}[r.nextInt(4)];
    int[] k = new int[rank];
    int[] s = new int[rank];
    int[] d = new int[rank];
    int[] lo = new int[rank];
    int[] hi = new int[rank];
    int[] in = new int[rank];
    for (int a = 0; a < rank; a++) {
      k[a] = pointwise ? 1 : 1 + r.nextInt(3);
      s[a] = pointwise ? 1 : 1 + r.nextInt(3);
      d[a] = 1 + r.nextInt(2);
      lo[a] = pointwise ? 0 : r.nextInt(3);
      hi[a] = zeroSymmetric || pointwise ? lo[a] : r.nextInt(3);
      int ext = d[a] * (k[a] - 1) + 1;
      in[a] = Math.max(Math.max(1, ext - lo[a] - hi[a]), Math.max(lo[a], hi[a]) + 1) + r.nextInt(rank == 3 ? 2 : 4);
    }
    ConvParams p = ConvParams.defaults(rank).withStride(s).withDilation(d).withGroups(groups)
        .withPadding(ConvParams.Padding.asymmetric(lo, hi)).withPaddingMode(mode).withFlip(!pointwise && r.nextBoolean());
    return new Config(rank, n, c, oc, in, k, p, r.nextBoolean());
  }

  static Tensor rand(long seed, DType dt, int... shape) {
    return new Rng(seed).uniform(DType.FLOAT64, -1, 1, shape).to(dt);
  }

  static double dot(Tensor a, Tensor b) {
    assertThat(a.shape()).containsExactly(b.shape());
    return a.mul(b).sum().item();
  }

  @Property(tries = 40)
  void gradientsMatchCentralDifferences(@ForAll long seed) {
    Config cf = config(seed, false, false);
    Tensor x = rand(seed + 1, DType.FLOAT64, cf.xShape());
    Tensor w = rand(seed + 2, DType.FLOAT64, cf.wShape());
    Tensor b = cf.bias() ? rand(seed + 3, DType.FLOAT64, cf.oc()) : Tensor.zeros(DType.FLOAT64, cf.oc());
    Tensor y = Conv.conv(x, w, b, cf.p());
    Tensor dy = rand(seed + 4, DType.FLOAT64, y.shape());
    ConvGrads g = Conv.convBackward(x, w, dy, cf.p(), GradMask.ALL);
    Random pick = new Random(seed);
    double[] xs = x.toDoubleArray();
    double[] ws = w.toDoubleArray();
    double[] bs = b.toDoubleArray();
    for (int t = 0; t < 4; t++) {
      checkEntry("dx", xs, pick.nextInt(xs.length), g.dx().toDoubleArray(),
          v -> loss(Tensor.of(v, x.shape()), w, b, dy, cf.p()));
      checkEntry("dw", ws, pick.nextInt(ws.length), g.dw().toDoubleArray(),
          v -> loss(x, Tensor.of(v, w.shape()), b, dy, cf.p()));
      checkEntry("db", bs, pick.nextInt(bs.length), g.db().toDoubleArray(),
          v -> loss(x, w, Tensor.of(v, b.shape()), dy, cf.p()));
    }
  }

  static double loss(Tensor x, Tensor w, Tensor b, Tensor dy, ConvParams p) {
    return dot(Conv.conv(x, w, b, p, ConvAlgorithm.DIRECT), dy);
  }

  static void checkEntry(String what, double[] v, int i, double[] grad, java.util.function.ToDoubleFunction<double[]> f) {
    double h = 0.5;
    double old = v[i];
    v[i] = old + h;
    double fp = f.applyAsDouble(v);
    v[i] = old - h;
    double fm = f.applyAsDouble(v);
    v[i] = old;
    double num = (fp - fm) / (2 * h);
    assertThat(grad[i]).as("%s[%d]: analytic %s, central difference %s", what, i, grad[i], num)
        .isCloseTo(num, org.assertj.core.api.Assertions.within(FD_TOL * (1 + Math.abs(num))));
  }

  @Property(tries = 40)
  void convTransposeIsTheAdjointOfConv(@ForAll long seed) {
    Config cf = config(seed, true, false);
    ConvParams p = cf.p().withFlip(false);
    Tensor x = rand(seed + 1, DType.FLOAT64, cf.xShape());
    Tensor w = rand(seed + 2, DType.FLOAT64, cf.wShape());
    Tensor y = rand(seed + 3, DType.FLOAT64, Conv.outputShape(cf.xShape(), cf.wShape(), p));
    ConvTransposeParams tp = ConvTransposeParams.gradientOf(p, cf.in(), cf.k());
    Tensor xt = ConvTranspose.convTranspose(y, w, null, tp);
    assertThat(xt.shape()).containsExactly(x.shape());
    double lhs = dot(Conv.conv(x, w, null, p), y);
    assertThat(dot(x, xt)).isCloseTo(lhs, org.assertj.core.api.Assertions.within(1e-10 * (1 + Math.abs(lhs))));
    // The input gradient is that same transposed convolution.
    Tensor dx = Conv.convBackward(x, w, y, p, GradMask.INPUT).dx();
    ConvFixtures.assertClose("dx vs convTranspose", dx, xt, ALG_TOL);
    // And ⟨convTranspose(y, w), z⟩ = ⟨y, dx of convTranspose backward for z⟩.
    Tensor z = rand(seed + 5, DType.FLOAT64, xt.shape());
    Tensor back = ConvTranspose.convTransposeBackward(y, w, z, tp, GradMask.INPUT).dx();
    assertThat(dot(y, back)).isCloseTo(dot(xt, z), org.assertj.core.api.Assertions.within(1e-10 * (1 + Math.abs(dot(xt, z)))));
  }

  @Property(tries = 40)
  void algorithmsAgree(@ForAll long seed) {
    boolean pointwise = Math.floorMod(seed, 4) == 0;
    Config cf = config(seed, false, pointwise);
    Tensor x = rand(seed + 1, DType.FLOAT64, cf.xShape());
    Tensor w = rand(seed + 2, DType.FLOAT64, cf.wShape());
    Tensor b = cf.bias() ? rand(seed + 3, DType.FLOAT64, cf.oc()) : null;
    Tensor ref = Conv.conv(x, w, b, cf.p(), ConvAlgorithm.DIRECT);
    Tensor dy = rand(seed + 4, DType.FLOAT64, ref.shape());
    ConvGrads gref = Conv.convBackward(x, w, dy, cf.p(), GradMask.ALL, ConvAlgorithm.DIRECT);
    java.util.List<ConvAlgorithm> others = new java.util.ArrayList<>(java.util.List.of(ConvAlgorithm.IM2COL_GEMM));
    if (pointwise) {
      others.add(ConvAlgorithm.POINTWISE_1X1);
    }
    if (cf.p().stride().length > 0 && java.util.Arrays.stream(cf.p().stride()).allMatch(s -> s == 1)) {
      others.add(ConvAlgorithm.SLIDING_WINDOW);
      if (cf.p().rank() == 2) {
        others.add(ConvAlgorithm.IMPLICIT_GEMM);
      }
      if (org.conv4j.kernels.WinogradConv.supports(ConvPlan.of("conv", cf.xShape(), cf.wShape(), null, cf.p(), false).shape())) {
        others.add(ConvAlgorithm.WINOGRAD);
      }
      if (org.conv4j.kernels.RowConv.supports(ConvPlan.of("conv", cf.xShape(), cf.wShape(), null, cf.p(), false).shape())) {
        others.add(ConvAlgorithm.ROW_VECTOR);
      }
    }
    if (pointwise) {
      assertThat(Conv.algorithmFor(cf.xShape(), cf.wShape(), cf.p())).isEqualTo(ConvAlgorithm.POINTWISE_1X1);
    }
    for (ConvAlgorithm alg : others) {
      ConvFixtures.assertClose("y " + alg, Conv.conv(x, w, b, cf.p(), alg), ref, ALG_TOL);
      ConvGrads g = Conv.convBackward(x, w, dy, cf.p(), GradMask.ALL, alg);
      ConvFixtures.assertClose("dx " + alg, g.dx(), gref.dx(), ALG_TOL);
      ConvFixtures.assertClose("dw " + alg, g.dw(), gref.dw(), ALG_TOL);
      ConvFixtures.assertClose("db " + alg, g.db(), gref.db(), ALG_TOL);
    }
    // Kernels as data with every example given the shared kernel equals the shared-kernel conv.
    Tensor wn = w.unsqueeze(0).expand(ConvPlan.concat(new int[] {cf.n()}, w.shape()));
    ConvFixtures.assertClose("per-example y", PerExampleConv.conv(x, wn, b, cf.p()), ref, ALG_TOL);
    Tensor dwn = PerExampleConv.backward(x, wn, dy, cf.p(), GradMask.WEIGHT).dw();
    ConvFixtures.assertClose("per-example dw summed", dwn.sum(new int[] {0}, false), gref.dw(), ALG_TOL);
  }

  @Property(tries = 30)
  void float32AgreesWithFloat64(@ForAll long seed) {
    Config cf = config(seed, false, false);
    Tensor x = rand(seed + 1, DType.FLOAT64, cf.xShape());
    Tensor w = rand(seed + 2, DType.FLOAT64, cf.wShape());
    Tensor y64 = Conv.conv(x, w, null, cf.p());
    Tensor dy = rand(seed + 4, DType.FLOAT64, y64.shape());
    ConvGrads g64 = Conv.convBackward(x, w, dy, cf.p(), GradMask.ALL);
    Tensor x32 = x.to(DType.FLOAT32);
    Tensor w32 = w.to(DType.FLOAT32);
    Tensor dy32 = dy.to(DType.FLOAT32);
    java.util.List<ConvAlgorithm> algs = new java.util.ArrayList<>(java.util.List.of(ConvAlgorithm.DIRECT, ConvAlgorithm.IM2COL_GEMM));
    if (cf.p().rank() == 2 && java.util.Arrays.stream(cf.p().stride()).allMatch(s -> s == 1)) {
      algs.add(ConvAlgorithm.IMPLICIT_GEMM);
    }
    if (org.conv4j.kernels.WinogradConv.supports(ConvPlan.of("conv", cf.xShape(), cf.wShape(), null, cf.p(), false).shape())) {
      algs.add(ConvAlgorithm.WINOGRAD);
    }
    if (org.conv4j.kernels.RowConv.supports(ConvPlan.of("conv", cf.xShape(), cf.wShape(), null, cf.p(), false).shape())) {
      algs.add(ConvAlgorithm.ROW_VECTOR);
    }
    for (ConvAlgorithm alg : algs) {
      ConvFixtures.assertClose("y32 " + alg, Conv.conv(x32, w32, null, cf.p(), alg).to(DType.FLOAT64), y64, F32_VS_F64_TOL);
      ConvGrads g32 = Conv.convBackward(x32, w32, dy32, cf.p(), GradMask.ALL, alg);
      ConvFixtures.assertClose("dx32 " + alg, g32.dx().to(DType.FLOAT64), g64.dx(), F32_VS_F64_TOL);
      ConvFixtures.assertClose("dw32 " + alg, g32.dw().to(DType.FLOAT64), g64.dw(), F32_VS_F64_TOL);
      ConvFixtures.assertClose("db32 " + alg, g32.db().to(DType.FLOAT64), g64.db(), F32_VS_F64_TOL);
    }
  }

  @Property(tries = 200)
  void shapeFormulas(@ForAll long seed) {
    Config cf = config(seed, false, false);
    int[][] pad = cf.p().resolvePadding(cf.k());
    int[] out = Conv.outputShape(cf.xShape(), cf.wShape(), cf.p());
    assertThat(out[0]).isEqualTo(cf.n());
    assertThat(out[1]).isEqualTo(cf.oc());
    for (int a = 0; a < cf.rank(); a++) {
      int s = cf.p().stride()[a];
      int d = cf.p().dilation()[a];
      long expected = Math.floorDiv((long) cf.in()[a] + pad[0][a] + pad[1][a] - (long) d * (cf.k()[a] - 1) - 1, s) + 1;
      assertThat(out[2 + a]).isEqualTo((int) expected);
      // The output's footprint lies in the padded input, and one more output would not fit.
      long[] fp = Geometry.inputFootprint(0, out[2 + a], cf.k()[a], s, pad[0][a], d);
      assertThat(fp[0]).isGreaterThanOrEqualTo(-pad[0][a]);
      assertThat(fp[1]).isLessThan((long) cf.in()[a] + pad[1][a]);
      assertThat(fp[1] + s).isGreaterThanOrEqualTo((long) cf.in()[a] + pad[1][a]);
    }
    // 'same' keeps the size at stride 1, for any kernel and dilation.
    ConvParams same = cf.p().withStride(1).withPadding("same");
    int[] so = Conv.outputShape(cf.xShape(), cf.wShape(), same);
    assertThat(Arrays.copyOfRange(so, 2, so.length)).containsExactly(cf.in());
    // Transposed convolution with gradientOf's output padding maps the conv output back to the input size.
    int[] sym = new int[cf.rank()];
    for (int a = 0; a < cf.rank(); a++) {
      sym[a] = Math.max(pad[0][a], pad[1][a]);
    }
    ConvParams zero = ConvParams.defaults(cf.rank()).withStride(cf.p().stride()).withDilation(cf.p().dilation())
        .withGroups(cf.p().groups()).withPadding(sym);
    int[] zo = Conv.outputShape(cf.xShape(), cf.wShape(), zero);
    ConvTransposeParams tp = ConvTransposeParams.gradientOf(zero, cf.in(), cf.k());
    int[] wt = ConvPlan.concat(new int[] {cf.oc(), cf.c() / cf.p().groups()}, cf.k());
    // The transposed weight is (C_in_T = oc, OC_T/groups = c/groups, *k).
    assertThat(ConvTranspose.outputShape(zo, wt, tp)).containsExactly(cf.xShape());
  }

  @Property(tries = 40)
  void unfoldAndFoldAreAdjointAndUnfoldGemmIsConv(@ForAll long seed) {
    Config cf = config(seed, true, false);
    int[] pad = cf.p().resolvePadding(cf.k())[0];
    UnfoldParams up = UnfoldParams.of(cf.k()).withStride(cf.p().stride()).withPadding(pad).withDilation(cf.p().dilation());
    Tensor x = rand(seed + 1, DType.FLOAT64, cf.xShape());
    Tensor cols = Unfold.unfold(x, up);
    Tensor z = rand(seed + 2, DType.FLOAT64, cols.shape());
    assertThat(dot(x, Unfold.fold(z, cf.in(), up))).isCloseTo(dot(cols, z), org.assertj.core.api.Assertions.within(1e-10));
    int[] wShape = ConvPlan.concat(new int[] {cf.oc(), cf.c()}, cf.k());
    Tensor w = rand(seed + 3, DType.FLOAT64, wShape);
    ConvParams p = ConvParams.defaults(cf.rank()).withStride(cf.p().stride()).withDilation(cf.p().dilation()).withPadding(pad);
    Tensor y = Conv.conv(x, w, null, p);
    Tensor viaGemm = w.reshape(cf.oc(), -1).matmul(cols).reshape(y.shape());
    ConvFixtures.assertClose("W @ unfold(x)", viaGemm, y, ALG_TOL);
  }
}
