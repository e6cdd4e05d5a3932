package org.conv4j.kernels;

import java.util.Arrays;

/**
 * Scalar pooling kernels: max and average pooling forward and backward over a stack of
 * independent planes, for float32 and float64.
 *
 * <p>Layout: the input is {@code (planes, D, H, W)} in C order from an offset, the output (and the
 * max-pool indices) {@code (planes, OD, OH, OW)}; 1-D and 2-D ops pass {@link PoolAxis#unit()} for
 * the leading axes, so one loop nest serves all ranks and a flat index {@code (d·H + h)·W + w} is
 * PyTorch's offset into the unpadded input plane for every rank. Which input positions a window
 * reads, and how large it counts as, come from the per-axis {@link PoolAxis} tables.
 *
 * <p>These are the plainly written reference kernels: every window is visited tap by tap in
 * row-major order. Each is single-threaded, writes only into the caller's output, and allocates
 * nothing. Float32 sums and gradient scatters accumulate in double and are rounded once; the
 * float32 backward kernels take a caller-provided double scratch plane for that.
 */
public final class PoolKernels {
  private PoolKernels() {}

  // ------------------------------------------------------------------------------------------
  // Max pooling

  /**
   * Max pooling forward; {@code x (planes, D, H, W) → y, idx (planes, OD, OH, OW)}.
   *
   * <p>Taps are scanned in row-major order and taken when {@code v > max || isNaN(v)} (ATen's CPU
   * rule), starting from {@code max = −∞} and the first in-bounds tap: ties keep the first tap, NaN
   * propagates and the last NaN's index is kept. A window with no in-bounds tap yields −∞ and index
   * −1.
   *
   * @param x input, not modified
   * @param y output values, modified
   * @param idx output flat indices into each input plane, modified
   */
  public static void maxPool(
      float[] x, int xOff, float[] y, int yOff, int[] idx, int idxOff, int planes, PoolAxis ad, PoolAxis ah, PoolAxis aw) {
    if (isUnit(ad) && uniformStride(ah) > 0 && uniformStride(aw) > 0) {
      maxPoolUniform2d(x, xOff, y, yOff, idx, idxOff, planes, ah, aw);
    } else {
      maxPoolTables(x, xOff, y, yOff, idx, idxOff, planes, ad, ah, aw);
    }
  }

  /** The table-driven general case of {@link #maxPool}: any rank, padding, dilation and ceil-mode overhang. */
  static void maxPoolTables(
      float[] x, int xOff, float[] y, int yOff, int[] idx, int idxOff, int planes, PoolAxis ad, PoolAxis ah, PoolAxis aw) {
    int hw = ah.inLength() * aw.inLength();
    int inPlane = ad.inLength() * hw;
    int outPlane = ad.outLength() * ah.outLength() * aw.outLength();
    for (int p = 0; p < planes; p++) {
      int xBase = xOff + p * inPlane;
      int o = p * outPlane;
      for (int od = 0; od < ad.outLength(); od++) {
        for (int oh = 0; oh < ah.outLength(); oh++) {
          for (int ow = 0; ow < aw.outLength(); ow++, o++) {
            float max = Float.NEGATIVE_INFINITY;
            int arg = -1;
            if (ad.count()[od] > 0 && ah.count()[oh] > 0 && aw.count()[ow] > 0) {
              arg = ad.first()[od] * hw + ah.first()[oh] * aw.inLength() + aw.first()[ow];
              for (int td = 0, d = ad.first()[od]; td < ad.count()[od]; td++, d += ad.step()) {
                for (int th = 0, h = ah.first()[oh]; th < ah.count()[oh]; th++, h += ah.step()) {
                  int row = d * hw + h * aw.inLength();
                  for (int tw = 0, w = aw.first()[ow]; tw < aw.count()[ow]; tw++, w += aw.step()) {
                    float v = x[xBase + row + w];
                    if (v > max || Float.isNaN(v)) {
                      max = v;
                      arg = row + w;
                    }
                  }
                }
              }
            }
            y[yOff + o] = max;
            idx[idxOff + o] = arg;
          }
        }
      }
    }
  }

