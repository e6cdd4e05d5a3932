package org.conv4j.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.conv4j.internal.TensorAccess;
import org.conv4j.kernels.FilterBuffer;
import org.conv4j.kernels.FilterCorrelate;
import org.conv4j.kernels.FilterRank;
import org.conv4j.kernels.FilterSeparable;
import org.conv4j.kernels.FilterSimd;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.conv4j.window.PadMode;

/**
 * SciPy {@code scipy.ndimage} filters on float32 and float64 tensors of any rank (SPEC §3):
 * {@link #correlate}, {@link #convolve}, {@link #correlate1d}, {@link #convolve1d},
 * {@link #uniformFilter}, {@link #uniformFilter1d}, {@link #minimumFilter}, {@link #maximumFilter}
 * (and their 1-D forms), {@link #medianFilter}, {@link #percentileFilter} and {@link #rankFilter}.
 *
 * {@snippet :
 * Tensor x = Tensor.of(new double[] {1, 5, 2, 8, 3}, 5);
 * Tensor y = Filters.medianFilter(x, 2);                      // [1, 5, 5, 8, 8]
 * Tensor z = Filters.correlate(x, Tensor.of(new double[] {1, 0, -1}, 3),
 *     FilterOptions.defaults().mode("constant").cval(-1));
 * }
 *
 * <h2>Semantics</h2>
 * The output has the input's shape and dtype. Windows, origins and boundary modes are SPEC §3.1 and
 * §3.2 to the letter, including kernels longer than the input (the periodic extension of every mode;
 * SciPy's N-d {@code reflect} bug for offsets {@code ≤ −4n} is not copied). Sums are accumulated in
 * double and rounded once to float32; the uniform filter runs SciPy's running sum in SciPy's order
 * and is bit-exact with it, pass by pass (each pass stored in the output dtype). Argument rules and
 * their quirks follow SciPy 1.17: weights/footprint dimensions map to the filtered axes in
 * ascending order while per-axis origins (and, for separable filters, sizes and modes) pair with
 * {@code axes} as given.
 *
 * <p><b>NaN.</b> SciPy leaves it undefined; here: correlate, convolve and uniform propagate NaN
 * arithmetically (the uniform filter's running sum keeps a NaN for the rest of its line once it
 * enters, as SciPy's does); minimum, maximum, rank, median and percentile order values as
 * {@link Double#compare} does, NaN above +∞ (NumPy's sort order): the maximum of a window with a
 * NaN is NaN, the minimum ignores NaNs unless the window holds nothing else, and a rank filter
 * picks {@code sorted(window)[r]} with the NaNs last. −0.0 sorts before +0.0.
 *
 * <p><b>Integers</b> are outside this API (tensors are float32/float64): SciPy's truncation of
 * integer outputs ({@code (long) v}) is not reproduced.
 *
 * <p><b>Errors</b> are {@link IllegalArgumentException}s that name the argument, the shapes and
 * SciPy's rule: an origin outside the window, weights or footprint whose rank does not match the
 * filtered axes, a zero-size window axis, a non-boolean footprint, a percentile outside [0, 100], a
 * rank outside {@code [0, n)}, a sequence of modes where SciPy refuses one. A zero-size
 * <em>input</em> gives an empty output, as in SciPy.
 *
 * <p><b>Speed.</b> Correlation is direct (interior without index checks and vectorised, borders
 * through {@link PadMode#index}); uniform is a running sum and minimum/maximum van Herk/Gil-Werman,
 * both O(1) per sample per axis; rank filters keep a sorted window as a bit set of block-local
 * ranks ({@link FilterRank}). Work is split over lines, column blocks or tiles across
 * {@link FilterOptions#threads()} threads with bit-identical results for any count.
 */
public final class Filters {
  private static final TensorAccess.Accessor ACCESS = TensorAccess.get();

  private Filters() {}

  // ==========================================================================================
  // correlate / convolve

  /** {@code correlate(x, weights)} with the default options. */
  public static Tensor correlate(Tensor input, Tensor weights) {
    return correlate(input, weights, FilterOptions.defaults());
  }

