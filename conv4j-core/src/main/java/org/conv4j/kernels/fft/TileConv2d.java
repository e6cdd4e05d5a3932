package org.conv4j.kernels.fft;

/**
 * The 2-D linear convolution of one block of a float64 image with a fixed kernel through one
 * {@code F0 × F1} real FFT held in a tile-sized workspace: the step of a 2-D overlap-add in which
 * each thread runs whole tiles, one after another, with no barrier and no shared scratch. The
 * kernel's spectrum is computed once, here.
 *
 * <p>Layout: the spectrum of a tile is kept transposed, {@code S[j][k0]} ({@code j < F1} the axis-1
 * frequency, {@code k0 ≤ F0/2} the axis-0 one), in blocks of {@link #CHUNK1} values of {@code k0}
 * (the last block narrower; {@code F0/2 + 1} is padded to a multiple of 8 with zeros), each block
 * its own packed {@code [F1][width]} array. So both transforms run on packed {@code [n][ch]} data
 * with a single transposing move each way: the real transform along axis 0 reads rows of the block
 * (its sequences, the columns, are contiguous) and writes its result transposed once; the axis-1
 * transforms run in place on each block, are multiplied by the kernel's spectrum (in the same
 * blocks) and transformed back (as many passes back as forward, so the result ends in the block's
 * own arrays: no copies); the inverse real transform reads the transposed spectrum once and adds
 * its rows into the caller's destinations. A {@code 288 × 288} tile's spectrum (668 KB in
 * float64) is more than a core's 512 KiB L2: float64 tiles run partly from L3.
 *
 * <p>The arithmetic is {@link RealFft} and {@link ComplexFft}'s (same passes, split and
 * merge), so a tile's result equals, up to rounding, the circular convolution of the zero-padded
 * block with the kernel; it is the linear one when the block has at most {@code F − K + 1} rows
 * and columns. Results do not depend on which thread runs a tile. Thread-safe; one
 * {@link Workspace} per thread.
 */
public final class TileConv2d {
  /** Columns per chunk of the axis-0 (real) transforms. */
  static final int CHUNK0 = 24;
  /** Columns ({@code k0} values) per chunk of the axis-1 transforms. */
  static final int CHUNK1 = 24;

  private final int f0;
  private final int f1;
  private final int h;
  private final int hp;
  private final int cq;
  private final int nb;
  private final RealFft real;
  private final ComplexFft half;
  private final ComplexFft cf;
  private final int k0;
  private final int k1;
  private final double[][] kr;
  private final double[][] ki;

  /**
   * Plans tiles of {@code f0 × f1} ({@code f0} even) and transforms the kernel
   * {@code k[kOff + r·kStride + c]}, {@code r < k0, c < k1} ({@code k0 ≤ f0, k1 ≤ f1}).
   */
  public TileConv2d(double[] k, int kOff, int kStride, int k0, int k1, int f0, int f1) {
    this(k, kOff, kStride, k0, k1, f0, f1, Parallel.SERIAL, Workspace::new);
  }

  /**
   * As {@link #TileConv2d(double[], int, int, int, int, int, int)}; the kernel's axis-1
   * transforms run by {@code par}, each thread's scratch from {@code scratch} (its chunk buffers only).
   */
  public TileConv2d(double[] k, int kOff, int kStride, int k0, int k1, int f0, int f1, Parallel par,
      java.util.function.Supplier<Workspace> scratch) {
    if (f0 < 2 || (f0 & 1) != 0 || f1 < 1 || k0 < 1 || k1 < 1 || k0 > f0 || k1 > f1) {
      throw new IllegalArgumentException("tile " + f0 + "×" + f1 + " (first even) cannot hold a kernel of "
          + k0 + "×" + k1);
    }
    this.f0 = f0;
    this.f1 = f1;
    this.h = f0 / 2;
    this.hp = (h + 1 + 7) & ~7;
    this.cq = Math.min(CHUNK1, hp);
    this.nb = (hp + cq - 1) / cq;
    this.real = RealFft.of(f0);
    this.half = ComplexFft.of(h);
    this.cf = ComplexFft.of(f1);
    this.k0 = k0;
    this.k1 = k1;
    kr = new double[nb][];
    ki = new double[nb][];
    for (int b = 0; b < nb; b++) {
      kr[b] = new double[f1 * width(b)];
      ki[b] = new double[f1 * width(b)];
    }
    forward(k, kOff, kStride, k0, k1, kr, ki, scratch.get().ws);
    // The kernel's axis-1 forward transforms, block by block, scaled by 1/(F0·F1).
    double norm = 1.0 / ((double) f0 * f1);
    par.forEach(nb, b -> {
      ComplexFft.Workspace w = scratch.get().ws;
      w.ensure(chunkSize());
      double[] pr = kr[b];
      double[] pi = ki[b];
      boolean inQ = cf.passes(pr, pi, w.br, w.bi, width(b));
      double[] rr = inQ ? w.br : pr;
      double[] ri = inQ ? w.bi : pi;
      for (int e = 0; e < pr.length; e++) {
        pr[e] = rr[e] * norm;
        pi[e] = ri[e] * norm;
      }
    });
  }