  /**
   * {@link #maxPool} for 2-D windows that all lie inside the input with one size and stride per
   * axis (no padding reached, dilation 1): the window loop without tables. Same scan order and tie
   * and NaN rule, so the same values and indices.
   */
  static void maxPoolUniform2d(float[] x, int xOff, float[] y, int yOff, int[] idx, int idxOff, int planes, PoolAxis ah, PoolAxis aw) {
    int ih = ah.inLength(), iw = aw.inLength(), oh = ah.outLength(), ow = aw.outLength();
    int kh = ah.count()[0], kw = aw.count()[0], sh = uniformStride(ah), sw = uniformStride(aw);
    int h0 = ah.first()[0], w0 = aw.first()[0];
    int o = 0;
    for (int p = 0; p < planes; p++) {
      int base = xOff + p * ih * iw;
      for (int r = 0; r < oh; r++) {
        int top = (h0 + r * sh) * iw + w0;
        for (int q = 0; q < ow; q++, o++) {
          int first = top + q * sw;
          float max = Float.NEGATIVE_INFINITY;
          int arg = first;
          for (int th = 0, row = first; th < kh; th++, row += iw) {
            for (int tw = 0; tw < kw; tw++) {
              float v = x[base + row + tw];
              if (v > max || Float.isNaN(v)) {
                max = v;
                arg = row + tw;
              }
            }
          }
          y[yOff + o] = max;
          idx[idxOff + o] = arg;
        }
      }
    }
  }

  /** Float64 twin of {@link #maxPool(float[], int, float[], int, int[], int, int, PoolAxis, PoolAxis, PoolAxis)}. */
  public static void maxPool(
      double[] x, int xOff, double[] y, int yOff, int[] idx, int idxOff, int planes, PoolAxis ad, PoolAxis ah, PoolAxis aw) {
    if (isUnit(ad) && uniformStride(ah) > 0 && uniformStride(aw) > 0) {
      maxPoolUniform2d(x, xOff, y, yOff, idx, idxOff, planes, ah, aw);
    } else {
      maxPoolTables(x, xOff, y, yOff, idx, idxOff, planes, ad, ah, aw);
    }
  }

  /** The table-driven general case of {@link #maxPool}: any rank, padding, dilation and ceil-mode overhang. */
  static void maxPoolTables(
      double[] x, int xOff, double[] y, int yOff, int[] idx, int idxOff, int planes, PoolAxis ad, PoolAxis ah, PoolAxis aw) {
    int hw = ah.inLength() * aw.inLength();
    int inPlane = ad.inLength() * hw;
    int outPlane = ad.outLength() * ah.outLength() * aw.outLength();
    for (int p = 0; p < planes; p++) {
      int xBase = xOff + p * inPlane;
      int o = p * outPlane;
      for (int od = 0; od < ad.outLength(); od++) {
        for (int oh = 0; oh < ah.outLength(); oh++) {
          for (int ow = 0; ow < aw.outLength(); ow++, o++) {
            double max = Double.NEGATIVE_INFINITY;
            int arg = -1;
            if (ad.count()[od] > 0 && ah.count()[oh] > 0 && aw.count()[ow] > 0) {
              arg = ad.first()[od] * hw + ah.first()[oh] * aw.inLength() + aw.first()[ow];
              for (int td = 0, d = ad.first()[od]; td < ad.count()[od]; td++, d += ad.step()) {
                for (int th = 0, h = ah.first()[oh]; th < ah.count()[oh]; th++, h += ah.step()) {
                  int row = d * hw + h * aw.inLength();
                  for (int tw = 0, w = aw.first()[ow]; tw < aw.count()[ow]; tw++, w += aw.step()) {
                    double v = x[xBase + row + w];
                    if (v > max || Double.isNaN(v)) {
                      max = v;
                      arg = row + w;
                    }
                  }
                }
              }
            }
            y[yOff + o] = max;
            idx[idxOff + o] = arg;
          }
        }
      }
    }
  }

