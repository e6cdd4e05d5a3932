package org.conv4j.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * In-JVM A/B comparison of two builds of the GEMM kernels: square SGEMM/DGEMM through
 * {@code Blas.sgemmParallel}/{@code Blas.dgemmParallel}, build A and build B each loaded from its
 * own class path (a {@code benchmarks.jar} or a {@code target/classes} directory) by its own class
 * loader, so both are compiled by the same JIT in the same process and the calls alternate
 * A B B A, call by call. On this shared, noisy host identical code spreads ±40 % between JVM
 * launches and over seconds within one, so only such interleaved comparisons show a kernel
 * change; the ratio of each adjacent (A, B) pair is taken and its median and quartiles reported,
 * which cancels the slow phases that hit both. The results of A and B are also compared
 * bitwise. Figures for docs/BENCHMARKS.md against the peer still come from {@link GemmBench}
 * with NumPy in the same lock hold.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp conv4j-bench/target/benchmarks.jar org.conv4j.bench.GemmAB \
 *     /tmp/main-benchmarks.jar conv4j-bench/target/benchmarks.jar [sizes=1024] [threads=1,2] [types=s,d] [pairs=30]</pre>
 */
public final class GemmAB {
  private GemmAB() {}

  /** One build: its {@code Blas} products and {@code Parallelism.setThreads}. */
  private record Build(String name, MethodHandle sgemm, MethodHandle dgemm, MethodHandle setThreads) {
    /**
     * Loads the build at {@code spec}: a class path, optionally followed by {@code @key=value,...}
     * system properties set while its classes initialise (for scratch builds whose constants read
     * properties; the properties are restored afterwards).
     */
    static Build load(String name, String spec) throws ReflectiveOperationException, java.io.IOException {
      int at = spec.indexOf('@');
      String path = at < 0 ? spec : spec.substring(0, at);
      java.util.Map<String, String> saved = new java.util.HashMap<>();
      if (at >= 0) {
        for (String kv : spec.substring(at + 1).split(",")) {
          String[] p = kv.split("=", 2);
          saved.put(p[0], System.getProperty(p[0]));
          System.setProperty(p[0], p[1]);
        }
      }
      URL url = Path.of(path).toUri().toURL();
      ClassLoader cl = new URLClassLoader(name, new URL[] {url}, ClassLoader.getPlatformClassLoader());
      MethodHandles.Lookup lk = MethodHandles.publicLookup();
      Class<?> blas = Class.forName("org.conv4j.kernels.Blas", true, cl);
      for (String k : new String[] {"org.conv4j.kernels.simd.SimdSgemm", "org.conv4j.kernels.simd.SimdDgemm"}) {
        Class.forName(k, true, cl);
      }
      saved.forEach((k, v) -> {
        if (v == null) {
          System.clearProperty(k);
        } else {
          System.setProperty(k, v);
        }
      });
      Class<?> par = Class.forName("org.conv4j.runtime.Parallelism", true, cl);
      MethodType st = MethodType.methodType(void.class, boolean.class, boolean.class, int.class, int.class, int.class,
          float[].class, int.class, int.class, float[].class, int.class, int.class, float[].class, int.class, int.class,
          boolean.class);
      MethodType dt = MethodType.methodType(void.class, boolean.class, boolean.class, int.class, int.class, int.class,
          double[].class, int.class, int.class, double[].class, int.class, int.class, double[].class, int.class, int.class,
          boolean.class);
      return new Build(name, lk.findStatic(blas, "sgemmParallel", st), lk.findStatic(blas, "dgemmParallel", dt),
          lk.findStatic(par, "setThreads", MethodType.methodType(void.class, int.class)));
    }
  }

  public static void main(String[] args) throws Throwable {
    if (args.length < 2) {
      System.err.println("usage: GemmAB <classpath A> <classpath B> [sizes] [threads] [types] [pairs]");
      System.exit(2);
    }
    Build[] builds = {Build.load("A", args[0]), Build.load("B", args[1])};
    int[] sizes = ints(args.length > 2 ? args[2] : "1024");
    int[] threads = ints(args.length > 3 ? args[3] : "1,2");
    String[] types = (args.length > 4 ? args[4] : "s,d").split(",");
    int pairs = args.length > 5 ? Integer.parseInt(args[5]) : 30;
    System.out.println("A = " + args[0] + "\nB = " + args[1]);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int n : sizes) {
      Random r = new Random(42);
      float[] a = new float[n * n], b = new float[n * n];
      double[] ad = new double[n * n], bd = new double[n * n];
      for (int i = 0; i < a.length; i++) {
        a[i] = r.nextFloat();
        b[i] = r.nextFloat();
        ad[i] = a[i];
        bd[i] = b[i];
      }
      float[][] c = {new float[n * n], new float[n * n]};
      double[][] cd = {new double[n * n], new double[n * n]};
      for (int t : threads) {
        for (String type : types) {
          boolean single = type.equals("s");
          for (Build bl : builds) {
            bl.setThreads.invokeExact(t);
          }
          double[][] wall = new double[2][2 * pairs];
          double[][] cpu = new double[2][2 * pairs];
          double[] ratio = new double[2 * pairs];
          for (int round = -4; round < pairs; round++) {
            // A B B A: each build runs first and second equally often.
            int[] order = {0, 1, 1, 0};
            long[] w = new long[4];
            long[] u = new long[4];
            for (int s = 0; s < 4; s++) {
              Build bl = builds[order[s]];
              long w0 = System.nanoTime(), u0 = mx.getCurrentThreadCpuTime();
              if (single) {
                bl.sgemm.invokeExact(false, false, n, n, n, a, 0, n, b, 0, n, c[order[s]], 0, n, false);
              } else {
                bl.dgemm.invokeExact(false, false, n, n, n, ad, 0, n, bd, 0, n, cd[order[s]], 0, n, false);
              }
              w[s] = System.nanoTime() - w0;
              u[s] = mx.getCurrentThreadCpuTime() - u0;
            }
            if (round >= 0) {
              for (int s = 0; s < 4; s++) {
                int slot = 2 * round + (s == 0 || s == 1 ? 0 : 1);
                wall[order[s]][slot] = w[s];
                cpu[order[s]][slot] = u[s];
              }
              ratio[2 * round] = (double) w[0] / w[1];
              ratio[2 * round + 1] = (double) w[3] / w[2];
            }
          }
          boolean same = single ? Arrays.equals(c[0], c[1]) : Arrays.equals(cd[0], cd[1]);
          double flop = 2.0 * n * n * n;
          System.out.printf("%sgemm n=%d threads=%d: A wall median %.1f best %.1f GFLOP/s (cpu %.1f); "
                  + "B wall median %.1f best %.1f GFLOP/s (cpu %.1f); B/A speed per pair: median %.3f, quartiles %.3f-%.3f; "
                  + "results %s%n",
              type, n, t, flop / median(wall[0]), flop / min(wall[0]), flop / median(cpu[0]),
              flop / median(wall[1]), flop / min(wall[1]), flop / median(cpu[1]),
              median(ratio), quantile(ratio, 0.25), quantile(ratio, 0.75), same ? "bitwise equal" : "DIFFER");
        }
      }
    }
    for (Build bl : builds) {
      bl.setThreads.invokeExact(1);
    }
  }

  private static int[] ints(String s) {
    return Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  private static double median(double[] v) {
    return quantile(v, 0.5);
  }

  private static double quantile(double[] v, double q) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.round(q * (s.length - 1)))];
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }
}
