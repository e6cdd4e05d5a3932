package org.conv4j.signal;

import org.conv4j.kernels.fft.FloatComplexFft;
import org.conv4j.kernels.fft.FloatOverlapAdd1d;
import org.conv4j.kernels.fft.FloatRealFftNd;
import org.conv4j.kernels.fft.FloatTileConv2d;

/**
 * The float32 twins of {@link Engine}'s FFT and overlap-add solvers: the same algorithms, transform
 * lengths and blocking, on float32 data with float32 transforms ({@link FloatRealFftNd},
 * {@link FloatOverlapAdd1d}), as SciPy runs its float32 FFTs in single precision (pocketfft
 * {@code float}). Twiddle factors are computed in double and rounded once. The error is that of a
 * float32 FFT, about {@code 1e-7·log2(F)} of the largest output; the tests state the tolerance.
 */
final class FloatEngine {
  private FloatEngine() {}

  /** The window through one real N-d FFT of each input. */
  static float[] fft(float[] a, int[] as, float[] b, int[] bs, int[] start, int[] len) {
    int rank = as.length;
    int[] f = Engine.fftLengths(as, bs, start, len);
    FloatRealFftNd plan = new FloatRealFftNd(f, 1);
    int[] fst = Boxes.strides(f, 1);
    float[] buf = new float[plan.realSize()];
    Boxes.copy(a, 0, Boxes.strides(as, 1), buf, 0, fst, as, false);
    float[] ar = new float[plan.spectrumSize()];
    float[] ai = new float[plan.spectrumSize()];
    forward(plan, buf, ar, ai, Engine.columns(as, fst));
    java.util.Arrays.fill(buf, 0);
    Boxes.copy(b, 0, Boxes.strides(bs, 1), buf, 0, fst, bs, false);
    float[] br = new float[plan.spectrumSize()];
    float[] bi = new float[plan.spectrumSize()];
    forward(plan, buf, br, bi, Engine.columns(bs, fst));
    float norm = 1.0f / plan.realSize();
    multiply(ar, ai, br, bi, 1, norm);
    inverse(plan, ar, ai, buf);
    float[] out = new float[Boxes.size(len)];
    int off = 0;
    for (int d = 0; d < rank; d++) {
      off += start[d] * fst[d];
    }
    Boxes.copy(buf, off, fst, out, 0, Boxes.strides(len, 1), len, false);
    return out;
  }

  /** {@code (xr, xi)[e·c + j] *= (kr, ki)[e]·norm} for every spectral index e and batch column j. */
  static void multiply(float[] xr, float[] xi, float[] kr, float[] ki, int batch, float norm) {
    int n = kr.length;
    if (batch == 1) {
      // One flat loop (the JIfloat vectorises it), not a one-iteration inner loop per element.
      Workers.run(n, 4096, (from, to) -> {
        for (int e = from; e < to; e++) {
          float wr = kr[e] * norm;
          float wi = ki[e] * norm;
          float r = xr[e];
          float i = xi[e];
          xr[e] = r * wr - i * wi;
          xi[e] = r * wi + i * wr;
        }
      });
      return;
    }
    Workers.run(n, 4096, (from, to) -> {
      for (int e = from; e < to; e++) {
        float wr = kr[e] * norm;
        float wi = ki[e] * norm;
        int o = e * batch;
        for (int j = 0; j < batch; j++) {
          float r = xr[o + j];
          float i = xi[o + j];
          xr[o + j] = r * wr - i * wi;
          xi[o + j] = r * wi + i * wr;
        }
      }
    });
  }

  /** Sequences per task below which an axis is not split between threads. */
  private static final int FFT_GRAIN = 8;

  static void forward(FloatRealFftNd plan, float[] x, float[] re, float[] im) {
    forward(plan, x, re, im, plan.sequences(0));
  }

  /**
   * The forward N-d transform; only the first {@code nonZeroColumns} columns of axis 0 are
   * transformed (the others are zero in {@code x}, and {@code re}/{@code im} must be zero there).
   */
  static void forward(FloatRealFftNd plan, float[] x, float[] re, float[] im, int nonZeroColumns) {
    Workers.run(nonZeroColumns, FFT_GRAIN,
        (from, to) -> plan.forwardReal(x, re, im, from, to, new FloatComplexFft.Workspace()));
    for (int d = 1; d < plan.rank(); d++) {
      int axis = d;
      Workers.run(plan.sequences(d), FFT_GRAIN,
          (from, to) -> plan.axis(axis, re, im, from, to, false, new FloatComplexFft.Workspace()));
    }
  }

  static void inverse(FloatRealFftNd plan, float[] re, float[] im, float[] x) {
    for (int d = plan.rank() - 1; d >= 1; d--) {
      int axis = d;
      Workers.run(plan.sequences(d), FFT_GRAIN,
          (from, to) -> plan.axis(axis, re, im, from, to, true, new FloatComplexFft.Workspace()));
    }
    Workers.run(plan.sequences(0), FFT_GRAIN,
        (from, to) -> plan.inverseReal(re, im, x, from, to, new FloatComplexFft.Workspace()));
  }

