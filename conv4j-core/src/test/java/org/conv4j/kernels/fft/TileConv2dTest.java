package org.conv4j.kernels.fft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link TileConv2d} and {@link FloatTileConv2d} against the exact circular convolution in the tile
 * (summed in double from the definition): random tile lengths (even and odd, radices 2, 3, 4, 5 and
 * others), blocks and kernels, and column ranges. Tolerances, relative to the largest output:
 * float64 {@code 1e-12}, float32 {@code 2e-6} (a float32 FFT's error is about
 * {@code 1e-7·log2(F0·F1)}). The result of a tile does not depend on the workspace's history.
 */
class TileConv2dTest {
  /** The circular convolution of a block (b0 × b1) with a kernel (k0 × k1) in an f0 × f1 tile. */
  static double[] circular(double[] x, int b0, int b1, double[] k, int k0, int k1, int f0, int f1) {
    double[] y = new double[f0 * f1];
    for (int r = 0; r < b0; r++) {
      for (int c = 0; c < b1; c++) {
        double v = x[r * b1 + c];
        for (int i = 0; i < k0; i++) {
          for (int j = 0; j < k1; j++) {
            y[((r + i) % f0) * f1 + (c + j) % f1] += v * k[i * k1 + j];
          }
        }
      }
    }
    return y;
  }

  private static final int[][] TILES = {{2, 1}, {8, 8}, {16, 9}, {24, 20}, {30, 49}, {36, 7}, {64, 45}, {12, 11}, {50, 64}};

  @Test
  void float64TileIsTheCircularConvolution() {
    SplittableRandom r = new SplittableRandom(61);
    for (int trial = 0; trial < 40; trial++) {
      int[] t = TILES[trial % TILES.length];
      int f0 = t[0];
      int f1 = t[1];
      int k0 = 1 + r.nextInt(f0);
      int k1 = 1 + r.nextInt(f1);
      int b0 = r.nextInt(f0 + 1);
      int b1 = r.nextInt(f1 + 1);
      int stride = b1 + r.nextInt(5);
      int off = r.nextInt(7);
      double[] x = r.doubles(off + Math.max(1, b0) * stride + 8, -1, 1).toArray();
      double[] k = r.doubles(k0 * k1, -1, 1).toArray();
      double[] xb = new double[b0 * b1];
      for (int i = 0; i < b0; i++) {
        System.arraycopy(x, off + i * stride, xb, i * b1, b1);
      }
      double[] want = circular(xb, b0, b1, k, k0, k1, f0, f1);
      TileConv2d tc = new TileConv2d(k, 0, k1, k0, k1, f0, f1);
      int cLo = r.nextInt(f1);
      int cHi = cLo + 1 + r.nextInt(f1 - cLo);
      double[] out = new double[f0 * f1];
      double[] base = r.doubles(f0 * f1, -1, 1).toArray();
      System.arraycopy(base, 0, out, 0, out.length);
      double[][] dst = new double[f0][];
      int[] dOff = new int[f0];
      for (int i = 0; i < f0; i++) {
        dst[i] = i % 3 == 2 ? null : out;
        dOff[i] = i * f1;
      }
      TileConv2d.Workspace ws = new TileConv2d.Workspace();
      // A dirty workspace first: the result must not depend on it.
      tc.run(r.doubles(f0 * f1, -1, 1).toArray(), 0, f1, f0, f1, new double[f0][], new int[f0], 0, f1, ws);
      tc.run(x, off, stride, b0, b1, dst, dOff, cLo, cHi, ws);
      double scale = 1e-300;
      for (double v : want) {
        scale = Math.max(scale, Math.abs(v));
      }
      for (int i = 0; i < f0; i++) {
        for (int c = 0; c < f1; c++) {
          double expect = base[i * f1 + c] + (i % 3 != 2 && c >= cLo && c < cHi ? want[i * f1 + c] : 0);
          assertThat(Math.abs(out[i * f1 + c] - expect) / Math.max(1, scale))
              .as("tile %d×%d, block %d×%d, kernel %d×%d, (%d, %d)", f0, f1, b0, b1, k0, k1, i, c)
              .isLessThanOrEqualTo(1e-12);
        }
      }
    }
  }

