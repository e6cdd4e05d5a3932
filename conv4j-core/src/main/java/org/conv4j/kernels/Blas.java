package org.conv4j.kernels;

import org.conv4j.kernels.simd.SimdDgemm;
import org.conv4j.kernels.simd.SimdSgemm;
import org.conv4j.runtime.Parallelism;

/**
 * The matrix products the convolution paths run on, {@code C (m×n) = op(A)·op(B)} over row-major
 * arrays with offsets and leading dimensions (transposes as in {@link Gemm}), dispatched once per
 * process to the JDK Vector API kernels ({@link SimdSgemm}, {@link SimdDgemm}) or, when the
 * {@code jdk.incubator.vector} module is absent or {@code -Dconv4j.simd=false} is set, to the
 * scalar {@link Gemm}.
 *
 * <p>{@link #sgemm}/{@link #dgemm} run on the calling thread (callers that already parallelise over
 * examples use them); {@link #sgemmParallel}/{@link #dgemmParallel} split one product over blocks of
 * C. Both give the same bits for any thread count. The SIMD and scalar kernels differ only in
 * rounding: the SIMD kernel fuses multiply-add and sums in k-blocks of 256, {@link Gemm} rounds each
 * product; the tests bound the difference.
 */
public final class Blas {
  /**
   * Whether the Vector API kernels are used: decided once, at class initialisation, from the
   * system property {@code conv4j.simd} (anything but {@code false} allows them) and whether the
   * {@code jdk.incubator.vector} module is present and its kernels link and run.
   */
  public static final boolean SIMD = detect();

  /**
   * Blocks of C per thread in the parallel products: more blocks even out a preempted or slower
   * worker, fewer repack the shared operand less often (each block packs all of A, or all of B).
   */
  static final int CHUNKS_PER_THREAD = 2;

  /**
   * Whether the parallel products split C by columns (each block packs all of A and its share of
   * B) rather than by rows (all of B and its share of A). Rows when there are enough row groups
   * and C is at least as tall as wide: packing B is the cheaper one (whole vector rows), so
   * repacking all of B per block costs less than repacking all of A.
   */
  static boolean columnSplit(int m, int n, int mr, int nr, int want) {
    int panels = (n + nr - 1) / nr, groups = (m + mr - 1) / mr;
    if (ROW_SPLIT_WHEN_TALL && groups >= want && m >= n) {
      return false;
    }
    return panels >= want || panels >= groups;
  }

  static final boolean ROW_SPLIT_WHEN_TALL = true;

  /** Below this many multiply-adds a product is not worth splitting between threads. */
  static final long PARALLEL_MIN_FLOPS = 1L << 21;

  private Blas() {}

  /** {@code "simd"} or {@code "scalar"}: the kernels this process uses, for logs and reports. */
  public static String implementation() {
    return SIMD ? "simd (" + SimdProbe.describe() + ")" : "scalar";
  }

  private static boolean detect() {
    return SimdSwitch.enabled(SimdProbe::works);
  }


