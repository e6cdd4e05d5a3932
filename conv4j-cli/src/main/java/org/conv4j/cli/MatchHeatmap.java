// The picture of conv4j match --heatmap.
package org.conv4j.cli;

import org.conv4j.match.Peak;
import org.conv4j.tensor.Tensor;

/**
 * Draws {@code conv4j match --heatmap}: an RGB image {@code (3, H, 2W + 8)} holding, on the left,
 * the (grey) input image with a green box around the best match and, on the right, the score map
 * in a black–red–yellow–white colour scale (bright = good match: low scores for SSD-like metrics,
 * high ones otherwise; NaN black), placed at the window origins, with a green cross at the best.
 */
final class MatchHeatmap {
  private static final int GAP = 8;

  private MatchHeatmap() {}

  static Tensor draw(Tensor image, boolean channels, Tensor scores, boolean lowerIsBetter, Peak best, int th, int tw) {
    Tensor grey = channels ? image.mean(new int[] {0}, false) : image;
    int h = grey.dim(0);
    int w = grey.dim(1);
    double[] g = grey.toDoubleArray();
    double gmin = Double.POSITIVE_INFINITY;
    double gmax = Double.NEGATIVE_INFINITY;
    for (double v : g) {
      if (Double.isFinite(v)) {
        gmin = Math.min(gmin, v);
        gmax = Math.max(gmax, v);
      }
    }
    int wo = 2 * w + GAP;
    float[] rgb = new float[3 * h * wo];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double v = gmax > gmin ? (g[y * w + x] - gmin) / (gmax - gmin) : 0.5;
        float f = (float) (0.15 + 0.7 * (Double.isFinite(v) ? v : 0));
        for (int c = 0; c < 3; c++) {
          rgb[(c * h + y) * wo + x] = f;
        }
      }
    }
    int sh = scores.dim(0);
    int sw = scores.dim(1);
    double[] s = scores.toDoubleArray();
    double smin = Double.POSITIVE_INFINITY;
    double smax = Double.NEGATIVE_INFINITY;
    for (double v : s) {
      if (Double.isFinite(v)) {
        smin = Math.min(smin, v);
        smax = Math.max(smax, v);
      }
    }
    for (int y = 0; y < sh; y++) {
      for (int x = 0; x < sw; x++) {
        double v = s[y * sw + x];
        double q = !Double.isFinite(v) ? -1 : smax > smin ? (v - smin) / (smax - smin) : 1;
        if (q >= 0 && lowerIsBetter) {
          q = 1 - q;
        }
        float[] col = hot(q);
        for (int c = 0; c < 3; c++) {
          rgb[(c * h + y) * wo + w + GAP + x] = col[c];
        }
      }
    }
    if (best != null) {
      int by = best.index()[0];
      int bx = best.index()[1];
      for (int k = 0; k < Math.max(th, tw); k++) {
        for (int d = -1; d <= 0; d++) {
          green(rgb, h, wo, by + d, bx + Math.min(k, tw - 1));
          green(rgb, h, wo, by + th - 1 - d, bx + Math.min(k, tw - 1));
          green(rgb, h, wo, by + Math.min(k, th - 1), bx + d);
          green(rgb, h, wo, by + Math.min(k, th - 1), bx + tw - 1 - d);
        }
      }
      for (int k = -6; k <= 6; k++) {
        if (by + k >= 0 && by + k < sh) {
          green(rgb, h, wo, by + k, w + GAP + bx);
        }
        if (bx + k >= 0 && bx + k < sw) {
          green(rgb, h, wo, by, w + GAP + bx + k);
        }
      }
    }
    return Tensor.of(rgb, 3, h, wo);
  }

  /** Black → red → yellow → white for q in [0, 1]; q < 0 (NaN) is black. */
  private static float[] hot(double q) {
    if (q < 0) {
      return new float[] {0, 0, 0};
    }
    double r = Math.min(1, 3 * q);
    double g = Math.min(1, Math.max(0, 3 * q - 1));
    double b = Math.min(1, Math.max(0, 3 * q - 2));
    return new float[] {(float) r, (float) g, (float) b};
  }

  private static void green(float[] rgb, int h, int wo, int y, int x) {
    if (y < 0 || y >= h || x < 0 || x >= wo) {
      return;
    }
    rgb[(0 * h + y) * wo + x] = 0.1f;
    rgb[(1 * h + y) * wo + x] = 1f;
    rgb[(2 * h + y) * wo + x] = 0.2f;
  }
}