  /**
   * Max pooling backward: {@code dx[idx[o]] += dy[o]} per plane; {@code dy, idx (planes, outPlane)
   * → dx (planes, inPlane)}. Overlapping windows accumulate; index −1 (a window that read only
   * padding) contributes nothing.
   *
   * @param dx overwritten
   * @param acc scratch of at least {@code inPlane} doubles, modified
   */
  public static void maxPoolBackward(
      float[] dy, int dyOff, int[] idx, int idxOff, int planes, int outPlane, float[] dx, int dxOff, int inPlane,
      double[] acc) {
    for (int p = 0; p < planes; p++) {
      Arrays.fill(acc, 0, inPlane, 0.0);
      int o0 = p * outPlane;
      for (int o = 0; o < outPlane; o++) {
        int i = idx[idxOff + o0 + o];
        if (i >= 0) {
          acc[i] += dy[dyOff + o0 + o];
        }
      }
      int base = dxOff + p * inPlane;
      for (int i = 0; i < inPlane; i++) {
        dx[base + i] = (float) acc[i];
      }
    }
  }

  /** Float64 twin of the float32 max-pool backward; accumulates in {@code dx} directly. */
  public static void maxPoolBackward(
      double[] dy, int dyOff, int[] idx, int idxOff, int planes, int outPlane, double[] dx, int dxOff, int inPlane) {
    Arrays.fill(dx, dxOff, dxOff + planes * inPlane, 0.0);
    for (int p = 0; p < planes; p++) {
      int o0 = p * outPlane;
      int base = dxOff + p * inPlane;
      for (int o = 0; o < outPlane; o++) {
        int i = idx[idxOff + o0 + o];
        if (i >= 0) {
          dx[base + i] += dy[dyOff + o0 + o];
        }
      }
    }
  }

  /**
   * Max pooling backward with Theano's tie rule ({@code MaxPoolGrad}): every in-window input equal
   * to the window's maximum receives {@code dy}, so ties share the gradient and a NaN maximum
   * passes none. {@code x (planes, D, H, W), y, dy (planes, OD, OH, OW) → dx (planes, D, H, W)}.
   *
   * @param y the forward output (window maxima), not modified
   * @param dx overwritten
   * @param acc scratch of at least {@code D·H·W} doubles, modified
   */
  public static void maxPoolBackwardAllTies(
      float[] x, int xOff, float[] y, int yOff, float[] dy, int dyOff, int planes, float[] dx, int dxOff,
      PoolAxis ad, PoolAxis ah, PoolAxis aw, double[] acc) {
    int hw = ah.inLength() * aw.inLength();
    int inPlane = ad.inLength() * hw;
    int outPlane = ad.outLength() * ah.outLength() * aw.outLength();
    for (int p = 0; p < planes; p++) {
      Arrays.fill(acc, 0, inPlane, 0.0);
      int xBase = xOff + p * inPlane;
      int o = p * outPlane;
      for (int od = 0; od < ad.outLength(); od++) {
        for (int oh = 0; oh < ah.outLength(); oh++) {
          for (int ow = 0; ow < aw.outLength(); ow++, o++) {
            float max = y[yOff + o];
            float g = dy[dyOff + o];
            for (int td = 0, d = ad.first()[od]; td < ad.count()[od]; td++, d += ad.step()) {
              for (int th = 0, h = ah.first()[oh]; th < ah.count()[oh]; th++, h += ah.step()) {
                int row = d * hw + h * aw.inLength();
                for (int tw = 0, w = aw.first()[ow]; tw < aw.count()[ow]; tw++, w += aw.step()) {
                  if (x[xBase + row + w] == max) {
                    acc[row + w] += g;
                  }
                }
              }
            }
          }
        }
      }
      int base = dxOff + p * inPlane;
      for (int i = 0; i < inPlane; i++) {
        dx[base + i] = (float) acc[i];
      }
    }
  }