  /**
   * {@code scipy.ndimage.correlate}: {@code out[i] = Σ_j w[j]·x̃[i + j − (K//2 + origin)]}.
   *
   * @param weights same rank as the input, or {@code axes.length} when axes are given; not modified
   * @throws IllegalArgumentException on rank mismatch, a zero-size weights axis, an invalid origin
   *     or a sequence of modes
   */
  public static Tensor correlate(Tensor input, Tensor weights, FilterOptions options) {
    return correlateNd("correlate", input, weights, options, false);
  }

  /** {@code convolve(x, weights)} with the default options. */
  public static Tensor convolve(Tensor input, Tensor weights) {
    return convolve(input, weights, FilterOptions.defaults());
  }

  /**
   * {@code scipy.ndimage.convolve}: correlation with the weights reversed on every axis and origin
   * {@code −o − (K even ? 1 : 0)}, i.e. {@code out[i] = Σ_j w[j]·x̃[i − j + (K//2 + origin)]}.
   */
  public static Tensor convolve(Tensor input, Tensor weights, FilterOptions options) {
    return correlateNd("convolve", input, weights, options, true);
  }

  /** {@code scipy.ndimage.correlate1d}: a 1-D correlation along {@code axis} (negative from the end). */
  public static Tensor correlate1d(Tensor input, double[] weights, int axis, FilterOptions options) {
    return correlate1dImpl("correlate1d", input, weights, axis, options, false);
  }

  /** {@code scipy.ndimage.convolve1d}: a 1-D convolution along {@code axis}. */
  public static Tensor convolve1d(Tensor input, double[] weights, int axis, FilterOptions options) {
    return correlate1dImpl("convolve1d", input, weights, axis, options, true);
  }

  private static Tensor correlateNd(String op, Tensor x, Tensor weights, FilterOptions o, boolean convolution) {
    int[] dims = inputShape(op, x);
    int rank = dims.length;
    int[] axes = axes(op, rank, o);
    int[] wshape = weights.shape();
    for (int s : wshape) {
      if (s == 0) {
        throw new IllegalArgumentException(op + ": weights of shape " + Arrays.toString(wshape)
            + " have a zero-size axis; every weights axis needs at least one element (SciPy: 'weights.ndim must"
            + " match len(axes)' counting only non-empty axes)");
      }
    }
    if (wshape.length != axes.length) {
      throw new IllegalArgumentException(op + ": weights.ndim (" + wshape.length + ") must match len(axes) ("
          + axes.length + "): weights shape " + Arrays.toString(wshape) + ", input shape " + Arrays.toString(dims)
          + ", axes " + Arrays.toString(axes));
    }
    noModeSequence(op, o, "A sequence of modes is not supported");
    int[] kdims = expandShape(rank, axes, wshape);
    int[] origins = expandOrigins(op, rank, axes, o);
    double[] w = weights.toDoubleArray();
    if (convolution) {
      reverse(w);
    }
    int[] corrOrigins = new int[rank];
    for (int d = 0; d < rank; d++) {
      int k = kdims[d];
      corrOrigins[d] = convolution ? -origins[d] - (k % 2 == 0 ? 1 : 0) : origins[d];
      if (corrOrigins[d] < -(k / 2) || corrOrigins[d] > (k - 1) / 2) {
        throw invalidOrigin(op, origins[d], d, k, "weights", kdims);
      }
    }
    PadMode mode = PadMode.scipyNdimage(o.modes().get(0));
    if (x.size() == 0) {
      return empty(x);
    }
    FilterCorrelate.Plan plan = FilterCorrelate.plan(dims, w, kdims, corrOrigins, mode, o.cval(), true);
    return runCorrelate(x, plan, Workers.threads(o));
  }

  private static Tensor correlate1dImpl(String op, Tensor x, double[] weights, int axis, FilterOptions o, boolean conv) {
    int[] dims = inputShape(op, x);
    int rank = dims.length;
    int ax = axis(op, axis, rank);
    if (weights.length == 0) {
      throw new IllegalArgumentException(op + ": no filter weights given (weights must have at least one element)");
    }
    noModeSequence(op, o, "a 1-D filter takes a single mode");
    int origin = singleOrigin(op, o);
    int k = weights.length;
    double[] w = weights.clone();
    int corr = origin;
    if (conv) {
      reverse(w);
      corr = -origin - (k % 2 == 0 ? 1 : 0);
    }
    if (corr < -(k / 2) || corr > (k - 1) / 2) {
      throw new IllegalArgumentException(op + ": invalid origin " + origin + " for weights of length " + k
          + "; SciPy requires -(len(weights) // 2) <= origin <= (len(weights) - 1) // 2, i.e. " + (-(k / 2)) + " to "
          + ((k - 1) / 2));
    }
    PadMode mode = PadMode.scipyNdimage(o.modes().get(0));
    if (x.size() == 0) {
      return empty(x);
    }
    int[] kdims = new int[rank];
    Arrays.fill(kdims, 1);
    kdims[ax] = k;
    int[] origins = new int[rank];
    origins[ax] = corr;
    FilterCorrelate.Plan plan = FilterCorrelate.plan(dims, w, kdims, origins, mode, o.cval(), false);
    return runCorrelate(x, plan, Workers.threads(o));
  }

