package org.conv4j.kernels;

/**
 * The geometry of a 2-D pooling whose windows are uniform (every window inside the input, one size
 * and stride per axis, dilation 1): input plane {@code ih×iw}, output plane {@code oh×ow}, window
 * {@code kh×kw}, stride {@code sh×sw}, first window at {@code (h0, w0)}. The vectorised pooling
 * kernels ({@link MaxPoolPlanes}, {@link AvgPoolPlanes}) take it.
 */
public record PoolGrid(int ih, int iw, int oh, int ow, int kh, int kw, int sh, int sw, int h0, int w0) {
  /** The grid of these axes (depth axis trivial, both others uniform), or null. */
  public static PoolGrid of(PoolAxis ad, PoolAxis ah, PoolAxis aw) {
    int sh = PoolKernels.uniformStride(ah);
    int sw = PoolKernels.uniformStride(aw);
    if (!PoolKernels.isUnit(ad) || sh <= 0 || sw <= 0) {
      return null;
    }
    return new PoolGrid(ah.inLength(), aw.inLength(), ah.outLength(), aw.outLength(), ah.count()[0], aw.count()[0], sh, sw,
        ah.first()[0], aw.first()[0]);
  }

  /**
   * Whether the tiled backward kernels apply: windows {@code kh×2} with stride {@code (kh, 2)}, so
   * each input belongs to at most one window (a stride is irrelevant, and reported as 1, along an
   * axis with one window).
   */
  public boolean tiledPairs() {
    return kw == 2 && (sw == 2 || ow == 1) && (kh == sh || oh == 1);
  }
}
