package org.conv4j.kernels;

import org.conv4j.kernels.fft.ComplexFft;
import org.conv4j.kernels.fft.FastLength;
import org.conv4j.kernels.fft.RealFftNd;

/**
 * The correlation term of template matching by FFT, in overlap-save tiles: {@code corr[o] =
 * Σ_c Σ_j img_c[o + j]·t_c[j]} in {@code valid} geometry for a 1-D or 2-D image of {@code C}
 * channels (planes of {@code h × w}, {@code h = 1} for 1-D) and a template of {@code C × kh × kw}.
 *
 * <p>A tile is an {@code f0 × f1} window of the image (zero past its edge); the circular
 * correlation of the tile with the zero-padded template is exact (up to rounding) at the
 * {@code b0 × b1 = (f0 − kh + 1) × (f1 − kw + 1)} outputs that do not wrap, so tile
 * {@code (ty, tx)} gives outputs {@code [ty·b0, ty·b0 + b0) × [tx·b1, tx·b1 + b1)}. Per tile: one
 * real forward transform per channel ({@link RealFftNd}, float64), the products with the conjugated
 * template spectra summed over channels, one inverse transform. The tile lengths are the 5-smooth
 * pair minimising {@code tiles · f0·f1·log₂(f0·f1)} (see {@link #tileLength}).
 *
 * <p>Each tile is computed by one call of {@link #tile} from the inputs alone, the same way
 * whichever thread runs it, so callers that split tiles between threads get the same bits for any
 * thread count. Accuracy: float64 throughout; the error of a correlation value is about
 * {@code ε·log₂(f0·f1)·√(f0·f1)·max|img|·Σ|t|} at worst ({@link #errorBound}), typically far less.
 */
public final class MatchFft {
  private MatchFft() {}

  /** Largest tile side considered (keeps a tile's arrays in L2/L3). */
  static final int MAX_TILE = 512;
  /** Experiments only: {@code -Dconv4j.match.fftTile=N} forces tile side N (even, at least twice the template). */
  private static final int FORCED_TILE = Integer.getInteger("conv4j.match.fftTile", 0);

  /** A planned tiled correlation: tile geometry and the template spectra (scaled by 1/(f0·f1)). */
  public static final class Plan {
    /** Tile rows (1 for a 1-D problem) and columns. */
    public final int f0;
    /** Tile columns. */
    public final int f1;
    /** Valid outputs per tile along rows and columns. */
    public final int b0;
    /** Valid outputs per tile along columns. */
    public final int b1;
    /** Tiles along rows and columns. */
    public final int tilesY;
    /** Tiles along columns. */
    public final int tilesX;
    final int channels;
    final int h;
    final int w;
    final RealFftNd fft;
    final double[][] tRe;
    final double[][] tIm;

    Plan(int channels, int h, int w, int kh, int kw, double[] t) {
      this.channels = channels;
      this.h = h;
      this.w = w;
      int oh = h - kh + 1;
      int ow = w - kw + 1;
      f0 = h == 1 ? 1 : tileLength(oh, kh);
      f1 = tileLength(ow, kw);
      b0 = f0 - kh + 1;
      b1 = f1 - kw + 1;
      tilesY = (oh + b0 - 1) / b0;
      tilesX = (ow + b1 - 1) / b1;
      fft = new RealFftNd(f0 == 1 ? new int[] {f1} : new int[] {f0, f1}, 1);
      tRe = new double[channels][];
      tIm = new double[channels][];
      Work wk = new Work(this);
      double scale = 1.0 / ((double) f0 * f1);
      int tp = kh * kw;
      for (int c = 0; c < channels; c++) {
        java.util.Arrays.fill(wk.x, 0.0);
        for (int i = 0; i < kh; i++) {
          for (int j = 0; j < kw; j++) {
            wk.x[i * f1 + j] = t[c * tp + i * kw + j] * scale;
          }
        }
        forward(wk);
        tRe[c] = wk.re.clone();
        tIm[c] = wk.im.clone();
      }
    }

    /** Number of tiles. */
    public int tiles() {
      return tilesY * tilesX;
    }

    /** Fresh per-thread scratch for {@link #tile}. */
    public Work work() {
      return new Work(this);
    }

    void forward(Work wk) {
      fft.forwardReal(wk.x, wk.re, wk.im, 0, fft.sequences(0), wk.ws);
      if (fft.rank() == 2) {
        fft.axis(1, wk.re, wk.im, 0, fft.sequences(1), false, wk.ws);
      }
    }

    void inverse(Work wk, double[] re, double[] im) {
      if (fft.rank() == 2) {
        fft.axis(1, re, im, 0, fft.sequences(1), true, wk.ws);
      }
      fft.inverseReal(re, im, wk.x, 0, fft.sequences(0), wk.ws);
    }
  }

  /** Per-thread scratch; after {@link #tile}, {@link #x} holds the tile's correlation at {@code [i·f1 + j]}. */
  public static final class Work {
    /** The tile (input, then output), {@code f0 × f1}. */
    public final double[] x;
    final double[] re;
    final double[] im;
    final double[] pr;
    final double[] pi;
    final ComplexFft.Workspace ws = new ComplexFft.Workspace();