  private static Tensor runCorrelate(Tensor x, FilterCorrelate.Plan plan, int threads) {
    double[] src = doubles(x);
    Tensor out = ACCESS.zeros(x.dtype(), x.shape());
    FilterBuffer dst = buffer(out);
    int lines = plan.lines();
    int n = plan.lineLength();
    // a few lines cut into segments, so that one long line still uses every thread
    int segments = lines >= 4 * threads ? 1 : Math.max(1, Math.min(n / 256, (4 * threads + lines - 1) / lines));
    int tasks = lines * segments;
    boolean simd = FilterSimd.ENABLED;
    Workers.run(threads, tasks, () -> new double[n], (acc, t) -> {
      int line = t / segments;
      int seg = t % segments;
      int i0 = (int) ((long) n * seg / segments);
      int i1 = (int) ((long) n * (seg + 1) / segments);
      FilterCorrelate.run(plan, src, dst, line, i0, i1, acc, simd);
    });
    return out;
  }

  // ==========================================================================================
  // uniform

  /** {@code uniform_filter(x, size)} with the default options. */
  public static Tensor uniformFilter(Tensor input, int size) {
    return uniformFilter(input, new int[] {size}, FilterOptions.defaults());
  }

  /**
   * {@code scipy.ndimage.uniform_filter}: the mean over a box, as 1-D running-sum passes along the
   * filtered axes with size > 1, in the order of {@code axes}, each stored in the output dtype
   * before the next (bit-exact with SciPy). A sequence of modes is allowed.
   *
   * @param size one size for every filtered axis, or one per filtered axis; each at least 1
   */
  public static Tensor uniformFilter(Tensor input, int[] size, FilterOptions options) {
    String op = "uniform_filter";
    int[] dims = inputShape(op, input);
    int[] axes = axes(op, dims.length, options);
    int[] sizes = perAxis(op, "size", size, size.length > 1, axes.length);
    int[] origins = perAxis(op, "origin", options.origins(), options.originSequence(), axes.length);
    String[] modes = perAxisModes(op, options, axes.length);
    List<Pass> passes = new ArrayList<>();
    for (int i = 0; i < axes.length; i++) {
      checkSize(op, sizes[i], size);
      if (sizes[i] > 1) {
        checkBoxOrigin(op, origins[i], sizes[i], axes[i]);
        passes.add(new Pass(axes[i], sizes[i], origins[i], PadMode.scipyNdimage(modes[i])));
      }
    }
    return separable(input, passes, Kind.UNIFORM, options);
  }

  /** {@code scipy.ndimage.uniform_filter1d} along {@code axis}. */
  public static Tensor uniformFilter1d(Tensor input, int size, int axis, FilterOptions options) {
    return filter1d("uniform_filter1d", input, size, axis, options, Kind.UNIFORM);
  }

  // ==========================================================================================
  // minimum / maximum

  /** {@code minimum_filter(x, size)} with the default options. */
  public static Tensor minimumFilter(Tensor input, int size) {
    return minimumFilter(input, Footprint.size(size), FilterOptions.defaults());
  }

  /**
   * {@code scipy.ndimage.minimum_filter}: with a size or an all-true footprint, separable van Herk
   * passes (a sequence of modes allowed); with another footprint, one N-d pass.
   */
  public static Tensor minimumFilter(Tensor input, Footprint footprint, FilterOptions options) {
    return minMax("minimum_filter", input, footprint, options, false);
  }

  /** {@code maximum_filter(x, size)} with the default options. */
  public static Tensor maximumFilter(Tensor input, int size) {
    return maximumFilter(input, Footprint.size(size), FilterOptions.defaults());
  }

