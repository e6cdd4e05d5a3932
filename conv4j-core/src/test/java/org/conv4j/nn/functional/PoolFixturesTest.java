package org.conv4j.nn.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.conv4j.io.Npz;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every op against the NumPy reference implementations of {@code tools/gen_pool_fixtures.py}
 * (fixtures/pool: PyTorch max/avg pooling 1-3-D and Theano pool_2d, forward and backward, float32
 * and float64, with stride, padding, dilation, ceil mode and its last-window rule,
 * count_include_pad, divisor_override, ties, NaNs, ignore_border and all four Theano modes).
 */
class PoolFixturesTest {
  /** Max pooling selects an input element: values and indices must be identical. */
  private static final double EXACT = 0;
  /** Float64 sums and scatters in another order than NumPy's: a few ulps relative to max(1, |v|). */
  private static final double FLOAT64_REL = 1e-13;
  /** Float32 results are double sums rounded once, like the reference: at most one float ulp apart. */
  private static final double FLOAT32_REL = 0x1.0p-23;

  record Case(String name, String xKey, String op, DType dtype, int[] kernel, int[] stride, int[] padding,
      int[] dilation, boolean ceil, boolean countIncludePad, int divisor, String mode, boolean ignoreBorder) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Path dir() {
    URL url = PoolFixturesTest.class.getClassLoader().getResource("fixtures/pool/manifest.tsv");
    assertThat(url).as("fixtures/pool on the test classpath (python3 tools/gen_pool_fixtures.py)").isNotNull();
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Holder {
    static final Map<String, Tensor> ARRAYS;
    static final List<Case> CASES;

    static {
      try {
        ARRAYS = Npz.read(dir().resolve("pool.npz"));
        CASES = Files.readAllLines(dir().resolve("manifest.tsv")).stream()
            .filter(l -> !l.startsWith("#") && !l.startsWith("name\t") && !l.isBlank())
            .map(PoolFixturesTest::parse)
            .toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static Case parse(String line) {
    String[] f = line.split("\t");
    return new Case(f[0], f[1], f[2], f[3].equals("float32") ? DType.FLOAT32 : DType.FLOAT64, ints(f[4]), ints(f[5]),
        ints(f[6]), ints(f[7]), f[8].equals("1"), f[9].equals("1"), Integer.parseInt(f[10]), f[11], f[12].equals("1"));
  }

  private static int[] ints(String s) {
    return s.equals("-") ? null : Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  static Stream<Case> cases() {
    return Holder.CASES.stream();
  }

  private static Tensor array(String key) {
    Tensor t = Holder.ARRAYS.get(key);
    assertThat(t).as("array %s in pool.npz", key).isNotNull();
    return t;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void forwardAndBackwardMatchTheReference(Case c) {
    Tensor x = array(c.xKey());
    Tensor dy = array(c.name() + ".dy");
    assertThat(x.dtype()).isEqualTo(c.dtype());
    double rel = c.dtype() == DType.FLOAT32 ? FLOAT32_REL : FLOAT64_REL;
    switch (c.op()) {
      case "max" -> {
        MaxPoolParams p = new MaxPoolParams(c.kernel(), c.stride(), c.padding(), c.dilation(), c.ceil());
        MaxPoolResult r = MaxPool.forward(x, p);
        assertClose(c, "y", r.output(), array(c.name() + ".y"), EXACT);
        assertClose(c, "idx", r.indices(), array(c.name() + ".idx"), EXACT);
        assertClose(c, "dx", MaxPool.backward(dy, array(c.name() + ".idx"), x.shape(), p), array(c.name() + ".dx"), rel);
      }
      case "avg" -> {
        AvgPoolParams p = new AvgPoolParams(c.kernel(), c.stride(), c.padding(), c.ceil(), c.countIncludePad(), null);
        if (c.divisor() > 0) {
          p = p.withDivisorOverride(c.divisor());
        }
        assertClose(c, "y", AvgPool.forward(x, p), array(c.name() + ".y"), rel);
        assertClose(c, "dx", AvgPool.backward(dy, x.shape(), p), array(c.name() + ".dx"), rel);
      }
      case "theano" -> {
        TheanoPoolParams p = new TheanoPoolParams(c.kernel(), c.stride(), c.padding(), c.ignoreBorder(),
            TheanoPoolMode.fromTheanoName(c.mode()));
        double yRel = p.mode() == TheanoPoolMode.MAX ? EXACT : rel;
        assertClose(c, "y", TheanoPool.forward(x, p), array(c.name() + ".y"), yRel);
        assertClose(c, "dx", TheanoPool.backward(x, dy, p), array(c.name() + ".dx"), rel);
      }
      default -> throw new AssertionError("unknown op " + c.op());
    }
  }

  @Test
  void lenetDocExampleOfSpec62() {
    Tensor ib = array("th_lenet_doc_ib1_float64.y");
    assertThat(ib.shape()).containsExactly(3, 2, 2, 2);
    assertThat(ib.select(0, 0).select(0, 0).toDoubleArray())
        .containsExactly(new double[] {0.72032449, 0.39676747, 0.6852195, 0.87811744}, within(5e-9));
    Tensor x = array("th_lenet_doc_ib0_float64.x");
    Tensor nib = TheanoPool.pool2d(x, TheanoPoolParams.of(2, 2));
    assertThat(nib.shape()).containsExactly(3, 2, 3, 3);
    assertThat(nib.select(0, 1).select(0, 0).toDoubleArray()).containsExactly(new double[] {
        0.67883553, 0.58930554, 0.69975836, 0.66379465, 0.94459476, 0.58655504, 0.90340192, 0.80739129, 0.39767684},
        within(5e-9));
    // LeNet's layer: pool_2d(ds=(2,2), ignore_border=True) on the doc input
    assertThat(TheanoPool.pool2d(x, TheanoPoolParams.of(2, 2).withIgnoreBorder(true)).toDoubleArray())
        .containsExactly(ib.toDoubleArray());
  }

  @Test
  void fixturesCoverEveryOpModeRankAndDtype() {
    Set<String> seen = cases().map(c -> c.op() + "/" + (c.op().equals("theano") ? c.mode() : c.kernel().length + "d")
        + "/" + c.dtype()).collect(Collectors.toSet());
    for (DType dt : DType.values()) {
      for (String op : List.of("max", "avg")) {
        for (int d = 1; d <= 3; d++) {
          assertThat(seen).contains(op + "/" + d + "d/" + dt);
        }
      }
      for (TheanoPoolMode m : TheanoPoolMode.values()) {
        assertThat(seen).contains("theano/" + m.theanoName() + "/" + dt);
      }
    }
  }

  private static void assertClose(Case c, String what, Tensor actual, Tensor expected, double rel) {
    assertThat(actual.shape()).as("%s %s shape", c, what).containsExactly(expected.shape());
    if (!what.equals("idx")) {
      assertThat(actual.dtype()).as("%s %s dtype", c, what).isEqualTo(c.dtype());
    }
    double[] a = actual.toDoubleArray();
    double[] e = expected.toDoubleArray();
    for (int i = 0; i < a.length; i++) {
      if (Double.isNaN(e[i])) {
        assertThat(a[i]).as("%s %s[%d]", c, what, i).isNaN();
      } else {
        assertThat(a[i]).as("%s %s[%d]", c, what, i).isCloseTo(e[i], within(rel * Math.max(1, Math.abs(e[i]))));
      }
    }
  }
}
