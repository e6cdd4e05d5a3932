package org.conv4j.signal;

import java.util.Arrays;
import org.conv4j.internal.TensorAccess;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * SciPy's {@code scipy.signal} convolutions in Java: {@code convolve}, {@code correlate},
 * {@code fftconvolve}, {@code oaconvolve} (with {@code axes}), {@code convolve2d} /
 * {@code correlate2d} (boundary fill/wrap/symm), {@code correlation_lags} and
 * {@code choose_conv_method}, plus batched per-example kernels ({@link #convolveBatched}). The
 * semantics are SPEC §1–§2 to the letter: output slices of §1.2 (including the even-kernel anchor
 * of {@code correlate}'s {@code same} mode and the {@code valid}-mode swap), the broadcast rules of
 * §2.3 and the boundary index formulas of §2.5.
 *
 * <p>N-d, float32 and float64. The result is float32 when both inputs are float32, else float64
 * (NumPy's {@code result_type}). float32 stays float32 throughout, as in SciPy: direct sums are
 * accumulated in float (one fused multiply-add per tap), the FFT and overlap-add paths use float32
 * transforms; float64 inputs are computed in float64.
 *
 * <p>Left out of SciPy's behaviour, because conv4j tensors are float32/float64 only: integer
 * inputs (SciPy's wrap-around on overflow and its rounding of FFT results), bool inputs and
 * complex inputs ({@code correlate}'s conjugation is therefore a no-op). Empty inputs are refused
 * (SciPy returns an empty array). Non-finite values: the FFT paths spread a NaN or infinity over
 * the whole output (as SciPy's), direct keeps them local.
 *
 * <p>Every op maps to one problem, {@code conv_full(a, b)[start : start + len]} per convolved axis,
 * and solves it by {@link Method#DIRECT}, {@link Method#FFT} or {@link Method#OVERLAP_ADD};
 * {@link Method#AUTO} asks {@link #chooseMethod}. Axes that are not convolved broadcast.
 *
 * {@snippet :
 * Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5}, 5);
 * Tensor w = Tensor.of(new double[] {1, 0, -1, 2}, 4);
 * Tensor full = Signal.convolve(x, w);                        // [1, 2, 2, 4, 6, 2, 3, 10]
 * Tensor same = Signal.correlate(x, w, Mode.SAME);            // [3, 4, 6, 8, -2]
 * int[] lags = Signal.correlationLags(5, 4, Mode.SAME);       // [-1, 0, 1, 2, 3]
 * Tensor img = Signal.convolve2d(Tensor.ones(DType.FLOAT64, 4, 4), Tensor.ones(DType.FLOAT64, 3, 3),
 *     Mode.SAME, Boundary.SYMM, 0);                            // all 9
 * }
 */
public final class Signal {
  private Signal() {}

  // ------------------------------------------------------------------------------------------
  // convolve / correlate

  /** {@code scipy.signal.convolve(in1, in2)}: mode {@code full}, method {@code auto}. */
  public static Tensor convolve(Tensor in1, Tensor in2) {
    return convolve(in1, in2, Mode.FULL, Method.AUTO);
  }

  /** {@code scipy.signal.convolve(in1, in2, mode)}, method {@code auto}. */
  public static Tensor convolve(Tensor in1, Tensor in2, Mode mode) {
    return convolve(in1, in2, mode, Method.AUTO);
  }

  /**
   * {@code scipy.signal.convolve(in1, in2, mode, method)}: the N-d convolution over every axis
   * (SPEC §1.1, §2.1).
   *
   * @param in1 not modified
   * @param in2 not modified; same rank as {@code in1}
   * @throws IllegalArgumentException on a rank mismatch, an empty input, or {@code valid} mode with
   *     neither input at least as large as the other in every axis
   */
  public static Tensor convolve(Tensor in1, Tensor in2, Mode mode, Method method) {
    return run("convolve", in1, in2, mode, method, null, false, false);
  }

  /** {@code scipy.signal.correlate(in1, in2)}: mode {@code full}, method {@code auto}. */
  public static Tensor correlate(Tensor in1, Tensor in2) {
    return correlate(in1, in2, Mode.FULL, Method.AUTO);
  }

  /** {@code scipy.signal.correlate(in1, in2, mode)}, method {@code auto}. */
  public static Tensor correlate(Tensor in1, Tensor in2, Mode mode) {
    return correlate(in1, in2, mode, Method.AUTO);
  }

  /**
   * {@code scipy.signal.correlate(in1, in2, mode, method)} = {@code convolve(in1, in2 reversed
   * along every axis, mode)}: in {@code same} mode output {@code m} is lag {@code m − M/2}
   * (anchor {@code K/2}, one sample left of {@link #correlate2d} for even kernels).
   *
   * @throws IllegalArgumentException as {@link #convolve(Tensor, Tensor, Mode, Method)}
   */
  public static Tensor correlate(Tensor in1, Tensor in2, Mode mode, Method method) {
    return run("correlate", in1, in2, mode, method, null, false, true);
  }

  /**
   * {@code convolve} restricted to {@code axes} (the others broadcast: sizes equal or one of them
   * 1), with SciPy's {@code fftconvolve} rules (§2.3): axes where either input has size 1 are
   * broadcast, the {@code valid} check looks only at the remaining axes, and in {@code same} mode
   * every axis is centred to {@code in1}'s size. An empty {@code axes} means every axis.
   *
   * @param method any method, {@code AUTO} included
   * @throws IllegalArgumentException for axes out of range or repeated, non-broadcastable sizes
   *     on the other axes, and the conditions of {@link #convolve(Tensor, Tensor, Mode, Method)}
   */
  public static Tensor convolve(Tensor in1, Tensor in2, Mode mode, Method method, int... axes) {
    return run("convolve", in1, in2, mode, method, axesOrAll(in1, axes), true, false);
  }

  /** {@link #convolve(Tensor, Tensor, Mode, Method, int...)} for correlation (reversal along {@code axes}). */
  public static Tensor correlate(Tensor in1, Tensor in2, Mode mode, Method method, int... axes) {
    return run("correlate", in1, in2, mode, method, axesOrAll(in1, axes), true, true);
  }

  /** {@code scipy.signal.fftconvolve(in1, in2, mode, axes)}; no axes means every axis. */
  public static Tensor fftconvolve(Tensor in1, Tensor in2, Mode mode, int... axes) {
    return run("fftconvolve", in1, in2, mode, Method.FFT, axesOrAll(in1, axes), true, false);
  }

  /** {@code scipy.signal.oaconvolve(in1, in2, mode, axes)}; no axes means every axis. */
  public static Tensor oaconvolve(Tensor in1, Tensor in2, Mode mode, int... axes) {
    return run("oaconvolve", in1, in2, mode, Method.OVERLAP_ADD, axesOrAll(in1, axes), true, false);
  }

  /**
   * Batched per-example kernels (seed 001): {@code y[b] = convolve(x[b], h[b], mode)} for
   * {@code x (B, n…)} and {@code h (B, k…)}, in one call; a batch of 1 on either side is shared.
   * Equivalent to {@code fftconvolve}'s axes rule with {@code axes = 1..rank−1}, the {@code valid}
   * check applied per example to every convolved axis.
   *
   * @throws IllegalArgumentException if the ranks differ, the rank is below 2, the batch sizes
   *     differ (and neither is 1), or as {@link #convolve(Tensor, Tensor, Mode, Method)}
   */
  public static Tensor convolveBatched(Tensor x, Tensor h, Mode mode, Method method) {
    return run("convolve (batched)", x, h, mode, method, batchAxes(x, h), false, false);
  }

  /** {@code y[b] = correlate(x[b], h[b], mode)}; see {@link #convolveBatched}. */
  public static Tensor correlateBatched(Tensor x, Tensor h, Mode mode, Method method) {
    return run("correlate (batched)", x, h, mode, method, batchAxes(x, h), false, true);
  }

  private static int[] batchAxes(Tensor x, Tensor h) {
    if (x.rank() != h.rank() || x.rank() < 2) {
      throw new IllegalArgumentException("batched convolution needs x (B, n…) and h (B, k…) of the same rank ≥ 2; got x "
          + shape(x.shape()) + " and h " + shape(h.shape()));
    }
    if (x.dim(0) != h.dim(0) && x.dim(0) != 1 && h.dim(0) != 1) {
      throw new IllegalArgumentException("batched convolution: x has " + x.dim(0) + " examples and h has " + h.dim(0)
          + " kernels; one kernel per example (or a single shared one) is needed: x " + shape(x.shape()) + ", h "
          + shape(h.shape()));
    }
    int[] axes = new int[x.rank() - 1];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i + 1;
    }
    return axes;
  }

  private static int[] axesOrAll(Tensor in1, int[] axes) {
    if (axes != null && axes.length > 0) {
      return axes;
    }
    int[] all = new int[in1 == null ? 0 : in1.rank()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return all;
  }

  // ------------------------------------------------------------------------------------------
  // convolve2d / correlate2d

  /**
   * {@code scipy.signal.convolve2d(in1, in2, mode, boundary, fillvalue)}:
   * {@code out[m,n] = Σ h[j,k]·x̃[b0(m) − j, b1(n) − k]} with {@code b(m) = m} (full),
   * {@code m + (K−1)/2} (same), {@code m + K − 1} (valid), {@code x̃} extended by {@code boundary}
   * in every mode (SPEC §2.5). The method is chosen by the cost model.
   *
   * @param fillvalue the value outside the input for {@link Boundary#FILL} (rounded to float32
   *     for a float32 result)
   * @throws IllegalArgumentException unless both inputs are 2-D and non-empty, or for {@code valid}
   *     with neither input at least as large as the other in both axes
   */
  public static Tensor convolve2d(Tensor in1, Tensor in2, Mode mode, Boundary boundary, double fillvalue) {
    return run2d("convolve2d", in1, in2, mode, boundary, fillvalue, false, Method.AUTO);
  }

  /** {@code convolve2d(in1, in2, 'full', 'fill', 0)}. */
  public static Tensor convolve2d(Tensor in1, Tensor in2) {
    return convolve2d(in1, in2, Mode.FULL, Boundary.FILL, 0);
  }

  /**
   * {@code scipy.signal.correlate2d(in1, in2, mode, boundary, fillvalue)}:
   * {@code out[m,n] = Σ h[j,k]·x̃[c0(m) + j, c1(n) + k]} with {@code c(m) = m − K + 1} (full),
   * {@code m − (K−1)/2} (same, anchor {@code (K−1)/2}), {@code m} (valid); in {@code valid} mode
   * with {@code in2} larger the result is SciPy's swapped-and-flipped one (SPEC §2.5).
   *
   * @throws IllegalArgumentException as {@link #convolve2d(Tensor, Tensor, Mode, Boundary, double)}
   */
  public static Tensor correlate2d(Tensor in1, Tensor in2, Mode mode, Boundary boundary, double fillvalue) {
    return run2d("correlate2d", in1, in2, mode, boundary, fillvalue, true, Method.AUTO);
  }

  /** {@code correlate2d(in1, in2, 'full', 'fill', 0)}. */
  public static Tensor correlate2d(Tensor in1, Tensor in2) {
    return correlate2d(in1, in2, Mode.FULL, Boundary.FILL, 0);
  }

  /** {@link #convolve2d(Tensor, Tensor, Mode, Boundary, double)} with a forced method (for tests and benchmarks). */
  public static Tensor convolve2d(Tensor in1, Tensor in2, Mode mode, Boundary boundary, double fillvalue, Method method) {
    return run2d("convolve2d", in1, in2, mode, boundary, fillvalue, false, method);
  }

  /** {@link #correlate2d(Tensor, Tensor, Mode, Boundary, double)} with a forced method. */
  public static Tensor correlate2d(Tensor in1, Tensor in2, Mode mode, Boundary boundary, double fillvalue, Method method) {
    return run2d("correlate2d", in1, in2, mode, boundary, fillvalue, true, method);
  }

  private static Tensor run2d(String op, Tensor in1, Tensor in2, Mode mode, Boundary boundary, double fillvalue,
      boolean correlate, Method method) {
    requireNonNull(op, in1, in2, mode, method);
    if (boundary == null) {
      throw new IllegalArgumentException(op + ": boundary must not be null");
    }
    if (in1.rank() != 2 || in2.rank() != 2) {
      throw new IllegalArgumentException(op + " inputs must both be 2-D arrays: in1 has shape " + shape(in1.shape())
          + ", in2 has shape " + shape(in2.shape()));
    }
    requireNonEmpty(op, in1, in2);
    DType dtype = resultType(in1, in2);
    int[] s1 = in1.shape();
    int[] s2 = in2.shape();
    Tensor k = correlate ? in2.flip(0, 1) : in2;
    if (mode == Mode.VALID) {
      validCheck(op, s1, s2, new int[] {0, 1});
      int[] start = new int[2];
      int[] len = new int[2];
      for (int d = 0; d < 2; d++) {
        start[d] = Math.min(s1[d], s2[d]) - 1;
        len[d] = Math.abs(s1[d] - s2[d]) + 1;
      }
      double[] out = solve(in1.toDoubleArray(), s1, k.toDoubleArray(), s2, start, len, method);
      return wrap(out, len, dtype);
    }
    double fill = boundary == Boundary.FILL ? (dtype == DType.FLOAT32 ? (double) (float) fillvalue : fillvalue) : 0;
    int[] start = new int[2];
    int[] len = new int[2];
    for (int d = 0; d < 2; d++) {
      int kd = s2[d];
      if (mode == Mode.FULL) {
        start[d] = 0;
        len[d] = s1[d] + kd - 1;
      } else {
        start[d] = correlate ? kd / 2 : (kd - 1) / 2;
        len[d] = s1[d];
      }
    }
    double[] xw = Engine.extendWindow(in1.toDoubleArray(), s1, s2, start, len, boundary, fill);
    int[] ps = {len[0] + s2[0] - 1, len[1] + s2[1] - 1};
    double[] w = k.toDoubleArray();
    double[] out;
    Method m = method;
    int[] vStart = {s2[0] - 1, s2[1] - 1};
    if (m == Method.AUTO) {
      m = CostModel.choose(ps, s2, vStart, len, Workers.threads());
    }
    if (m == Method.DIRECT) {
      out = Engine.validCorrelate(xw, Engine.flip(w, s2), s2, len);
    } else {
      out = solve(xw, ps, w, s2, vStart, len, m);
    }
    return wrap(out, len, dtype);
  }

  // ------------------------------------------------------------------------------------------
  // correlation_lags, choose_conv_method

  /**
   * {@code scipy.signal.correlation_lags(in1_len, in2_len, mode)} (SPEC §2.2): the lag of each
   * output of the 1-D {@link #correlate}.
   *
   * @throws IllegalArgumentException for a negative length
   */
  public static int[] correlationLags(int in1Len, int in2Len, Mode mode) {
    if (in1Len < 0 || in2Len < 0) {
      throw new IllegalArgumentException("correlation_lags: lengths must be non-negative, got " + in1Len + " and " + in2Len);
    }
    if (mode == null) {
      throw new IllegalArgumentException("correlation_lags: mode must not be null");
    }
    int fullLen = Math.max(0, in1Len + in2Len - 1);
    int[] full = new int[fullLen];
    for (int i = 0; i < fullLen; i++) {
      full[i] = -in2Len + 1 + i;
    }
    switch (mode) {
      case FULL:
        return full;
      case SAME: {
        int mid = fullLen / 2;
        int bound = in1Len / 2;
        int lo = Math.max(0, mid - bound);
        int hi = Math.min(fullLen, in1Len % 2 == 0 ? mid + bound : mid + bound + 1);
        return Arrays.copyOfRange(full, lo, Math.max(lo, hi));
      }
      default: {
        int bound = in1Len - in2Len;
        int from = bound >= 0 ? 0 : bound;
        int to = bound >= 0 ? bound : 0;
        int[] lags = new int[to - from + 1];
        for (int i = 0; i < lags.length; i++) {
          lags[i] = from + i;
        }
        return lags;
      }
    }
  }

  /**
   * The method {@link Method#AUTO} uses for {@code convolve(in1, in2, mode)} (and
   * {@code correlate}, which has the same cost): the cheapest of this library's direct, FFT and
   * overlap-add solvers by a cost model of their measured throughput on the current thread count
   * ({@link SignalTuning}). Unlike SciPy's {@code choose_conv_method} it may answer
   * {@link Method#OVERLAP_ADD}. A pure function of the shapes, the mode and the thread count.
   *
   * @throws IllegalArgumentException as {@link #convolve(Tensor, Tensor, Mode, Method)}
   */
  public static Method chooseMethod(Tensor in1, Tensor in2, Mode mode) {
    requireNonNull("choose_conv_method", in1, in2, mode, Method.AUTO);
    return chooseMethod(in1.shape(), in2.shape(), mode, resultType(in1, in2));
  }

  /** {@link #chooseMethod(Tensor, Tensor, Mode)} from the shapes alone, for float64 data. */
  public static Method chooseMethod(int[] shape1, int[] shape2, Mode mode) {
    return chooseMethod(shape1, shape2, mode, DType.FLOAT64);
  }

  /**
   * {@link #chooseMethod(Tensor, Tensor, Mode)} from the shapes and the result dtype (float32 data
   * run float32 kernels and transforms, with their own costs).
   */
  public static Method chooseMethod(int[] shape1, int[] shape2, Mode mode, DType dtype) {
    String op = "choose_conv_method";
    if (shape1.length != shape2.length) {
      throw rankMismatch(op, shape1, shape2);
    }
    if (shape1.length == 0) {
      return Method.DIRECT;
    }
    for (int d = 0; d < shape1.length; d++) {
      if (shape1[d] <= 0 || shape2[d] <= 0) {
        throw empty(op, shape1, shape2);
      }
    }
    int[] axes = axesOrAll(null, null);
    axes = new int[shape1.length];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i;
    }
    if (mode == Mode.VALID) {
      validCheck(op, shape1, shape2, axes);
    }
    int[] start = new int[shape1.length];
    int[] len = new int[shape1.length];
    window(shape1, shape2, mode, start, len);
    return CostModel.choose(shape1, shape2, start, len, Workers.threads(), dtype == DType.FLOAT32);
  }

  // ------------------------------------------------------------------------------------------
  // The common path

  private static void window(int[] s1, int[] s2, Mode mode, int[] start, int[] len) {
    for (int d = 0; d < s1.length; d++) {
      int n = s1[d];
      int m = s2[d];
      switch (mode) {
        case FULL -> {
          start[d] = 0;
          len[d] = n + m - 1;
        }
        case SAME -> {
          start[d] = (m - 1) / 2;
          len[d] = n;
        }
        case VALID -> {
          start[d] = Math.min(n, m) - 1;
          len[d] = Math.abs(n - m) + 1;
        }
      }
    }
  }

  private static Tensor run(String op, Tensor in1, Tensor in2, Mode mode, Method method, int[] axes,
      boolean fftRules, boolean correlate) {
    requireNonNull(op, in1, in2, mode, method);
    if (in1.rank() != in2.rank()) {
      throw rankMismatch(op, in1.shape(), in2.shape());
    }
    DType dtype = resultType(in1, in2);
    int rank = in1.rank();
    if (rank == 0) {
      return wrap(new double[] {in1.item() * in2.item()}, new int[0], dtype);
    }
    requireNonEmpty(op, in1, in2);
    int[] s1 = in1.shape();
    int[] s2 = in2.shape();
    boolean[] conv = new boolean[rank];
    if (axes == null) {
      Arrays.fill(conv, true);
    } else {
      if (axes.length == 0) {
        throw new IllegalArgumentException(op + ": when provided, axes cannot be empty");
      }
      for (int a : axes) {
        int ax = a < 0 ? a + rank : a;
        if (ax < 0 || ax >= rank) {
          throw new IllegalArgumentException(op + ": axes exceeds dimensionality of input: axis " + a
              + " for inputs of rank " + rank + " (shapes " + shape(s1) + " and " + shape(s2) + ")");
        }
        if (conv[ax]) {
          throw new IllegalArgumentException(op + ": all axes must be unique: " + Arrays.toString(axes));
        }
        conv[ax] = true;
      }
    }
    // SciPy's fftconvolve/oaconvolve treat size-1 axes as broadcast (no FFT, no valid check).
    boolean[] checked = conv.clone();
    if (fftRules) {
      for (int d = 0; d < rank; d++) {
        if (s1[d] == 1 || s2[d] == 1) {
          checked[d] = false;
        }
      }
    }
    for (int d = 0; d < rank; d++) {
      if (!conv[d] && s1[d] != s2[d] && s1[d] != 1 && s2[d] != 1) {
        throw new IllegalArgumentException(op + ": incompatible shapes for in1 and in2: " + shape(s1) + " and "
            + shape(s2) + ": along axis " + d + ", which is not convolved, the sizes must be equal or one of them 1");
      }
    }
    if (mode == Mode.VALID) {
      int c = 0;
      for (boolean b : checked) {
        c += b ? 1 : 0;
      }
      int[] ax = new int[c];
      for (int d = 0, i = 0; d < rank; d++) {
        if (checked[d]) {
          ax[i++] = d;
        }
      }
      validCheck(op, s1, s2, ax);
    }
    // Permute: broadcast axes first, convolved axes last.
    int nconv = 0;
    for (boolean b : conv) {
      nconv += b ? 1 : 0;
    }
    int nb = rank - nconv;
    int[] perm = new int[rank];
    int[] bStart = new int[nb];
    int[] bLen = new int[nb];
    int[] cs1 = new int[nconv];
    int[] cs2 = new int[nconv];
    for (int d = 0, i = 0, j = 0; d < rank; d++) {
      if (!conv[d]) {
        perm[i] = d;
        int mx = Math.max(s1[d], s2[d]);
        bLen[i] = mode == Mode.SAME ? s1[d] : mx;
        bStart[i] = mode == Mode.SAME ? (mx - s1[d]) / 2 : 0;
        i++;
      } else {
        perm[nb + j] = d;
        cs1[j] = s1[d];
        cs2[j] = s2[d];
        j++;
      }
    }
    Tensor k = in2;
    if (correlate) {
      int[] flipAxes = new int[nconv];
      System.arraycopy(perm, nb, flipAxes, 0, nconv);
      k = in2.flip(flipAxes);
    }
    int[] start = new int[nconv];
    int[] len = new int[nconv];
    window(cs1, cs2, mode, start, len);
    Method m = method;
    if (m == Method.AUTO) {
      m = CostModel.choose(cs1, cs2, start, len, Workers.threads(), dtype == DType.FLOAT32);
    }
    int size1 = Boxes.size(cs1);
    int size2 = Boxes.size(cs2);
    int outSize = Boxes.size(len);
    int batches = Boxes.size(bLen);
    Method solver = m;
    Tensor res;
    int[] pshape = new int[rank];
    System.arraycopy(bLen, 0, pshape, 0, nb);
    System.arraycopy(len, 0, pshape, nb, nconv);
    Batch each = body -> Workers.run(batches, 1, (from, to) -> {
      int[] idx = new int[nb];
      for (int bi = from; bi < to; bi++) {
        int rem = bi;
        int ia = 0;
        int ib = 0;
        int sa = 1;
        int sb = 1;
        for (int d = nb - 1; d >= 0; d--) {
          idx[d] = rem % bLen[d];
          rem /= bLen[d];
          int ax = perm[d];
          int pos = idx[d] + bStart[d];
          ia += (s1[ax] == 1 ? 0 : pos) * sa;
          ib += (s2[ax] == 1 ? 0 : pos) * sb;
          sa *= s1[ax];
          sb *= s2[ax];
        }
        body.solve(bi, ia, ib);
      }
    });
    if (dtype == DType.FLOAT32) {
      // float32 stays float32: direct sums accumulated in float, FFTs in single precision, as SciPy's.
      float[] a = floats(in1.permute(perm));
      float[] b = floats(k.permute(perm));
      // One batch (the common case): the solver's result is the output, no copy.
      float[] out = batches == 1 ? null : new float[Math.multiplyExact(batches, outSize)];
      float[][] only = new float[1][];
      each.run((bi, ia, ib) -> {
        float[] ai = nb == 0 ? a : Arrays.copyOfRange(a, ia * size1, (ia + 1) * size1);
        float[] bj = nb == 0 ? b : Arrays.copyOfRange(b, ib * size2, (ib + 1) * size2);
        float[] r = switch (solver) {
          case DIRECT -> Engine.direct(ai, cs1, bj, cs2, start, len);
          case FFT -> FloatEngine.fft(ai, cs1, bj, cs2, start, len);
          default -> FloatEngine.overlapAdd(ai, cs1, bj, cs2, start, len);
        };
        if (out == null) {
          only[0] = r;
        } else {
          System.arraycopy(r, 0, out, bi * outSize, outSize);
        }
      });
      res = TensorAccess.get().wrap(out == null ? only[0] : out, pshape);
    } else {
      double[] a = doubles(in1.permute(perm));
      double[] b = doubles(k.permute(perm));
      double[] out = batches == 1 ? null : new double[Math.multiplyExact(batches, outSize)];
      double[][] only = new double[1][];
      each.run((bi, ia, ib) -> {
        double[] ai = nb == 0 ? a : Arrays.copyOfRange(a, ia * size1, (ia + 1) * size1);
        double[] bj = nb == 0 ? b : Arrays.copyOfRange(b, ib * size2, (ib + 1) * size2);
        double[] r = solve(ai, cs1, bj, cs2, start, len, solver);
        if (out == null) {
          only[0] = r;
        } else {
          System.arraycopy(r, 0, out, bi * outSize, outSize);
        }
      });
      res = wrap(out == null ? only[0] : out, pshape, dtype);
    }
    boolean identity = true;
    for (int d = 0; d < rank; d++) {
      identity &= perm[d] == d;
    }
    if (identity) {
      return res;
    }
    int[] inv = new int[rank];
    for (int d = 0; d < rank; d++) {
      inv[perm[d]] = d;
    }
    return res.permute(inv).contiguous();
  }

  /** One solve per broadcast batch index {@code bi}, with the batch offsets of in1 and in2. */
  @FunctionalInterface
  private interface BatchBody {
    void solve(int bi, int ia, int ib);
  }

  /** Runs a {@link BatchBody} over every batch, on the worker threads. */
  @FunctionalInterface
  private interface Batch {
    void run(BatchBody body);
  }

  /** The elements of {@code t} in C order as float32: its storage when that already is so, else a copy. */
  private static float[] floats(Tensor t) {
    TensorAccess.Accessor acc = TensorAccess.get();
    float[] f = acc.floats(t);
    if (f != null && t.isContiguous() && acc.offset(t) == 0 && f.length == t.size()) {
      return f;
    }
    return t.toFloatArray();
  }

  /** The elements of {@code t} in C order as float64: its storage when that already is so, else a copy. */
  private static double[] doubles(Tensor t) {
    TensorAccess.Accessor acc = TensorAccess.get();
    double[] d = acc.doubles(t);
    if (d != null && t.isContiguous() && acc.offset(t) == 0 && d.length == t.size()) {
      return d;
    }
    return t.toDoubleArray();
  }

  static double[] solve(double[] a, int[] as, double[] b, int[] bs, int[] start, int[] len, Method m) {
    return switch (m) {
      case DIRECT -> Engine.direct(a, as, b, bs, start, len);
      case FFT -> Engine.fft(a, as, b, bs, start, len);
      case OVERLAP_ADD -> Engine.overlapAdd(a, as, b, bs, start, len);
      case AUTO -> solve(a, as, b, bs, start, len, CostModel.choose(as, bs, start, len, Workers.threads()));
    };
  }

  // ------------------------------------------------------------------------------------------
  // Checks and helpers

  private static void requireNonNull(String op, Tensor in1, Tensor in2, Mode mode, Method method) {
    if (in1 == null || in2 == null) {
      throw new IllegalArgumentException(op + ": in1 and in2 must not be null");
    }
    if (mode == null || method == null) {
      throw new IllegalArgumentException(op + ": mode and method must not be null");
    }
  }

  private static void requireNonEmpty(String op, Tensor in1, Tensor in2) {
    if (in1.size() == 0 || in2.size() == 0) {
      throw empty(op, in1.shape(), in2.shape());
    }
  }

  private static IllegalArgumentException empty(String op, int[] s1, int[] s2) {
    return new IllegalArgumentException(op + ": inputs must not be empty, got shapes " + shape(s1) + " and "
        + shape(s2) + " (SciPy returns an empty array; conv4j refuses a zero-size axis)");
  }

  private static IllegalArgumentException rankMismatch(String op, int[] s1, int[] s2) {
    return new IllegalArgumentException(op + ": in1 and in2 should have the same dimensionality: in1 has shape "
        + shape(s1) + " (rank " + s1.length + "), in2 has shape " + shape(s2) + " (rank " + s2.length + ")");
  }

  private static void validCheck(String op, int[] s1, int[] s2, int[] axes) {
    boolean ok1 = true;
    boolean ok2 = true;
    for (int d : axes) {
      ok1 &= s1[d] >= s2[d];
      ok2 &= s2[d] >= s1[d];
    }
    if (!ok1 && !ok2) {
      throw new IllegalArgumentException(op + ": for 'valid' mode, one must be at least as large as the other in every"
          + " dimension: in1 has shape " + shape(s1) + ", in2 has shape " + shape(s2)
          + (axes.length < s1.length ? " (checked on axes " + Arrays.toString(axes) + ")" : ""));
    }
  }

  private static DType resultType(Tensor a, Tensor b) {
    return a.dtype() == DType.FLOAT32 && b.dtype() == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64;
  }

  private static Tensor wrap(double[] out, int[] shape, DType dtype) {
    TensorAccess.Accessor acc = TensorAccess.get();
    if (dtype == DType.FLOAT32) {
      float[] f = new float[out.length];
      for (int i = 0; i < out.length; i++) {
        f[i] = (float) out[i];
      }
      return acc.wrap(f, shape.clone());
    }
    return acc.wrap(out, shape.clone());
  }

  /** NumPy's shape notation: {@code (3,)}, {@code (2, 5)}. */
  static String shape(int[] s) {
    if (s.length == 1) {
      return "(" + s[0] + ",)";
    }
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < s.length; i++) {
      b.append(i > 0 ? ", " : "").append(s[i]);
    }
    return b.append(')').toString();
  }
}