  /** {@code scipy.ndimage.maximum_filter}; see {@link #minimumFilter(Tensor, Footprint, FilterOptions)}. */
  public static Tensor maximumFilter(Tensor input, Footprint footprint, FilterOptions options) {
    return minMax("maximum_filter", input, footprint, options, true);
  }

  /** {@code scipy.ndimage.minimum_filter1d} along {@code axis}. */
  public static Tensor minimumFilter1d(Tensor input, int size, int axis, FilterOptions options) {
    return filter1d("minimum_filter1d", input, size, axis, options, Kind.MIN);
  }

  /** {@code scipy.ndimage.maximum_filter1d} along {@code axis}. */
  public static Tensor maximumFilter1d(Tensor input, int size, int axis, FilterOptions options) {
    return filter1d("maximum_filter1d", input, size, axis, options, Kind.MAX);
  }

  private static Tensor minMax(String op, Tensor x, Footprint fp, FilterOptions o, boolean max) {
    int[] dims = inputShape(op, x);
    int[] axes = axes(op, dims.length, o);
    Kind kind = max ? Kind.MAX : Kind.MIN;
    if (fp.isSize()) {
      int[] sizes = fp.sizes();
      return separableBox(op, x, axes, perAxis(op, "size", sizes, sizes.length > 1, axes.length), o, kind);
    }
    boolean[] mask = fp.mask();
    int count = count(mask);
    if (count == 0) {
      throw new IllegalArgumentException(op + ": all-zero footprint of shape " + Arrays.toString(fp.shape())
          + " is not supported (SciPy: 'All-zero footprint is not supported.')");
    }
    if (count == mask.length) {
      return separableBox(op, x, axes, perAxis(op, "footprint.shape", fp.shape(), true, axes.length), o, kind);
    }
    Nd nd = expandFootprint(op, dims, axes, fp.shape(), mask, o);
    noModeSequence(op, o, "A sequence of modes is not supported for non-separable footprints");
    return rankNd(x, nd, max ? count - 1 : 0, PadMode.scipyNdimage(o.modes().get(0)), o);
  }

  private static Tensor separableBox(String op, Tensor x, int[] axes, int[] sizes, FilterOptions o, Kind kind) {
    int[] origins = perAxis(op, "origin", o.origins(), o.originSequence(), axes.length);
    String[] modes = perAxisModes(op, o, axes.length);
    List<Pass> passes = new ArrayList<>();
    for (int i = 0; i < axes.length; i++) {
      checkSize(op, sizes[i], sizes);
      if (sizes[i] > 1) {
        checkBoxOrigin(op, origins[i], sizes[i], axes[i]);
        passes.add(new Pass(axes[i], sizes[i], origins[i], PadMode.scipyNdimage(modes[i])));
      }
    }
    return separable(x, passes, kind, o);
  }

  // ==========================================================================================
  // rank / median / percentile

  /** {@code median_filter(x, size)} with the default options. */
  public static Tensor medianFilter(Tensor input, int size) {
    return medianFilter(input, Footprint.size(size), FilterOptions.defaults());
  }

  /**
   * {@code scipy.ndimage.median_filter}: rank {@code n//2} of the {@code n} window values, so for
   * even {@code n} the upper of the two middle values (no averaging, unlike {@code np.median}).
   */
  public static Tensor medianFilter(Tensor input, Footprint footprint, FilterOptions options) {
    return rankFilterImpl("median_filter", input, footprint, options, Sel.MEDIAN, 0, 0);
  }

  /**
   * {@code scipy.ndimage.percentile_filter}: {@code p < 0} counts from 100; rank {@code n−1} for
   * {@code p = 100}, else {@code (int)(n·p/100)}.
   *
   * @throws IllegalArgumentException when {@code p} is outside [0, 100] (after adding 100 to a
   *     negative value) or NaN
   */
  public static Tensor percentileFilter(Tensor input, double percentile, Footprint footprint, FilterOptions options) {
    return rankFilterImpl("percentile_filter", input, footprint, options, Sel.PERCENTILE, 0, percentile);
  }

  /**
   * {@code scipy.ndimage.rank_filter}: {@code sorted(window)[r]}, {@code r = rank + n} for a negative
   * rank.
   *
   * @throws IllegalArgumentException when {@code r} is outside {@code [0, n)}
   */
  public static Tensor rankFilter(Tensor input, int rank, Footprint footprint, FilterOptions options) {
    return rankFilterImpl("rank_filter", input, footprint, options, Sel.RANK, rank, 0);
  }

