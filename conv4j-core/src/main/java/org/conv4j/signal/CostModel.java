package org.conv4j.signal;

/**
 * The method choice of {@link Signal#chooseMethod}: the estimated run time of each of this
 * library's solvers for one window-form problem (see {@link Engine}), from the coefficients of
 * {@link SignalTuning}; the cheapest wins. A pure function of the shapes and the thread count.
 */
final class CostModel {
  private CostModel() {}

  /** Estimated times in nanoseconds, indexed by {@code DIRECT, FFT, OVERLAP_ADD}. */
  record Estimate(double direct, double fft, double overlapAdd) {
    Method best() {
      if (direct <= fft && direct <= overlapAdd) {
        return Method.DIRECT;
      }
      return fft <= overlapAdd ? Method.FFT : Method.OVERLAP_ADD;
    }
  }

  /** The float64 estimate. */
  static Estimate estimate(int[] as, int[] bs, int[] len, int[] start, int threads) {
    return estimate(as, bs, len, start, threads, false);
  }

  /** The estimate for float32 ({@code f32}, float kernels and transforms) or float64 data. */
  static Estimate estimate(int[] as, int[] bs, int[] len, int[] start, int threads, boolean f32) {
    return new Estimate(directNs(as, bs, len, threads, f32), fftNs(as, bs, start, len, threads, f32),
        overlapAddNs(as, bs, threads, f32));
  }

  static Method choose(int[] as, int[] bs, int[] start, int[] len, int threads) {
    return choose(as, bs, start, len, threads, false);
  }

  static Method choose(int[] as, int[] bs, int[] start, int[] len, int threads, boolean f32) {
    return estimate(as, bs, len, start, threads, f32).best();
  }

  static double directNs(int[] as, int[] bs, int[] len, int threads, boolean f32) {
    double taps = Math.min(prod(as), prod(bs));
    double outs = prod(len);
    // The kernel is the smaller input (Engine.direct); in 2-D, output rows go in pairs through the
    // register-blocked two-row kernel when the kernel has at least two rows.
    int[] ks = prod(bs) > prod(as) ? as : bs;
    boolean rows2 = as.length == 2 && ks[0] >= 2 && len[0] >= 2;
    double mac;
    double out;
    if (rows2) {
      mac = f32 ? SignalTuning.DIRECT_2D_NS_PER_MAC_F32 : SignalTuning.DIRECT_2D_NS_PER_MAC;
      out = f32 ? SignalTuning.DIRECT_2D_NS_PER_OUTPUT_F32 : SignalTuning.DIRECT_2D_NS_PER_OUTPUT;
    } else {
      mac = f32 ? SignalTuning.DIRECT_NS_PER_MAC_F32 : SignalTuning.DIRECT_NS_PER_MAC;
      out = f32 ? SignalTuning.DIRECT_NS_PER_OUTPUT_F32 : SignalTuning.DIRECT_NS_PER_OUTPUT;
    }
    return (mac * outs * taps + out * outs) / Math.max(1, Math.min(threads, outs / 256));
  }

  static double fftNs(int[] as, int[] bs, int[] start, int[] len, int threads, boolean f32) {
    double n = prod(Engine.fftLengths(as, bs, start, len));
    double c = as.length == 1 ? SignalTuning.FFT_NS_PER_NLOGN_1D : SignalTuning.FFT_NS_PER_NLOGN;
    if (f32) {
      c *= SignalTuning.FFT_F32_FACTOR;
    }
    return 3 * c * n * log2(n) / threads + SignalTuning.FFT_NS_FIXED;
  }

  static double overlapAddNs(int[] as, int[] bs, int threads, boolean f32) {
    boolean aBig = true;
    boolean bBig = true;
    for (int d = 0; d < as.length; d++) {
      aBig &= as[d] >= bs[d];
      bBig &= bs[d] >= as[d];
    }
    if (!aBig && !bBig) {
      return Double.POSITIVE_INFINITY;
    }
    int[] s = aBig ? as : bs;
    int[] k = aBig ? bs : as;
    if (s.length == 2) {
      return tiledNs(s, k, threads, f32);
    }
    int[] f = Engine.blockFftLengths(s, k);
    if (f == null) {
      return Double.POSITIVE_INFINITY;
    }
    double blocks = 1;
    for (int d = 0; d < s.length; d++) {
      int blk = Math.min(s[d], f[d] - k[d] + 1);
      blocks *= Math.ceil((double) s[d] / blk);
    }
    double n = prod(f);
    double c = SignalTuning.OA_NS_PER_NLOGN * (f32 ? SignalTuning.FFT_F32_FACTOR : 1);
    return (2 * blocks + 1) * c * n * log2(n) / threads + 2 * SignalTuning.FFT_NS_FIXED;
  }

  /**
   * The 2-D tiled overlap-add ({@link Engine#tileLengths}): two transforms per tile and one for the
   * kernel at {@link SignalTuning#TILE_NS_PER_NLOGN}, a fixed cost per tile, and the tiles split
   * between the threads (so {@code ceil(tiles / threads)} on the busiest one).
   */
  static double tiledNs(int[] s, int[] k, int threads, boolean f32) {
    int[] f = Engine.tileLengths(s, k);
    double rows = Math.ceil((double) s[0] / Math.min(s[0], f[0] - k[0] + 1));
    double cols = Math.ceil((double) s[1] / Math.min(s[1], f[1] - k[1] + 1));
    double n = (double) f[0] * f[1];
    double c = SignalTuning.TILE_NS_PER_NLOGN * (f32 ? SignalTuning.FFT_F32_FACTOR : 1);
    double perTile = 2 * c * n * log2(n) + SignalTuning.TILE_NS_FIXED;
    double busiest = Math.ceil(rows * cols / Math.max(1, threads));
    return busiest * perTile + c * n * log2(n) + 2 * SignalTuning.FFT_NS_FIXED;
  }

  private static double prod(int[] s) {
    double p = 1;
    for (int v : s) {
      p *= v;
    }
    return p;
  }

  private static double log2(double n) {
    return Math.log(Math.max(n, 2)) / Math.log(2);
  }
}
