package org.conv4j.nn.functional;

import org.conv4j.kernels.ConvShape;
import org.conv4j.kernels.ImplicitConv;
import org.conv4j.kernels.RowConv;
import org.conv4j.kernels.SlidingConv;
import org.conv4j.kernels.WinogradConv;

/**
 * The algorithms behind the convolution family, chosen by {@link #select(ConvShape)} (or forced by
 * callers such as tests and benchmarks). All compute the same values up to rounding.
 */
public enum ConvAlgorithm {
  /** The plainly written reference loops ({@link org.conv4j.kernels.DirectConv}); the fallback. */
  DIRECT,
  /**
   * im2col, then one GEMM per group ({@link org.conv4j.kernels.ConvGemm}) on the SIMD kernel or its
   * scalar twin; large problems are tiled over output rows so the column buffer stays under
   * {@link org.conv4j.runtime.Workspace#maxColumnBytes()}.
   */
  IM2COL_GEMM,
  /** A 1×1, stride-1, unpadded convolution as one GEMM per group on the input itself. */
  POINTWISE_1X1,
  /**
   * Direct convolution vectorised along output rows over zero-padded planes
   * ({@link org.conv4j.kernels.SlidingConv}): stride 1 only, for few taps per output (LeNet's first
   * layer, depthwise), where im2col's copy costs more than its GEMM saves.
   */
  SLIDING_WINDOW,
  /**
   * Implicit GEMM over zero-haloed source planes ({@link org.conv4j.kernels.ImplicitConv}): 2-D,
   * stride 1, any padding, dilation and groups, for wide output rows (the ResNet 3×3 layer). No
   * column matrix: each tap of a run of outputs is one contiguous vector load from the padded
   * source. Float32 on the vector kernels; float64, per-example weights and the scalar fallback run
   * {@link #IM2COL_GEMM} instead (see {@link #runnable}).
   */
  IMPLICIT_GEMM,
  /**
   * Winograd F(4×4, 3×3) or F(2×2, 3×3) ({@link org.conv4j.kernels.WinogradConv}): 2-D, 3×3,
   * stride 1, dilation 1, one group, any padding; 36 multiplies per 4×4 output tile and channel
   * pair (16 per 2×2 tile) instead of 144 (36), for many channels and large planes (the ResNet 3×3
   * layer). The forward pass and the input gradient take F(4×4) when both edges of the plane they
   * compute are at least 8 ({@link org.conv4j.kernels.WinogradConv#outputTile}), the weight
   * gradient F(2×2). Float32 and float64 on the vector kernels, forward, input gradient and
   * weight gradient (the same transforms, with the tiles as the products' depth); per-example
   * weights and the scalar fallback run
   * {@link #IMPLICIT_GEMM} (or what it falls back to) instead (see {@link #runnable}).
   */
  WINOGRAD,
  /**
   * Register-blocked convolution along output rows ({@link org.conv4j.kernels.RowConv}):
   * 2-D, one group, stride 1, dilation 1, no padding, 5 kernel rows, at least 8 output rows and
   * columns; one output channel × 8 output rows × one vector of columns in registers, each input
   * row loaded once per kernel column for the 5 kernel rows it feeds (the row kernel of
   * {@link #SLIDING_WINDOW}). With 5 kernel columns, rows a multiple of 8 wide and a weight shared
   * by the batch it runs a one-dimensional Winograd F(4, 5) along the rows instead (8 multiplies
   * per 4 outputs instead of 20; about 3× the rounding error of a direct float32 sum, ~3·10⁻⁵
   * relative to {@code 1 + |y|} on 500-term sums; {@code -Dconv4j.rowWinograd=false} keeps it direct). For narrow rows with deep
   * sums (LeNet's second layer), where im2col + GEMM spends more on packing than on its
   * micro-kernel. Forward pass only, float32 on the vector kernels; float64, the scalar fallback
   * and both gradients run {@link #IM2COL_GEMM} (see {@link #runnable}, {@link #inputGradient} and
   * {@link #weightGradient}).
   */
  ROW_VECTOR;