  /**
   * {@code C = op(A)·op(B)}, or {@code C += op(A)·op(B)} when {@code accumulate}, on the calling
   * thread: the SIMD kernel when {@link #SIMD}, else {@link Gemm}. For use inside a task that is
   * already one of several parallel workers.
   *
   * @param a not modified
   * @param b not modified
   * @param c modified
   * @param ws null or a workspace from {@link #floatWorkspace(int)} with enough columns, modified
   */
  public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
      float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc, boolean accumulate,
      FloatWorkspace ws) {
    if (SIMD) {
      FloatWorkspace w = ws != null && ws.packB.length >= SimdSgemm.packBSize(n) ? ws : floatScratch(n, k);
      SimdSgemm.gemm(transA, transB, m, n, k, a, ao, lda, b, bo, ldb, accumulate ? 1f : 0f, c, co, ldc, w.packA, w.packB);
    } else {
      Gemm.gemm(transA, transB, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate);
    }
  }

  /**
   * {@link #sgemm} split over up to {@link Parallelism#threads()} threads by blocks of C, each an
   * independent product (no barrier between threads). Each element of C is computed by one task in the same
   * order as the single-threaded call, so the result is bit-identical for any thread count.
   */
  public static void sgemmParallel(boolean transA, boolean transB, int m, int n, int k,
      float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc, boolean accumulate) {
    int threads = Parallelism.threads();
    if (threads == 1 || (long) m * n * k < PARALLEL_MIN_FLOPS || m <= 0 || n <= 0) {
      sgemm(transA, transB, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate, null);
      return;
    }
    if (!SIMD || k == 0) {
      // Row chunks of C through the scalar kernel: each row is computed exactly as in one call.
      int chunks = Math.min(m, 4 * threads);
      Parallelism.forEach(chunks, t -> {
        int i0 = (int) ((long) m * t / chunks), i1 = (int) ((long) m * (t + 1) / chunks);
        if (i1 > i0) {
          int aOff = transA ? ao + i0 : ao + i0 * lda;
          sgemm(transA, transB, i1 - i0, n, k, a, aOff, lda, b, bo, ldb, c, co + i0 * ldc, ldc, accumulate, null);
        }
      });
      return;
    }
    // Barrier-free: C is cut into blocks of whole NR-column panels, or of MR-row groups when C is
    // narrow or tall (see columnSplit), each block a complete single-threaded product over all of k with its own packing
    // buffers. No worker ever waits for another (a preempted worker delays only its own blocks,
    // which the others pick up from the shared queue), at the cost of packing A (or B) once per
    // block instead of once. Every element sums the same k-blocks in the same order as one call.
    // Each worker packs into its thread's cached buffers (see floatScratch), allocating nothing.
    int nr = SimdSgemm.NR, mr = SimdSgemm.MR;
    int panels = (n + nr - 1) / nr;
    int want = CHUNKS_PER_THREAD * threads;
    if (columnSplit(m, n, mr, nr, want)) {
      int chunks = Math.min(panels, want);
      Parallelism.forEach(chunks, t -> {
        int j0 = (int) ((long) panels * t / chunks) * nr, j1 = Math.min(n, (int) ((long) panels * (t + 1) / chunks) * nr);
        if (j1 > j0) {
          int bOff = transB ? bo + j0 * ldb : bo + j0;
          sgemm(transA, transB, m, j1 - j0, k, a, ao, lda, b, bOff, ldb, c, co + j0, ldc, accumulate, null);
        }
      });
    } else {
      int groups = (m + mr - 1) / mr;
      int chunks = Math.min(groups, want);
      Parallelism.forEach(chunks, t -> {
        int i0 = (int) ((long) groups * t / chunks) * mr, i1 = Math.min(m, (int) ((long) groups * (t + 1) / chunks) * mr);
        if (i1 > i0) {
          int aOff = transA ? ao + i0 : ao + i0 * lda;
          sgemm(transA, transB, i1 - i0, n, k, a, aOff, lda, b, bo, ldb, c, co + i0 * ldc, ldc, accumulate, null);
        }
      });
    }
  }

  /**
   * A left operand prepared once for many products: packed for the SIMD kernel, or the plain
   * array for the scalar one. Immutable after construction; share it between workers.
   */
  public record PackedFloats(boolean trans, int m, int k, float[] a, int ao, int lda, float[] packed) {}

  /** Packs {@code op(A)} (m×k) for {@link #sgemm(PackedFloats, boolean, int, float[], int, int, float[], int, int, boolean, FloatWorkspace)}. */
  public static PackedFloats packA(boolean transA, int m, int k, float[] a, int ao, int lda) {
    float[] packed = null;
    if (SIMD) {
      packed = new float[SimdSgemm.packAllSize(m, k)];
      SimdSgemm.packAll(transA, a, ao, lda, m, k, packed);
    }
    return new PackedFloats(transA, m, k, a, ao, lda, packed);
  }

  /** {@link #sgemm} with a prepared left operand: the same bits as the unprepared call. */
  public static void sgemm(PackedFloats pa, boolean transB, int n, float[] b, int bo, int ldb, float[] c, int co, int ldc,
      boolean accumulate, FloatWorkspace ws) {
    if (SIMD) {
      FloatWorkspace w = ws != null && ws.packB.length >= SimdSgemm.packBSize(n) ? ws : floatScratch(n, 0);
      SimdSgemm.gemmPackedA(pa.packed(), pa.m(), pa.k(), transB, n, b, bo, ldb, accumulate ? 1f : 0f, c, co, ldc, w.packA, w.packB);
    } else {
      Gemm.gemm(pa.trans(), transB, pa.m(), n, pa.k(), pa.a(), pa.ao(), pa.lda(), b, bo, ldb, c, co, ldc, accumulate);
    }
  }

  /** Packing buffers for {@link #sgemm} on up to {@code n} columns (empty when SIMD is off). */
  public static FloatWorkspace floatWorkspace(int n) {
    return SIMD ? new FloatWorkspace(new float[SimdSgemm.packASize()], new float[SimdSgemm.packBSize(n)])
        : new FloatWorkspace(new float[0], new float[0]);
  }

  /** Reusable packing buffers of the float32 SIMD GEMM, one per worker. */
  public record FloatWorkspace(float[] packA, float[] packB) {}

  /**
   * Each thread's packing buffers for calls without a workspace, kept between calls so a product
   * allocates nothing once warm. At most {@code KC·NC} floats of B panel plus one A block per
   * thread (about 4.2 MB, see {@link SimdSgemm#packBSize(int, int)}).
   */
  private static final ThreadLocal<FloatWorkspace> FLOAT_SCRATCH = new ThreadLocal<>();

  private static FloatWorkspace floatScratch(int n, int k) {
    FloatWorkspace w = FLOAT_SCRATCH.get();
    int need = SimdSgemm.packBSize(n, k);
    if (w == null || w.packB.length < need) {
      w = new FloatWorkspace(new float[SimdSgemm.packASize()], new float[need]);
      FLOAT_SCRATCH.set(w);
    }
    return w;
  }

  /**
   * {@code C = op(A)·op(B)}, or {@code C += op(A)·op(B)} when {@code accumulate}, on the calling
   * thread: the SIMD kernel when {@link #SIMD}, else {@link Gemm}. For use inside a task that is
   * already one of several parallel workers.
   *
   * @param a not modified
   * @param b not modified
   * @param c modified
   * @param ws null or a workspace from {@link #doubleWorkspace(int)} with enough columns, modified
   */
  public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
      double[] a, int ao, int lda, double[] b, int bo, int ldb, double[] c, int co, int ldc, boolean accumulate,
      DoubleWorkspace ws) {
    if (SIMD) {
      DoubleWorkspace w = ws != null && ws.packB.length >= SimdDgemm.packBSize(n) ? ws : doubleScratch(n, k);
      SimdDgemm.gemm(transA, transB, m, n, k, a, ao, lda, b, bo, ldb, accumulate ? 1.0 : 0.0, c, co, ldc, w.packA, w.packB);
    } else {
      Gemm.gemm(transA, transB, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate);
    }
  }

  /**
   * {@link #dgemm} split over up to {@link Parallelism#threads()} threads by blocks of C, each an
   * independent product (no barrier between threads). Each element of C is computed by one task in the same
   * order as the single-threaded call, so the result is bit-identical for any thread count.
   */
  public static void dgemmParallel(boolean transA, boolean transB, int m, int n, int k,
      double[] a, int ao, int lda, double[] b, int bo, int ldb, double[] c, int co, int ldc, boolean accumulate) {
    int threads = Parallelism.threads();
    if (threads == 1 || (long) m * n * k < PARALLEL_MIN_FLOPS || m <= 0 || n <= 0) {
      dgemm(transA, transB, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate, null);
      return;
    }
    if (!SIMD || k == 0) {
      // Row chunks of C through the scalar kernel: each row is computed exactly as in one call.
      int chunks = Math.min(m, 4 * threads);
      Parallelism.forEach(chunks, t -> {
        int i0 = (int) ((long) m * t / chunks), i1 = (int) ((long) m * (t + 1) / chunks);
        if (i1 > i0) {
          int aOff = transA ? ao + i0 : ao + i0 * lda;
          dgemm(transA, transB, i1 - i0, n, k, a, aOff, lda, b, bo, ldb, c, co + i0 * ldc, ldc, accumulate, null);
        }
      });
      return;
    }
    // Barrier-free: C is cut into blocks of whole NR-column panels, or of MR-row groups when C is
    // narrow or tall (see columnSplit), each block a complete single-threaded product over all of k with its own packing
    // buffers. No worker ever waits for another (a preempted worker delays only its own blocks,
    // which the others pick up from the shared queue), at the cost of packing A (or B) once per
    // block instead of once. Every element sums the same k-blocks in the same order as one call.
    // Each worker packs into its thread's cached buffers (see floatScratch), allocating nothing.
    int nr = SimdDgemm.NR, mr = SimdDgemm.MR;
    int panels = (n + nr - 1) / nr;
    int want = CHUNKS_PER_THREAD * threads;
    if (columnSplit(m, n, mr, nr, want)) {
      int chunks = Math.min(panels, want);
      Parallelism.forEach(chunks, t -> {
        int j0 = (int) ((long) panels * t / chunks) * nr, j1 = Math.min(n, (int) ((long) panels * (t + 1) / chunks) * nr);
        if (j1 > j0) {
          int bOff = transB ? bo + j0 * ldb : bo + j0;
          dgemm(transA, transB, m, j1 - j0, k, a, ao, lda, b, bOff, ldb, c, co + j0, ldc, accumulate, null);
        }
      });
    } else {
      int groups = (m + mr - 1) / mr;
      int chunks = Math.min(groups, want);
      Parallelism.forEach(chunks, t -> {
        int i0 = (int) ((long) groups * t / chunks) * mr, i1 = Math.min(m, (int) ((long) groups * (t + 1) / chunks) * mr);
        if (i1 > i0) {
          int aOff = transA ? ao + i0 : ao + i0 * lda;
          dgemm(transA, transB, i1 - i0, n, k, a, aOff, lda, b, bo, ldb, c, co + i0 * ldc, ldc, accumulate, null);
        }
      });
    }
  }

  /**
   * A left operand prepared once for many products: packed for the SIMD kernel, or the plain
   * array for the scalar one. Immutable after construction; share it between workers.
   */
  public record PackedDoubles(boolean trans, int m, int k, double[] a, int ao, int lda, double[] packed) {}

  /** Packs {@code op(A)} (m×k) for {@link #dgemm(PackedDoubles, boolean, int, double[], int, int, double[], int, int, boolean, DoubleWorkspace)}. */
  public static PackedDoubles packA(boolean transA, int m, int k, double[] a, int ao, int lda) {
    double[] packed = null;
    if (SIMD) {
      packed = new double[SimdDgemm.packAllSize(m, k)];
      SimdDgemm.packAll(transA, a, ao, lda, m, k, packed);
    }
    return new PackedDoubles(transA, m, k, a, ao, lda, packed);
  }

  /** {@link #dgemm} with a prepared left operand: the same bits as the unprepared call. */
  public static void dgemm(PackedDoubles pa, boolean transB, int n, double[] b, int bo, int ldb, double[] c, int co, int ldc,
      boolean accumulate, DoubleWorkspace ws) {
    if (SIMD) {
      DoubleWorkspace w = ws != null && ws.packB.length >= SimdDgemm.packBSize(n) ? ws : doubleScratch(n, 0);
      SimdDgemm.gemmPackedA(pa.packed(), pa.m(), pa.k(), transB, n, b, bo, ldb, accumulate ? 1.0 : 0.0, c, co, ldc, w.packA, w.packB);
    } else {
      Gemm.gemm(pa.trans(), transB, pa.m(), n, pa.k(), pa.a(), pa.ao(), pa.lda(), b, bo, ldb, c, co, ldc, accumulate);
    }
  }

  /** Packing buffers for {@link #dgemm} on up to {@code n} columns (empty when SIMD is off). */
  public static DoubleWorkspace doubleWorkspace(int n) {
    return SIMD ? new DoubleWorkspace(new double[SimdDgemm.packASize()], new double[SimdDgemm.packBSize(n)])
        : new DoubleWorkspace(new double[0], new double[0]);
  }

  /** Reusable packing buffers of the float64 SIMD GEMM, one per worker. */
  public record DoubleWorkspace(double[] packA, double[] packB) {}

  /** {@link #floatScratch} for float64 (at most about 4.5 MB per thread). */
  private static final ThreadLocal<DoubleWorkspace> DOUBLE_SCRATCH = new ThreadLocal<>();

  private static DoubleWorkspace doubleScratch(int n, int k) {
    DoubleWorkspace w = DOUBLE_SCRATCH.get();
    int need = SimdDgemm.packBSize(n, k);
    if (w == null || w.packB.length < need) {
      w = new DoubleWorkspace(new double[SimdDgemm.packASize()], new double[need]);
      DOUBLE_SCRATCH.set(w);
    }
    return w;
  }
}
