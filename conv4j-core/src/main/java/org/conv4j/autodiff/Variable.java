package org.conv4j.autodiff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.conv4j.internal.TensorAccess;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Shape;
import org.conv4j.tensor.Tensor;

/**
 * A node of a reverse-mode autodiff graph: a {@link Tensor} value, its gradient, the variables it
 * was computed from and a closure that sends its gradient to them (micrograd's {@code Value}, over
 * tensors).
 *
 * <p>Lifecycle. A <em>leaf</em> is made with {@link #of} (a constant) or {@link #leaf} (a value whose
 * gradient is wanted). Every op in {@link Ops} (and the fluent methods here, which delegate to it)
 * returns a new variable; it records its inputs and a backward closure only when gradients are
 * enabled (see {@link #noGrad()}) and at least one input {@link #requiresGrad()}. Otherwise the
 * result is a constant and no graph is built, so ops whose inputs need no gradient cost nothing at
 * backward time. {@link #backward()} seeds the root with 1 (scalars only; a non-scalar root needs an
 * explicit seed, {@link #backward(Tensor)}), then visits the graph in reverse topological order and
 * runs each closure once, which <em>accumulates</em> ({@code +=}) into its inputs' gradients, so a
 * value used twice gets the sum. Leaves keep their gradients (call {@link #zeroGrad()} between
 * steps); gradients of intermediate nodes are released as soon as they have been propagated.
 *
 * <p>Gradients have the value's shape and dtype. A leaf that requires a gradient but received none
 * (an unused input) reports zeros. Model parameters are leaves whose gradient lives in a slice of
 * one flat buffer ({@link #leafWithGradBuffer}), so an optimizer is one loop over two arrays.
 *
 * {@snippet :
 * Variable x = Variable.leaf(Tensor.of(new double[] {1, 2, 3}, 3));
 * Variable y = x.mul(x).sum();      // Σ x²
 * y.backward();
 * Tensor dx = x.grad();             // [2, 4, 6]
 * }
 *
 * <p>Not thread-safe: a graph is built and differentiated by one thread; the no-grad switch is per
 * thread.
 */
public final class Variable {
  /** Sends a node's gradient {@code dy} to its inputs (by calling {@link #accumulate} on them). */
  @FunctionalInterface
  public interface Backward {
    /**
     * Accumulates the gradient contributions of this node's inputs.
     *
     * @param dy the gradient of the root with respect to this node's value, its shape; not modified
     */
    void apply(Tensor dy);
  }

  private static final ThreadLocal<int[]> NO_GRAD_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private final Tensor value;
  private final boolean requiresGrad;
  private final String op;
  private final Variable[] inputs;
  private final Backward backward;
  /** Accumulated gradient (null until something arrives); for buffer-backed leaves, unused. */
  private Tensor grad;
  /** For parameters: a contiguous view of the flat gradient buffer that gradients are added into. */
  private final Tensor gradBuffer;

  private Variable(Tensor value, boolean requiresGrad, String op, Variable[] inputs, Backward backward, Tensor gradBuffer) {
    this.value = value;
    this.requiresGrad = requiresGrad;
    this.op = op;
    this.inputs = inputs;
    this.backward = backward;
    this.gradBuffer = gradBuffer;
  }

  // ------------------------------------------------------------------------------------------
  // Leaves

  /** A constant: its gradient is never computed. */
  public static Variable of(Tensor value) {
    return new Variable(requireNonNull(value), false, "const", new Variable[0], null, null);
  }

  /** A leaf whose gradient is computed by {@link #backward()}. */
  public static Variable leaf(Tensor value) {
    return new Variable(requireNonNull(value), true, "leaf", new Variable[0], null, null);
  }

  /** A leaf that requires a gradient or not. */
  public static Variable leaf(Tensor value, boolean requiresGrad) {
    return new Variable(requireNonNull(value), requiresGrad, "leaf", new Variable[0], null, null);
  }

