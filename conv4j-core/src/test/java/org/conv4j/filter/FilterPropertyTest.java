package org.conv4j.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.conv4j.kernels.FilterNaive;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.conv4j.window.PadMode;

/** Identities of the public ops on random N-d problems. */
class FilterPropertyTest {
  private static final String[] MODES = {"reflect", "constant", "nearest", "mirror", "wrap"};

  private static int[] shape(Random r, int maxRank, int maxDim) {
    int[] s = new int[1 + r.nextInt(maxRank)];
    for (int d = 0; d < s.length; d++) {
      s[d] = 1 + r.nextInt(maxDim);
    }
    return s;
  }

  private static Tensor data(Random r, int[] shape, boolean f32) {
    int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextInt(4) == 0 ? r.nextInt(3) : r.nextGaussian();
    }
    Tensor t = Tensor.of(v, shape);
    return f32 ? t.to(DType.FLOAT32) : t;
  }

  /** convolve(x, w, o) == correlate(x, flip(w), −o − (K even ? 1 : 0)), bit for bit. */
  @Property(tries = 100)
  void convolveIsCorrelateWithFlippedWeights(@ForAll long seed) {
    Random r = new Random(seed);
    int[] s = shape(r, 3, 8);
    Tensor x = data(r, s, r.nextBoolean());
    int[] k = new int[s.length];
    int[] o = new int[s.length];
    int[] oc = new int[s.length];
    int[] all = new int[s.length];
    for (int d = 0; d < s.length; d++) {
      k[d] = 1 + r.nextInt(5);
      o[d] = r.nextInt(k[d]) - k[d] / 2;
      oc[d] = -o[d] - (k[d] % 2 == 0 ? 1 : 0);
      all[d] = d;
    }
    Tensor w = data(r, k, false);
    FilterOptions base = FilterOptions.defaults().mode(MODES[r.nextInt(MODES.length)]).cval(r.nextGaussian());
    Tensor conv = Filters.convolve(x, w, base.origins(o));
    Tensor corr = Filters.correlate(x, w.flip(all).contiguous(), base.origins(oc));
    assertThat(conv.toDoubleArray()).containsExactly(corr.toDoubleArray());
  }

  /** Any thread count gives the single-thread bits, for every op. */
  @Property(tries = 60)
  void anyThreadCountEqualsOneThread(@ForAll long seed, @ForAll @IntRange(min = 2, max = 7) int threads) {
    Random r = new Random(seed);
    int[] s = {1 + r.nextInt(40), 1 + r.nextInt(300)};
    Tensor x = data(r, s, r.nextBoolean());
    FilterOptions one = FilterOptions.defaults().mode(MODES[r.nextInt(MODES.length)]).threads(1);
    FilterOptions many = one.threads(threads);
    Tensor w = data(r, new int[] {3, 4}, false);
    assertThat(Filters.correlate(x, w, many).toDoubleArray()).containsExactly(Filters.correlate(x, w, one).toDoubleArray());
    assertThat(Filters.uniformFilter(x, new int[] {5, 3}, many).toDoubleArray())
        .containsExactly(Filters.uniformFilter(x, new int[] {5, 3}, one).toDoubleArray());
    assertThat(Filters.maximumFilter(x, Footprint.size(4), many).toDoubleArray())
        .containsExactly(Filters.maximumFilter(x, Footprint.size(4), one).toDoubleArray());
    assertThat(Filters.medianFilter(x, Footprint.size(5), many).toDoubleArray())
        .containsExactly(Filters.medianFilter(x, Footprint.size(5), one).toDoubleArray());
    Tensor line = data(r, new int[] {1 + r.nextInt(3000)}, false);
    double[] w1 = {0.5, -1, 2, 0.25};
    assertThat(Filters.correlate1d(line, w1, 0, many).toDoubleArray())
        .containsExactly(Filters.correlate1d(line, w1, 0, one).toDoubleArray());
  }

  /** The fast median/percentile equal a sort of each window (the reference twin). */
  @Property(tries = 80)
  void fastRankFiltersEqualSortBased(@ForAll long seed) {
    Random r = new Random(seed);
    int[] s = shape(r, 3, 9);
    Tensor x = data(r, s, false);
    int[] size = new int[s.length];
    int[] origins = new int[s.length];
    for (int d = 0; d < s.length; d++) {
      size[d] = 1 + r.nextInt(4);
      origins[d] = r.nextInt(size[d]) - size[d] / 2;
    }
    String mode = MODES[r.nextInt(MODES.length)];
    FilterOptions o = FilterOptions.defaults().mode(mode).cval(0.25).origins(origins);
    int n = Arrays.stream(size).reduce(1, (a, b) -> a * b);
    boolean[] box = new boolean[n];
    Arrays.fill(box, true);
    double p = r.nextDouble() * 100;
    int rank = p == 100 ? n - 1 : (int) (n * p / 100.0);
    double[] expectedMedian =
        FilterNaive.rank(x.toDoubleArray(), s, box, size, origins, n / 2, PadMode.scipyNdimage(mode), 0.25);
    double[] expectedPct =
        FilterNaive.rank(x.toDoubleArray(), s, box, size, origins, rank, PadMode.scipyNdimage(mode), 0.25);
    assertThat(Filters.medianFilter(x, Footprint.size(size), o).toDoubleArray()).containsExactly(expectedMedian);
    assertThat(Filters.percentileFilter(x, p, Footprint.size(size), o).toDoubleArray()).containsExactly(expectedPct);
  }
}
