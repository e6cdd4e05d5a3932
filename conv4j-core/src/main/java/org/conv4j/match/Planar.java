package org.conv4j.match;

import org.conv4j.internal.TensorAccess;
import org.conv4j.kernels.MatchFft;
import org.conv4j.kernels.MatchKernels;
import org.conv4j.kernels.MatchStats;
import org.conv4j.runtime.Parallelism;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * The decomposition and FFT methods for 1-D and 2-D images (any channel count, no mask, finite
 * data), fused: every task computes the correlation term of a block of outputs (a band of
 * {@link #ROW_BLOCK} output rows with the SIMD correlation kernels, or one FFT tile of
 * {@link MatchFft}), the window statistics of the same block ({@link MatchStats}, float64) and
 * the final scores, straight into the output. No image-sized temporaries besides the working copy
 * of the image (float32 SSD/MSD only: centred on the template mean).
 *
 * <p>Blocks are fixed by the problem's geometry and each is computed from the inputs alone, so
 * the result is the same for any thread count.
 */
final class Planar {
  /** Output rows per task of the direct correlation. */
  static final int ROW_BLOCK = 32;

  private final Metric metric;
  private final boolean fft;
  private final int channels;
  private final int h;
  private final int w;
  private final int kh;
  private final int kw;
  private final int oh;
  private final int ow;
  private final int plane;
  private final int tplane;
  private final float[] imgF;
  private final double[] imgD;
  private final int imgOff;
  private final float[] tF;
  private final double[] tD;
  private final int[] rowOff;
  private final double t2;
  private final double tn;
  private final boolean constantTemplate;
  private final float[] outF;
  private final double[] outD;
  private final boolean needS1;
  private final boolean needS2;
  private final boolean roundToIntegers;
  /** Float32 direct SSD/MSD: the value subtracted from image and template (else NaN). */
  private float centre = Float.NaN;
  /** Band buffer: channel stride of the centred rows of one band. */
  private final int bandStride;
  private final int[] bandRowOff;
  private MatchFft.Plan plan;

  private Planar(Metric metric, boolean fft, int channels, int h, int w, int kh, int kw, Tensor image, Tensor template,
      boolean f32) {
    this.metric = metric;
    this.fft = fft;
    this.channels = channels;
    this.h = h;
    this.w = w;
    this.kh = kh;
    this.kw = kw;
    oh = h - kh + 1;
    ow = w - kw + 1;
    plane = h * w;
    tplane = kh * kw;
    double[] t = template.toDoubleArray();
    boolean sq = metric == Metric.SSD || metric == Metric.MSD;
    double[] tc = t;
    boolean ccoeff = metric == Metric.CCOEFF || metric == Metric.CCOEFF_NORMED;
    if (ccoeff) {
      tc = TemplateMatch.centred(t, channels, tplane);
    }
    if (f32) {
      float[] tf = new float[t.length];
      for (int i = 0; i < tf.length; i++) {
        tf[i] = (float) tc[i];
      }
      float[] raw = TemplateMatch.rawFloats(image);
      imgF = raw != null ? raw : image.toFloatArray();
      imgOff = raw != null ? TensorAccess.get().offset(image) : 0;
      if (sq && !fft) {
        // Centre image and template on the template mean: SSD is unchanged, cancellation in the
        // float32 correlation shrinks. The image is centred band by band (see band()).
        double c = 0;
        for (float v : tf) {
          c += v;
        }
        centre = (float) (c / tf.length);
        for (int i = 0; i < tf.length; i++) {
          tf[i] -= centre;
        }
      }
      tF = tf;
      if (sq) {
        tD = new double[tf.length];
        for (int i = 0; i < tf.length; i++) {
          tD[i] = tf[i];
        }
      } else {
        tD = tc;
      }
      imgD = null;
    } else {
      double[] raw = TemplateMatch.rawDoubles(image);
      imgD = raw != null ? raw : image.toDoubleArray();
      imgOff = raw != null ? TensorAccess.get().offset(image) : 0;
      imgF = null;
      tF = null;
      tD = tc;
    }
    double s = 0;
    for (double v : tD) {
      s += v * v;
    }
    t2 = s;
    tn = Math.sqrt(s);
    constantTemplate = metric == Metric.CCOEFF_NORMED && s / tplane < Math.ulp(1.0);
    needS1 = metric == Metric.CCOEFF_NORMED;
    needS2 = sq || metric == Metric.SQDIFF_NORMED || metric == Metric.CCORR_NORMED || metric == Metric.CCOEFF_NORMED;
    rowOff = MatchKernels.rowOffsets(channels, new int[] {h, w}, new int[] {kh, kw});
    bandStride = (Math.min(ROW_BLOCK, oh) + kh - 1) * w;
    bandRowOff = new int[channels * kh];
    for (int c = 0; c < channels; c++) {
      for (int i = 0; i < kh; i++) {
        bandRowOff[c * kh + i] = c * bandStride + i * w;
      }
    }
    int size = oh * ow;
    outF = f32 ? new float[size] : null;
    outD = f32 ? null : new double[size];
    roundToIntegers = fft && !f32 && allIntegers(tD) && allIntegers(imgD, imgOff, image.size());
  }

  /**
   * Scores {@code image} ({@code C × h × w}, finite, largest magnitude {@code maxAbs}) against
   * {@code template} ({@code C × kh × kw}). In float64, when every image and template value is an
   * integer, FFT correlations are rounded to integers if the error bound allows, which makes them
   * exact.
   */
  static Tensor run(Metric metric, boolean fft, int channels, int h, int w, int kh, int kw, Tensor image,
      Tensor template, boolean f32, double maxAbs, int threads, int[] outShape) {
    Planar p = new Planar(metric, fft, channels, h, w, kh, kw, image, template, f32);
    p.compute(threads, maxAbs);
    return p.outF != null ? TensorAccess.get().wrap(p.outF, outShape) : TensorAccess.get().wrap(p.outD, outShape);
  }

  private static boolean allIntegers(double[] v, int off, int n) {
    for (int i = 0; i < n; i++) {
      double a = v[off + i];
      if (a != Math.rint(a)) {
        return false;
      }
    }
    return true;
  }

  private static boolean allIntegers(double[] v) {
    for (double a : v) {
      if (a != Math.rint(a)) {
        return false;
      }
    }
    return true;
  }

  /** Per-thread scratch. */
  private final class State {
    final double[] col1;
    final double[] col2;
    final double[] acc1;
    final double[] acc2;
    final double[] tmp1;
    final double[] tmp2;
    final double[] row;
    final float[] corrF;
    final double[] corrD;
    final float[] band;
    final MatchFft.Work work;

    State(int cols, int rowsOfCorr) {
      int ncol = cols + kw - 1;
      col1 = needS1 ? new double[channels * ncol] : null;
      col2 = needS2 ? new double[channels * ncol] : null;
      acc1 = needS1 ? new double[cols] : null;
      acc2 = needS2 ? new double[cols] : null;
      tmp1 = needS1 && channels > 1 ? new double[cols] : null;
      tmp2 = needS2 && channels > 1 ? new double[cols] : null;
      row = new double[cols];
      corrF = !fft && imgF != null ? new float[rowsOfCorr * ow] : null;
      corrD = !fft && imgD != null ? new double[rowsOfCorr * ow] : null;
      work = fft ? plan.work() : null;
      band = Float.isNaN(centre) ? null : new float[channels * bandStride];
    }
  }

  private void compute(int threads, double maxAbs) {
    if (constantTemplate) {
      // OpenCV: a template without variance matches everywhere equally.
      if (outF != null) {
        java.util.Arrays.fill(outF, 1f);
      } else {
        java.util.Arrays.fill(outD, 1.0);
      }
      return;
    }
    int tasks;
    long work;
    boolean round;
    if (fft) {
      plan = MatchFft.plan(channels, h, w, kh, kw, tD);
      tasks = plan.tiles();
      work = (long) plan.f0 * plan.f1 * tasks * (channels + 1) * 20;
      double sumAbs = 0;
      for (double v : tD) {
        sumAbs += Math.abs(v);
      }
      round = roundToIntegers && MatchFft.errorBound(plan, maxAbs, sumAbs) < 0.25
          && maxAbs * sumAbs < 0x1p52;
    } else {
      tasks = (oh + ROW_BLOCK - 1) / ROW_BLOCK;
      work = (long) oh * ow * channels * tplane;
      round = false;
    }
    int cols = fft ? plan.b1 : ow;
    int corrRows = fft ? 0 : Math.min(ROW_BLOCK, oh);
    int nThreads = work < 200_000 ? 1 : threads;
    boolean rnd = round;
    Parallelism.runWithThreads(nThreads, () -> Parallelism.forEach(tasks, () -> new State(cols, corrRows),
        (st, i) -> {
          if (fft) {
            tile(st, i / plan.tilesX, i % plan.tilesX, rnd);
          } else {
            band(st, i * ROW_BLOCK, Math.min(oh, (i + 1) * ROW_BLOCK));
          }
        }));
  }

  /** Output rows {@code [q0, q1)}, correlation by the SIMD row kernels. */
  private void band(State st, int q0, int q1) {
    if (st.band != null) {
      // Centred copy of the band's image rows [q0, q1 + kh − 1) of every channel.
      int rows = q1 - q0 + kh - 1;
      float cf = centre;
      for (int c = 0; c < channels; c++) {
        int src = imgOff + c * plane + q0 * w;
        int dst = c * bandStride;
        for (int i = 0; i < rows * w; i++) {
          st.band[dst + i] = imgF[src + i] - cf;
        }
      }
      int q = q0;
      if (channels == 1 && MatchKernels.SIMD && kh > 1) {
        for (; q + 1 < q1; q += 2) {
          MatchKernels.corr2Rows(st.band, (q - q0) * w, w, kh, tF, kw, st.corrF, (q - q0) * ow, (q + 1 - q0) * ow, ow);
        }
      }
      for (; q < q1; q++) {
        MatchKernels.row(MatchKernels.CORR, st.band, (q - q0) * w, bandRowOff, tF, kw, st.corrF, (q - q0) * ow, ow);
      }
      finish(st, st.band, null, 0, bandStride, q0, q0, q1, 0, ow, st.corrF, null, 0, ow, false);
      return;
    }
    if (imgF != null) {
      int q = q0;
      if (channels == 1 && MatchKernels.SIMD && kh > 1) {
        for (; q + 1 < q1; q += 2) {
          MatchKernels.corr2Rows(imgF, imgOff + q * w, w, kh, tF, kw, st.corrF, (q - q0) * ow, (q + 1 - q0) * ow, ow);
        }
      }
      for (; q < q1; q++) {
        MatchKernels.row(MatchKernels.CORR, imgF, imgOff + q * w, rowOff, tF, kw, st.corrF, (q - q0) * ow, ow);
      }
    } else {
      for (int q = q0; q < q1; q++) {
        MatchKernels.row(MatchKernels.CORR, imgD, imgOff + q * w, rowOff, tD, kw, st.corrD, (q - q0) * ow, ow);
      }
    }
    finish(st, imgF, imgD, imgOff, plane, 0, q0, q1, 0, ow, st.corrF, st.corrD, 0, ow, false);
  }

  /** FFT tile {@code (ty, tx)}. */
  private void tile(State st, int ty, int tx, boolean round) {
    if (imgF != null) {
      MatchFft.tile(plan, imgF, imgOff, ty, tx, st.work);
    } else {
      MatchFft.tile(plan, imgD, imgOff, ty, tx, st.work);
    }
    int r0 = ty * plan.b0;
    int c0 = tx * plan.b1;
    finish(st, imgF, imgD, imgOff, plane, 0, r0, Math.min(oh, r0 + plan.b0), c0, Math.min(ow, c0 + plan.b1), null,
        st.work.x, 0, plan.f1, round);
  }

  /**
   * Scores of outputs {@code [r0, r1) × [c0, c1)} from the correlation at
   * {@code corr[cOff + (r − r0)·cStride + (c − c0)]} (float32 or float64 array) and the window
   * statistics of the block, read from the image planes {@code x} (channel {@code c} at
   * {@code xOff + c·xStride}, image row {@code r} at row {@code r − rShift}).
   */
  private void finish(State st, float[] xF, double[] xD, int xOff, int xStride, int rShift, int r0, int r1, int c0,
      int c1, float[] cF, double[] cD, int cOff, int cStride, boolean round) {
    int n = c1 - c0;
    int ncol = n + kw - 1;
    for (int r = r0; r < r1; r++) {
      if (needS1 || needS2) {
        for (int c = 0; c < channels; c++) {
          statsRow(st, xF, xD, xOff + c * xStride, c, r - rShift, r == r0, c0, ncol);
        }
      }
      int o = r * ow + c0;
      int cb = cOff + (r - r0) * cStride;
      double[] v = st.row;
      if (cF != null) {
        for (int x = 0; x < n; x++) {
          v[x] = cF[cb + x];
        }
      } else {
        System.arraycopy(cD, cb, v, 0, n);
      }
      if (round) {
        for (int x = 0; x < n; x++) {
          v[x] = Math.rint(v[x]);
        }
      }
      scores(st, v, n);
      if (outF != null) {
        for (int x = 0; x < n; x++) {
          outF[o + x] = (float) v[x];
        }
      } else {
        System.arraycopy(v, 0, outD, o, n);
      }
    }
  }

  /** Turns the correlations {@code v[0..n)} of one output row into scores, in place (one loop per metric). */
  private void scores(State st, double[] v, int n) {
    double[] a2 = st.acc2;
    switch (metric) {
      case SSD -> {
        for (int x = 0; x < n; x++) {
          v[x] = Math.max((a2[x] - 2 * v[x]) + t2, 0.0);
        }
      }
      case MSD -> {
        double cnt = (double) channels * tplane;
        for (int x = 0; x < n; x++) {
          v[x] = Math.max((a2[x] - 2 * v[x]) + t2, 0.0) / cnt;
        }
      }
      case SQDIFF_NORMED -> {
        for (int x = 0; x < n; x++) {
          double ssd = Math.max((a2[x] - 2 * v[x]) + t2, 0.0);
          v[x] = MatchEngine.guarded(ssd, Math.sqrt(a2[x]) * tn, 1.0);
        }
      }
      case CCORR_NORMED -> {
        for (int x = 0; x < n; x++) {
          double q = v[x];
          double d = Math.sqrt(a2[x]) * tn;
          v[x] = Math.abs(q) < d ? q / d : MatchEngine.guarded(q, d, 0.0);
        }
      }
      case CCOEFF_NORMED -> {
        for (int x = 0; x < n; x++) {
          double q = v[x];
          double d = Math.sqrt(Math.max(a2[x], 0.0)) * tn;
          // The common case |q| < d first (no NaN can pass it); guarded() settles the rest.
          v[x] = Math.abs(q) < d ? q / d : MatchEngine.guarded(q, d, 0.0);
        }
      }
      default -> {
        // CCORR, CCOEFF: the correlation itself
      }
    }
  }

  /**
   * Updates channel {@code c}'s column sums to output row {@code r} and adds its window sums to
   * {@code acc2} ({@code Σ x²}; CCOEFF_NORMED: the variance term {@code Σ x² − (Σ x)²/n}).
   */
  private void statsRow(State st, float[] xF, double[] xD, int off, int c, int r, boolean first, int c0, int ncol) {
    int so = c * ncol;
    double[] s1 = st.col1;
    double[] s2 = st.col2;
    if (xF != null) {
      if (first) {
        MatchStats.columns(xF, off, w, r, kh, c0, ncol, s1, s2, so);
      } else {
        MatchStats.slide(xF, off, w, r, kh, c0, ncol, s1, s2, so);
      }
    } else {
      if (first) {
        MatchStats.columns(xD, off, w, r, kh, c0, ncol, s1, s2, so);
      } else {
        MatchStats.slide(xD, off, w, r, kh, c0, ncol, s1, s2, so);
      }
    }
    int n = ncol - kw + 1;
    double[] r1 = channels == 1 ? st.acc1 : st.tmp1;
    double[] r2 = channels == 1 ? st.acc2 : st.tmp2;
    if (s1 != null) {
      MatchStats.rowSums(s1, so, kw, n, r1);
    }
    MatchStats.rowSums(s2, so, kw, n, r2);
    double[] a2 = st.acc2;
    if (channels == 1) {
      if (needS1) {
        for (int x = 0; x < n; x++) {
          a2[x] = a2[x] - r1[x] * r1[x] / tplane;
        }
      }
      return;
    }
    if (c == 0) {
      java.util.Arrays.fill(a2, 0, n, 0.0);
    }
    if (needS1) {
      for (int x = 0; x < n; x++) {
        a2[x] += r2[x] - r1[x] * r1[x] / tplane;
      }
    } else {
      for (int x = 0; x < n; x++) {
        a2[x] += r2[x];
      }
    }
  }
}
