package org.conv4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.conv4j.window.PadMode;
import org.junit.jupiter.api.Test;

/**
 * The filter kernels against their plainly written twins ({@link FilterNaive}), bit for bit:
 * direct correlation (SIMD and scalar interiors), the uniform running sum, van Herk min/max on
 * lines and on column blocks of any width, and the bit-set rank selection with tiles small enough
 * to cross many tile borders. Inputs carry NaNs, ±0.0 and repeated values where the op defines
 * them. Each property draws a seed and builds a random N-d problem from it.
 */
class FilterKernelsTest {
  private static final PadMode[] MODES = PadMode.values();

  /** A random problem: shape, window shape and origins, mode, data. */
  private record Problem(int[] dims, int[] kdims, int[] origins, PadMode mode, double cval, double[] x, int size) {}

  private static Problem problem(Random r, int maxRank, int maxDim, int maxK, boolean specials) {
    int rank = 1 + r.nextInt(maxRank);
    int[] dims = new int[rank];
    int[] kdims = new int[rank];
    int[] origins = new int[rank];
    int size = 1;
    for (int d = 0; d < rank; d++) {
      dims[d] = 1 + r.nextInt(maxDim);
      kdims[d] = 1 + r.nextInt(maxK);
      origins[d] = r.nextInt(kdims[d]) - kdims[d] / 2;
      size *= dims[d];
    }
    double[] x = new double[size];
    for (int i = 0; i < size; i++) {
      x[i] = specials && r.nextInt(8) == 0
          ? new double[] {Double.NaN, 0.0, -0.0, 1.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}[r.nextInt(6)]
          : r.nextInt(3) == 0 ? r.nextInt(4) : r.nextGaussian();
    }
    return new Problem(dims, kdims, origins, MODES[r.nextInt(MODES.length)], r.nextGaussian(), x, size);
  }