  /**
   * The largest im2col workspace of one row of output positions, in elements, that {@link #select}
   * accepts for {@link #IM2COL_GEMM} (64 MiB as float32): above it the direct kernel runs instead,
   * which needs no workspace. Larger problems are tiled, so this only bounds a single output row.
   */
  public static final long MAX_COLS_ELEMENTS = 1L << 24;

  /**
   * Largest number of taps per output ({@code C/groups·kd·kh·kw}) for which {@link #select} picks
   * {@link #SLIDING_WINDOW}: at 32 or fewer the GEMM after im2col is too shallow to beat the
   * direct sliding sum (LeNet conv1 has 25, a depthwise 5×5 has 25; LeNet conv2 has 500).
   */
  public static final int SLIDING_MAX_TAPS = 32;

  /**
   * {@link #IMPLICIT_GEMM} computes {@code (kw − 1)·dw} dropped positions per output row of
   * {@code ow}; it is chosen when they are at most 1/{@value} of the row ({@code ow ≥ 8·(kw − 1)·dw})
   * and the row is at least 16 wide.
   */
  public static final int IMPLICIT_MIN_ROW_RATIO = 8;

  /**
   * Smallest input and output channel counts for which {@link #select} picks {@link #WINOGRAD}: the
   * products {@code (oc × c)·(c × tiles)} must be deep and tall enough for the GEMM kernel to run
   * near its peak, or the transforms (whose cost grows with {@code c + oc}, not {@code c·oc}) eat
   * the saving.
   */
  public static final int WINOGRAD_MIN_CHANNELS = 16;

  /**
   * Output row width for which {@link #select} picks {@link #ROW_VECTOR}: one 8-float vector per
   * row, no lane wasted (measured on LeNet's second layer; wider rows are untested there).
   */
  public static final int ROW_VECTOR_WIDTH = 8;

  /** Smallest output plane ({@code oh·ow}) for which {@link #select} picks {@link #WINOGRAD}. */
  public static final int WINOGRAD_MIN_PLANE = 64;

  /**
   * The one place where an algorithm is chosen; a pure function of the resolved geometry (which
   * holds the parameters after padding rules are resolved):
   * <ol>
   *   <li>pointwise shapes use {@link #POINTWISE_1X1};
   *   <li>stride-1 shapes with at most {@link #SLIDING_MAX_TAPS} taps per output and rows of at
   *       least 8 outputs use {@link #SLIDING_WINDOW};
   *   <li>2-D 3×3 stride-1 undilated one-group shapes with at least
   *       {@link #WINOGRAD_MIN_CHANNELS} input and output channels and an output plane of at least
   *       {@link #WINOGRAD_MIN_PLANE} use {@link #WINOGRAD};
   *   <li>shapes {@link RowConv#supports} with output rows exactly {@link #ROW_VECTOR_WIDTH} wide and
   *       more than {@link #SLIDING_MAX_TAPS} taps per output use {@link #ROW_VECTOR};
   *   <li>2-D stride-1 shapes with output rows at least 16 wide and at least
   *       {@link #IMPLICIT_MIN_ROW_RATIO}{@code ·(kw − 1)·dw} wide, whose haloed source planes of one
   *       example fit a quarter of {@link #MAX_COLS_ELEMENTS}, use {@link #IMPLICIT_GEMM};
   *   <li>others use {@link #IM2COL_GEMM} while one output row's columns fit
   *       {@link #MAX_COLS_ELEMENTS};
   *   <li>else {@link #DIRECT}.
   * </ol>
   */
  public static ConvAlgorithm select(ConvShape shape) {
    if (shape.isPointwise()) {
      return POINTWISE_1X1;
    }
    if (SlidingConv.supports(shape) && (long) shape.cg() * shape.kernelSize() <= SLIDING_MAX_TAPS && shape.ow() >= 8) {
      return SLIDING_WINDOW;
    }
    if (winogradFits(shape)) {
      return WINOGRAD;
    }
    if (RowConv.supports(shape) && shape.ow() == ROW_VECTOR_WIDTH && (long) shape.cg() * shape.kernelSize() > SLIDING_MAX_TAPS) {
      return ROW_VECTOR;
    }
    if (implicitFits(shape)) {
      return IMPLICIT_GEMM;
    }
    if ((long) shape.c() * shape.kernelSize() * shape.ow() <= MAX_COLS_ELEMENTS) {
      return IM2COL_GEMM;
    }
    return DIRECT;
  }