  /** Float64 twin of the float32 all-ties max-pool backward; accumulates in {@code dx} directly. */
  public static void maxPoolBackwardAllTies(
      double[] x, int xOff, double[] y, int yOff, double[] dy, int dyOff, int planes, double[] dx, int dxOff,
      PoolAxis ad, PoolAxis ah, PoolAxis aw) {
    int hw = ah.inLength() * aw.inLength();
    int inPlane = ad.inLength() * hw;
    int outPlane = ad.outLength() * ah.outLength() * aw.outLength();
    Arrays.fill(dx, dxOff, dxOff + planes * inPlane, 0.0);
    for (int p = 0; p < planes; p++) {
      int xBase = xOff + p * inPlane;
      int dxBase = dxOff + p * inPlane;
      int o = p * outPlane;
      for (int od = 0; od < ad.outLength(); od++) {
        for (int oh = 0; oh < ah.outLength(); oh++) {
          for (int ow = 0; ow < aw.outLength(); ow++, o++) {
            double max = y[yOff + o];
            double g = dy[dyOff + o];
            for (int td = 0, d = ad.first()[od]; td < ad.count()[od]; td++, d += ad.step()) {
              for (int th = 0, h = ah.first()[oh]; th < ah.count()[oh]; th++, h += ah.step()) {
                int row = d * hw + h * aw.inLength();
                for (int tw = 0, w = aw.first()[ow]; tw < aw.count()[ow]; tw++, w += aw.step()) {
                  if (x[xBase + row + w] == max) {
                    dx[dxBase + row + w] += g;
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /**
   * {@link #maxPool} for 2-D windows that all lie inside the input with one size and stride per
   * axis (no padding reached, dilation 1): the window loop without tables. Same scan order and tie
   * and NaN rule, so the same values and indices.
   */
  static void maxPoolUniform2d(double[] x, int xOff, double[] y, int yOff, int[] idx, int idxOff, int planes, PoolAxis ah, PoolAxis aw) {
    int ih = ah.inLength(), iw = aw.inLength(), oh = ah.outLength(), ow = aw.outLength();
    int kh = ah.count()[0], kw = aw.count()[0], sh = uniformStride(ah), sw = uniformStride(aw);
    int h0 = ah.first()[0], w0 = aw.first()[0];
    int o = 0;
    for (int p = 0; p < planes; p++) {
      int base = xOff + p * ih * iw;
      for (int r = 0; r < oh; r++) {
        int top = (h0 + r * sh) * iw + w0;
        for (int q = 0; q < ow; q++, o++) {
          int first = top + q * sw;
          double max = Double.NEGATIVE_INFINITY;
          int arg = first;
          for (int th = 0, row = first; th < kh; th++, row += iw) {
            for (int tw = 0; tw < kw; tw++) {
              double v = x[base + row + tw];
              if (v > max || Double.isNaN(v)) {
                max = v;
                arg = row + tw;
              }
            }
          }
          y[yOff + o] = max;
          idx[idxOff + o] = arg;
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Average pooling (and sums: divisor override 1)

  /**
   * The divisor of window {@code (od, oh, ow)}: the override when positive, else the product of
   * spans (padding counted) or of in-bounds counts.
   */
  public static double divisor(
      PoolAxis ad, PoolAxis ah, PoolAxis aw, int od, int oh, int ow, int divisorOverride, boolean countIncludePad) {
    if (divisorOverride > 0) {
      return divisorOverride;
    }
    if (countIncludePad) {
      return (double) ad.span()[od] * ah.span()[oh] * aw.span()[ow];
    }
    return (double) ad.count()[od] * ah.count()[oh] * aw.count()[ow];
  }

  /**
   * Average pooling forward: the sum of a window's in-bounds inputs over {@link #divisor}; a window
   * with no in-bounds input gives 0 (ATen). {@code x (planes, D, H, W) → y (planes, OD, OH, OW)}.
   *
   * @param divisorOverride a positive divisor for every window, or 0 for none
   * @param y modified
   */
  public static void avgPool(
      float[] x, int xOff, float[] y, int yOff, int planes, PoolAxis ad, PoolAxis ah, PoolAxis aw,
      int divisorOverride, boolean countIncludePad) {
    int hw = ah.inLength() * aw.inLength();
    int inPlane = ad.inLength() * hw;
    int outPlane = ad.outLength() * ah.outLength() * aw.outLength();
    for (int p = 0; p < planes; p++) {
      int xBase = xOff + p * inPlane;
      int o = p * outPlane;
      for (int od = 0; od < ad.outLength(); od++) {
        for (int oh = 0; oh < ah.outLength(); oh++) {
          for (int ow = 0; ow < aw.outLength(); ow++, o++) {
            double sum = 0;
            for (int td = 0, d = ad.first()[od]; td < ad.count()[od]; td++, d += ad.step()) {
              for (int th = 0, h = ah.first()[oh]; th < ah.count()[oh]; th++, h += ah.step()) {
                int row = xBase + d * hw + h * aw.inLength();
                for (int tw = 0, w = aw.first()[ow]; tw < aw.count()[ow]; tw++, w += aw.step()) {
                  sum += x[row + w];
                }
              }
            }
            boolean empty = ad.count()[od] == 0 || ah.count()[oh] == 0 || aw.count()[ow] == 0;
            y[yOff + o] = empty ? 0f : (float) (sum / divisor(ad, ah, aw, od, oh, ow, divisorOverride, countIncludePad));
          }
        }
      }
    }
  }

  /** Float64 twin of the float32 average-pooling forward. */
  public static void avgPool(
      double[] x, int xOff, double[] y, int yOff, int planes, PoolAxis ad, PoolAxis ah, PoolAxis aw,
      int divisorOverride, boolean countIncludePad) {
    int hw = ah.inLength() * aw.inLength();
    int inPlane = ad.inLength() * hw;
    int outPlane = ad.outLength() * ah.outLength() * aw.outLength();
    for (int p = 0; p < planes; p++) {
      int xBase = xOff + p * inPlane;
      int o = p * outPlane;
      for (int od = 0; od < ad.outLength(); od++) {
        for (int oh = 0; oh < ah.outLength(); oh++) {
          for (int ow = 0; ow < aw.outLength(); ow++, o++) {
            double sum = 0;
            for (int td = 0, d = ad.first()[od]; td < ad.count()[od]; td++, d += ad.step()) {
              for (int th = 0, h = ah.first()[oh]; th < ah.count()[oh]; th++, h += ah.step()) {
                int row = xBase + d * hw + h * aw.inLength();
                for (int tw = 0, w = aw.first()[ow]; tw < aw.count()[ow]; tw++, w += aw.step()) {
                  sum += x[row + w];
                }
              }
            }
            boolean empty = ad.count()[od] == 0 || ah.count()[oh] == 0 || aw.count()[ow] == 0;
            y[yOff + o] = empty ? 0.0 : sum / divisor(ad, ah, aw, od, oh, ow, divisorOverride, countIncludePad);
          }
        }
      }
    }
  }

  /**
   * Average pooling backward: each window adds {@code dy/divisor} to its in-bounds inputs (ATen
   * {@code cpu_avg_pool_backward}). {@code dy (planes, OD, OH, OW) → dx (planes, D, H, W)}.
   *
   * @param dx overwritten
   * @param acc scratch of at least {@code D·H·W} doubles, modified
   */
  public static void avgPoolBackward(
      float[] dy, int dyOff, float[] dx, int dxOff, int planes, PoolAxis ad, PoolAxis ah, PoolAxis aw,
      int divisorOverride, boolean countIncludePad, double[] acc) {
    int hw = ah.inLength() * aw.inLength();
    int inPlane = ad.inLength() * hw;
    int outPlane = ad.outLength() * ah.outLength() * aw.outLength();
    for (int p = 0; p < planes; p++) {
      Arrays.fill(acc, 0, inPlane, 0.0);
      int o = p * outPlane;
      for (int od = 0; od < ad.outLength(); od++) {
        for (int oh = 0; oh < ah.outLength(); oh++) {
          for (int ow = 0; ow < aw.outLength(); ow++, o++) {
            double g = dy[dyOff + o] / divisor(ad, ah, aw, od, oh, ow, divisorOverride, countIncludePad);
            for (int td = 0, d = ad.first()[od]; td < ad.count()[od]; td++, d += ad.step()) {
              for (int th = 0, h = ah.first()[oh]; th < ah.count()[oh]; th++, h += ah.step()) {
                int row = d * hw + h * aw.inLength();
                for (int tw = 0, w = aw.first()[ow]; tw < aw.count()[ow]; tw++, w += aw.step()) {
                  acc[row + w] += g;
                }
              }
            }
          }
        }
      }
      int base = dxOff + p * inPlane;
      for (int i = 0; i < inPlane; i++) {
        dx[base + i] = (float) acc[i];
      }
    }
  }

  /** Float64 twin of the float32 average-pooling backward; accumulates in {@code dx} directly. */
  public static void avgPoolBackward(
      double[] dy, int dyOff, double[] dx, int dxOff, int planes, PoolAxis ad, PoolAxis ah, PoolAxis aw,
      int divisorOverride, boolean countIncludePad) {
    int hw = ah.inLength() * aw.inLength();
    int inPlane = ad.inLength() * hw;
    int outPlane = ad.outLength() * ah.outLength() * aw.outLength();
    Arrays.fill(dx, dxOff, dxOff + planes * inPlane, 0.0);
    for (int p = 0; p < planes; p++) {
      int dxBase = dxOff + p * inPlane;
      int o = p * outPlane;
      for (int od = 0; od < ad.outLength(); od++) {
        for (int oh = 0; oh < ah.outLength(); oh++) {
          for (int ow = 0; ow < aw.outLength(); ow++, o++) {
            double g = dy[dyOff + o] / divisor(ad, ah, aw, od, oh, ow, divisorOverride, countIncludePad);
            for (int td = 0, d = ad.first()[od]; td < ad.count()[od]; td++, d += ad.step()) {
              for (int th = 0, h = ah.first()[oh]; th < ah.count()[oh]; th++, h += ah.step()) {
                int row = dxBase + d * hw + h * aw.inLength();
                for (int tw = 0, w = aw.first()[ow]; tw < aw.count()[ow]; tw++, w += aw.step()) {
                  dx[row + w] += g;
                }
              }
            }
          }
        }
      }
    }
  }
  /** Whether the axis is the trivial one of a lower-rank op (one input, one window). */
  static boolean isUnit(PoolAxis a) {
    return a.inLength() == 1 && a.outLength() == 1 && a.count()[0] == 1;
  }

  /**
   * The stride of an axis whose windows all have the same in-bounds tap count (all taps inside the
   * input), dilation 1 and evenly spaced starts; 0 when it is not such an axis.
   */
  static int uniformStride(PoolAxis a) {
    int n = a.outLength();
    int[] first = a.first();
    int[] count = a.count();
    int[] span = a.span();
    if (a.step() != 1 || count[0] <= 0 || count[0] != span[0] || first[0] < 0) {
      return 0;
    }
    int s = n > 1 ? first[1] - first[0] : 1;
    if (s <= 0) {
      return 0;
    }
    for (int o = 0; o < n; o++) {
      if (count[o] != count[0] || span[o] != count[0] || first[o] != first[0] + o * s) {
        return 0;
      }
    }
    return s;
  }
}