  @Test
  void float32TileIsTheCircularConvolution() {
    SplittableRandom r = new SplittableRandom(62);
    for (int trial = 0; trial < 40; trial++) {
      int[] t = TILES[trial % TILES.length];
      int f0 = t[0];
      int f1 = t[1];
      int k0 = 1 + r.nextInt(f0);
      int k1 = 1 + r.nextInt(f1);
      int b0 = r.nextInt(f0 + 1);
      int b1 = r.nextInt(f1 + 1);
      float[] x = new float[Math.max(1, b0 * b1)];
      double[] xd = new double[b0 * b1];
      for (int i = 0; i < b0 * b1; i++) {
        x[i] = (float) r.nextDouble(-1, 1);
        xd[i] = x[i];
      }
      float[] k = new float[k0 * k1];
      double[] kd = new double[k0 * k1];
      for (int i = 0; i < k.length; i++) {
        k[i] = (float) r.nextDouble(-1, 1);
        kd[i] = k[i];
      }
      double[] want = circular(xd, b0, b1, kd, k0, k1, f0, f1);
      FloatTileConv2d tc = new FloatTileConv2d(k, 0, k1, k0, k1, f0, f1);
      float[] out = new float[f0 * f1];
      float[][] dst = new float[f0][];
      int[] dOff = new int[f0];
      for (int i = 0; i < f0; i++) {
        dst[i] = out;
        dOff[i] = i * f1;
      }
      tc.run(x, 0, b1, b0, b1, dst, dOff, 0, f1, new FloatTileConv2d.Workspace());
      double scale = 1e-30;
      for (double v : want) {
        scale = Math.max(scale, Math.abs(v));
      }
      for (int i = 0; i < out.length; i++) {
        assertThat(Math.abs(out[i] - want[i]) / Math.max(1e-3, scale))
            .as("tile %d×%d, block %d×%d, kernel %d×%d, %d", f0, f1, b0, b1, k0, k1, i)
            .isLessThanOrEqualTo(2e-6);
      }
    }
  }

  @Test
  void badShapesAreRejected() {
    assertThatThrownBy(() -> new TileConv2d(new double[4], 0, 2, 2, 2, 3, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3×4");
    assertThatThrownBy(() -> new FloatTileConv2d(new float[25], 0, 5, 5, 5, 4, 8))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5×5");
    TileConv2d tc = new TileConv2d(new double[4], 0, 2, 2, 2, 8, 8);
    assertThatThrownBy(() -> tc.run(new double[100], 0, 10, 9, 8, new double[8][], new int[8], 0, 8,
        new TileConv2d.Workspace())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9×8");
  }

  /** The vector split and merge of the real FFTs ({@code SignalFft}, {@code SignalFftFloat}) equal their scalar twins bit for bit. */
  @Test
  void realSplitAndMergeVectorEqualsScalarBitForBit() {
    SplittableRandom r = new SplittableRandom(63);
    for (int len : new int[] {2, 4, 6, 10, 16, 30, 64, 90, 288, 576}) {
      int h = len / 2;
      RealFft d = new RealFft(len);
      FloatRealFft f = new FloatRealFft(len);
      for (int ch : new int[] {1, 3, 4, 8, 13, 16, 48}) {
        int size = (h + 1) * ch;
        double[] zr = r.doubles(size, -1, 1).toArray();
        double[] zi = r.doubles(size, -1, 1).toArray();
        double[][] v = {new double[size], new double[size], new double[size], new double[size]};
        d.split(zr, zi, v[0], v[1], ch, true);
        d.split(zr, zi, v[2], v[3], ch, false);
        assertThat(v[0]).as("split re %d %d", len, ch).containsExactly(v[2]);
        assertThat(v[1]).as("split im %d %d", len, ch).containsExactly(v[3]);
        d.merge(zr, zi, v[0], v[1], ch, true);
        d.merge(zr, zi, v[2], v[3], ch, false);
        assertThat(v[0]).as("merge re %d %d", len, ch).containsExactly(v[2]);
        assertThat(v[1]).as("merge im %d %d", len, ch).containsExactly(v[3]);
        float[] fr = new float[size];
        float[] fi = new float[size];
        for (int i = 0; i < size; i++) {
          fr[i] = (float) zr[i];
          fi[i] = (float) zi[i];
        }
        float[][] w = {new float[size], new float[size], new float[size], new float[size]};
        f.split(fr, fi, w[0], w[1], ch, true);
        f.split(fr, fi, w[2], w[3], ch, false);
        assertThat(w[0]).as("f32 split re %d %d", len, ch).containsExactly(w[2]);
        assertThat(w[1]).as("f32 split im %d %d", len, ch).containsExactly(w[3]);
        f.merge(fr, fi, w[0], w[1], ch, true);
        f.merge(fr, fi, w[2], w[3], ch, false);
        assertThat(w[0]).as("f32 merge re %d %d", len, ch).containsExactly(w[2]);
        assertThat(w[1]).as("f32 merge im %d %d", len, ch).containsExactly(w[3]);
      }
    }
  }
}
