package org.conv4j.signal;

/** Scratch timer (not a test): 2-D 512² × 31² float32/float64 FFT vs tiled overlap-add. */
public final class TileTimer {
  public static void main(String[] args) {
    int n = Integer.parseInt(args.length > 0 ? args[0] : "512");
    int kk = Integer.parseInt(args.length > 1 ? args[1] : "31");
    double secs = args.length > 2 ? Double.parseDouble(args[2]) : 3;
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    float[] a = new float[n * n];
    float[] b = new float[kk * kk];
    double[] ad = new double[n * n];
    double[] bd = new double[kk * kk];
    for (int i = 0; i < a.length; i++) { a[i] = (float) r.nextDouble(-1, 1); ad[i] = a[i]; }
    for (int i = 0; i < b.length; i++) { b[i] = (float) r.nextDouble(-1, 1); bd[i] = b[i]; }
    int[] as = {n, n};
    int[] bs = {kk, kk};
    int[] start = {0, 0};
    int[] len = {n + kk - 1, n + kk - 1};
    float[] x1 = FloatEngine.fft(a, as, b, bs, start, len);
    float[] x2 = FloatEngine.overlapAdd(a, as, b, bs, start, len);
    double m = 0, e = 0;
    for (int i = 0; i < x1.length; i++) { m = Math.max(m, Math.abs(x1[i])); e = Math.max(e, Math.abs(x1[i] - x2[i])); }
    System.out.printf("f32 tiles %s, rel err tile vs fft %.2e%n", java.util.Arrays.toString(Engine.tileLengths(as, bs)), e / m);
    double[] y1 = Engine.fft(ad, as, bd, bs, start, len);
    double[] y2 = Engine.overlapAdd(ad, as, bd, bs, start, len);
    m = 0; e = 0;
    for (int i = 0; i < y1.length; i++) { m = Math.max(m, Math.abs(y1[i])); e = Math.max(e, Math.abs(y1[i] - y2[i])); }
    System.out.printf("f64 rel err tile vs fft %.2e%n", e / m);
    String which = args.length > 3 ? args[3] : "all";
    for (int rep = 0; rep < 2; rep++) {
      if (which.contains("f32") || which.equals("all")) {
        if (!which.contains("tile")) time("f32 fft", secs, () -> FloatEngine.fft(a, as, b, bs, start, len));
        time("f32 tile", secs, () -> FloatEngine.overlapAdd(a, as, b, bs, start, len));
      }
      if (which.contains("f64") || which.equals("all")) {
        if (!which.contains("tile")) time("f64 fft", secs, () -> Engine.fft(ad, as, bd, bs, start, len));
        time("f64 oa", secs, () -> Engine.overlapAdd(ad, as, bd, bs, start, len));
      }
    }
  }

  static void time(String name, double secs, Runnable f) {
    double[] ts = new double[100000];
    int c = 0;
    long t0 = System.nanoTime();
    while (System.nanoTime() - t0 < secs * 1e9) {
      long s = System.nanoTime();
      f.run();
      ts[c++] = (System.nanoTime() - s) / 1e6;
    }
    double[] t = java.util.Arrays.copyOf(ts, c);
    java.util.Arrays.sort(t);
    System.out.printf("%-10s %4d runs median %.3f min %.3f ms%n", name, c, t[c / 2], t[0]);
  }
}
