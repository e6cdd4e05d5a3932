package org.conv4j.nn.functional;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
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
 * Test support for the convolution oracles written by {@code tools/gen_conv_fixtures.py}:
 * {@code fixtures/conv/cases.tsv} (one case per line) and {@code fixtures/conv/conv.npz} (arrays
 * named {@code <case>__<role>}), plus the named tolerances and the comparison helper.
 */
final class ConvFixtures {
  /** float64 results are compared to 1e-12 (absolute and relative): only summation order differs. */
  static final double F64_TOL = 1e-12;
  /**
   * float32 results are compared to 2e-5: inputs are exact, the GEMM path accumulates in float
   * over at most a few hundred terms of magnitude ≤ 1.
   */
  static final double F32_TOL = 2e-5;

  private static Map<String, Tensor> arrays;
  private static List<Case> cases;

  private ConvFixtures() {}

  /** One fixture case: name, op, dtype and its {@code key=value} parameters. */
  record Case(String name, String op, DType dtype, Map<String, String> params) {
    String param(String key) {
      String v = params.get(key);
      assertThat(v).as("param %s of %s", key, name).isNotNull();
      return v;
    }

    int[] ints(String key) {
      return Arrays.stream(param(key).split(",")).mapToInt(Integer::parseInt).toArray();
    }

    boolean flag(String key) {
      return "1".equals(params.get(key));
    }

    Tensor array(String role) {
      return ConvFixtures.array(name + "__" + role);
    }

    boolean has(String role) {
      return all().containsKey(name + "__" + role);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static synchronized Map<String, Tensor> all() {
    if (arrays == null) {
      try {
        arrays = Npz.read(dir().resolve("conv.npz"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return arrays;
  }

  static Tensor array(String key) {
    Tensor t = all().get(key);
    assertThat(t).as("array %s in conv.npz", key).isNotNull();
    return t;
  }

  static synchronized List<Case> cases() {
    if (cases == null) {
      List<Case> list = new ArrayList<>();
      try {
        for (String line : Files.readAllLines(dir().resolve("cases.tsv"), StandardCharsets.UTF_8)) {
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          String[] f = line.split("\t", -1);
          Map<String, String> params = new LinkedHashMap<>();
          for (String kv : f[3].trim().split(" +")) {
            int eq = kv.indexOf('=');
            params.put(kv.substring(0, eq), kv.substring(eq + 1));
          }
          list.add(new Case(f[0], f[1], f[2].equals("float32") ? DType.FLOAT32 : DType.FLOAT64, params));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      cases = List.copyOf(list);
    }
    return cases;
  }

  static List<Case> cases(String op) {
    return cases().stream().filter(c -> c.op().equals(op)).toList();
  }

  static Path dir() {
    URL url = ConvFixtures.class.getClassLoader().getResource("fixtures/conv/cases.tsv");
    assertThat(url).as("fixtures/conv/cases.tsv on the test classpath (run tools/gen_conv_fixtures.py)").isNotNull();
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The tolerance for a dtype. */
  static double tol(DType dtype) {
    return dtype == DType.FLOAT32 ? F32_TOL : F64_TOL;
  }

  /** Same shape and dtype, and {@code |a − e| ≤ tol·(1 + |e|)} everywhere; the message gives the worst element. */
  static void assertClose(String what, Tensor actual, Tensor expected, double tol) {
    assertThat(actual).as(what + " is null").isNotNull();
    assertThat(actual.shape()).as(what + " shape").containsExactly(expected.shape());
    assertThat(actual.dtype()).as(what + " dtype").isEqualTo(expected.dtype());
    double[] a = actual.toDoubleArray();
    double[] e = expected.toDoubleArray();
    int worst = -1;
    double worstErr = 0;
    for (int i = 0; i < a.length; i++) {
      double err = Math.abs(a[i] - e[i]) / (1 + Math.abs(e[i]));
      if (!(err <= worstErr)) {
        worstErr = err;
        worst = i;
      }
    }
    assertThat(worstErr)
        .as("%s: worst relative error %s at flat index %d (actual %s, expected %s), tolerance %s", what, worstErr, worst,
            worst < 0 ? "-" : a[worst], worst < 0 ? "-" : e[worst], tol)
        .isLessThanOrEqualTo(tol);
  }

  /** Exact equality of values and shape. */
  static void assertExact(String what, Tensor actual, double[] expected, int... shape) {
    assertThat(actual.shape()).as(what + " shape").containsExactly(shape);
    assertThat(actual.toDoubleArray()).as(what).containsExactly(expected);
  }
}