  /**
   * A leaf whose gradient is added straight into {@code gradBuffer}, a C-contiguous tensor of the
   * value's shape and dtype that views a slice of a model's flat gradient array (library use: the
   * buffer's storage is written in place).
   *
   * @throws IllegalArgumentException when the buffer's shape, dtype or layout does not fit
   */
  public static Variable leafWithGradBuffer(Tensor value, Tensor gradBuffer) {
    requireNonNull(value);
    if (!Arrays.equals(value.shape(), gradBuffer.shape()) || value.dtype() != gradBuffer.dtype() || !gradBuffer.isContiguous()) {
      throw new IllegalArgumentException("gradient buffer " + gradBuffer.describe() + " (contiguous: "
          + gradBuffer.isContiguous() + ") does not fit the value " + value.describe());
    }
    return new Variable(value, true, "param", new Variable[0], null, gradBuffer);
  }

  /**
   * The result of an op: records {@code inputs} and {@code backward} when gradients are enabled and
   * some input requires one, otherwise returns a constant. Used by {@link Ops} and by custom ops.
   */
  public static Variable fromOp(String op, Tensor value, Backward backward, Variable... inputs) {
    requireNonNull(value);
    if (!isGradEnabled()) {
      return new Variable(value, false, op, new Variable[0], null, null);
    }
    for (Variable v : inputs) {
      if (v != null && v.requiresGrad) {
        return new Variable(value, true, op, inputs.clone(), backward, null);
      }
    }
    return new Variable(value, false, op, new Variable[0], null, null);
  }

  private static Tensor requireNonNull(Tensor t) {
    if (t == null) {
      throw new NullPointerException("value");
    }
    return t;
  }

  // ------------------------------------------------------------------------------------------
  // No-grad mode

  /** A scope in which ops build no graph; close it to restore the previous mode (nests). */
  public static final class NoGrad implements AutoCloseable {
    private boolean open = true;

    private NoGrad() {
      NO_GRAD_DEPTH.get()[0]++;
    }

    @Override
    public void close() {
      if (open) {
        open = false;
        NO_GRAD_DEPTH.get()[0]--;
      }
    }
  }

  /**
   * Enters no-grad mode for this thread until the returned scope is closed: every op result is a
   * constant, nothing is recorded. For inference and evaluation.
   *
   * {@snippet :
   * try (Variable.NoGrad scope = Variable.noGrad()) {
   *   Tensor logits = model.forward(Variable.of(images)).value();
   * }
   * }
   */
  public static NoGrad noGrad() {
    return new NoGrad();
  }

  /** Whether ops record graphs on this thread (false inside {@link #noGrad()}). */
  public static boolean isGradEnabled() {
    return NO_GRAD_DEPTH.get()[0] == 0;
  }

  // ------------------------------------------------------------------------------------------
  // Accessors

  /** The value (not a copy; tensors are immutable, except parameters, which optimizers update in place). */
  public Tensor value() {
    return value;
  }

  /** Whether {@link #backward()} computes a gradient for this variable. */
  public boolean requiresGrad() {
    return requiresGrad;
  }

  /** The op that produced this variable ({@code "leaf"}, {@code "param"}, {@code "const"}, or an op name). */
  public String op() {
    return op;
  }

  /** The value's shape (a copy). */
  public int[] shape() {
    return value.shape();
  }

  /** The value's dtype. */
  public DType dtype() {
    return value.dtype();
  }

  /** The value's rank. */
  public int rank() {
    return value.rank();
  }

  /** The size of axis {@code axis} (negative counts from the end). */
  public int dim(int axis) {
    return value.dim(axis);
  }

  /** The variables this one was computed from (empty for leaves and constants). */
  public List<Variable> inputs() {
    return List.of(inputs);
  }

  /**
   * The accumulated gradient of the last root(s) {@link #backward} was called on, shaped like the
   * value; zeros when nothing has arrived. For intermediate nodes it is released after use, so read
   * gradients of leaves.
   *
   * @throws IllegalStateException when this variable does not require a gradient
   */
  public Tensor grad() {
    if (!requiresGrad) {
      throw new IllegalStateException("grad: this " + op + " " + value.describe() + " does not require a gradient");
    }
    if (gradBuffer != null) {
      return gradBuffer;
    }
    return grad != null ? grad : Tensor.zeros(value.dtype(), value.shape());
  }

