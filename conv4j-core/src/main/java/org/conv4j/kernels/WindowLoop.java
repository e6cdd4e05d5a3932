package org.conv4j.kernels;

import org.conv4j.window.WindowFunction;

/**
 * The generic sliding-window loop: for every output position in rows {@code [fromRow, toRow)},
 * gather the window's elements into a reusable buffer in C order and store
 * {@code fn.apply(buffer)}. Along a row with unit step the window is filled incrementally (a kept
 * copy shifted by one column, plus the new column), unless {@code -Dconv4j.window.slide=false}.
 *
 * <p>Shapes: {@code src} is the (extended) input in C order; the output has shape
 * {@code outShape} (row-major; a row is the last axis), and output position {@code o} reads
 * {@code src[Σ o_a·posStride[a] + rowOff[r] + j]} for {@code r < rowOff.length}, {@code j < kx}.
 *
 * <p>Why this class is small and self-contained: {@link WindowLoops} defines a private copy of it
 * (a hidden class) for every class of user function, so the call {@code fn.apply} below has one
 * receiver class in its profile and the JIT inlines the user's lambda into the loop. Keep every
 * reference here to other classes (no nested classes, lambdas or private helpers of other classes).
 */
public final class WindowLoop {
  private WindowLoop() {}

  /** Runs rows {@code [fromRow, toRow)}; writes {@code outD} (float64) or else {@code outF}. */
  public static void run(WindowFunction fn, double[] src, int[] rowOff, int kx, int[] outShape, int[] posStride,
      int fromRow, int toRow, double[] outD, float[] outF) {
    int d = outShape.length;
    int ow = outShape[d - 1];
    int sx = posStride[d - 1];
    int rows = rowOff.length;
    double[] buf = new double[rows * kx];
    int[] idx = new int[d];
    int rem = fromRow;
    for (int a = d - 2; a >= 0; a--) {
      idx[a] = rem % outShape[a];
      rem /= outShape[a];
    }
    // Sliding fill: along a row with unit step, window x + 1 is window x shifted by one column, so a
    // pristine copy of the window is shifted (one memmove) and only its new last column is read;
    // the function gets a fresh copy (it may modify its buffer).
    boolean slide = WindowLoops.SLIDE && sx == 1 && kx > 1 && ow > 1;
    double[] win = slide ? new double[rows * kx] : null;
    int n = rows * kx;
    for (int row = fromRow; row < toRow; row++) {
      int base = 0;
      for (int a = 0; a < d - 1; a++) {
        base += idx[a] * posStride[a];
      }
      int o = row * ow;
      for (int x = 0; x < ow; x++) {
        int p = base + x * sx;
        if (slide) {
          if (x == 0) {
            for (int r = 0; r < rows; r++) {
              System.arraycopy(src, p + rowOff[r], win, r * kx, kx);
            }
          } else {
            System.arraycopy(win, 1, win, 0, n - 1);
            int last = p + kx - 1;
            for (int r = 0; r < rows; r++) {
              win[r * kx + kx - 1] = src[last + rowOff[r]];
            }
          }
          System.arraycopy(win, 0, buf, 0, n);
        } else if (kx == 1) {
          for (int r = 0; r < rows; r++) {
            buf[r] = src[p + rowOff[r]];
          }
        } else {
          for (int r = 0; r < rows; r++) {
            int q = p + rowOff[r];
            int b = r * kx;
            for (int j = 0; j < kx; j++) {
              buf[b + j] = src[q + j];
            }
          }
        }
        double v = fn.apply(buf);
        if (outD != null) {
          outD[o + x] = v;
        } else {
          outF[o + x] = (float) v;
        }
      }
      for (int a = d - 2; a >= 0; a--) {
        if (++idx[a] < outShape[a]) {
          break;
        }
        idx[a] = 0;
      }
    }
  }
}
