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
 * C, the workers packing B once into a shared buffer ({@link GemmTeam}). Both give the same bits for
 * any thread count. The SIMD and scalar kernels differ only in
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
   * Largest shared packed-B buffer of the parallel products, in bytes: B is packed for all of k and
   * up to this much of n at once (1024² float or double in one block); wider B takes several blocks.
   */
  static final int TEAM_B_BYTES = 10 << 20;

  /** Largest packed-A block (the rows of one block of C, all of k) of one parallel worker, in bytes. */
  static final int TEAM_A_BYTES = 4 << 20;

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
   * {@link #sgemm} split over up to {@link Parallelism#threads()} threads by blocks of C against B
   * packed once into a buffer the threads share (see {@link #sgemmTeam}). Each element of C is
   * computed by one task in the same order as the single-threaded call, so the result is
   * bit-identical for any thread count.
   */
  public static void sgemmParallel(boolean transA, boolean transB, int m, int n, int k,
      float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc, boolean accumulate) {
    int threads = Parallelism.threads();
    if ((long) m * n * k < PARALLEL_MIN_FLOPS || m <= 0 || n <= 0 || (threads == 1 && !SIMD)) {
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
    sgemmTeam(threads, transA, transB, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate,
        TEAM_B_BYTES / 4, TEAM_A_BYTES / 4);
  }
  /**
   * The SIMD {@link #sgemmParallel} on {@code threads} workers (1 included): B packed once per
   * block into a buffer the workers share, each block of C computed by one worker against it with its
   * rows of A packed once (see {@link GemmTeam}). Caps in elements; the tests shrink them.
   */
  static void sgemmTeam(int threads, boolean transA, boolean transB, int m, int n, int k,
      float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc, boolean accumulate, int bCap, int aCap) {
    GemmTeam.Plan p = GemmTeam.Plan.of(m, n, k, SimdSgemm.MR, SimdSgemm.NR, SimdSgemm.KC, SimdSgemm.MC, bCap, aCap, threads);
    float[] pb = teamFloatB(p.bufSize());
    float beta = accumulate ? 1f : 0f;
    int aSize = SimdSgemm.blockProductSize(p.rowsPerItem(), k);
    GemmTeam.run(threads, p.blocks(), new GemmTeam.Work() {
      @Override
      public int packUnits(int blk) {
        return p.packUnits(blk);
      }

      @Override
      public void pack(int blk, int u) {
        int j0 = p.packStart(blk, u);
        SimdSgemm.packBDeep(transB, b, bo, ldb, k, j0, p.packEnd(blk, u) - j0, pb, 0, p.stride(), j0 - p.blockStart(blk));
      }

      @Override
      public int computeUnits(int blk) {
        return p.computeUnits(blk);
      }

      @Override
      public void compute(int blk, int u) {
        SimdSgemm.blockProduct(transA, a, ao, lda, p.row0(blk, u), p.row1(blk, u), k, pb, 0, p.stride(), p.blockStart(blk),
            p.col0(blk, u), p.col1(blk, u), beta, c, co, ldc, teamFloatA(aSize));
      }
    });
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
  /** The shared packed-B buffer of {@link #sgemmTeam}, kept per calling thread between products. */
  private static final ThreadLocal<float[]> TEAM_FLOAT_B = new ThreadLocal<>();

  /** Each worker's packed-A block of {@link #sgemmTeam}, kept between products. */
  private static final ThreadLocal<float[]> TEAM_FLOAT_A = new ThreadLocal<>();

  private static float[] teamFloatB(int size) {
    float[] buf = TEAM_FLOAT_B.get();
    if (buf == null || buf.length < size) {
      buf = new float[size];
      TEAM_FLOAT_B.set(buf);
    }
    return buf;
  }

  private static float[] teamFloatA(int size) {
    float[] buf = TEAM_FLOAT_A.get();
    if (buf == null || buf.length < size) {
      buf = new float[size];
      TEAM_FLOAT_A.set(buf);
    }
    return buf;
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
   * {@link #dgemm} split over up to {@link Parallelism#threads()} threads by blocks of C against B
   * packed once into a buffer the threads share (see {@link #dgemmTeam}). Each element of C is
   * computed by one task in the same order as the single-threaded call, so the result is
   * bit-identical for any thread count.
   */
  public static void dgemmParallel(boolean transA, boolean transB, int m, int n, int k,
      double[] a, int ao, int lda, double[] b, int bo, int ldb, double[] c, int co, int ldc, boolean accumulate) {
    int threads = Parallelism.threads();
    if ((long) m * n * k < PARALLEL_MIN_FLOPS || m <= 0 || n <= 0 || (threads == 1 && !SIMD)) {
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
    dgemmTeam(threads, transA, transB, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate,
        TEAM_B_BYTES / 8, TEAM_A_BYTES / 8);
  }
  /**
   * The SIMD {@link #dgemmParallel} on {@code threads} workers (1 included): B packed once per
   * block into a buffer the workers share, each block of C computed by one worker against it with its
   * rows of A packed once (see {@link GemmTeam}). Caps in elements; the tests shrink them.
   */
  static void dgemmTeam(int threads, boolean transA, boolean transB, int m, int n, int k,
      double[] a, int ao, int lda, double[] b, int bo, int ldb, double[] c, int co, int ldc, boolean accumulate, int bCap, int aCap) {
    GemmTeam.Plan p = GemmTeam.Plan.of(m, n, k, SimdDgemm.MR, SimdDgemm.NR, SimdDgemm.KC, SimdDgemm.MC, bCap, aCap, threads);
    double[] pb = teamDoubleB(p.bufSize());
    double beta = accumulate ? 1.0 : 0.0;
    int aSize = SimdDgemm.blockProductSize(p.rowsPerItem(), k);
    GemmTeam.run(threads, p.blocks(), new GemmTeam.Work() {
      @Override
      public int packUnits(int blk) {
        return p.packUnits(blk);
      }

      @Override
      public void pack(int blk, int u) {
        int j0 = p.packStart(blk, u);
        SimdDgemm.packBDeep(transB, b, bo, ldb, k, j0, p.packEnd(blk, u) - j0, pb, 0, p.stride(), j0 - p.blockStart(blk));
      }

      @Override
      public int computeUnits(int blk) {
        return p.computeUnits(blk);
      }

      @Override
      public void compute(int blk, int u) {
        SimdDgemm.blockProduct(transA, a, ao, lda, p.row0(blk, u), p.row1(blk, u), k, pb, 0, p.stride(), p.blockStart(blk),
            p.col0(blk, u), p.col1(blk, u), beta, c, co, ldc, teamDoubleA(aSize));
      }
    });
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
  /** The shared packed-B buffer of {@link #dgemmTeam}, kept per calling thread between products. */
  private static final ThreadLocal<double[]> TEAM_DOUBLE_B = new ThreadLocal<>();

  /** Each worker's packed-A block of {@link #dgemmTeam}, kept between products. */
  private static final ThreadLocal<double[]> TEAM_DOUBLE_A = new ThreadLocal<>();

  private static double[] teamDoubleB(int size) {
    double[] buf = TEAM_DOUBLE_B.get();
    if (buf == null || buf.length < size) {
      buf = new double[size];
      TEAM_DOUBLE_B.set(buf);
    }
    return buf;
  }

  private static double[] teamDoubleA(int size) {
    double[] buf = TEAM_DOUBLE_A.get();
    if (buf == null || buf.length < size) {
      buf = new double[size];
      TEAM_DOUBLE_A.set(buf);
    }
    return buf;
  }

}
