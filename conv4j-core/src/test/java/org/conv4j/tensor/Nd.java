package org.conv4j.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Test helpers for N-d index arithmetic written independently of the code under test: C-order
 * index enumeration, Python's slice resolution, random views and random shapes.
 */
final class Nd {
  private Nd() {}

  static int size(int[] shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  /** Every index of {@code shape} in C order (one empty index for rank 0, none when empty). */
  static List<int[]> indices(int[] shape) {
    List<int[]> out = new ArrayList<>();
    int n = size(shape);
    int[] idx = new int[shape.length];
    for (int k = 0; k < n; k++) {
      out.add(idx.clone());
      for (int a = shape.length - 1; a >= 0; a--) {
        if (++idx[a] < shape[a]) {
          break;
        }
        idx[a] = 0;
      }
    }
    return out;
  }

  /** A tensor whose element at C-order position p is p + 1 (so every element is distinct and non-zero). */
  static Tensor distinct(DType dt, int... shape) {
    double[] v = new double[size(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = i + 1;
    }
    return Tensor.of(v, shape).to(dt);
  }

  /** Random small integers in [-4, 4] (every sum and product of a few stays exact). */
  static Tensor ints(Random r, DType dt, int... shape) {
    double[] v = new double[size(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextInt(9) - 4;
    }
    return Tensor.of(v, shape).to(dt);
  }

  /**
   * CPython's {@code PySlice_AdjustIndices}: {@code {start, step, length}} of
   * {@code range(n)[start:stop:step]}; null start/stop mean "omitted".
   */
  static int[] pySlice(Integer start, Integer stop, int step, int n) {
    int lo;
    int hi;
    if (start == null) {
      lo = step < 0 ? n - 1 : 0;
    } else {
      lo = start;
      if (lo < 0) {
        lo += n;
        if (lo < 0) {
          lo = step < 0 ? -1 : 0;
        }
      } else if (lo >= n) {
        lo = step < 0 ? n - 1 : n;
      }
    }
    if (stop == null) {
      hi = step < 0 ? -1 : n;
    } else {
      hi = stop;
      if (hi < 0) {
        hi += n;
        if (hi < 0) {
          hi = step < 0 ? -1 : 0;
        }
      } else if (hi >= n) {
        hi = step < 0 ? n - 1 : n;
      }
    }
    int len;
    if (step < 0) {
      len = hi < lo ? (lo - hi - 1) / (-step) + 1 : 0;
    } else {
      len = lo < hi ? (hi - lo - 1) / step + 1 : 0;
    }
    return new int[] {lo, step, len};
  }

  /** A random shape of rank 0..maxRank with dimensions mostly 1..maxDim, sometimes 0. */
  static int[] shape(Random r, int maxRank, int maxDim) {
    int[] s = new int[r.nextInt(maxRank + 1)];
    for (int i = 0; i < s.length; i++) {
      s[i] = r.nextInt(12) == 0 ? 0 : 1 + r.nextInt(maxDim);
    }
    return s;
  }

  /** A random shape with the given element count and rank (count must be 1 for rank 0). */
  static int[] shapeOfSize(Random r, int size, int rank) {
    int[] s = new int[rank];
    if (size == 0) {
      for (int i = 0; i < rank; i++) {
        s[i] = 1 + r.nextInt(3);
      }
      s[r.nextInt(rank)] = 0;
      return s;
    }
    int rest = size;
    for (int i = 0; i < rank - 1; i++) {
      List<Integer> divisors = new ArrayList<>();
      for (int d = 1; d <= rest; d++) {
        if (rest % d == 0) {
          divisors.add(d);
        }
      }
      s[i] = divisors.get(r.nextInt(divisors.size()));
      rest /= s[i];
    }
    if (rank > 0) {
      s[rank - 1] = rest;
    }
    return s;
  }

  /** A random permutation of 0..n-1. */
  static int[] permutation(Random r, int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /**
   * A random strided view of {@code t}: some permutes, slices with random (also negative) steps,
   * flips and expanded size-1 axes. Rank and element order change; the storage is shared.
   */
  static Tensor randomView(Random r, Tensor t) {
    Tensor v = t;
    int ops = r.nextInt(4);
    for (int k = 0; k < ops && v.rank() > 0; k++) {
      int ax = r.nextInt(v.rank());
      switch (r.nextInt(4)) {
        case 0 -> v = v.permute(permutation(r, v.rank()));
        case 1 -> {
          int n = v.dim(ax);
          int step = (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(3));
          int start = r.nextInt(n + 3) - 1;
          int stop = r.nextInt(n + 3) - 1;
          v = v.slice(ax, start, stop, step);
        }
        case 2 -> v = v.flip(ax);
        default -> {
          if (v.dim(ax) == 1) {
            int[] s = v.shape();
            s[ax] = 1 + r.nextInt(3);
            v = v.expand(s);
          } else {
            v = v.unsqueeze(ax);
          }
        }
      }
    }
    return v;
  }

  /**
   * A tensor of exactly {@code shape} with distinct values (C-order position + 1 + offset) that is
   * a strided view: every other element of a larger tensor, randomly flipped.
   */
  static Tensor strided(Random r, DType dt, int[] shape, double offset) {
    int[] big = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      big[i] = 2 * shape[i];
    }
    Tensor v = distinct(dt, big).add(offset);
    for (int a = 0; a < shape.length; a++) {
      v = v.slice(a, 0, Integer.MAX_VALUE, 2);
      if (r.nextBoolean()) {
        v = v.flip(a);
      }
    }
    return v;
  }

  static String str(int[] a) {
    return Arrays.toString(a);
  }
}
