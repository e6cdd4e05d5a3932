package org.conv4j.signal;

/**
 * Every tuning constant of the signal ops, in one place: the cost model of
 * {@link Signal#chooseMethod} and the blocking of the solvers.
 *
 * <p>The cost-model coefficients are times per unit of work of <em>this library's</em> kernels,
 * measured on the development machine (AMD EPYC, AVX2 + FMA, 2 cores shared with other
 * work, JDK 25): {@code ./build -q -pl conv4j-core test-compile && tools/calibrate_signal.sh min}
 * prints, for every method on the benchmark grid, the minimum single-thread time over 12 runs
 * (the minimum, because the machine is loaded), and each coefficient below is that time divided
 * by the point's work count (read off per method; they agree to about 20 % across the grid).
 * {@code tools/calibrate_signal.sh grid} prints medians on all threads next to the model's
 * estimates and choice. The model divides single-thread times by the thread count.
 */
public final class SignalTuning {
  private SignalTuning() {}

  /** Nanoseconds per multiply-add of the direct SIMD kernel (one thread; 1e6 × 16/256, 512² × 3²/9²). */
  public static final double DIRECT_NS_PER_MAC = 0.17;

  /**
   * Nanoseconds per output element of the direct path's fixed work (input conversion to double,
   * the zero-extended window, the output).
   */
  public static final double DIRECT_NS_PER_OUTPUT = 6;

  /**
   * {@link #DIRECT_NS_PER_MAC} for float32 data (8 float lanes per vector, accumulated in float).
   * The float32 coefficients were read off {@code tools/calibrate_signal.sh min} (which prints
   * measured ÷ modelled time per method and dtype) on 512² × 9² and 31² at a load of 8–10, where
   * the ratios came out at 1.0–1.14.
   */
  public static final double DIRECT_NS_PER_MAC_F32 = 0.09;

  /** {@link #DIRECT_NS_PER_OUTPUT} for float32 data. */
  public static final double DIRECT_NS_PER_OUTPUT_F32 = 1;

  /**
   * Nanoseconds per multiply-add of the 2-D two-row direct kernel (float64, one thread; used when
   * the kernel has at least two rows). Measured with {@code tools/calibrate_signal.sh min} and
   * the kernel alone on 512² × 3²/9²/31² (12.9 G multiply-adds/s on 520² × 9²), 2026-11-21,
   * session 3.
   */
  public static final double DIRECT_2D_NS_PER_MAC = 0.075;

  /** Per-output fixed work of the 2-D two-row path (window, output array), float64. */
  public static final double DIRECT_2D_NS_PER_OUTPUT = 2.5;

  /** {@link #DIRECT_2D_NS_PER_MAC} for float32 data (25 G multiply-adds/s on 520² × 9²). */
  public static final double DIRECT_2D_NS_PER_MAC_F32 = 0.04;

  /** {@link #DIRECT_2D_NS_PER_OUTPUT} for float32 data. */
  public static final double DIRECT_2D_NS_PER_OUTPUT_F32 = 1;

  /**
   * The time of a float32 transform (FFT and overlap-add) relative to a float64 one of the same
   * length: 8 lanes per vector instead of 4, and half the bytes moved.
   */
  public static final double FFT_F32_FACTOR = 0.6;

  /**
   * Nanoseconds per {@code n·log2(n)} of one real N-d transform of {@code n} points, rank ≥ 2
   * (one thread; the 576² transforms of 512² × 31², packing and copies included).
   */
  public static final double FFT_NS_PER_NLOGN = 0.57;

  /**
   * The same for a rank-1 transform: one long sequence cannot be vectorised across sequences, so
   * its early passes run in scalar code (measured on 1e6 × 16/256/4096).
   */
  public static final double FFT_NS_PER_NLOGN_1D = 1.6;

  /**
   * Nanoseconds per {@code F·log2(F)} of each block transform of overlap-add (two per block, plus
   * the kernel's), rank 1 and N-d alike (measured on 1e6 × 16/256/4096 and 512² × 31²).
   */
  public static final double OA_NS_PER_NLOGN = 0.85;

  /**
   * Nanoseconds per {@code n·log2(n)} of one transform of a 2-D overlap-add tile of {@code n}
   * points (float64; two per tile plus the kernel's). One thread alone measured 0.33 (fitted with
   * {@link #TILE_NS_FIXED} to the single-thread minima of 512² × 31², 288² tiles, 4.1 ms, and
   * 512² × 3², 54² tiles, 3.2 ms); the coefficient is 1.5 times that, because the model divides by
   * the thread count and the tiles' two-thread medians in the benchmark (tools/bench_signal.sh,
   * loaded machine) came out at 1.3–1.5× their single-thread time, not 2× (2-D 9² float64: 4.5–5.4
   * ms tiled vs 3.0 ms direct). float32 tiles take {@link #FFT_F32_FACTOR} of it (measured
   * 0.58–0.64).
   */
  public static final double TILE_NS_PER_NLOGN = 0.5;

  /** Fixed nanoseconds per 2-D overlap-add tile (see {@link #TILE_NS_PER_NLOGN}). */
  public static final double TILE_NS_FIXED = 9_500;

  /** Fixed nanoseconds per FFT-based call (plans, allocation). */
  public static final double FFT_NS_FIXED = 20_000;

  /** Below this many taps a 2-D kernel is not tested for being an outer product. */
  static final int SEPARABLE_MIN_TAPS = 16;

  /** A direct task gets at least this many multiply-adds (else fewer threads are used). */
  static final int DIRECT_TASK_MIN_MACS = 1 << 16;

  /** The smallest FFT length an overlap-add block uses. */
  static final int OA_MIN_BLOCK_FFT = 64;

  /**
   * The per-sample cost of a block FFT of length F is modelled as {@code F·(ln F + c)/(F − K + 1)};
   * {@code c} accounts for the per-element work that does not grow with {@code log F} (packing,
   * spectral product, overlap-add).
   */
  static final double OA_LOG_OFFSET = 3.0;

  /**
   * The largest tile ({@code F0·F1} elements) the 2-D tiled overlap-add picks when the kernel allows:
   * a float32 tile spectrum of 2^17 elements is ≈ 0.5 MB, one core's L2.
   */
  static final int TILE_MAX_ELEMENTS = 1 << 17;

  /** The per-element work of a 2-D tile that does not grow with {@code log2(F0·F1)} (copies, product, adds). */
  static final double TILE_LOG_OFFSET = 4.0;

  /** The fixed work of one 2-D tile (calls, plans of the chunk loops), in element-steps of the model above. */
  static final double TILE_FIXED_ELEMENTS = 4096;

  /** Doubles of one overlap-add group buffer (blocks transformed together): 2 MB. */
  static final int OA_GROUP_DOUBLES = 1 << 18;
}