  // ------------------------------------------------------------------------------------------
  // Overlap-add

  /** The window by overlap-add; falls back to {@link #fft} when no axis gains from blocking. */
  static float[] overlapAdd(float[] a, int[] as, float[] b, int[] bs, int[] start, int[] len) {
    int rank = as.length;
    boolean aBig = true;
    boolean bBig = true;
    for (int d = 0; d < rank; d++) {
      aBig &= as[d] >= bs[d];
      bBig &= bs[d] >= as[d];
    }
    if (!aBig && !bBig) {
      return fft(a, as, b, bs, start, len);
    }
    float[] s = aBig ? a : b;
    int[] ss = aBig ? as : bs;
    float[] k = aBig ? b : a;
    int[] kss = aBig ? bs : as;
    if (rank == 2) {
      return overlapAdd2d(s, ss, k, kss, start, len);
    }
    int[] f = Engine.blockFftLengths(ss, kss);
    if (f == null) {
      return fft(a, as, b, bs, start, len);
    }
    if (rank == 1) {
      return overlapAdd1d(s, ss[0], k, kss[0], f[0], start[0], len[0]);
    }
    int[] blk = new int[rank];
    int[] nb = new int[rank];
    int blocks = 1;
    for (int d = 0; d < rank; d++) {
      blk[d] = Math.min(ss[d], f[d] - kss[d] + 1);
      nb[d] = (ss[d] + blk[d] - 1) / blk[d];
      blocks = Math.multiplyExact(blocks, nb[d]);
    }
    int fsize = Boxes.size(f);
    int group = Math.max(1, Math.min(blocks, SignalTuning.OA_GROUP_DOUBLES / fsize));
    // Kernel spectrum, once.
    FloatRealFftNd kplan = new FloatRealFftNd(f, 1);
    float[] kbuf = new float[kplan.realSize()];
    Boxes.copy(k, 0, Boxes.strides(kss, 1), kbuf, 0, Boxes.strides(f, 1), kss, false);
    float[] kr = new float[kplan.spectrumSize()];
    float[] ki = new float[kplan.spectrumSize()];
    forward(kplan, kbuf, kr, ki, Engine.columns(kss, Boxes.strides(f, 1)));
    float norm = 1.0f / fsize;

    float[] out = new float[Boxes.size(len)];
    int[] ost = Boxes.strides(len, 1);
    int[] sst = Boxes.strides(ss, 1);
    FloatRealFftNd plan = new FloatRealFftNd(f, group);
    float[] buf = new float[plan.realSize()];
    float[] xr = new float[plan.spectrumSize()];
    float[] xi = new float[plan.spectrumSize()];
    int[] bst = Boxes.strides(f, group);
    int[] dims = new int[rank];
    int[] bidx = new int[rank];
    int[] offsets = new int[2];
    for (int g0 = 0; g0 < blocks; g0 += group) {
      int gn = Math.min(group, blocks - g0);
      java.util.Arrays.fill(buf, 0);
      for (int c = 0; c < gn; c++) {
        Engine.blockIndex(g0 + c, nb, bidx);
        int so = 0;
        for (int d = 0; d < rank; d++) {
          int o = bidx[d] * blk[d];
          dims[d] = Math.min(blk[d], ss[d] - o);
          so += o * sst[d];
        }
        Boxes.copy(s, so, sst, buf, c, bst, dims, false);
      }
      forward(plan, buf, xr, xi);
      multiply(xr, xi, kr, ki, group, norm);
      inverse(plan, xr, xi, buf);
      for (int c = 0; c < gn; c++) {
        Engine.blockIndex(g0 + c, nb, bidx);
        if (Engine.blockWindow(bidx, blk, ss, kss, start, len, bst, ost, c, dims, offsets)) {
          Boxes.copy(buf, offsets[0], bst, out, offsets[1], ost, dims, true);
        }
      }
    }
    return out;
  }

  /**
   * Each thread's tile workspace, kept between calls (a few hundred KB per thread: allocating and
   * zeroing it on every call cost more than a tile's transposes).
   */
  private static final ThreadLocal<FloatTileConv2d.Workspace> TILE_WS = ThreadLocal.withInitial(FloatTileConv2d.Workspace::new);

