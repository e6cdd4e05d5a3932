package org.conv4j.nn.functional;

import static org.conv4j.nn.functional.ConvFixtures.assertClose;
import static org.conv4j.nn.functional.ConvFixtures.tol;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.conv4j.kernels.ConvShape;
import org.conv4j.nn.functional.ConvFixtures.Case;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every op and option against the NumPy/SciPy oracles of {@code tools/gen_conv_fixtures.py}, in
 * float32 and float64, forward and backward, through every algorithm that applies to the shape.
 */
class ConvOracleTest {

  static Stream<Case> convCases() {
    return ConvFixtures.cases("conv").stream();
  }

  static Stream<Case> transposeCases() {
    return ConvFixtures.cases("conv_transpose").stream();
  }

  static Stream<Case> perExampleCases() {
    return ConvFixtures.cases("per_example").stream();
  }

  static Stream<Case> unfoldCases() {
    return ConvFixtures.cases("unfold").stream();
  }

  static Stream<Case> foldCases() {
    return ConvFixtures.cases("fold").stream();
  }

  static Stream<Case> matrixCases() {
    return ConvFixtures.cases("convolution_matrix").stream();
  }

  static ConvParams convParams(Case c, int rank) {
    return ConvParams.defaults(rank)
        .withStride(c.ints("stride"))
        .withPadding(c.param("padding"))
        .withDilation(c.ints("dilation"))
        .withGroups(Integer.parseInt(c.param("groups")))
        .withPaddingMode(c.param("mode"))
        .withFlip(c.flag("flip"));
  }

  /** The algorithms that can run a shape: the selected one, DIRECT, IM2COL_GEMM, and POINTWISE_1X1 / SLIDING_WINDOW when they apply. */
  static List<ConvAlgorithm> algorithms(ConvShape shape) {
    List<ConvAlgorithm> list = new ArrayList<>(List.of(ConvAlgorithm.DIRECT, ConvAlgorithm.IM2COL_GEMM));
    if (shape.isPointwise()) {
      list.add(ConvAlgorithm.POINTWISE_1X1);
    }
    if (org.conv4j.kernels.SlidingConv.supports(shape)) {
      list.add(ConvAlgorithm.SLIDING_WINDOW);
    }
    return list;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("convCases")
  void conv(Case c) {
    Tensor x = c.array("x");
    Tensor w = c.array("w");
    Tensor b = c.flag("bias") ? c.array("b") : null;
    ConvParams p = convParams(c, w.rank() - 2);
    double tol = tol(c.dtype());
    ConvPlan plan = ConvPlan.of("conv", x.shape(), w.shape(), null, p, false);
    assertClose(c + " y (selected)", Conv.conv(x, w, b, p), c.array("y"), tol);
    for (ConvAlgorithm alg : algorithms(plan.shape())) {
      assertClose(c + " y " + alg, Conv.conv(x, w, b, p, alg), c.array("y"), tol);
      ConvGrads g = Conv.convBackward(x, w, c.array("dy"), p, GradMask.ALL, alg);
      assertClose(c + " dx " + alg, g.dx(), c.array("dx"), tol);
      assertClose(c + " dw " + alg, g.dw(), c.array("dw"), tol);
      assertClose(c + " db " + alg, g.db(), c.array("db"), tol);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transposeCases")
  void convTranspose(Case c) {
    Tensor x = c.array("x");
    Tensor w = c.array("w");
    Tensor b = c.flag("bias") ? c.array("b") : null;
    ConvTransposeParams p = new ConvTransposeParams(c.ints("stride"), c.ints("padding"), c.ints("output_padding"),
        c.ints("dilation"), Integer.parseInt(c.param("groups")));
    double tol = tol(c.dtype());
    Tensor y = c.array("y");
    assertClose(c + " y", ConvTranspose.convTranspose(x, w, b, p), y, tol);
    for (ConvAlgorithm alg : List.of(ConvAlgorithm.DIRECT, ConvAlgorithm.IM2COL_GEMM)) {
      assertClose(c + " y " + alg, ConvTranspose.convTranspose(x, w, b, p, alg), y, tol);
    }
    int d = p.rank();
    int[] size = java.util.Arrays.copyOfRange(y.shape(), 2, 2 + d);
    ConvTransposeParams noOp = p.withOutputPadding(0);
    assertClose(c + " y (outputSize)", ConvTranspose.convTranspose(x, w, b, noOp, size), y, tol);
    ConvGrads g = ConvTranspose.convTransposeBackward(x, w, c.array("dy"), p, GradMask.ALL);
    assertClose(c + " dx", g.dx(), c.array("dx"), tol);
    assertClose(c + " dw", g.dw(), c.array("dw"), tol);
    assertClose(c + " db", g.db(), c.array("db"), tol);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("perExampleCases")
  void perExample(Case c) {
    Tensor x = c.array("x");
    Tensor w = c.array("w");
    Tensor b = c.flag("bias") ? c.array("b") : null;
    ConvParams p = convParams(c, w.rank() - 3);
    double tol = tol(c.dtype());
    for (ConvAlgorithm alg : List.of(ConvAlgorithm.DIRECT, ConvAlgorithm.IM2COL_GEMM)) {
      assertClose(c + " y " + alg, PerExampleConv.conv(x, w, b, p, alg), c.array("y"), tol);
      ConvGrads g = PerExampleConv.backward(x, w, c.array("dy"), p, GradMask.ALL, alg);
      assertClose(c + " dx " + alg, g.dx(), c.array("dx"), tol);
      assertClose(c + " dw " + alg, g.dw(), c.array("dw"), tol);
      assertClose(c + " db " + alg, g.db(), c.array("db"), tol);
    }
  }

  static UnfoldParams unfoldParams(Case c) {
    return UnfoldParams.of(c.ints("kernel")).withStride(c.ints("stride")).withPadding(c.ints("padding"))
        .withDilation(c.ints("dilation"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unfoldCases")
  void unfold(Case c) {
    assertClose(c + " cols", Unfold.unfold(c.array("x"), unfoldParams(c)), c.array("y"), 0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("foldCases")
  void fold(Case c) {
    assertClose(c + " image", Unfold.fold(c.array("x"), c.ints("output_size"), unfoldParams(c)), c.array("y"), tol(c.dtype()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrixCases")
  void convolutionMatrix(Case c) {
    Tensor a = ConvolutionMatrix.convolutionMatrix(c.array("h"), Integer.parseInt(c.param("n")), c.param("matrix_mode"));
    assertClose(c + " matrix", a, c.array("y"), 0);
  }
}
