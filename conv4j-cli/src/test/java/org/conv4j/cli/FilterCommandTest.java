// conv4j filter: every op through Main.run against the library call, SciPy's median example, errors.
package org.conv4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.conv4j.filter.FilterOptions;
import org.conv4j.filter.Filters;
import org.conv4j.filter.Footprint;
import org.conv4j.io.Npy;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Rng;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conv4j filter}: each op and option reaches the right {@link Filters} call (the library is
 * checked against SciPy by its own oracle tests), the output keeps IN's dtype, and bad command lines
 * fail with exit 2 (usage) or 1 (a rule of the library) and a one-line message.
 */
class FilterCommandTest {
  @TempDir Path dir;
  private Tensor x;
  private Path in;

  @BeforeEach
  void setUp() throws IOException {
    x = new Rng(7).uniform(DType.FLOAT32, -1, 1, 6, 7);
    in = save("x.npy", x);
    save("w.npy", new Rng(8).uniform(DType.FLOAT64, -1, 1, 3, 2));
    save("w1.npy", Tensor.of(new double[] {0.25, 0.5, 0.25}, 3));
    save("fp.npy", Tensor.of(new double[] {0, 1, 0, 1, 1, 1, 0, 1, 0}, 3, 3));
    save("bad.npy", Tensor.of(new double[] {0, 2, 0, 1}, 2, 2));
  }

  private Path save(String name, Tensor t) throws IOException {
    Path p = dir.resolve(name);
    Npy.write(p, t);
    return p;
  }

  private Tensor run(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("filter", in.toString(), "-o", dir.resolve("y.npy").toString()));
    for (String a : args) {
      all.add(a.endsWith(".npy") ? dir.resolve(a).toString() : a);
    }
    CliRun r = CliRun.run(all.toArray(new String[0]));
    assertThat(r.code()).as("exit code; stderr: %s", r.err()).isZero();
    return Npy.read(dir.resolve("y.npy"));
  }

  private void same(Tensor cli, Supplier<Tensor> lib) {
    Tensor want = lib.get();
    assertThat(cli.dtype()).isEqualTo(DType.FLOAT32);
    assertThat(cli.shape()).containsExactly(want.shape());
    assertThat(cli.toDoubleArray()).containsExactly(want.toDoubleArray());
  }

  @Test
  void scipyMedianExample() throws IOException {
    in = save("m.npy", Tensor.of(new double[] {1, 5, 2, 8, 3}, 5));
    Tensor y = run("--op", "median", "--size", "2");
    assertThat(y.dtype()).isEqualTo(DType.FLOAT64);
    assertThat(y.toDoubleArray()).containsExactly(1, 5, 5, 8, 8);
  }

  @Test
  void everyOpMatchesTheLibrary() throws IOException {
    Tensor w = Npy.read(dir.resolve("w.npy"));
    FilterOptions d = FilterOptions.defaults();
    same(run("--op", "correlate", "--weights", "w.npy", "--mode", "wrap", "--origin", "0,-1"),
        () -> Filters.correlate(x, w, d.mode("wrap").origins(0, -1)));
    same(run("--op", "convolve", "--weights", "w.npy", "--mode", "constant", "--cval", "2.5"),
        () -> Filters.convolve(x, w, d.mode("constant").cval(2.5)));
    double[] w1 = {0.25, 0.5, 0.25};
    same(run("--op", "correlate", "--weights", "w1.npy", "--axis", "0", "--origin", "1"),
        () -> Filters.correlate1d(x, w1, 0, d.origin(1)));
    same(run("--op", "convolve", "--weights", "w1.npy", "--axis", "-1", "--mode", "grid-mirror"),
        () -> Filters.convolve1d(x, w1, -1, d.mode("grid-mirror")));
    same(run("--op", "uniform", "--size", "3,4", "--mode", "nearest,wrap"),
        () -> Filters.uniformFilter(x, new int[] {3, 4}, d.modes("nearest", "wrap")));
    same(run("--op", "uniform", "--size", "4", "--axis", "1", "--origin", "-2"),
        () -> Filters.uniformFilter1d(x, 4, 1, d.origin(-2)));
    same(run("--op", "minimum", "--footprint", "fp.npy", "--mode", "mirror"),
        () -> Filters.minimumFilter(x, Footprint.of(new boolean[] {false, true, false, true, true, true, false, true,
            false}, 3, 3), d.mode("mirror")));
    same(run("--op", "maximum", "--size", "5", "--axis", "0"), () -> Filters.maximumFilter1d(x, 5, 0, d));
    same(run("--op", "maximum", "--size", "2,3"), () -> Filters.maximumFilter(x, Footprint.size(2, 3), d));
    same(run("--op", "median", "--size", "3", "--axis", "1"),
        () -> Filters.medianFilter(x, Footprint.size(3), d.axes(1)));
    same(run("--op", "percentile", "--percentile", "-25", "--size", "3,3", "--mode", "grid-constant", "--cval", "1"),
        () -> Filters.percentileFilter(x, -25, Footprint.size(3, 3), d.mode("grid-constant").cval(1)));
    same(run("--op", "rank", "--rank", "-2", "--footprint", "fp.npy"),
        () -> Filters.rankFilter(x, -2, Footprint.of(new boolean[] {false, true, false, true, true, true, false, true,
            false}, 3, 3), d));
  }

  private CliRun fail(String... args) {
    List<String> all = new ArrayList<>(List.of("filter", in.toString(), "-o", dir.resolve("y.npy").toString()));
    for (String a : args) {
      all.add(a.endsWith(".npy") ? dir.resolve(a).toString() : a);
    }
    return CliRun.run(all.toArray(new String[0]));
  }

  private static void check(CliRun r, int code, String... fragments) {
    assertThat(r.code()).as(r.err()).isEqualTo(code);
    String last = r.errLines().get(r.errLines().size() - 1);
    assertThat(last).startsWith("conv4j filter: ");
    for (String f : fragments) {
      assertThat(last).contains(f);
    }
  }

  @Test
  void errors() {
    check(fail("--op", "correlate"), 2, "needs --weights");
    check(fail("--op", "median", "--size", "3", "--rank", "1"), 2, "--rank does not apply to --op median");
    check(fail("--op", "blur", "--size", "3"), 2, "'blur'");
    check(fail("--op", "rank", "--size", "3"), 2, "needs --rank");
    check(fail("--op", "uniform", "--footprint", "fp.npy"), 2, "--footprint does not apply");
    check(fail("--op", "median", "--size", "3", "--footprint", "fp.npy"), 2, "not both");
    check(fail("--op", "maximum", "--size", "3,3", "--axis", "0"), 2, "one value");
    check(fail("--op", "correlate", "--weights", "w.npy", "--origin", "0,5"), 1, "invalid origin 5");
    check(fail("--op", "median", "--footprint", "bad.npy"), 1, "footprint must be boolean");
    check(fail("--op", "percentile", "--percentile", "101", "--size", "3"), 1, "invalid percentile");
    check(fail("--op", "rank", "--rank", "9", "--size", "3"), 1, "rank 9 is not within the footprint size 9");
    check(fail("--op", "median", "--size", "3", "--mode", "bogus"), 1, "'bogus'");
    check(fail("--op", "median", "--size", "3", "--mode", "wrap,constant"), 1, "sequence of modes");
    check(fail("--op", "correlate", "--weights", "w1.npy"), 1, "weights.ndim (1) must match len(axes) (2)");
    check(fail("--op", "correlate", "--weights", "w.npy", "--axis", "0"), 1, "1-D kernel");
    assertThat(Arrays.asList(Subcommands.all())).isNotNull();
  }
}
