package org.conv4j.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector kernels of the row Winograd F(4, 5) of {@link org.conv4j.kernels.RowConv} (LeNet's second
 * layer: 20×12×12 → 50×8×8 by 5×5); the direct row kernel is {@link SimdSlide#slideRows}.
 *
 * <p>Along a row, 4 outputs of a 5-tap correlation come from 8 inputs through 8 transformed points
 * (0, ±1, ±2, ±1/2, ∞), one per vector lane: {@code y = Aᵀ[(G g) ⊙ (Bᵀ d)]}. The sums over input
 * channels and kernel rows stay direct, in the transformed domain: the register block is one
 * output channel × 8 output rows × one tile (8 accumulators), for each input channel the 5 kernel
 * rows' transformed weights in registers and each of the 12 transformed input rows loaded once
 * (12 + 5 loads per 40 FMAs), 8 multiplies per 4 outputs and kernel row instead of 20.
 *
 * <p>The weight gradient runs the transposed algorithm, {@code dw = Gᵀ[Σ (A dy) ⊙ (Bᵀ x)]}: the
 * output gradient through {@link #transformGradient}, the input through {@link #transformInput},
 * and the lane-wise sums over a block of examples in 3 × 3 register blocks ({@link #weightBlock});
 * the input gradient {@code dx = B[Σ (G w) ⊙ (A dy)]} ({@link #inputGrad}) sums over output
 * channels and kernel rows in the transformed domain and overlap-adds each tile's 8 inputs.
 *
 * <p>Rounding: every transformed value and output is one {@link Math#fma} chain in a fixed order
 * (see the methods), the same in the scalar twins ({@code RowConv.transformInputScalar},
 * {@code RowConv.forwardRowsScalar}, {@code RowConv.transformGradientScalar},
 * {@code RowConv.weightBlockScalar}, {@code RowConv.inputGradScalar}), so both give the same bits. Row blocks past the last full
 * block overlap the one before (they start at {@code oh − 8}) and recompute outputs with the same bits.
 */
public final class SimdRowConv {
  private static final VectorSpecies<Float> S =
      FloatVector.SPECIES_PREFERRED.length() > 8 ? FloatVector.SPECIES_256 : FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Kernel rows of the register block. */
  public static final int KH = 5;
  /** Output rows of the register block. */
  public static final int ROWS = 8;

  private SimdRowConv() {}

  /** The vector width in floats (8 on AVX2 and AVX-512: the block uses 256-bit vectors at most). */
  public static int lanes() {
    return L;
  }

  // ---- Row Winograd F(4, 5): 4 outputs of a row per 8 transformed points, one point per lane. ----

  /**
   * Points of the row transform (F(4, 5) at 0, ±1, ±2, ±1/2, ∞), one per lane; {@code BT[j][i]}
   * is the weight of input column {@code i} of a tile in point {@code j} (all dyadic: exact in
   * float).
   */
  public static final float[][] BT = {
      {-1f, 0f, 5.25f, 0f, -5.25f, 0f, 1f, 0f},
      {0f, 1f, 1f, -4.25f, -4.25f, 1f, 1f, 0f},
      {0f, -1f, 1f, 4.25f, -4.25f, -1f, 1f, 0f},
      {0f, 0.5f, 0.25f, -2.5f, -1.25f, 2f, 1f, 0f},
      {0f, -0.5f, 0.25f, 2.5f, -1.25f, -2f, 1f, 0f},
      {0f, 2f, 4f, -2.5f, -5f, 0.5f, 1f, 0f},
      {0f, -2f, 4f, 2.5f, -5f, -0.5f, 1f, 0f},
      {0f, -1f, 0f, 5.25f, 0f, -5.25f, 0f, 1f}};
  /** {@code AT[m][j]}: output {@code m} of a tile from point {@code j} (exact in float). */
  public static final float[][] AT = {
      {1f, 1f, 1f, 1f, 1f, 1f, 1f, 0f},
      {0f, 1f, -1f, 2f, -2f, 0.5f, -0.5f, 0f},
      {0f, 1f, 1f, 4f, 4f, 0.25f, 0.25f, 0f},
      {0f, 1f, -1f, 8f, -8f, 0.125f, -0.125f, 1f}};
  /** {@code BT} by columns: {@code BTC[8 i + j] = BT[j][i]}. */
  private static final float[] BTC = new float[64];
  /**
   * The output transform of two tiles side by side, by columns: {@code ATC[8 (8 t + j) + q]} is
   * {@code AT[q − 4t][j]} for the lanes {@code q} of tile {@code t}, zero for the other tile's.
   */
  private static final float[] ATC = new float[128];

  static {
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 8; j++) {
        BTC[8 * i + j] = BT[j][i];
      }
    }
    for (int t = 0; t < 2; t++) {
      for (int j = 0; j < 8; j++) {
        for (int m = 0; m < 4; m++) {
          ATC[8 * (8 * t + j) + 4 * t + m] = AT[m][j];
        }
      }
    }
  }

  /** Whether the row-Winograd kernels can run: 8-float vectors (AVX2 or wider). */
  public static boolean winogradLanes() {
    return L == 8;
  }

  /**
   * Input transform of one example: {@code v[((ic·ih + r)·tiles + t)·8 + j] = Σ_i BT[j][i]·x[ic, r,
   * 4t + i]}, one FMA chain from zero over {@code i = 0..7} per point; {@code tiles = (iw − 4) / 4}.
   */
  public static void transformInput(int c, int ih, int iw, float[] x, int xo, float[] v) {
    transformInput(c, ih, iw, x, xo, v, 0, (iw - 4) / 4 * 8);
  }

  /**
   * {@link #transformInput(int, int, int, float[], int, float[])} with the tiles of input row
   * {@code rr = ic·ih + r} at {@code v[vo + rr·rowStride + 8t + j]} (the weight gradient interleaves
   * the rows of a block of examples).
   */
  public static void transformInput(int c, int ih, int iw, float[] x, int xo, float[] v, int vo, int rowStride) {
    int tiles = (iw - 4) / 4;
    FloatVector b0 = FloatVector.fromArray(S, BTC, 0);
    FloatVector b1 = FloatVector.fromArray(S, BTC, 8);
    FloatVector b2 = FloatVector.fromArray(S, BTC, 16);
    FloatVector b3 = FloatVector.fromArray(S, BTC, 24);
    FloatVector b4 = FloatVector.fromArray(S, BTC, 32);
    FloatVector b5 = FloatVector.fromArray(S, BTC, 40);
    FloatVector b6 = FloatVector.fromArray(S, BTC, 48);
    FloatVector b7 = FloatVector.fromArray(S, BTC, 56);
    FloatVector z = FloatVector.zero(S);
    int rows = c * ih;
    for (int rr = 0; rr < rows; rr++) {
      int p = xo + rr * iw, d = vo + rr * rowStride;
      for (int t = 0; t < tiles; t++, p += 4, d += 8) {
        FloatVector a = b0.fma(FloatVector.broadcast(S, x[p]), z);
        a = b1.fma(FloatVector.broadcast(S, x[p + 1]), a);
        a = b2.fma(FloatVector.broadcast(S, x[p + 2]), a);
        a = b3.fma(FloatVector.broadcast(S, x[p + 3]), a);
        a = b4.fma(FloatVector.broadcast(S, x[p + 4]), a);
        a = b5.fma(FloatVector.broadcast(S, x[p + 5]), a);
        a = b6.fma(FloatVector.broadcast(S, x[p + 6]), a);
        a = b7.fma(FloatVector.broadcast(S, x[p + 7]), a);
        a.intoArray(v, d);
      }
    }
  }

  /** {@code AT} by rows, one vector per tile column: {@code ATR[8 q + j] = AT[q][j]}. */
  private static final float[] ATR = new float[32];

  static {
    for (int q = 0; q < 4; q++) {
      for (int j = 0; j < 8; j++) {
        ATR[8 * q + j] = AT[q][j];
      }
    }
  }

  /**
   * Output-gradient transform for the weight gradient (the transpose of the output transform):
   * {@code u[uo + rr·rowStride + 8t + j] = Σ_q AT[q][j]·dy[dyo + rr·ow + 4t + q]} for the rows
   * {@code rr < rows} of {@code dy} ({@code ow} wide, {@code ow / 4} tiles), one FMA chain from
   * zero over {@code q = 0..3} per point.
   */
  public static void transformGradient(int rows, int ow, float[] dy, int dyo, float[] u, int uo, int rowStride) {
    int tiles = ow / 4;
    FloatVector q0 = FloatVector.fromArray(S, ATR, 0);
    FloatVector q1 = FloatVector.fromArray(S, ATR, 8);
    FloatVector q2 = FloatVector.fromArray(S, ATR, 16);
    FloatVector q3 = FloatVector.fromArray(S, ATR, 24);
    FloatVector z = FloatVector.zero(S);
    for (int rr = 0; rr < rows; rr++) {
      int p = dyo + rr * ow, d = uo + rr * rowStride;
      for (int t = 0; t < tiles; t++, p += 4, d += 8) {
        FloatVector a = q0.fma(FloatVector.broadcast(S, dy[p]), z);
        a = q1.fma(FloatVector.broadcast(S, dy[p + 1]), a);
        a = q2.fma(FloatVector.broadcast(S, dy[p + 2]), a);
        a = q3.fma(FloatVector.broadcast(S, dy[p + 3]), a);
        a.intoArray(u, d);
      }
    }
  }

  /**
   * One 3 × 3 block of the weight gradient's transformed-domain sums: {@code m[m0 + i·ms + 8jj + j]
   * = Σ_{s < n} u[ub_i + 8s + j]·v[vb_jj + 8s + j]} for {@code i, jj < 3}, {@code ub = (u0, u1, u2)},
   * {@code vb = (v0, v1, v2)}, overwritten; one FMA chain from zero per accumulator over {@code s} in order. Nine
   * accumulators, three gradient and three input vectors loaded per step (the shape of
   * {@link SimdSgemm#kernel}, with vector instead of broadcast operands).
   */
  public static void weightBlock(int n, float[] u, int u0, int u1, int u2, float[] v, int v0, int v1, int v2, float[] m,
      int m0, int ms) {
    FloatVector s00 = FloatVector.zero(S);
    FloatVector s01 = s00;
    FloatVector s02 = s00;
    FloatVector s10 = s00;
    FloatVector s11 = s00;
    FloatVector s12 = s00;
    FloatVector s20 = s00;
    FloatVector s21 = s00;
    FloatVector s22 = s00;
    for (int q = 0, end = 8 * n; q < end; q += 8) {
      FloatVector x0 = FloatVector.fromArray(S, v, v0 + q);
      FloatVector x1 = FloatVector.fromArray(S, v, v1 + q);
      FloatVector x2 = FloatVector.fromArray(S, v, v2 + q);
      FloatVector d = FloatVector.fromArray(S, u, u0 + q);
      s00 = d.fma(x0, s00);
      s01 = d.fma(x1, s01);
      s02 = d.fma(x2, s02);
      d = FloatVector.fromArray(S, u, u1 + q);
      s10 = d.fma(x0, s10);
      s11 = d.fma(x1, s11);
      s12 = d.fma(x2, s12);
      d = FloatVector.fromArray(S, u, u2 + q);
      s20 = d.fma(x0, s20);
      s21 = d.fma(x1, s21);
      s22 = d.fma(x2, s22);
    }
    s00.intoArray(m, m0);
    s01.intoArray(m, m0 + 8);
    s02.intoArray(m, m0 + 16);
    s10.intoArray(m, m0 + ms);
    s11.intoArray(m, m0 + ms + 8);
    s12.intoArray(m, m0 + ms + 16);
    s20.intoArray(m, m0 + 2 * ms);
    s21.intoArray(m, m0 + 2 * ms + 8);
    s22.intoArray(m, m0 + 2 * ms + 16);
  }

  /** {@code BT} by rows: {@code BTR[8 j + i] = BT[j][i]}, the input-gradient transform's vectors. */
  private static final float[] BTR = new float[64];

  static {
    for (int j = 0; j < 8; j++) {
      for (int i = 0; i < 8; i++) {
        BTR[8 * j + i] = BT[j][i];
      }
    }
  }

  /**
   * Input gradient of one example by the transposed row Winograd, {@code dx += B[Σ (G w) ⊙ (A dy)]}
   * with the tiles' 8 inputs overlap-added: {@code g} is the example's output gradient transformed
   * by {@link #transformGradient} ({@code g[((o·oh + r)·tiles + t)·8 + j]}, {@code tiles = ow / 4}),
   * {@code u} the transformed weight of {@link #forwardRows}. For input channel {@code ic}, tile
   * {@code t} and each block of 4 gradient rows {@code r0 = 4b}, the 8 input rows {@code r0..r0+7}
   * get {@code Σ_o Σ_{s<4, k = i−s ∈ [0,5)} u[o, ic, k]·g[o, r0 + s, t]} (one FMA chain from zero per
   * row: output channels, then {@code s}), rows shared with the previous block added to its sums
   * ({@code previous + this}); then each input row's tile {@code q[i] = Σ_j BT[j][i]·m[j]} (one FMA
   * chain from zero) is added to {@code dx[ic, R, 4t + i]}, tiles in order. Needs {@code oh % 4 == 0};
   * {@code m} is scratch of at least {@code (oh + 4)·8} floats.
   */
  public static void inputGrad(int c, int oc, int oh, int ow, float[] u, float[] g, float[] m, float[] dx, int dxo) {
    int tiles = ow / 4, rs = tiles * 8, os = oh * rs, ih = oh + KH - 1, iw = ow + KH - 1;
    for (int ic = 0; ic < c; ic++) {
      for (int t = 0; t < tiles; t++) {
        for (int r0 = 0; r0 < oh; r0 += 4) {
          inputBlock(oc, c, ic, os, rs, r0 * rs + t * 8, u, g, m, r0 * 8, r0 > 0);
        }
        for (int row = 0; row < ih; row++) {
          FloatVector a = FloatVector.zero(S);
          for (int j = 0; j < 8; j++) {
            a = FloatVector.fromArray(S, BTR, 8 * j).fma(FloatVector.broadcast(S, m[row * 8 + j]), a);
          }
          int at = dxo + (ic * ih + row) * iw + 4 * t;
          FloatVector.fromArray(S, dx, at).add(a).intoArray(dx, at);
        }
      }
    }
  }

  /** One block of {@link #inputGrad}: 8 accumulators (input rows), per output channel 5 weight and 4 gradient loads. */
  private static void inputBlock(int oc, int c, int ic, int os, int rs, int gb, float[] u, float[] g, float[] m, int mb,
      boolean add) {
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    FloatVector a4 = a0;
    FloatVector a5 = a0;
    FloatVector a6 = a0;
    FloatVector a7 = a0;
    for (int o = 0; o < oc; o++) {
      int ub = (o * c + ic) * 40, p = gb + o * os;
      FloatVector w0 = FloatVector.fromArray(S, u, ub);
      FloatVector w1 = FloatVector.fromArray(S, u, ub + 8);
      FloatVector w2 = FloatVector.fromArray(S, u, ub + 16);
      FloatVector w3 = FloatVector.fromArray(S, u, ub + 24);
      FloatVector w4 = FloatVector.fromArray(S, u, ub + 32);
      FloatVector q = FloatVector.fromArray(S, g, p);
      a0 = w0.fma(q, a0);
      a1 = w1.fma(q, a1);
      a2 = w2.fma(q, a2);
      a3 = w3.fma(q, a3);
      a4 = w4.fma(q, a4);
      q = FloatVector.fromArray(S, g, p + rs);
      a1 = w0.fma(q, a1);
      a2 = w1.fma(q, a2);
      a3 = w2.fma(q, a3);
      a4 = w3.fma(q, a4);
      a5 = w4.fma(q, a5);
      q = FloatVector.fromArray(S, g, p + 2 * rs);
      a2 = w0.fma(q, a2);
      a3 = w1.fma(q, a3);
      a4 = w2.fma(q, a4);
      a5 = w3.fma(q, a5);
      a6 = w4.fma(q, a6);
      q = FloatVector.fromArray(S, g, p + 3 * rs);
      a3 = w0.fma(q, a3);
      a4 = w1.fma(q, a4);
      a5 = w2.fma(q, a5);
      a6 = w3.fma(q, a6);
      a7 = w4.fma(q, a7);
    }
    if (add) {
      a0 = FloatVector.fromArray(S, m, mb).add(a0);
      a1 = FloatVector.fromArray(S, m, mb + 8).add(a1);
      a2 = FloatVector.fromArray(S, m, mb + 16).add(a2);
      a3 = FloatVector.fromArray(S, m, mb + 24).add(a3);
    }
    a0.intoArray(m, mb);
    a1.intoArray(m, mb + 8);
    a2.intoArray(m, mb + 16);
    a3.intoArray(m, mb + 24);
    a4.intoArray(m, mb + 32);
    a5.intoArray(m, mb + 40);
    a6.intoArray(m, mb + 48);
    a7.intoArray(m, mb + 56);
  }

  /**
   * Output channels {@code [o0, o1)} of one example from its transformed input {@code v} (see
   * {@link #transformInput}) and the transformed weight {@code u[((o·c + ic)·5 + k)·8 + j]}:
   * for each block of 8 output rows and each tile {@code t}, the products
   * {@code m[r][j] = Σ_{ic, k} u[o, ic, k, j]·v[ic, r + k, t, j]} (one FMA chain from zero, input
   * channels then kernel rows), then {@code y[o, r, 8p + q] = bias + Σ_{t, j} ATC[t][j][q]·m_t[r][j]}
   * over the two tiles {@code t = 2p, 2p + 1} of each 8-wide column block, {@code t} then {@code j}
   * (the other tile's zero coefficients included). Needs {@code oh ≥ 8}, {@code ow % 8 == 0};
   * {@code s} is scratch of at least 128 floats.
   */
  public static void forwardRows(int c, int oh, int ow, float[] u, float[] v, float[] s, float[] bias, int bo,
      float[] y, int yo, int o0, int o1) {
    int ih = oh + KH - 1, tiles = ow / 4, rs = tiles * 8, ps = ih * rs;
    for (int o = o0; o < o1; o++) {
      float b = bias == null ? 0f : bias[bo + o];
      int uBase = o * c * 40, yBase = yo + o * oh * ow;
      for (int rt = 0; rt < oh; rt += ROWS) {
        int r0 = Math.min(rt, oh - ROWS);
        for (int pair = 0; pair < tiles; pair += 2) {
          for (int tt = 0; tt < 2; tt++) {
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector a4 = a0;
            FloatVector a5 = a0;
            FloatVector a6 = a0;
            FloatVector a7 = a0;
            int vb = (r0 * tiles + pair + tt) * 8;
            for (int ic = 0; ic < c; ic++) {
              int ub = uBase + ic * 40, p = vb + ic * ps;
              FloatVector w0 = FloatVector.fromArray(S, u, ub);
              FloatVector w1 = FloatVector.fromArray(S, u, ub + 8);
              FloatVector w2 = FloatVector.fromArray(S, u, ub + 16);
              FloatVector w3 = FloatVector.fromArray(S, u, ub + 24);
              FloatVector w4 = FloatVector.fromArray(S, u, ub + 32);
              FloatVector q = FloatVector.fromArray(S, v, p);
              a0 = w0.fma(q, a0);
              q = FloatVector.fromArray(S, v, p + rs);
              a0 = w1.fma(q, a0);
              a1 = w0.fma(q, a1);
              q = FloatVector.fromArray(S, v, p + 2 * rs);
              a0 = w2.fma(q, a0);
              a1 = w1.fma(q, a1);
              a2 = w0.fma(q, a2);
              q = FloatVector.fromArray(S, v, p + 3 * rs);
              a0 = w3.fma(q, a0);
              a1 = w2.fma(q, a1);
              a2 = w1.fma(q, a2);
              a3 = w0.fma(q, a3);
              q = FloatVector.fromArray(S, v, p + 4 * rs);
              a0 = w4.fma(q, a0);
              a1 = w3.fma(q, a1);
              a2 = w2.fma(q, a2);
              a3 = w1.fma(q, a3);
              a4 = w0.fma(q, a4);
              q = FloatVector.fromArray(S, v, p + 5 * rs);
              a1 = w4.fma(q, a1);
              a2 = w3.fma(q, a2);
              a3 = w2.fma(q, a3);
              a4 = w1.fma(q, a4);
              a5 = w0.fma(q, a5);
              q = FloatVector.fromArray(S, v, p + 6 * rs);
              a2 = w4.fma(q, a2);
              a3 = w3.fma(q, a3);
              a4 = w2.fma(q, a4);
              a5 = w1.fma(q, a5);
              a6 = w0.fma(q, a6);
              q = FloatVector.fromArray(S, v, p + 7 * rs);
              a3 = w4.fma(q, a3);
              a4 = w3.fma(q, a4);
              a5 = w2.fma(q, a5);
              a6 = w1.fma(q, a6);
              a7 = w0.fma(q, a7);
              q = FloatVector.fromArray(S, v, p + 8 * rs);
              a4 = w4.fma(q, a4);
              a5 = w3.fma(q, a5);
              a6 = w2.fma(q, a6);
              a7 = w1.fma(q, a7);
              q = FloatVector.fromArray(S, v, p + 9 * rs);
              a5 = w4.fma(q, a5);
              a6 = w3.fma(q, a6);
              a7 = w2.fma(q, a7);
              q = FloatVector.fromArray(S, v, p + 10 * rs);
              a6 = w4.fma(q, a6);
              a7 = w3.fma(q, a7);
              q = FloatVector.fromArray(S, v, p + 11 * rs);
              a7 = w4.fma(q, a7);
            }
            int d = tt * 8;
            a0.intoArray(s, d);
            a1.intoArray(s, d + 16);
            a2.intoArray(s, d + 32);
            a3.intoArray(s, d + 48);
            a4.intoArray(s, d + 64);
            a5.intoArray(s, d + 80);
            a6.intoArray(s, d + 96);
            a7.intoArray(s, d + 112);
          }
          outputTransform(s, b, y, yBase + r0 * ow + pair * 4, ow);
        }
      }
    }
  }

  /** Rows {@code r = 0..7}: {@code y[d + r·ow + q] = b + Σ_{t, j} ATC[8 (8t + j) + q]·s[16 r + 8 t + j]}. */
  private static void outputTransform(float[] s, float b, float[] y, int d, int ow) {
    FloatVector y0 = FloatVector.broadcast(S, b);
    FloatVector y1 = y0;
    FloatVector y2 = y0;
    FloatVector y3 = y0;
    FloatVector y4 = y0;
    FloatVector y5 = y0;
    FloatVector y6 = y0;
    FloatVector y7 = y0;
    for (int tj = 0; tj < 16; tj++) {
      FloatVector a = FloatVector.fromArray(S, ATC, 8 * tj);
      y0 = a.fma(FloatVector.broadcast(S, s[tj]), y0);
      y1 = a.fma(FloatVector.broadcast(S, s[16 + tj]), y1);
      y2 = a.fma(FloatVector.broadcast(S, s[32 + tj]), y2);
      y3 = a.fma(FloatVector.broadcast(S, s[48 + tj]), y3);
      y4 = a.fma(FloatVector.broadcast(S, s[64 + tj]), y4);
      y5 = a.fma(FloatVector.broadcast(S, s[80 + tj]), y5);
      y6 = a.fma(FloatVector.broadcast(S, s[96 + tj]), y6);
      y7 = a.fma(FloatVector.broadcast(S, s[112 + tj]), y7);
    }
    y0.intoArray(y, d);
    y1.intoArray(y, d + ow);
    y2.intoArray(y, d + 2 * ow);
    y3.intoArray(y, d + 3 * ow);
    y4.intoArray(y, d + 4 * ow);
    y5.intoArray(y, d + 5 * ow);
    y6.intoArray(y, d + 6 * ow);
    y7.intoArray(y, d + 7 * ow);
  }

  /** {@code ATC} (see {@link #forwardRows}) for the scalar twin. */
  public static float outputCoefficient(int t, int j, int q) {
    return ATC[8 * (8 * t + j) + q];
  }
}
