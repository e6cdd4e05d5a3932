package org.conv4j.kernels;

import org.conv4j.kernels.simd.MatchSimd;

/**
 * Template-matching kernels in {@code valid} geometry over flat row-major arrays, and the window
 * sums ("box sums") the normalised metrics need.
 *
 * <p><b>Rows.</b> {@link #row} computes one output row {@code out[x] = Σ_r Σ_j f(img[base + rowOff[r]
 * + x + j], t[r·kx + j])}, {@code x < ow}, where template row {@code r} (leading template axes and
 * channels flattened, see {@link #rowOffsets}) starts at image offset {@code rowOff[r]} from the
 * window origin and has {@code kx} contiguous taps; {@code f} is {@link #CORR} ({@code i·t}),
 * {@link #SQDIFF} ({@code (i − t)²}) or {@link #ABSDIFF} ({@code |i − t|}). It dispatches once per
 * process to {@link MatchSimd} or, when the {@code jdk.incubator.vector} module is absent or
 * {@code -Dconv4j.simd=false} is set, to {@link #rowScalar}, its plainly written twin: both sum tap
 * by tap in the same order with fused multiply-adds, so they give the same bits.
 *
 * <p><b>Box sums.</b> {@link #boxSums} gives every window's {@code Σ x} or {@code Σ x²} in float64
 * by separable running sums (one pass per axis: add the sample entering the window, subtract the
 * one leaving it). With integer-valued inputs every partial sum is an integer, exact while below
 * 2<sup>53</sup>, so the result is exact; with other inputs the error grows with the line length
 * (about {@code n·ε} of the largest sum), far below float32 resolution.
 */
public final class MatchKernels {
  /** {@code f(i, t) = i·t}. */
  public static final int CORR = MatchSimd.CORR;
  /** {@code f(i, t) = (i − t)²}. */
  public static final int SQDIFF = MatchSimd.SQDIFF;
  /** {@code f(i, t) = |i − t|}. */
  public static final int ABSDIFF = MatchSimd.ABSDIFF;

  /**
   * Whether the Vector API kernels are used: decided once from the system property
   * {@code conv4j.simd} (anything but {@code false} allows them) and whether the
   * {@code jdk.incubator.vector} module is present and its kernels link and run.
   */
  public static final boolean SIMD = detect();

  private MatchKernels() {}

  private static boolean detect() {
    return SimdSwitch.enabled(MatchSimdProbe::works);
  }


  /**
   * The image offsets of the template rows: for an image of shape {@code (C, S_0..S_{d−1})} (C = 1
   * without channels) and a template {@code (C, K_0..K_{d−1})}, template row {@code r = (c, k_0 ..
   * k_{d−2})} in C order starts at {@code c·ΠS + Σ_a k_a·stride_a} from the window origin.
   */
  public static int[] rowOffsets(int channels, int[] imgShape, int[] tShape) {
    int d = imgShape.length;
    int[] imgStride = new int[d];
    int acc = 1;
    for (int a = d - 1; a >= 0; a--) {
      imgStride[a] = acc;
      acc *= imgShape[a];
    }
    int plane = acc;
    int rowsPerChannel = 1;
    for (int a = 0; a < d - 1; a++) {
      rowsPerChannel *= tShape[a];
    }
    int[] off = new int[channels * rowsPerChannel];
    int[] k = new int[Math.max(d - 1, 0)];
    for (int r = 0; r < rowsPerChannel; r++) {
      int o = 0;
      for (int a = 0; a < d - 1; a++) {
        o += k[a] * imgStride[a];
      }
      for (int c = 0; c < channels; c++) {
        off[c * rowsPerChannel + r] = c * plane + o;
      }
      for (int a = d - 2; a >= 0; a--) {
        if (++k[a] < tShape[a]) {
          break;
        }
        k[a] = 0;
      }
    }
    return off;
  }

  /** One output row, float32 (see the class comment). {@code out} modified; others not. */
  public static void row(int op, float[] img, int base, int[] rowOff, float[] t, int kx, float[] out, int outOff, int ow) {
    if (SIMD) {
      MatchSimd.row(op, img, base, rowOff, t, kx, out, outOff, ow);
    } else {
      rowScalar(op, img, base, rowOff, t, kx, out, outOff, ow);
    }
  }

  /** One output row, float64 (see the class comment). {@code out} modified; others not. */
  public static void row(int op, double[] img, int base, int[] rowOff, double[] t, int kx, double[] out, int outOff, int ow) {
    if (SIMD) {
      MatchSimd.row(op, img, base, rowOff, t, kx, out, outOff, ow);
    } else {
      rowScalar(op, img, base, rowOff, t, kx, out, outOff, ow);
    }
  }

