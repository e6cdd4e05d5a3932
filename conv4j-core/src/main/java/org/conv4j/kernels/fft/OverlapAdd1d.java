package org.conv4j.kernels.fft;

/**
 * 1-D overlap-add convolution with one kernel: the signal is cut into blocks of {@code B = F − K + 1}
 * samples, each block is convolved with the kernel by a real FFT of length {@code F}, and the
 * results ({@code B + K − 1} samples) are added into the output.
 *
 * <p>Blocks are processed {@code ch} at a time, all stages inside the packed workspace while it is
 * in cache: the even/odd samples of {@code ch} blocks are gathered straight from the signal into
 * the half-length complex layout of {@link RealFft}, transformed, multiplied by the kernel
 * spectrum, transformed back, and added to the output straight from the workspace. At most two
 * blocks overlap any output sample ({@code B ≥ K}), so the sums do not depend on how the blocks are
 * split between threads.
 */
public final class OverlapAdd1d {
  private final int f;
  private final int h;
  private final int k;
  private final int block;
  private final RealFft real;
  private final ComplexFft half;
  private final double[] kr;
  private final double[] ki;

  /**
   * Plans the convolution with kernel {@code kernel[kOff, kOff + kLen)} and FFT length {@code f}.
   *
   * @param kernel not modified
   * @throws IllegalArgumentException unless {@code f} is even and {@code f ≥ 2·kLen}
   */
  public OverlapAdd1d(double[] kernel, int kOff, int kLen, int f) {
    if ((f & 1) != 0 || f < 2 * kLen || kLen < 1) {
      throw new IllegalArgumentException("overlap-add FFT length " + f + " must be even and at least twice the kernel length " + kLen);
    }
    this.f = f;
    this.h = f / 2;
    this.k = kLen;
    this.block = f - kLen + 1;
    this.real = RealFft.of(f);
    this.half = ComplexFft.of(h);
    double[] buf = new double[f];
    System.arraycopy(kernel, kOff, buf, 0, kLen);
    kr = new double[h + 1];
    ki = new double[h + 1];
    real.forward(buf, 0, 1, f, 1, kr, ki, 0, 1, h + 1, new ComplexFft.Workspace());
    double norm = 1.0 / f;
    for (int i = 0; i <= h; i++) {
      kr[i] *= norm;
      ki[i] *= norm;
    }
  }

  /** Samples per block, {@code F − K + 1}. */
  public int block() {
    return block;
  }

  /**
   * For blocks {@code b ∈ [b0, b1)} of {@code s[0, n)}: adds {@code conv(s[bB, bB + B), kernel)}
   * into {@code out[bB − shift + j]} for the {@code j} that land in {@code [0, out.length)}.
   *
   * @param s not modified
   * @param out modified
   * @param ws scratch, modified
   */
  public void run(double[] s, int n, int b0, int b1, double[] out, long shift, ComplexFft.Workspace ws) {
    int chMax = Math.max(1, Math.min(b1 - b0, half.chunk(b1 - b0)));
    ws.ensure((h + 1) * chMax);
    int conv = block + k - 1;
    for (int c0 = b0; c0 < b1; c0 += chMax) {
      int ch = Math.min(chMax, b1 - c0);
      double[] ar = ws.ar;
      double[] ai = ws.ai;
      // Gather: z[t] = s[2t] + i·s[2t+1] of each block, zero past the block or the signal.
      for (int c = 0; c < ch; c++) {
        long base = (long) (c0 + c) * block;
        int end = (int) Math.min((long) n, base + block);
        int b = (int) base;
        // Without a test per sample: the pairs inside, then a last odd sample, then zeros.
        int cnt = Math.max(0, end - b);
        int pairs = cnt >> 1;
        int t = 0;
        for (; t < pairs; t++) {
          ar[t * ch + c] = s[b + 2 * t];
          ai[t * ch + c] = s[b + 2 * t + 1];
        }
        if ((cnt & 1) != 0) {
          ar[t * ch + c] = s[b + 2 * t];
          ai[t * ch + c] = 0;
          t++;
        }
        for (; t < h; t++) {
          ar[t * ch + c] = 0;
          ai[t * ch + c] = 0;
        }
      }
      boolean inB = half.passes(ar, ai, ws.br, ws.bi, ch);
      double[] zr = inB ? ws.br : ar;
      double[] zi = inB ? ws.bi : ai;
      double[] yr = inB ? ar : ws.br;
      double[] yi = inB ? ai : ws.bi;
      real.split(zr, zi, yr, yi, ch);
      for (int row = 0; row <= h; row++) {
        double wr = kr[row];
        double wi = ki[row];
        int o = row * ch;
        for (int c = 0; c < ch; c++) {
          double re = yr[o + c];
          double im = yi[o + c];
          yr[o + c] = re * wr - im * wi;
          yi[o + c] = re * wi + im * wr;
        }
      }
      real.merge(yr, yi, zr, zi, ch);
      boolean inY = half.passes(zi, zr, yi, yr, ch);
      double[] rr = inY ? yr : zr;
      double[] ri = inY ? yi : zi;
      for (int c = 0; c < ch; c++) {
        long o = (long) (c0 + c) * block - shift;
        long lo = Math.max(0, -o);
        long hi = Math.min(conv, out.length - o);
        // Sample j is rr[j/2] (j even) or ri[j/2] (j odd): an odd first sample, pairs, an even last one.
        int j = (int) lo;
        int jEnd = (int) hi;
        int oo = (int) o;
        if (j < jEnd && (j & 1) != 0) {
          out[oo + j] += ri[(j >> 1) * ch + c];
          j++;
        }
        for (; j + 1 < jEnd; j += 2) {
          int q = (j >> 1) * ch + c;
          out[oo + j] += rr[q];
          out[oo + j + 1] += ri[q];
        }
        if (j < jEnd) {
          out[oo + j] += rr[(j >> 1) * ch + c];
        }
      }
    }
  }
}
