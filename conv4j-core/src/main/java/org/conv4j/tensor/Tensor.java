package org.conv4j.tensor;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.conv4j.internal.TensorAccess;
import org.conv4j.window.PadMode;

/**
 * An immutable N-d array of {@link DType#FLOAT32} or {@link DType#FLOAT64} values, rank 0 to 8,
 * with NumPy semantics: C-order shapes, element strides, views that share storage (slicing with
 * steps, {@link #permute}, {@link #reshape} of contiguous data, {@link #expand}, {@link #flip}),
 * elementwise operations with broadcasting, reductions over any axes, batched {@link #matmul}.
 *
 * <p>No method modifies a tensor: every operation returns a new tensor or a view. Views never copy
 * data; {@link #contiguous()} materialises one when a kernel needs C order.
 *
 * <p>Type rules follow NumPy 2: float32 op float32 gives float32, anything with float64 gives
 * float64, and a Java {@code double} scalar does not promote ({@code float32 + 0.5} stays float32).
 * Float32 sums are accumulated in double and rounded once.
 *
 * {@snippet :
 * Tensor x = Tensor.arange(DType.FLOAT64, 6).reshape(2, 3);   // [[0, 1, 2], [3, 4, 5]]
 * Tensor y = x.mul(2).add(Tensor.of(new double[] {1, 0, -1}, 3)); // broadcast over rows
 * Tensor s = y.sum(new int[] {1}, false);                      // shape (2,)
 * System.out.println(y);                                       // NumPy-style printing
 * }
 */
public final class Tensor {
  static {
    TensorAccess.install(new Access());
  }

  final DType dtype;
  final int[] shape;
  final int[] strides;
  final int offset;
  final int size;
  final float[] f;
  final double[] d;

  Tensor(DType dtype, int[] shape, int[] strides, int offset, float[] f, double[] d) {
    this.dtype = dtype;
    this.shape = shape;
    this.strides = strides;
    this.offset = offset;
    this.size = Shape.size(shape);
    this.f = f;
    this.d = d;
  }

  /** A contiguous tensor over owned float storage. */
  static Tensor wrap(float[] data, int[] shape) {
    return new Tensor(DType.FLOAT32, shape, Shape.contiguousStrides(shape), 0, data, null);
  }

  /** A contiguous tensor over owned double storage. */
  static Tensor wrap(double[] data, int[] shape) {
    return new Tensor(DType.FLOAT64, shape, Shape.contiguousStrides(shape), 0, null, data);
  }

  static Tensor alloc(DType dtype, int[] shape) {
    int n = Shape.checkedSize(shape);
    return dtype == DType.FLOAT32 ? wrap(new float[n], shape) : wrap(new double[n], shape);
  }

  // ------------------------------------------------------------------------------------------
  // Factories

  /**
   * A float32 tensor holding a copy of {@code data} in C order.
   *
   * @throws IllegalArgumentException if {@code data.length} is not the shape's element count
   */
  public static Tensor of(float[] data, int... shape) {
    int[] s = shape.clone();
    int n = Shape.checkedSize(s);
    if (data.length != n) {
      throw new IllegalArgumentException(
          "data has " + data.length + " elements but shape " + Shape.toString(s) + " needs " + n);
    }
    return wrap(data.clone(), s);
  }

  /**
   * A float64 tensor holding a copy of {@code data} in C order.
   *
   * @throws IllegalArgumentException if {@code data.length} is not the shape's element count
   */
  public static Tensor of(double[] data, int... shape) {
    int[] s = shape.clone();
    int n = Shape.checkedSize(s);
    if (data.length != n) {
      throw new IllegalArgumentException(
          "data has " + data.length + " elements but shape " + Shape.toString(s) + " needs " + n);
    }
    return wrap(data.clone(), s);
  }

  /** A float64 tensor from a rectangular 2-D array (rows of equal length). */
  public static Tensor of(double[][] rows) {
    int r = rows.length;
    int c = r == 0 ? 0 : rows[0].length;
    double[] out = new double[Math.multiplyExact(r, c)];
    for (int i = 0; i < r; i++) {
      if (rows[i].length != c) {
        throw new IllegalArgumentException(
            "rows must have equal length: row 0 has " + c + ", row " + i + " has " + rows[i].length);
      }
      System.arraycopy(rows[i], 0, out, i * c, c);
    }
    return wrap(out, new int[] {r, c});
  }