  /** Floats of each chunk buffer: the axis-0 chunks and the axis-1 blocks. */
  private int chunkSize() {
    return Math.max((h + 1) * CHUNK0, f1 * cq);
  }

  /** Columns ({@code k0} values) of spectrum block {@code b}: {@code cq}, the last one fewer. */
  private int width(int b) {
    return Math.min(cq, hp - b * cq);
  }

  /** Tile rows {@code F0}. */
  public int rows() {
    return f0;
  }

  /** Tile columns {@code F1}. */
  public int cols() {
    return f1;
  }

  /** Kernel rows. */
  public int kernelRows() {
    return k0;
  }

  /** Kernel columns. */
  public int kernelCols() {
    return k1;
  }

  /**
   * Per-thread scratch: the transposed tile spectrum, in blocks of {@code cq} values of {@code k0}
   * ({@code S[j][k0]} at {@code s[k0 / cq][j·w + k0 % cq]}, {@code w} the block's width), and the
   * packed chunks.
   */
  public static final class Workspace {
    double[][] sr = new double[0][];
    double[][] si = new double[0][];
    final ComplexFft.Workspace ws = new ComplexFft.Workspace();

    /** An empty workspace; arrays grow on first use. */
    public Workspace() {}

    private int f1;
    private int cq;
    private int hp;

    void ensure(TileConv2d t) {
      if (sr.length != t.nb || f1 != t.f1 || cq != t.cq || hp != t.hp) {
        f1 = t.f1;
        cq = t.cq;
        hp = t.hp;
        sr = new double[t.nb][];
        si = new double[t.nb][];
        for (int b = 0; b < t.nb; b++) {
          sr[b] = new double[t.f1 * t.width(b)];
          si[b] = new double[t.f1 * t.width(b)];
        }
      }
    }
  }

  /**
   * The spectrum of the block {@code x[xOff + r·xStride + c]}, {@code r < b0, c < b1}, zero-padded
   * to the tile, after the axis-0 transforms only, into {@code sr, si} (transposed, in blocks).
   */
  private void forward(double[] x, int xOff, int xStride, int b0, int b1, double[][] sr, double[][] si,
      ComplexFft.Workspace w) {
    int chMax = CHUNK0;
    w.ensure(chunkSize());
    // Columns past the block (up to a multiple of 8, inside the tile) are transformed as zeros.
    int cols = Math.min(f1, (b1 + 7) & ~7);
    for (int c0 = 0; c0 < cols; c0 += chMax) {
      int ch = Math.min(chMax, cols - c0);
      int live = Math.max(0, Math.min(ch, b1 - c0));
      double[] ar = w.ar;
      double[] ai = w.ai;
      for (int t = 0; t < h; t++) {
        int d = t * ch;
        int r = 2 * t;
        if (r < b0) {
          System.arraycopy(x, xOff + r * xStride + c0, ar, d, live);
          java.util.Arrays.fill(ar, d + live, d + ch, 0.0);
        } else {
          java.util.Arrays.fill(ar, d, d + ch, 0.0);
        }
        if (r + 1 < b0) {
          System.arraycopy(x, xOff + (r + 1) * xStride + c0, ai, d, live);
          java.util.Arrays.fill(ai, d + live, d + ch, 0.0);
        } else {
          java.util.Arrays.fill(ai, d, d + ch, 0.0);
        }
      }
      boolean inB = half.passes(w.ar, w.ai, w.br, w.bi, ch);
      double[] zr = inB ? w.br : w.ar;
      double[] zi = inB ? w.bi : w.ai;
      double[] yr = inB ? w.ar : w.br;
      double[] yi = inB ? w.ai : w.bi;
      real.split(zr, zi, yr, yi, ch);
      // Transposed: S[c0 + c][k] = Y[k][c].
      transposeOut(yr, sr, c0, ch);
      transposeOut(yi, si, c0, ch);
    }
    for (int q = 0; q < nb; q++) {
      int wq = width(q);
      java.util.Arrays.fill(sr[q], cols * wq, f1 * wq, 0.0);
      java.util.Arrays.fill(si[q], cols * wq, f1 * wq, 0.0);
    }
  }