  /** Clears the accumulated gradient (for a buffer-backed leaf, fills its slice with zeros). */
  public void zeroGrad() {
    grad = null;
    if (gradBuffer != null) {
      TensorAccess.Accessor acc = TensorAccess.get();
      int off = acc.offset(gradBuffer);
      int n = gradBuffer.size();
      if (gradBuffer.dtype() == DType.FLOAT32) {
        Arrays.fill(acc.floats(gradBuffer), off, off + n, 0f);
      } else {
        Arrays.fill(acc.doubles(gradBuffer), off, off + n, 0.0);
      }
    }
  }

  /**
   * Adds {@code g} to this variable's gradient (converted to its dtype). Backward closures call it;
   * it does nothing for a variable that requires no gradient.
   *
   * @throws IllegalArgumentException when {@code g} does not have the value's shape
   */
  public void accumulate(Tensor g) {
    if (!requiresGrad) {
      return;
    }
    if (!Arrays.equals(g.shape(), value.shape())) {
      throw new IllegalArgumentException("gradient of shape " + Shape.toString(g.shape()) + " sent to " + op
          + " of shape " + Shape.toString(value.shape()));
    }
    Tensor gt = g.to(value.dtype());
    if (gradBuffer != null) {
      addInto(gradBuffer, gt);
    } else {
      grad = grad == null ? gt : grad.add(gt);
    }
  }

