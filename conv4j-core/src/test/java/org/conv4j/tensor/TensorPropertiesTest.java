package org.conv4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.conv4j.window.PadMode;

/**
 * Properties over random shapes (rank 0–5, small dimensions including 0 and 1) and random strided
 * views. References are computed element by element through {@link Tensor#get} and the index
 * arithmetic in {@link Nd}, never by the bulk kernels under test.
 */
class TensorPropertiesTest {

  /** The elements in C order, read one by one through {@link Tensor#get}. */
  static double[] byGet(Tensor t) {
    List<int[]> idx = Nd.indices(t.shape());
    double[] out = new double[idx.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = t.get(idx.get(i));
    }
    return out;
  }

  static boolean sharesStorage(Tensor a, Tensor b) {
    return (a.f != null && a.f == b.f) || (a.d != null && a.d == b.d);
  }

  @Property(tries = 500)
  void bulkCopiesOfViewsMatchElementAccess(@ForAll Random r, @ForAll DType dt) {
    Tensor v = Nd.randomView(r, Nd.distinct(dt, Nd.shape(r, 5, 4)));
    double[] expected = byGet(v);
    assertThat(v.toDoubleArray()).isEqualTo(expected);
    float[] f = v.toFloatArray();
    for (int i = 0; i < f.length; i++) {
      assertThat((double) f[i]).isEqualTo((double) (float) expected[i]);
    }
    assertThat(byGet(v.copy())).isEqualTo(expected);
    assertThat(v.copy().isContiguous()).isTrue();
    Tensor c = v.contiguous();
    assertThat(c.isContiguous()).isTrue();
    assertThat(byGet(c)).isEqualTo(expected);
    assertThat(sharesStorage(c, v)).isEqualTo(v.isContiguous());
  }

  @Property(tries = 1000)
  void reshapeOfAViewEqualsReshapeOfACopy(@ForAll Random r, @ForAll DType dt) {
    Tensor base = Nd.distinct(dt, Nd.shape(r, 5, 4));
    Tensor v = Nd.randomView(r, base);
    int size = v.size();
    int rank = size == 1 ? r.nextInt(6) : 1 + r.nextInt(5);
    int[] ns = Nd.shapeOfSize(r, size, rank);
    int[] req = ns.clone();
    int known = 1;
    int pick = rank == 0 ? -1 : r.nextInt(rank);
    for (int i = 0; i < rank; i++) {
      known *= i == pick ? 1 : ns[i];
    }
    if (pick >= 0 && known != 0 && r.nextBoolean()) {
      req[pick] = -1;
    }
    Tensor got = v.reshape(req);
    Tensor ref = Tensor.of(byGet(v), ns);
    assertThat(got.shape()).as("reshape %s of %s to %s", Nd.str(v.shape()), Nd.str(v.strides()), Nd.str(req))
        .containsExactly(ns);
    assertThat(got.dtype()).isEqualTo(dt);
    // Element by element through the result's own strides and offset.
    assertThat(byGet(got)).as("reshape %s of view %s strides %s", Nd.str(req), Nd.str(v.shape()),
        Nd.str(v.strides())).isEqualTo(byGet(ref));
    if (v.isContiguous()) {
      assertThat(sharesStorage(got, v)).as("a contiguous tensor reshapes to a view").isTrue();
    }
    assertThat(v.flatten().toDoubleArray()).isEqualTo(byGet(v));
  }