  /**
   * 2-D overlap-add in tiles ({@link FloatTileConv2d}, tile lengths {@link Engine#tileLengths}):
   * the tiles, in row-major order, are split into one contiguous range per thread. A tile's result
   * has three parts: its first {@code K0 − 1} rows when it is not in the first tile row (the rows it
   * shares with the tile above) and its first {@code K1 − 1} columns of the other rows when it is
   * not in the first tile column go to buffers of its own; the rest, its interior, is added into
   * the window (the interiors of all tiles partition the window, so no two threads write the same
   * output). After all tiles, the buffers are added into the window one tile after another, in
   * tile order. Every output is then its interior value plus the other tiles' parts in tile order,
   * whatever the threads: the same bits for any thread count.
   */
  static float[] overlapAdd2d(float[] s, int[] ss, float[] k, int[] kss, int[] start, int[] len) {
    int[] f = Engine.tileLengths(ss, kss);
    FloatTileConv2d tc = new FloatTileConv2d(k, 0, kss[1], kss[0], kss[1], f[0], f[1], Engine.PARALLEL,
        TILE_WS::get);
    int blk0 = Math.min(ss[0], f[0] - kss[0] + 1);
    int blk1 = Math.min(ss[1], f[1] - kss[1] + 1);
    int nb0 = (ss[0] + blk0 - 1) / blk0;
    int nb1 = (ss[1] + blk1 - 1) / blk1;
    int tiles = Math.multiplyExact(nb0, nb1);
    int len0 = len[0];
    int len1 = len[1];
    int bt = kss[0] - 1;
    int bl = kss[1] - 1;
    float[] out = new float[Math.multiplyExact(len0, len1)];
    float[][] top = new float[tiles][];
    float[][] lft = new float[tiles][];
    int[][] geo = new int[tiles][];
    Workers.run(tiles, 1, (t0, t1) -> {
      FloatTileConv2d.Workspace ws = TILE_WS.get();
      float[][] dst = new float[f[0]][];
      int[] dOff = new int[f[0]];
      float[][] left = new float[f[0]][];
      int[] leftOff = new int[f[0]];
      for (int t = t0; t < t1; t++) {
        int[] g = Engine.tileGeometry(t, nb1, blk0, blk1, ss, kss, start, len);
        geo[t] = g;
        if (g == null) {
          continue;
        }
        int o0 = g[0];
        int o1 = g[1];
        int rows = g[4];
        float[] tb = g[0] > 0 && bt > 0 ? new float[bt * f[1]] : null;
        float[] lb = g[1] > 0 && bl > 0 ? new float[f[0] * bl] : null;
        top[t] = tb;
        lft[t] = lb;
        int cLo = g[5];
        int cHi = g[6];
        int cSplit = lb != null ? Math.min(cHi, Math.max(cLo, bl)) : cLo;
        for (int r = 0; r < f[0]; r++) {
          int w = o0 + r - start[0];
          if (r >= rows || w < 0 || w >= len0) {
            dst[r] = null;
            left[r] = null;
          } else if (tb != null && r < bt) {
            dst[r] = tb;
            dOff[r] = r * f[1];
            left[r] = tb;
            leftOff[r] = r * f[1];
          } else {
            dst[r] = out;
            dOff[r] = w * len1 + o1 - start[1];
            left[r] = lb;
            leftOff[r] = r * bl;
          }
        }
        tc.run(s, o0 * ss[1] + o1, ss[1], g[2], g[3], dst, dOff, left, leftOff, cLo, cSplit, cHi, ws);
      }
    });
    for (int t = 0; t < tiles; t++) {
      int[] g = geo[t];
      if (g == null) {
        continue;
      }
      int o0 = g[0];
      int o1 = g[1];
      int cLo = g[5];
      int cHi = g[6];
      float[] tb = top[t];
      float[] lb = lft[t];
      for (int r = 0; r < g[4]; r++) {
        int w = o0 + r - start[0];
        if (w < 0 || w >= len0) {
          continue;
        }
        int o = w * len1 + o1 - start[1];
        if (tb != null && r < bt) {
          for (int c = cLo; c < cHi; c++) {
            out[o + c] += tb[r * f[1] + c];
          }
        } else if (lb != null) {
          for (int c = cLo; c < Math.min(cHi, bl); c++) {
            out[o + c] += lb[r * bl + c];
          }
        }
      }
    }
    return out;
  }

  /**
   * 1-D overlap-add with the blocks split into one contiguous range per thread, each added straight
   * into the window: all but each range's last block first, the last blocks after a barrier. At most
   * two blocks overlap a sample, so the sums are the same for any thread count.
   */
  private static float[] overlapAdd1d(float[] s, int n, float[] k, int kl, int f, int start, int len) {
    FloatOverlapAdd1d oa = new FloatOverlapAdd1d(k, 0, kl, f);
    int blk = oa.block();
    int blocks = (n + blk - 1) / blk;
    int parts = Math.max(1, Math.min(Workers.threads(), blocks / 4));
    float[] out = new float[len];
    // Each thread adds its blocks straight into the window, all but its last block first; the last
    // blocks (which overlap the next thread's first block) after a barrier. At most two blocks
    // overlap a sample, and a + b == b + a, so the bits do not depend on the thread count.
    for (int phase = 0; phase < 2; phase++) {
      boolean last = phase == 1;
      Workers.run(parts, 1, (p0, p1) -> {
        FloatComplexFft.Workspace ws = new FloatComplexFft.Workspace();
        for (int p = p0; p < p1; p++) {
          int b0 = (int) ((long) blocks * p / parts);
          int b1 = (int) ((long) blocks * (p + 1) / parts);
          if (last) {
            oa.run(s, n, b1 - 1, b1, out, start, ws);
          } else if (b1 - 1 > b0) {
            oa.run(s, n, b0, b1 - 1, out, start, ws);
          }
        }
      });
    }
    return out;
  }


}
