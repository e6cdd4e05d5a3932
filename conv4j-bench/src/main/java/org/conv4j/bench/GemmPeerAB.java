package org.conv4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.conv4j.kernels.Blas;
import org.conv4j.runtime.Parallelism;

/**
 * conv4j's square GEMM against NumPy/OpenBLAS in alternating rounds: each round runs
 * {@code tools/peer_gemm.py} (a fresh Python process, its median of {@code reps} products) and then
 * {@code reps} products of {@link Blas#sgemmParallel} / {@link Blas#dgemmParallel} in this warm JVM
 * (their median), so both sides see the same phases of a shared host; prints each round and the
 * median and quartiles of the per-round ratios (NumPy's time ÷ conv4j's, as in {@code tools/bench_all.sh}).
 * A complement to the JMH table, whose peer runs a few seconds before and after minutes of JMH.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp conv4j-bench/target/benchmarks.jar org.conv4j.bench.GemmPeerAB [s|d] [n] [threads] [rounds] [reps]</pre>
 *
 * Run from the repository root (it calls {@code python3 tools/peer_gemm.py}).
 */
public final class GemmPeerAB {
  private GemmPeerAB() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    String type = args.length > 0 ? args[0] : "s";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    int reps = args.length > 4 ? Integer.parseInt(args[4]) : 15;
    if (!(type.equals("s") || type.equals("d")) || n < 1 || threads < 1 || rounds < 1 || reps < 1) {
      throw new IllegalArgumentException("want [s|d] n >= 1, threads >= 1, rounds >= 1, reps >= 1; got " + String.join(" ", args));
    }
    Parallelism.setThreads(threads);
    SquareProduct sq = new SquareProduct(n);
    Runnable body = sq.product(type);
    // Warm-up as JMH's: until C2 has compiled the whole driver (a few seconds of products).
    for (long end = System.nanoTime() + 8_000_000_000L; System.nanoTime() < end; ) {
      body.run();
    }
    String bench = (type.equals("s") ? "sgemm/" : "dgemm/") + n;
    double flops = 2.0 * n * n * n;
    double[] ours = new double[rounds], peer = new double[rounds], ratio = new double[rounds];
    System.out.printf(Locale.ROOT, "%s, %d threads, %d rounds of %d products each side (ms, medians)%n", bench, threads, rounds, reps);
    for (int round = 0; round < rounds; round++) {
      peer[round] = peerMs(bench, n, threads, reps);
      double[] t = new double[reps];
      for (int i = 0; i < reps; i++) {
        long s = System.nanoTime();
        body.run();
        t[i] = (System.nanoTime() - s) / 1e6;
      }
      Arrays.sort(t);
      ours[round] = t[reps / 2];
      ratio[round] = peer[round] / ours[round];
      System.out.printf(Locale.ROOT, "round %2d  numpy %7.2f  conv4j %7.2f  ratio %.3f%n", round + 1, peer[round], ours[round], ratio[round]);
    }
    double[] so = ours.clone(), sp = peer.clone(), sr = ratio.clone();
    Arrays.sort(so);
    Arrays.sort(sp);
    Arrays.sort(sr);
    System.out.printf(Locale.ROOT, "median    numpy %7.2f ms (%.1f GFLOP/s)  conv4j %7.2f ms (%.1f GFLOP/s)%n", sp[rounds / 2],
        flops / sp[rounds / 2] / 1e6, so[rounds / 2], flops / so[rounds / 2] / 1e6);
    System.out.printf(Locale.ROOT, "ratio (numpy ms / conv4j ms): median %.3f, quartiles %.3f-%.3f, min %.3f, max %.3f%n",
        sr[rounds / 2], sr[rounds / 4], sr[3 * rounds / 4], sr[0], sr[rounds - 1]);
    if (sq.hasNaN()) {
      throw new AssertionError("NaN in the product");
    }
  }

  private static final Pattern MS = Pattern.compile("\"bench\": \"([a-z]+/\\d+)\".*?\"ms\": ([0-9.eE+-]+)");

  /** NumPy's median time for {@code bench} from one run of {@code tools/peer_gemm.py}. */
  private static double peerMs(String bench, int n, int threads, int reps) throws IOException, InterruptedException {
    List<String> cmd = List.of("python3", "tools/peer_gemm.py", "--threads", Integer.toString(threads), "--sizes",
        Integer.toString(n), "--reps", Integer.toString(reps));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        lines.add(line);
      }
    }
    int exit = p.waitFor();
    for (String line : lines) {
      Matcher m = MS.matcher(line);
      if (m.find() && m.group(1).equals(bench)) {
        return Double.parseDouble(m.group(2));
      }
    }
    throw new IOException(String.join(" ", cmd) + " (exit " + exit + ") printed no figure for " + bench + ": " + lines);
  }
}
