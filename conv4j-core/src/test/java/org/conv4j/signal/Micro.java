package org.conv4j.signal;

import org.conv4j.kernels.fft.ComplexFft;
import org.conv4j.kernels.fft.RealFftNd;

/** Scratch timings of the kernels in isolation (not a test). */
public final class Micro {
  private Micro() {}

  public static void main(String[] args) {
    int n = 1 << 20;
    double[] x = new double[n + 64];
    double[] k = new double[16];
    double[] out = new double[n];
    java.util.Arrays.fill(x, 1.0);
    java.util.Arrays.fill(k, 0.5);
    int[] rel = {0};
    for (int rep = 0; rep < 15; rep++) {
      long t0 = System.nanoTime();
      DirectKernel.correlateRow(x, 0, rel, 1, k, 16, out, 0, n);
      long t1 = System.nanoTime();
      DirectKernel.correlateRowScalar(x, 0, rel, 1, k, 16, out, 0, n);
      long t2 = System.nanoTime();
      if (rep > 10) {
        System.out.printf("direct 1M x16: simd %.2f ms (%.2f GMAC/s), scalar %.2f ms simd=%s%n", (t1 - t0) / 1e6,
            16.0 * n / (t1 - t0), (t2 - t1) / 1e6, DirectKernel.SIMD);
      }
    }
    int[] f = {576, 576};
    RealFftNd plan = new RealFftNd(f, 1);
    double[] buf = new double[plan.realSize()];
    double[] re = new double[plan.spectrumSize()];
    double[] im = new double[plan.spectrumSize()];
    ComplexFft.Workspace ws = new ComplexFft.Workspace();
    for (int rep = 0; rep < 15; rep++) {
      long t0 = System.nanoTime();
      plan.forwardReal(buf, re, im, 0, plan.sequences(0), ws);
      long t1 = System.nanoTime();
      plan.axis(1, re, im, 0, plan.sequences(1), false, ws);
      long t2 = System.nanoTime();
      if (rep > 10) {
        System.out.printf("576^2: real axis0 %.2f ms, complex axis1 %.2f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
      }
    }
    ComplexFft c = new ComplexFft(288);
    double[] a = new double[288 * 64];
    double[] b = new double[288 * 64];
    for (int rep = 0; rep < 15; rep++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 100; i++) {
        c.transform(a, b, 0, 64, 1, 64, false, ws);
      }
      long t1 = System.nanoTime();
      if (rep > 10) {
        double flops = 100 * 64 * 5.0 * 288 * Math.log(288) / Math.log(2);
        System.out.printf("cfft 288 x64 cols: %.3f ms per 64, %.2f GFLOP/s%n", (t1 - t0) / 1e8, flops / (t1 - t0));
      }
    }
  }
}