  /**
   * Two consecutive output rows of a single-channel 2-D float32 correlation sharing their loads
   * ({@link MatchSimd#corr2Rows}); the same bits as two {@link #row} calls. Requires {@link #SIMD}.
   */
  public static void corr2Rows(float[] img, int base, int w, int kh, float[] t, int kx, float[] out, int out0,
      int out1, int ow) {
    MatchSimd.corr2Rows(img, base, w, kh, t, kx, out, out0, out1, ow);
  }

  /** The scalar twin of {@link MatchSimd}, float32: same taps in the same order. */
  public static void rowScalar(int op, float[] img, int base, int[] rowOff, float[] t, int kx, float[] out, int outOff, int ow) {
    for (int x = 0; x < ow; x++) {
      float acc = 0f;
      for (int r = 0; r < rowOff.length; r++) {
        int p = base + rowOff[r] + x;
        int tr = r * kx;
        for (int j = 0; j < kx; j++) {
          float i = img[p + j];
          float w = t[tr + j];
          acc = switch (op) {
            case CORR -> Math.fma(i, w, acc);
            case SQDIFF -> Math.fma(i - w, i - w, acc);
            default -> acc + Math.abs(i - w);
          };
        }
      }
      out[outOff + x] = acc;
    }
  }

  /** The scalar twin of {@link MatchSimd}, float64: same taps in the same order. */
  public static void rowScalar(int op, double[] img, int base, int[] rowOff, double[] t, int kx, double[] out, int outOff, int ow) {
    for (int x = 0; x < ow; x++) {
      double acc = 0;
      for (int r = 0; r < rowOff.length; r++) {
        int p = base + rowOff[r] + x;
        int tr = r * kx;
        for (int j = 0; j < kx; j++) {
          double i = img[p + j];
          double w = t[tr + j];
          acc = switch (op) {
            case CORR -> Math.fma(i, w, acc);
            case SQDIFF -> Math.fma(i - w, i - w, acc);
            default -> acc + Math.abs(i - w);
          };
        }
      }
      out[outOff + x] = acc;
    }
  }

  /**
   * Window sums in {@code valid} geometry: for {@code x} of shape {@code shape} (row-major) and a
   * window {@code k}, {@code out[o] = Σ_{j<k} g(x[o + j])} with {@code g(v) = v} or {@code v²}, of
   * shape {@code shape − k + 1}. Separable running sums, one pass per axis, in float64.
   *
   * @param x not modified
   * @return a new array of the output size
   */
  public static double[] boxSums(double[] x, int xOff, int[] shape, int[] k, boolean squared) {
    int d = shape.length;
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    double[] cur = new double[n];
    if (squared) {
      for (int i = 0; i < n; i++) {
        double v = x[xOff + i];
        cur[i] = v * v;
      }
    } else {
      System.arraycopy(x, xOff, cur, 0, n);
    }
    int[] s = shape.clone();
    for (int a = d - 1; a >= 0; a--) {
      cur = boxPass(cur, s, a, k[a]);
      s[a] = s[a] - k[a] + 1;
    }
    return cur;
  }

  /** {@link #boxSums} of a float32 array (values widened exactly before summing). */
  public static double[] boxSums(float[] x, int xOff, int[] shape, int[] k, boolean squared) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    double[] wide = new double[n];
    for (int i = 0; i < n; i++) {
      wide[i] = x[xOff + i];
    }
    return boxSums(wide, 0, shape, k, squared);
  }

  /**
   * One running-sum pass along axis {@code a} of a row-major array of shape {@code s}: length
   * {@code s[a]} becomes {@code s[a] − k + 1}. The inner loop runs over the contiguous axes after
   * {@code a}, so all but the last pass stream whole rows (vectorisable by the JIT).
   */
  static double[] boxPass(double[] x, int[] s, int a, int k) {
    int outer = 1;
    for (int i = 0; i < a; i++) {
      outer *= s[i];
    }
    int inner = 1;
    for (int i = a + 1; i < s.length; i++) {
      inner *= s[i];
    }
    int len = s[a];
    int olen = len - k + 1;
    double[] out = new double[outer * olen * inner];
    for (int o = 0; o < outer; o++) {
      int src = o * len * inner;
      int dst = o * olen * inner;
      if (inner == 1) {
        double acc = 0;
        for (int j = 0; j < k; j++) {
          acc += x[src + j];
        }
        out[dst] = acc;
        for (int i = 1; i < olen; i++) {
          acc += x[src + i + k - 1] - x[src + i - 1];
          out[dst + i] = acc;
        }
      } else {
        for (int j = 0; j < k; j++) {
          int p = src + j * inner;
          for (int q = 0; q < inner; q++) {
            out[dst + q] += x[p + q];
          }
        }
        for (int i = 1; i < olen; i++) {
          int prev = dst + (i - 1) * inner;
          int cur = dst + i * inner;
          int add = src + (i + k - 1) * inner;
          int sub = src + (i - 1) * inner;
          for (int q = 0; q < inner; q++) {
            out[cur + q] = out[prev + q] + (x[add + q] - x[sub + q]);
          }
        }
      }
    }
    return out;
  }
}
