package org.conv4j.kernels.simd;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Double-precision GEMM on the JDK Vector API: {@code C = beta·C + op(A)·op(B)} with {@code op(A)}
 * (m×k) and {@code op(B)} (k×n), all row-major with offsets and leading dimensions.
 *
 * <p>Structure (Goto/BLIS): for each {@code NC}-column block of B and each {@value #KC}-deep
 * k-block, B is packed into panels of {@code NR = 3·lanes} columns (each kc×NR, row-major, so the
 * micro-kernel streams it linearly); for each {@value #MC}-row block of A, A is packed into panels
 * of {@value #MR} rows (kc×MR, k-major). Panels are zero-padded to full width so the micro-kernel
 * never branches. With more than one k-block and a workspace of {@link #packBSize(int, int)}, B is
 * instead packed for all k-blocks of a {@link #NC_DEEP}-column block at once and the k-blocks run
 * innermost per A block, so that block of C stays in L2 between k-blocks (same operations per
 * element, same bits). Sizing for AVX2 (4 double lanes) on a 32 KiB L1 / 512 KiB L2 core: one B
 * micro-panel is 256·12·8 = 24 KiB (L1), the packed A block 96·256·8 = 192 KiB (L2), the packed
 * B block up to 256·2040·8 ≈ 4 MiB (L3).
 *
 * <p>The micro-kernel holds an MR×NR = 3×3-vector tile of C in 9 accumulators: 9 independent FMA
 * chains cover the 4-cycle FMA latency on two FMA ports. Per k step it loads three B vectors and
 * broadcasts three A values. The loop runs on one induction variable, the A-panel offset, the
 * B-panel offset being {@code L} times it: C2 compiles it to 20 instructions (3 broadcasts, 3
 * loads, 9 FMAs, 3 integer ops, the fused test and branch), 15 of AVX2's 16 vector registers, no
 * stack traffic, bounds checks hoisted (checked in the generated code); with a separate trip
 * counter it recomputed both offsets from the counter each step (25 instructions) and ran 9–18 %
 * slower, measured interleaved in one JVM. The wider
 * 12-accumulator tiles (6×2, 4×3 vectors) still need more registers than AVX2 has under C2's
 * schedule and C2 spills accumulators to the stack inside the k loop, which more than undoes
 * the extra chains; the float twin {@link SimdSgemm} has the same structure. Edge tiles
 * are computed in full into a scratch tile and copied out partially.
 *
 * <p>Summation order per element: within each k-block an FMA chain from zero in k order; the
 * k-block results are added to C block after block ({@code c = c + t}, or {@code c = t} for the
 * first block when {@code beta = 0}). A scalar loop in that order with {@link Math#fma} gives the
 * same bits (the tests check this).
 *
 * <p>The pieces ({@link #packA}, {@link #packB}, {@link #macroKernel}, {@link #kernel}) are public
 * so other drivers (a parallel split, the batched convolution) can reuse them; each piece is
 * single-threaded and allocates nothing. All DoubleVector values stay inside single methods, so C2
 * keeps them in registers.
 */
public final class SimdDgemm {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** Rows of the micro-kernel tile. */
  public static final int MR = 3;
  /** Columns of the micro-kernel tile: three vectors. */
  public static final int NR = 3 * L;
  /** Depth of a k-block. */
  public static final int KC = 256;
  /** Rows of a packed A block (a multiple of MR). */
  public static final int MC = 96;
  /** Columns of a packed B block (a multiple of NR, about 2048). */
  public static final int NC = 2048 / NR * NR;

  /**
   * Column-block width when B is packed for all k-blocks at once: the C block (MC × NC_DEEP) and
   * the packed A block together stay under ~450 KiB of the 512 KiB L2.
   */
  public static final int NC_DEEP = 336;
  /** Largest packed-B workspace {@link #packBSize(int, int)} asks for (4 MiB). */
  public static final int DEEP_CAP = 524288;
  /** The all-k-blocks order of {@link #gemm}; false restores the k-block-outer order (for measurements). */
  static final boolean DEEP_ORDER = true;

  private SimdDgemm() {}

  /** Doubles of packed-B workspace for {@code n} columns: one k-block of up to {@link #NC} columns. */
  public static int packBSize(int n) {
    return KC * roundUp(Math.min(Math.max(n, 1), NC), NR);
  }

  /**
   * Doubles of packed-B workspace for an n-column, k-deep product that lets {@link #gemm} pack
   * all k-blocks of a {@link #NC_DEEP}-column block at once (C then stays in L2 between
   * k-blocks): at least {@link #packBSize(int) packBSize(n)}, at most {@value #DEEP_CAP}.
   */
  public static int packBSize(int n, int k) {
    int deep = (k + KC - 1) / KC * KC * roundUp(Math.min(Math.max(n, 1), NC_DEEP), NR);
    return Math.max(packBSize(n), Math.min(DEEP_CAP, deep));
  }

  /** Doubles of packed-A workspace (one {@value #MC}×{@value #KC} block) plus the edge tile. */
  public static int packASize() {
    return MC * KC + MR * NR;
  }

  /**
   * {@code C[m×n] = beta·C + op(A)·op(B)}, allocating its packing buffers.
   *
   * @see #gemm(boolean, boolean, int, int, int, double[], int, int, double[], int, int, double, double[], int, int, double[], double[])
   */
  public static void gemm(
      boolean transA, boolean transB, int m, int n, int k,
      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
      double beta, double[] c, int cOff, int ldc) {
    gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, null, null);
  }

  /**
   * {@code C[m×n] = beta·C + op(A)·op(B)}. {@code op(A)} is A (m×k, row stride lda) or, when
   * {@code transA}, the transpose of A stored as k×m with row stride lda; likewise B.
   * {@code beta} must be 0 (overwrite; C may hold garbage) or 1 (accumulate).
   *
   * @param a not modified
   * @param b not modified
   * @param c modified
   * @param packA null or at least {@link #packASize()} doubles, modified
   * @param packB null or at least {@link #packBSize packBSize(n)} doubles, modified
   */
  public static void gemm(
      boolean transA, boolean transB, int m, int n, int k,
      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
      double beta, double[] c, int cOff, int ldc, double[] packA, double[] packB) {
    if (beta != 0.0 && beta != 1.0) {
      throw new IllegalArgumentException("beta must be 0 or 1, got " + beta);
    }
    if (m <= 0 || n <= 0) {
      return;
    }
    if (k == 0) {
      if (beta == 0.0) {
        for (int i = 0; i < m; i++) {
          Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
        }
      }
      return;
    }
    double[] pa = packA != null ? packA : new double[packASize()];
    double[] pb = packB != null ? packB : new double[packBSize(n, k)];
    int kBlocks = (k + KC - 1) / KC;
    int ncDeep = Math.min(NC_DEEP, pb.length / (kBlocks * KC) / NR * NR);
    if (DEEP_ORDER && kBlocks > 1 && ncDeep >= Math.min(roundUp(n, NR), 4 * NR)) {
      // B packed for all k-blocks of a column block at once, then per A block the k-blocks in
      // order: the C block (MC × ncDeep) stays in L2 between k-blocks instead of coming back from
      // L3 (or memory) once per k-block. Same operations per element as the loop below.
      int ncr = roundUp(Math.min(ncDeep, n), NR);
      for (int jc = 0; jc < n; jc += ncDeep) {
        int nc = Math.min(ncDeep, n - jc);
        for (int pc = 0, blk = 0; pc < k; pc += KC, blk++) {
          packB(transB, b, bOff, ldb, pc, Math.min(KC, k - pc), jc, nc, pb, blk * KC * ncr);
        }
        for (int ic = 0; ic < m; ic += MC) {
          int mc = Math.min(MC, m - ic);
          for (int pc = 0, blk = 0; pc < k; pc += KC, blk++) {
            int kc = Math.min(KC, k - pc);
            packA(transA, a, aOff, lda, ic, mc, pc, kc, pa, 0);
            macroKernel(mc, nc, kc, pa, 0, pb, blk * KC * ncr, c, cOff + ic * ldc + jc, ldc, pc == 0 && beta == 0.0, pa, MC * KC);
          }
        }
      }
      return;
    }
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        boolean first = pc == 0 && beta == 0.0;
        packB(transB, b, bOff, ldb, pc, kc, jc, nc, pb, 0);
        for (int ic = 0; ic < m; ic += MC) {
          int mc = Math.min(MC, m - ic);
          packA(transA, a, aOff, lda, ic, mc, pc, kc, pa, 0);
          macroKernel(mc, nc, kc, pa, 0, pb, 0, c, cOff + ic * ldc + jc, ldc, first, pa, MC * KC);
        }
      }
    }
  }

  /** Doubles of {@link #packAll} output for an m×k {@code op(A)}. */
  public static int packAllSize(int m, int k) {
    return Math.max(1, (k + KC - 1) / KC) * roundUp(Math.max(m, 1), MR) * KC;
  }

  /**
   * Packs all of {@code op(A)} (m×k) once, every k-block and row block, for products that reuse
   * one A with many B (a convolution's weight against every example's columns). Block
   * {@code (pc, ic)} starts at {@code (pc/KC)·roundUp(m, MR)·KC + ic·kc}.
   */
  public static void packAll(boolean trans, double[] a, int off, int lda, int m, int k, double[] dst) {
    int stride = roundUp(Math.max(m, 1), MR) * KC;
    for (int pc = 0, pb = 0; pc < k; pc += KC, pb++) {
      int kc = Math.min(KC, k - pc);
      for (int ic = 0; ic < m; ic += MC) {
        packA(trans, a, off, lda, ic, Math.min(MC, m - ic), pc, kc, dst, pb * stride + ic * kc);
      }
    }
  }

  /**
   * {@code C[m×n] = beta·C + A·op(B)} with A already packed by {@link #packAll}; otherwise as
   * {@link #gemm(boolean, boolean, int, int, int, double[], int, int, double[], int, int, double, double[], int, int, double[], double[])}.
   * Same summation order, so the same bits as the unpacked call.
   *
   * @param work at least {@link #packASize()} doubles (only its edge-tile part is used), modified
   */
  public static void gemmPackedA(double[] packedA, int m, int k, boolean transB, int n, double[] b, int bOff, int ldb,
      double beta, double[] c, int cOff, int ldc, double[] work, double[] packB) {
    if (m <= 0 || n <= 0) {
      return;
    }
    if (k == 0) {
      if (beta == 0.0) {
        for (int i = 0; i < m; i++) {
          Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
        }
      }
      return;
    }
    int stride = roundUp(m, MR) * KC;
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      for (int pc = 0, pb = 0; pc < k; pc += KC, pb++) {
        int kc = Math.min(KC, k - pc);
        boolean first = pc == 0 && beta == 0.0;
        packB(transB, b, bOff, ldb, pc, kc, jc, nc, packB, 0);
        for (int ic = 0; ic < m; ic += MC) {
          macroKernel(Math.min(MC, m - ic), nc, kc, packedA, pb * stride + ic * kc, packB, 0,
              c, cOff + ic * ldc + jc, ldc, first, work, MC * KC);
        }
      }
    }
  }

  /**
   * Packs columns {@code [j0, j0 + w)} of {@code op(B)} (k rows) for every k-block, in the layout
   * {@link #macroKernel} reads in the all-k-blocks order: k-block {@code blk} from
   * {@code dst[dOff + blk·stride]}, and within it the columns from {@code jRel·kc} ({@code jRel} a
   * multiple of {@link #NR}: where column {@code j0} sits in the packed block). Pieces with disjoint
   * columns can be packed by different threads into one buffer.
   */
  public static void packBDeep(boolean trans, double[] b, int off, int ldb, int k, int j0, int w,
      double[] dst, int dOff, int stride, int jRel) {
    for (int pc = 0, blk = 0; pc < k; pc += KC, blk++) {
      int kc = Math.min(KC, k - pc);
      packB(trans, b, off, ldb, pc, kc, j0, w, dst, dOff + blk * stride + jRel * kc);
    }
  }

  /**
   * Doubles of {@link #blockProduct} workspace for blocks of up to {@code rows} rows of a k-deep
   * product: the block's rows of A packed for every k-block, plus the edge tile.
   */
  public static int blockProductSize(int rows, int k) {
    return Math.max(1, (k + KC - 1) / KC) * roundUp(Math.max(rows, 1), MR) * KC + MR * NR;
  }

  /**
   * One block of C against B packed by {@link #packBDeep}: {@code C[r0:r1, j0:j1] (+)= op(A)[r0:r1, :]
   * · op(B)[:, j0:j1]}. Packs the block's rows of A for every k-block into {@code work} (once),
   * then runs the k-blocks innermost per {@link #NC_DEEP}-column strip, so the C strip stays in L2.
   * B's packing holds columns from {@code jb} on, k-block {@code blk} at {@code pb[pbOff + blk·stride]}.
   * Same summation order per element as {@link #gemm}.
   *
   * @param work at least {@link #blockProductSize blockProductSize(r1 - r0, k)} doubles, modified
   */
  public static void blockProduct(boolean transA, double[] a, int aOff, int lda, int r0, int r1, int k,
      double[] pb, int pbOff, int stride, int jb, int j0, int j1, double beta, double[] c, int cOff, int ldc, double[] work) {
    int mc = r1 - r0;
    int aStride = roundUp(mc, MR) * KC;
    int kBlocks = (k + KC - 1) / KC;
    for (int pc = 0, blk = 0; pc < k; pc += KC, blk++) {
      packA(transA, a, aOff, lda, r0, mc, pc, Math.min(KC, k - pc), work, blk * aStride);
    }
    int tile = kBlocks * aStride;
    for (int jj = j0; jj < j1; jj += NC_DEEP) {
      int nc = Math.min(NC_DEEP, j1 - jj);
      for (int pc = 0, blk = 0; pc < k; pc += KC, blk++) {
        int kc = Math.min(KC, k - pc);
        macroKernel(mc, nc, kc, work, blk * aStride, pb, pbOff + blk * stride + (jj - jb) * kc,
            c, cOff + r0 * ldc + jj, ldc, pc == 0 && beta == 0.0, work, tile);
      }
    }
  }

  static int roundUp(int v, int m) {
    return (v + m - 1) / m * m;
  }

  /**
   * Packs {@code op(B)[pc:pc+kc, jc:jc+nc]} into NR-column panels, each kc×NR row-major and
   * zero-padded, from {@code dst[dOff]}.
   */
  public static void packB(boolean trans, double[] b, int off, int ldb, int pc, int kc, int jc, int nc, double[] dst, int dOff) {
    if (!trans) {
      // Row by row through B (contiguous reads, which the prefetcher follows; a panel-by-panel walk
      // strides a full row of B per step), scattering each row's NR-wide pieces to their panels.
      int full = nc / NR;
      int rest = nc - full * NR;
      for (int p = 0; p < kc; p++) {
        int src = off + (pc + p) * ldb + jc;
        int d = dOff + p * NR;
        for (int jr = 0; jr < full; jr++, src += NR, d += kc * NR) {
          for (int v = 0; v < NR; v += L) {
            DoubleVector.fromArray(S, b, src + v).intoArray(dst, d + v);
          }
        }
        if (rest > 0) {
          System.arraycopy(b, src, dst, d, rest);
          Arrays.fill(dst, d + rest, d + NR, 0.0);
        }
      }
      return;
    }
    int d = dOff;
    for (int jr = 0; jr < nc; jr += NR) {
      int nr = Math.min(NR, nc - jr);
      // B stored transposed (n×k): column j of op(B) is row j of B, read along p.
      for (int j = 0; j < nr; j++) {
        int src = off + (jc + jr + j) * ldb + pc;
        for (int p = 0; p < kc; p++) {
          dst[d + p * NR + j] = b[src + p];
        }
      }
      for (int p = 0; p < kc; p++) {
        Arrays.fill(dst, d + p * NR + nr, d + p * NR + NR, 0.0);
      }
      d += kc * NR;
    }
  }

  /**
   * Packs {@code op(A)[ic:ic+mc, pc:pc+kc]} into MR-row panels, each kc×MR (k-major) and
   * zero-padded, from {@code dst[dOff]}.
   */
  public static void packA(boolean trans, double[] a, int off, int lda, int ic, int mc, int pc, int kc, double[] dst, int dOff) {
    int d = dOff;
    for (int ir = 0; ir < mc; ir += MR) {
      int mr = Math.min(MR, mc - ir);
      if (trans) {
        // A stored transposed (k×m): the MR values of one k step are contiguous.
        for (int p = 0, src = off + pc * lda + ic + ir; p < kc; p++, src += lda, d += MR) {
          for (int i = 0; i < mr; i++) {
            dst[d + i] = a[src + i];
          }
          for (int i = mr; i < MR; i++) {
            dst[d + i] = 0.0;
          }
        }
      } else {
        // MR rows of A read side by side along k; the panel is written sequentially.
        int src = off + (ic + ir) * lda + pc;
        if (mr == 3) {
          int s1 = src + lda;
          int s2 = s1 + lda;
          for (int p = 0; p < kc; p++, d += 3) {
            dst[d] = a[src + p];
            dst[d + 1] = a[s1 + p];
            dst[d + 2] = a[s2 + p];
          }
          continue;
        }
        for (int p = 0; p < kc; p++, d += MR) {
          for (int i = 0; i < mr; i++) {
            dst[d + i] = a[src + i * lda + p];
          }
          for (int i = mr; i < MR; i++) {
            dst[d + i] = 0.0;
          }
        }
      }
    }
  }

  /**
   * {@code C[0:mc, 0:nc] (+)= packedA · packedB} for one packed A block (mc×kc) and one packed B
   * block (kc×nc); {@code first} overwrites C instead of adding. {@code tile[tileOff:]} is MR×NR
   * scratch for edge tiles.
   */
  public static void macroKernel(int mc, int nc, int kc, double[] pa, int paOff, double[] pb, int pbOff,
      double[] c, int cPos, int ldc, boolean first, double[] tile, int tileOff) {
    for (int jr = 0; jr < nc; jr += NR) {
      int nr = Math.min(NR, nc - jr);
      int bo = pbOff + jr * kc;
      for (int ir = 0; ir < mc; ir += MR) {
        int mr = Math.min(MR, mc - ir);
        int ao = paOff + ir * kc;
        int cp = cPos + ir * ldc + jr;
        if (mr == MR && nr == NR) {
          kernel(kc, pa, ao, pb, bo, c, cp, ldc, first);
        } else {
          kernel(kc, pa, ao, pb, bo, tile, tileOff, NR, true);
          for (int i = 0; i < mr; i++) {
            int row = cp + i * ldc;
            int t = tileOff + i * NR;
            for (int j = 0; j < nr; j++) {
              c[row + j] = first ? tile[t + j] : c[row + j] + tile[t + j];
            }
          }
        }
      }
    }
  }

  /**
   * The MR×NR micro-kernel: {@code C[0:MR, 0:NR] (+)= Apanel · Bpanel} over kc steps, reading
   * MR doubles of the A panel (broadcast) and three vectors of the B panel per step. {@code overwrite}
   * stores the product, otherwise it is added to C. One straight-line loop over local variables:
   * keep it that way (no arrays of vectors, no helper calls), or C2 spills the accumulators.
   */
  public static void kernel(int kc, double[] pa, int ao, double[] pb, int bo, double[] c, int cPos, int ldc, boolean overwrite) {
    DoubleVector c00 = DoubleVector.zero(S);
    DoubleVector c01 = DoubleVector.zero(S);
    DoubleVector c02 = DoubleVector.zero(S);
    DoubleVector c10 = DoubleVector.zero(S);
    DoubleVector c11 = DoubleVector.zero(S);
    DoubleVector c12 = DoubleVector.zero(S);
    DoubleVector c20 = DoubleVector.zero(S);
    DoubleVector c21 = DoubleVector.zero(S);
    DoubleVector c22 = DoubleVector.zero(S);
    // One induction variable, the A-panel offset q = MR·p; the B-panel offset is L·q (NR = MR·L),
    // a shift. C2 then keeps three integer ops and the loop test per step (one lea for B, the
    // A offset sign-extended and added) instead of recomputing both offsets from a separate trip
    // counter (eight ops): 19 instead of 24 macro-ops per 9 FMAs, no spills, the third B vector
    // still loaded between FMAs. 17-18 % faster measured in one JVM, interleaved with the
    // previous form (tools: GemmAB, docs/BENCHMARKS.md "GEMM, session 5").
    for (int q = 0, end = kc * MR; q < end; q += MR) {
      int ap = ao + q;
      int bp = bo + q * L;
      DoubleVector b0 = DoubleVector.fromArray(S, pb, bp);
      DoubleVector b1 = DoubleVector.fromArray(S, pb, bp + L);
      DoubleVector b2 = DoubleVector.fromArray(S, pb, bp + 2 * L);
      DoubleVector a0 = DoubleVector.broadcast(S, pa[ap]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      c02 = a0.fma(b2, c02);
      DoubleVector a1 = DoubleVector.broadcast(S, pa[ap + 1]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      c12 = a1.fma(b2, c12);
      DoubleVector a2 = DoubleVector.broadcast(S, pa[ap + 2]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      c22 = a2.fma(b2, c22);
    }
    int r1 = cPos + ldc;
    int r2 = r1 + ldc;
    if (!overwrite) {
      c00 = DoubleVector.fromArray(S, c, cPos).add(c00);
      c01 = DoubleVector.fromArray(S, c, cPos + L).add(c01);
      c02 = DoubleVector.fromArray(S, c, cPos + 2 * L).add(c02);
      c10 = DoubleVector.fromArray(S, c, r1).add(c10);
      c11 = DoubleVector.fromArray(S, c, r1 + L).add(c11);
      c12 = DoubleVector.fromArray(S, c, r1 + 2 * L).add(c12);
      c20 = DoubleVector.fromArray(S, c, r2).add(c20);
      c21 = DoubleVector.fromArray(S, c, r2 + L).add(c21);
      c22 = DoubleVector.fromArray(S, c, r2 + 2 * L).add(c22);
    }
    c00.intoArray(c, cPos);
    c01.intoArray(c, cPos + L);
    c02.intoArray(c, cPos + 2 * L);
    c10.intoArray(c, r1);
    c11.intoArray(c, r1 + L);
    c12.intoArray(c, r1 + 2 * L);
    c20.intoArray(c, r2);
    c21.intoArray(c, r2 + L);
    c22.intoArray(c, r2 + 2 * L);
  }
}
