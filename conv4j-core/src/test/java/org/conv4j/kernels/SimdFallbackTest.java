package org.conv4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Both start-up choices of the GEMM: child JVMs without the {@code jdk.incubator.vector} module
 * and with {@code -Dconv4j.simd=false} select the scalar kernels, still run the convolution ops,
 * and agree with this (SIMD) JVM within float32 rounding.
 */
class SimdFallbackTest {
  @Test
  void scalarFallbackWhenTheModuleIsAbsent() throws Exception {
    List<String> out = child(List.of());
    assertThat(out).contains("simd=false");
    assertAgrees(out);
  }

  @Test
  void scalarFallbackWhenDisabledByProperty() throws Exception {
    List<String> out = child(List.of("--add-modules", "jdk.incubator.vector", "-Dconv4j.simd=false"));
    assertThat(out).contains("simd=false");
    assertAgrees(out);
  }

  @Test
  void simdWhenTheModuleIsPresent() throws Exception {
    List<String> out = child(List.of("--add-modules", "jdk.incubator.vector"));
    assertThat(out).contains("simd=true");
    assertAgrees(out);
  }

  private static void assertAgrees(List<String> out) {
    String line = out.stream().filter(s -> s.startsWith("sums=")).findFirst().orElseThrow();
    String[] theirs = line.substring(5).split(",");
    String[] ours = FallbackProbe.sums().split(",");
    assertThat(theirs).hasSameSizeAs(ours);
    for (int i = 0; i < ours.length; i++) {
      double a = Double.parseDouble(theirs[i]), b = Double.parseDouble(ours[i]);
      // Sums of a few thousand float32 values of magnitude ≤ ~25: rounding differences stay far below 1e-2.
      assertThat(a).as("sum %d", i).isCloseTo(b, org.assertj.core.data.Offset.offset(1e-2 * (1 + Math.abs(b))));
    }
  }

  private static List<String> child(List<String> jvmArgs) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(System.getProperty("java.home") + "/bin/java");
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(FallbackProbe.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(text).isZero();
    return text.lines().toList();
  }
}
