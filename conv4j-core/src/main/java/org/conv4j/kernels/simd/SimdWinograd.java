package org.conv4j.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The input and output transforms of the Winograd F(2×2, 3×3) convolution
 * ({@link org.conv4j.kernels.WinogradConv}) on the JDK Vector API, {@code L} tiles per vector (8
 * floats or 4 doubles with AVX2). The 16 products between them run on the GEMM micro-kernels
 * ({@link SimdSgemm#macroKernel}, {@link SimdDgemm#macroKernel}). The weight gradient's input
 * transform ({@link #weightInput}) runs {@code L} channels per vector instead, from a channels-last
 * copy, because there the tiles are the products' depth. Each method computes the same adds and
 * subtracts in the same order as its scalar twin, so the results have the same bits. The tile block
 * {@code T} must be a multiple of the GEMM panel width {@code nr}, itself a multiple of {@code L}.
 * Single-threaded; allocates nothing; all vector values stay inside single methods.
 */
public final class SimdWinograd {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> SD = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int LD = SD.length();
  /** Depth of a k-block of the GEMM kernels. */
  private static final int KC = SimdSgemm.KC;
  /** Two-vector rearranges interleaving {@code a} and {@code b}: lanes {@code a0 b0 a1 b1 …} (low halves), then the high halves. */
  private static final VectorShuffle<Float> ZIP_LO = zip(S, 0), ZIP_HI = zip(S, S.length() / 2);
  private static final VectorShuffle<Double> ZIP_LO_D = zip(SD, 0), ZIP_HI_D = zip(SD, SD.length() / 2);

  /** Two-vector rearranges taking the even lanes of {@code a} then of {@code b}, and the odd ones. */
  private static final VectorShuffle<Float> EVEN = unzip(S, 0), ODD = unzip(S, 1);
  private static final VectorShuffle<Double> EVEN_D = unzip(SD, 0), ODD_D = unzip(SD, 1);

  /** Lane {@code i} takes lane {@code 2i + parity} of the pair of vectors (the second from lane {@code n} on). */
  private static <E> VectorShuffle<E> unzip(VectorSpecies<E> species, int parity) {
    int n = species.length();
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = 2 * i + parity;
    }
    return VectorShuffle.fromArray(species, idx, 0);
  }

  /**
   * Splits {@code 2·n} consecutive elements into their even and odd ones:
   * {@code even[e + k] = src[s + 2k]}, {@code odd[o + k] = src[s + 2k + 1]} for {@code k < n}
   * ({@code even} and {@code odd} may be one array). Two loads, two two-vector rearranges and two
   * stores per {@code L} pairs; a plain copy, so the same values as the scalar loop.
   *
   * @param src not modified
   * @param dst modified
   */
  public static void deinterleave(float[] src, int s, int n, float[] dst, int e, int o) {
    int k = 0;
    for (; k <= n - L; k += L) {
      FloatVector a = FloatVector.fromArray(S, src, s + 2 * k);
      FloatVector b = FloatVector.fromArray(S, src, s + 2 * k + L);
      a.rearrange(EVEN, b).intoArray(dst, e + k);
      a.rearrange(ODD, b).intoArray(dst, o + k);
    }
    for (; k < n; k++) {
      dst[e + k] = src[s + 2 * k];
      dst[o + k] = src[s + 2 * k + 1];
    }
  }

  /** {@link #deinterleave(float[], int, int, float[], int, int)} in float64. */
  public static void deinterleave(double[] src, int s, int n, double[] dst, int e, int o) {
    int k = 0;
    for (; k <= n - LD; k += LD) {
      DoubleVector a = DoubleVector.fromArray(SD, src, s + 2 * k);
      DoubleVector b = DoubleVector.fromArray(SD, src, s + 2 * k + LD);
      a.rearrange(EVEN_D, b).intoArray(dst, e + k);
      a.rearrange(ODD_D, b).intoArray(dst, o + k);
    }
    for (; k < n; k++) {
      dst[e + k] = src[s + 2 * k];
      dst[o + k] = src[s + 2 * k + 1];
    }
  }

  /**
   * Three-way interleave of vectors {@code a, b, c} (lanes {@code a0 b0 c0 a1 b1 c1 …}) as three
   * output vectors {@code q}: {@code a.rearrange(I3_ABq, b).blend(c.rearrange(I3_Cq), I3_Mq)}.
   */
  private static final VectorShuffle<Float> I3_AB0 = interleave3(S, 0, false), I3_AB1 = interleave3(S, 1, false),
      I3_AB2 = interleave3(S, 2, false), I3_C0 = interleave3(S, 0, true), I3_C1 = interleave3(S, 1, true),
      I3_C2 = interleave3(S, 2, true);
  private static final VectorMask<Float> I3_M0 = fromC(S, 0),
      I3_M1 = fromC(S, 1), I3_M2 = fromC(S, 2);
  private static final VectorShuffle<Double> I3_AB0_D = interleave3(SD, 0, false), I3_AB1_D = interleave3(SD, 1, false),
      I3_AB2_D = interleave3(SD, 2, false), I3_C0_D = interleave3(SD, 0, true), I3_C1_D = interleave3(SD, 1, true),
      I3_C2_D = interleave3(SD, 2, true);
  private static final VectorMask<Double> I3_M0_D = fromC(SD, 0), I3_M1_D = fromC(SD, 1), I3_M2_D = fromC(SD, 2);

  /**
   * Output vector {@code q} of the three-way interleave: lane {@code j} is element {@code e = q·n + j}
   * of the interleaved sequence, lane {@code e/3} of {@code a}, {@code b} or {@code c} by {@code e mod 3}.
   * {@code fromC}: the shuffle applied to {@code c} alone; otherwise the two-vector shuffle of
   * {@code (a, b)} (lanes of {@code b} from {@code n} on; lanes that come from {@code c} take 0).
   */
  private static <E> VectorShuffle<E> interleave3(VectorSpecies<E> species, int q, boolean fromC) {
    int n = species.length();
    int[] idx = new int[n];
    for (int j = 0; j < n; j++) {
      int e = q * n + j, lane = e / 3, src = e % 3;
      idx[j] = fromC ? (src == 2 ? lane : 0) : src == 0 ? lane : src == 1 ? lane + n : 0;
    }
    return VectorShuffle.fromArray(species, idx, 0);
  }

  /** The lanes of output vector {@code q} of the three-way interleave that come from {@code c}. */
  private static <E> VectorMask<E> fromC(VectorSpecies<E> species, int q) {
    int n = species.length();
    boolean[] m = new boolean[n];
    for (int j = 0; j < n; j++) {
      m[j] = (q * n + j) % 3 == 2;
    }
    return VectorMask.fromArray(species, m, 0);
  }

  /** Lane {@code i} takes lane {@code from + i/2} of the first vector (even {@code i}) or of the second (odd). */
  private static <E> VectorShuffle<E> zip(VectorSpecies<E> species, int from) {
    int n = species.length();
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = from + i / 2 + (i % 2) * n;
    }
    return VectorShuffle.fromArray(species, idx, 0);
  }

  private SimdWinograd() {}

  /**
   * The vector twin of the scalar input transform: {@code v} (16 ξ-blocks of {@code inC·T}, packed-B
   * layout) = {@code Bᵀ d B} for tiles {@code [b0, b0 + nt)}, reading the source from {@code h},
   * its zero-haloed even and odd column planes from tile row {@code ty0} on (see
   * {@code WinogradConv.split}: {@code h[((ci·hRows + r)·2 + parity)·hW + k]} is the source at row
   * {@code 2·ty0 + r − top}, column {@code 2·k + parity − left}). {@code L} tiles per vector: when
   * they lie in one tile row, each of the 16 taps of their patches is one contiguous load from
   * {@code h}, and the transform runs in registers straight into {@code v} (one pass, 16 loads and
   * 16 stores per {@code L} tiles); the few groups that cross a tile row are first gathered into
   * {@code g}. Same operations in the same order as the scalar twin.
   *
   * @param h not modified
   * @param g scratch of at least {@code 16·L}, modified
   * @param v modified
   */
  public static void inputTransform(int inC, int hRows, int hW, int ty0, int tilesW, int nr, int T,
      float[] h, int b0, int nt, float[] g, float[] v) {
    int xs = inC * T, rs = 2 * hW;
    for (int ci = 0; ci < inC; ci++) {
      int pc = ci / KC * KC, kc = Math.min(KC, inC - pc), rowBase = pc * T + (ci - pc) * nr;
      int chan = ci * hRows * rs;
      for (int t = 0; t < nt; t += L) {
        int tile = b0 + t, ty = tile / tilesW, tx = tile % tilesW;
        float[] src = h;
        // Offsets of tap (i, j): q + i·ri + cj.
        int q = chan + 2 * (ty - ty0) * rs + tx, ri = rs, c1 = hW, c2 = 1, c3 = hW + 1;
        if (tx + L > tilesW) {
          for (int l = 0; l < L; l++) {
            int tl = tile + l, at = chan + 2 * (tl / tilesW - ty0) * rs + tl % tilesW;
            boolean in = t + l < nt;
            for (int i = 0; i < 4; i++) {
              for (int j = 0; j < 4; j++) {
                g[(4 * i + j) * L + l] = in ? h[at + i * rs + (j & 1) * hW + (j >> 1)] : 0f;
              }
            }
          }
          src = g;
          q = 0;
          ri = 4 * L;
          c1 = L;
          c2 = 2 * L;
          c3 = 3 * L;
        }
        // Bᵀ d: combine rows, per column j.
        FloatVector d0 = FloatVector.fromArray(S, src, q);
        FloatVector d1 = FloatVector.fromArray(S, src, q + ri);
        FloatVector d2 = FloatVector.fromArray(S, src, q + 2 * ri);
        FloatVector d3 = FloatVector.fromArray(S, src, q + 3 * ri);
        FloatVector r00 = d0.sub(d2), r10 = d1.add(d2), r20 = d2.sub(d1), r30 = d1.sub(d3);
        d0 = FloatVector.fromArray(S, src, q + c1);
        d1 = FloatVector.fromArray(S, src, q + ri + c1);
        d2 = FloatVector.fromArray(S, src, q + 2 * ri + c1);
        d3 = FloatVector.fromArray(S, src, q + 3 * ri + c1);
        FloatVector r01 = d0.sub(d2), r11 = d1.add(d2), r21 = d2.sub(d1), r31 = d1.sub(d3);
        d0 = FloatVector.fromArray(S, src, q + c2);
        d1 = FloatVector.fromArray(S, src, q + ri + c2);
        d2 = FloatVector.fromArray(S, src, q + 2 * ri + c2);
        d3 = FloatVector.fromArray(S, src, q + 3 * ri + c2);
        FloatVector r02 = d0.sub(d2), r12 = d1.add(d2), r22 = d2.sub(d1), r32 = d1.sub(d3);
        d0 = FloatVector.fromArray(S, src, q + c3);
        d1 = FloatVector.fromArray(S, src, q + ri + c3);
        d2 = FloatVector.fromArray(S, src, q + 2 * ri + c3);
        d3 = FloatVector.fromArray(S, src, q + 3 * ri + c3);
        FloatVector r03 = d0.sub(d2), r13 = d1.add(d2), r23 = d2.sub(d1), r33 = d1.sub(d3);
        // (Bᵀ d) B: combine columns, per row i, into the packed layout (L tiles never straddle a panel).
        int o = rowBase + (t / nr) * nr * kc + t % nr;
        r00.sub(r02).intoArray(v, o);
        r01.add(r02).intoArray(v, o + xs);
        r02.sub(r01).intoArray(v, o + 2 * xs);
        r01.sub(r03).intoArray(v, o + 3 * xs);
        r10.sub(r12).intoArray(v, o + 4 * xs);
        r11.add(r12).intoArray(v, o + 5 * xs);
        r12.sub(r11).intoArray(v, o + 6 * xs);
        r11.sub(r13).intoArray(v, o + 7 * xs);
        r20.sub(r22).intoArray(v, o + 8 * xs);
        r21.add(r22).intoArray(v, o + 9 * xs);
        r22.sub(r21).intoArray(v, o + 10 * xs);
        r21.sub(r23).intoArray(v, o + 11 * xs);
        r30.sub(r32).intoArray(v, o + 12 * xs);
        r31.add(r32).intoArray(v, o + 13 * xs);
        r32.sub(r31).intoArray(v, o + 14 * xs);
        r31.sub(r33).intoArray(v, o + 15 * xs);
      }
    }
  }

  /**
   * The vector twin of the scalar output transform: {@code Y = Aᵀ M A (+ bias)} for tiles
   * {@code [b0, b0 + nt)} from {@code m} (16 ξ-blocks of {@code outC × T}), {@code L} tiles per
   * vector in registers. When the {@code L} tiles lie in one tile row and wholly inside the plane,
   * each of their two output rows is written as two vectors, the tiles' left and right outputs
   * interleaved by a two-vector rearrange (a scalar scatter of 4 outputs per tile took as long as
   * the transform); other groups go through {@code g} and a scalar scatter that clips at the plane's
   * edge. Same operations in the same order as the scalar twin.
   *
   * @param m not modified
   * @param g scratch of at least {@code 4·L}, modified
   * @param out the tiles' outputs overwritten
   */
  public static void outputTransform(int outC, int outH, int outW, int tilesW, int T, float[] m, int b0, int nt,
      float[] g, float[] out, int outOff, float[] bias, int bo) {
    int xs = outC * T;
    for (int o = 0; o < outC; o++) {
      int plane = outOff + o * outH * outW;
      FloatVector bv = FloatVector.broadcast(S, bias == null ? 0f : bias[bo + o]);
      for (int t = 0; t < nt; t += L) {
        int at = o * T + t;
        // Aᵀ M: two rows (p, q), per column j.
        FloatVector m0 = FloatVector.fromArray(S, m, at);
        FloatVector m1 = FloatVector.fromArray(S, m, at + 4 * xs);
        FloatVector m2 = FloatVector.fromArray(S, m, at + 8 * xs);
        FloatVector m3 = FloatVector.fromArray(S, m, at + 12 * xs);
        FloatVector p0 = m0.add(m1).add(m2), q0 = m1.sub(m2).sub(m3);
        m0 = FloatVector.fromArray(S, m, at + xs);
        m1 = FloatVector.fromArray(S, m, at + 5 * xs);
        m2 = FloatVector.fromArray(S, m, at + 9 * xs);
        m3 = FloatVector.fromArray(S, m, at + 13 * xs);
        FloatVector p1 = m0.add(m1).add(m2), q1 = m1.sub(m2).sub(m3);
        m0 = FloatVector.fromArray(S, m, at + 2 * xs);
        m1 = FloatVector.fromArray(S, m, at + 6 * xs);
        m2 = FloatVector.fromArray(S, m, at + 10 * xs);
        m3 = FloatVector.fromArray(S, m, at + 14 * xs);
        FloatVector p2 = m0.add(m1).add(m2), q2 = m1.sub(m2).sub(m3);
        m0 = FloatVector.fromArray(S, m, at + 3 * xs);
        m1 = FloatVector.fromArray(S, m, at + 7 * xs);
        m2 = FloatVector.fromArray(S, m, at + 11 * xs);
        m3 = FloatVector.fromArray(S, m, at + 15 * xs);
        FloatVector p3 = m0.add(m1).add(m2), q3 = m1.sub(m2).sub(m3);
        // (Aᵀ M) A + bias: the 2×2 outputs (y00, y01 / y10, y11) of L tiles.
        FloatVector y00 = p0.add(p1).add(p2).add(bv), y01 = p1.sub(p2).sub(p3).add(bv);
        FloatVector y10 = q0.add(q1).add(q2).add(bv), y11 = q1.sub(q2).sub(q3).add(bv);
        int tile = b0 + t, y = 2 * (tile / tilesW), tx = tile % tilesW, x = 2 * tx;
        if (t + L <= nt && tx + L <= tilesW && 2 * (tx + L) <= outW && y + 1 < outH) {
          int row = plane + y * outW + x;
          y00.rearrange(ZIP_LO, y01).intoArray(out, row);
          y00.rearrange(ZIP_HI, y01).intoArray(out, row + L);
          y10.rearrange(ZIP_LO, y11).intoArray(out, row + outW);
          y10.rearrange(ZIP_HI, y11).intoArray(out, row + outW + L);
          continue;
        }
        y00.intoArray(g, 0);
        y01.intoArray(g, L);
        y10.intoArray(g, 2 * L);
        y11.intoArray(g, 3 * L);
        for (int l = 0; l < L && t + l < nt; l++) {
          int tl = tile + l, yl = 2 * (tl / tilesW), xl = 2 * (tl % tilesW);
          for (int i = 0; i < 2 && yl + i < outH; i++) {
            int row = plane + (yl + i) * outW + xl;
            out[row] = g[2 * i * L + l];
            if (xl + 1 < outW) {
              out[row + 1] = g[(2 * i + 1) * L + l];
            }
          }
        }
      }
    }
  }

  /**
   * The vector twin of the scalar input transform: {@code v} (16 ξ-blocks of {@code inC·T}, packed-B
   * layout) = {@code Bᵀ d B} for tiles {@code [b0, b0 + nt)}, reading the source from {@code h},
   * its zero-haloed even and odd column planes from tile row {@code ty0} on (see
   * {@code WinogradConv.split}: {@code h[((ci·hRows + r)·2 + parity)·hW + k]} is the source at row
   * {@code 2·ty0 + r − top}, column {@code 2·k + parity − left}). {@code LD} tiles per vector: when
   * they lie in one tile row, each of the 16 taps of their patches is one contiguous load from
   * {@code h}, and the transform runs in registers straight into {@code v} (one pass, 16 loads and
   * 16 stores per {@code LD} tiles); the few groups that cross a tile row are first gathered into
   * {@code g}. Same operations in the same order as the scalar twin.
   *
   * @param h not modified
   * @param g scratch of at least {@code 16·LD}, modified
   * @param v modified
   */
  public static void inputTransform(int inC, int hRows, int hW, int ty0, int tilesW, int nr, int T,
      double[] h, int b0, int nt, double[] g, double[] v) {
    int xs = inC * T, rs = 2 * hW;
    for (int ci = 0; ci < inC; ci++) {
      int pc = ci / KC * KC, kc = Math.min(KC, inC - pc), rowBase = pc * T + (ci - pc) * nr;
      int chan = ci * hRows * rs;
      for (int t = 0; t < nt; t += LD) {
        int tile = b0 + t, ty = tile / tilesW, tx = tile % tilesW;
        double[] src = h;
        // Offsets of tap (i, j): q + i·ri + cj.
        int q = chan + 2 * (ty - ty0) * rs + tx, ri = rs, c1 = hW, c2 = 1, c3 = hW + 1;
        if (tx + LD > tilesW) {
          for (int l = 0; l < LD; l++) {
            int tl = tile + l, at = chan + 2 * (tl / tilesW - ty0) * rs + tl % tilesW;
            boolean in = t + l < nt;
            for (int i = 0; i < 4; i++) {
              for (int j = 0; j < 4; j++) {
                g[(4 * i + j) * LD + l] = in ? h[at + i * rs + (j & 1) * hW + (j >> 1)] : 0.0;
              }
            }
          }
          src = g;
          q = 0;
          ri = 4 * LD;
          c1 = LD;
          c2 = 2 * LD;
          c3 = 3 * LD;
        }
        // Bᵀ d: combine rows, per column j.
        DoubleVector d0 = DoubleVector.fromArray(SD, src, q);
        DoubleVector d1 = DoubleVector.fromArray(SD, src, q + ri);
        DoubleVector d2 = DoubleVector.fromArray(SD, src, q + 2 * ri);
        DoubleVector d3 = DoubleVector.fromArray(SD, src, q + 3 * ri);
        DoubleVector r00 = d0.sub(d2), r10 = d1.add(d2), r20 = d2.sub(d1), r30 = d1.sub(d3);
        d0 = DoubleVector.fromArray(SD, src, q + c1);
        d1 = DoubleVector.fromArray(SD, src, q + ri + c1);
        d2 = DoubleVector.fromArray(SD, src, q + 2 * ri + c1);
        d3 = DoubleVector.fromArray(SD, src, q + 3 * ri + c1);
        DoubleVector r01 = d0.sub(d2), r11 = d1.add(d2), r21 = d2.sub(d1), r31 = d1.sub(d3);
        d0 = DoubleVector.fromArray(SD, src, q + c2);
        d1 = DoubleVector.fromArray(SD, src, q + ri + c2);
        d2 = DoubleVector.fromArray(SD, src, q + 2 * ri + c2);
        d3 = DoubleVector.fromArray(SD, src, q + 3 * ri + c2);
        DoubleVector r02 = d0.sub(d2), r12 = d1.add(d2), r22 = d2.sub(d1), r32 = d1.sub(d3);
        d0 = DoubleVector.fromArray(SD, src, q + c3);
        d1 = DoubleVector.fromArray(SD, src, q + ri + c3);
        d2 = DoubleVector.fromArray(SD, src, q + 2 * ri + c3);
        d3 = DoubleVector.fromArray(SD, src, q + 3 * ri + c3);
        DoubleVector r03 = d0.sub(d2), r13 = d1.add(d2), r23 = d2.sub(d1), r33 = d1.sub(d3);
        // (Bᵀ d) B: combine columns, per row i, into the packed layout (LD tiles never straddle a panel).
        int o = rowBase + (t / nr) * nr * kc + t % nr;
        r00.sub(r02).intoArray(v, o);
        r01.add(r02).intoArray(v, o + xs);
        r02.sub(r01).intoArray(v, o + 2 * xs);
        r01.sub(r03).intoArray(v, o + 3 * xs);
        r10.sub(r12).intoArray(v, o + 4 * xs);
        r11.add(r12).intoArray(v, o + 5 * xs);
        r12.sub(r11).intoArray(v, o + 6 * xs);
        r11.sub(r13).intoArray(v, o + 7 * xs);
        r20.sub(r22).intoArray(v, o + 8 * xs);
        r21.add(r22).intoArray(v, o + 9 * xs);
        r22.sub(r21).intoArray(v, o + 10 * xs);
        r21.sub(r23).intoArray(v, o + 11 * xs);
        r30.sub(r32).intoArray(v, o + 12 * xs);
        r31.add(r32).intoArray(v, o + 13 * xs);
        r32.sub(r31).intoArray(v, o + 14 * xs);
        r31.sub(r33).intoArray(v, o + 15 * xs);
      }
    }
  }

  /**
   * The vector twin of the scalar output transform: {@code Y = Aᵀ M A (+ bias)} for tiles
   * {@code [b0, b0 + nt)} from {@code m} (16 ξ-blocks of {@code outC × T}), {@code LD} tiles per
   * vector in registers. When the {@code LD} tiles lie in one tile row and wholly inside the plane,
   * each of their two output rows is written as two vectors, the tiles' left and right outputs
   * interleaved by a two-vector rearrange (a scalar scatter of 4 outputs per tile took as long as
   * the transform); other groups go through {@code g} and a scalar scatter that clips at the plane's
   * edge. Same operations in the same order as the scalar twin.
   *
   * @param m not modified
   * @param g scratch of at least {@code 4·LD}, modified
   * @param out the tiles' outputs overwritten
   */
  public static void outputTransform(int outC, int outH, int outW, int tilesW, int T, double[] m, int b0, int nt,
      double[] g, double[] out, int outOff, double[] bias, int bo) {
    int xs = outC * T;
    for (int o = 0; o < outC; o++) {
      int plane = outOff + o * outH * outW;
      DoubleVector bv = DoubleVector.broadcast(SD, bias == null ? 0.0 : bias[bo + o]);
      for (int t = 0; t < nt; t += LD) {
        int at = o * T + t;
        // Aᵀ M: two rows (p, q), per column j.
        DoubleVector m0 = DoubleVector.fromArray(SD, m, at);
        DoubleVector m1 = DoubleVector.fromArray(SD, m, at + 4 * xs);
        DoubleVector m2 = DoubleVector.fromArray(SD, m, at + 8 * xs);
        DoubleVector m3 = DoubleVector.fromArray(SD, m, at + 12 * xs);
        DoubleVector p0 = m0.add(m1).add(m2), q0 = m1.sub(m2).sub(m3);
        m0 = DoubleVector.fromArray(SD, m, at + xs);
        m1 = DoubleVector.fromArray(SD, m, at + 5 * xs);
        m2 = DoubleVector.fromArray(SD, m, at + 9 * xs);
        m3 = DoubleVector.fromArray(SD, m, at + 13 * xs);
        DoubleVector p1 = m0.add(m1).add(m2), q1 = m1.sub(m2).sub(m3);
        m0 = DoubleVector.fromArray(SD, m, at + 2 * xs);
        m1 = DoubleVector.fromArray(SD, m, at + 6 * xs);
        m2 = DoubleVector.fromArray(SD, m, at + 10 * xs);
        m3 = DoubleVector.fromArray(SD, m, at + 14 * xs);
        DoubleVector p2 = m0.add(m1).add(m2), q2 = m1.sub(m2).sub(m3);
        m0 = DoubleVector.fromArray(SD, m, at + 3 * xs);
        m1 = DoubleVector.fromArray(SD, m, at + 7 * xs);
        m2 = DoubleVector.fromArray(SD, m, at + 11 * xs);
        m3 = DoubleVector.fromArray(SD, m, at + 15 * xs);
        DoubleVector p3 = m0.add(m1).add(m2), q3 = m1.sub(m2).sub(m3);
        // (Aᵀ M) A + bias: the 2×2 outputs (y00, y01 / y10, y11) of LD tiles.
        DoubleVector y00 = p0.add(p1).add(p2).add(bv), y01 = p1.sub(p2).sub(p3).add(bv);
        DoubleVector y10 = q0.add(q1).add(q2).add(bv), y11 = q1.sub(q2).sub(q3).add(bv);
        int tile = b0 + t, y = 2 * (tile / tilesW), tx = tile % tilesW, x = 2 * tx;
        if (t + LD <= nt && tx + LD <= tilesW && 2 * (tx + LD) <= outW && y + 1 < outH) {
          int row = plane + y * outW + x;
          y00.rearrange(ZIP_LO_D, y01).intoArray(out, row);
          y00.rearrange(ZIP_HI_D, y01).intoArray(out, row + LD);
          y10.rearrange(ZIP_LO_D, y11).intoArray(out, row + outW);
          y10.rearrange(ZIP_HI_D, y11).intoArray(out, row + outW + LD);
          continue;
        }
        y00.intoArray(g, 0);
        y01.intoArray(g, LD);
        y10.intoArray(g, 2 * LD);
        y11.intoArray(g, 3 * LD);
        for (int l = 0; l < LD && t + l < nt; l++) {
          int tl = tile + l, yl = 2 * (tl / tilesW), xl = 2 * (tl % tilesW);
          for (int i = 0; i < 2 && yl + i < outH; i++) {
            int row = plane + (yl + i) * outW + xl;
            out[row] = g[2 * i * LD + l];
            if (xl + 1 < outW) {
              out[row + 1] = g[(2 * i + 1) * LD + l];
            }
          }
        }
      }
    }
  }

  /**
   * The weight gradient's input transform, {@code L} channels per vector: for tiles
   * {@code [t0, t0 + kc)} and every channel, {@code V = Bᵀ d B} of the tile's 4×4 patch into
   * {@code pb} in the packed-B layout of the GEMM kernel with the tiles as its depth: per ξ a block
   * at {@code ξ·bStride}, panels of {@code nr} channels, each {@code kc × nr} row-major (channel
   * {@code ci} of tile {@code k} at {@code (ci/nr)·nr·kc + k·nr + ci mod nr}). The source is the
   * example channels-last with a zero halo ({@code WinogradConv}'s {@code toChannelsLast}):
   * {@code xh[(r·sW + s)·cP + ci]} is the source at row {@code r − top}, column {@code s − left},
   * {@code cP} a multiple of {@code L} whose channels from {@code c} on are zero; channels from
   * {@code cP} to the panels' padded width {@code cPad} are written as zeros. Same operations in
   * the same order as the scalar twin ({@code Bᵀ d} by columns, then {@code ·B} by rows).
   *
   * @param xh not modified
   * @param pb modified
   */
  public static void weightInput(int cP, int cPad, int sW, int tilesW, int nr, int t0, int kc, float[] xh,
      float[] pb, int bStride) {
    int rs = sW * cP;
    FloatVector zero = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int tile = t0 + k, base = (2 * (tile / tilesW) * sW + 2 * (tile % tilesW)) * cP;
      for (int c0 = 0; c0 < cP; c0 += L) {
        int q = base + c0;
        // Bᵀ d: combine rows, per column j.
        FloatVector d0 = FloatVector.fromArray(S, xh, q);
        FloatVector d1 = FloatVector.fromArray(S, xh, q + rs);
        FloatVector d2 = FloatVector.fromArray(S, xh, q + 2 * rs);
        FloatVector d3 = FloatVector.fromArray(S, xh, q + 3 * rs);
        FloatVector r00 = d0.sub(d2), r10 = d1.add(d2), r20 = d2.sub(d1), r30 = d1.sub(d3);
        d0 = FloatVector.fromArray(S, xh, q + cP);
        d1 = FloatVector.fromArray(S, xh, q + rs + cP);
        d2 = FloatVector.fromArray(S, xh, q + 2 * rs + cP);
        d3 = FloatVector.fromArray(S, xh, q + 3 * rs + cP);
        FloatVector r01 = d0.sub(d2), r11 = d1.add(d2), r21 = d2.sub(d1), r31 = d1.sub(d3);
        d0 = FloatVector.fromArray(S, xh, q + 2 * cP);
        d1 = FloatVector.fromArray(S, xh, q + rs + 2 * cP);
        d2 = FloatVector.fromArray(S, xh, q + 2 * rs + 2 * cP);
        d3 = FloatVector.fromArray(S, xh, q + 3 * rs + 2 * cP);
        FloatVector r02 = d0.sub(d2), r12 = d1.add(d2), r22 = d2.sub(d1), r32 = d1.sub(d3);
        d0 = FloatVector.fromArray(S, xh, q + 3 * cP);
        d1 = FloatVector.fromArray(S, xh, q + rs + 3 * cP);
        d2 = FloatVector.fromArray(S, xh, q + 2 * rs + 3 * cP);
        d3 = FloatVector.fromArray(S, xh, q + 3 * rs + 3 * cP);
        FloatVector r03 = d0.sub(d2), r13 = d1.add(d2), r23 = d2.sub(d1), r33 = d1.sub(d3);
        // (Bᵀ d) B: combine columns, per row i, into the packed layout (L channels never straddle a panel).
        int o = (c0 / nr) * nr * kc + k * nr + c0 % nr;
        r00.sub(r02).intoArray(pb, o);
        r01.add(r02).intoArray(pb, o + bStride);
        r02.sub(r01).intoArray(pb, o + 2 * bStride);
        r01.sub(r03).intoArray(pb, o + 3 * bStride);
        r10.sub(r12).intoArray(pb, o + 4 * bStride);
        r11.add(r12).intoArray(pb, o + 5 * bStride);
        r12.sub(r11).intoArray(pb, o + 6 * bStride);
        r11.sub(r13).intoArray(pb, o + 7 * bStride);
        r20.sub(r22).intoArray(pb, o + 8 * bStride);
        r21.add(r22).intoArray(pb, o + 9 * bStride);
        r22.sub(r21).intoArray(pb, o + 10 * bStride);
        r21.sub(r23).intoArray(pb, o + 11 * bStride);
        r30.sub(r32).intoArray(pb, o + 12 * bStride);
        r31.add(r32).intoArray(pb, o + 13 * bStride);
        r32.sub(r31).intoArray(pb, o + 14 * bStride);
        r31.sub(r33).intoArray(pb, o + 15 * bStride);
      }
      for (int c0 = cP; c0 < cPad; c0 += L) {
        int o = (c0 / nr) * nr * kc + k * nr + c0 % nr;
        for (int xi = 0; xi < 16; xi++) {
          zero.intoArray(pb, o + xi * bStride);
        }
      }
    }
  }

  /**
   * The weight gradient's input transform, {@code LD} channels per vector: for tiles
   * {@code [t0, t0 + kc)} and every channel, {@code V = Bᵀ d B} of the tile's 4×4 patch into
   * {@code pb} in the packed-B layout of the GEMM kernel with the tiles as its depth: per ξ a block
   * at {@code ξ·bStride}, panels of {@code nr} channels, each {@code kc × nr} row-major (channel
   * {@code ci} of tile {@code k} at {@code (ci/nr)·nr·kc + k·nr + ci mod nr}). The source is the
   * example channels-last with a zero halo ({@code WinogradConv}'s {@code toChannelsLast}):
   * {@code xh[(r·sW + s)·cP + ci]} is the source at row {@code r − top}, column {@code s − left},
   * {@code cP} a multiple of {@code LD} whose channels from {@code c} on are zero; channels from
   * {@code cP} to the panels' padded width {@code cPad} are written as zeros. Same operations in
   * the same order as the scalar twin ({@code Bᵀ d} by columns, then {@code ·B} by rows).
   *
   * @param xh not modified
   * @param pb modified
   */
  public static void weightInput(int cP, int cPad, int sW, int tilesW, int nr, int t0, int kc, double[] xh,
      double[] pb, int bStride) {
    int rs = sW * cP;
    DoubleVector zero = DoubleVector.zero(SD);
    for (int k = 0; k < kc; k++) {
      int tile = t0 + k, base = (2 * (tile / tilesW) * sW + 2 * (tile % tilesW)) * cP;
      for (int c0 = 0; c0 < cP; c0 += LD) {
        int q = base + c0;
        // Bᵀ d: combine rows, per column j.
        DoubleVector d0 = DoubleVector.fromArray(SD, xh, q);
        DoubleVector d1 = DoubleVector.fromArray(SD, xh, q + rs);
        DoubleVector d2 = DoubleVector.fromArray(SD, xh, q + 2 * rs);
        DoubleVector d3 = DoubleVector.fromArray(SD, xh, q + 3 * rs);
        DoubleVector r00 = d0.sub(d2), r10 = d1.add(d2), r20 = d2.sub(d1), r30 = d1.sub(d3);
        d0 = DoubleVector.fromArray(SD, xh, q + cP);
        d1 = DoubleVector.fromArray(SD, xh, q + rs + cP);
        d2 = DoubleVector.fromArray(SD, xh, q + 2 * rs + cP);
        d3 = DoubleVector.fromArray(SD, xh, q + 3 * rs + cP);
        DoubleVector r01 = d0.sub(d2), r11 = d1.add(d2), r21 = d2.sub(d1), r31 = d1.sub(d3);
        d0 = DoubleVector.fromArray(SD, xh, q + 2 * cP);
        d1 = DoubleVector.fromArray(SD, xh, q + rs + 2 * cP);
        d2 = DoubleVector.fromArray(SD, xh, q + 2 * rs + 2 * cP);
        d3 = DoubleVector.fromArray(SD, xh, q + 3 * rs + 2 * cP);
        DoubleVector r02 = d0.sub(d2), r12 = d1.add(d2), r22 = d2.sub(d1), r32 = d1.sub(d3);
        d0 = DoubleVector.fromArray(SD, xh, q + 3 * cP);
        d1 = DoubleVector.fromArray(SD, xh, q + rs + 3 * cP);
        d2 = DoubleVector.fromArray(SD, xh, q + 2 * rs + 3 * cP);
        d3 = DoubleVector.fromArray(SD, xh, q + 3 * rs + 3 * cP);
        DoubleVector r03 = d0.sub(d2), r13 = d1.add(d2), r23 = d2.sub(d1), r33 = d1.sub(d3);
        // (Bᵀ d) B: combine columns, per row i, into the packed layout (L channels never straddle a panel).
        int o = (c0 / nr) * nr * kc + k * nr + c0 % nr;
        r00.sub(r02).intoArray(pb, o);
        r01.add(r02).intoArray(pb, o + bStride);
        r02.sub(r01).intoArray(pb, o + 2 * bStride);
        r01.sub(r03).intoArray(pb, o + 3 * bStride);
        r10.sub(r12).intoArray(pb, o + 4 * bStride);
        r11.add(r12).intoArray(pb, o + 5 * bStride);
        r12.sub(r11).intoArray(pb, o + 6 * bStride);
        r11.sub(r13).intoArray(pb, o + 7 * bStride);
        r20.sub(r22).intoArray(pb, o + 8 * bStride);
        r21.add(r22).intoArray(pb, o + 9 * bStride);
        r22.sub(r21).intoArray(pb, o + 10 * bStride);
        r21.sub(r23).intoArray(pb, o + 11 * bStride);
        r30.sub(r32).intoArray(pb, o + 12 * bStride);
        r31.add(r32).intoArray(pb, o + 13 * bStride);
        r32.sub(r31).intoArray(pb, o + 14 * bStride);
        r31.sub(r33).intoArray(pb, o + 15 * bStride);
      }
      for (int c0 = cP; c0 < cPad; c0 += LD) {
        int o = (c0 / nr) * nr * kc + k * nr + c0 % nr;
        for (int xi = 0; xi < 16; xi++) {
          zero.intoArray(pb, o + xi * bStride);
        }
      }
    }
  }

  /**
   * The weight gradient's output-gradient transform, {@code Z = A dy Aᵀ} of tiles {@code [t0, t0 + kc)},
   * straight into the GEMM kernel's packed-A layout {@code pa} (per ξ a block at {@code ξ·aStride}
   * of 3-row panels, each {@code kc × 3}: channel {@code o} of tile {@code k} at
   * {@code (o/3)·3·kc + k·3 + o mod 3}; rows from {@code oc} to {@code mPad} zero) from
   * {@code dy[dyOff:] (oc, oh, ow)}. Per panel, {@code L} tiles that lie in one tile row and wholly
   * inside the plane run as vectors: their 2×2 values split from two loads per row, the 16 values
   * per channel into {@code g}, then each ξ's three channels interleaved by rearranges into three
   * contiguous vectors of the panel (one scalar store per value took 4× as many instructions);
   * other tiles run one at a time. Same operations in the same order as the scalar twin
   * ({@code WinogradConv.weightOutput}): rows {@code (a, b), (a + c, b + d), (a − c, b − d),
   * (−c, −d)} of {@code A dy}, then per row {@code (r0, r0 + r1, r0 − r1, −r1)}.
   *
   * @param dy not modified
   * @param g scratch of at least {@code 48·L}, modified
   * @param pa modified
   */
  public static void weightOutput(int oc, int mPad, int oh, int ow, int tilesW, int t0, int kc, float[] dy, int dyOff,
      float[] g, float[] pa, int aStride) {
    for (int o0 = 0; o0 < mPad; o0 += 3) {
      for (int k = 0, base = o0 * kc; k < kc; ) {
        int tile = t0 + k, ty = tile / tilesW, tx = tile % tilesW, y = 2 * ty, x = 2 * tx;
        if (k + L <= kc && tx + L <= tilesW && 2 * (tx + L) <= ow && y + 1 < oh) {
          for (int r = 0; r < 3; r++) {
            int gr = r * L;
            if (o0 + r >= oc) {
              for (int xi = 0; xi < 16; xi++) {
                FloatVector.zero(S).intoArray(g, xi * 3 * L + gr);
              }
              continue;
            }
            int row = dyOff + ((o0 + r) * oh + y) * ow + x;
            FloatVector u = FloatVector.fromArray(S, dy, row), w = FloatVector.fromArray(S, dy, row + L);
            FloatVector a = u.rearrange(EVEN, w), b = u.rearrange(ODD, w);
            u = FloatVector.fromArray(S, dy, row + ow);
            w = FloatVector.fromArray(S, dy, row + ow + L);
            FloatVector c = u.rearrange(EVEN, w), d = u.rearrange(ODD, w);
            FloatVector r10 = a.add(c), r11 = b.add(d), r20 = a.sub(c), r21 = b.sub(d), r30 = c.neg(), r31 = d.neg();
            int st = 3 * L;
            a.intoArray(g, gr);
            a.add(b).intoArray(g, gr + st);
            a.sub(b).intoArray(g, gr + 2 * st);
            b.neg().intoArray(g, gr + 3 * st);
            r10.intoArray(g, gr + 4 * st);
            r10.add(r11).intoArray(g, gr + 5 * st);
            r10.sub(r11).intoArray(g, gr + 6 * st);
            r11.neg().intoArray(g, gr + 7 * st);
            r20.intoArray(g, gr + 8 * st);
            r20.add(r21).intoArray(g, gr + 9 * st);
            r20.sub(r21).intoArray(g, gr + 10 * st);
            r21.neg().intoArray(g, gr + 11 * st);
            r30.intoArray(g, gr + 12 * st);
            r30.add(r31).intoArray(g, gr + 13 * st);
            r30.sub(r31).intoArray(g, gr + 14 * st);
            r31.neg().intoArray(g, gr + 15 * st);
          }
          for (int xi = 0, at = base + 3 * k; xi < 16; xi++, at += aStride) {
            FloatVector p0 = FloatVector.fromArray(S, g, 3 * L * xi);
            FloatVector p1 = FloatVector.fromArray(S, g, 3 * L * xi + L);
            FloatVector p2 = FloatVector.fromArray(S, g, 3 * L * xi + 2 * L);
            p0.rearrange(I3_AB0, p1).blend(p2.rearrange(I3_C0), I3_M0).intoArray(pa, at);
            p0.rearrange(I3_AB1, p1).blend(p2.rearrange(I3_C1), I3_M1).intoArray(pa, at + L);
            p0.rearrange(I3_AB2, p1).blend(p2.rearrange(I3_C2), I3_M2).intoArray(pa, at + 2 * L);
          }
          k += L;
          continue;
        }
        for (int r = 0; r < 3; r++) {
          float a = 0f, b = 0f, c = 0f, d = 0f;
          if (o0 + r < oc) {
            int row = dyOff + ((o0 + r) * oh + y) * ow + x;
            boolean right = x + 1 < ow, down = y + 1 < oh;
            a = dy[row];
            b = right ? dy[row + 1] : 0f;
            c = down ? dy[row + ow] : 0f;
            d = right && down ? dy[row + ow + 1] : 0f;
          }
          float r10 = a + c, r11 = b + d, r20 = a - c, r21 = b - d, r30 = -c, r31 = -d;
          int at = base + 3 * k + r;
          pa[at] = a;
          pa[at + aStride] = a + b;
          pa[at + 2 * aStride] = a - b;
          pa[at + 3 * aStride] = -b;
          pa[at + 4 * aStride] = r10;
          pa[at + 5 * aStride] = r10 + r11;
          pa[at + 6 * aStride] = r10 - r11;
          pa[at + 7 * aStride] = -r11;
          pa[at + 8 * aStride] = r20;
          pa[at + 9 * aStride] = r20 + r21;
          pa[at + 10 * aStride] = r20 - r21;
          pa[at + 11 * aStride] = -r21;
          pa[at + 12 * aStride] = r30;
          pa[at + 13 * aStride] = r30 + r31;
          pa[at + 14 * aStride] = r30 - r31;
          pa[at + 15 * aStride] = -r31;
        }
        k++;
      }
    }
  }

  /** {@link #weightOutput(int, int, int, int, int, int, int, float[], int, float[], float[], int)} in float64. */
  public static void weightOutput(int oc, int mPad, int oh, int ow, int tilesW, int t0, int kc, double[] dy, int dyOff,
      double[] g, double[] pa, int aStride) {
    for (int o0 = 0; o0 < mPad; o0 += 3) {
      for (int k = 0, base = o0 * kc; k < kc; ) {
        int tile = t0 + k, ty = tile / tilesW, tx = tile % tilesW, y = 2 * ty, x = 2 * tx;
        if (k + LD <= kc && tx + LD <= tilesW && 2 * (tx + LD) <= ow && y + 1 < oh) {
          for (int r = 0; r < 3; r++) {
            int gr = r * LD;
            if (o0 + r >= oc) {
              for (int xi = 0; xi < 16; xi++) {
                DoubleVector.zero(SD).intoArray(g, xi * 3 * LD + gr);
              }
              continue;
            }
            int row = dyOff + ((o0 + r) * oh + y) * ow + x;
            DoubleVector u = DoubleVector.fromArray(SD, dy, row), w = DoubleVector.fromArray(SD, dy, row + LD);
            DoubleVector a = u.rearrange(EVEN_D, w), b = u.rearrange(ODD_D, w);
            u = DoubleVector.fromArray(SD, dy, row + ow);
            w = DoubleVector.fromArray(SD, dy, row + ow + LD);
            DoubleVector c = u.rearrange(EVEN_D, w), d = u.rearrange(ODD_D, w);
            DoubleVector r10 = a.add(c), r11 = b.add(d), r20 = a.sub(c), r21 = b.sub(d), r30 = c.neg(), r31 = d.neg();
            int st = 3 * LD;
            a.intoArray(g, gr);
            a.add(b).intoArray(g, gr + st);
            a.sub(b).intoArray(g, gr + 2 * st);
            b.neg().intoArray(g, gr + 3 * st);
            r10.intoArray(g, gr + 4 * st);
            r10.add(r11).intoArray(g, gr + 5 * st);
            r10.sub(r11).intoArray(g, gr + 6 * st);
            r11.neg().intoArray(g, gr + 7 * st);
            r20.intoArray(g, gr + 8 * st);
            r20.add(r21).intoArray(g, gr + 9 * st);
            r20.sub(r21).intoArray(g, gr + 10 * st);
            r21.neg().intoArray(g, gr + 11 * st);
            r30.intoArray(g, gr + 12 * st);
            r30.add(r31).intoArray(g, gr + 13 * st);
            r30.sub(r31).intoArray(g, gr + 14 * st);
            r31.neg().intoArray(g, gr + 15 * st);
          }
          for (int xi = 0, at = base + 3 * k; xi < 16; xi++, at += aStride) {
            DoubleVector p0 = DoubleVector.fromArray(SD, g, 3 * LD * xi);
            DoubleVector p1 = DoubleVector.fromArray(SD, g, 3 * LD * xi + LD);
            DoubleVector p2 = DoubleVector.fromArray(SD, g, 3 * LD * xi + 2 * LD);
            p0.rearrange(I3_AB0_D, p1).blend(p2.rearrange(I3_C0_D), I3_M0_D).intoArray(pa, at);
            p0.rearrange(I3_AB1_D, p1).blend(p2.rearrange(I3_C1_D), I3_M1_D).intoArray(pa, at + LD);
            p0.rearrange(I3_AB2_D, p1).blend(p2.rearrange(I3_C2_D), I3_M2_D).intoArray(pa, at + 2 * LD);
          }
          k += LD;
          continue;
        }
        for (int r = 0; r < 3; r++) {
          double a = 0.0, b = 0.0, c = 0.0, d = 0.0;
          if (o0 + r < oc) {
            int row = dyOff + ((o0 + r) * oh + y) * ow + x;
            boolean right = x + 1 < ow, down = y + 1 < oh;
            a = dy[row];
            b = right ? dy[row + 1] : 0.0;
            c = down ? dy[row + ow] : 0.0;
            d = right && down ? dy[row + ow + 1] : 0.0;
          }
          double r10 = a + c, r11 = b + d, r20 = a - c, r21 = b - d, r30 = -c, r31 = -d;
          int at = base + 3 * k + r;
          pa[at] = a;
          pa[at + aStride] = a + b;
          pa[at + 2 * aStride] = a - b;
          pa[at + 3 * aStride] = -b;
          pa[at + 4 * aStride] = r10;
          pa[at + 5 * aStride] = r10 + r11;
          pa[at + 6 * aStride] = r10 - r11;
          pa[at + 7 * aStride] = -r11;
          pa[at + 8 * aStride] = r20;
          pa[at + 9 * aStride] = r20 + r21;
          pa[at + 10 * aStride] = r20 - r21;
          pa[at + 11 * aStride] = -r21;
          pa[at + 12 * aStride] = r30;
          pa[at + 13 * aStride] = r30 + r31;
          pa[at + 14 * aStride] = r30 - r31;
          pa[at + 15 * aStride] = -r31;
        }
        k++;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // F(4×4, 3×3): 6×6 input tiles, 36 positions.

  /**
   * Splits {@code 4·n} consecutive elements into their four phases: {@code dst[o_p + k] = src[s + 4k + p]}
   * for {@code k < n} and {@code p = 0..3}. Four loads, eight two-vector rearranges (two rounds of
   * even/odd) and four stores per {@code L} quadruples; a plain copy, so the same values as the
   * scalar loop.
   *
   * @param src not modified
   * @param dst modified
   */
  public static void deinterleave4(float[] src, int s, int n, float[] dst, int o0, int o1, int o2, int o3) {
    int k = 0;
    for (; k <= n - L; k += L) {
      int at = s + 4 * k;
      FloatVector a = FloatVector.fromArray(S, src, at);
      FloatVector b = FloatVector.fromArray(S, src, at + L);
      FloatVector c = FloatVector.fromArray(S, src, at + 2 * L);
      FloatVector d = FloatVector.fromArray(S, src, at + 3 * L);
      FloatVector e1 = a.rearrange(EVEN, b), f1 = a.rearrange(ODD, b);
      FloatVector e2 = c.rearrange(EVEN, d), f2 = c.rearrange(ODD, d);
      e1.rearrange(EVEN, e2).intoArray(dst, o0 + k);
      f1.rearrange(EVEN, f2).intoArray(dst, o1 + k);
      e1.rearrange(ODD, e2).intoArray(dst, o2 + k);
      f1.rearrange(ODD, f2).intoArray(dst, o3 + k);
    }
    for (; k < n; k++) {
      dst[o0 + k] = src[s + 4 * k];
      dst[o1 + k] = src[s + 4 * k + 1];
      dst[o2 + k] = src[s + 4 * k + 2];
      dst[o3 + k] = src[s + 4 * k + 3];
    }
  }

  /**
   * The vector twin of the scalar F(4×4) input transform: {@code v} (36 ξ-blocks of {@code inC·T},
   * packed-B layout) = {@code Bᵀ d B} for tiles {@code [b0, b0 + nt)}, reading the source from
   * {@code h}, its zero-haloed column phases from tile row {@code ty0} on (see
   * {@code WinogradConv.split4}: {@code h[((ci·hRows + r)·4 + phase)·hW + k]} is the source at row
   * {@code 4·ty0 + r − top}, column {@code 4·k + phase − left}). {@code L} tiles per vector: when
   * they lie in one tile row, each of the 36 taps is one contiguous load from {@code h}; groups that
   * cross a tile row are first gathered into {@code g}. Two passes (columns, then rows) through
   * {@code g} from {@code 36·L} on. Same operations in the same order as the scalar twin.
   *
   * @param h not modified
   * @param g scratch of at least {@code 72·L}, modified
   * @param v modified
   */
  public static void inputTransform4(int inC, int hRows, int hW, int ty0, int tilesW, int nr, int T,
      float[] h, int b0, int nt, float[] g, float[] v) {
    int xs = inC * T, rs = 4 * hW, gi = 36 * L;
    FloatVector two = FloatVector.broadcast(S, 2f), mtwo = FloatVector.broadcast(S, -2f);
    FloatVector four = FloatVector.broadcast(S, 4f), mfour = FloatVector.broadcast(S, -4f);
    for (int ci = 0; ci < inC; ci++) {
      int pc = ci / KC * KC, kc = Math.min(KC, inC - pc), rowBase = pc * T + (ci - pc) * nr;
      int chan = ci * hRows * rs;
      for (int t = 0; t < nt; t += L) {
        int tile = b0 + t, ty = tile / tilesW, tx = tile % tilesW;
        float[] src = h;
        // Offset of tap (i, j): q + i·ri + (j mod 4)·cp + (j / 4)·c4.
        int q = chan + 4 * (ty - ty0) * rs + tx, ri = rs, cp = hW, c4 = 1;
        int k = tilesW - tx;
        if (k < L && k + tilesW >= L) {
          // The group crosses into the next tile row: lanes from k on come from its first tiles.
          VectorMask<Float> first = S.indexInRange(0, k);
          boolean next = t + k < nt;
          int qn = q + 4 * rs - tilesW;
          for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
              int off = i * rs + (j & 3) * hW + (j >> 2);
              FloatVector lo = FloatVector.fromArray(S, h, q + off);
              FloatVector hi = next ? FloatVector.fromArray(S, h, qn + off) : FloatVector.zero(S);
              hi.blend(lo, first).intoArray(g, (6 * i + j) * L);
            }
          }
          src = g;
          q = 0;
          ri = 6 * L;
          cp = L;
          c4 = 4 * L;
        } else if (k < L) {
          for (int l = 0; l < L; l++) {
            int tl = tile + l, at = chan + 4 * (tl / tilesW - ty0) * rs + tl % tilesW;
            boolean in = t + l < nt;
            for (int i = 0; i < 6; i++) {
              for (int j = 0; j < 6; j++) {
                g[(6 * i + j) * L + l] = in ? h[at + i * rs + (j & 3) * hW + (j >> 2)] : 0f;
              }
            }
          }
          src = g;
          q = 0;
          ri = 6 * L;
          cp = L;
          c4 = 4 * L;
        }
        // Bᵀ d: combine rows, per column j.
        for (int j = 0; j < 6; j++) {
          int cj = q + (j & 3) * cp + (j >> 2) * c4;
          FloatVector d0 = FloatVector.fromArray(S, src, cj);
          FloatVector d1 = FloatVector.fromArray(S, src, cj + ri);
          FloatVector d2 = FloatVector.fromArray(S, src, cj + 2 * ri);
          FloatVector d3 = FloatVector.fromArray(S, src, cj + 3 * ri);
          FloatVector d4 = FloatVector.fromArray(S, src, cj + 4 * ri);
          FloatVector d5 = FloatVector.fromArray(S, src, cj + 5 * ri);
          FloatVector s5 = d1.sub(d3), s6 = d4.sub(d2);
          d0.sub(d2).fma(four, s6).intoArray(g, gi + j * L);
          d1.add(d2).fma(mfour, d3.add(d4)).intoArray(g, gi + (6 + j) * L);
          d1.sub(d2).fma(four, d4.sub(d3)).intoArray(g, gi + (12 + j) * L);
          s5.fma(mtwo, s6).intoArray(g, gi + (18 + j) * L);
          s5.fma(two, s6).intoArray(g, gi + (24 + j) * L);
          s5.fma(four, d5.sub(d3)).intoArray(g, gi + (30 + j) * L);
        }
        // (Bᵀ d) B: combine columns, per row i, into the packed layout (L tiles never straddle a panel).
        int o = rowBase + (t / nr) * nr * kc + t % nr;
        for (int i = 0; i < 6; i++) {
          int ri6 = gi + 6 * i * L, vo = o + 6 * i * xs;
          FloatVector d0 = FloatVector.fromArray(S, g, ri6);
          FloatVector d1 = FloatVector.fromArray(S, g, ri6 + L);
          FloatVector d2 = FloatVector.fromArray(S, g, ri6 + 2 * L);
          FloatVector d3 = FloatVector.fromArray(S, g, ri6 + 3 * L);
          FloatVector d4 = FloatVector.fromArray(S, g, ri6 + 4 * L);
          FloatVector d5 = FloatVector.fromArray(S, g, ri6 + 5 * L);
          FloatVector s5 = d1.sub(d3), s6 = d4.sub(d2);
          d0.sub(d2).fma(four, s6).intoArray(v, vo);
          d1.add(d2).fma(mfour, d3.add(d4)).intoArray(v, vo + xs);
          d1.sub(d2).fma(four, d4.sub(d3)).intoArray(v, vo + 2 * xs);
          s5.fma(mtwo, s6).intoArray(v, vo + 3 * xs);
          s5.fma(two, s6).intoArray(v, vo + 4 * xs);
          s5.fma(four, d5.sub(d3)).intoArray(v, vo + 5 * xs);
        }
      }
    }
  }

  /**
   * The vector twin of the scalar F(4×4) output transform: {@code Y = Aᵀ M A (+ bias)} for tiles
   * {@code [b0, b0 + nt)} from {@code m} (36 ξ-blocks of {@code outC × T}), {@code L} tiles per
   * vector, the column pass through {@code g}. When the {@code L} tiles lie in one tile row and
   * wholly inside the plane, each of their four output rows is written as four vectors, the tiles'
   * four outputs interleaved by two rounds of two-vector rearranges; other groups go through
   * {@code g} and a scalar scatter that clips at the plane's edge. Same operations in the same
   * order as the scalar twin.
   *
   * @param m not modified
   * @param g scratch of at least {@code 28·L}, modified
   * @param out the tiles' outputs overwritten
   */
  public static void outputTransform4(int outC, int outH, int outW, int tilesW, int T, float[] m, int b0, int nt,
      float[] g, float[] out, int outOff, float[] bias, int bo) {
    int xs = outC * T, gy = 24 * L;
    FloatVector two = FloatVector.broadcast(S, 2f), four = FloatVector.broadcast(S, 4f);
    FloatVector eight = FloatVector.broadcast(S, 8f);
    for (int o = 0; o < outC; o++) {
      int plane = outOff + o * outH * outW;
      FloatVector bv = FloatVector.broadcast(S, bias == null ? 0f : bias[bo + o]);
      for (int t = 0; t < nt; t += L) {
        int at = o * T + t;
        // Aᵀ M: four rows, per column j.
        for (int j = 0; j < 6; j++) {
          int mj = at + j * xs;
          FloatVector m0 = FloatVector.fromArray(S, m, mj);
          FloatVector m1 = FloatVector.fromArray(S, m, mj + 6 * xs);
          FloatVector m2 = FloatVector.fromArray(S, m, mj + 12 * xs);
          FloatVector m3 = FloatVector.fromArray(S, m, mj + 18 * xs);
          FloatVector m4 = FloatVector.fromArray(S, m, mj + 24 * xs);
          FloatVector m5 = FloatVector.fromArray(S, m, mj + 30 * xs);
          FloatVector a = m1.add(m2), b = m1.sub(m2), c = m3.add(m4), d = m3.sub(m4);
          m0.add(a).add(c).intoArray(g, j * L);
          d.fma(two, b).intoArray(g, (6 + j) * L);
          c.fma(four, a).intoArray(g, (12 + j) * L);
          d.fma(eight, b.add(m5)).intoArray(g, (18 + j) * L);
        }
        int tile = b0 + t, y = 4 * (tile / tilesW), tx = tile % tilesW, x = 4 * tx, k = tilesW - tx;
        boolean whole = t + L <= nt && tx + L <= tilesW && 4 * (tx + L) <= outW && y + 3 < outH;
        // A group that crosses into the next tile row, every tile whole inside the plane: the first
        // k tiles end row y's tiles, the others start row y + 4 (vectors of tiles split by masks).
        boolean cross = !whole && t + L <= nt && k < L && k + tilesW >= L && 4 * tilesW == outW && y + 7 < outH;
        // (Aᵀ M) A + bias: output row r of L tiles.
        for (int r = 0; r < 4; r++) {
          int sr = 6 * r * L;
          FloatVector s0 = FloatVector.fromArray(S, g, sr);
          FloatVector s1 = FloatVector.fromArray(S, g, sr + L);
          FloatVector s2 = FloatVector.fromArray(S, g, sr + 2 * L);
          FloatVector s3 = FloatVector.fromArray(S, g, sr + 3 * L);
          FloatVector s4 = FloatVector.fromArray(S, g, sr + 4 * L);
          FloatVector s5 = FloatVector.fromArray(S, g, sr + 5 * L);
          FloatVector a = s1.add(s2), b = s1.sub(s2), c = s3.add(s4), d = s3.sub(s4);
          FloatVector y0 = s0.add(a).add(c).add(bv), y1 = d.fma(two, b).add(bv);
          FloatVector y2 = c.fma(four, a).add(bv), y3 = d.fma(eight, b.add(s5)).add(bv);
          if (whole) {
            int row = plane + (y + r) * outW + x;
            FloatVector z0 = y0.rearrange(ZIP_LO, y2), z1 = y0.rearrange(ZIP_HI, y2);
            FloatVector w0 = y1.rearrange(ZIP_LO, y3), w1 = y1.rearrange(ZIP_HI, y3);
            z0.rearrange(ZIP_LO, w0).intoArray(out, row);
            z0.rearrange(ZIP_HI, w0).intoArray(out, row + L);
            z1.rearrange(ZIP_LO, w1).intoArray(out, row + 2 * L);
            z1.rearrange(ZIP_HI, w1).intoArray(out, row + 3 * L);
            continue;
          }
          if (cross) {
            // Vector v holds tiles v·L/4 … (v + 1)·L/4 − 1, four outputs each.
            int row = plane + (y + r) * outW + x, rowNext = plane + (y + 4 + r) * outW - 4 * k;
            FloatVector z0 = y0.rearrange(ZIP_LO, y2), z1 = y0.rearrange(ZIP_HI, y2);
            FloatVector w0 = y1.rearrange(ZIP_LO, y3), w1 = y1.rearrange(ZIP_HI, y3);
            FloatVector y0v = z0.rearrange(ZIP_LO, w0);
            int e0 = 0, cut0 = 4 * k - e0;
            if (cut0 >= L) {
              y0v.intoArray(out, row + e0);
            } else if (cut0 <= 0) {
              y0v.intoArray(out, rowNext + e0);
            } else {
              VectorMask<Float> m0 = S.indexInRange(0, cut0);
              y0v.intoArray(out, row + e0, m0);
              y0v.intoArray(out, rowNext + e0, m0.not());
            }
            FloatVector y1v = z0.rearrange(ZIP_HI, w0);
            int e1 = L, cut1 = 4 * k - e1;
            if (cut1 >= L) {
              y1v.intoArray(out, row + e1);
            } else if (cut1 <= 0) {
              y1v.intoArray(out, rowNext + e1);
            } else {
              VectorMask<Float> m1 = S.indexInRange(0, cut1);
              y1v.intoArray(out, row + e1, m1);
              y1v.intoArray(out, rowNext + e1, m1.not());
            }
            FloatVector y2v = z1.rearrange(ZIP_LO, w1);
            int e2 = 2 * L, cut2 = 4 * k - e2;
            if (cut2 >= L) {
              y2v.intoArray(out, row + e2);
            } else if (cut2 <= 0) {
              y2v.intoArray(out, rowNext + e2);
            } else {
              VectorMask<Float> m2 = S.indexInRange(0, cut2);
              y2v.intoArray(out, row + e2, m2);
              y2v.intoArray(out, rowNext + e2, m2.not());
            }
            FloatVector y3v = z1.rearrange(ZIP_HI, w1);
            int e3 = 3 * L, cut3 = 4 * k - e3;
            if (cut3 >= L) {
              y3v.intoArray(out, row + e3);
            } else if (cut3 <= 0) {
              y3v.intoArray(out, rowNext + e3);
            } else {
              VectorMask<Float> m3 = S.indexInRange(0, cut3);
              y3v.intoArray(out, row + e3, m3);
              y3v.intoArray(out, rowNext + e3, m3.not());
            }
            continue;
          }
          y0.intoArray(g, gy);
          y1.intoArray(g, gy + L);
          y2.intoArray(g, gy + 2 * L);
          y3.intoArray(g, gy + 3 * L);
          for (int l = 0; l < L && t + l < nt; l++) {
            int tl = tile + l, yl = 4 * (tl / tilesW) + r, xl = 4 * (tl % tilesW);
            if (yl < outH) {
              int row = plane + yl * outW + xl;
              for (int c4 = 0; c4 < 4 && xl + c4 < outW; c4++) {
                out[row + c4] = g[gy + c4 * L + l];
              }
            }
          }
        }
      }
    }
  }


  /** {@link #deinterleave4(float[], int, int, float[], int, int, int, int)} in float64. */
  public static void deinterleave4(double[] src, int s, int n, double[] dst, int o0, int o1, int o2, int o3) {
    int k = 0;
    for (; k <= n - LD; k += LD) {
      int at = s + 4 * k;
      DoubleVector a = DoubleVector.fromArray(SD, src, at);
      DoubleVector b = DoubleVector.fromArray(SD, src, at + LD);
      DoubleVector c = DoubleVector.fromArray(SD, src, at + 2 * LD);
      DoubleVector d = DoubleVector.fromArray(SD, src, at + 3 * LD);
      DoubleVector e1 = a.rearrange(EVEN_D, b), f1 = a.rearrange(ODD_D, b);
      DoubleVector e2 = c.rearrange(EVEN_D, d), f2 = c.rearrange(ODD_D, d);
      e1.rearrange(EVEN_D, e2).intoArray(dst, o0 + k);
      f1.rearrange(EVEN_D, f2).intoArray(dst, o1 + k);
      e1.rearrange(ODD_D, e2).intoArray(dst, o2 + k);
      f1.rearrange(ODD_D, f2).intoArray(dst, o3 + k);
    }
    for (; k < n; k++) {
      dst[o0 + k] = src[s + 4 * k];
      dst[o1 + k] = src[s + 4 * k + 1];
      dst[o2 + k] = src[s + 4 * k + 2];
      dst[o3 + k] = src[s + 4 * k + 3];
    }
  }


  /** {@link #inputTransform4(int, int, int, int, int, int, int, float[], int, int, float[], float[])} in float64. */
  public static void inputTransform4(int inC, int hRows, int hW, int ty0, int tilesW, int nr, int T,
      double[] h, int b0, int nt, double[] g, double[] v) {
    int xs = inC * T, rs = 4 * hW, gi = 36 * LD;
    DoubleVector two = DoubleVector.broadcast(SD, 2.0), mtwo = DoubleVector.broadcast(SD, -2.0);
    DoubleVector four = DoubleVector.broadcast(SD, 4.0), mfour = DoubleVector.broadcast(SD, -4.0);
    for (int ci = 0; ci < inC; ci++) {
      int pc = ci / KC * KC, kc = Math.min(KC, inC - pc), rowBase = pc * T + (ci - pc) * nr;
      int chan = ci * hRows * rs;
      for (int t = 0; t < nt; t += LD) {
        int tile = b0 + t, ty = tile / tilesW, tx = tile % tilesW;
        double[] src = h;
        // Offset of tap (i, j): q + i·ri + (j mod 4)·cp + (j / 4)·c4.
        int q = chan + 4 * (ty - ty0) * rs + tx, ri = rs, cp = hW, c4 = 1;
        int k = tilesW - tx;
        if (k < LD && k + tilesW >= LD) {
          // The group crosses into the next tile row: lanes from k on come from its first tiles.
          VectorMask<Double> first = SD.indexInRange(0, k);
          boolean next = t + k < nt;
          int qn = q + 4 * rs - tilesW;
          for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
              int off = i * rs + (j & 3) * hW + (j >> 2);
              DoubleVector lo = DoubleVector.fromArray(SD, h, q + off);
              DoubleVector hi = next ? DoubleVector.fromArray(SD, h, qn + off) : DoubleVector.zero(SD);
              hi.blend(lo, first).intoArray(g, (6 * i + j) * LD);
            }
          }
          src = g;
          q = 0;
          ri = 6 * LD;
          cp = LD;
          c4 = 4 * LD;
        } else if (k < LD) {
          for (int l = 0; l < LD; l++) {
            int tl = tile + l, at = chan + 4 * (tl / tilesW - ty0) * rs + tl % tilesW;
            boolean in = t + l < nt;
            for (int i = 0; i < 6; i++) {
              for (int j = 0; j < 6; j++) {
                g[(6 * i + j) * LD + l] = in ? h[at + i * rs + (j & 3) * hW + (j >> 2)] : 0.0;
              }
            }
          }
          src = g;
          q = 0;
          ri = 6 * LD;
          cp = LD;
          c4 = 4 * LD;
        }
        // Bᵀ d: combine rows, per column j.
        for (int j = 0; j < 6; j++) {
          int cj = q + (j & 3) * cp + (j >> 2) * c4;
          DoubleVector d0 = DoubleVector.fromArray(SD, src, cj);
          DoubleVector d1 = DoubleVector.fromArray(SD, src, cj + ri);
          DoubleVector d2 = DoubleVector.fromArray(SD, src, cj + 2 * ri);
          DoubleVector d3 = DoubleVector.fromArray(SD, src, cj + 3 * ri);
          DoubleVector d4 = DoubleVector.fromArray(SD, src, cj + 4 * ri);
          DoubleVector d5 = DoubleVector.fromArray(SD, src, cj + 5 * ri);
          DoubleVector s5 = d1.sub(d3), s6 = d4.sub(d2);
          d0.sub(d2).fma(four, s6).intoArray(g, gi + j * LD);
          d1.add(d2).fma(mfour, d3.add(d4)).intoArray(g, gi + (6 + j) * LD);
          d1.sub(d2).fma(four, d4.sub(d3)).intoArray(g, gi + (12 + j) * LD);
          s5.fma(mtwo, s6).intoArray(g, gi + (18 + j) * LD);
          s5.fma(two, s6).intoArray(g, gi + (24 + j) * LD);
          s5.fma(four, d5.sub(d3)).intoArray(g, gi + (30 + j) * LD);
        }
        // (Bᵀ d) B: combine columns, per row i, into the packed layout (LD tiles never straddle a panel).
        int o = rowBase + (t / nr) * nr * kc + t % nr;
        for (int i = 0; i < 6; i++) {
          int ri6 = gi + 6 * i * LD, vo = o + 6 * i * xs;
          DoubleVector d0 = DoubleVector.fromArray(SD, g, ri6);
          DoubleVector d1 = DoubleVector.fromArray(SD, g, ri6 + LD);
          DoubleVector d2 = DoubleVector.fromArray(SD, g, ri6 + 2 * LD);
          DoubleVector d3 = DoubleVector.fromArray(SD, g, ri6 + 3 * LD);
          DoubleVector d4 = DoubleVector.fromArray(SD, g, ri6 + 4 * LD);
          DoubleVector d5 = DoubleVector.fromArray(SD, g, ri6 + 5 * LD);
          DoubleVector s5 = d1.sub(d3), s6 = d4.sub(d2);
          d0.sub(d2).fma(four, s6).intoArray(v, vo);
          d1.add(d2).fma(mfour, d3.add(d4)).intoArray(v, vo + xs);
          d1.sub(d2).fma(four, d4.sub(d3)).intoArray(v, vo + 2 * xs);
          s5.fma(mtwo, s6).intoArray(v, vo + 3 * xs);
          s5.fma(two, s6).intoArray(v, vo + 4 * xs);
          s5.fma(four, d5.sub(d3)).intoArray(v, vo + 5 * xs);
        }
      }
    }
  }


  /** {@link #outputTransform4(int, int, int, int, int, float[], int, int, float[], float[], int, float[], int)} in float64. */
  public static void outputTransform4(int outC, int outH, int outW, int tilesW, int T, double[] m, int b0, int nt,
      double[] g, double[] out, int outOff, double[] bias, int bo) {
    int xs = outC * T, gy = 24 * LD;
    DoubleVector two = DoubleVector.broadcast(SD, 2.0), four = DoubleVector.broadcast(SD, 4.0);
    DoubleVector eight = DoubleVector.broadcast(SD, 8.0);
    for (int o = 0; o < outC; o++) {
      int plane = outOff + o * outH * outW;
      DoubleVector bv = DoubleVector.broadcast(SD, bias == null ? 0.0 : bias[bo + o]);
      for (int t = 0; t < nt; t += LD) {
        int at = o * T + t;
        // Aᵀ M: four rows, per column j.
        for (int j = 0; j < 6; j++) {
          int mj = at + j * xs;
          DoubleVector m0 = DoubleVector.fromArray(SD, m, mj);
          DoubleVector m1 = DoubleVector.fromArray(SD, m, mj + 6 * xs);
          DoubleVector m2 = DoubleVector.fromArray(SD, m, mj + 12 * xs);
          DoubleVector m3 = DoubleVector.fromArray(SD, m, mj + 18 * xs);
          DoubleVector m4 = DoubleVector.fromArray(SD, m, mj + 24 * xs);
          DoubleVector m5 = DoubleVector.fromArray(SD, m, mj + 30 * xs);
          DoubleVector a = m1.add(m2), b = m1.sub(m2), c = m3.add(m4), d = m3.sub(m4);
          m0.add(a).add(c).intoArray(g, j * LD);
          d.fma(two, b).intoArray(g, (6 + j) * LD);
          c.fma(four, a).intoArray(g, (12 + j) * LD);
          d.fma(eight, b.add(m5)).intoArray(g, (18 + j) * LD);
        }
        int tile = b0 + t, y = 4 * (tile / tilesW), tx = tile % tilesW, x = 4 * tx, k = tilesW - tx;
        boolean whole = t + LD <= nt && tx + LD <= tilesW && 4 * (tx + LD) <= outW && y + 3 < outH;
        // A group that crosses into the next tile row, every tile whole inside the plane: the first
        // k tiles end row y's tiles, the others start row y + 4 (vectors of tiles split by masks).
        boolean cross = !whole && t + LD <= nt && k < LD && k + tilesW >= LD && 4 * tilesW == outW && y + 7 < outH;
        // (Aᵀ M) A + bias: output row r of LD tiles.
        for (int r = 0; r < 4; r++) {
          int sr = 6 * r * LD;
          DoubleVector s0 = DoubleVector.fromArray(SD, g, sr);
          DoubleVector s1 = DoubleVector.fromArray(SD, g, sr + LD);
          DoubleVector s2 = DoubleVector.fromArray(SD, g, sr + 2 * LD);
          DoubleVector s3 = DoubleVector.fromArray(SD, g, sr + 3 * LD);
          DoubleVector s4 = DoubleVector.fromArray(SD, g, sr + 4 * LD);
          DoubleVector s5 = DoubleVector.fromArray(SD, g, sr + 5 * LD);
          DoubleVector a = s1.add(s2), b = s1.sub(s2), c = s3.add(s4), d = s3.sub(s4);
          DoubleVector y0 = s0.add(a).add(c).add(bv), y1 = d.fma(two, b).add(bv);
          DoubleVector y2 = c.fma(four, a).add(bv), y3 = d.fma(eight, b.add(s5)).add(bv);
          if (whole) {
            int row = plane + (y + r) * outW + x;
            DoubleVector z0 = y0.rearrange(ZIP_LO_D, y2), z1 = y0.rearrange(ZIP_HI_D, y2);
            DoubleVector w0 = y1.rearrange(ZIP_LO_D, y3), w1 = y1.rearrange(ZIP_HI_D, y3);
            z0.rearrange(ZIP_LO_D, w0).intoArray(out, row);
            z0.rearrange(ZIP_HI_D, w0).intoArray(out, row + LD);
            z1.rearrange(ZIP_LO_D, w1).intoArray(out, row + 2 * LD);
            z1.rearrange(ZIP_HI_D, w1).intoArray(out, row + 3 * LD);
            continue;
          }
          if (cross) {
            // Vector v holds tiles v·LD/4 … (v + 1)·LD/4 − 1, four outputs each.
            int row = plane + (y + r) * outW + x, rowNext = plane + (y + 4 + r) * outW - 4 * k;
            DoubleVector z0 = y0.rearrange(ZIP_LO_D, y2), z1 = y0.rearrange(ZIP_HI_D, y2);
            DoubleVector w0 = y1.rearrange(ZIP_LO_D, y3), w1 = y1.rearrange(ZIP_HI_D, y3);
            DoubleVector y0v = z0.rearrange(ZIP_LO_D, w0);
            int e0 = 0, cut0 = 4 * k - e0;
            if (cut0 >= LD) {
              y0v.intoArray(out, row + e0);
            } else if (cut0 <= 0) {
              y0v.intoArray(out, rowNext + e0);
            } else {
              VectorMask<Double> m0 = SD.indexInRange(0, cut0);
              y0v.intoArray(out, row + e0, m0);
              y0v.intoArray(out, rowNext + e0, m0.not());
            }
            DoubleVector y1v = z0.rearrange(ZIP_HI_D, w0);
            int e1 = LD, cut1 = 4 * k - e1;
            if (cut1 >= LD) {
              y1v.intoArray(out, row + e1);
            } else if (cut1 <= 0) {
              y1v.intoArray(out, rowNext + e1);
            } else {
              VectorMask<Double> m1 = SD.indexInRange(0, cut1);
              y1v.intoArray(out, row + e1, m1);
              y1v.intoArray(out, rowNext + e1, m1.not());
            }
            DoubleVector y2v = z1.rearrange(ZIP_LO_D, w1);
            int e2 = 2 * LD, cut2 = 4 * k - e2;
            if (cut2 >= LD) {
              y2v.intoArray(out, row + e2);
            } else if (cut2 <= 0) {
              y2v.intoArray(out, rowNext + e2);
            } else {
              VectorMask<Double> m2 = SD.indexInRange(0, cut2);
              y2v.intoArray(out, row + e2, m2);
              y2v.intoArray(out, rowNext + e2, m2.not());
            }
            DoubleVector y3v = z1.rearrange(ZIP_HI_D, w1);
            int e3 = 3 * LD, cut3 = 4 * k - e3;
            if (cut3 >= LD) {
              y3v.intoArray(out, row + e3);
            } else if (cut3 <= 0) {
              y3v.intoArray(out, rowNext + e3);
            } else {
              VectorMask<Double> m3 = SD.indexInRange(0, cut3);
              y3v.intoArray(out, row + e3, m3);
              y3v.intoArray(out, rowNext + e3, m3.not());
            }
            continue;
          }
          y0.intoArray(g, gy);
          y1.intoArray(g, gy + LD);
          y2.intoArray(g, gy + 2 * LD);
          y3.intoArray(g, gy + 3 * LD);
          for (int l = 0; l < LD && t + l < nt; l++) {
            int tl = tile + l, yl = 4 * (tl / tilesW) + r, xl = 4 * (tl % tilesW);
            if (yl < outH) {
              int row = plane + yl * outW + xl;
              for (int c4 = 0; c4 < 4 && xl + c4 < outW; c4++) {
                out[row + c4] = g[gy + c4 * LD + l];
              }
            }
          }
        }
      }
    }
  }
}
