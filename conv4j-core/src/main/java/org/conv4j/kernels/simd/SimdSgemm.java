package org.conv4j.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision GEMM on the JDK Vector API: {@code C = beta·C + A·B} with {@code A} (m×k) and
 * {@code B} (k×n) read through optional transposes, all row-major with leading dimensions.
 *
 * <p>Structure (Goto/BLIS): B is packed into k-blocks of {@value #KC} rows cut into panels of
 * {@code NR} columns, A into m-blocks of {@value #MC} rows cut into panels of {@value #MR} rows;
 * panels are zero-padded to full width so the micro-kernel never branches. The micro-kernel keeps
 * an MR×NR tile of C in 2·MR vector accumulators (12 independent FMA chains, enough to hide FMA
 * latency on two FMA ports), streaming one broadcast of A and two vectors of B per k step. Edge
 * tiles are computed in full into a scratch tile and copied out partially.
 *
 * <p>Accumulation order per element is the k-order within each k-block, block after block; the
 * result equals a scalar loop with the same order bit for bit (FMA aside: the micro-kernel uses
 * fused multiply-add, so compare with a tolerance, or with an FMA reference).
 *
 * <p>Single-threaded; callers parallelise over independent blocks of C.
 */
public final class SimdSgemm {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  static final int MR = 6;
  static final int NR = 2 * L;
  static final int KC = 256;
  static final int MC = 120;
  static final int NC = 2048;

  private SimdSgemm() {}

  /**
   * {@code C[m×n] = beta·C + op(A)·op(B)}. {@code op(A)} is A (m×k, row stride lda) or, when
   * {@code transA}, the transpose of A stored as k×m with row stride lda; likewise B.
   * {@code beta} must be 0 (overwrite; C may hold garbage) or 1 (accumulate).
   */
  public static void gemm(
      boolean transA, boolean transB, int m, int n, int k,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float beta, float[] c, int cOff, int ldc) {
    if (beta != 0f && beta != 1f) {
      throw new IllegalArgumentException("beta must be 0 or 1, got " + beta);
    }
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      if (beta == 0f) {
        for (int i = 0; i < m; i++) {
          java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
        }
      }
      return;
    }
    float[] packB = new float[KC * roundUp(Math.min(n, NC), NR)];
    float[] packA = new float[roundUp(Math.min(m, MC), MR) * KC];
    float[] tile = new float[MR * NR];
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        boolean first = pc == 0 && beta == 0f;
        packB(transB, b, bOff, ldb, pc, kc, jc, nc, packB);
        for (int ic = 0; ic < m; ic += MC) {
          int mc = Math.min(MC, m - ic);
          packA(transA, a, aOff, lda, ic, mc, pc, kc, packA);
          for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            for (int ir = 0; ir < mc; ir += MR) {
              int mr = Math.min(MR, mc - ir);
              int cPos = cOff + (ic + ir) * ldc + jc + jr;
              if (mr == MR && nr == NR) {
                kernel(kc, packA, ir * kc, packB, jr * kc, c, cPos, ldc, first);
              } else {
                java.util.Arrays.fill(tile, 0f);
                kernel(kc, packA, ir * kc, packB, jr * kc, tile, 0, NR, true);
                for (int i = 0; i < mr; i++) {
                  int row = cPos + i * ldc;
                  for (int j = 0; j < nr; j++) {
                    c[row + j] = first ? tile[i * NR + j] : c[row + j] + tile[i * NR + j];
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  private static int roundUp(int v, int m) {
    return (v + m - 1) / m * m;
  }

  /** Packs op(B)[pc:pc+kc, jc:jc+nc] into NR-column panels, each kc×NR row-major, zero-padded. */
  private static void packB(boolean trans, float[] b, int off, int ldb, int pc, int kc, int jc, int nc, float[] dst) {
    int d = 0;
    for (int jr = 0; jr < nc; jr += NR) {
      int nr = Math.min(NR, nc - jr);
      for (int p = 0; p < kc; p++) {
        if (!trans) {
          int src = off + (pc + p) * ldb + jc + jr;
          System.arraycopy(b, src, dst, d, nr);
        } else {
          int src = off + (jc + jr) * ldb + pc + p;
          for (int j = 0; j < nr; j++) {
            dst[d + j] = b[src + j * ldb];
          }
        }
        for (int j = nr; j < NR; j++) {
          dst[d + j] = 0f;
        }
        d += NR;
      }
    }
  }

  /** Packs op(A)[ic:ic+mc, pc:pc+kc] into MR-row panels, each kc×MR (k-major), zero-padded. */
  private static void packA(boolean trans, float[] a, int off, int lda, int ic, int mc, int pc, int kc, float[] dst) {
    int d = 0;
    for (int ir = 0; ir < mc; ir += MR) {
      int mr = Math.min(MR, mc - ir);
      for (int p = 0; p < kc; p++) {
        for (int i = 0; i < mr; i++) {
          dst[d + i] = trans ? a[off + (pc + p) * lda + ic + ir + i] : a[off + (ic + ir + i) * lda + pc + p];
        }
        for (int i = mr; i < MR; i++) {
          dst[d + i] = 0f;
        }
        d += MR;
      }
    }
  }

  /**
   * The MR×NR micro-kernel: {@code C[0:MR, 0:NR] (+)= Apanel · Bpanel} over kc steps. All vector
   * values live in this one method so C2 keeps them in registers (a FloatVector passed to a
   * non-inlined helper would be boxed on the heap).
   */
  private static void kernel(int kc, float[] pa, int ao, float[] pb, int bo, float[] c, int cPos, int ldc, boolean overwrite) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S);
    FloatVector c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S);
    FloatVector c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S);
    FloatVector c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S);
    FloatVector c41 = FloatVector.zero(S);
    FloatVector c50 = FloatVector.zero(S);
    FloatVector c51 = FloatVector.zero(S);
    for (int p = 0; p < kc; p++) {
      int ap = ao + p * MR;
      int bp = bo + p * NR;
      FloatVector b0 = FloatVector.fromArray(S, pb, bp);
      FloatVector b1 = FloatVector.fromArray(S, pb, bp + L);
      FloatVector a0 = FloatVector.broadcast(S, pa[ap]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      FloatVector a1 = FloatVector.broadcast(S, pa[ap + 1]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      FloatVector a2 = FloatVector.broadcast(S, pa[ap + 2]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      FloatVector a3 = FloatVector.broadcast(S, pa[ap + 3]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
      FloatVector a4 = FloatVector.broadcast(S, pa[ap + 4]);
      c40 = a4.fma(b0, c40);
      c41 = a4.fma(b1, c41);
      FloatVector a5 = FloatVector.broadcast(S, pa[ap + 5]);
      c50 = a5.fma(b0, c50);
      c51 = a5.fma(b1, c51);
    }
    if (!overwrite) {
      c00 = c00.add(FloatVector.fromArray(S, c, cPos));
      c01 = c01.add(FloatVector.fromArray(S, c, cPos + L));
      c10 = c10.add(FloatVector.fromArray(S, c, cPos + ldc));
      c11 = c11.add(FloatVector.fromArray(S, c, cPos + ldc + L));
      c20 = c20.add(FloatVector.fromArray(S, c, cPos + 2 * ldc));
      c21 = c21.add(FloatVector.fromArray(S, c, cPos + 2 * ldc + L));
      c30 = c30.add(FloatVector.fromArray(S, c, cPos + 3 * ldc));
      c31 = c31.add(FloatVector.fromArray(S, c, cPos + 3 * ldc + L));
      c40 = c40.add(FloatVector.fromArray(S, c, cPos + 4 * ldc));
      c41 = c41.add(FloatVector.fromArray(S, c, cPos + 4 * ldc + L));
      c50 = c50.add(FloatVector.fromArray(S, c, cPos + 5 * ldc));
      c51 = c51.add(FloatVector.fromArray(S, c, cPos + 5 * ldc + L));
    }
    c00.intoArray(c, cPos);
    c01.intoArray(c, cPos + L);
    c10.intoArray(c, cPos + ldc);
    c11.intoArray(c, cPos + ldc + L);
    c20.intoArray(c, cPos + 2 * ldc);
    c21.intoArray(c, cPos + 2 * ldc + L);
    c30.intoArray(c, cPos + 3 * ldc);
    c31.intoArray(c, cPos + 3 * ldc + L);
    c40.intoArray(c, cPos + 4 * ldc);
    c41.intoArray(c, cPos + 4 * ldc + L);
    c50.intoArray(c, cPos + 5 * ldc);
    c51.intoArray(c, cPos + 5 * ldc + L);
  }
}