  private static boolean winogradFits(ConvShape g) {
    return WinogradConv.supports(g) && g.c() >= WINOGRAD_MIN_CHANNELS && g.oc() >= WINOGRAD_MIN_CHANNELS
        && (long) g.oh() * g.ow() >= WINOGRAD_MIN_PLANE;
  }

  private static boolean implicitFits(ConvShape g) {
    return ImplicitConv.supports(g) && g.ow() >= 16
        && g.ow() >= (long) IMPLICIT_MIN_ROW_RATIO * (g.kw() - 1) * g.dw()
        && ImplicitConv.sourceElements(g) <= MAX_COLS_ELEMENTS / 4;
  }

  /**
   * The algorithm of the input-gradient pass when {@code alg} was selected (not forced) for
   * {@code shape}. For {@link #SLIDING_WINDOW} shapes with one group, 2-D, at least 64 taps per
   * input-gradient element ({@code oc·kh·kw}: LeNet's first layer has 500) and input rows at least
   * 16 wide, the sliding-window transposed sum (one input channel wide: two vectors per tap) runs
   * at a fraction of a GEMM kernel's rate, so: {@link #IM2COL_GEMM} when the shape is unpadded and
   * undilated (float32 then takes the batched GEMM with col2im fused into the write-back), else
   * {@link #IMPLICIT_GEMM} when the rows are at least 4·{@code (kw − 1)·dw} wide. Otherwise
   * {@code alg}. {@link #ROW_VECTOR} has no input-gradient kernel: {@link #IM2COL_GEMM}. Pure.
   */
  public static ConvAlgorithm inputGradient(ConvAlgorithm alg, ConvShape shape) {
    if (alg == ROW_VECTOR) {
      return IM2COL_GEMM;
    }
    if (alg != SLIDING_WINDOW || shape.groups() != 1 || !ImplicitConv.supports(shape) || shape.iw() < 16
        || (long) shape.oc() * shape.kernelSize() < 64) {
      return alg;
    }
    if (shape.ph() == 0 && shape.pw() == 0 && shape.dh() == 1 && shape.dw() == 1
        && (long) shape.c() * shape.kernelSize() * shape.ow() <= MAX_COLS_ELEMENTS) {
      return IM2COL_GEMM;
    }
    if (shape.iw() >= 4L * (shape.kw() - 1) * shape.dw() && ImplicitConv.sourceElements(shape) <= MAX_COLS_ELEMENTS / 4) {
      return IMPLICIT_GEMM;
    }
    return alg;
  }

  /**
   * {@link #inputGradient(ConvAlgorithm, ConvShape)} knowing the dtype and whether the vector
   * kernels run: where that rule moves a {@link #SLIDING_WINDOW} shape to {@link #IM2COL_GEMM}
   * (unpadded, undilated) and the shape has fewer than four input channels per group, float32 on
   * the vector kernels keeps {@link #SLIDING_WINDOW}, whose input gradient then runs over flat
   * padded rows with each kernel column's coefficients in registers
   * ({@link SlidingConv#flatInputGrad}; LeNet's first layer at two threads: 9.2 against 11.5 ms for
   * the batched GEMM with col2im). Padded shapes keep {@link #IMPLICIT_GEMM} (measured level with
   * the flat rows on LeNet conv1 with padding 2), and float64 and the scalar fallback follow the
   * two-argument rule. {@link #ROW_VECTOR} on a {@link RowConv#winogradInput} shape in float32 on
   * the vector kernels keeps {@link #ROW_VECTOR}: its input gradient is the transposed row
   * Winograd ({@link RowConv#inputGradRows}; with a weight per example the runner substitutes
   * the two-argument rule's choice). Pure.
   */
  public static ConvAlgorithm inputGradient(ConvAlgorithm alg, ConvShape shape, boolean float32, boolean simd) {
    if (alg == ROW_VECTOR && float32 && simd && RowConv.winogradInput(shape)) {
      return ROW_VECTOR;
    }
    ConvAlgorithm base = inputGradient(alg, shape);
    if (alg == SLIDING_WINDOW && base == IM2COL_GEMM && float32 && simd && SlidingConv.flatInputGrad(shape)) {
      return SLIDING_WINDOW;
    }
    return base;
  }

