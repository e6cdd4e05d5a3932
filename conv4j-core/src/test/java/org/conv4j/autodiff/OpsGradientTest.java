package org.conv4j.autodiff;

import static org.conv4j.autodiff.GradCheck.check;
import static org.conv4j.autodiff.GradCheck.rand;

import org.conv4j.nn.functional.AvgPoolParams;
import org.conv4j.nn.functional.ConvParams;
import org.conv4j.nn.functional.ConvTransposeParams;
import org.conv4j.nn.functional.MaxPoolParams;
import org.conv4j.nn.functional.TheanoPoolMode;
import org.conv4j.nn.functional.TheanoPoolParams;
import org.conv4j.nn.functional.UnfoldParams;
import org.conv4j.tensor.Rng;
import org.conv4j.tensor.Tensor;
import org.conv4j.window.PadMode;
import org.junit.jupiter.api.Test;

/** A float64 finite-difference check of every op in {@link Ops}, and of composed graphs. */
class OpsGradientTest {
  // Inputs for ops with kinks (abs, relu, max, pooling) are drawn so that no element sits within
  // H of a kink or a tie: random uniforms in float64 make that overwhelmingly likely, and the
  // fixed seeds make it certain for these tests.

  @Test
  void broadcastingBinaryOps() {
    Tensor a = rand(1, 2, 3, 4);
    Tensor b = rand(2, 3, 1);
    check("add", v -> Ops.add(v[0], v[1]), a, b);
    check("sub", v -> Ops.sub(v[0], v[1]), a, rand(3, 4));
    check("mul", v -> Ops.mul(v[0], v[1]), rand(4, 1, 4), a);
    check("div", v -> Ops.div(v[0], v[1]), a, rand(5, 0.5, 2, 2, 1, 1));
    check("pow", v -> Ops.pow(v[0], v[1]), rand(6, 0.5, 2, 2, 3, 4), rand(7, 4));
    check("maximum", v -> Ops.maximum(v[0], v[1]), a, b);
    check("minimum", v -> Ops.minimum(v[0], v[1]), a, b);
    check("rank-0 operand", v -> Ops.mul(v[0], v[1]), a, Tensor.scalar(0.7));
  }

  @Test
  void scalarOps() {
    Tensor a = rand(8, 0.2, 2, 3, 5);
    check("add s", v -> Ops.add(v[0], 2.5), a);
    check("sub s", v -> Ops.sub(v[0], 2.5), a);
    check("rsub s", v -> Ops.rsub(2.5, v[0]), a);
    check("mul s", v -> Ops.mul(v[0], -3), a);
    check("div s", v -> Ops.div(v[0], 4), a);
    check("pow 2", v -> Ops.pow(v[0], 2), a);
    check("pow -1.5", v -> Ops.pow(v[0], -1.5), a);
  }

  @Test
  void unaryOps() {
    Tensor a = rand(9, 3, 4);
    Tensor pos = rand(10, 0.1, 3, 3, 4);
    check("neg", v -> Ops.neg(v[0]), a);
    check("abs", v -> Ops.abs(v[0]), a);
    check("exp", v -> Ops.exp(v[0]), a);
    check("log", v -> Ops.log(v[0]), pos);
    check("sqrt", v -> Ops.sqrt(v[0]), pos);
    check("tanh", v -> Ops.tanh(v[0]), a);
    check("sigmoid", v -> Ops.sigmoid(v[0]), a);
    check("relu", v -> Ops.relu(v[0]), a);
    check("clamp", v -> Ops.clamp(v[0], -0.5, 0.5), a);
  }

  @Test
  void reductions() {
    Tensor a = rand(11, 2, 3, 4);
    check("sum all", v -> Ops.sum(v[0]), a);
    check("sum axes", v -> Ops.sum(v[0], new int[] {0, 2}, false), a);
    check("sum keepdims", v -> Ops.sum(v[0], new int[] {-1}, true), a);
    check("mean all", v -> Ops.mean(v[0]), a);
    check("mean axis", v -> Ops.mean(v[0], new int[] {1}, false), a);
    check("var", v -> Ops.var(v[0], new int[] {1, 2}, 0, false), a);
    check("var ddof 1 all", v -> Ops.var(v[0], null, 1, true), a);
    check("std", v -> Ops.std(v[0], new int[] {2}, 1, true), a);
    check("max axis", v -> Ops.max(v[0], new int[] {2}, false), a);
    check("max all", v -> Ops.max(v[0], null, false), a);
    check("min axes", v -> Ops.min(v[0], new int[] {0, 1}, true), a);
  }

