package org.conv4j.signal;

import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * Runs one grid point's convolution in a loop for a profiler (JFR): not a test. Arguments: dtype
 * ({@code float32}/{@code float64}), method, seconds, then the two shapes as {@code 512x512 31x31}.
 */
public final class ProfileOne {
  private ProfileOne() {}

  static int[] shape(String s) {
    return java.util.Arrays.stream(s.split("x")).mapToInt(Integer::parseInt).toArray();
  }

  public static void main(String[] args) {
    DType dt = args[0].equals("float32") ? DType.FLOAT32 : DType.FLOAT64;
    Method m = Method.valueOf(args[1]);
    double secs = Double.parseDouble(args[2]);
    Tensor x = Calibrate.rand(dt, 1, shape(args[3]));
    Tensor h = Calibrate.rand(dt, 2, shape(args[4]));
    long t0 = System.nanoTime();
    int n = 0;
    double[] ts = new double[100000];
    while (System.nanoTime() - t0 < secs * 1e9) {
      long a = System.nanoTime();
      Signal.convolve(x, h, Mode.FULL, m);
      ts[n++] = (System.nanoTime() - a) / 1e6;
    }
    double[] t = java.util.Arrays.copyOf(ts, n);
    java.util.Arrays.sort(t);
    System.out.printf("%d runs, median %.3f ms, min %.3f ms (last half median %.3f)%n", n, t[n / 2], t[0], t[n / 2]);
  }
}