  private static void addInto(Tensor buffer, Tensor g) {
    TensorAccess.Accessor acc = TensorAccess.get();
    Tensor gc = g.contiguous();
    int bo = acc.offset(buffer);
    int go = acc.offset(gc);
    int n = buffer.size();
    if (buffer.dtype() == DType.FLOAT32) {
      float[] b = acc.floats(buffer);
      float[] s = acc.floats(gc);
      for (int i = 0; i < n; i++) {
        b[bo + i] += s[go + i];
      }
    } else {
      double[] b = acc.doubles(buffer);
      double[] s = acc.doubles(gc);
      for (int i = 0; i < n; i++) {
        b[bo + i] += s[go + i];
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Backward

  /**
   * Back-propagates from this scalar (size-1) variable, seeding it with 1.
   *
   * @throws IllegalStateException when the value has more than one element (pass a seed gradient to
   *     {@link #backward(Tensor)}) or this variable requires no gradient
   */
  public void backward() {
    if (value.size() != 1) {
      throw new IllegalStateException("backward: the root has shape " + Shape.toString(value.shape())
          + "; a non-scalar root needs an explicit seed gradient, backward(seed)");
    }
    backward(Tensor.ones(value.dtype(), value.shape()));
  }

  /**
   * Back-propagates from this variable with the seed gradient {@code seed} (the gradient of some
   * scalar with respect to this value): runs every recorded closure between here and the leaves
   * once, in reverse topological order.
   *
   * @throws IllegalArgumentException when {@code seed} does not have the value's shape
   * @throws IllegalStateException when this variable requires no gradient
   */
  public void backward(Tensor seed) {
    if (!requiresGrad) {
      throw new IllegalStateException("backward: this " + op + " " + value.describe()
          + " does not require a gradient (no input required one, or it was computed in no-grad mode)");
    }
    if (!Arrays.equals(seed.shape(), value.shape())) {
      throw new IllegalArgumentException("backward: seed has shape " + Shape.toString(seed.shape())
          + " but the root has shape " + Shape.toString(value.shape()));
    }
    List<Variable> order = topologicalOrder();
    accumulate(seed);
    for (int i = order.size() - 1; i >= 0; i--) {
      Variable v = order.get(i);
      if (v.backward == null) {
        continue;
      }
      Tensor dy = v.grad;
      v.grad = null; // intermediate gradients are released once propagated
      if (dy != null) {
        v.backward.apply(dy);
      }
    }
  }

  /** The nodes reachable from here through inputs that require gradients, inputs before users. */
  private List<Variable> topologicalOrder() {
    List<Variable> order = new ArrayList<>();
    Map<Variable, Boolean> seen = new IdentityHashMap<>();
    // Iterative post-order DFS: deep graphs (long chains of ops) must not overflow the stack.
    ArrayDeque<Object[]> stack = new ArrayDeque<>();
    seen.put(this, Boolean.TRUE);
    stack.push(new Object[] {this, 0});
    while (!stack.isEmpty()) {
      Object[] top = stack.peek();
      Variable v = (Variable) top[0];
      int next = (Integer) top[1];
      if (next < v.inputs.length) {
        top[1] = next + 1;
        Variable in = v.inputs[next];
        if (in != null && in.requiresGrad && seen.put(in, Boolean.TRUE) == null) {
          stack.push(new Object[] {in, 0});
        }
      } else {
        stack.pop();
        order.add(v);
      }
    }
    return order;
  }

  @Override
  public String toString() {
    return "Variable(" + op + ", " + value.describe() + (requiresGrad ? ", requiresGrad" : "") + ")";
  }

  // ------------------------------------------------------------------------------------------
  // Fluent ops (see Ops for the gradient rules)

  /** {@link Ops#add(Variable, Variable)}. */
  public Variable add(Variable other) {
    return Ops.add(this, other);
  }

  /** {@link Ops#sub(Variable, Variable)}. */
  public Variable sub(Variable other) {
    return Ops.sub(this, other);
  }

  /** {@link Ops#mul(Variable, Variable)}. */
  public Variable mul(Variable other) {
    return Ops.mul(this, other);
  }

  /** {@link Ops#div(Variable, Variable)}. */
  public Variable div(Variable other) {
    return Ops.div(this, other);
  }

  /** {@link Ops#pow(Variable, Variable)}. */
  public Variable pow(Variable other) {
    return Ops.pow(this, other);
  }

  /** {@link Ops#add(Variable, double)}. */
  public Variable add(double s) {
    return Ops.add(this, s);
  }

  /** {@link Ops#sub(Variable, double)}. */
  public Variable sub(double s) {
    return Ops.sub(this, s);
  }

  /** {@link Ops#mul(Variable, double)}. */
  public Variable mul(double s) {
    return Ops.mul(this, s);
  }

  /** {@link Ops#div(Variable, double)}. */
  public Variable div(double s) {
    return Ops.div(this, s);
  }

  /** {@link Ops#pow(Variable, double)}. */
  public Variable pow(double p) {
    return Ops.pow(this, p);
  }

  /** {@link Ops#neg}. */
  public Variable neg() {
    return Ops.neg(this);
  }

  /** {@link Ops#exp}. */
  public Variable exp() {
    return Ops.exp(this);
  }

  /** {@link Ops#log}. */
  public Variable log() {
    return Ops.log(this);
  }

  /** {@link Ops#tanh}. */
  public Variable tanh() {
    return Ops.tanh(this);
  }

  /** {@link Ops#sigmoid}. */
  public Variable sigmoid() {
    return Ops.sigmoid(this);
  }

  /** {@link Ops#relu}. */
  public Variable relu() {
    return Ops.relu(this);
  }

  /** {@link Ops#sum(Variable)}. */
  public Variable sum() {
    return Ops.sum(this);
  }

  /** {@link Ops#sum(Variable, int[], boolean)}. */
  public Variable sum(int[] axes, boolean keepdims) {
    return Ops.sum(this, axes, keepdims);
  }

  /** {@link Ops#mean(Variable)}. */
  public Variable mean() {
    return Ops.mean(this);
  }

  /** {@link Ops#mean(Variable, int[], boolean)}. */
  public Variable mean(int[] axes, boolean keepdims) {
    return Ops.mean(this, axes, keepdims);
  }

  /** {@link Ops#reshape}. */
  public Variable reshape(int... shape) {
    return Ops.reshape(this, shape);
  }

  /** {@link Ops#permute}. */
  public Variable permute(int... axes) {
    return Ops.permute(this, axes);
  }

  /** {@link Ops#matmul}. */
  public Variable matmul(Variable other) {
    return Ops.matmul(this, other);
  }
}
