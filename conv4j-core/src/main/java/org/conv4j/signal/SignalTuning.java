package org.conv4j.signal;

/**
 * Every tuning constant of the signal ops, in one place: the cost model of
 * {@link Signal#chooseMethod} and the blocking of the solvers.
 *
 * <p>The cost-model coefficients are times per unit of work of <em>this library's</em> kernels,
 * measured on the development machine (AMD EPYC, AVX2 + FMA, 2 cores, JDK 25) with
 * {@code java … org.conv4j.signal.Calibrate} — the run is
 * {@code ./build -q -pl conv4j-core test-compile && tools/calibrate_signal.sh}, which times each
 * method on a grid of shapes and fits the coefficients below by least squares on the log scale.
 * They are single-thread figures; the model divides by the thread count.
 */
public final class SignalTuning {
  private SignalTuning() {}

  /** Nanoseconds per multiply-add of the direct SIMD kernel (one thread). */
  public static final double DIRECT_NS_PER_MAC = 0.21;

  /** Nanoseconds per output element of the direct path's fixed work (window copy, output). */
  public static final double DIRECT_NS_PER_OUTPUT = 1.5;

  /**
   * Nanoseconds per {@code n·log2(n)} of one real N-d transform of {@code n} points (one thread),
   * packing and copies included.
   */
  public static final double FFT_NS_PER_NLOGN = 0.55;

  /** Fixed nanoseconds per FFT call (planning, twiddles, allocation). */
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

  /** Doubles of one overlap-add group buffer (blocks transformed together): 2 MB. */
  static final int OA_GROUP_DOUBLES = 1 << 18;
}