  /** A zero-filled tensor. */
  public static Tensor zeros(DType dtype, int... shape) {
    return alloc(dtype, shape.clone());
  }

  /** A tensor filled with ones. */
  public static Tensor ones(DType dtype, int... shape) {
    return full(dtype, 1.0, shape);
  }

  /** A tensor filled with {@code value} (rounded to float32 for that dtype). */
  public static Tensor full(DType dtype, double value, int... shape) {
    Tensor t = alloc(dtype, shape.clone());
    if (t.f != null) {
      Arrays.fill(t.f, (float) value);
    } else {
      Arrays.fill(t.d, value);
    }
    return t;
  }

  /** A rank-0 float64 tensor. */
  public static Tensor scalar(double value) {
    return scalar(DType.FLOAT64, value);
  }

  /** A rank-0 tensor of the given dtype. */
  public static Tensor scalar(DType dtype, double value) {
    return full(dtype, value);
  }

  /** {@code [0, 1, …, n−1]} as a 1-D tensor (NumPy {@code arange(n)}). */
  public static Tensor arange(DType dtype, int n) {
    return arange(dtype, 0, n, 1);
  }

  /**
   * {@code ceil((stop − start)/step)} values from {@code start} in steps of {@code step}, bit for
   * bit as NumPy's {@code arange(start, stop, step, dtype)}: NumPy stores {@code start} and
   * {@code start + step} in the dtype, then fills {@code v[i] = v[0] + i·(v[1] − v[0])} in the
   * dtype's arithmetic (so float32 values can differ from the rounded exact {@code start + i·step}).
   */
  public static Tensor arange(DType dtype, double start, double stop, double step) {
    if (step == 0 || !Double.isFinite(step) || !Double.isFinite(start) || !Double.isFinite(stop)) {
      throw new IllegalArgumentException(
          "arange: start, stop and step must be finite and step non-zero (got " + start + ", " + stop + ", " + step + ")");
    }
    double len = Math.ceil((stop - start) / step);
    if (len > Shape.MAX_SIZE) {
      throw new IllegalArgumentException("arange: " + len + " elements is too many");
    }
    int n = (int) Math.max(0, len);
    Tensor t = alloc(dtype, new int[] {n});
    // NumPy's PyArray_Arange + the dtype's fill(): first two values cast, then start + i·delta.
    if (t.f != null) {
      float v0 = (float) start;
      float delta = (float) (start + step) - v0;
      for (int i = 0; i < n; i++) {
        t.f[i] = i == 0 ? v0 : i == 1 ? (float) (start + step) : v0 + (float) i * delta;
      }
    } else {
      double delta = (start + step) - start;
      for (int i = 0; i < n; i++) {
        t.d[i] = i == 0 ? start : i == 1 ? start + step : start + i * delta;
      }
    }
    return t;
  }

  // ------------------------------------------------------------------------------------------
  // Metadata

  /** The element type. */
  public DType dtype() {
    return dtype;
  }

  /** A copy of the shape. */
  public int[] shape() {
    return shape.clone();
  }

  /** The size of axis {@code axis} (negative counts from the end). */
  public int dim(int axis) {
    return shape[Shape.axis(axis, shape.length)];
  }

  /** The number of axes. */
  public int rank() {
    return shape.length;
  }

  /** The number of elements. */
  public int size() {
    return size;
  }

  /** A copy of the element strides (may be zero for broadcast axes, negative for flipped ones). */
  public int[] strides() {
    return strides.clone();
  }