  private enum Sel { RANK, MEDIAN, PERCENTILE }

  private static Tensor rankFilterImpl(
      String op, Tensor x, Footprint fp, FilterOptions o, Sel sel, int rank, double percentile) {
    int[] dims = inputShape(op, x);
    int[] axes = axes(op, dims.length, o);
    int[] fshape;
    boolean[] mask;
    if (fp.isSize()) {
      fshape = perAxis(op, "size", fp.sizes(), fp.sizes().length > 1, axes.length);
      int total = 1;
      for (int s : fshape) {
        total *= s;
      }
      mask = new boolean[total];
      Arrays.fill(mask, true);
    } else {
      fshape = fp.shape();
      mask = fp.mask();
    }
    Nd nd = expandFootprint(op, dims, axes, fshape, mask, o);
    int n = count(mask);
    int r;
    switch (sel) {
      case MEDIAN -> r = n / 2;
      case PERCENTILE -> {
        double p = percentile < 0 ? percentile + 100.0 : percentile;
        if (!(p >= 0 && p <= 100)) {
          throw new IllegalArgumentException(op + ": invalid percentile " + percentile
              + "; SciPy requires 0 <= percentile <= 100 (a negative value counts from 100, so -100 to 100 are"
              + " accepted)");
        }
        r = p == 100.0 ? n - 1 : (int) ((double) n * p / 100.0);
      }
      default -> {
        r = rank < 0 ? rank + n : rank;
        if (r < 0 || r >= n) {
          throw new IllegalArgumentException(op + ": rank " + rank + " is not within the footprint size " + n
              + " (footprint shape " + Arrays.toString(fshape) + "); SciPy requires 0 <= rank < n, or -n <= rank < 0"
              + " counting from the end ('rank not within filter footprint size')");
        }
      }
    }
    if (sel != Sel.RANK && (r < 0 || r >= n)) {
      throw new IllegalArgumentException(op + ": the footprint of shape " + Arrays.toString(fshape)
          + " has no true element ('rank not within filter footprint size')");
    }
    if (r == 0 || r == n - 1) {
      // SciPy dispatches to minimum_filter/maximum_filter with the full-rank footprint
      return minMaxFull(op, x, nd, r == n - 1, o, axes);
    }
    noModeSequence(op, o, "A sequence of modes is not supported by non-separable rank filters");
    return rankNd(x, nd, r, PadMode.scipyNdimage(o.modes().get(0)), o);
  }

  /** minimum/maximum with a full-rank footprint and origins, as SciPy's rank filters call them. */
  private static Tensor minMaxFull(String op, Tensor x, Nd nd, boolean max, FilterOptions o, int[] axes) {
    int rank = nd.fdims.length;
    if (count(nd.mask) == nd.mask.length) {
      String[] modes = new String[rank];
      Arrays.fill(modes, o.modeSequence() ? "constant" : o.modes().get(0));
      if (o.modeSequence()) {
        String[] given = perAxisModes(op, o, axes.length);
        for (int i = 0; i < axes.length; i++) {
          modes[axes[i]] = given[i];
        }
      }
      List<Pass> passes = new ArrayList<>();
      for (int d = 0; d < rank; d++) {
        if (nd.fdims[d] > 1) {
          passes.add(new Pass(d, nd.fdims[d], nd.origins[d], PadMode.scipyNdimage(modes[d])));
        }
      }
      return separable(x, passes, max ? Kind.MAX : Kind.MIN, o);
    }
    noModeSequence(op, o, "A sequence of modes is not supported for non-separable footprints");
    return rankNd(x, nd, max ? count(nd.mask) - 1 : 0, PadMode.scipyNdimage(o.modes().get(0)), o);
  }

  private static Tensor rankNd(Tensor x, Nd nd, int r, PadMode mode, FilterOptions o) {
    if (x.size() == 0) {
      return empty(x);
    }
    FilterRank.Plan plan = FilterRank.plan(x.shape(), nd.mask, nd.fdims, nd.origins, r, mode, o.cval());
    FilterBuffer src = buffer(x.contiguous());
    Tensor out = ACCESS.zeros(x.dtype(), x.shape());
    FilterBuffer dst = buffer(out);
    Workers.run(Workers.threads(o), plan.tiles(), FilterRank.Scratch::new,
        (s, t) -> FilterRank.runTile(plan, src, dst, t, s));
    return out;
  }