  /** {@code S[c0 + c][k] = y[k·ch + c]} for {@code k ≤ h, c < ch}, eight columns at a time. */
  private void transposeOut(double[] y, double[][] s, int c0, int ch) {
    for (int q = 0; q < nb; q++) {
      double[] sq = s[q];
      int wq = width(q);
      int kb = q * cq;
      int ke = Math.min(h + 1, kb + wq);
      int c = 0;
      for (; c + 8 <= ch; c += 8) {
        int d0 = (c0 + c) * wq - kb;
        for (int k = kb; k < ke; k++) {
          int src = k * ch + c;
          int d = d0 + k;
          sq[d] = y[src];
          sq[d + wq] = y[src + 1];
          sq[d + 2 * wq] = y[src + 2];
          sq[d + 3 * wq] = y[src + 3];
          sq[d + 4 * wq] = y[src + 4];
          sq[d + 5 * wq] = y[src + 5];
          sq[d + 6 * wq] = y[src + 6];
          sq[d + 7 * wq] = y[src + 7];
        }
      }
      for (; c < ch; c++) {
        int d = (c0 + c) * wq - kb;
        for (int k = kb; k < ke; k++) {
          sq[d + k] = y[k * ch + c];
        }
      }
    }
  }

  /** {@code y[k·ch + c] = S[c0 + c][k]} for {@code k ≤ h, c < ch}: the inverse of {@link #transposeOut}. */
  private void transposeIn(double[][] s, double[] y, int c0, int ch) {
    for (int q = 0; q < nb; q++) {
      double[] sq = s[q];
      int wq = width(q);
      int kb = q * cq;
      int ke = Math.min(h + 1, kb + wq);
      int c = 0;
      for (; c + 8 <= ch; c += 8) {
        int s0 = (c0 + c) * wq - kb;
        for (int k = kb; k < ke; k++) {
          int d = k * ch + c;
          int src = s0 + k;
          y[d] = sq[src];
          y[d + 1] = sq[src + wq];
          y[d + 2] = sq[src + 2 * wq];
          y[d + 3] = sq[src + 3 * wq];
          y[d + 4] = sq[src + 4 * wq];
          y[d + 5] = sq[src + 5 * wq];
          y[d + 6] = sq[src + 6 * wq];
          y[d + 7] = sq[src + 7 * wq];
        }
      }
      for (; c < ch; c++) {
        int src = (c0 + c) * wq - kb;
        for (int k = kb; k < ke; k++) {
          y[k * ch + c] = sq[src + k];
        }
      }
    }
  }

  /**
   * Convolves the block {@code x[xOff + r·xStride + c]}, {@code r < b0 ≤ F0, c < b1 ≤ F1}, with the
   * kernel (circularly, in the tile) and adds tile element {@code (r, c)} into
   * {@code dst[r][dOff[r] + c]} for every row {@code r < F0} whose {@code dst[r]} is not null and
   * every column {@code cLo ≤ c < cHi}.
   *
   * @param dst per tile row, the array its results are added into (null: not needed)
   * @param dOff per tile row, the offset of tile column 0 in {@code dst[r]}
   */
  public void run(double[] x, int xOff, int xStride, int b0, int b1, double[][] dst, int[] dOff, int cLo, int cHi,
      Workspace ws) {
    run(x, xOff, xStride, b0, b1, dst, dOff, dst, dOff, cLo, cLo, cHi, ws);
  }