  private static void assertSameBits(double[] actual, double[] expected, Object what) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      if (Double.compare(actual[i], expected[i]) != 0) {
        throw new AssertionError(what + ": element " + i + " is " + actual[i] + ", reference " + expected[i]);
      }
    }
  }

  @Property(tries = 150)
  void correlateSimdAndScalarEqualNaiveBitwise(@ForAll long seed) {
    Random r = new Random(seed);
    Problem p = problem(r, 3, 9, 5, false);
    int kn = 1;
    for (int k : p.kdims()) {
      kn *= k;
    }
    double[] w = new double[kn];
    for (int i = 0; i < kn; i++) {
      w[i] = r.nextInt(5) == 0 ? 1e-17 : r.nextGaussian();
    }
    FilterCorrelate.Plan plan = FilterCorrelate.plan(p.dims(), w, p.kdims(), p.origins(), p.mode(), p.cval(), true);
    double[] expected = FilterNaive.correlate(p.x(), p.dims(), w, p.kdims(), p.origins(), p.mode(), p.cval(), true);
    for (boolean simd : new boolean[] {false, FilterSimd.ENABLED}) {
      double[] out = new double[p.size()];
      double[] acc = new double[plan.lineLength()];
      int n = plan.lineLength();
      for (int line = 0; line < plan.lines(); line++) {
        int cut = r.nextInt(n + 1); // two segments per line, as the parallel split may cut it
        FilterCorrelate.run(plan, p.x(), FilterBuffer.of(out), line, 0, cut, acc, simd);
        FilterCorrelate.run(plan, p.x(), FilterBuffer.of(out), line, cut, n, acc, simd);
      }
      assertSameBits(out, expected, "correlate simd=" + simd + " " + p);
    }
  }

  /** Runs one separable pass the way {@code Filters} does, with column blocks of width {@code width}. */
  private static double[] pass(Problem p, int axis, int size, int origin, String kind, int width, boolean simd) {
    int[] dims = p.dims();
    int n = dims[axis];
    int inner = 1;
    for (int d = axis + 1; d < dims.length; d++) {
      inner *= dims[d];
    }
    int outer = p.size() / (n * inner);
    double[] out = new double[p.size()];
    FilterBuffer src = FilterBuffer.of(p.x());
    FilterBuffer dst = FilterBuffer.of(out);
    if (inner == 1) {
      double[] e = new double[n + size - 1];
      double[] line = new double[n];
      if (kind.equals("uniform")) {
        FilterSeparable.uniformLines(src, dst, n, size, origin, p.mode(), p.cval(), 0, outer, e, line,
            new double[e.length], new double[n]);
      } else if (width % 2 == 0) {
        FilterSeparable.minMaxLines(src, dst, n, size, origin, kind.equals("max"), p.mode(), p.cval(), 0, outer, e,
            new double[e.length], new double[e.length], line);
      } else {
        int g = FilterSeparable.GROUP;
        for (int line0 = 0; line0 < outer; line0 += g) {
          FilterSeparable.minMaxLineGroup(src, dst, n, size, origin, kind.equals("max"), p.mode(), p.cval(), line0,
              Math.min(g, outer - line0), new double[n * g], new double[n * g], new double[size * g],
              new double[size * g], new double[g], new double[g], simd);
        }
      }
      return out;
    }
    double[] a = new double[(size + 1) * width];
    double[] b = new double[size * width];
    double[] g = new double[width];
    double[] t = new double[width];
    double[] u = new double[width];
    for (int o = 0; o < outer; o++) {
      for (int c0 = 0; c0 < inner; c0 += width) {
        int c1 = Math.min(inner, c0 + width);
        if (kind.equals("uniform")) {
          FilterSeparable.uniformColumns(src, dst, n, inner, size, origin, p.mode(), p.cval(), o, c0, c1, a, t, u, simd);
        } else {
          FilterSeparable.minMaxColumns(src, dst, n, inner, size, origin, kind.equals("max"), p.mode(), p.cval(), o,
              c0, c1, a, b, g, t, simd);
        }
      }
    }
    return out;
  }

  @Property(tries = 200)
  void vanHerkAndRunningSumEqualNaive(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int width) {
    Random r = new Random(seed);
    Problem p = problem(r, 3, 12, 1, true);
    int axis = r.nextInt(p.dims().length);
    int size = 1 + r.nextInt(9);
    int origin = r.nextInt(size) - size / 2;
    for (String kind : new String[] {"min", "max"}) {
      double[] expected = FilterNaive.minMax1d(p.x(), p.dims(), axis, size, origin, kind.equals("max"), p.mode(), p.cval());
      for (boolean simd : new boolean[] {false, FilterSimd.ENABLED}) {
        assertSameBits(pass(p, axis, size, origin, kind, width, simd), expected, kind + " axis " + axis + " size " + size);
      }
    }
    double[] finite = p.x().clone();
    for (int i = 0; i < finite.length; i++) {
      finite[i] = Double.isFinite(finite[i]) ? finite[i] : 0.5;
    }
    Problem q = new Problem(p.dims(), p.kdims(), p.origins(), p.mode(), p.cval(), finite, p.size());
    double[] expected = FilterNaive.uniform1d(finite, p.dims(), axis, size, origin, p.mode(), p.cval(), false);
    assertSameBits(pass(q, axis, size, origin, "uniform", width, false), expected, "uniform axis " + axis);
  }

  @Property(tries = 150)
  void rankSelectionEqualsSortedWindow(@ForAll long seed) {
    Random r = new Random(seed);
    Problem p = problem(r, 3, 10, 4, true);
    boolean[] fp = new boolean[java.util.Arrays.stream(p.kdims()).reduce(1, (a, b) -> a * b)];
    int n = 0;
    for (int i = 0; i < fp.length; i++) {
      fp[i] = r.nextInt(4) != 0;
      n += fp[i] ? 1 : 0;
    }
    if (n == 0) {
      fp[r.nextInt(fp.length)] = true;
      n = 1;
    }
    int rank = r.nextInt(n);
    double[] expected = FilterNaive.rank(p.x(), p.dims(), fp, p.kdims(), p.origins(), rank, p.mode(), p.cval());
    int[][] tilings = {{FilterRank.BLOCK, 128}, {40 + r.nextInt(60), 1 + r.nextInt(5)}};
    for (int[] tiling : tilings) {
      FilterRank.Plan plan = FilterRank.plan(p.dims(), fp, p.kdims(), p.origins(), rank, p.mode(), p.cval(), tiling[0],
          tiling[1]);
      double[] out = new double[p.size()];
      FilterRank.Scratch s = new FilterRank.Scratch();
      for (int t = 0; t < plan.tiles(); t++) {
        FilterRank.runTile(plan, FilterBuffer.of(p.x()), FilterBuffer.of(out), t, s);
      }
      assertSameBits(out, expected, "rank " + rank + " of " + n + " tiling " + java.util.Arrays.toString(tiling));
    }
  }

  @Property(tries = 50)
  void vectorConversionsEqualJavaCasts(@ForAll long seed) {
    Random r = new Random(seed);
    int n = r.nextInt(40);
    float[] f = new float[n + 3];
    double[] d = new double[n + 3];
    for (int i = 0; i < f.length; i++) {
      f[i] = Float.intBitsToFloat(r.nextInt());
      d[i] = r.nextInt(3) == 0 ? Double.longBitsToDouble(r.nextLong()) : r.nextGaussian() * Math.pow(2, r.nextInt(300) - 150);
    }
    double[] wide = new double[n + 2];
    FilterBuffer.of(f).load(1, 1, n, wide, 2);
    float[] narrow = new float[n + 1];
    FilterBuffer.of(narrow).store(d, 3, n, 1, 1);
    for (int i = 0; i < n; i++) {
      assertThat(Double.compare(wide[2 + i], f[1 + i])).as("widen %d", i).isZero();
      assertThat(Float.compare(narrow[1 + i], (float) d[3 + i])).as("narrow %d", i).isZero();
    }
  }

  @Test
  void bitSetNavigation() {
    long[] bits = new long[4];
    for (int q : new int[] {3, 64, 65, 190}) {
      bits[q >>> 6] |= 1L << q;
    }
    assertThat(FilterRank.select(bits, 0)).isEqualTo(3);
    assertThat(FilterRank.select(bits, 2)).isEqualTo(65);
    assertThat(FilterRank.select(bits, 3)).isEqualTo(190);
    assertThat(FilterRank.next(bits, 4)).isEqualTo(64);
    assertThat(FilterRank.next(bits, 66)).isEqualTo(190);
    assertThat(FilterRank.prev(bits, 189)).isEqualTo(65);
    assertThat(FilterRank.prev(bits, 63)).isEqualTo(3);
  }

  @Test
  void keysFollowDoubleCompare() {
    double[] v = {Double.NEGATIVE_INFINITY, -2.5, -0.0, 0.0, Double.MIN_VALUE, 1, Double.POSITIVE_INFINITY, Double.NaN};
    for (int i = 0; i + 1 < v.length; i++) {
      assertThat(Long.compareUnsigned(FilterRank.key(v[i]), FilterRank.key(v[i + 1]))).as("%s < %s", v[i], v[i + 1])
          .isNegative();
    }
    assertThat(FilterRank.key(Double.longBitsToDouble(0x7ff0000000000123L))).isEqualTo(FilterRank.key(Double.NaN));
  }

  @Test
  void nanAwareMinimumAndMaximum() {
    assertThat(FilterSeparable.min(Double.NaN, 2.0)).isEqualTo(2.0);
    assertThat(FilterSeparable.min(2.0, Double.NaN)).isEqualTo(2.0);
    assertThat(FilterSeparable.min(Double.NaN, Double.NaN)).isNaN();
    assertThat(FilterSeparable.max(Double.NaN, 2.0)).isNaN();
    assertThat(Double.doubleToRawLongBits(FilterSeparable.min(0.0, -0.0))).isEqualTo(Double.doubleToRawLongBits(-0.0));
  }
}
