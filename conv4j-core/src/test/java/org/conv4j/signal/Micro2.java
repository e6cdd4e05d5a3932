package org.conv4j.signal;

import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/** Scratch timings of the direct path's stages (not a test). */
public final class Micro2 {
  private Micro2() {}

  public static void main(String[] args) {
    Tensor x = Calibrate.rand(DType.FLOAT64, 1, 1_000_000);
    Tensor h = Calibrate.rand(DType.FLOAT64, 2, 16);
    for (int rep = 0; rep < 12; rep++) {
      long t0 = System.nanoTime();
      double[] a = x.permute(0).toDoubleArray();
      long t1 = System.nanoTime();
      double[] xw = Engine.extendWindow(a, new int[] {1_000_000}, new int[] {16}, new int[] {0}, new int[] {1_000_015},
          Boundary.FILL, 0);
      long t2 = System.nanoTime();
      double[] out = Engine.validCorrelate(xw, h.toDoubleArray(), new int[] {16}, new int[] {1_000_015});
      long t3 = System.nanoTime();
      Tensor y = Signal.convolve(x, h, Mode.FULL, Method.DIRECT);
      long t4 = System.nanoTime();
      if (rep > 8) {
        System.out.printf("toDouble %.2f extend %.2f correlate %.2f  whole %.2f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6,
            (t3 - t2) / 1e6, (t4 - t3) / 1e6);
      }
    }
  }
}