  @Property(tries = 500)
  void permuteThenInversePermuteIsIdentity(@ForAll Random r, @ForAll DType dt) {
    Tensor t = Nd.randomView(r, Nd.distinct(dt, Nd.shape(r, 5, 4)));
    int[] p = Nd.permutation(r, t.rank());
    int[] q = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      q[p[i]] = i;
    }
    Tensor u = t.permute(p);
    for (int i = 0; i < p.length; i++) {
      assertThat(u.dim(i)).isEqualTo(t.dim(p[i]));
    }
    for (int[] idx : Nd.indices(u.shape())) {
      int[] src = new int[idx.length];
      for (int i = 0; i < idx.length; i++) {
        src[p[i]] = idx[i];
      }
      assertThat(u.get(idx)).isEqualTo(t.get(src));
    }
    Tensor w = u.permute(q);
    assertThat(w.shape()).containsExactly(t.shape());
    assertThat(w.strides()).containsExactly(t.strides());
    assertThat(byGet(w)).isEqualTo(byGet(t));
    assertThat(sharesStorage(w, t)).isTrue();
    // transpose() reverses all axes, transpose(a, b) swaps two.
    Tensor tt = t.transpose();
    for (int[] idx : Nd.indices(tt.shape())) {
      int[] src = new int[idx.length];
      for (int i = 0; i < idx.length; i++) {
        src[idx.length - 1 - i] = idx[i];
      }
      assertThat(tt.get(idx)).isEqualTo(t.get(src));
    }
  }

  @Property(tries = 1000)
  void sliceCompositionMatchesPythonIndexing(@ForAll Random r, @ForAll DType dt) {
    int[] shape = Nd.shape(r, 4, 6);
    if (shape.length == 0) {
      shape = new int[] {5};
    }
    Tensor t = Nd.distinct(dt, shape);
    // map[a] lists, for each position of the result along axis a, the index into t.
    int[][] map = new int[shape.length][];
    for (int a = 0; a < shape.length; a++) {
      map[a] = new int[shape[a]];
      for (int i = 0; i < shape[a]; i++) {
        map[a][i] = i;
      }
    }
    Tensor v = t;
    int ops = 1 + r.nextInt(3);
    for (int k = 0; k < ops; k++) {
      int ax = r.nextInt(shape.length);
      int n = v.dim(ax);
      int step = (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(4));
      Integer start = r.nextInt(4) == 0 ? null : r.nextInt(2 * n + 5) - n - 2;
      Integer stop = r.nextInt(4) == 0 ? null : r.nextInt(2 * n + 5) - n - 2;
      if (r.nextBoolean()) {
        // The string form "::, a:b:c, ..." for the same slice.
        StringBuilder e = new StringBuilder();
        for (int a = 0; a < ax; a++) {
          e.append(":, ");
        }
        e.append(start == null ? "" : start).append(':').append(stop == null ? "" : stop).append(':').append(step);
        v = v.slice(e.toString());
      } else {
        int s0 = start != null ? start : step > 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        int s1 = stop != null ? stop : step > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        v = v.slice(ax, s0, s1, step);
      }
      int[] res = Nd.pySlice(start, stop, step, n);
      int[] m = new int[res[2]];
      for (int i = 0; i < m.length; i++) {
        m[i] = map[ax][res[0] + i * res[1]];
      }
      map[ax] = m;
    }
    for (int a = 0; a < shape.length; a++) {
      assertThat(v.dim(a)).isEqualTo(map[a].length);
    }
    for (int[] idx : Nd.indices(v.shape())) {
      int[] src = new int[idx.length];
      for (int a = 0; a < idx.length; a++) {
        src[a] = map[a][idx[a]];
      }
      assertThat(v.get(idx)).isEqualTo(t.get(src));
    }
    assertThat(sharesStorage(v, t)).isTrue();
  }

  /** NumPy's broadcasting rule, written out independently. */
  static int[] referenceBroadcast(int[] a, int[] b) {
    int r = Math.max(a.length, b.length);
    int[] out = new int[r];
    for (int i = 1; i <= r; i++) {
      int da = i <= a.length ? a[a.length - i] : 1;
      int db = i <= b.length ? b[b.length - i] : 1;
      if (da != db && da != 1 && db != 1) {
        return null;
      }
      out[r - i] = da == 1 ? db : da;
    }
    return out;
  }

  @Property(tries = 1000)
  void broadcastRuleIsSymmetricAndMatchesExpand(@ForAll Random r, @ForAll DType dt) {
    int[] a = Nd.shape(r, 4, 3);
    int rb = r.nextInt(5);
    int[] b = new int[rb];
    for (int i = 1; i <= rb; i++) {
      int da = i <= a.length ? a[a.length - i] : 1 + r.nextInt(3);
      int choice = r.nextInt(6);
      b[rb - i] = choice < 3 ? da : choice < 5 ? 1 : r.nextInt(4);
    }
    int[] expected = referenceBroadcast(a, b);
    if (expected == null) {
      assertThatThrownBy(() -> Shape.broadcast(a, b)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Shape.broadcast(b, a)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Tensor.zeros(dt, a).add(Tensor.zeros(dt, b)))
          .isInstanceOf(IllegalArgumentException.class);
      return;
    }
    assertThat(Shape.broadcast(a, b)).containsExactly(expected);
    assertThat(Shape.broadcast(b, a)).containsExactly(expected);
    Tensor x = Nd.ints(r, dt, a);
    Tensor y = Nd.ints(r, dt, b);
    Tensor xe = x.expand(expected);
    Tensor ye = y.broadcastTo(expected);
    Tensor sum = x.add(y);
    Tensor prod = y.mul(x);
    assertThat(sum.shape()).containsExactly(expected);
    for (int[] idx : Nd.indices(expected)) {
      double xv = x.get(source(idx, a));
      double yv = y.get(source(idx, b));
      assertThat(xe.get(idx)).isEqualTo(xv);
      assertThat(ye.get(idx)).isEqualTo(yv);
      assertThat(sum.get(idx)).isEqualTo(xv + yv);
      assertThat(prod.get(idx)).isEqualTo(xv * yv);
    }
  }

  /** The index into a tensor of shape {@code s} that broadcasting maps {@code idx} to. */
  static int[] source(int[] idx, int[] s) {
    int[] src = new int[s.length];
    for (int i = 0; i < s.length; i++) {
      src[i] = s[i] == 1 ? 0 : idx[idx.length - s.length + i];
    }
    return src;
  }

  @Property(tries = 300)
  void elementwiseOpsOnStridedViewsMatchElementAccess(@ForAll Random r, @ForAll DType dt) {
    Tensor x = Nd.randomView(r, Nd.ints(r, dt, Nd.shape(r, 4, 4)));
    Tensor y = Nd.ints(r, dt, x.shape()).flip();
    Tensor[] got = {x.sub(y), x.maximum(y), x.le(y), x.neg(), x.abs(), x.relu(), x.clamp(-1, 2), x.mul(3)};
    for (int[] idx : Nd.indices(x.shape())) {
      double a = x.get(idx);
      double b = y.get(idx);
      double[] want = {a - b, Math.max(a, b), a <= b ? 1 : 0, -a, Math.abs(a), Math.max(a, 0),
          Math.min(2, Math.max(-1, a)), a * 3};
      for (int k = 0; k < got.length; k++) {
        assertThat(got[k].get(idx) + 0.0).as("op %d at %s", k, Arrays.toString(idx)).isEqualTo(want[k] + 0.0);
      }
    }
  }

  @Property(tries = 500)
  void reductionsOverRandomAxesMatchLoops(@ForAll Random r, @ForAll DType dt) {
    Tensor x = Nd.randomView(r, Nd.ints(r, dt, Nd.shape(r, 4, 4)));
    int rank = x.rank();
    boolean[] m = new boolean[rank];
    List<Integer> axes = new ArrayList<>();
    for (int a = 0; a < rank; a++) {
      if (r.nextBoolean()) {
        m[a] = true;
        axes.add(r.nextBoolean() ? a : a - rank);
      }
    }
    java.util.Collections.shuffle(axes, r);
    int[] ax = axes.stream().mapToInt(Integer::intValue).toArray();
    if (ax.length == 0) {
      Arrays.fill(m, true); // no axes means all axes
    }
    boolean keep = r.nextBoolean();
    int[] outShape = Reductions.outShape(x.shape(), m, keep);
    Tensor sum = x.sum(ax, keep);
    assertThat(sum.shape()).containsExactly(outShape);
    double[] sums = new double[Nd.size(outShape)];
    double[] maxs = new double[sums.length];
    Arrays.fill(maxs, Double.NEGATIVE_INFINITY);
    double[] counts = new double[sums.length];
    int[] os = Reductions.outShape(x.shape(), m, true);
    int[] ostr = Shape.contiguousStrides(os);
    for (int[] idx : Nd.indices(x.shape())) {
      int o = 0;
      for (int a = 0; a < rank; a++) {
        o += m[a] ? 0 : idx[a] * ostr[a];
      }
      double v = x.get(idx);
      sums[o] += v;
      maxs[o] = Math.max(maxs[o], v);
      counts[o]++;
    }
    assertThat(sum.toDoubleArray()).isEqualTo(sums);
    double[] means = new double[sums.length];
    for (int i = 0; i < sums.length; i++) {
      double mv = sums[i] / counts[i]; // NaN for an empty row, as NumPy
      means[i] = dt == DType.FLOAT32 ? (float) mv : mv;
    }
    assertThat(x.mean(ax, keep).toDoubleArray()).isEqualTo(means);
    if (x.size() > 0) {
      assertThat(x.max(ax, keep).toDoubleArray()).isEqualTo(maxs);
    }
  }

  @Property(tries = 500)
  void argmaxPerAxisMatchesLoops(@ForAll Random r, @ForAll DType dt) {
    int[] shape = Nd.shape(r, 4, 4);
    if (shape.length == 0 || Nd.size(shape) == 0) {
      return;
    }
    Tensor x = Nd.ints(r, dt, shape);
    int ax = r.nextInt(shape.length);
    Tensor am = x.argmax(ax, false);
    Tensor an = x.argmin(ax - shape.length, true);
    for (int[] idx : Nd.indices(am.shape())) {
      int[] full = new int[shape.length];
      for (int a = 0, j = 0; a < shape.length; a++) {
        full[a] = a == ax ? 0 : idx[j++];
      }
      int best = -1;
      int worst = -1;
      double bestV = 0;
      double worstV = 0;
      for (int k = 0; k < shape[ax]; k++) {
        full[ax] = k;
        double v = x.get(full);
        if (best < 0 || v > bestV) { // strictly greater: the first maximum wins
          best = k;
          bestV = v;
        }
        if (worst < 0 || v < worstV) {
          worst = k;
          worstV = v;
        }
      }
      assertThat(am.get(idx)).isEqualTo(best);
      int[] kept = full.clone();
      kept[ax] = 0;
      assertThat(an.get(kept)).isEqualTo(worst);
    }
  }

  @Property(tries = 500)
  void concatThenSplitAtIsIdentity(@ForAll Random r, @ForAll DType dt) {
    int[] shape = Nd.shape(r, 4, 4);
    if (shape.length == 0) {
      shape = new int[] {3};
    }
    int ax = r.nextInt(shape.length);
    int n = 1 + r.nextInt(4);
    Tensor[] parts = new Tensor[n];
    int[] cuts = new int[n - 1];
    int at = 0;
    for (int i = 0; i < n; i++) {
      int[] s = shape.clone();
      s[ax] = r.nextInt(4);
      parts[i] = Nd.strided(r, dt, s, 1000 * i);
      at += s[ax];
      if (i < n - 1) {
        cuts[i] = at;
      }
    }
    int axisArg = r.nextBoolean() ? ax : ax - shape.length;
    Tensor c = Tensor.concat(axisArg, parts);
    assertThat(c.dim(ax)).isEqualTo(at);
    List<Tensor> back = c.splitAt(axisArg, cuts);
    assertThat(back).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(back.get(i).shape()).containsExactly(parts[i].shape());
      assertThat(byGet(back.get(i))).isEqualTo(byGet(parts[i]));
      assertThat(sharesStorage(back.get(i), c) || back.get(i).size() == 0).isTrue();
    }
    // stack = concat of unsqueezed parts, when the shapes agree.
    Tensor[] same = {parts[0], parts[0].neg()};
    Tensor st = Tensor.stack(axisArg < 0 ? axisArg - 1 : axisArg, same);
    assertThat(byGet(st)).isEqualTo(byGet(Tensor.concat(ax, same[0].unsqueeze(ax), same[1].unsqueeze(ax))));
  }

  @Property(tries = 500)
  void padValuesFollowThePadModeIndexMap(@ForAll Random r, @ForAll DType dt, @ForAll PadMode mode) {
    int rank = 1 + r.nextInt(3);
    int[] shape = new int[rank];
    int[][] w = new int[rank][];
    for (int a = 0; a < rank; a++) {
      shape[a] = mode == PadMode.CONSTANT && r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(4);
      w[a] = new int[] {r.nextInt(9), r.nextInt(9)}; // often wider than the axis
    }
    Tensor x = Nd.strided(r, dt, shape, 0);
    double value = r.nextInt(5) - 10.5;
    boolean oneRow = r.nextInt(4) == 0;
    int[][] widths = oneRow ? new int[][] {w[0]} : w;
    Tensor p = x.pad(widths, mode, value);
    for (int a = 0; a < rank; a++) {
      int[] wa = widths[oneRow ? 0 : a];
      assertThat(p.dim(a)).isEqualTo(shape[a] + wa[0] + wa[1]);
    }
    for (int[] idx : Nd.indices(p.shape())) {
      int[] src = new int[rank];
      boolean outside = false;
      for (int a = 0; a < rank; a++) {
        int[] wa = widths[oneRow ? 0 : a];
        src[a] = shape[a] == 0 ? -1 : mode.index(idx[a] - wa[0], shape[a]);
        outside |= src[a] < 0;
      }
      double want = outside ? (dt == DType.FLOAT32 ? (float) value : value) : x.get(src);
      assertThat(p.get(idx)).isEqualTo(want);
    }
  }

  @Property(tries = 500)
  void flipTwiceIsIdentity(@ForAll Random r, @ForAll DType dt) {
    Tensor t = Nd.randomView(r, Nd.distinct(dt, Nd.shape(r, 5, 4)));
    List<Integer> axes = new ArrayList<>();
    for (int a = 0; a < t.rank(); a++) {
      if (r.nextBoolean()) {
        axes.add(r.nextBoolean() ? a : a - t.rank());
      }
    }
    int[] ax = axes.stream().mapToInt(Integer::intValue).toArray();
    Tensor f = t.flip(ax);
    boolean[] flipped = new boolean[t.rank()];
    for (int a : ax) {
      flipped[a < 0 ? a + t.rank() : a] = true;
    }
    if (ax.length == 0) {
      Arrays.fill(flipped, true);
    }
    for (int[] idx : Nd.indices(t.shape())) {
      int[] src = idx.clone();
      for (int a = 0; a < src.length; a++) {
        src[a] = flipped[a] ? t.dim(a) - 1 - idx[a] : idx[a];
      }
      assertThat(f.get(idx)).isEqualTo(t.get(src));
    }
    Tensor ff = f.flip(ax);
    assertThat(byGet(ff)).isEqualTo(byGet(t));
    if (t.size() > 0) {
      assertThat(ff.strides()).containsExactly(t.strides());
    }
    assertThat(sharesStorage(ff, t)).isTrue();
  }

  @Property(tries = 300)
  void squeezeUndoesUnsqueeze(@ForAll Random r, @ForAll DType dt) {
    Tensor t = Nd.randomView(r, Nd.distinct(dt, Nd.shape(r, 5, 4)));
    if (t.rank() >= Shape.MAX_RANK) {
      return;
    }
    int ax = r.nextInt(t.rank() + 1) - (r.nextBoolean() ? t.rank() + 1 : 0);
    Tensor u = t.unsqueeze(ax);
    int pos = ax < 0 ? ax + t.rank() + 1 : ax;
    assertThat(u.dim(pos)).isEqualTo(1);
    assertThat(byGet(u)).isEqualTo(byGet(t));
    Tensor s = u.squeeze(pos);
    assertThat(s.shape()).containsExactly(t.shape());
    assertThat(byGet(s)).isEqualTo(byGet(t));
    int ones = 0;
    for (int d : u.shape()) {
      ones += d == 1 ? 1 : 0;
    }
    assertThat(u.squeeze().rank()).isEqualTo(u.rank() - ones);
  }

  @Property(tries = 200)
  void matmulMatchesTripleLoop(@ForAll Random r, @ForAll DType dt) {
    int m = r.nextInt(4);
    int k = r.nextInt(5);
    int n = r.nextInt(4);
    int[] batchA = Nd.shape(r, 2, 2);
    int[] batchB = new int[batchA.length];
    for (int i = 0; i < batchA.length; i++) {
      batchB[i] = r.nextBoolean() ? batchA[i] : 1;
    }
    Tensor a = Nd.ints(r, dt, concat(batchA, m, k));
    Tensor b = Nd.ints(r, dt, concat(batchB, k, n));
    if (r.nextBoolean()) {
      a = a.transpose(-1, -2).copy().transpose(-1, -2); // strided operand
    }
    Tensor c = a.matmul(b);
    int[] batch = Shape.broadcast(batchA, batchB);
    assertThat(c.shape()).containsExactly(concat(batch, m, n));
    for (int[] idx : Nd.indices(c.shape())) {
      int[] bi = Arrays.copyOf(idx, batch.length);
      double s = 0;
      for (int p = 0; p < k; p++) {
        s += a.get(concat(source(bi, batchA), idx[batch.length], p)) * b.get(concat(source(bi, batchB), p, idx[batch.length + 1]));
      }
      assertThat(c.get(idx)).isEqualTo(s);
    }
  }

  static int[] concat(int[] head, int x, int y) {
    int[] s = Arrays.copyOf(head, head.length + 2);
    s[head.length] = x;
    s[head.length + 1] = y;
    return s;
  }
}
