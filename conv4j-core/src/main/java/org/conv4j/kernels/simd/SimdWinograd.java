package org.conv4j.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The input and output transforms of the Winograd F(2×2, 3×3) convolution
 * ({@link org.conv4j.kernels.WinogradConv}) on the JDK Vector API, {@code L} tiles per vector (8
 * floats or 4 doubles with AVX2). The 16 products between them run on the GEMM micro-kernels
 * ({@link SimdSgemm#macroKernel}, {@link SimdDgemm#macroKernel}). Each method computes the same
 * adds and subtracts in the same order as its scalar twin, so the results have the same bits. The
 * tile block {@code T} must be a multiple of the GEMM panel width {@code nr}, itself a multiple of
 * {@code L}. Single-threaded; allocates nothing; all vector values stay inside single methods.
 */
public final class SimdWinograd {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> SD = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int LD = SD.length();
  /** Depth of a k-block of the GEMM kernels. */
  private static final int KC = SimdSgemm.KC;

  private SimdWinograd() {}

  /**
   * The vector twin of the scalar input transform: {@code v} (16 ξ-blocks of {@code inC·T}, packed-B
   * layout) = {@code Bᵀ d B} for tiles {@code [b0, b0 + nt)}, reading the source from {@code h},
   * its zero-haloed even and odd column planes from tile row {@code ty0} on (see
   * {@code WinogradConv.split}: {@code h[((ci·hRows + r)·2 + parity)·hW + k]} is the source at row
   * {@code 2·ty0 + r − top}, column {@code 2·k + parity − left}). Per channel the 4×4 patches are
   * first gathered tile-minor into {@code g} (16 rows of {@code T}), so the transform runs
   * {@code L} tiles per vector with contiguous loads and stores; same operations in the same order
   * as the scalar twin.
   *
   * @param h not modified
   * @param g scratch of {@code 16·T}, modified
   * @param v modified
   */
  public static void inputTransform(int inC, int hRows, int hW, int ty0, int tilesW, int nr, int T,
      float[] h, int b0, int nt, float[] g, float[] v) {
    int xs = inC * T;
    for (int ci = 0; ci < inC; ci++) {
      // Gather the block's patches tile-minor: a run of tiles in one tile row reads each of its
      // 16 (row, column) taps as one contiguous run of the even or odd column plane.
      for (int t = 0; t < nt; ) {
        int tile = b0 + t, ty = tile / tilesW, tx = tile % tilesW, run = Math.min(nt - t, tilesW - tx);
        for (int i = 0; i < 4; i++) {
          int rowE = ((ci * hRows + 2 * (ty - ty0) + i) * 2) * hW + tx;
          for (int j = 0; j < 4; j++) {
            int src = rowE + (j & 1) * hW + (j >> 1), dst = (4 * i + j) * T + t;
            int k = 0;
            for (; k <= run - L; k += L) {
              FloatVector.fromArray(S, h, src + k).intoArray(g, dst + k);
            }
            for (; k < run; k++) {
              g[dst + k] = h[src + k];
            }
          }
        }
        t += run;
      }
      int pc = ci / KC * KC, kc = Math.min(KC, inC - pc), rowBase = pc * T + (ci - pc) * nr;
      for (int t = 0; t < nt; t += L) {
        // Bᵀ d: combine rows, per column j (in place).
        for (int j = 0; j < 4; j++) {
          int q = j * T + t;
          FloatVector d0 = FloatVector.fromArray(S, g, q);
          FloatVector d1 = FloatVector.fromArray(S, g, q + 4 * T);
          FloatVector d2 = FloatVector.fromArray(S, g, q + 8 * T);
          FloatVector d3 = FloatVector.fromArray(S, g, q + 12 * T);
          d0.sub(d2).intoArray(g, q);
          d1.add(d2).intoArray(g, q + 4 * T);
          d2.sub(d1).intoArray(g, q + 8 * T);
          d1.sub(d3).intoArray(g, q + 12 * T);
        }
        // (Bᵀ d) B: combine columns, per row i, into the packed layout (L tiles never straddle a panel).
        int at = rowBase + (t / nr) * nr * kc + t % nr;
        for (int i = 0; i < 4; i++) {
          int q = 4 * i * T + t;
          FloatVector c0 = FloatVector.fromArray(S, g, q);
          FloatVector c1 = FloatVector.fromArray(S, g, q + T);
          FloatVector c2 = FloatVector.fromArray(S, g, q + 2 * T);
          FloatVector c3 = FloatVector.fromArray(S, g, q + 3 * T);
          int o = at + 4 * i * xs;
          c0.sub(c2).intoArray(v, o);
          c1.add(c2).intoArray(v, o + xs);
          c2.sub(c1).intoArray(v, o + 2 * xs);
          c1.sub(c3).intoArray(v, o + 3 * xs);
        }
      }
    }
  }

  /**
   * The vector twin of the scalar output transform: {@code Y = Aᵀ M A (+ bias)} for tiles
   * {@code [b0, b0 + nt)} from {@code m} (16 ξ-blocks of {@code outC × T}), computed {@code L} tiles
   * per vector into {@code g}, then scattered to the outputs inside the plane of {@code out[outOff:]
   * (outC, outH, outW)}. Same operations in the same order as the scalar twin.
   *
   * @param m not modified
   * @param g scratch of at least {@code 12·T}, modified
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
        // Aᵀ M: two rows, per column j.
        for (int j = 0; j < 4; j++) {
          FloatVector m0 = FloatVector.fromArray(S, m, at + j * xs);
          FloatVector m1 = FloatVector.fromArray(S, m, at + (4 + j) * xs);
          FloatVector m2 = FloatVector.fromArray(S, m, at + (8 + j) * xs);
          FloatVector m3 = FloatVector.fromArray(S, m, at + (12 + j) * xs);
          m0.add(m1).add(m2).intoArray(g, j * T + t);
          m1.sub(m2).sub(m3).intoArray(g, (4 + j) * T + t);
        }
        for (int i = 0; i < 2; i++) {
          int q = 4 * i * T + t;
          FloatVector s0 = FloatVector.fromArray(S, g, q);
          FloatVector s1 = FloatVector.fromArray(S, g, q + T);
          FloatVector s2 = FloatVector.fromArray(S, g, q + 2 * T);
          FloatVector s3 = FloatVector.fromArray(S, g, q + 3 * T);
          s0.add(s1).add(s2).add(bv).intoArray(g, (8 + 2 * i) * T + t);
          s1.sub(s2).sub(s3).add(bv).intoArray(g, (9 + 2 * i) * T + t);
        }
      }
      for (int t = 0; t < nt; t++) {
        int tile = b0 + t, y = 2 * (tile / tilesW), x = 2 * (tile % tilesW);
        if (y + 1 < outH && x + 1 < outW) {
          int row = plane + y * outW + x;
          out[row] = g[8 * T + t];
          out[row + 1] = g[9 * T + t];
          out[row + outW] = g[10 * T + t];
          out[row + outW + 1] = g[11 * T + t];
        } else {
          for (int i = 0; i < 2 && y + i < outH; i++) {
            int row = plane + (y + i) * outW + x;
            out[row] = g[(8 + 2 * i) * T + t];
            if (x + 1 < outW) {
              out[row + 1] = g[(9 + 2 * i) * T + t];
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
   * {@code 2·ty0 + r − top}, column {@code 2·k + parity − left}). Per channel the 4×4 patches are
   * first gathered tile-minor into {@code g} (16 rows of {@code T}), so the transform runs
   * {@code L} tiles per vector with contiguous loads and stores; same operations in the same order
   * as the scalar twin.
   *
   * @param h not modified
   * @param g scratch of {@code 16·T}, modified
   * @param v modified
   */
  public static void inputTransform(int inC, int hRows, int hW, int ty0, int tilesW, int nr, int T,
      double[] h, int b0, int nt, double[] g, double[] v) {
    int xs = inC * T;
    for (int ci = 0; ci < inC; ci++) {
      // Gather the block's patches tile-minor: a run of tiles in one tile row reads each of its
      // 16 (row, column) taps as one contiguous run of the even or odd column plane.
      for (int t = 0; t < nt; ) {
        int tile = b0 + t, ty = tile / tilesW, tx = tile % tilesW, run = Math.min(nt - t, tilesW - tx);
        for (int i = 0; i < 4; i++) {
          int rowE = ((ci * hRows + 2 * (ty - ty0) + i) * 2) * hW + tx;
          for (int j = 0; j < 4; j++) {
            int src = rowE + (j & 1) * hW + (j >> 1), dst = (4 * i + j) * T + t;
            int k = 0;
            for (; k <= run - LD; k += LD) {
              DoubleVector.fromArray(SD, h, src + k).intoArray(g, dst + k);
            }
            for (; k < run; k++) {
              g[dst + k] = h[src + k];
            }
          }
        }
        t += run;
      }
      int pc = ci / KC * KC, kc = Math.min(KC, inC - pc), rowBase = pc * T + (ci - pc) * nr;
      for (int t = 0; t < nt; t += LD) {
        // Bᵀ d: combine rows, per column j (in place).
        for (int j = 0; j < 4; j++) {
          int q = j * T + t;
          DoubleVector d0 = DoubleVector.fromArray(SD, g, q);
          DoubleVector d1 = DoubleVector.fromArray(SD, g, q + 4 * T);
          DoubleVector d2 = DoubleVector.fromArray(SD, g, q + 8 * T);
          DoubleVector d3 = DoubleVector.fromArray(SD, g, q + 12 * T);
          d0.sub(d2).intoArray(g, q);
          d1.add(d2).intoArray(g, q + 4 * T);
          d2.sub(d1).intoArray(g, q + 8 * T);
          d1.sub(d3).intoArray(g, q + 12 * T);
        }
        // (Bᵀ d) B: combine columns, per row i, into the packed layout (LD tiles never straddle a panel).
        int at = rowBase + (t / nr) * nr * kc + t % nr;
        for (int i = 0; i < 4; i++) {
          int q = 4 * i * T + t;
          DoubleVector c0 = DoubleVector.fromArray(SD, g, q);
          DoubleVector c1 = DoubleVector.fromArray(SD, g, q + T);
          DoubleVector c2 = DoubleVector.fromArray(SD, g, q + 2 * T);
          DoubleVector c3 = DoubleVector.fromArray(SD, g, q + 3 * T);
          int o = at + 4 * i * xs;
          c0.sub(c2).intoArray(v, o);
          c1.add(c2).intoArray(v, o + xs);
          c2.sub(c1).intoArray(v, o + 2 * xs);
          c1.sub(c3).intoArray(v, o + 3 * xs);
        }
      }
    }
  }

  /**
   * The vector twin of the scalar output transform: {@code Y = Aᵀ M A (+ bias)} for tiles
   * {@code [b0, b0 + nt)} from {@code m} (16 ξ-blocks of {@code outC × T}), computed {@code L} tiles
   * per vector into {@code g}, then scattered to the outputs inside the plane of {@code out[outOff:]
   * (outC, outH, outW)}. Same operations in the same order as the scalar twin.
   *
   * @param m not modified
   * @param g scratch of at least {@code 12·T}, modified
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
        // Aᵀ M: two rows, per column j.
        for (int j = 0; j < 4; j++) {
          DoubleVector m0 = DoubleVector.fromArray(SD, m, at + j * xs);
          DoubleVector m1 = DoubleVector.fromArray(SD, m, at + (4 + j) * xs);
          DoubleVector m2 = DoubleVector.fromArray(SD, m, at + (8 + j) * xs);
          DoubleVector m3 = DoubleVector.fromArray(SD, m, at + (12 + j) * xs);
          m0.add(m1).add(m2).intoArray(g, j * T + t);
          m1.sub(m2).sub(m3).intoArray(g, (4 + j) * T + t);
        }
        for (int i = 0; i < 2; i++) {
          int q = 4 * i * T + t;
          DoubleVector s0 = DoubleVector.fromArray(SD, g, q);
          DoubleVector s1 = DoubleVector.fromArray(SD, g, q + T);
          DoubleVector s2 = DoubleVector.fromArray(SD, g, q + 2 * T);
          DoubleVector s3 = DoubleVector.fromArray(SD, g, q + 3 * T);
          s0.add(s1).add(s2).add(bv).intoArray(g, (8 + 2 * i) * T + t);
          s1.sub(s2).sub(s3).add(bv).intoArray(g, (9 + 2 * i) * T + t);
        }
      }
      for (int t = 0; t < nt; t++) {
        int tile = b0 + t, y = 2 * (tile / tilesW), x = 2 * (tile % tilesW);
        if (y + 1 < outH && x + 1 < outW) {
          int row = plane + y * outW + x;
          out[row] = g[8 * T + t];
          out[row + 1] = g[9 * T + t];
          out[row + outW] = g[10 * T + t];
          out[row + outW + 1] = g[11 * T + t];
        } else {
          for (int i = 0; i < 2 && y + i < outH; i++) {
            int row = plane + (y + i) * outW + x;
            out[row] = g[(8 + 2 * i) * T + t];
            if (x + 1 < outW) {
              out[row + 1] = g[(9 + 2 * i) * T + t];
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
}