    Work(Plan p) {
      x = new double[p.fft.realSize()];
      re = new double[p.fft.spectrumSize()];
      im = new double[p.fft.spectrumSize()];
      pr = p.channels > 1 ? new double[re.length] : null;
      pi = p.channels > 1 ? new double[re.length] : null;
    }
  }

  /**
   * Plans the correlation with template {@code t} ({@code C × kh × kw}, C order; not modified).
   * Costs one forward transform per channel.
   */
  public static Plan plan(int channels, int h, int w, int kh, int kw, double[] t) {
    return new Plan(channels, h, w, kh, kw, t);
  }

  /**
   * The even 5-smooth tile side for {@code out} outputs and a template side {@code k}: one tile of
   * {@code nextEven(out + k − 1)}, or the side {@code f ≤ MAX_TILE} minimising
   * {@code ceil(out/(f − k + 1))·f·(ln f + 1)} if cheaper.
   */
  static int tileLength(int out, int k) {
    if (FORCED_TILE >= 2 * k && FORCED_TILE % 2 == 0) {
      return FORCED_TILE;
    }
    int full = FastLength.nextEven(out + k - 1);
    int best = full;
    double bestCost = full * (Math.log(full) + 1);
    for (int f = Math.max(2 * k, 16); f <= Math.min(MAX_TILE, full); f += 2) {
      if (!FastLength.isFast(f)) {
        continue;
      }
      double cost = Math.ceil((double) out / (f - k + 1)) * f * (Math.log(f) + 1);
      if (cost < bestCost) {
        bestCost = cost;
        best = f;
      }
    }
    return best;
  }

  /**
   * Estimated work of the tiled FFT route in units of {@code n·log₂ n} butterflies
   * ({@code (C + 1)} transforms per tile, plus the products), for the cost model.
   */
  public static double work(int channels, int h, int w, int kh, int kw) {
    int oh = h - kh + 1;
    int ow = w - kw + 1;
    int f0 = h == 1 ? 1 : tileLength(oh, kh);
    int f1 = tileLength(ow, kw);
    double tiles = Math.ceil((double) oh / (f0 - kh + 1)) * Math.ceil((double) ow / (f1 - kw + 1));
    double n = (double) f0 * f1;
    return tiles * (n * (channels + 1) * (Math.log(n) / Math.log(2) + 2));
  }

  /**
   * A bound on the absolute error of any correlation value of the plan: {@code 8·ε·log₂N·√N·
   * max|img|·Σ|t|} with {@code N = f0·f1} (a generous version of the usual FFT convolution bound).
   */
  public static double errorBound(Plan p, double maxAbsImage, double sumAbsTemplate) {
    double n = (double) p.f0 * p.f1;
    return 8 * Math.ulp(1.0) * (Math.log(n) / Math.log(2) + 1) * Math.sqrt(n) * maxAbsImage * sumAbsTemplate;
  }

  /** Tile {@code (ty, tx)} of a float32 image ({@code C × h × w}, C order from {@code off}). */
  public static void tile(Plan p, float[] img, int off, int ty, int tx, Work wk) {
    run(p, img, null, off, ty, tx, wk);
  }

  /** Tile {@code (ty, tx)} of a float64 image. */
  public static void tile(Plan p, double[] img, int off, int ty, int tx, Work wk) {
    run(p, null, img, off, ty, tx, wk);
  }

  private static void run(Plan p, float[] fi, double[] di, int off, int ty, int tx, Work wk) {
    int y0 = ty * p.b0;
    int x0 = tx * p.b1;
    int rows = Math.min(p.f0, p.h - y0);
    int cols = Math.min(p.f1, p.w - x0);
    int n = wk.re.length;
    for (int c = 0; c < p.channels; c++) {
      double[] x = wk.x;
      int base = off + c * p.h * p.w + y0 * p.w + x0;
      for (int i = 0; i < rows; i++) {
        int s = base + i * p.w;
        int d = i * p.f1;
        if (fi != null) {
          for (int j = 0; j < cols; j++) {
            x[d + j] = fi[s + j];
          }
        } else {
          System.arraycopy(di, s, x, d, cols);
        }
        for (int j = cols; j < p.f1; j++) {
          x[d + j] = 0.0;
        }
      }
      java.util.Arrays.fill(x, rows * p.f1, p.f0 * p.f1, 0.0);
      p.forward(wk);
      double[] tr = p.tRe[c];
      double[] ti = p.tIm[c];
      double[] re = wk.re;
      double[] im = wk.im;
      if (p.channels == 1) {
        for (int k = 0; k < n; k++) {
          double a = re[k];
          double b = im[k];
          re[k] = a * tr[k] + b * ti[k];
          im[k] = b * tr[k] - a * ti[k];
        }
      } else if (c == 0) {
        for (int k = 0; k < n; k++) {
          double a = re[k];
          double b = im[k];
          wk.pr[k] = a * tr[k] + b * ti[k];
          wk.pi[k] = b * tr[k] - a * ti[k];
        }
      } else {
        for (int k = 0; k < n; k++) {
          double a = re[k];
          double b = im[k];
          wk.pr[k] += a * tr[k] + b * ti[k];
          wk.pi[k] += b * tr[k] - a * ti[k];
        }
      }
    }
    if (p.channels == 1) {
      p.inverse(wk, wk.re, wk.im);
    } else {
      p.inverse(wk, wk.pr, wk.pi);
    }
  }
}