  /** A footprint expanded to the input's rank, with its origins checked. */
  private record Nd(int[] fdims, boolean[] mask, int[] origins) {}

  private static Nd expandFootprint(String op, int[] dims, int[] axes, int[] fshape, boolean[] mask, FilterOptions o) {
    int rank = dims.length;
    if (fshape.length != axes.length) {
      throw new IllegalArgumentException(op + ": footprint.ndim (" + fshape.length + ") must match len(axes) ("
          + axes.length + "): footprint shape " + Arrays.toString(fshape) + ", input shape " + Arrays.toString(dims)
          + ", axes " + Arrays.toString(axes));
    }
    int[] fdims = expandShape(rank, axes, fshape);
    int[] origins = expandOrigins(op, rank, axes, o);
    for (int d = 0; d < rank; d++) {
      int k = fdims[d];
      if (k / 2 + origins[d] < 0 || k / 2 + origins[d] >= k) {
        throw invalidOrigin(op, origins[d], d, k, "footprint", fdims);
      }
    }
    return new Nd(fdims, mask, origins);
  }

  // ==========================================================================================
  // separable passes

  private enum Kind { UNIFORM, MIN, MAX }

  private record Pass(int axis, int size, int origin, PadMode mode) {}

  private static Tensor filter1d(String op, Tensor x, int size, int axis, FilterOptions o, Kind kind) {
    int[] dims = inputShape(op, x);
    int ax = axis(op, axis, dims.length);
    if (size < 1) {
      throw new IllegalArgumentException(op + ": size " + size
          + " is invalid: the window needs at least one element (SciPy: 'incorrect filter size')");
    }
    noModeSequence(op, o, "a 1-D filter takes a single mode");
    int origin = singleOrigin(op, o);
    checkBoxOrigin(op, origin, size, ax);
    PadMode mode = PadMode.scipyNdimage(o.modes().get(0));
    List<Pass> passes = size > 1 || kind == Kind.UNIFORM ? List.of(new Pass(ax, size, origin, mode)) : List.of();
    return separable(x, passes, kind, o);
  }

  private static Tensor separable(Tensor x, List<Pass> passes, Kind kind, FilterOptions o) {
    if (x.size() == 0) {
      return empty(x);
    }
    if (passes.isEmpty()) {
      return x.copy();
    }
    int threads = Workers.threads(o);
    FilterBuffer src = buffer(x.contiguous());
    Tensor out = null;
    for (Pass p : passes) {
      out = ACCESS.zeros(x.dtype(), x.shape());
      FilterBuffer dst = buffer(out);
      pass(src, dst, x.shape(), p, kind, o.cval(), threads);
      src = dst;
    }
    return out;
  }

  /** Column-block width of the passes along a non-last axis: long enough to vectorise, short enough to share. */
  private static final int COLUMNS = 256;

  private static void pass(FilterBuffer src, FilterBuffer dst, int[] dims, Pass p, Kind kind, double cval, int threads) {
    int n = dims[p.axis()];
    int inner = 1;
    for (int d = p.axis() + 1; d < dims.length; d++) {
      inner *= dims[d];
    }
    int outer = 1;
    for (int d = 0; d < p.axis(); d++) {
      outer *= dims[d];
    }
    int size = p.size();
    int origin = p.origin();
    PadMode mode = p.mode();
    boolean simd = FilterSimd.ENABLED;
    if (inner == 1 && kind == Kind.UNIFORM) {
      // the running sum along a line: one dependent add per sample, its division in a separate loop
      int lineTotal = outer;
      Workers.run(threads, (outer + 1) / 2,
          () -> new double[][] {new double[n + size - 1], new double[n], new double[n + size - 1], new double[n]},
          (s, pair) -> FilterSeparable.uniformLines(src, dst, n, size, origin, mode, cval, 2 * pair,
              Math.min(lineTotal, 2 * pair + 2), s[0], s[1], s[2], s[3]));
      return;
    }
    if (inner == 1) {
      // min/max along the last axis: groups of lines transposed through the vectorised column kernel
      // (a scalar van Herk scan is one dependent chain of Math.max, a multi-instruction sequence)
      int group = FilterSeparable.GROUP;
      int lineCount = outer;
      Workers.run(threads, (outer + group - 1) / group, () -> new ColumnScratch(size, group, n * group), (s, k) -> {
        int line0 = k * group;
        FilterSeparable.minMaxLineGroup(src, dst, n, size, origin, kind == Kind.MAX, mode, cval, line0,
            Math.min(group, lineCount - line0), s.tin, s.tout, s.a, s.b, s.g, s.t, simd);
      });
      return;
    }
    int blocks = (inner + COLUMNS - 1) / COLUMNS;
    int width = (inner + blocks - 1) / blocks;
    int fInner = inner;
    Workers.run(threads, outer * blocks, () -> new ColumnScratch(size, width, 0), (s, task) -> {
      int o = task / blocks;
      int c0 = (task % blocks) * width;
      int c1 = Math.min(fInner, c0 + width);
      if (c0 >= c1) {
        return;
      }
      if (kind == Kind.UNIFORM) {
        FilterSeparable.uniformColumns(src, dst, n, fInner, size, origin, mode, cval, o, c0, c1, s.a, s.t, s.u, simd);
      } else {
        FilterSeparable.minMaxColumns(
            src, dst, n, fInner, size, origin, kind == Kind.MAX, mode, cval, o, c0, c1, s.a, s.b, s.g, s.t, simd);
      }
    });
  }

