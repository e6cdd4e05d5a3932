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

  /** Below this many multiply-adds a product is not worth splitting between threads. */
  static final long PARALLEL_MIN_FLOPS = 1L << 21;

  private Blas() {}

  /** {@code "simd"} or {@code "scalar"}: the kernels this process uses, for logs and reports. */
  public static String implementation() {
    return SIMD ? "simd (" + SimdProbe.describe() + ")" : "scalar";
  }

  private static boolean detect() {
    if ("false".equalsIgnoreCase(System.getProperty("conv4j.simd", "true").trim())) {
      return false;
    }
    try {
      if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
        return false;
      }
      return SimdProbe.works();
    } catch (LinkageError | RuntimeException e) {
      return false;
    }
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
      FloatWorkspace w = ws != null && ws.packB.length >= SimdSgemm.packBSize(n) ? ws : floatWorkspace(n);
      SimdSgemm.gemm(transA, transB, m, n, k, a, ao, lda, b, bo, ldb, accumulate ? 1f : 0f, c, co, ldc, w.packA, w.packB);
    } else {
      Gemm.gemm(transA, transB, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate);
    }
  }

  /**
   * {@link #sgemm} split over up to {@link Parallelism#threads()} threads by blocks of C (a shared
   * packed B, one packed A block per task). Each element of C is computed by one task in the same
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
    int nc0 = Math.min(n, SimdSgemm.NC);
    float[] packB = new float[SimdSgemm.packBSize(nc0)];
    int mBlocks = (m + SimdSgemm.MC - 1) / SimdSgemm.MC;
    for (int jc = 0; jc < n; jc += SimdSgemm.NC) {
      int nc = Math.min(SimdSgemm.NC, n - jc);
      int panels = (nc + SimdSgemm.NR - 1) / SimdSgemm.NR;
      int nChunks = Math.min(panels, Math.max(1, (2 * threads + mBlocks - 1) / mBlocks));
      int packChunks = Math.min(panels, 2 * threads);
      for (int pc = 0; pc < k; pc += SimdSgemm.KC) {
        int kc = Math.min(SimdSgemm.KC, k - pc);
        boolean first = pc == 0 && !accumulate;
        int jc0 = jc, pc0 = pc;
        Parallelism.forEach(packChunks, t -> {
          int p0 = panels * t / packChunks, p1 = panels * (t + 1) / packChunks;
          int j0 = p0 * SimdSgemm.NR, j1 = Math.min(nc, p1 * SimdSgemm.NR);
          if (j1 > j0) {
            SimdSgemm.packB(transB, b, bo, ldb, pc0, kc, jc0 + j0, j1 - j0, packB, j0 * kc);
          }
        });
        Parallelism.forEach(mBlocks * nChunks, () -> new float[SimdSgemm.packASize()], (packA, t) -> {
          int ib = t / nChunks, jb = t % nChunks;
          int ic = ib * SimdSgemm.MC, mc = Math.min(SimdSgemm.MC, m - ic);
          int p0 = panels * jb / nChunks, p1 = panels * (jb + 1) / nChunks;
          int j0 = p0 * SimdSgemm.NR, j1 = Math.min(nc, p1 * SimdSgemm.NR);
          if (j1 > j0) {
            SimdSgemm.packA(transA, a, ao, lda, ic, mc, pc0, kc, packA, 0);
            SimdSgemm.macroKernel(mc, j1 - j0, kc, packA, 0, packB, j0 * kc, c, co + ic * ldc + jc0 + j0, ldc, first,
                packA, SimdSgemm.MC * SimdSgemm.KC);
          }
        });
      }
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
      FloatWorkspace w = ws != null && ws.packB.length >= SimdSgemm.packBSize(n) ? ws : floatWorkspace(n);
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
      DoubleWorkspace w = ws != null && ws.packB.length >= SimdDgemm.packBSize(n) ? ws : doubleWorkspace(n);
      SimdDgemm.gemm(transA, transB, m, n, k, a, ao, lda, b, bo, ldb, accumulate ? 1.0 : 0.0, c, co, ldc, w.packA, w.packB);
    } else {
      Gemm.gemm(transA, transB, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate);
    }
  }

  /**
   * {@link #dgemm} split over up to {@link Parallelism#threads()} threads by blocks of C (a shared
   * packed B, one packed A block per task). Each element of C is computed by one task in the same
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
    int nc0 = Math.min(n, SimdDgemm.NC);
    double[] packB = new double[SimdDgemm.packBSize(nc0)];
    int mBlocks = (m + SimdDgemm.MC - 1) / SimdDgemm.MC;
    for (int jc = 0; jc < n; jc += SimdDgemm.NC) {
      int nc = Math.min(SimdDgemm.NC, n - jc);
      int panels = (nc + SimdDgemm.NR - 1) / SimdDgemm.NR;
      int nChunks = Math.min(panels, Math.max(1, (2 * threads + mBlocks - 1) / mBlocks));
      int packChunks = Math.min(panels, 2 * threads);
      for (int pc = 0; pc < k; pc += SimdDgemm.KC) {
        int kc = Math.min(SimdDgemm.KC, k - pc);
        boolean first = pc == 0 && !accumulate;
        int jc0 = jc, pc0 = pc;
        Parallelism.forEach(packChunks, t -> {
          int p0 = panels * t / packChunks, p1 = panels * (t + 1) / packChunks;
          int j0 = p0 * SimdDgemm.NR, j1 = Math.min(nc, p1 * SimdDgemm.NR);
          if (j1 > j0) {
            SimdDgemm.packB(transB, b, bo, ldb, pc0, kc, jc0 + j0, j1 - j0, packB, j0 * kc);
          }
        });
        Parallelism.forEach(mBlocks * nChunks, () -> new double[SimdDgemm.packASize()], (packA, t) -> {
          int ib = t / nChunks, jb = t % nChunks;
          int ic = ib * SimdDgemm.MC, mc = Math.min(SimdDgemm.MC, m - ic);
          int p0 = panels * jb / nChunks, p1 = panels * (jb + 1) / nChunks;
          int j0 = p0 * SimdDgemm.NR, j1 = Math.min(nc, p1 * SimdDgemm.NR);
          if (j1 > j0) {
            SimdDgemm.packA(transA, a, ao, lda, ic, mc, pc0, kc, packA, 0);
            SimdDgemm.macroKernel(mc, j1 - j0, kc, packA, 0, packB, j0 * kc, c, co + ic * ldc + jc0 + j0, ldc, first,
                packA, SimdDgemm.MC * SimdDgemm.KC);
          }
        });
      }
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
      DoubleWorkspace w = ws != null && ws.packB.length >= SimdDgemm.packBSize(n) ? ws : doubleWorkspace(n);
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
}
