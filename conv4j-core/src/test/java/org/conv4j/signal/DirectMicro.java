package org.conv4j.signal;

import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/** Times the parts of the 2-D direct path (not a test): window, kernel, whole call. Args: dtype k seconds. */
public final class DirectMicro {
  private DirectMicro() {}

  interface Body {
    Object run();
  }

  static Object sink;

  static void time(String name, double secs, Body b) {
    long t0 = System.nanoTime();
    int n = 0;
    double[] ts = new double[200000];
    while (System.nanoTime() - t0 < secs * 1e9) {
      long a = System.nanoTime();
      sink = b.run();
      ts[n++] = (System.nanoTime() - a) / 1e6;
    }
    double[] t = java.util.Arrays.copyOf(ts, n);
    java.util.Arrays.sort(t);
    System.out.printf("%-10s %6d runs, median %.3f ms, min %.3f ms%n", name, n, t[n / 2], t[0]);
  }

  public static void main(String[] args) {
    boolean f32 = args[0].equals("float32");
    int kk = Integer.parseInt(args[1]);
    double secs = Double.parseDouble(args[2]);
    int nx = args.length > 3 ? Integer.parseInt(args[3]) : 512;
    DType dt = f32 ? DType.FLOAT32 : DType.FLOAT64;
    Tensor x = Calibrate.rand(dt, 1, nx, nx);
    Tensor h = Calibrate.rand(dt, 2, kk, kk);
    int[] xs = {nx, nx};
    int[] ks = {kk, kk};
    int[] start = {0, 0};
    int[] len = {nx + kk - 1, nx + kk - 1};
    for (int rep = 0; rep < 2; rep++) {
      if (f32) {
        float[] xd = x.toFloatArray();
        float[] kd = h.toFloatArray();
        float[] xw = Engine.extendZero(xd, xs, ks, start, len);
        time("window", secs, () -> Engine.extendZero(xd, xs, ks, start, len));
        time("kernel", secs, () -> Engine.validCorrelate(xw, kd, ks, len));
        time("direct", secs, () -> Engine.direct(xd, xs, kd, ks, start, len));
      } else {
        double[] xd = x.toDoubleArray();
        double[] kd = h.toDoubleArray();
        double[] xw = Engine.extendWindow(xd, xs, ks, start, len, Boundary.FILL, 0);
        time("window", secs, () -> Engine.extendWindow(xd, xs, ks, start, len, Boundary.FILL, 0));
        time("kernel", secs, () -> Engine.validCorrelate(xw, kd, ks, len));
        time("direct", secs, () -> Engine.direct(xd, xs, kd, ks, start, len));
      }
      time("convolve", secs, () -> Signal.convolve(x, h, Mode.FULL, Method.DIRECT));
      time("auto", secs, () -> Signal.convolve(x, h, Mode.FULL, Method.AUTO));
    }
  }
}