  /** Per-worker scratch of the column kernels ({@code width} columns) and of the line transposes. */
  private static final class ColumnScratch {
    final double[] a;
    final double[] b;
    final double[] g;
    final double[] t;
    final double[] u;
    final double[] tin;
    final double[] tout;

    ColumnScratch(int size, int width, int transposed) {
      a = new double[(size + 1) * width];
      b = new double[size * width];
      g = new double[width];
      t = new double[width];
      u = new double[width];
      tin = new double[transposed];
      tout = new double[transposed];
    }
  }

  // ==========================================================================================
  // argument handling (SciPy's _ni_support rules)

  private static int[] inputShape(String op, Tensor x) {
    if (x.rank() == 0) {
      throw new IllegalArgumentException(op + ": the input must have at least one axis, got a 0-d tensor");
    }
    return x.shape();
  }

  private static int axis(String op, int axis, int rank) {
    if (axis < -rank || axis >= rank) {
      throw new IllegalArgumentException(
          op + ": axis " + axis + " is out of bounds for an input of rank " + rank + " (valid: " + (-rank) + " to "
              + (rank - 1) + ")");
    }
    return axis < 0 ? axis + rank : axis;
  }

  private static int[] axes(String op, int rank, FilterOptions o) {
    int[] given = o.axes();
    if (given == null) {
      int[] all = new int[rank];
      for (int d = 0; d < rank; d++) {
        all[d] = d;
      }
      return all;
    }
    int[] axes = new int[given.length];
    for (int i = 0; i < given.length; i++) {
      if (given[i] < -rank || given[i] > rank - 1) {
        throw new IllegalArgumentException(op + ": specified axis " + given[i] + " is out of range for an input of"
            + " rank " + rank + " (axes " + Arrays.toString(given) + ")");
      }
      axes[i] = given[i] < 0 ? given[i] + rank : given[i];
      for (int k = 0; k < i; k++) {
        if (axes[k] == axes[i]) {
          throw new IllegalArgumentException(op + ": axes must be unique, got " + Arrays.toString(given));
        }
      }
    }
    return axes;
  }

  /** A scalar broadcast to {@code num} values, or a sequence that must have {@code num} values. */
  private static int[] perAxis(String op, String what, int[] values, boolean sequence, int num) {
    if (!sequence) {
      int[] r = new int[num];
      Arrays.fill(r, values[0]);
      return r;
    }
    if (values.length != num) {
      throw new IllegalArgumentException(op + ": " + what + " " + Arrays.toString(values) + " has " + values.length
          + " values but " + num + " axes are filtered (SciPy: 'sequence argument must have length equal to input"
          + " rank')");
    }
    return values.clone();
  }

  private static String[] perAxisModes(String op, FilterOptions o, int num) {
    List<String> m = o.modes();
    if (!o.modeSequence()) {
      String[] r = new String[num];
      Arrays.fill(r, m.get(0));
      return r;
    }
    if (m.size() != num) {
      throw new IllegalArgumentException(op + ": modes " + m + " has " + m.size() + " values but " + num
          + " axes are filtered (SciPy: 'sequence argument must have length equal to input rank')");
    }
    return m.toArray(new String[0]);
  }