  /**
   * Whether the elements lie in C order from the start of the storage window without gaps. An empty
   * tensor is contiguous whatever its strides, as NumPy's {@code flags.c_contiguous} says.
   */
  public boolean isContiguous() {
    if (size == 0) {
      return true;
    }
    int acc = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      if (shape[i] != 1 && strides[i] != acc) {
        return false;
      }
      acc *= shape[i];
    }
    return true;
  }

  // ------------------------------------------------------------------------------------------
  // Element access and copies

  /**
   * The element at a full index (negative indices count from the end), as a double.
   *
   * @throws IndexOutOfBoundsException naming the index, the axis and the shape
   */
  public double get(int... index) {
    if (index.length != shape.length) {
      throw new IllegalArgumentException(
          "get: index has " + index.length + " entries but the tensor has rank " + shape.length
              + " (shape " + Shape.toString(shape) + ")");
    }
    int pos = offset;
    for (int i = 0; i < index.length; i++) {
      int k = index[i] < 0 ? index[i] + shape[i] : index[i];
      if (k < 0 || k >= shape[i]) {
        throw new IndexOutOfBoundsException(
            "get: index " + index[i] + " is out of bounds for axis " + i + " of size " + shape[i]
                + " (shape " + Shape.toString(shape) + ")");
      }
      pos += k * strides[i];
    }
    return f != null ? f[pos] : d[pos];
  }

  /** The single element of a tensor of size 1. */
  public double item() {
    if (size != 1) {
      throw new IllegalStateException(
          "item: only a tensor with one element can be converted to a scalar; shape is " + Shape.toString(shape));
    }
    return f != null ? f[offset] : d[offset];
  }

  /** The elements in C order as a new float array (float64 values are rounded). */
  public float[] toFloatArray() {
    if (f != null && isContiguous() && offset == 0 && f.length == size) {
      return f.clone();
    }
    float[] out = new float[size];
    Strided.copyTo(this, out);
    return out;
  }

  /** The elements in C order as a new double array. */
  public double[] toDoubleArray() {
    if (d != null && isContiguous() && offset == 0 && d.length == size) {
      return d.clone();
    }
    double[] out = new double[size];
    Strided.copyTo(this, out);
    return out;
  }

  /** This tensor converted to {@code dtype} (this tensor itself when it already has it). */
  public Tensor to(DType dtype) {
    if (dtype == this.dtype) {
      return this;
    }
    return dtype == DType.FLOAT32 ? wrap(toFloatArray(), shape.clone()) : wrap(toDoubleArray(), shape.clone());
  }

  /** This tensor if it is C-contiguous, otherwise a C-ordered copy. */
  public Tensor contiguous() {
    return isContiguous() ? this : copy();
  }

  /** A C-ordered copy with its own storage. */
  public Tensor copy() {
    return f != null ? wrap(toFloatArray(), shape.clone()) : wrap(toDoubleArray(), shape.clone());
  }

  // ------------------------------------------------------------------------------------------
  // Views

  /**
   * A view of every {@code step}-th element of {@code [start, stop)} along {@code axis}, with
   * Python's slice rules: negative {@code start}/{@code stop} count from the end, out-of-range
   * bounds are clipped, a negative step walks backwards. Use {@link Integer#MAX_VALUE} /
   * {@link Integer#MIN_VALUE} for an open end.
   */
  public Tensor slice(int axis, int start, int stop, int step) {
    int ax = Shape.axis(axis, shape.length);
    if (step == 0) {
      throw new IllegalArgumentException("slice: step must not be zero (axis " + axis + ")");
    }
    int n = shape[ax];
    int[] r = Slicing.resolve(start, stop, step, n);
    int[] ns = shape.clone();
    int[] nst = strides.clone();
    ns[ax] = r[2];
    nst[ax] = strides[ax] * step;
    int off = offset + (r[2] == 0 ? 0 : r[0] * strides[ax]);
    return new Tensor(dtype, ns, nst, off, f, d);
  }

  /**
   * A view selected by a NumPy index expression: comma-separated entries, each an integer (drops
   * the axis), a slice {@code start:stop:step} with optional parts, {@code ...} (as many full
   * slices as needed) or {@code None}/{@code newaxis} (a new axis of size 1). Example:
   * {@code x.slice("1:3, ::-1")}, {@code z.slice("123:133, 321:331")}.
   */
  public Tensor slice(String index) {
    return Slicing.apply(this, index);
  }

  /** The view at {@code index} along {@code axis}, without that axis. */
  public Tensor select(int axis, int index) {
    int ax = Shape.axis(axis, shape.length);
    int k = index < 0 ? index + shape[ax] : index;
    if (k < 0 || k >= shape[ax]) {
      throw new IndexOutOfBoundsException(
          "select: index " + index + " is out of bounds for axis " + axis + " of size " + shape[ax]
              + " (shape " + Shape.toString(shape) + ")");
    }
    int[] ns = new int[shape.length - 1];
    int[] nst = new int[shape.length - 1];
    for (int i = 0, j = 0; i < shape.length; i++) {
      if (i != ax) {
        ns[j] = shape[i];
        nst[j++] = strides[i];
      }
    }
    return new Tensor(dtype, ns, nst, offset + k * strides[ax], f, d);
  }

  /** A view with the axes reordered: axis {@code i} of the result is axis {@code axes[i]} here. */
  public Tensor permute(int... axes) {
    if (axes.length != shape.length) {
      throw new IllegalArgumentException(
          "permute: " + Arrays.toString(axes) + " has " + axes.length + " axes but the tensor has rank "
              + shape.length + " (shape " + Shape.toString(shape) + ")");
    }
    boolean[] seen = new boolean[shape.length];
    int[] ns = new int[shape.length];
    int[] nst = new int[shape.length];
    for (int i = 0; i < axes.length; i++) {
      int a = Shape.axis(axes[i], shape.length);
      if (seen[a]) {
        throw new IllegalArgumentException("permute: axis " + axes[i] + " repeated in " + Arrays.toString(axes));
      }
      seen[a] = true;
      ns[i] = shape[a];
      nst[i] = strides[a];
    }
    return new Tensor(dtype, ns, nst, offset, f, d);
  }

  /** All axes reversed (NumPy {@code .T}). */
  public Tensor transpose() {
    int[] axes = new int[shape.length];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = shape.length - 1 - i;
    }
    return permute(axes);
  }

  /** A view with axes {@code a} and {@code b} swapped. */
  public Tensor transpose(int a, int b) {
    int[] axes = new int[shape.length];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i;
    }
    int x = Shape.axis(a, shape.length);
    int y = Shape.axis(b, shape.length);
    axes[x] = y;
    axes[y] = x;
    return permute(axes);
  }

  /**
   * The same elements in C order with another shape; one entry may be {@code -1} (inferred). A
   * view when the data allow it (always for contiguous tensors), otherwise a copy, as NumPy does.
   */
  public Tensor reshape(int... newShape) {
    int[] ns = Slicing.inferShape(newShape, size, shape);
    int[] st = Slicing.viewStrides(shape, strides, ns);
    if (st != null) {
      return new Tensor(dtype, ns, st, offset, f, d);
    }
    Tensor c = copy();
    return new Tensor(dtype, ns, Shape.contiguousStrides(ns), 0, c.f, c.d);
  }

  /** A 1-D view or copy of all elements in C order. */
  public Tensor flatten() {
    return reshape(-1);
  }

  /**
   * A broadcast view with shape {@code newShape} (NumPy {@code broadcast_to}): new leading axes
   * and axes of size 1 get stride 0; {@code -1} keeps a dimension.
   */
  public Tensor expand(int... newShape) {
    int r = newShape.length;
    if (r < shape.length) {
      throw new IllegalArgumentException(
          "expand: cannot broadcast shape " + Shape.toString(shape) + " to fewer axes " + Arrays.toString(newShape));
    }
    int[] ns = new int[r];
    int[] nst = new int[r];
    for (int i = 0; i < r; i++) {
      int j = i - (r - shape.length);
      int want = newShape[i];
      if (want < -1 || (want == -1 && j < 0)) {
        throw new IllegalArgumentException(
            "expand: negative size " + want + " at axis " + i + " of " + Arrays.toString(newShape)
                + " (-1, keeping the size, is only allowed for an existing axis)");
      }
      if (j < 0) {
        ns[i] = want;
        nst[i] = 0;
      } else if (want == -1 || want == shape[j]) {
        ns[i] = shape[j];
        nst[i] = strides[j];
      } else if (shape[j] == 1 && want >= 0) {
        ns[i] = want;
        nst[i] = 0;
      } else {
        throw new IllegalArgumentException(
            "expand: cannot broadcast shape " + Shape.toString(shape) + " to " + Arrays.toString(newShape)
                + ": axis " + i + " has size " + shape[j] + " (only size-1 axes can be expanded)");
      }
    }
    Shape.checkedSize(ns);
    return new Tensor(dtype, ns, nst, offset, f, d);
  }

  /** Alias of {@link #expand}, NumPy's name. */
  public Tensor broadcastTo(int... newShape) {
    return expand(newShape);
  }

  /** A view reversed along the given axes (all axes when none are given). */
  public Tensor flip(int... axes) {
    int[] which = axes;
    if (which.length == 0) {
      which = new int[shape.length];
      for (int i = 0; i < which.length; i++) {
        which[i] = i;
      }
    }
    int[] nst = strides.clone();
    int off = offset;
    boolean[] seen = new boolean[shape.length];
    for (int a : which) {
      int ax = Shape.axis(a, shape.length);
      if (seen[ax]) {
        throw new IllegalArgumentException("flip: axis " + a + " repeated");
      }
      seen[ax] = true;
      if (shape[ax] > 0) {
        off += (shape[ax] - 1) * strides[ax];
      }
      nst[ax] = -strides[ax];
    }
    return new Tensor(dtype, shape.clone(), nst, off, f, d);
  }

  /** A view with a new axis of size 1 at {@code axis} (NumPy {@code expand_dims}). */
  public Tensor unsqueeze(int axis) {
    int r = shape.length + 1;
    int ax = Shape.axis(axis, r);
    int[] ns = new int[r];
    int[] nst = new int[r];
    for (int i = 0, j = 0; i < r; i++) {
      if (i == ax) {
        ns[i] = 1;
        nst[i] = 0;
      } else {
        ns[i] = shape[j];
        nst[i] = strides[j++];
      }
    }
    if (r > Shape.MAX_RANK) {
      Shape.checkedSize(ns);
    }
    return new Tensor(dtype, ns, nst, offset, f, d);
  }

  /** A view without the given size-1 axes (all size-1 axes when none are given). */
  public Tensor squeeze(int... axes) {
    boolean[] drop = new boolean[shape.length];
    if (axes.length == 0) {
      for (int i = 0; i < shape.length; i++) {
        drop[i] = shape[i] == 1;
      }
    } else {
      for (int a : axes) {
        int ax = Shape.axis(a, shape.length);
        if (drop[ax]) {
          throw new IllegalArgumentException("squeeze: axis " + a + " repeated in " + Arrays.toString(axes));
        }
        if (shape[ax] != 1) {
          throw new IllegalArgumentException(
              "squeeze: axis " + a + " has size " + shape[ax] + ", not 1 (shape " + Shape.toString(shape) + ")");
        }
        drop[ax] = true;
      }
    }
    int keep = 0;
    for (boolean b : drop) {
      keep += b ? 0 : 1;
    }
    int[] ns = new int[keep];
    int[] nst = new int[keep];
    for (int i = 0, j = 0; i < shape.length; i++) {
      if (!drop[i]) {
        ns[j] = shape[i];
        nst[j++] = strides[i];
      }
    }
    return new Tensor(dtype, ns, nst, offset, f, d);
  }

  // ------------------------------------------------------------------------------------------
  // Elementwise (NumPy broadcasting)

  /** {@code this + other}, broadcast. */
  public Tensor add(Tensor other) {
    return Elementwise.binary(this, other, Elementwise.Op.ADD);
  }

  /** {@code this − other}, broadcast. */
  public Tensor sub(Tensor other) {
    return Elementwise.binary(this, other, Elementwise.Op.SUB);
  }

  /** {@code this · other}, broadcast. */
  public Tensor mul(Tensor other) {
    return Elementwise.binary(this, other, Elementwise.Op.MUL);
  }

  /** {@code this / other}, broadcast (IEEE: x/0 is ±inf or NaN). */
  public Tensor div(Tensor other) {
    return Elementwise.binary(this, other, Elementwise.Op.DIV);
  }

  /**
   * {@code this ** other}, broadcast, with C99/NumPy special cases ({@code 1 ** nan = 1},
   * {@code (−1) ** ±inf = 1}; otherwise as {@link Math#pow}).
   */
  public Tensor pow(Tensor other) {
    return Elementwise.binary(this, other, Elementwise.Op.POW);
  }

  /** Elementwise maximum (NaN propagates, as {@code np.maximum}). */
  public Tensor maximum(Tensor other) {
    return Elementwise.binary(this, other, Elementwise.Op.MAXIMUM);
  }

  /** Elementwise minimum (NaN propagates, as {@code np.minimum}). */
  public Tensor minimum(Tensor other) {
    return Elementwise.binary(this, other, Elementwise.Op.MINIMUM);
  }

  /** {@code this + s}. */
  public Tensor add(double s) {
    return Elementwise.scalar(this, s, Elementwise.Op.ADD);
  }

  /** {@code this − s}. */
  public Tensor sub(double s) {
    return Elementwise.scalar(this, s, Elementwise.Op.SUB);
  }

  /** {@code this · s}. */
  public Tensor mul(double s) {
    return Elementwise.scalar(this, s, Elementwise.Op.MUL);
  }

  /** {@code this / s}. */
  public Tensor div(double s) {
    return Elementwise.scalar(this, s, Elementwise.Op.DIV);
  }

  /** {@code this ** s}. */
  public Tensor pow(double s) {
    return Elementwise.scalar(this, s, Elementwise.Op.POW);
  }

  /** Comparison {@code this == other}: 1 where true, 0 where false, in the promoted dtype. */
  public Tensor eq(Tensor other) {
    return Elementwise.binary(this, other, Elementwise.Op.EQ);
  }

  /** Comparison {@code this != other} (1/0). */
  public Tensor ne(Tensor other) {
    return Elementwise.binary(this, other, Elementwise.Op.NE);
  }

  /** Comparison {@code this < other} (1/0). */
  public Tensor lt(Tensor other) {
    return Elementwise.binary(this, other, Elementwise.Op.LT);
  }

  /** Comparison {@code this <= other} (1/0). */
  public Tensor le(Tensor other) {
    return Elementwise.binary(this, other, Elementwise.Op.LE);
  }

  /** Comparison {@code this > other} (1/0). */
  public Tensor gt(Tensor other) {
    return Elementwise.binary(this, other, Elementwise.Op.GT);
  }

  /** Comparison {@code this >= other} (1/0). */
  public Tensor ge(Tensor other) {
    return Elementwise.binary(this, other, Elementwise.Op.GE);
  }

  /** Comparison with a scalar {@code this == s} (1/0). */
  public Tensor eq(double s) {
    return Elementwise.scalar(this, s, Elementwise.Op.EQ);
  }

  /** Comparison with a scalar {@code this < s} (1/0). */
  public Tensor lt(double s) {
    return Elementwise.scalar(this, s, Elementwise.Op.LT);
  }

  /** Comparison with a scalar {@code this > s} (1/0). */
  public Tensor gt(double s) {
    return Elementwise.scalar(this, s, Elementwise.Op.GT);
  }

  /** {@code −this}. */
  public Tensor neg() {
    return Elementwise.unary(this, Elementwise.Fn.NEG);
  }

  /** {@code |this|}. */
  public Tensor abs() {
    return Elementwise.unary(this, Elementwise.Fn.ABS);
  }

  /** {@code e^this}. */
  public Tensor exp() {
    return Elementwise.unary(this, Elementwise.Fn.EXP);
  }

  /** Natural logarithm (NaN for negative input, −inf at 0). */
  public Tensor log() {
    return Elementwise.unary(this, Elementwise.Fn.LOG);
  }

  /** Square root (NaN for negative input). */
  public Tensor sqrt() {
    return Elementwise.unary(this, Elementwise.Fn.SQRT);
  }

  /** Hyperbolic tangent. */
  public Tensor tanh() {
    return Elementwise.unary(this, Elementwise.Fn.TANH);
  }

  /** Logistic sigmoid {@code 1/(1+e^−x)}, computed without overflow. */
  public Tensor sigmoid() {
    return Elementwise.unary(this, Elementwise.Fn.SIGMOID);
  }

  /** {@code max(x, 0)} (NaN stays NaN). */
  public Tensor relu() {
    return Elementwise.unary(this, Elementwise.Fn.RELU);
  }

  /**
   * Values clipped to {@code [min, max]} ({@code np.clip}); NaN stays NaN. Pass
   * {@code Double.NEGATIVE_INFINITY}/{@code POSITIVE_INFINITY} for an open side.
   */
  public Tensor clamp(double min, double max) {
    if (min > max) {
      throw new IllegalArgumentException("clamp: min " + min + " is greater than max " + max);
    }
    if (Double.isNaN(min) || Double.isNaN(max)) {
      // np.clip would return all NaN; a NaN bound is a caller bug, refused like min > max.
      throw new IllegalArgumentException("clamp: bounds must not be NaN, got min " + min + ", max " + max);
    }
    return Elementwise.clamp(this, min, max);
  }

  /** Any function of one value applied to every element (computed in double, stored in this dtype). */
  public Tensor map(DoubleUnaryOperator fn) {
    return Elementwise.map(this, fn);
  }

  // ------------------------------------------------------------------------------------------
  // Reductions

  /** Sum of all elements, as a rank-0 tensor. */
  public Tensor sum() {
    return Reductions.reduce(this, Reductions.Kind.SUM, null, false, 0);
  }

  /** Sum over {@code axes} (all when empty), keeping them as size-1 axes when {@code keepdims}. */
  public Tensor sum(int[] axes, boolean keepdims) {
    return Reductions.reduce(this, Reductions.Kind.SUM, axes, keepdims, 0);
  }

  /** Mean of all elements. */
  public Tensor mean() {
    return Reductions.reduce(this, Reductions.Kind.MEAN, null, false, 0);
  }

  /** Mean over {@code axes}. */
  public Tensor mean(int[] axes, boolean keepdims) {
    return Reductions.reduce(this, Reductions.Kind.MEAN, axes, keepdims, 0);
  }

  /** Population variance (ddof 0) of all elements. */
  public Tensor var() {
    return Reductions.reduce(this, Reductions.Kind.VAR, null, false, 0);
  }

  /**
   * Variance over {@code axes} with {@code ddof} delta degrees of freedom (NumPy {@code var}):
   * {@code Σ(x − mean)² / max(n − ddof, 0)}, so {@code ddof >= n} gives inf (NaN when all equal).
   */
  public Tensor var(int[] axes, int ddof, boolean keepdims) {
    return Reductions.reduce(this, Reductions.Kind.VAR, axes, keepdims, ddof);
  }

  /** Population standard deviation (ddof 0) of all elements. */
  public Tensor std() {
    return Reductions.reduce(this, Reductions.Kind.STD, null, false, 0);
  }

  /** Standard deviation over {@code axes} with {@code ddof}. */
  public Tensor std(int[] axes, int ddof, boolean keepdims) {
    return Reductions.reduce(this, Reductions.Kind.STD, axes, keepdims, ddof);
  }

  /** Minimum of all elements (NaN if any is NaN; an error for an empty tensor). */
  public Tensor min() {
    return Reductions.reduce(this, Reductions.Kind.MIN, null, false, 0);
  }

  /** Minimum over {@code axes}. */
  public Tensor min(int[] axes, boolean keepdims) {
    return Reductions.reduce(this, Reductions.Kind.MIN, axes, keepdims, 0);
  }

  /** Maximum of all elements (NaN if any is NaN; an error for an empty tensor). */
  public Tensor max() {
    return Reductions.reduce(this, Reductions.Kind.MAX, null, false, 0);
  }

  /** Maximum over {@code axes}. */
  public Tensor max(int[] axes, boolean keepdims) {
    return Reductions.reduce(this, Reductions.Kind.MAX, axes, keepdims, 0);
  }

  /** Flat C-order index of the first minimum (of the first NaN, if any), as NumPy. */
  public long argmin() {
    return Reductions.argFlat(this, false);
  }

  /** Flat C-order index of the first maximum (of the first NaN, if any), as NumPy. */
  public long argmax() {
    return Reductions.argFlat(this, true);
  }

  /**
   * Indices of the first minimum along {@code axis}, as a float64 tensor of integral values (exact
   * below 2<sup>53</sup>).
   */
  public Tensor argmin(int axis, boolean keepdims) {
    return Reductions.argAxis(this, axis, keepdims, false);
  }

  /** Indices of the first maximum along {@code axis}, as a float64 tensor of integral values. */
  public Tensor argmax(int axis, boolean keepdims) {
    return Reductions.argAxis(this, axis, keepdims, true);
  }

  // ------------------------------------------------------------------------------------------
  // Linear algebra, joining, padding

  /**
   * Matrix product with NumPy {@code matmul} rules: 1-D operands are promoted to a row (left) or
   * column (right) and the added axis removed again; leading batch axes broadcast.
   */
  public Tensor matmul(Tensor other) {
    return LinAlg.matmul(this, other);
  }

  /** Tensors joined along an existing axis; all other axes must match. */
  public static Tensor concat(int axis, Tensor... tensors) {
    return Joins.concat(axis, tensors);
  }

  /** Tensors of equal shape joined along a new axis. */
  public static Tensor stack(int axis, Tensor... tensors) {
    return Joins.stack(axis, tensors);
  }

  /** Splits into {@code sections} equal views along {@code axis} ({@code np.split} with an int). */
  public List<Tensor> split(int axis, int sections) {
    return Joins.split(this, axis, sections);
  }

  /**
   * Splits into views at the given indices along {@code axis} ({@code np.split} with a list):
   * piece {@code k} is {@code [indices[k−1], indices[k])} with Python slice rules (negative indices
   * count from the end, out-of-range ones are clipped, backwards ranges are empty).
   */
  public List<Tensor> splitAt(int axis, int... indices) {
    return Joins.splitAt(this, axis, indices);
  }

  /**
   * Pads each axis {@code i} by {@code padWidth[i][0]} before and {@code padWidth[i][1]} after
   * with the boundary rule {@code mode} ({@code np.pad}); {@code value} is used by
   * {@link PadMode#CONSTANT}. {@code padWidth} may have one row (applied to every axis) or one per
   * axis.
   */
  public Tensor pad(int[][] padWidth, PadMode mode, double value) {
    return Padding.pad(this, padWidth, mode, value);
  }

  /** {@link #pad(int[][], PadMode, double)} with value 0. */
  public Tensor pad(int[][] padWidth, PadMode mode) {
    return Padding.pad(this, padWidth, mode, 0.0);
  }

  // ------------------------------------------------------------------------------------------
  // Comparison and printing

  /**
   * NumPy {@code allclose}: same shape (after broadcasting) and
   * {@code |a − b| ≤ atol + rtol·|b|} everywhere; NaNs equal only when {@code equalNan}.
   */
  public boolean allClose(Tensor other, double rtol, double atol, boolean equalNan) {
    return Reductions.allClose(this, other, rtol, atol, equalNan);
  }

  /** Whether both tensors have the same shape and bit-identical values (dtype ignored). */
  public boolean valuesEqual(Tensor other) {
    return Arrays.equals(shape, other.shape) && Arrays.equals(toDoubleArray(), other.toDoubleArray());
  }

  /** NumPy-style text ({@code repr} of {@code str}): {@code [[ 0.  2. -1.] …]}, summarised when large. */
  @Override
  public String toString() {
    return NumpyFormat.format(this);
  }

  /** A one-line description: dtype and shape. */
  public String describe() {
    return "Tensor(" + dtype + ", shape=" + Shape.toString(shape) + ")";
  }

  // ------------------------------------------------------------------------------------------

  private static final class Access implements TensorAccess.Accessor {
    @Override
    public Tensor wrap(float[] data, int[] shape) {
      if (Shape.checkedSize(shape) != data.length) {
        throw new IllegalArgumentException("wrap: " + data.length + " elements for shape " + Shape.toString(shape));
      }
      return Tensor.wrap(data, shape.clone());
    }

    @Override
    public Tensor wrap(double[] data, int[] shape) {
      if (Shape.checkedSize(shape) != data.length) {
        throw new IllegalArgumentException("wrap: " + data.length + " elements for shape " + Shape.toString(shape));
      }
      return Tensor.wrap(data, shape.clone());
    }

    @Override
    public Tensor view(Tensor base, int[] shape, int[] strides, int offset) {
      return new Tensor(base.dtype, shape.clone(), strides.clone(), offset, base.f, base.d);
    }

    @Override
    public float[] floats(Tensor t) {
      return t.f;
    }

    @Override
    public double[] doubles(Tensor t) {
      return t.d;
    }

    @Override
    public int offset(Tensor t) {
      return t.offset;
    }

    @Override
    public int[] strides(Tensor t) {
      return t.strides;
    }

    @Override
    public Tensor zeros(DType dtype, int[] shape) {
      return alloc(dtype, shape.clone());
    }
  }
}
