package org.conv4j.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conv4j.io.Npz;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * The SciPy oracles of {@code tools/gen_signal_fixtures.py} ({@code fixtures/signal/cases.tsv} and
 * {@code signal.npz}), the named tolerances, and the comparison helper.
 */
final class SignalFixtures {
  /**
   * float64: 1e-12 of the largest expected magnitude (at least 1). Direct sums of the fixtures'
   * multiples of 1/8 are exact; the FFT paths add rounding of about 1e-15 relative.
   */
  static final double F64_TOL = 1e-12;
  /**
   * float32: 1e-6 of the largest expected magnitude (at least 1): one float32 rounding of a
   * double result (2^-24 ≈ 6e-8 relative) plus SciPy's float accumulation.
   */
  static final double F32_TOL = 1e-6;

  private static Map<String, Tensor> arrays;
  private static List<Case> cases;

  private SignalFixtures() {}

  /** One case: name, op, dtype and its parameters. */
  record Case(String name, String op, DType dtype, Map<String, String> params) {
    String param(String key) {
      String v = params.get(key);
      assertThat(v).as("param %s of %s", key, name).isNotNull();
      return v;
    }

    Mode mode() {
      return Mode.parse(param("mode"));
    }

    Tensor in1() {
      return array(param("in") + "__in1");
    }

    Tensor in2() {
      return array(param("in") + "__in2");
    }

    Tensor out() {
      return array(name + "__out");
    }

    int[] axes() {
      String v = params.get("axes");
      return v == null ? new int[0] : Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static synchronized Map<String, Tensor> all() {
    if (arrays == null) {
      try {
        arrays = Npz.read(dir().resolve("signal.npz"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return arrays;
  }

  static Tensor array(String key) {
    Tensor t = all().get(key);
    assertThat(t).as("array %s", key).isNotNull();
    return t;
  }

  static synchronized List<Case> cases() {
    if (cases == null) {
      try {
        List<Case> list = new ArrayList<>();
        for (String line : Files.readAllLines(dir().resolve("cases.tsv"), StandardCharsets.UTF_8)) {
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          String[] f = line.split("\t", -1);
          Map<String, String> p = new LinkedHashMap<>();
          for (String kv : f[3].trim().split(" ")) {
            int eq = kv.indexOf('=');
            p.put(kv.substring(0, eq), kv.substring(eq + 1));
          }
          list.add(new Case(f[0], f[1], "float32".equals(f[2]) ? DType.FLOAT32 : DType.FLOAT64, p));
        }
        cases = list;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return cases;
  }

  private static Path dir() {
    try {
      return Path.of(SignalFixtures.class.getResource("/fixtures/signal/cases.tsv").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Shape, dtype and values within the dtype's named tolerance. */
  static void assertMatches(Tensor actual, Tensor expected, DType dtype, String what) {
    assertThat(actual.dtype()).as("%s dtype", what).isEqualTo(dtype);
    assertThat(actual.shape()).as("%s shape", what).containsExactly(expected.shape());
    double[] a = actual.toDoubleArray();
    double[] e = expected.toDoubleArray();
    double scale = 1;
    for (double v : e) {
      scale = Math.max(scale, Math.abs(v));
    }
    double tol = (dtype == DType.FLOAT32 ? F32_TOL : F64_TOL) * scale;
    for (int i = 0; i < e.length; i++) {
      if (Math.abs(a[i] - e[i]) > tol) {
        throw new AssertionError(what + ": element " + i + " is " + a[i] + ", SciPy gives " + e[i] + " (tolerance "
            + tol + ")\nactual   " + Arrays.toString(a) + "\nexpected " + Arrays.toString(e));
      }
    }
  }
}
