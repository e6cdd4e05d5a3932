package org.conv4j.autodiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.conv4j.nn.functional.AvgPool;
import org.conv4j.nn.functional.AvgPoolParams;
import org.conv4j.nn.functional.Conv;
import org.conv4j.nn.functional.ConvGrads;
import org.conv4j.nn.functional.ConvParams;
import org.conv4j.nn.functional.ConvTranspose;
import org.conv4j.nn.functional.ConvTransposeParams;
import org.conv4j.nn.functional.GradMask;
import org.conv4j.nn.functional.MaxPool;
import org.conv4j.nn.functional.MaxPoolParams;
import org.conv4j.nn.functional.MaxPoolResult;
import org.conv4j.nn.functional.PerExampleConv;
import org.conv4j.nn.functional.TheanoPool;
import org.conv4j.nn.functional.TheanoPoolParams;
import org.conv4j.nn.functional.Unfold;
import org.conv4j.nn.functional.UnfoldParams;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Rng;
import org.conv4j.tensor.Shape;
import org.conv4j.tensor.Tensor;
import org.conv4j.window.PadMode;

/**
 * The differentiable ops: each computes its value with {@link Tensor} or {@code nn.functional} and
 * records a closure that accumulates its inputs' gradients. The closures are the gradient rule
 * table; {@code y} is the op's value, {@code dy} the incoming gradient, {@code ↓} sums a gradient
 * back over broadcast axes to the input's shape ({@link #unbroadcast}):
 *
 * <pre>
 * op                  da                                   db
 * a + b               ↓dy                                  ↓dy
 * a − b               ↓dy                                  ↓(−dy)
 * a · b               ↓(dy·b)                              ↓(dy·a)
 * a / b               ↓(dy/b)                              ↓(−dy·y/b)
 * a ** b              ↓(dy·b·a^(b−1))                      ↓(dy·y·ln a)
 * maximum(a, b)       ↓(dy·[a&gt;b] + ½dy·[a=b])             ↓(dy·[b&gt;a] + ½dy·[a=b])
 * −x, |x|, eˣ, ln x   −dy, dy·sign x, dy·y, dy/x
 * √x, tanh, σ, relu   dy/(2y), dy·(1−y²), dy·y·(1−y), dy·[x&gt;0]
 * clamp(x, lo, hi)    dy·[lo ≤ x ≤ hi]
 * sum / mean          dy broadcast back (÷ n for mean)
 * var / std           dy·2(x−x̄)/(n−ddof) ; dy·(x−x̄)/((n−ddof)·std)
 * max / min           dy shared equally by the elements equal to the extreme
 * reshape, permute,   the inverse view of dy
 *   flip, squeeze…
 * expand              ↓dy
 * slice, select       dy written into zeros at the sliced positions
 * pad                 interior of dy (constant) or dy summed back through the index map (other modes)
 * concat / stack      the slice of dy belonging to each input
 * matmul  A·B         dy·Bᵀ (↓ over batch)                 Aᵀ·dy (↓ over batch)
 * logSoftmax          dy − eʸ·Σdy
 * softmax             y·(dy − Σ dy·y)
 * crossEntropy        (softmax − onehot)·dy/N
 * conv / convT / per-example conv: the op's backward with a GradMask of the inputs that need one
 * unfold ↔ fold       fold(dy) ; unfold(dy)
 * max/avg/Theano pool the pooling op's backward
 * dropout             dy·mask/(1−p)
 * </pre>
 *
 * <p>Every op accepts constants and variables alike; a gradient is computed only for inputs that
 * {@link Variable#requiresGrad() require} one, and no closure is recorded when none does or in
 * {@link Variable#noGrad() no-grad} mode.
 *
 * {@snippet :
 * // Seed 000: mean squared deviation from a template in every 10×10 window, differentiable.
 * Variable z = Variable.leaf(image.reshape(1, 1, 500, 500));
 * Variable t = Variable.leaf(template.reshape(1, 100, 1));
 * Variable m = Ops.unfold(z, UnfoldParams.of(10, 10))   // (1, 100, 491·491)
 *     .sub(t).pow(2).mean(new int[] {1}, false)          // (1, 491·491)
 *     .reshape(491, 491);
 * }
 */
