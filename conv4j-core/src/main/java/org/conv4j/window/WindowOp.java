package org.conv4j.window;

import java.lang.invoke.MethodHandle;
import java.util.function.ToDoubleFunction;
import org.conv4j.internal.TensorAccess;
import org.conv4j.kernels.WindowLoops;
import org.conv4j.kernels.WindowTasks;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * The generic sliding-window operation: any function of a window's values, at every window
 * position, SciPy's {@code generic_filter} (SPEC §3.6) plus stride and valid geometry
 * ({@link WindowSpec}), in parallel, float32 or float64 output.
 *
 * <p>Speed: the function is called on a reused buffer, so a plain Java lambda costs no allocation
 * per window, the loop is specialised per function class so the JIT inlines the lambda into it
 * (see {@link WindowLoops}), along a row the window is filled incrementally, and output rows are
 * split between threads. The seed-000 MSD written as a lambda runs about 75× faster than
 * {@code generic_filter} with the same Python function (docs/BENCHMARKS.md; the lambda's own chain
 * of 100 dependent additions per window is the floor).
 *
 * {@snippet :
 * double[] t = x0.toDoubleArray();                       // the template, C order
 * Tensor msd = WindowOp.apply(z, WindowSpec.size(10, 10).valid(), v -> {
 *   double s = 0;
 *   for (int i = 0; i < v.length; i++) {
 *     double d = v[i] - t[i];
 *     s += d * d;
 *   }
 *   return s / v.length;
 * });                                                    // (491, 491)
 * }
 *
 * <p>Output dtype: {@link WindowSpec#dtype()}, by default the input's; the function's double is
 * rounded once to float32 when needed. Exceptions thrown by the function propagate (the first one,
 * after all threads stop).
 */
public final class WindowOp {
  private WindowOp() {}

  /**
   * Applies {@code fn} to every window.
   *
   * @param x not modified
   * @param fn called once per output element with the window's values (see {@link WindowFunction})
   * @return the output: the input's shape (stride-divided) in ndimage geometry, or the valid shape
   * @throws IllegalArgumentException for a window/rank mismatch, an invalid origin, an empty input
   *     axis, or (valid geometry) a window larger than the input
   */
  public static Tensor apply(Tensor x, WindowSpec spec, WindowFunction fn) {
    if (fn == null) {
      throw new IllegalArgumentException("window function must not be null");
    }
    WindowPlan p = new WindowPlan(x, spec);
    return run(p, fn);
  }

  static Tensor run(WindowPlan p, WindowFunction fn) {
    int size = p.outSize();
    double[] outD = p.outType == DType.FLOAT64 ? new double[size] : null;
    float[] outF = outD == null ? new float[size] : null;
    MethodHandle loop = WindowLoops.loopFor(fn);
    int ow = p.outShape[p.rank - 1];
    WindowTasks.run(p.outRows(), p.threads, (long) ow * p.n * 4, (from, to) ->
        WindowLoops.run(loop, fn, p.src, p.rowOff, p.kx, p.outShape, p.posStride, from, to, outD, outF));
    return outD != null ? TensorAccess.get().wrap(outD, p.outShape) : TensorAccess.get().wrap(outF, p.outShape);
  }

  /**
   * Applies {@code fn} to a {@link Tensor} view of every window (shape = the window size), for
   * functions written with tensor operations. Slower than {@link #apply}: a view object per window.
   * Box windows only (no footprint).
   */
  public static Tensor applyToViews(Tensor x, WindowSpec spec, ToDoubleFunction<Tensor> fn) {
    if (fn == null) {
      throw new IllegalArgumentException("window function must not be null");
    }
    if (spec.footprint() != null) {
      throw new IllegalArgumentException("applyToViews: a footprint is not supported (windows are box views)");
    }
    WindowPlan p = new WindowPlan(x, spec);
    Tensor src = TensorAccess.get().wrap(p.src, p.srcShape);
    int[] srcStride = new int[p.rank];
    int acc = 1;
    for (int a = p.rank - 1; a >= 0; a--) {
      srcStride[a] = acc;
      acc *= p.srcShape[a];
    }
    int size = p.outSize();
    double[] out = new double[size];
    int ow = p.outShape[p.rank - 1];
    WindowTasks.run(p.outRows(), p.threads, (long) ow * p.n * 16, (from, to) -> {
      int[] idx = new int[p.rank];
      for (int o = from * ow; o < to * ow; o++) {
        int rem = o;
        int off = 0;
        for (int a = p.rank - 1; a >= 0; a--) {
          idx[a] = rem % p.outShape[a];
          rem /= p.outShape[a];
          off += idx[a] * p.posStride[a];
        }
        out[o] = fn.applyAsDouble(TensorAccess.get().view(src, p.k, srcStride, off));
      }
    });
    Tensor r = TensorAccess.get().wrap(out, p.outShape);
    return p.outType == DType.FLOAT64 ? r : r.to(p.outType);
  }
}
