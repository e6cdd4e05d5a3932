package org.conv4j.kernels;

import org.conv4j.window.PadMode;

/**
 * The adjoint of boundary padding ({@code np.pad} / PyTorch {@code F.pad}) over the three spatial
 * axes of {@code (c, d, h, w)} planes: every element of the gradient with respect to the padded
 * input is added into the input element it was copied from ({@link PadMode#index}); constant
 * padding drops it. Used to take convolution gradients through {@code padding_mode} reflect,
 * replicate and circular (SPEC §5.3). Single-threaded; allocates only the three index maps.
 */
public final class PadAdjoint {
  private PadAdjoint() {}

  /**
   * {@code dst += foldback(src)}.
   *
   * @param src gradient w.r.t. the padded input, {@code (c, pdims[0], pdims[1], pdims[2])}, not modified
   * @param lo padding before each spatial axis (three entries)
   * @param dst gradient w.r.t. the input, {@code (c, dims[0], dims[1], dims[2])}, modified: accumulated into
   */
  public static void fold(double[] src, int so, double[] dst, int dOff, int c, int[] pdims, int[] dims, int[] lo, PadMode mode) {
    int[][] map = maps(pdims, dims, lo, mode);
    int pPlane = pdims[0] * pdims[1] * pdims[2], plane = dims[0] * dims[1] * dims[2];
    int s = so;
    for (int ci = 0; ci < c; ci++) {
      int base = dOff + ci * plane;
      for (int z = 0; z < pdims[0]; z++) {
        int iz = map[0][z];
        for (int y = 0; y < pdims[1]; y++) {
          int iy = map[1][y];
          for (int x = 0; x < pdims[2]; x++, s++) {
            int ix = map[2][x];
            if (iz >= 0 && iy >= 0 && ix >= 0) {
              dst[base + (iz * dims[1] + iy) * dims[2] + ix] += src[s];
            }
          }
        }
      }
      s = so + (ci + 1) * pPlane;
    }
  }

  /** Float32 twin of {@link #fold(double[], int, double[], int, int, int[], int[], int[], PadMode)}. */
  public static void fold(float[] src, int so, float[] dst, int dOff, int c, int[] pdims, int[] dims, int[] lo, PadMode mode) {
    int[][] map = maps(pdims, dims, lo, mode);
    int pPlane = pdims[0] * pdims[1] * pdims[2], plane = dims[0] * dims[1] * dims[2];
    int s = so;
    for (int ci = 0; ci < c; ci++) {
      int base = dOff + ci * plane;
      for (int z = 0; z < pdims[0]; z++) {
        int iz = map[0][z];
        for (int y = 0; y < pdims[1]; y++) {
          int iy = map[1][y];
          for (int x = 0; x < pdims[2]; x++, s++) {
            int ix = map[2][x];
            if (iz >= 0 && iy >= 0 && ix >= 0) {
              dst[base + (iz * dims[1] + iy) * dims[2] + ix] += src[s];
            }
          }
        }
      }
      s = so + (ci + 1) * pPlane;
    }
  }

  private static int[][] maps(int[] pdims, int[] dims, int[] lo, PadMode mode) {
    int[][] map = new int[3][];
    for (int a = 0; a < 3; a++) {
      map[a] = new int[pdims[a]];
      for (int i = 0; i < pdims[a]; i++) {
        map[a][i] = mode.index((long) i - lo[a], dims[a]);
      }
    }
    return map;
  }
}
