package org.conv4j.match;

import java.util.Arrays;
import org.conv4j.internal.TensorAccess;
import org.conv4j.kernels.MatchFft;
import org.conv4j.kernels.MatchKernels;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * Template matching in {@code valid} geometry: the score of {@link Metric} for every placement of
 * a template inside an image, for 1-, 2- and 3-D data with optional channels and mask, plus the
 * best-match helpers ({@link #best}, {@link #argmin}, {@link #argmax}, {@link #topK}).
 *
 * <p>The output has shape {@code image − template + 1} per spatial axis; element {@code o} scores
 * the window {@code image[o : o + template.shape]}. Its dtype is float32 when image and template
 * are both float32, else float64. Window statistics are always accumulated in float64;
 * correlations and direct differences accumulate in the working dtype with fused multiply-adds.
 *
 * <p>Seed 000 (SPEC §8.1), the mean squared deviation of every 10×10 window of a 500×500 matrix
 * from a template; with integer-valued data every partial sum is an exact integer, so the result
 * is exact and the same for every method and thread count:
 * {@snippet :
 * Tensor z = ...;                                           // (500, 500) float64
 * Tensor x0 = z.slice(0, 123, 133, 1).slice(1, 321, 331, 1); // (10, 10)
 * Tensor m = TemplateMatch.match(z, x0, Metric.MSD);        // (491, 491)
 * Peak best = TemplateMatch.best(m, Metric.MSD);            // index [123, 321], score 0.0
 * }
 *
 * <p>NaN: a NaN in a window gives NaN for that window's score (running sums are not used when the
 * image holds NaN or infinities, so nothing spreads further); a NaN in the template gives NaN
 * everywhere. The best-match helpers skip NaN scores.
 */
public final class TemplateMatch {
  private TemplateMatch() {}

  /** {@link #match(Tensor, Tensor, Metric, MatchOptions)} with {@link MatchOptions#defaults()}. */
  public static Tensor match(Tensor image, Tensor template, Metric metric) {
    return match(image, template, metric, MatchOptions.defaults());
  }

  /**
   * Scores every placement of {@code template} in {@code image}.
   *
   * @param image not modified; spatial rank ≥ 1 (plus axis 0 for channels when
   *     {@code options.channels()})
   * @param template not modified; same rank (and channel count) as the image, no axis larger than
   *     the image's, no axis empty
   * @throws IllegalArgumentException for a rank or channel mismatch, an empty or oversized template,
   *     a mask of the wrong shape or without a positive weight
   */
  public static Tensor match(Tensor image, Tensor template, Metric metric, MatchOptions options) {
    if (image == null || template == null || metric == null || options == null) {
      throw new IllegalArgumentException("match: image, template, metric and options must not be null");
    }
    int rank = image.rank();
    if (template.rank() != rank) {
      throw new IllegalArgumentException("match: rank mismatch: image has rank " + rank + " " + shape(image)
          + " but template has rank " + template.rank() + " " + shape(template));
    }
    boolean ch = options.channels();
    int first = ch ? 1 : 0;
    if (rank - first < 1) {
      throw new IllegalArgumentException("match: need at least one spatial axis; image shape " + shape(image)
          + (ch ? " with a channel axis" : ""));
    }
    int channels = ch ? image.dim(0) : 1;
    if (ch && template.dim(0) != channels) {
      throw new IllegalArgumentException("match: image has " + channels + " channels but template has "
          + template.dim(0) + " (shapes " + shape(image) + " and " + shape(template) + ")");
    }
    if (channels < 1) {
      throw new IllegalArgumentException("match: empty channel axis (shape " + shape(image) + ")");
    }
    int d = rank - first;
    int[] s = new int[d];
    int[] k = new int[d];
    for (int a = 0; a < d; a++) {
      s[a] = image.dim(a + first);
      k[a] = template.dim(a + first);
      if (k[a] < 1) {
        throw new IllegalArgumentException("match: empty template: axis " + (a + first) + " has size 0 (template shape "
            + shape(template) + ")");
      }
      if (k[a] > s[a]) {
        throw new IllegalArgumentException("match: template larger than the image on axis " + (a + first) + ": "
            + k[a] + " > " + s[a] + " (image " + shape(image) + ", template " + shape(template) + ")");
      }
    }
    double[] mask = options.mask() == null ? null : maskWeights(options.mask(), template, ch, channels);
    DType dtype = DType.promote(image.dtype(), template.dtype());
    Scan scan = scan(image);
    MatchMethod method = select(metric, options.method(), dtype, mask != null, scan.finite, channels, s, k);
    MatchEngine e = new MatchEngine(channels, s, k, options.threads());
    if (mask == null && d <= 2 && metric != Metric.SAD
        && (method == MatchMethod.DECOMPOSITION || method == MatchMethod.FFT)) {
      return Planar.run(metric, method == MatchMethod.FFT, channels, d == 2 ? s[0] : 1, s[d - 1], d == 2 ? k[0] : 1,
          k[d - 1], image, template, dtype == DType.FLOAT32, scan.maxAbs, options.threads(), e.out);
    }
    double[] r = mask != null ? masked(e, image, template, metric, mask) : null;
    if (r == null) {
      if (dtype == DType.FLOAT32 && (method == MatchMethod.DIRECT || !needsStats(metric))) {
        float[] f = float32Direct(e, image, template, metric, method);
        if (f != null) {
          return TensorAccess.get().wrap(f, e.out);
        }
      }
      r = unmasked(e, image, template, metric, method);
    }
    if (dtype == DType.FLOAT32) {
      float[] f = new float[r.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) r[i];
      }
      return TensorAccess.get().wrap(f, e.out);
    }
    return TensorAccess.get().wrap(r, e.out);
  }

  /**
   * The algorithm a call will use: a pure function of the problem, for tests and reports. Without
   * the geometry ({@link #select(Metric, MatchMethod, DType, boolean, boolean, int, int[], int[])})
   * {@link MatchMethod#AUTO} never picks {@link MatchMethod#FFT}.
   */
  public static MatchMethod select(Metric metric, MatchMethod requested, DType dtype, boolean masked, boolean finite) {
    return select(metric, requested, dtype, masked, finite, 1, null, null);
  }

  /**
   * The algorithm a call will use: a pure function of the problem, for tests and reports.
   * Whatever was requested, SAD (no decomposition exists) and images holding NaN or infinities
   * (running sums and transforms would carry them along) run {@link MatchMethod#DIRECT}, and
   * {@link MatchMethod#FFT} applies to unmasked 1-D and 2-D problems (with any channel count), else
   * runs as {@link MatchMethod#DECOMPOSITION}. {@link MatchMethod#AUTO} picks {@link MatchMethod#FFT}
   * when the cost model says the tiled transforms are cheaper than the direct correlation
   * ({@link #fftCheaper}; large templates, roughly beyond 15×15 in float32), else
   * {@link MatchMethod#DIRECT} for CCORR and CCOEFF (one pass either way) and float32 SQDIFF_NORMED,
   * and {@link MatchMethod#DECOMPOSITION} otherwise, which needs half the multiply-adds of a direct
   * SSD and a third of direct normalised statistics.
   *
   * <p>Accuracy: in float64 the direct and decomposition methods are exact for integer data (every
   * partial sum is an integer below 2<sup>53</sup>) and differ by about {@code 1e-16·‖window‖²}
   * otherwise. For float32 SSD/MSD the decomposition correlates in float32 (data centred on the
   * template mean first), so its error is about {@code 1e-7·‖window − mean‖²}, like OpenCV's
   * {@code TM_SQDIFF}; request {@link MatchMethod#DIRECT} when a perfect match must score exactly 0
   * in float32. The FFT method correlates in float64 for both dtypes, with an error of about
   * {@code 1e-16·log₂N·Σ|window|·|template|} (N the tile size); for integer-valued float64 data whose
   * error bound is below ¼ it rounds the correlation to integers, which makes it exact too.
   *
   * @param channels the channel count (1 without a channel axis)
   * @param imageShape the image's spatial shape, or null when unknown (then AUTO never picks FFT)
   * @param templateShape the template's spatial shape, or null
   */
  public static MatchMethod select(Metric metric, MatchMethod requested, DType dtype, boolean masked, boolean finite,
      int channels, int[] imageShape, int[] templateShape) {
    if (metric == Metric.SAD || !finite) {
      return MatchMethod.DIRECT;
    }
    boolean planar = !masked && (imageShape == null || imageShape.length <= 2);
    if (requested == MatchMethod.FFT) {
      return planar ? MatchMethod.FFT : MatchMethod.DECOMPOSITION;
    }
    if (requested != MatchMethod.AUTO) {
      return requested;
    }
    if (planar && imageShape != null && fftCheaper(dtype, channels, imageShape, templateShape)) {
      return MatchMethod.FFT;
    }
    if (metric == Metric.CCORR || metric == Metric.CCOEFF) {
      return MatchMethod.DIRECT;
    }
    if (!masked && dtype == DType.FLOAT32 && metric == Metric.SQDIFF_NORMED) {
      return MatchMethod.DIRECT;
    }
    return MatchMethod.DECOMPOSITION;
  }

  /** Direct correlation, ns per multiply-add and thread: float32 (8 lanes) and float64 (4 lanes). */
  static final double DIRECT_NS_F32 = 0.07;
  static final double DIRECT_NS_F64 = 0.14;
  /** Tiled FFT (transforms, products, statistics), ns per unit of {@link MatchFft#work} and thread. */
  static final double FFT_NS = 0.65;

  /**
   * The cost model of {@link MatchMethod#AUTO}: whether the tiled FFT correlation
   * ({@link MatchFft#work} units) is estimated cheaper than the direct one ({@code outputs ·
   * channels · template size} multiply-adds), with coefficients measured on an AVX2 machine
   * (single-thread CPU time; docs/BENCHMARKS.md).
   */
  static boolean fftCheaper(DType dtype, int channels, int[] s, int[] k) {
    int d = s.length;
    int h = d == 2 ? s[0] : 1;
    int kh = d == 2 ? k[0] : 1;
    int w = s[d - 1];
    int kw = k[d - 1];
    double macs = (double) (h - kh + 1) * (w - kw + 1) * channels * kh * kw;
    double direct = macs * (dtype == DType.FLOAT32 ? DIRECT_NS_F32 : DIRECT_NS_F64);
    double fft = MatchFft.work(channels, h, w, kh, kw) * FFT_NS;
    return fft < direct;
  }

  private static boolean needsStats(Metric m) {
    return m.normalised() || m == Metric.SSD || m == Metric.MSD;
  }

  /** Float32 paths whose result is one kernel pass (accumulated in float32), else null. */
  private static float[] float32Direct(MatchEngine e, Tensor image, Tensor template, Metric metric, MatchMethod method) {
    float[] img = image.to(DType.FLOAT32).toFloatArray();
    float[] t = template.to(DType.FLOAT32).toFloatArray();
    switch (metric) {
      case SSD, MSD -> {
        float[] r = e.run(MatchKernels.SQDIFF, img, t, e.rowOff);
        if (metric == Metric.MSD) {
          double n = (double) e.channels * e.tplane;
          for (int i = 0; i < r.length; i++) {
            r[i] = (float) (r[i] / n);
          }
        }
        return r;
      }
      case SAD -> {
        return e.run(MatchKernels.ABSDIFF, img, t, e.rowOff);
      }
      case CCORR -> {
        return e.run(MatchKernels.CORR, img, t, e.rowOff);
      }
      case CCOEFF -> {
        double[] tc = centred(template.toDoubleArray(), e.channels, e.tplane);
        float[] tf = new float[tc.length];
        for (int i = 0; i < tf.length; i++) {
          tf[i] = (float) tc[i];
        }
        return e.run(MatchKernels.CORR, img, tf, e.rowOff);
      }
      default -> {
        return null;
      }
    }
  }

  /** Unmasked scores in float64 (float32 inputs are widened, correlation then in float64). */
  private static double[] unmasked(MatchEngine e, Tensor image, Tensor template, Metric metric, MatchMethod method) {
    boolean direct = method == MatchMethod.DIRECT;
    double[] img = image.toDoubleArray();
    double[] t = template.toDoubleArray();
    double n = (double) e.channels * e.tplane;
    switch (metric) {
      case SAD:
        return e.run(MatchKernels.ABSDIFF, img, t, e.rowOff);
      case CCORR:
        return e.run(MatchKernels.CORR, img, t, e.rowOff);
      case CCOEFF:
        return e.run(MatchKernels.CORR, img, centred(t, e.channels, e.tplane), e.rowOff);
      case SSD:
      case MSD:
      case SQDIFF_NORMED: {
        double[] ssd;
        double[] s2 = null;
        double t2 = sumSquares(t);
        if (direct) {
          ssd = e.run(MatchKernels.SQDIFF, img, t, e.rowOff);
        } else {
          ssd = e.run(MatchKernels.CORR, img, t, e.rowOff);
          s2 = e.allSums(img, true, false);
          for (int i = 0; i < ssd.length; i++) {
            ssd[i] = Math.max((s2[i] - 2 * ssd[i]) + t2, 0.0);
          }
        }
        if (metric == Metric.MSD) {
          for (int i = 0; i < ssd.length; i++) {
            ssd[i] /= n;
          }
        } else if (metric == Metric.SQDIFF_NORMED) {
          if (s2 == null) {
            s2 = e.allSums(img, true, true);
          }
          double tn = Math.sqrt(t2);
          for (int i = 0; i < ssd.length; i++) {
            ssd[i] = MatchEngine.guarded(ssd[i], Math.sqrt(s2[i]) * tn, 1.0);
          }
        }
        return ssd;
      }
      case CCORR_NORMED: {
        double[] c = numerator(e, image, t, template.dtype());
        double[] s2 = e.allSums(img, true, direct);
        double tn = Math.sqrt(sumSquares(t));
        for (int i = 0; i < c.length; i++) {
          c[i] = MatchEngine.guarded(c[i], Math.sqrt(s2[i]) * tn, 0.0);
        }
        return c;
      }
      case CCOEFF_NORMED: {
        double[] tc = centred(t, e.channels, e.tplane);
        double tvar = sumSquares(tc);
        double[] num = numerator(e, image, tc, template.dtype());
        if (tvar / e.tplane < Math.ulp(1.0)) {
          // OpenCV: a template without variance matches everywhere equally.
          for (int i = 0; i < num.length; i++) {
            num[i] = Double.isNaN(num[i]) ? Double.NaN : 1.0;
          }
          return num;
        }
        double[] var = new double[e.size];
        for (int c = 0; c < e.channels; c++) {
          double[] s1 = e.channelSums(img, c, false, direct);
          double[] s2 = e.channelSums(img, c, true, direct);
          for (int i = 0; i < var.length; i++) {
            var[i] += s2[i] - s1[i] * s1[i] / e.tplane;
          }
        }
        double tn = Math.sqrt(tvar);
        for (int i = 0; i < num.length; i++) {
          num[i] = MatchEngine.guarded(num[i], Math.sqrt(Math.max(var[i], 0.0)) * tn, 0.0);
        }
        return num;
      }
      default:
        throw new AssertionError(metric);
    }
  }

  /**
   * The correlation numerator of a normalised metric: in float32 (8 lanes) for float32 images, whose
   * scores are float32 anyway, else in float64. Window statistics stay float64.
   */
  private static double[] numerator(MatchEngine e, Tensor image, double[] t, DType templateType) {
    if (DType.promote(image.dtype(), templateType) != DType.FLOAT32) {
      return e.run(MatchKernels.CORR, image.toDoubleArray(), t, e.rowOff);
    }
    float[] tf = new float[t.length];
    for (int i = 0; i < tf.length; i++) {
      tf[i] = (float) t[i];
    }
    float[] r = e.run(MatchKernels.CORR, image.toFloatArray(), tf, e.rowOff);
    double[] out = new double[r.length];
    for (int i = 0; i < r.length; i++) {
      out[i] = r[i];
    }
    return out;
  }

  /** Masked scores (float64 throughout); see {@link Metric} for the definitions. */
  private static double[] masked(MatchEngine e, Tensor image, Tensor template, Metric metric, double[] m) {
    double[] img = image.toDoubleArray();
    double[] t = template.toDoubleArray();
    int len = t.length;
    double[] w = new double[len];
    double[] wt = new double[len];
    double wsum = 0;
    double wt2 = 0;
    for (int i = 0; i < len; i++) {
      w[i] = m[i] * m[i];
      wt[i] = w[i] * t[i];
      wsum += w[i];
      wt2 += wt[i] * t[i];
    }
    if (!(wsum > 0)) {
      throw new IllegalArgumentException("match: the mask has no positive weight (every window would be empty)");
    }
    if (metric == Metric.SAD) {
      double[] am = new double[len];
      for (int i = 0; i < len; i++) {
        am[i] = Math.abs(m[i]);
      }
      return e.maskedSad(img, t, am);
    }
    if (metric == Metric.CCORR) {
      return e.run(MatchKernels.CORR, img, wt, e.rowOff);
    }
    double[] sq = new double[img.length];
    for (int i = 0; i < sq.length; i++) {
      sq[i] = img[i] * img[i];
    }
    switch (metric) {
      case SSD, MSD, SQDIFF_NORMED, CCORR_NORMED -> {
        double[] c = e.run(MatchKernels.CORR, img, wt, e.rowOff);
        double[] s2 = e.run(MatchKernels.CORR, sq, w, e.rowOff);
        double tn = Math.sqrt(wt2);
        for (int i = 0; i < c.length; i++) {
          if (metric == Metric.CCORR_NORMED) {
            c[i] = MatchEngine.plain(c[i], Math.sqrt(s2[i]) * tn, 0.0);
          } else {
            double ssd = Math.max((s2[i] - 2 * c[i]) + wt2, 0.0);
            c[i] = metric == Metric.SSD ? ssd
                : metric == Metric.MSD ? ssd / wsum
                : MatchEngine.plain(ssd, Math.sqrt(s2[i]) * tn, 1.0);
          }
        }
        return c;
      }
      case CCOEFF, CCOEFF_NORMED -> {
        double[] tc = new double[len];
        double tvar = 0;
        for (int c = 0; c < e.channels; c++) {
          int lo = c * e.tplane;
          double sw = 0;
          double swt = 0;
          for (int i = lo; i < lo + e.tplane; i++) {
            sw += w[i];
            swt += wt[i];
          }
          double mean = sw > 0 ? swt / sw : 0;
          for (int i = lo; i < lo + e.tplane; i++) {
            double dv = t[i] - mean;
            tc[i] = w[i] * dv;
            tvar += w[i] * dv * dv;
          }
        }
        double[] num = e.run(MatchKernels.CORR, img, tc, e.rowOff);
        if (metric == Metric.CCOEFF) {
          return num;
        }
        double[] var = new double[e.size];
        for (int c = 0; c < e.channels; c++) {
          double[] wc = Arrays.copyOfRange(w, c * e.tplane, (c + 1) * e.tplane);
          double sw = 0;
          for (double v : wc) {
            sw += v;
          }
          if (!(sw > 0)) {
            continue;
          }
          int[] rows = e.channelRows(c);
          double[] s1 = e.run(MatchKernels.CORR, img, wc, rows);
          double[] s2 = e.run(MatchKernels.CORR, sq, wc, rows);
          for (int i = 0; i < var.length; i++) {
            var[i] += s2[i] - s1[i] * s1[i] / sw;
          }
        }
        double tn = Math.sqrt(tvar);
        for (int i = 0; i < num.length; i++) {
          num[i] = MatchEngine.plain(num[i], Math.sqrt(Math.max(var[i], 0.0)) * tn, 0.0);
        }
        return num;
      }
      default -> throw new AssertionError(metric);
    }
  }

  /** The mask as weights over the template's elements (broadcast over channels when spatial). */
  private static double[] maskWeights(Tensor mask, Tensor template, boolean ch, int channels) {
    int[] ms = mask.shape();
    int[] ts = template.shape();
    double[] v = mask.toDoubleArray();
    if (Arrays.equals(ms, ts)) {
      return v;
    }
    if (ch && Arrays.equals(ms, Arrays.copyOfRange(ts, 1, ts.length))) {
      double[] r = new double[v.length * channels];
      for (int c = 0; c < channels; c++) {
        System.arraycopy(v, 0, r, c * v.length, v.length);
      }
      return r;
    }
    throw new IllegalArgumentException("match: mask shape " + shape(mask) + " does not match the template shape "
        + shape(template) + (ch ? " or its spatial shape " + Arrays.toString(Arrays.copyOfRange(ts, 1, ts.length)) : ""));
  }

  /** Template minus its per-channel mean. */
  static double[] centred(double[] t, int channels, int tplane) {
    double[] r = new double[t.length];
    for (int c = 0; c < channels; c++) {
      double sum = 0;
      for (int i = c * tplane; i < (c + 1) * tplane; i++) {
        sum += t[i];
      }
      double mean = sum / tplane;
      for (int i = c * tplane; i < (c + 1) * tplane; i++) {
        r[i] = t[i] - mean;
      }
    }
    return r;
  }

  private static double sumSquares(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return s;
  }

  /** Whether every value is finite, and the largest magnitude. */
  private record Scan(boolean finite, double maxAbs) {}

  /** One pass, a max-reduction the JIT vectorises: NaN and infinities make the maximum non-finite. */
  private static Scan scan(Tensor x) {
    float[] f = rawFloats(x);
    int n = x.size();
    if (f != null) {
      int off = TensorAccess.get().offset(x);
      float m = 0f;
      for (int i = 0; i < n; i++) {
        m = Math.max(m, Math.abs(f[off + i]));
      }
      return new Scan(m <= Float.MAX_VALUE, m);
    }
    double[] v = rawDoubles(x);
    int off = v != null ? TensorAccess.get().offset(x) : 0;
    if (v == null) {
      v = x.toDoubleArray();
    }
    double m = 0;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, Math.abs(v[off + i]));
    }
    return new Scan(m <= Double.MAX_VALUE, m);
  }

  /** The float32 storage of a C-contiguous float32 tensor (elements from its offset), else null. */
  static float[] rawFloats(Tensor x) {
    return x.dtype() == DType.FLOAT32 && x.isContiguous() ? TensorAccess.get().floats(x) : null;
  }

  /** The float64 storage of a C-contiguous float64 tensor (elements from its offset), else null. */
  static double[] rawDoubles(Tensor x) {
    return x.dtype() == DType.FLOAT64 && x.isContiguous() ? TensorAccess.get().doubles(x) : null;
  }

  private static String shape(Tensor t) {
    return Arrays.toString(t.shape()).replace('[', '(').replace(']', ')');
  }

  // ---------------------------------------------------------------------------------------------
  // Best-match helpers

  /** The best score of a map for {@code metric}: {@link #argmin} or {@link #argmax}. */
  public static Peak best(Tensor scores, Metric metric) {
    return metric.lowerIsBetter() ? argmin(scores) : argmax(scores);
  }

  /**
   * The smallest score and its multi-index (the first in C order on ties); NaN scores are skipped.
   *
   * @throws IllegalArgumentException when the map is empty or all NaN
   */
  public static Peak argmin(Tensor scores) {
    return extreme(scores, true);
  }

  /** The largest score and its multi-index (first in C order on ties); NaN skipped. */
  public static Peak argmax(Tensor scores) {
    return extreme(scores, false);
  }

  private static Peak extreme(Tensor scores, boolean min) {
    double[] v = scores.toDoubleArray();
    int best = -1;
    for (int i = 0; i < v.length; i++) {
      if (!Double.isNaN(v[i]) && (best < 0 || (min ? v[i] < v[best] : v[i] > v[best]))) {
        best = i;
      }
    }
    if (best < 0) {
      throw new IllegalArgumentException("no best match: the score map " + shape(scores) + " is empty or all NaN");
    }
    return new Peak(unravel(best, scores.shape()), v[best]);
  }

  /**
   * Up to {@code k} best matches with greedy non-maximum suppression: repeatedly take the best
   * remaining score (first in C order on ties, NaN never) and suppress every location closer than
   * {@code minDistance[a]} on every axis {@code a} (pass the template's spatial shape to forbid
   * overlapping windows). Costs {@code O(k·size)}.
   *
   * @param lowerIsBetter whether low scores are better ({@link Metric#lowerIsBetter()})
   * @param minDistance one positive value per axis of the map, or one value for all
   * @return best first; fewer than {@code k} when the map runs out
   */
  public static java.util.List<Peak> topK(Tensor scores, int k, boolean lowerIsBetter, int... minDistance) {
    int[] shape = scores.shape();
    if (k < 0) {
      throw new IllegalArgumentException("topK: k must be non-negative, got " + k);
    }
    int[] md = new int[shape.length];
    if (minDistance.length == 1) {
      Arrays.fill(md, minDistance[0]);
    } else if (minDistance.length == shape.length) {
      md = minDistance.clone();
    } else {
      throw new IllegalArgumentException("topK: minDistance has " + minDistance.length + " values for a map of rank "
          + shape.length);
    }
    for (int a : md) {
      if (a < 1) {
        throw new IllegalArgumentException("topK: minDistance must be positive, got " + Arrays.toString(md));
      }
    }
    double[] v = scores.toDoubleArray();
    boolean[] gone = new boolean[v.length];
    java.util.List<Peak> out = new java.util.ArrayList<>();
    while (out.size() < k) {
      int best = -1;
      for (int i = 0; i < v.length; i++) {
        if (!gone[i] && !Double.isNaN(v[i])
            && (best < 0 || (lowerIsBetter ? v[i] < v[best] : v[i] > v[best]))) {
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      int[] at = unravel(best, shape);
      out.add(new Peak(at, v[best]));
      suppress(gone, shape, at, md);
    }
    return out;
  }

  private static void suppress(boolean[] gone, int[] shape, int[] at, int[] md) {
    int d = shape.length;
    int[] lo = new int[d];
    int[] hi = new int[d];
    for (int a = 0; a < d; a++) {
      lo[a] = Math.max(0, at[a] - md[a] + 1);
      hi[a] = Math.min(shape[a] - 1, at[a] + md[a] - 1);
    }
    int[] idx = lo.clone();
    while (true) {
      int flat = 0;
      for (int a = 0; a < d; a++) {
        flat = flat * shape[a] + idx[a];
      }
      gone[flat] = true;
      int a = d - 1;
      while (a >= 0 && ++idx[a] > hi[a]) {
        idx[a] = lo[a];
        a--;
      }
      if (a < 0) {
        return;
      }
    }
  }

  private static int[] unravel(int flat, int[] shape) {
    int[] idx = new int[shape.length];
    for (int a = shape.length - 1; a >= 0; a--) {
      idx[a] = flat % shape[a];
      flat /= shape[a];
    }
    return idx;
  }
}