  /**
   * As {@link #run(double[], int, int, int, int, double[][], int[], int, int, Workspace)}, with the
   * columns {@code cLo ≤ c < cSplit} of row {@code r} added into {@code left[r][leftOff[r] + c]}
   * instead (skipped where {@code left[r]} is null).
   */
  public void run(double[] x, int xOff, int xStride, int b0, int b1, double[][] dst, int[] dOff, double[][] left,
      int[] leftOff, int cLo, int cSplit, int cHi, Workspace ws) {
    if (b0 > f0 || b1 > f1 || b0 < 0 || b1 < 0 || cLo < 0 || cHi > f1 || cSplit < cLo || cSplit > Math.max(cLo, cHi)
        || dst.length < f0 || dOff.length < f0 || left.length < f0 || leftOff.length < f0) {
      throw new IllegalArgumentException("block " + b0 + "×" + b1 + ", columns [" + cLo + ", " + cSplit + ", " + cHi
          + ") do not fit a tile of " + f0 + "×" + f1);
    }
    ws.ensure(this);
    forward(x, xOff, xStride, b0, b1, ws.sr, ws.si, ws.ws);
    spectral(ws);
    inverse(dst, dOff, left, leftOff, cLo, cSplit, cHi, ws);
  }

  /**
   * The axis-1 transforms, the product with the kernel's spectrum and the inverse axis-1
   * transforms, block by block in place: as many passes back as forward, so the result is back in
   * the block's own arrays.
   */
  private void spectral(Workspace ws) {
    ComplexFft.Workspace w = ws.ws;
    for (int q = 0; q < nb; q++) {
      int ch = width(q);
      double[] ar = ws.sr[q];
      double[] ai = ws.si[q];
      double[] wr = kr[q];
      double[] wi = ki[q];
      boolean inB = cf.passes(ar, ai, w.br, w.bi, ch);
      double[] zr = inB ? w.br : ar;
      double[] zi = inB ? w.bi : ai;
      double[] yr = inB ? ar : w.br;
      double[] yi = inB ? ai : w.bi;
      int n = f1 * ch;
      for (int e = 0; e < n; e++) {
        double r = zr[e];
        double i = zi[e];
        double kre = wr[e];
        double kie = wi[e];
        zr[e] = r * kre - i * kie;
        zi[e] = r * kie + i * kre;
      }
      // Inverse: the forward passes with re and im swapped.
      cf.passes(zi, zr, yi, yr, ch);
    }
  }

  /** The inverse axis-0 (real) transforms of columns {@code [cLo, cHi)}, added into the rows of {@code dst}. */
  private void inverse(double[][] dst, int[] dOff, double[][] left, int[] leftOff, int cLo, int cSplit, int cHi,
      Workspace ws) {
    ComplexFft.Workspace w = ws.ws;
    int chMax = CHUNK0;
    w.ensure(chunkSize());
    for (int c0 = cLo; c0 < cHi; c0 += chMax) {
      int ch = Math.min(chMax, cHi - c0);
      transposeIn(ws.sr, w.ar, c0, ch);
      transposeIn(ws.si, w.ai, c0, ch);
      real.merge(w.ar, w.ai, w.br, w.bi, ch);
      boolean inA = half.passes(w.bi, w.br, w.ai, w.ar, ch);
      double[] zr = inA ? w.ar : w.br;
      double[] zi = inA ? w.ai : w.bi;
      // Chunk columns [0, split) go to the left destinations, [split, ch) to the main ones.
      int split = Math.max(0, Math.min(ch, cSplit - c0));
      for (int t = 0; t < h; t++) {
        int s = t * ch;
        addRow(zr, s, split, ch, dst[2 * t], dOff[2 * t] + c0, left[2 * t], leftOff[2 * t] + c0);
        addRow(zi, s, split, ch, dst[2 * t + 1], dOff[2 * t + 1] + c0, left[2 * t + 1], leftOff[2 * t + 1] + c0);
      }
    }
  }

  /** {@code l[lo + c] += z[s + c]} for {@code c < split}, {@code d[o + c] += z[s + c]} for {@code split ≤ c < ch}; null skips. */
  private static void addRow(double[] z, int s, int split, int ch, double[] d, int o, double[] l, int lo) {
    if (l != null) {
      for (int c = 0; c < split; c++) {
        l[lo + c] += z[s + c];
      }
    }
    if (d != null) {
      for (int c = split; c < ch; c++) {
        d[o + c] += z[s + c];
      }
    }
  }
}
