package org.conv4j.nn.functional;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.conv4j.internal.TensorAccess;
import org.conv4j.kernels.ConvShape;
import org.conv4j.kernels.SlidingConv;
import org.conv4j.runtime.Parallelism;
import org.conv4j.runtime.Workspace;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The parallel and tiled paths of the convolution and pooling ops: any thread count gives the same
 * bits as one thread (every algorithm, both dtypes, forward and all gradients); a column workspace
 * cap small enough to force row tiling gives the same bits in the forward pass and agrees within
 * {@link #TILED_TOL} (relative to the gradient's scale) in the gradients, whose summation is
 * regrouped by tiles; and {@link ConvAlgorithm#select} picks each algorithm where documented.
 */
class ConvParallelTest {
  /** Tiled gradients regroup float32 sums of at most a few hundred terms: 1e-5 of the scale. */
  static final double TILED_TOL = 1e-5;

  record Problem(Tensor x, Tensor w, Tensor b, Tensor dy, ConvParams p) {}

  static Problem problem(long seed, DType dt) {
    Random r = new Random(seed);
    int d = 1 + r.nextInt(2);
    int groups = 1 + r.nextInt(2);
    int c = groups * (1 + r.nextInt(3));
    int oc = groups * (1 + r.nextInt(5));
    int n = 1 + r.nextInt(6);
    int[] k = new int[d];
    int[] s = new int[d];
    int[] pad = new int[d];
    int[] dil = new int[d];
    int[] in = new int[d];
    for (int a = 0; a < d; a++) {
      k[a] = 1 + r.nextInt(4);
      s[a] = r.nextInt(3) == 0 ? 2 : 1;
      pad[a] = r.nextInt(2);
      dil[a] = 1 + r.nextInt(2);
      in[a] = dil[a] * (k[a] - 1) + 1 + r.nextInt(a == d - 1 ? 20 : 8);
    }
    int[] xs = ConvPlan.concat(new int[] {n, c}, in);
    int[] ws = ConvPlan.concat(new int[] {oc, c / groups}, k);
    ConvParams p = ConvParams.defaults(d).withStride(s).withPadding(pad).withDilation(dil).withGroups(groups);
    Tensor x = rand(r, dt, xs);
    Tensor w = rand(r, dt, ws);
    Tensor b = rand(r, dt, oc);
    Tensor dy = rand(r, dt, Conv.outputShape(xs, ws, p));
    return new Problem(x, w, b, dy, p);
  }

  static List<ConvAlgorithm> algorithms(Problem pr) {
    ConvShape g = ConvPlan.of("conv", pr.x().shape(), pr.w().shape(), null, pr.p(), false).shape();
    List<ConvAlgorithm> list = new ArrayList<>(List.of(ConvAlgorithm.DIRECT, ConvAlgorithm.IM2COL_GEMM));
    if (g.isPointwise()) {
      list.add(ConvAlgorithm.POINTWISE_1X1);
    }
    if (SlidingConv.supports(g)) {
      list.add(ConvAlgorithm.SLIDING_WINDOW);
    }
    if (org.conv4j.kernels.ImplicitConv.supports(g)) {
      list.add(ConvAlgorithm.IMPLICIT_GEMM);
    }
    if (org.conv4j.kernels.WinogradConv.supports(g)) {
      list.add(ConvAlgorithm.WINOGRAD);
    }
    if (org.conv4j.kernels.RowConv.supports(g)) {
      list.add(ConvAlgorithm.ROW_VECTOR);
    }
    return list;
  }

  static List<Tensor> run(Problem pr, ConvAlgorithm alg) {
    Tensor y = Conv.conv(pr.x(), pr.w(), pr.b(), pr.p(), alg);
    ConvGrads g = Conv.convBackward(pr.x(), pr.w(), pr.dy(), pr.p(), GradMask.ALL, alg);
    return List.of(y, g.dx(), g.dw(), g.db());
  }

  @Property(tries = 60)
  void anyThreadCountGivesTheSameBits(@ForAll long seed) {
    for (DType dt : DType.values()) {
      Problem pr = problem(seed, dt);
      for (ConvAlgorithm alg : algorithms(pr)) {
        List<Tensor> one = Parallelism.withThreads(1, () -> run(pr, alg));
        for (int threads : new int[] {2, 3, 5}) {
          List<Tensor> many = Parallelism.withThreads(threads, () -> run(pr, alg));
          for (int i = 0; i < one.size(); i++) {
            assertBitwise(alg + " " + dt + " output " + i + " threads " + threads, many.get(i), one.get(i));
          }
        }
      }
    }
  }

  @Property(tries = 40)
  void tiledEqualsWhole(@ForAll long seed) {
    Problem pr = problem(seed, DType.FLOAT32);
    List<Tensor> whole = run(pr, ConvAlgorithm.IM2COL_GEMM);
    List<Tensor> tiled = withCap(4096, () -> run(pr, ConvAlgorithm.IM2COL_GEMM));
    assertBitwise("forward", tiled.get(0), whole.get(0));
    for (int i = 1; i < whole.size(); i++) {
      assertRelClose("gradient " + i, tiled.get(i), whole.get(i), TILED_TOL);
    }
  }

  @Test
  void lenetShapesTileUnderASmallCapAndMatch() {
    // LeNet conv2 with a cap that forces several row tiles per example.
    Random r = new Random(5);
    Tensor x = rand(r, DType.FLOAT32, 3, 20, 12, 12);
    Tensor w = rand(r, DType.FLOAT32, 50, 20, 5, 5);
    Tensor dy = rand(r, DType.FLOAT32, 3, 50, 8, 8);
    ConvParams p = ConvParams.defaults(2);
    Problem pr = new Problem(x, w, null, dy, p);
    List<Tensor> whole = run(pr, ConvAlgorithm.IM2COL_GEMM);
    List<Tensor> tiled = withCap(20 * 25 * 8 * 4 * Runtime.getRuntime().availableProcessors() * 2, () -> run(pr, ConvAlgorithm.IM2COL_GEMM));
    assertBitwise("y", tiled.get(0), whole.get(0));
    assertRelClose("dx", tiled.get(1), whole.get(1), TILED_TOL);
    assertRelClose("dw", tiled.get(2), whole.get(2), TILED_TOL);
  }

  @Test
  void selectedPathsOfTheBenchmarkLayersAgreeWithDirectAndAcrossThreads() {
    // Small batches of LeNet conv1 (sliding window, float32 dx on flat rows, dw and db as lane sums) and of the ResNet
    // layer (implicit GEMM), float32, as the ops select them: every thread count gives the same
    // bits, and the result agrees with the direct reference.
    Random r = new Random(17);
    int[][] layers = {{3, 1, 28, 20, 5, 0}, {2, 64, 20, 64, 3, 1}, {3, 5, 33, 7, 3, 2}, {5, 20, 12, 50, 5, 0}};
    for (int[] l : layers) {
      ConvParams p = ConvParams.defaults(2).withPadding(l[5]);
      int o = l[2] + 2 * l[5] - l[4] + 1;
      Problem pr = new Problem(rand(r, DType.FLOAT32, l[0], l[1], l[2], l[2]), rand(r, DType.FLOAT32, l[3], l[1], l[4], l[4]),
          rand(r, DType.FLOAT32, l[3]), rand(r, DType.FLOAT32, l[0], l[3], o, o), p);
      List<Tensor> one = Parallelism.withThreads(1, () -> run(pr, null));
      for (int threads : new int[] {2, 3}) {
        List<Tensor> many = Parallelism.withThreads(threads, () -> run(pr, null));
        for (int i = 0; i < one.size(); i++) {
          assertBitwise("layer " + java.util.Arrays.toString(l) + " output " + i + " threads " + threads, many.get(i), one.get(i));
        }
      }
      List<Tensor> direct = run(pr, ConvAlgorithm.DIRECT);
      for (int i = 0; i < one.size(); i++) {
        assertRelClose("layer " + java.util.Arrays.toString(l) + " output " + i + " vs direct", one.get(i), direct.get(i), 1e-5);
      }
    }
  }

  @Test
  void selectIsAPureFunctionOfTheShape() {
    ConvShape lenet1 = shape(1, 20, 28, 5, 1, 0);
    ConvShape lenet2 = shape(20, 50, 12, 5, 1, 0);
    ConvShape resnet = shape(64, 64, 56, 3, 1, 1);
    ConvShape strided = shape(3, 8, 32, 3, 2, 1);
    ConvShape pointwise = shape(16, 32, 10, 1, 1, 0);
    ConvShape depthwise = ConvShape.of(32, 32, 32, new int[] {20, 20}, new int[] {3, 3}, new int[] {20, 20},
        new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1});
    ConvShape narrow = shape(1, 4, 6, 3, 1, 0);
    assertThat(ConvAlgorithm.select(lenet1)).isEqualTo(ConvAlgorithm.SLIDING_WINDOW);
    assertThat(ConvAlgorithm.select(depthwise)).isEqualTo(ConvAlgorithm.SLIDING_WINDOW);
    assertThat(ConvAlgorithm.select(lenet2)).isEqualTo(ConvAlgorithm.ROW_VECTOR);
    // Its input gradient: the transposed row Winograd in float32 on the vector kernels (oh = 8, a multiple of 4).
    assertThat(ConvAlgorithm.inputGradient(ConvAlgorithm.ROW_VECTOR, lenet2, true, true))
        .isEqualTo(org.conv4j.kernels.RowConv.winogradInput(lenet2) ? ConvAlgorithm.ROW_VECTOR : ConvAlgorithm.IM2COL_GEMM);
    assertThat(ConvAlgorithm.inputGradient(ConvAlgorithm.ROW_VECTOR, lenet2, false, true)).as("float64")
        .isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    assertThat(ConvAlgorithm.inputGradient(ConvAlgorithm.ROW_VECTOR, shape(20, 50, 14, 5, 1, 0), true, true))
        .as("10×10 output").isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    // Its weight gradient: the row Winograd where the forward pass is one (float32, shared weight).
    boolean rows = org.conv4j.kernels.RowConv.winogradRows(lenet2);
    assertThat(ConvRunner.rowWinogradWeight(lenet2, ConvAlgorithm.ROW_VECTOR, false, true)).isEqualTo(rows);
    assertThat(ConvRunner.rowWinogradWeight(lenet2, ConvAlgorithm.ROW_VECTOR, true, true)).as("per example").isFalse();
    assertThat(ConvRunner.rowWinogradWeight(lenet2, ConvAlgorithm.ROW_VECTOR, false, false)).as("float64").isFalse();
    assertThat(ConvRunner.rowWinogradWeight(lenet2, ConvAlgorithm.IM2COL_GEMM, false, true)).as("im2col").isFalse();
    assertThat(ConvRunner.rowWinogradWeight(shape(20, 50, 16, 5, 1, 0), ConvAlgorithm.ROW_VECTOR, false, true))
        .as("12-wide rows").isFalse();
    assertThat(ConvAlgorithm.select(shape(20, 50, 13, 5, 1, 0))).as("9-wide rows").isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    assertThat(ConvAlgorithm.select(shape(20, 50, 14, 5, 1, 1))).as("padded 5×5").isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    assertThat(ConvAlgorithm.select(shape(20, 50, 10, 3, 1, 0))).as("3×3 on 8×8").isNotEqualTo(ConvAlgorithm.ROW_VECTOR);
    assertThat(ConvAlgorithm.select(shape(1, 4, 12, 5, 1, 0))).as("25 taps: sliding window")
        .isEqualTo(ConvAlgorithm.SLIDING_WINDOW);
    assertThat(ConvAlgorithm.runnable(ConvAlgorithm.ROW_VECTOR, true, false, true)).isEqualTo(ConvAlgorithm.ROW_VECTOR);
    assertThat(ConvAlgorithm.runnable(ConvAlgorithm.ROW_VECTOR, true, true, true)).as("per-example weights")
        .isEqualTo(ConvAlgorithm.ROW_VECTOR);
    assertThat(ConvAlgorithm.runnable(ConvAlgorithm.ROW_VECTOR, false, false, true)).as("float64")
        .isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    assertThat(ConvAlgorithm.runnable(ConvAlgorithm.ROW_VECTOR, true, false, false)).as("no SIMD")
        .isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    assertThat(ConvAlgorithm.inputGradient(ConvAlgorithm.ROW_VECTOR, lenet2)).isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    assertThat(ConvAlgorithm.weightGradient(ConvAlgorithm.ROW_VECTOR)).isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    assertThat(ConvAlgorithm.select(resnet)).isEqualTo(ConvAlgorithm.WINOGRAD);
    assertThat(ConvAlgorithm.select(shape(8, 64, 56, 3, 1, 1))).as("too few input channels for Winograd")
        .isEqualTo(ConvAlgorithm.IMPLICIT_GEMM);
    assertThat(ConvAlgorithm.select(shape(64, 8, 56, 3, 1, 1))).as("too few output channels for Winograd")
        .isEqualTo(ConvAlgorithm.IMPLICIT_GEMM);
    assertThat(ConvAlgorithm.select(shape(64, 64, 7, 3, 1, 1))).as("output plane under 64")
        .isNotEqualTo(ConvAlgorithm.WINOGRAD);
    assertThat(ConvAlgorithm.select(shape(64, 64, 56, 3, 1, 0))).as("unpadded 3×3").isEqualTo(ConvAlgorithm.WINOGRAD);
    assertThat(ConvAlgorithm.select(shape(64, 64, 56, 3, 2, 1))).as("strided 3×3").isNotEqualTo(ConvAlgorithm.WINOGRAD);
    assertThat(ConvAlgorithm.select(shape(64, 64, 56, 5, 1, 2))).as("5×5").isNotEqualTo(ConvAlgorithm.WINOGRAD);
    assertThat(ConvAlgorithm.select(ConvShape.of(64, 64, 2, new int[] {56, 56}, new int[] {3, 3}, new int[] {56, 56},
        new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}))).as("two groups").isNotEqualTo(ConvAlgorithm.WINOGRAD);
    assertThat(ConvAlgorithm.runnable(ConvAlgorithm.WINOGRAD, true, false, true)).isEqualTo(ConvAlgorithm.WINOGRAD);
    assertThat(ConvAlgorithm.runnable(ConvAlgorithm.WINOGRAD, false, false, true)).as("float64 Winograd")
        .isEqualTo(ConvAlgorithm.WINOGRAD);
    assertThat(ConvAlgorithm.runnable(ConvAlgorithm.WINOGRAD, true, true, true)).as("per-example weights")
        .isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    assertThat(ConvAlgorithm.runnable(ConvAlgorithm.WINOGRAD, true, false, false)).as("no SIMD")
        .isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    assertThat(ConvAlgorithm.weightGradient(ConvAlgorithm.WINOGRAD)).isEqualTo(ConvAlgorithm.WINOGRAD);
    assertThat(ConvAlgorithm.weightGradient(ConvAlgorithm.IM2COL_GEMM)).isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    assertThat(ConvAlgorithm.inputGradient(ConvAlgorithm.WINOGRAD, resnet)).isEqualTo(ConvAlgorithm.WINOGRAD);
    ConvShape dilatedNarrow = ConvShape.of(64, 64, 1, new int[] {40, 40}, new int[] {3, 3}, new int[] {32, 32},
        new int[] {1, 1}, new int[] {0, 0}, new int[] {4, 4});
    assertThat(ConvAlgorithm.select(dilatedNarrow)).as("rows under 8 × the dilated kernel's extra width")
        .isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    assertThat(ConvAlgorithm.runnable(ConvAlgorithm.IMPLICIT_GEMM, true, false, true)).isEqualTo(ConvAlgorithm.IMPLICIT_GEMM);
    assertThat(ConvAlgorithm.runnable(ConvAlgorithm.IMPLICIT_GEMM, false, false, true)).as("float64")
        .isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    assertThat(ConvAlgorithm.runnable(ConvAlgorithm.IMPLICIT_GEMM, true, true, true)).as("per-example weights")
        .isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    assertThat(ConvAlgorithm.runnable(ConvAlgorithm.IMPLICIT_GEMM, true, false, false)).as("no SIMD")
        .isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    assertThat(ConvAlgorithm.runnable(ConvAlgorithm.SLIDING_WINDOW, false, true, false)).isEqualTo(ConvAlgorithm.SLIDING_WINDOW);
    assertThat(ConvAlgorithm.inputGradient(ConvAlgorithm.SLIDING_WINDOW, lenet1)).as("LeNet conv1 dx")
        .isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    assertThat(ConvAlgorithm.inputGradient(ConvAlgorithm.SLIDING_WINDOW, shape(1, 20, 28, 5, 1, 2))).as("padded conv1 dx")
        .isEqualTo(ConvAlgorithm.IMPLICIT_GEMM);
    assertThat(ConvAlgorithm.inputGradient(ConvAlgorithm.SLIDING_WINDOW, depthwise)).as("depthwise dx")
        .isEqualTo(ConvAlgorithm.SLIDING_WINDOW);
    assertThat(ConvAlgorithm.inputGradient(ConvAlgorithm.SLIDING_WINDOW, lenet1, true, true)).as("LeNet conv1 dx, float32 SIMD")
        .isEqualTo(ConvAlgorithm.SLIDING_WINDOW);
    assertThat(ConvAlgorithm.inputGradient(ConvAlgorithm.SLIDING_WINDOW, lenet1, false, true)).as("LeNet conv1 dx, float64")
        .isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    assertThat(ConvAlgorithm.inputGradient(ConvAlgorithm.SLIDING_WINDOW, lenet1, true, false)).as("LeNet conv1 dx, scalar")
        .isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    assertThat(ConvAlgorithm.inputGradient(ConvAlgorithm.SLIDING_WINDOW, shape(1, 20, 28, 5, 1, 2), true, true))
        .as("padded conv1 dx, float32 SIMD").isEqualTo(ConvAlgorithm.IMPLICIT_GEMM);
    assertThat(ConvAlgorithm.inputGradient(ConvAlgorithm.SLIDING_WINDOW, shape(4, 20, 28, 5, 1, 0), true, true))
        .as("four input channels: batched GEMM dx").isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    assertThat(ConvAlgorithm.inputGradient(ConvAlgorithm.SLIDING_WINDOW, depthwise, true, true)).as("depthwise dx")
        .isEqualTo(ConvAlgorithm.SLIDING_WINDOW);
    assertThat(ConvAlgorithm.inputGradient(ConvAlgorithm.IM2COL_GEMM, lenet2, true, true)).isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    assertThat(ConvAlgorithm.inputGradient(ConvAlgorithm.WINOGRAD, resnet, true, true)).isEqualTo(ConvAlgorithm.WINOGRAD);
    assertThat(ConvAlgorithm.inputGradient(ConvAlgorithm.IM2COL_GEMM, lenet2)).isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    assertThat(ConvAlgorithm.inputGradient(ConvAlgorithm.IMPLICIT_GEMM, resnet)).isEqualTo(ConvAlgorithm.IMPLICIT_GEMM);
    assertThat(ConvAlgorithm.select(strided)).isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    assertThat(ConvAlgorithm.select(pointwise)).isEqualTo(ConvAlgorithm.POINTWISE_1X1);
    assertThat(ConvAlgorithm.select(narrow)).as("rows narrower than a vector").isEqualTo(ConvAlgorithm.IM2COL_GEMM);
    ConvShape huge = ConvShape.of(4096, 1, 1, new int[] {64, 8192}, new int[] {1, 1024}, new int[] {64, 7169},
        new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
    assertThat(ConvAlgorithm.select(huge)).as("one row of columns over the cap").isEqualTo(ConvAlgorithm.DIRECT);
    // Same input, same answer: no hidden state (thread count, workspace cap) enters the choice.
    ConvAlgorithm a = ConvAlgorithm.select(resnet);
    assertThat(withCap(4096, () -> Parallelism.withThreads(1, () -> ConvAlgorithm.select(resnet)))).isEqualTo(a);
  }

  /** Random shapes the row-vector kernel supports (kh = 5, rows and columns ≥ 8), float32 and float64. */
  @Property(tries = 40)
  void rowVectorAgreesWithDirectAndAcrossThreads(@ForAll long seed) {
    Random r = new Random(seed);
    for (DType dt : DType.values()) {
      int n = 1 + r.nextInt(4), c = 1 + r.nextInt(4), oc = 1 + r.nextInt(5), kw = 1 + r.nextInt(6);
      int oh = 8 + r.nextInt(10), ow = 8 + r.nextInt(12);
      ConvParams p = ConvParams.defaults(2);
      Problem pr = new Problem(rand(r, dt, n, c, oh + 4, ow + kw - 1), rand(r, dt, oc, c, 5, kw), r.nextBoolean() ? rand(r, dt, oc) : null,
          rand(r, dt, n, oc, oh, ow), p);
      List<Tensor> one = Parallelism.withThreads(1, () -> run(pr, ConvAlgorithm.ROW_VECTOR));
      for (int threads : new int[] {2, 3}) {
        List<Tensor> many = Parallelism.withThreads(threads, () -> run(pr, ConvAlgorithm.ROW_VECTOR));
        for (int i = 0; i < one.size(); i++) {
          assertBitwise("ROW_VECTOR " + dt + " output " + i + " threads " + threads, many.get(i), one.get(i));
        }
      }
      List<Tensor> direct = run(pr, ConvAlgorithm.DIRECT);
      for (int i = 0; i < one.size(); i++) {
        if (one.get(i) != null) {
          assertRelClose("ROW_VECTOR " + dt + " output " + i + " vs direct", one.get(i), direct.get(i), 1e-5);
        }
      }
    }
  }

  @Test
  void rowVectorRejectsUnsupportedShapes() {
    Tensor x = Tensor.zeros(DType.FLOAT32, 1, 2, 10, 10);
    Tensor w = Tensor.zeros(DType.FLOAT32, 3, 2, 3, 3);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Conv.conv(x, w, null, ConvParams.defaults(2), ConvAlgorithm.ROW_VECTOR))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ROW_VECTOR needs")
        .hasMessageContaining("5 kernel rows").hasMessageContaining("got");
  }

  @Test
  void slidingWindowRejectsStrides() {
    Tensor x = Tensor.zeros(DType.FLOAT32, 1, 1, 9, 9);
    Tensor w = Tensor.zeros(DType.FLOAT32, 1, 1, 3, 3);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Conv.conv(x, w, null, ConvParams.defaults(2).withStride(2), ConvAlgorithm.SLIDING_WINDOW))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride 1");
  }

  @Property(tries = 30)
  void poolingAnyThreadCountGivesTheSameBits(@ForAll long seed) {
    Random r = new Random(seed);
    for (DType dt : DType.values()) {
      int n = 1 + r.nextInt(5), c = 1 + r.nextInt(6), h = 2 + r.nextInt(20), w = 2 + r.nextInt(20);
      Tensor x = rand(r, dt, n, c, h, w);
      int k = 1 + r.nextInt(Math.min(3, Math.min(h, w)));
      MaxPoolParams mp = MaxPoolParams.of(2, k).withStride(1 + r.nextInt(2));
      AvgPoolParams ap = AvgPoolParams.of(2, k).withStride(1 + r.nextInt(2));
      Supplier<List<Tensor>> body = () -> {
        MaxPoolResult m = MaxPool.maxPool2dWithIndices(x, mp);
        Tensor dy = Tensor.ones(dt, m.output().shape());
        Tensor a = AvgPool.avgPool2d(x, ap);
        return List.of(m.output(), m.indices(), MaxPool.backward(dy, m.indices(), x.shape(), mp), a,
            AvgPool.backward(Tensor.ones(dt, a.shape()), x.shape(), ap));
      };
      List<Tensor> one = Parallelism.withThreads(1, body);
      List<Tensor> many = Parallelism.withThreads(3, body);
      for (int i = 0; i < one.size(); i++) {
        assertBitwise("pool output " + i, many.get(i), one.get(i));
      }
    }
  }

  static ConvShape shape(int c, int oc, int h, int k, int s, int p) {
    int o = (h + 2 * p - k) / s + 1;
    return ConvShape.of(c, oc, 1, new int[] {h, h}, new int[] {k, k}, new int[] {o, o}, new int[] {s, s},
        new int[] {p, p}, new int[] {1, 1});
  }

  static <T> T withCap(long bytes, Supplier<T> body) {
    long before = Workspace.maxColumnBytes();
    Workspace.setMaxColumnBytes(bytes);
    try {
      return body.get();
    } finally {
      Workspace.setMaxColumnBytes(before);
    }
  }

  static void assertBitwise(String what, Tensor a, Tensor b) {
    assertThat(a.shape()).as(what).isEqualTo(b.shape());
    double[] u = a.contiguous().to(DType.FLOAT64).toDoubleArray();
    double[] v = b.contiguous().to(DType.FLOAT64).toDoubleArray();
    for (int i = 0; i < u.length; i++) {
      if (Double.doubleToRawLongBits(u[i]) != Double.doubleToRawLongBits(v[i])) {
        throw new AssertionError(what + ": element " + i + " differs: " + u[i] + " vs " + v[i]);
      }
    }
  }

  static void assertRelClose(String what, Tensor a, Tensor b, double tol) {
    double[] u = a.to(DType.FLOAT64).toDoubleArray();
    double[] v = b.to(DType.FLOAT64).toDoubleArray();
    double scale = 0;
    for (double e : v) {
      scale = Math.max(scale, Math.abs(e));
    }
    for (int i = 0; i < u.length; i++) {
      assertThat(u[i]).as("%s [%d]", what, i).isCloseTo(v[i], org.assertj.core.data.Offset.offset(tol * (1 + scale)));
    }
  }

  static Tensor rand(Random r, DType dt, int... shape) {
    int size = 1;
    for (int s : shape) {
      size *= s;
    }
    double[] v = new double[size];
    for (int i = 0; i < size; i++) {
      v[i] = r.nextDouble() * 2 - 1;
    }
    return Tensor.of(v, shape).to(dt);
  }

  static {
    TensorAccess.get();
  }
}
