package org.conv4j.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API inner loops of {@link org.conv4j.kernels.ImplicitConv}, the implicit-GEMM convolution
 * over zero-haloed source planes: the column matrix of im2col is never built, its element
 * {@code (r, q)} is read straight from the source at {@code q + off[r]} (a flat position in the
 * padded plane plus the tap's offset), so a run of columns is one contiguous vector load per tap.
 *
 * <ul>
 *   <li>{@link #tile}: an {@value #MR}×{@value #NR} tile of {@code Σ_r A[i][r]·src[q + off[r]]} over
 *       a block of taps (forward pass and input gradient): 2 rows × 4 vectors, 8 independent FMA
 *       chains, 4 source loads and 2 broadcasts per tap (the register budget of
 *       {@link SimdSgemm}'s micro-kernel, which C2 keeps without spills);
 *   <li>{@link #weightSweep}: {@code acc[r][o] += Σ_q dyT[q][o]·src[q + off[r]]} for 2 vectors of
 *       output channels × 4 taps (weight gradient), the accumulators loaded from and stored back to
 *       the partial gradient around a sweep of source positions.
 * </ul>
 * Each output element is one FMA chain in tap (or position) order, exactly the order of the scalar
 * twins in {@code ImplicitConv}, so the two give the same bits. All FloatVector values stay inside
 * these methods. Single-threaded; no allocation.
 */
public final class SimdImplicitConv {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** Rows (output channels) of a forward tile. */
  public static final int MR = 3;
  /** Columns (source positions) of a forward tile: three vectors. */
  public static final int NR = 3 * L;
  /** Output channels of a weight-gradient sweep: two vectors. */
  public static final int OB = 2 * L;
  /** Taps of a weight-gradient sweep. */
  public static final int TB = 4;

  private SimdImplicitConv() {}

  /** The vector width in floats. */
  public static int lanes() {
    return L;
  }

  /**
   * {@code t[i][j] = Σ_{p < kb} pa[ao + p·MR + i] · src[sBase + j + off[k0 + p]]}, one FMA chain
   * from zero per element in p order, for {@code i < MR}, {@code j < NR}; then
   * {@code acc[accOff + i·NR + j] = t} when {@code first}, else {@code acc + t}.
   */
  public static void tile(int kb, float[] pa, int ao, int[] off, int k0, float[] src, int sBase, float[] acc, int accOff,
      boolean first) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = FloatVector.zero(S);
    FloatVector c02 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S);
    FloatVector c11 = FloatVector.zero(S);
    FloatVector c12 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S);
    FloatVector c21 = FloatVector.zero(S);
    FloatVector c22 = FloatVector.zero(S);
    for (int p = 0; p < kb; p++) {
      int s = sBase + off[k0 + p];
      int a = ao + p * MR;
      FloatVector b0 = FloatVector.fromArray(S, src, s);
      FloatVector b1 = FloatVector.fromArray(S, src, s + L);
      FloatVector b2 = FloatVector.fromArray(S, src, s + 2 * L);
      FloatVector a0 = FloatVector.broadcast(S, pa[a]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      c02 = a0.fma(b2, c02);
      FloatVector a1 = FloatVector.broadcast(S, pa[a + 1]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      c12 = a1.fma(b2, c12);
      FloatVector a2 = FloatVector.broadcast(S, pa[a + 2]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      c22 = a2.fma(b2, c22);
    }
    int r1 = accOff + NR, r2 = r1 + NR;
    if (!first) {
      c00 = FloatVector.fromArray(S, acc, accOff).add(c00);
      c01 = FloatVector.fromArray(S, acc, accOff + L).add(c01);
      c02 = FloatVector.fromArray(S, acc, accOff + 2 * L).add(c02);
      c10 = FloatVector.fromArray(S, acc, r1).add(c10);
      c11 = FloatVector.fromArray(S, acc, r1 + L).add(c11);
      c12 = FloatVector.fromArray(S, acc, r1 + 2 * L).add(c12);
      c20 = FloatVector.fromArray(S, acc, r2).add(c20);
      c21 = FloatVector.fromArray(S, acc, r2 + L).add(c21);
      c22 = FloatVector.fromArray(S, acc, r2 + 2 * L).add(c22);
    }
    c00.intoArray(acc, accOff);
    c01.intoArray(acc, accOff + L);
    c02.intoArray(acc, accOff + 2 * L);
    c10.intoArray(acc, r1);
    c11.intoArray(acc, r1 + L);
    c12.intoArray(acc, r1 + 2 * L);
    c20.intoArray(acc, r2);
    c21.intoArray(acc, r2 + L);
    c22.intoArray(acc, r2 + 2 * L);
  }

  /**
   * One row, eight vectors: {@code t[j] = Σ_{p < kb} pa[ao + p·MR] · src[sBase + j + off[k0 + p]]}
   * for {@code j < 8·lanes} (for a single output channel, where a 3-row tile would compute two zero
   * rows), then {@code acc[accOff + j] = t} or {@code acc + t}.
   */
  public static void tile1(int kb, float[] pa, int ao, int[] off, int k0, float[] src, int sBase, float[] acc, int accOff,
      boolean first) {
    FloatVector c0 = FloatVector.zero(S);
    FloatVector c1 = FloatVector.zero(S);
    FloatVector c2 = FloatVector.zero(S);
    FloatVector c3 = FloatVector.zero(S);
    FloatVector c4 = FloatVector.zero(S);
    FloatVector c5 = FloatVector.zero(S);
    FloatVector c6 = FloatVector.zero(S);
    FloatVector c7 = FloatVector.zero(S);
    for (int p = 0; p < kb; p++) {
      int s = sBase + off[k0 + p];
      FloatVector a0 = FloatVector.broadcast(S, pa[ao + p * MR]);
      c0 = a0.fma(FloatVector.fromArray(S, src, s), c0);
      c1 = a0.fma(FloatVector.fromArray(S, src, s + L), c1);
      c2 = a0.fma(FloatVector.fromArray(S, src, s + 2 * L), c2);
      c3 = a0.fma(FloatVector.fromArray(S, src, s + 3 * L), c3);
      c4 = a0.fma(FloatVector.fromArray(S, src, s + 4 * L), c4);
      c5 = a0.fma(FloatVector.fromArray(S, src, s + 5 * L), c5);
      c6 = a0.fma(FloatVector.fromArray(S, src, s + 6 * L), c6);
      c7 = a0.fma(FloatVector.fromArray(S, src, s + 7 * L), c7);
    }
    if (!first) {
      c0 = FloatVector.fromArray(S, acc, accOff).add(c0);
      c1 = FloatVector.fromArray(S, acc, accOff + L).add(c1);
      c2 = FloatVector.fromArray(S, acc, accOff + 2 * L).add(c2);
      c3 = FloatVector.fromArray(S, acc, accOff + 3 * L).add(c3);
      c4 = FloatVector.fromArray(S, acc, accOff + 4 * L).add(c4);
      c5 = FloatVector.fromArray(S, acc, accOff + 5 * L).add(c5);
      c6 = FloatVector.fromArray(S, acc, accOff + 6 * L).add(c6);
      c7 = FloatVector.fromArray(S, acc, accOff + 7 * L).add(c7);
    }
    c0.intoArray(acc, accOff);
    c1.intoArray(acc, accOff + L);
    c2.intoArray(acc, accOff + 2 * L);
    c3.intoArray(acc, accOff + 3 * L);
    c4.intoArray(acc, accOff + 4 * L);
    c5.intoArray(acc, accOff + 5 * L);
    c6.intoArray(acc, accOff + 6 * L);
    c7.intoArray(acc, accOff + 7 * L);
  }

  /**
   * For the {@value #TB} taps {@code r = r0 … r0+3} and the {@value #OB} channels from {@code o0}:
   * {@code part[partOff + t·ldp + o] = fma chain over the positions} continuing from its stored
   * value, adding {@code dyT[dyOff + q·ldd + o] · src[sBase + pos(q) + off[r0 + t]]} for
   * {@code q = 0 … rows·width − 1} in order, {@code pos(q) = (q / width)·srcW + q % width}.
   */
  public static void weightSweep(int rows, int width, int srcW, float[] dyT, int dyOff, int ldd, float[] src, int sBase,
      int[] off, int r0, float[] part, int partOff, int ldp) {
    int p0 = partOff, p1 = p0 + ldp, p2 = p1 + ldp, p3 = p2 + ldp;
    FloatVector a00 = FloatVector.fromArray(S, part, p0);
    FloatVector a01 = FloatVector.fromArray(S, part, p0 + L);
    FloatVector a10 = FloatVector.fromArray(S, part, p1);
    FloatVector a11 = FloatVector.fromArray(S, part, p1 + L);
    FloatVector a20 = FloatVector.fromArray(S, part, p2);
    FloatVector a21 = FloatVector.fromArray(S, part, p2 + L);
    FloatVector a30 = FloatVector.fromArray(S, part, p3);
    FloatVector a31 = FloatVector.fromArray(S, part, p3 + L);
    int o0 = off[r0], o1 = off[r0 + 1], o2 = off[r0 + 2], o3 = off[r0 + 3];
    int d = dyOff;
    for (int row = 0; row < rows; row++) {
      int s = sBase + row * srcW;
      for (int q = 0; q < width; q++, s++, d += ldd) {
        FloatVector y0 = FloatVector.fromArray(S, dyT, d);
        FloatVector y1 = FloatVector.fromArray(S, dyT, d + L);
        FloatVector x0 = FloatVector.broadcast(S, src[s + o0]);
        a00 = y0.fma(x0, a00);
        a01 = y1.fma(x0, a01);
        FloatVector x1 = FloatVector.broadcast(S, src[s + o1]);
        a10 = y0.fma(x1, a10);
        a11 = y1.fma(x1, a11);
        FloatVector x2 = FloatVector.broadcast(S, src[s + o2]);
        a20 = y0.fma(x2, a20);
        a21 = y1.fma(x2, a21);
        FloatVector x3 = FloatVector.broadcast(S, src[s + o3]);
        a30 = y0.fma(x3, a30);
        a31 = y1.fma(x3, a31);
      }
    }
    a00.intoArray(part, p0);
    a01.intoArray(part, p0 + L);
    a10.intoArray(part, p1);
    a11.intoArray(part, p1 + L);
    a20.intoArray(part, p2);
    a21.intoArray(part, p2 + L);
    a30.intoArray(part, p3);
    a31.intoArray(part, p3 + L);
  }
}