public final class Ops {
  private Ops() {}

  // ------------------------------------------------------------------------------------------
  // Plumbing

  /** Accumulates {@code g.get()} into {@code v}, computing it only when {@code v} needs a gradient. */
  private static void send(Variable v, Supplier<Tensor> g) {
    if (v != null && v.requiresGrad()) {
      v.accumulate(g.get());
    }
  }

  /** {@link #send} for a gradient already computed (or null when it was masked out). */
  private static void send(Variable v, Tensor g) {
    if (v != null && v.requiresGrad() && g != null) {
      v.accumulate(g);
    }
  }

  /**
   * Sums {@code g} over the axes that broadcasting added or stretched, giving a tensor of
   * {@code shape} (the adjoint of broadcasting {@code shape} to {@code g}'s shape).
   */
  public static Tensor unbroadcast(Tensor g, int[] shape) {
    int[] gs = g.shape();
    if (Arrays.equals(gs, shape)) {
      return g;
    }
    int lead = gs.length - shape.length;
    List<Integer> axes = new ArrayList<>();
    for (int i = 0; i < lead; i++) {
      axes.add(i);
    }
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] == 1 && gs[lead + i] != 1) {
        axes.add(lead + i);
      }
    }
    Tensor s = axes.isEmpty() ? g : g.sum(axes.stream().mapToInt(Integer::intValue).toArray(), true);
    return s.reshape(shape);
  }

  private static Tensor ones(Tensor like) {
    return Tensor.ones(like.dtype(), like.shape());
  }

  // ------------------------------------------------------------------------------------------
  // Elementwise, two operands (NumPy broadcasting)

  /** {@code a + b}, broadcast. */
  public static Variable add(Variable a, Variable b) {
    Tensor y = a.value().add(b.value());
    return Variable.fromOp("add", y, dy -> {
      send(a, () -> unbroadcast(dy, a.shape()));
      send(b, () -> unbroadcast(dy, b.shape()));
    }, a, b);
  }

  /** {@code a − b}, broadcast. */
  public static Variable sub(Variable a, Variable b) {
    Tensor y = a.value().sub(b.value());
    return Variable.fromOp("sub", y, dy -> {
      send(a, () -> unbroadcast(dy, a.shape()));
      send(b, () -> unbroadcast(dy.neg(), b.shape()));
    }, a, b);
  }

  /** {@code a · b}, broadcast. */
  public static Variable mul(Variable a, Variable b) {
    Tensor y = a.value().mul(b.value());
    return Variable.fromOp("mul", y, dy -> {
      send(a, () -> unbroadcast(dy.mul(b.value()), a.shape()));
      send(b, () -> unbroadcast(dy.mul(a.value()), b.shape()));
    }, a, b);
  }

  /** {@code a / b}, broadcast. */
  public static Variable div(Variable a, Variable b) {
    Tensor y = a.value().div(b.value());
    return Variable.fromOp("div", y, dy -> {
      send(a, () -> unbroadcast(dy.div(b.value()), a.shape()));
      send(b, () -> unbroadcast(dy.mul(y).div(b.value()).neg(), b.shape()));
    }, a, b);
  }

  /** {@code a ** b}, broadcast; the gradient for {@code b} uses {@code ln a} (NaN for a &lt; 0). */
  public static Variable pow(Variable a, Variable b) {
    Tensor y = a.value().pow(b.value());
    return Variable.fromOp("pow", y, dy -> {
      send(a, () -> unbroadcast(dy.mul(b.value()).mul(a.value().pow(b.value().sub(1))), a.shape()));
      send(b, () -> unbroadcast(dy.mul(y).mul(a.value().log()), b.shape()));
    }, a, b);
  }

  /** Elementwise maximum; at ties each operand gets half the gradient (as PyTorch). */
  public static Variable maximum(Variable a, Variable b) {
    Tensor y = a.value().maximum(b.value());
    return Variable.fromOp("maximum", y, dy -> {
      Tensor tie = a.value().eq(b.value()).mul(0.5);
      send(a, () -> unbroadcast(dy.mul(a.value().gt(b.value()).add(tie)), a.shape()));
      send(b, () -> unbroadcast(dy.mul(b.value().gt(a.value()).add(tie)), b.shape()));
    }, a, b);
  }

  /** Elementwise minimum; at ties each operand gets half the gradient. */
  public static Variable minimum(Variable a, Variable b) {
    Tensor y = a.value().minimum(b.value());
    return Variable.fromOp("minimum", y, dy -> {
      Tensor tie = a.value().eq(b.value()).mul(0.5);
      send(a, () -> unbroadcast(dy.mul(a.value().lt(b.value()).add(tie)), a.shape()));
      send(b, () -> unbroadcast(dy.mul(b.value().lt(a.value()).add(tie)), b.shape()));
    }, a, b);
  }

  // ------------------------------------------------------------------------------------------
  // Elementwise with a scalar

  /** {@code x + s}. */
  public static Variable add(Variable x, double s) {
    return Variable.fromOp("add", x.value().add(s), dy -> send(x, dy), x);
  }

  /** {@code x − s}. */
  public static Variable sub(Variable x, double s) {
    return Variable.fromOp("sub", x.value().sub(s), dy -> send(x, dy), x);
  }

  /** {@code s − x}. */
  public static Variable rsub(double s, Variable x) {
    return Variable.fromOp("rsub", x.value().neg().add(s), dy -> send(x, dy::neg), x);
  }

  /** {@code x · s}. */
  public static Variable mul(Variable x, double s) {
    return Variable.fromOp("mul", x.value().mul(s), dy -> send(x, () -> dy.mul(s)), x);
  }

  /** {@code x / s}. */
  public static Variable div(Variable x, double s) {
    return Variable.fromOp("div", x.value().div(s), dy -> send(x, () -> dy.div(s)), x);
  }

  /** {@code x ** p}. */
  public static Variable pow(Variable x, double p) {
    return Variable.fromOp("pow", x.value().pow(p), dy -> send(x, () -> dy.mul(x.value().pow(p - 1)).mul(p)), x);
  }

  // ------------------------------------------------------------------------------------------
  // Elementwise, one operand

  /** {@code −x}. */
  public static Variable neg(Variable x) {
    return Variable.fromOp("neg", x.value().neg(), dy -> send(x, dy::neg), x);
  }

  /** {@code |x|} (gradient 0 at 0). */
  public static Variable abs(Variable x) {
    return Variable.fromOp("abs", x.value().abs(),
        dy -> send(x, () -> dy.mul(x.value().gt(0).sub(x.value().lt(0)))), x);
  }

  /** {@code eˣ}. */
  public static Variable exp(Variable x) {
    Tensor y = x.value().exp();
    return Variable.fromOp("exp", y, dy -> send(x, () -> dy.mul(y)), x);
  }

  /** {@code ln x}. */
  public static Variable log(Variable x) {
    return Variable.fromOp("log", x.value().log(), dy -> send(x, () -> dy.div(x.value())), x);
  }

  /** {@code √x}. */
  public static Variable sqrt(Variable x) {
    Tensor y = x.value().sqrt();
    return Variable.fromOp("sqrt", y, dy -> send(x, () -> dy.div(y).mul(0.5)), x);
  }

  /** {@code tanh x}. */
  public static Variable tanh(Variable x) {
    Tensor y = x.value().tanh();
    return Variable.fromOp("tanh", y, dy -> send(x, () -> dy.mul(y.mul(y).neg().add(1))), x);
  }

  /** The logistic sigmoid {@code 1/(1+e^−x)}. */
  public static Variable sigmoid(Variable x) {
    Tensor y = x.value().sigmoid();
    return Variable.fromOp("sigmoid", y, dy -> send(x, () -> dy.mul(y).mul(y.neg().add(1))), x);
  }

  /** {@code max(x, 0)} (gradient 0 at 0). */
  public static Variable relu(Variable x) {
    return Variable.fromOp("relu", x.value().relu(), dy -> send(x, () -> dy.mul(x.value().gt(0))), x);
  }

  /** Values clipped to {@code [lo, hi]}; the gradient passes where {@code lo ≤ x ≤ hi}. */
  public static Variable clamp(Variable x, double lo, double hi) {
    Tensor y = x.value().clamp(lo, hi);
    return Variable.fromOp("clamp", y,
        dy -> send(x, () -> dy.mul(x.value().lt(lo).add(x.value().gt(hi)).neg().add(1))), x);
  }

  // ------------------------------------------------------------------------------------------
  // Reductions

  /** Sum of all elements (rank 0). */
  public static Variable sum(Variable x) {
    return sum(x, null, false);
  }

  /** Sum over {@code axes} (all when null or empty), keeping them as size-1 axes when {@code keepdims}. */
  public static Variable sum(Variable x, int[] axes, boolean keepdims) {
    int[] keep = keptShape(x.shape(), axes);
    Tensor y = x.value().sum(axesOrAll(axes), keepdims);
    return Variable.fromOp("sum", y, dy -> send(x, () -> dy.reshape(keep).expand(x.shape())), x);
  }

  /** Mean of all elements. */
  public static Variable mean(Variable x) {
    return mean(x, null, false);
  }

  /** Mean over {@code axes} (all when null or empty). */
  public static Variable mean(Variable x, int[] axes, boolean keepdims) {
    int[] keep = keptShape(x.shape(), axes);
    double n = (double) x.value().size() / Shape.size(keep);
    Tensor y = x.value().mean(axesOrAll(axes), keepdims);
    return Variable.fromOp("mean", y, dy -> send(x, () -> dy.div(n).reshape(keep).expand(x.shape())), x);
  }

  /** Variance over {@code axes} (all when null or empty) with {@code ddof} delta degrees of freedom. */
  public static Variable var(Variable x, int[] axes, int ddof, boolean keepdims) {
    int[] keep = keptShape(x.shape(), axes);
    double n = (double) x.value().size() / Shape.size(keep);
    int[] ax = axesOrAll(axes);
    Tensor y = x.value().var(ax, ddof, keepdims);
    return Variable.fromOp("var", y, dy -> send(x, () -> {
      Tensor centred = x.value().sub(x.value().mean(ax, true));
      return dy.reshape(keep).mul(centred).mul(2.0 / (n - ddof));
    }), x);
  }

  /** Standard deviation over {@code axes} (all when null or empty) with {@code ddof}. */
  public static Variable std(Variable x, int[] axes, int ddof, boolean keepdims) {
    int[] keep = keptShape(x.shape(), axes);
    double n = (double) x.value().size() / Shape.size(keep);
    int[] ax = axesOrAll(axes);
    Tensor y = x.value().std(ax, ddof, keepdims);
    return Variable.fromOp("std", y, dy -> send(x, () -> {
      Tensor centred = x.value().sub(x.value().mean(ax, true));
      return dy.reshape(keep).div(y.reshape(keep)).mul(centred).div(n - ddof);
    }), x);
  }

  /** Maximum over {@code axes} (all when null or empty); tied maxima share the gradient equally. */
  public static Variable max(Variable x, int[] axes, boolean keepdims) {
    return extreme("max", x, axes, keepdims, x.value().max(axesOrAll(axes), keepdims));
  }

  /** Minimum over {@code axes} (all when null or empty); tied minima share the gradient equally. */
  public static Variable min(Variable x, int[] axes, boolean keepdims) {
    return extreme("min", x, axes, keepdims, x.value().min(axesOrAll(axes), keepdims));
  }

  private static Variable extreme(String op, Variable x, int[] axes, boolean keepdims, Tensor y) {
    int[] keep = keptShape(x.shape(), axes);
    int[] ax = axesOrAll(axes);
    return Variable.fromOp(op, y, dy -> send(x, () -> {
      Tensor hit = x.value().eq(y.reshape(keep));
      return dy.reshape(keep).mul(hit).div(hit.sum(ax, true));
    }), x);
  }

  private static int[] axesOrAll(int[] axes) {
    return axes == null ? new int[0] : axes;
  }

  /** The shape of a keepdims reduction of {@code shape} over {@code axes} (all when null or empty). */
  private static int[] keptShape(int[] shape, int[] axes) {
    int[] keep = shape.clone();
    if (axes == null || axes.length == 0) {
      Arrays.fill(keep, 1);
    } else {
      for (int a : axes) {
        keep[Shape.axis(a, shape.length)] = 1;
      }
    }
    return keep;
  }

  // ------------------------------------------------------------------------------------------
  // Shape and views

  /** The same elements with another shape (one entry may be −1). */
  public static Variable reshape(Variable x, int... shape) {
    int[] in = x.shape();
    return Variable.fromOp("reshape", x.value().reshape(shape), dy -> send(x, () -> dy.reshape(in)), x);
  }

  /** All axes from {@code startAxis} on merged into one ({@code torch.flatten(x, startAxis)}). */
  public static Variable flatten(Variable x, int startAxis) {
    int[] s = x.shape();
    int start = Shape.axis(startAxis, Math.max(1, s.length));
    int[] ns = Arrays.copyOf(s, start + 1);
    ns[start] = -1;
    return reshape(x, ns);
  }

  /** Axes reordered: axis {@code i} of the result is axis {@code axes[i]} of {@code x}. */
  public static Variable permute(Variable x, int... axes) {
    int[] inv = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      inv[Shape.axis(axes[i], axes.length)] = i;
    }
    return Variable.fromOp("permute", x.value().permute(axes), dy -> send(x, () -> dy.permute(inv)), x);
  }

  /** Axes {@code a} and {@code b} swapped. */
  public static Variable transpose(Variable x, int a, int b) {
    return Variable.fromOp("transpose", x.value().transpose(a, b), dy -> send(x, () -> dy.transpose(a, b)), x);
  }

  /** Reversed along {@code axes} (all when none). */
  public static Variable flip(Variable x, int... axes) {
    return Variable.fromOp("flip", x.value().flip(axes), dy -> send(x, () -> dy.flip(axes)), x);
  }

  /** A new size-1 axis at {@code axis}. */
  public static Variable unsqueeze(Variable x, int axis) {
    int[] in = x.shape();
    return Variable.fromOp("unsqueeze", x.value().unsqueeze(axis), dy -> send(x, () -> dy.reshape(in)), x);
  }

  /** Without the given size-1 axes (all size-1 axes when none). */
  public static Variable squeeze(Variable x, int... axes) {
    int[] in = x.shape();
    return Variable.fromOp("squeeze", x.value().squeeze(axes), dy -> send(x, () -> dy.reshape(in)), x);
  }

  /** Broadcast to {@code shape} ({@link Tensor#expand}). */
  public static Variable expand(Variable x, int... shape) {
    int[] in = x.shape();
    return Variable.fromOp("expand", x.value().expand(shape), dy -> send(x, () -> unbroadcast(dy, in)), x);
  }

  /** Every {@code step}-th element of {@code [start, stop)} along {@code axis} ({@link Tensor#slice(int, int, int, int)}). */
  public static Variable slice(Variable x, int axis, int start, int stop, int step) {
    Tensor y = x.value().slice(axis, start, stop, step);
    return Variable.fromOp("slice", y,
        dy -> send(x, () -> Scatter.into(x.dtype(), x.shape(), t -> t.slice(axis, start, stop, step), dy)), x);
  }

  /** A NumPy basic index expression ({@link Tensor#slice(String)}), e.g. {@code "1:3, ::-1"}. */
  public static Variable slice(Variable x, String index) {
    Tensor y = x.value().slice(index);
    return Variable.fromOp("slice", y, dy -> send(x, () -> Scatter.into(x.dtype(), x.shape(), t -> t.slice(index), dy)), x);
  }

  /** The sub-tensor at {@code index} along {@code axis}, without that axis. */
  public static Variable select(Variable x, int axis, int index) {
    Tensor y = x.value().select(axis, index);
    return Variable.fromOp("select", y,
        dy -> send(x, () -> Scatter.into(x.dtype(), x.shape(), t -> t.select(axis, index), dy)), x);
  }

  /**
   * Padding with a boundary rule ({@link Tensor#pad(int[][], PadMode, double)}). The gradient of
   * {@link PadMode#CONSTANT} is the interior of {@code dy}; for the other modes every padded
   * position reads some input position, and {@code dy} is summed back along that map axis by axis.
   */
  public static Variable pad(Variable x, int[][] padWidth, PadMode mode, double value) {
    Tensor y = x.value().pad(padWidth, mode, value);
    int[] in = x.shape();
    return Variable.fromOp("pad", y, dy -> send(x, () -> Scatter.padAdjoint(dy, in, padWidth, mode)), x);
  }

  /** Joined along an existing axis. */
  public static Variable concat(int axis, Variable... xs) {
    Tensor[] vals = new Tensor[xs.length];
    for (int i = 0; i < xs.length; i++) {
      vals[i] = xs[i].value();
    }
    Tensor y = Tensor.concat(axis, vals);
    return Variable.fromOp("concat", y, dy -> {
      int off = 0;
      for (Variable x : xs) {
        int len = x.dim(axis);
        int o = off;
        send(x, () -> dy.slice(axis, o, o + len, 1));
        off += len;
      }
    }, xs);
  }

  /** Joined along a new axis. */
  public static Variable stack(int axis, Variable... xs) {
    Tensor[] vals = new Tensor[xs.length];
    for (int i = 0; i < xs.length; i++) {
      vals[i] = xs[i].value();
    }
    Tensor y = Tensor.stack(axis, vals);
    int ax = Shape.axis(axis, y.rank());
    return Variable.fromOp("stack", y, dy -> {
      for (int i = 0; i < xs.length; i++) {
        int k = i;
        send(xs[i], () -> dy.select(ax, k));
      }
    }, xs);
  }

  /** {@code sections} equal parts along {@code axis}, each a differentiable slice. */
  public static List<Variable> split(Variable x, int axis, int sections) {
    int n = x.dim(axis);
    if (sections <= 0 || n % sections != 0) {
      throw new IllegalArgumentException("split: axis " + axis + " of size " + n + " does not divide into " + sections + " sections");
    }
    List<Variable> parts = new ArrayList<>();
    int len = n / sections;
    for (int i = 0; i < sections; i++) {
      parts.add(slice(x, axis, i * len, (i + 1) * len, 1));
    }
    return parts;
  }

  // ------------------------------------------------------------------------------------------
  // Linear algebra

  /** NumPy {@code matmul}: 1-D operands promoted and the added axis removed, batch axes broadcast. */
  public static Variable matmul(Variable a, Variable b) {
    Tensor y = a.value().matmul(b.value());
    return Variable.fromOp("matmul", y, dy -> {
      boolean vecA = a.rank() == 1;
      boolean vecB = b.rank() == 1;
      Tensor am = vecA ? a.value().unsqueeze(0) : a.value();
      Tensor bm = vecB ? b.value().unsqueeze(1) : b.value();
      Tensor g = dy;
      if (vecB) {
        g = g.unsqueeze(g.rank());
      }
      if (vecA) {
        g = g.unsqueeze(g.rank() - 1);
      }
      Tensor gm = g;
      send(a, () -> unbroadcast(gm.matmul(bm.transpose(-1, -2)), am.shape()).reshape(a.shape()));
      send(b, () -> unbroadcast(am.transpose(-1, -2).matmul(gm), bm.shape()).reshape(b.shape()));
    }, a, b);
  }

  // ------------------------------------------------------------------------------------------
  // Softmax and losses

  /** {@code log softmax(x)} along {@code axis}, computed as {@code x − max − ln Σ e^(x − max)}. */
  public static Variable logSoftmax(Variable x, int axis) {
    Tensor y = logSoftmax(x.value(), axis);
    int[] ax = {axis};
    return Variable.fromOp("logSoftmax", y, dy -> send(x, () -> dy.sub(y.exp().mul(dy.sum(ax, true)))), x);
  }

  /** {@code softmax(x)} along {@code axis}. */
  public static Variable softmax(Variable x, int axis) {
    Tensor y = logSoftmax(x.value(), axis).exp();
    int[] ax = {axis};
    return Variable.fromOp("softmax", y, dy -> send(x, () -> y.mul(dy.sub(dy.mul(y).sum(ax, true)))), x);
  }

  private static Tensor logSoftmax(Tensor x, int axis) {
    int[] ax = {axis};
    Tensor z = x.sub(x.max(ax, true));
    return z.sub(z.exp().sum(ax, true).log());
  }

  /**
   * Mean cross-entropy of logits {@code (N, C)} against class labels: the mean negative
   * log-likelihood of {@code logSoftmax(logits, 1)}, one op (the tutorial's
   * {@code -mean(log(p_y_given_x)[arange(N), y])}).
   *
   * @throws IllegalArgumentException when the shapes do not match or a label is outside {@code [0, C)}
   */
  public static Variable crossEntropy(Variable logits, int[] labels) {
    Tensor onehot = oneHot(logits, labels, "crossEntropy");
    Tensor ls = logSoftmax(logits.value(), 1);
    int n = labels.length;
    Tensor loss = ls.mul(onehot).sum().div(-n);
    return Variable.fromOp("crossEntropy", loss,
        dy -> send(logits, () -> ls.exp().sub(onehot).mul(dy).div(n)), logits);
  }

  /** Mean negative log-likelihood of log-probabilities {@code (N, C)} against class labels. */
  public static Variable nll(Variable logProbs, int[] labels) {
    Tensor onehot = oneHot(logProbs, labels, "nll");
    int n = labels.length;
    Tensor loss = logProbs.value().mul(onehot).sum().div(-n);
    return Variable.fromOp("nll", loss, dy -> send(logProbs, () -> onehot.mul(dy).div(-n)), logProbs);
  }

  private static Tensor oneHot(Variable x, int[] labels, String op) {
    if (x.rank() != 2 || x.dim(0) != labels.length) {
      throw new IllegalArgumentException(op + ": expected scores of shape (N, C) with N = " + labels.length
          + " labels, got " + Shape.toString(x.shape()));
    }
    int c = x.dim(1);
    double[] h = new double[labels.length * c];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= c) {
        throw new IllegalArgumentException(op + ": label " + labels[i] + " at position " + i + " is outside [0, " + c + ")");
      }
      h[i * c + labels[i]] = 1;
    }
    return Tensor.of(h, labels.length, c).to(x.dtype());
  }

  // ------------------------------------------------------------------------------------------
  // Convolution family

  private static GradMask mask(Variable x, Variable w, Variable b) {
    return new GradMask(x.requiresGrad(), w.requiresGrad(), b != null && b.requiresGrad());
  }

  private static Tensor valueOrNull(Variable v) {
    return v == null ? null : v.value();
  }

  /** {@link Conv#conv} (every option: stride, padding and padding modes, dilation, groups, flip); bias may be null. */
  public static Variable conv(Variable x, Variable w, Variable bias, ConvParams p) {
    Tensor y = Conv.conv(x.value(), w.value(), valueOrNull(bias), p);
    return Variable.fromOp("conv", y, dy -> {
      ConvGrads g = Conv.convBackward(x.value(), w.value(), dy, p, mask(x, w, bias));
      send(x, g.dx());
      send(w, g.dw());
      send(bias, g.db());
    }, x, w, bias);
  }

  /** {@link ConvTranspose#convTranspose(Tensor, Tensor, Tensor, ConvTransposeParams)}; bias may be null. */
  public static Variable convTranspose(Variable x, Variable w, Variable bias, ConvTransposeParams p) {
    Tensor y = ConvTranspose.convTranspose(x.value(), w.value(), valueOrNull(bias), p);
    return Variable.fromOp("convTranspose", y, dy -> {
      ConvGrads g = ConvTranspose.convTransposeBackward(x.value(), w.value(), dy, p, mask(x, w, bias));
      send(x, g.dx());
      send(w, g.dw());
      send(bias, g.db());
    }, x, w, bias);
  }

  /** {@link PerExampleConv#conv}: every example its own kernel; gradients flow to input and kernels. */
  public static Variable perExampleConv(Variable x, Variable w, Variable bias, ConvParams p) {
    Tensor y = PerExampleConv.conv(x.value(), w.value(), valueOrNull(bias), p);
    return Variable.fromOp("perExampleConv", y, dy -> {
      ConvGrads g = PerExampleConv.backward(x.value(), w.value(), dy, p, mask(x, w, bias));
      send(x, g.dx());
      send(w, g.dw());
      if (bias != null && bias.requiresGrad() && g.db() != null) {
        // A shared (OC) bias gets the sum over examples of its (N, OC) gradient.
        send(bias, unbroadcast(g.db(), bias.shape()));
      }
    }, x, w, bias);
  }

  /** im2col ({@link Unfold#unfold}); the gradient is {@link Unfold#fold}. */
  public static Variable unfold(Variable x, UnfoldParams p) {
    int[] s = x.shape();
    int[] spatial = Arrays.copyOfRange(s, s.length - p.rank(), s.length);
    return Variable.fromOp("unfold", Unfold.unfold(x.value(), p), dy -> send(x, () -> Unfold.fold(dy, spatial, p)), x);
  }

  /** col2im ({@link Unfold#fold}); the gradient is {@link Unfold#unfold}. */
  public static Variable fold(Variable cols, int[] outputSize, UnfoldParams p) {
    int[] os = outputSize.clone();
    return Variable.fromOp("fold", Unfold.fold(cols.value(), os, p), dy -> send(cols, () -> Unfold.unfold(dy, p)), cols);
  }

  /** Max pooling ({@link MaxPool#forward}); the gradient goes to each window's argmax. */
  public static Variable maxPool(Variable x, MaxPoolParams p) {
    MaxPoolResult r = MaxPool.forward(x.value(), p);
    int[] in = x.shape();
    return Variable.fromOp("maxPool", r.output(), dy -> send(x, () -> MaxPool.backward(dy, r.indices(), in, p)), x);
  }

  /** Average pooling ({@link AvgPool#forward}). */
  public static Variable avgPool(Variable x, AvgPoolParams p) {
    int[] in = x.shape();
    return Variable.fromOp("avgPool", AvgPool.forward(x.value(), p), dy -> send(x, () -> AvgPool.backward(dy, in, p)), x);
  }

  /** Theano's {@code pool_2d} ({@link TheanoPool#forward}). */
  public static Variable theanoPool(Variable x, TheanoPoolParams p) {
    return Variable.fromOp("theanoPool", TheanoPool.forward(x.value(), p),
        dy -> send(x, () -> TheanoPool.backward(x.value(), dy, p)), x);
  }

  // ------------------------------------------------------------------------------------------
  // Regularisation

  /**
   * Inverted dropout: each element is zeroed with probability {@code p} and the rest scaled by
   * {@code 1/(1−p)}, the mask drawn from {@code rng} (Srivastava et al., "Dropout: a simple way to
   * prevent neural networks from overfitting", JMLR 2014).
   *
   * @throws IllegalArgumentException unless {@code 0 ≤ p < 1}
   */
  public static Variable dropout(Variable x, double p, Rng rng) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("dropout: p must be in [0, 1), got " + p);
    }
    if (p == 0) {
      return x;
    }
    Tensor keep = rng.uniform(DType.FLOAT64, 0, 1, x.shape()).lt(p).neg().add(1).mul(1 / (1 - p)).to(x.dtype());
    return Variable.fromOp("dropout", x.value().mul(keep), dy -> send(x, () -> dy.mul(keep)), x);
  }
}