  @Test
  void viewsAndShapes() {
    Tensor a = rand(12, 2, 3, 4);
    check("reshape", v -> Ops.reshape(v[0], 4, -1), a);
    check("flatten", v -> Ops.flatten(v[0], 1), a);
    check("permute", v -> Ops.permute(v[0], 2, 0, 1), a);
    check("transpose", v -> Ops.transpose(v[0], 0, 2), a);
    check("flip", v -> Ops.flip(v[0], 1, 2), a);
    check("unsqueeze", v -> Ops.unsqueeze(v[0], 1), a);
    check("squeeze", v -> Ops.squeeze(v[0], 1), rand(13, 2, 1, 3));
    check("expand", v -> Ops.expand(v[0], 2, 3, 4), rand(14, 3, 1));
    check("slice step", v -> Ops.slice(v[0], 2, 3, 0, -2), a);
    check("slice index", v -> Ops.slice(v[0], "1, ::2, None, 1:"), a);
    check("select", v -> Ops.select(v[0], 1, -1), a);
    check("split", v -> Ops.mul(Ops.split(v[0], 2, 2).get(1), Ops.split(v[0], 2, 2).get(0)), a);
  }

  @Test
  void padEveryMode() {
    Tensor a = rand(15, 2, 3, 4);
    int[][] widths = {{0, 1}, {2, 1}, {3, 2}};
    for (PadMode mode : PadMode.values()) {
      check("pad " + mode, v -> Ops.pad(v[0], widths, mode, 0.25), a);
    }
    // One row for every axis, and a wrap wider than the axis.
    check("pad wrap wide", v -> Ops.pad(v[0], new int[][] {{5, 4}}, PadMode.WRAP, 0), rand(16, 2, 3));
  }

  @Test
  void joins() {
    check("concat", v -> Ops.concat(1, v[0], v[1], v[0]), rand(17, 2, 2, 3), rand(18, 2, 4, 3));
    check("stack", v -> Ops.stack(-1, v[0], v[1]), rand(19, 2, 3), rand(20, 2, 3));
  }

  @Test
  void matmulEveryPromotion() {
    check("matmul 2d", v -> Ops.matmul(v[0], v[1]), rand(21, 3, 4), rand(22, 4, 5));
    check("matmul batch broadcast", v -> Ops.matmul(v[0], v[1]), rand(23, 2, 1, 3, 4), rand(24, 3, 4, 2));
    check("matmul vec @ mat", v -> Ops.matmul(v[0], v[1]), rand(25, 4), rand(26, 2, 4, 3));
    check("matmul mat @ vec", v -> Ops.matmul(v[0], v[1]), rand(27, 3, 4), rand(28, 4));
    check("matmul dot", v -> Ops.matmul(v[0], v[1]), rand(29, 4), rand(30, 4));
  }

  @Test
  void softmaxAndLosses() {
    Tensor x = rand(31, -3.0, 3.0, 5, 4);
    int[] labels = {0, 3, 1, 1, 2};
    check("logSoftmax", v -> Ops.logSoftmax(v[0], 1), x);
    check("logSoftmax axis 0", v -> Ops.logSoftmax(v[0], 0), x);
    check("softmax", v -> Ops.softmax(v[0], -1), x);
    check("crossEntropy", v -> Ops.crossEntropy(v[0], labels), x);
    check("nll", v -> Ops.nll(Ops.logSoftmax(v[0], 1), labels), x);
  }

  @Test
  void convolutionEveryOption() {
    Tensor x2 = rand(40, 2, 4, 7, 6);
    check("conv2d valid + bias", v -> Ops.conv(v[0], v[1], v[2], ConvParams.defaults(2)), x2, rand(41, 3, 4, 3, 2), rand(42, 3));
    check("conv2d stride/pad/dilation", v -> Ops.conv(v[0], v[1], null,
        ConvParams.defaults(2).withStride(2, 1).withPadding(1, 2).withDilation(1, 2)), x2, rand(43, 3, 4, 3, 2));
    check("conv2d groups + flip", v -> Ops.conv(v[0], v[1], v[2], ConvParams.defaults(2).withGroups(2).withFlip(true)),
        x2, rand(44, 4, 2, 2, 3), rand(45, 4));
    check("conv2d same, reflect", v -> Ops.conv(v[0], v[1], null,
        ConvParams.defaults(2).withPadding("same").withPaddingMode(PadMode.REFLECT)), x2, rand(46, 2, 4, 3, 3));
    check("conv2d circular", v -> Ops.conv(v[0], v[1], null,
        ConvParams.defaults(2).withPadding(1).withPaddingMode(PadMode.WRAP)), x2, rand(47, 2, 4, 3, 3));
    check("conv1d unbatched", v -> Ops.conv(v[0], v[1], v[2], ConvParams.defaults(1).withPadding("full")),
        rand(48, 2, 9), rand(49, 3, 2, 4), rand(50, 3));
    check("conv3d", v -> Ops.conv(v[0], v[1], v[2], ConvParams.defaults(3).withStride(1, 2, 1)),
        rand(51, 1, 2, 4, 5, 4), rand(52, 2, 2, 2, 3, 2), rand(53, 2));
  }