  /**
   * The algorithm that actually runs for {@code alg}: {@link #IMPLICIT_GEMM} needs float32, a weight
   * shared by the batch and the vector kernels ({@code simd}); otherwise {@link #IM2COL_GEMM} runs
   * in its place. {@link #WINOGRAD} needs a shared weight and the vector kernels (either dtype);
   * otherwise it runs as {@link #IMPLICIT_GEMM} would. {@link #ROW_VECTOR} needs float32 and the
   * vector kernels (a weight per example is fine); otherwise {@link #IM2COL_GEMM}. Pure.
   */
  public static ConvAlgorithm runnable(ConvAlgorithm alg, boolean float32, boolean perExample, boolean simd) {
    if (alg == ROW_VECTOR) {
      return float32 && simd ? ROW_VECTOR : IM2COL_GEMM;
    }
    if (alg == WINOGRAD) {
      return !perExample && simd ? WINOGRAD : runnable(IMPLICIT_GEMM, float32, perExample, simd);
    }
    if (alg == IMPLICIT_GEMM && (!float32 || perExample || !simd)) {
      return IM2COL_GEMM;
    }
    return alg;
  }

  /**
   * The algorithm of the weight-gradient pass when {@code alg} was chosen for the forward pass:
   * every algorithm has its own weight-gradient kernel (since session 4 also {@link #WINOGRAD},
   * which before ran {@link #IMPLICIT_GEMM} here) except {@link #ROW_VECTOR}, which runs
   * {@link #IM2COL_GEMM}; others are unchanged. Pure. (Where {@link #ROW_VECTOR}'s forward pass is
   * the row Winograd, float32 with a shared weight, the weight gradient is the row Winograd's too:
   * {@code ConvRunner.rowWinogradWeight}.)
   */
  public static ConvAlgorithm weightGradient(ConvAlgorithm alg) {
    return alg == ROW_VECTOR ? IM2COL_GEMM : alg;
  }

  /**
   * {@code requested}, or {@link #select} when it is null; rejects a request the shape does not
   * allow (pointwise on a non-pointwise shape, sliding window with a stride, im2col whose single row
   * of columns overflows an array).
   */
  static ConvAlgorithm resolve(ConvAlgorithm requested, ConvShape shape) {
    if (requested == null) {
      return select(shape);
    }
    if (requested == POINTWISE_1X1 && !shape.isPointwise()) {
      throw new IllegalArgumentException(
          "POINTWISE_1X1 needs a 1×1 kernel, stride 1, no padding and equal input and output sizes; got " + shape);
    }
    if (requested == SLIDING_WINDOW && !SlidingConv.supports(shape)) {
      throw new IllegalArgumentException("SLIDING_WINDOW needs stride 1 on every axis; got " + shape);
    }
    if (requested == IMPLICIT_GEMM && !ImplicitConv.supports(shape)) {
      throw new IllegalArgumentException("IMPLICIT_GEMM needs a 2-D convolution with stride 1; got " + shape);
    }
    if (requested == WINOGRAD && !WinogradConv.supports(shape)) {
      throw new IllegalArgumentException(
          "WINOGRAD needs a 2-D convolution with a 3×3 kernel, stride 1, dilation 1 and one group; got " + shape);
    }
    if (requested == ROW_VECTOR && !RowConv.supports(shape)) {
      throw new IllegalArgumentException("ROW_VECTOR needs a 2-D, one-group, stride-1, undilated, unpadded convolution"
          + " with " + RowConv.KH + " kernel rows, at least " + RowConv.ROWS + " output rows and at least "
          + RowConv.MIN_WIDTH + " output columns; got " + shape);
    }
    if (requested == IM2COL_GEMM && (long) shape.c() * shape.kernelSize() * shape.ow() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("one row of the im2col matrix would have "
          + (long) shape.c() * shape.kernelSize() * shape.ow() + " elements; use DIRECT");
    }
    return requested;
  }
}