  private static void noModeSequence(String op, FilterOptions o, String scipy) {
    if (o.modeSequence()) {
      throw new IllegalArgumentException(op + ": modes " + o.modes() + ": a sequence of modes is not supported here,"
          + " give one mode (SciPy: '" + scipy + "')");
    }
  }

  private static int singleOrigin(String op, FilterOptions o) {
    int[] or = o.origins();
    if (o.originSequence() && or.length != 1) {
      throw new IllegalArgumentException(op + ": origins " + Arrays.toString(or) + ": a 1-D filter takes one origin");
    }
    return or[0];
  }

  private static void checkSize(String op, int size, int[] all) {
    if (size < 1) {
      throw new IllegalArgumentException(op + ": size " + Arrays.toString(all)
          + ": every size must be at least 1 (SciPy: 'incorrect filter size')");
    }
  }

  private static void checkBoxOrigin(String op, int origin, int size, int axis) {
    if (size / 2 + origin < 0 || size / 2 + origin >= size) {
      throw new IllegalArgumentException(op + ": invalid origin " + origin + " for size " + size + " on axis " + axis
          + "; SciPy requires 0 <= size // 2 + origin < size, i.e. " + (-(size / 2)) + " <= origin <= "
          + ((size - 1) / 2));
    }
  }

  private static IllegalArgumentException invalidOrigin(String op, int origin, int axis, int k, String what, int[] shape) {
    return new IllegalArgumentException(op + ": invalid origin " + origin + " on axis " + axis + " for " + what
        + " of shape " + Arrays.toString(shape) + " (size " + k + " on that axis); SciPy requires -(" + what
        + ".shape[k] // 2) <= origin[k] <= (" + what + ".shape[k] - 1) // 2, i.e. " + (-(k / 2)) + " to "
        + ((k - 1) / 2));
  }

  /** Window dims at full rank: the given dims on the filtered axes in ascending order, 1 elsewhere. */
  private static int[] expandShape(int rank, int[] axes, int[] shape) {
    if (axes.length == rank) {
      return shape.clone();
    }
    int[] sorted = axes.clone();
    Arrays.sort(sorted);
    int[] full = new int[rank];
    Arrays.fill(full, 1);
    for (int i = 0; i < sorted.length; i++) {
      full[sorted[i]] = shape[i];
    }
    return full;
  }

  /** Origins at full rank: paired with {@code axes} as given when fewer axes than the rank, else by index. */
  private static int[] expandOrigins(String op, int rank, int[] axes, FilterOptions o) {
    int[] given = perAxis(op, "origin", o.origins(), o.originSequence(), axes.length);
    if (axes.length == rank) {
      return given;
    }
    int[] full = new int[rank];
    for (int i = 0; i < axes.length; i++) {
      full[axes[i]] = given[i];
    }
    return full;
  }

  private static int count(boolean[] mask) {
    int c = 0;
    for (boolean b : mask) {
      c += b ? 1 : 0;
    }
    return c;
  }

  private static void reverse(double[] w) {
    for (int i = 0, j = w.length - 1; i < j; i++, j--) {
      double t = w[i];
      w[i] = w[j];
      w[j] = t;
    }
  }

  // ==========================================================================================
  // storage

  private static Tensor empty(Tensor x) {
    return ACCESS.zeros(x.dtype(), x.shape());
  }

  /** The C-order storage of a contiguous tensor (no copy when it starts at offset 0). */
  private static FilterBuffer buffer(Tensor c) {
    if (c.dtype() == DType.FLOAT32) {
      float[] f = ACCESS.floats(c);
      return FilterBuffer.of(ACCESS.offset(c) == 0 && f.length == c.size() ? f : c.toFloatArray());
    }
    double[] d = ACCESS.doubles(c);
    return FilterBuffer.of(ACCESS.offset(c) == 0 && d.length == c.size() ? d : c.toDoubleArray());
  }

  private static double[] doubles(Tensor x) {
    if (x.dtype() == DType.FLOAT64 && x.isContiguous()) {
      double[] d = ACCESS.doubles(x);
      if (ACCESS.offset(x) == 0 && d.length == x.size()) {
        return d;
      }
    }
    return x.toDoubleArray();
  }
}
