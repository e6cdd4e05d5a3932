package org.conv4j.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import org.conv4j.match.MatchOptions;
import org.conv4j.match.Metric;
import org.conv4j.match.TemplateMatch;
import org.conv4j.tensor.Tensor;
import org.conv4j.window.WindowOp;
import org.conv4j.window.WindowSpec;

/**
 * A timing server for {@code tools/bench_match.py interleaved}: reads lines {@code OP THREADS REPS}
 * on stdin and runs op {@code OP} of {@link MatchBench}'s workloads {@code REPS} times back to
 * back, printing one line of {@code WALL_MS/CPU_MS} pairs (CPU time of the calling thread: the
 * whole cost when {@code THREADS} is 1). Ops: {@code seed32 seed64 bigSsd bigCcoeffNormed generic}.
 * The peer script alternates these bursts with OpenCV's and SciPy's, so that every side sees the
 * same machine load.
 */
public final class MatchTimer {
  private MatchTimer() {}

  /** Runs the server until stdin closes. */
  public static void main(String[] args) throws Exception {
    MatchBench b = new MatchBench();
    b.setup();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("ready");
    System.out.flush();
    for (String line; (line = in.readLine()) != null; ) {
      String[] f = line.trim().split("\\s+");
      int threads = Integer.parseInt(f[1]);
      int reps = Integer.parseInt(f[2]);
      MatchOptions o = MatchOptions.defaults().threads(threads);
      StringBuilder sb = new StringBuilder();
      for (int r = 0; r < reps; r++) {
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        Tensor y = switch (f[0]) {
          case "seed32" -> TemplateMatch.match(b.z32, b.x032, Metric.MSD, o);
          case "seed64" -> TemplateMatch.match(b.z64, b.x064, Metric.MSD, o);
          case "bigSsd" -> TemplateMatch.match(b.big, b.bigT, Metric.SSD, o);
          case "bigCcoeffNormed" -> TemplateMatch.match(b.big, b.bigT, Metric.CCOEFF_NORMED, o);
          case "generic" -> WindowOp.apply(b.z64, WindowSpec.size(10, 10).valid().threads(threads), b.msd);
          default -> throw new IllegalArgumentException("unknown op " + f[0]);
        };
        long t1 = System.nanoTime();
        long c1 = mx.getCurrentThreadCpuTime();
        if (y.size() == 0) {
          throw new AssertionError();
        }
        sb.append(String.format("%.4f/%.4f ", (t1 - t0) / 1e6, (c1 - c0) / 1e6));
      }
      System.out.println(sb.toString().trim());
      System.out.flush();
    }
  }
}
