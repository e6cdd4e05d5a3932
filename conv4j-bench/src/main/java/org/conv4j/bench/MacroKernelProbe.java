package org.conv4j.bench;

import java.util.Arrays;
import java.util.Random;
import org.conv4j.kernels.Blas;
import org.conv4j.kernels.simd.SimdSgemm;
import org.conv4j.runtime.Parallelism;

/**
 * Per-call GFLOP/s of the float32 GEMM macro-kernel ({@link SimdSgemm#macroKernel}) on hot packed
 * panels, in the configuration of {@code tools/gemm_tiles.c} (A block 144 × 256, B block
 * 256 × 432, C rows 1024 floats apart, accumulating), so the JIT-compiled kernel and the same loop
 * compiled by gcc can be compared call by call on this machine (docs/BENCHMARKS.md, "GEMM,
 * session 6"). Prints the median, quartiles and best of each round of calls.
 *
 * <p>With {@code whole} as third argument it instead alternates one single-threaded 1024² SGEMM
 * ({@link Blas#sgemmParallel} at one thread) with 14 macro-kernel calls (a tenth of its FLOPs) and
 * prints both rates and the per-pair ratio whole ÷ hot: what the driver (packing, panels from L2/L3,
 * C write-back) costs on top of the kernel on hot panels, with the host's slow phases hitting both.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp conv4j-bench/target/benchmarks.jar org.conv4j.bench.MacroKernelProbe [calls] [rounds] [kernel|whole]</pre>
 */
public final class MacroKernelProbe {
  private static final int MC = 144;
  private static final int NC = 432;
  private static final int KC = 256;
  private static final int LDC = 1024;

  private MacroKernelProbe() {}

  public static void main(String[] args) {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String mode = args.length > 2 ? args[2] : "kernel";
    if (calls < 4 || rounds < 1 || !(mode.equals("kernel") || mode.equals("whole"))) {
      throw new IllegalArgumentException("want calls >= 4, rounds >= 1, mode kernel|whole; got calls=" + calls
          + ", rounds=" + rounds + ", mode=" + mode);
    }
    Random r = new Random(1);
    float[] pa = new float[MC * KC + SimdSgemm.MR * SimdSgemm.NR];
    float[] pb = new float[NC * KC];
    float[] c = new float[MC * LDC];
    for (int i = 0; i < pa.length; i++) {
      pa[i] = r.nextFloat();
    }
    for (int i = 0; i < pb.length; i++) {
      pb[i] = r.nextFloat();
    }
    for (int i = 0; i < 300; i++) {
      SimdSgemm.macroKernel(MC, NC, KC, pa, 0, pb, 0, c, 0, LDC, false, pa, MC * KC);
    }
    double flops = 2.0 * MC * NC * KC;
    if (mode.equals("whole")) {
      whole(calls, rounds, pa, pb, c, flops);
      return;
    }
    double[] t = new double[calls];
    System.out.printf("%-15s %8s %8s %8s %8s   (GFLOP/s per call, %d calls per round)%n", "round", "median", "q1", "q3", "best", calls);
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < calls; i++) {
        long s = System.nanoTime();
        SimdSgemm.macroKernel(MC, NC, KC, pa, 0, pb, 0, c, 0, LDC, false, pa, MC * KC);
        t[i] = System.nanoTime() - s;
      }
      Arrays.sort(t);
      System.out.printf("%-15s %8.1f %8.1f %8.1f %8.1f%n", "java " + SimdSgemm.MR + "x" + SimdSgemm.NR + " #" + (round + 1),
          flops / t[calls / 2], flops / t[3 * calls / 4], flops / t[calls / 4], flops / t[0]);
    }
    if (Float.isNaN(c[7])) {
      throw new AssertionError("NaN in the product");
    }
  }

  private static void whole(int pairs, int rounds, float[] pa, float[] pb, float[] cc, double hotFlops) {
    int n = 1024;
    int inner = 14;
    Random r = new Random(2);
    float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextFloat();
      b[i] = r.nextFloat();
    }
    Parallelism.setThreads(1);
    double wholeFlops = 2.0 * n * n * n;
    double[] w = new double[pairs], h = new double[pairs], ratio = new double[pairs];
    System.out.printf("%-15s %8s %8s %8s   (GFLOP/s; 1 thread; %d pairs per round)%n", "round", "whole", "hot", "ratio", pairs);
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < pairs; i++) {
        long s0 = System.nanoTime();
        Blas.sgemmParallel(false, false, n, n, n, a, 0, n, b, 0, n, c, 0, n, false);
        long s1 = System.nanoTime();
        for (int k = 0; k < inner; k++) {
          SimdSgemm.macroKernel(MC, NC, KC, pa, 0, pb, 0, cc, 0, LDC, false, pa, MC * KC);
        }
        long s2 = System.nanoTime();
        w[i] = wholeFlops / (s1 - s0);
        h[i] = inner * hotFlops / (s2 - s1);
        ratio[i] = w[i] / h[i];
      }
      Arrays.sort(w);
      Arrays.sort(h);
      Arrays.sort(ratio);
      System.out.printf("%-15s %8.1f %8.1f %8.3f   (ratio quartiles %.3f-%.3f)%n", "median #" + (round + 1), w[pairs / 2], h[pairs / 2],
          ratio[pairs / 2], ratio[pairs / 4], ratio[3 * pairs / 4]);
    }
  }
}