  @Test
  void transposedAndPerExampleConvolution() {
    check("convTranspose2d", v -> Ops.convTranspose(v[0], v[1], v[2],
        ConvTransposeParams.defaults(2).withStride(2).withPadding(1).withOutputPadding(1)),
        rand(54, 2, 3, 3, 4), rand(55, 3, 2, 3, 3), rand(56, 2));
    check("convTranspose1d groups", v -> Ops.convTranspose(v[0], v[1], null,
        ConvTransposeParams.defaults(1).withGroups(2).withDilation(2)), rand(57, 1, 4, 5), rand(58, 4, 1, 3));
    check("perExampleConv, kernels as data", v -> Ops.perExampleConv(v[0], v[1], v[2],
        ConvParams.defaults(1).withPadding("same")), rand(59, 3, 2, 8), rand(60, 3, 2, 2, 3), rand(61, 3, 2));
    check("perExampleConv shared bias", v -> Ops.perExampleConv(v[0], v[1], v[2], ConvParams.defaults(2)),
        rand(62, 2, 1, 5, 5), rand(63, 2, 2, 1, 2, 2), rand(64, 2));
  }

  @Test
  void unfoldFold() {
    UnfoldParams p = UnfoldParams.of(2, 3).withStride(1, 2).withPadding(1, 0).withDilation(2, 1);
    check("unfold", v -> Ops.unfold(v[0], p), rand(65, 2, 2, 5, 7));
    int cols = Ops.unfold(Variable.of(rand(66, 2, 2, 5, 7)), p).dim(2);
    check("fold", v -> Ops.fold(v[0], new int[] {5, 7}, p), rand(67, 2, 12, cols));
  }

  @Test
  void pooling() {
    Tensor x = rand(68, 2, 3, 6, 7);
    check("maxPool2d", v -> Ops.maxPool(v[0], MaxPoolParams.of(2, 2)), x);
    check("maxPool2d overlapping padded ceil", v -> Ops.maxPool(v[0],
        MaxPoolParams.of(2, 3).withStride(2).withPadding(1).withCeilMode(true)), x);
    check("maxPool1d dilated", v -> Ops.maxPool(v[0], MaxPoolParams.of(1, 2).withDilation(2)), rand(69, 2, 9));
    check("avgPool2d", v -> Ops.avgPool(v[0], AvgPoolParams.of(2, 3).withStride(2).withPadding(1)), x);
    check("avgPool3d", v -> Ops.avgPool(v[0], AvgPoolParams.of(3, 2)), rand(70, 1, 2, 4, 4, 4));
    check("theano pool_2d max", v -> Ops.theanoPool(v[0], TheanoPoolParams.of(2, 2).withIgnoreBorder(false)), x);
    check("theano pool_2d avg", v -> Ops.theanoPool(v[0],
        TheanoPoolParams.of(3, 3).withIgnoreBorder(true).withStride(2).withPad(1).withMode(TheanoPoolMode.AVERAGE_EXC_PAD)), x);
  }

  @Test
  void dropoutUsesOneMaskForValueAndGradient() {
    // The numeric check re-runs the forward, so each evaluation must draw the same mask.
    check("dropout", v -> Ops.dropout(v[0], 0.3, new Rng(5)), rand(71, 4, 5));
  }

  @Test
  void composedGraphs() {
    // The LeNet building block: conv → max pool → + per-channel bias → tanh → linear → cross-entropy.
    int[] labels = {2, 0};
    check("conv-pool-bias-tanh-linear-xent", v -> {
      Variable h = Ops.conv(v[0], v[1], null, ConvParams.defaults(2).withFlip(true));
      h = Ops.maxPool(h, MaxPoolParams.of(2, 2));
      h = Ops.tanh(Ops.add(h, Ops.reshape(v[2], 3, 1, 1)));
      h = Ops.flatten(h, 1);
      return Ops.crossEntropy(Ops.add(Ops.matmul(h, v[3]), v[4]), labels);
    }, rand(72, 2, 1, 8, 8), rand(73, 3, 1, 3, 3), rand(74, 3), rand(75, 27, 4), rand(76, 4));
    // Fan-out: one input used by several branches that meet again.
    check("fan-out", v -> {
      Variable s = Ops.sigmoid(v[0]);
      return Ops.add(Ops.mul(s, s), Ops.div(Ops.exp(v[0]), Ops.add(s, 1.0))).sum(new int[] {0}, false);
    }, rand(77, 3, 4));
    // A sliding-window statistic that is not a convolution: per-window variance of a padded signal.
    check("windowed variance", v -> Ops.var(Ops.unfold(Ops.pad(v[0], new int[][] {{0, 0}, {0, 0}, {1, 1}, {1, 1}},
        PadMode.SYMMETRIC, 0), UnfoldParams.of(3, 3)), new int[] {1}, 0, false), rand(78, 1, 1, 4, 5));
  }
}
