package org.conv4j.bench;

import java.util.Arrays;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
 * <p>With {@code fma} it alternates rounds of 10 macro-kernel calls with a register-only loop of the
 * same FLOP count (ten independent FMA chains, no memory operand) and prints the quartiles of both
 * and of the per-round ratio: whether a slow phase of the host slows the kernel more than the FMA
 * units themselves ({@code calls} rounds; {@code rounds} is ignored).
 *
 * <pre>java --add-modules jdk.incubator.vector -cp conv4j-bench/target/benchmarks.jar org.conv4j.bench.MacroKernelProbe [calls] [rounds] [kernel|whole|fma]</pre>
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
    if (calls < 4 || rounds < 1 || !(mode.equals("kernel") || mode.equals("whole") || mode.equals("fma"))) {
      throw new IllegalArgumentException("want calls >= 4, rounds >= 1, mode kernel|whole|fma; got calls=" + calls
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
    if (mode.equals("fma")) {
      againstFma(calls, pa, pb, c, flops);
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

  private static void againstFma(int rounds, float[] pa, float[] pb, float[] c, double flops) {
    long steps = (long) (flops / (10 * 2 * FloatVector.SPECIES_PREFERRED.length()));
    float[] seed = new float[2 * FloatVector.SPECIES_PREFERRED.length()];
    Arrays.fill(seed, 0.999f);
    for (int i = 0; i < 300; i++) {
      fmaLoop(steps, seed);
    }
    double[] k = new double[rounds], f = new double[rounds], ratio = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      long s0 = System.nanoTime();
      for (int i = 0; i < 10; i++) {
        SimdSgemm.macroKernel(MC, NC, KC, pa, 0, pb, 0, c, 0, LDC, false, pa, MC * KC);
      }
      long s1 = System.nanoTime();
      for (int i = 0; i < 10; i++) {
        fmaLoop(steps, seed);
      }
      long s2 = System.nanoTime();
      k[round] = 10 * flops / (s1 - s0);
      f[round] = 10 * flops / (s2 - s1);
      ratio[round] = k[round] / f[round];
    }
    Arrays.sort(k);
    Arrays.sort(f);
    Arrays.sort(ratio);
    System.out.printf("%-15s %8s %8s %8s %8s   (GFLOP/s, %d rounds of 10 calls each)%n", "", "q1", "median", "q3", "best", rounds);
    System.out.printf("%-15s %8.1f %8.1f %8.1f %8.1f%n", "macro-kernel", k[rounds / 4], k[rounds / 2], k[3 * rounds / 4], k[rounds - 1]);
    System.out.printf("%-15s %8.1f %8.1f %8.1f %8.1f%n", "register FMAs", f[rounds / 4], f[rounds / 2], f[3 * rounds / 4], f[rounds - 1]);
    System.out.printf("%-15s %8.3f %8.3f %8.3f%n", "ratio", ratio[rounds / 4], ratio[rounds / 2], ratio[3 * rounds / 4]);
    if (Float.isNaN(c[7]) || Float.isNaN(sink)) {
      throw new AssertionError("NaN");
    }
  }

  private static float sink;

  /** {@code steps} × 10 vector FMAs on ten independent chains, no memory operand. */
  private static void fmaLoop(long steps, float[] seed) {
    VectorSpecies<Float> sp = FloatVector.SPECIES_PREFERRED;
    FloatVector m = FloatVector.fromArray(sp, seed, 0);
    FloatVector k = FloatVector.fromArray(sp, seed, sp.length());
    FloatVector a0 = m, a1 = m, a2 = m, a3 = m, a4 = m, a5 = m, a6 = m, a7 = m, a8 = m, a9 = m;
    for (long i = 0; i < steps; i++) {
      a0 = a0.fma(m, k);
      a1 = a1.fma(m, k);
      a2 = a2.fma(m, k);
      a3 = a3.fma(m, k);
      a4 = a4.fma(m, k);
      a5 = a5.fma(m, k);
      a6 = a6.fma(m, k);
      a7 = a7.fma(m, k);
      a8 = a8.fma(m, k);
      a9 = a9.fma(m, k);
    }
    sink += a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).reduceLanes(VectorOperators.ADD);
  }
}
