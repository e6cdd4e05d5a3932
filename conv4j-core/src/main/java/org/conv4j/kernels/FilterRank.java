package org.conv4j.kernels;

import java.util.Arrays;
import org.conv4j.window.PadMode;

/**
 * Rank filters over an N-d footprint (SciPy {@code rank_filter}, {@code median_filter},
 * {@code percentile_filter}, and the N-d {@code minimum_filter}/{@code maximum_filter}, SPEC §3.5):
 * output {@code i} is {@code sorted({x̃[i + j − a] : footprint[j]})[r]}, sorted in
 * {@link Double#compare} order (NaN last, −0.0 before +0.0).
 *
 * <p>Algorithm (a sorted window kept as a bit set of ranks): the output is cut into tiles. For a
 * tile, the input block it reads (tile + footprint − 1 per axis, borders through the boundary rule)
 * is gathered and <em>ranked</em>: its values are sorted once by an LSD radix sort on the 64-bit
 * order-preserving key of each double, ties broken by position, so every sample of the block gets a
 * distinct rank in {@code [0, S)}. Along each line of the tile the window is then a set of ranks,
 * kept as a bit set of {@code S} bits, and the answer is the set's {@code r}-th element. Moving one
 * step along the line removes the samples that leave the footprint's trailing edge and inserts
 * those entering its leading edge (2·9 bit flips for a 9×9 box), and the current answer moves by as
 * many set bits as the count below it changed, found with {@link Long#numberOfTrailingZeros} a word
 * at a time. Cost per output: O(edge) bit flips plus O(edge) pointer moves, against O(n log n) for
 * a sort per window (SciPy sorts or selects each window anew). The radix sort makes the ranking
 * linear in the block size; float32 data leave the key's low 29 bits constant, and constant digits
 * are skipped. Ties between equal values do not change the selected value.
 *
 * <p>Tiles write disjoint outputs, each computed from its own block, so results do not depend on
 * how tiles are shared among threads. Single-threaded; one {@link Scratch} per worker.
 */
public final class FilterRank {
  /** Target block size (samples gathered per tile); ranks stay below it. */
  static final int BLOCK = 16384;

  private static final int DIGIT = 11;
  private static final int RADIX = 1 << DIGIT;
  private static final int PASSES = (64 + DIGIT - 1) / DIGIT;

  private FilterRank() {}

  /** A rank filter prepared for one input shape: footprint offsets, anchors and the tiling. */
  public static final class Plan {
    final int[] dims;
    final int[] strides;
    final int[] fdims;
    final int[] anchor;
    final int[][] taps; // footprint multi-indices, C order
    final int rank;
    final PadMode mode;
    final double cval;
    final int[] tile;
    final int[] tilesPerAxis;
    final int tiles;

    Plan(int[] dims, int[] fdims, int[] anchor, int[][] taps, int rank, PadMode mode, double cval, int[] tile) {
      this.dims = dims;
      this.fdims = fdims;
      this.anchor = anchor;
      this.taps = taps;
      this.rank = rank;
      this.mode = mode;
      this.cval = cval;
      this.tile = tile;
      int d0 = dims.length;
      strides = new int[d0];
      tilesPerAxis = new int[d0];
      int s = 1;
      int t = 1;
      for (int d = d0 - 1; d >= 0; d--) {
        strides[d] = s;
        s *= dims[d];
        tilesPerAxis[d] = (dims[d] + tile[d] - 1) / tile[d];
        t *= tilesPerAxis[d];
      }
      tiles = t;
    }

    /** The number of independent tiles. */
    public int tiles() {
      return tiles;
    }

    /** The number of footprint elements. */
    public int count() {
      return taps.length;
    }
  }

  /**
   * Prepares a rank filter.
   *
   * @param footprint C order, shape {@code fdims} (same rank as {@code dims}), at least one true
   * @param origins per axis, already checked
   * @param rank {@code 0 ≤ rank < count(footprint)}
   */
  public static Plan plan(int[] dims, boolean[] footprint, int[] fdims, int[] origins, int rank, PadMode mode, double cval) {
    return plan(dims, footprint, fdims, origins, rank, mode, cval, BLOCK, 128);
  }

  /**
   * As {@link #plan(int[], boolean[], int[], int[], int, PadMode, double)} with an explicit block
   * budget and last-axis tile length (the tests use tiny tiles to cross many tile borders).
   */
  public static Plan plan(
      int[] dims, boolean[] footprint, int[] fdims, int[] origins, int rank, PadMode mode, double cval, int block,
      int lastTile) {
    int d0 = dims.length;
    int[] anchor = new int[d0];
    for (int d = 0; d < d0; d++) {
      anchor[d] = fdims[d] / 2 + origins[d];
    }
    int count = 0;
    for (boolean b : footprint) {
      count += b ? 1 : 0;
    }
    int[][] taps = new int[count][];
    int[] j = new int[d0];
    int t = 0;
    for (int f = 0; f < footprint.length; f++) {
      if (footprint[f]) {
        taps[t++] = j.clone();
      }
      for (int d = d0 - 1; d >= 0; d--) {
        if (++j[d] < fdims[d]) {
          break;
        }
        j[d] = 0;
      }
    }
    return new Plan(dims.clone(), fdims.clone(), anchor, taps, rank, mode, cval, tiling(dims, fdims, block, lastTile));
  }

  /** Tile sizes: long runs along the last axis, as many rows as fit the block budget, 1 elsewhere. */
  static int[] tiling(int[] dims, int[] fdims, int block, int lastTile) {
    int d0 = dims.length;
    int[] tile = new int[d0];
    Arrays.fill(tile, 1);
    int last = d0 - 1;
    if (d0 == 1) {
      tile[0] = Math.min(dims[0], Math.max(1, block - fdims[0] + 1));
      return tile;
    }
    tile[last] = Math.min(dims[last], lastTile);
    long lead = (long) tile[last] + fdims[last] - 1;
    for (int d = 0; d < last - 1; d++) {
      lead *= fdims[d];
    }
    long rows = block / lead - fdims[last - 1] + 1;
    tile[last - 1] = (int) Math.max(1, Math.min(dims[last - 1], rows));
    return tile;
  }

  /** Per-worker scratch, grown on demand. */
  public static final class Scratch {
    double[] vals = new double[0];
    double[] sorted = new double[0];
    long[] keys = new long[0];
    long[] keys2 = new long[0];
    int[] order = new int[0];
    int[] order2 = new int[0];
    int[] ranks = new int[0];
    long[] bits = new long[0];
    int[] hist = new int[PASSES * RADIX];
    double[] out = new double[0];
    int[][] index = new int[0][];

    void ensure(int size, int line, int rank) {
      if (vals.length < size) {
        vals = new double[size];
        sorted = new double[size];
        keys = new long[size];
        keys2 = new long[size];
        order = new int[size];
        order2 = new int[size];
        ranks = new int[size];
        bits = new long[(size >>> 6) + 2];
      }
      if (out.length < line) {
        out = new double[line];
      }
      if (index.length < rank) {
        index = new int[rank][];
      }
    }
  }

  /** Computes tile {@code tileIndex} ({@code 0 ≤ tileIndex < plan.tiles()}). */
  public static void runTile(Plan p, FilterBuffer src, FilterBuffer dst, int tileIndex, Scratch s) {
    int d0 = p.dims.length;
    int last = d0 - 1;
    int[] t0 = new int[d0];
    int[] ext = new int[d0];
    int[] bdims = new int[d0];
    int rest = tileIndex;
    int size = 1;
    for (int d = last; d >= 0; d--) {
      int ti = rest % p.tilesPerAxis[d];
      rest /= p.tilesPerAxis[d];
      t0[d] = ti * p.tile[d];
      ext[d] = Math.min(p.tile[d], p.dims[d] - t0[d]);
      bdims[d] = ext[d] + p.fdims[d] - 1;
      size *= bdims[d];
    }
    s.ensure(size, ext[last], d0);
    gather(p, src, t0, bdims, size, s);
    rankBlock(s, size);

    int[] bs = new int[d0];
    int st = 1;
    for (int d = last; d >= 0; d--) {
      bs[d] = st;
      st *= bdims[d];
    }
    int n = p.taps.length;
    int[] all = new int[n];
    int leaving = 0;
    int entering = 0;
    int[] leave = new int[n];
    int[] enter = new int[n];
    boolean[] in = footprintMask(p);
    int kLast = p.fdims[last];
    for (int k = 0; k < n; k++) {
      int[] j = p.taps[k];
      int off = 0;
      for (int d = 0; d < d0; d++) {
        off += j[d] * bs[d];
      }
      all[k] = off;
      int flat = flat(p, j);
      if (j[last] == 0 || !in[flat - 1]) {
        leave[leaving++] = off;
      }
      if (j[last] == kLast - 1 || !in[flat + 1]) {
        enter[entering++] = off + 1;
      }
    }

    int r = p.rank;
    int[] ranks = s.ranks;
    long[] bits = s.bits;
    double[] sorted = s.sorted;
    double[] out = s.out;
    int words = (size >>> 6) + 1;
    int lineLen = ext[last];
    int[] t = new int[d0]; // odometer over the tile's leading axes
    while (true) {
      int b0 = 0;
      int dstOff = t0[last];
      for (int d = 0; d < last; d++) {
        b0 += t[d] * bs[d];
        dstOff += (t0[d] + t[d]) * p.strides[d];
      }
      Arrays.fill(bits, 0, words, 0L);
      for (int k = 0; k < n; k++) {
        int q = ranks[b0 + all[k]];
        bits[q >>> 6] |= 1L << q;
      }
      int m = select(bits, r);
      int c = r;
      out[0] = sorted[m];
      for (int i = 1; i < lineLen; i++) {
        int base = b0 + i - 1;
        // (q − m) >>> 31 is 1 exactly when q < m (both in [0, 2³¹)): counting without a branch,
        // whose outcome would be a coin flip for every sample
        for (int k = 0; k < leaving; k++) {
          int q = ranks[base + leave[k]];
          bits[q >>> 6] &= ~(1L << q);
          c -= (q - m) >>> 31;
        }
        for (int k = 0; k < entering; k++) {
          int q = ranks[base + enter[k]];
          bits[q >>> 6] |= 1L << q;
          c += (q - m) >>> 31;
        }
        // move the answer to the set element with exactly r elements below it
        if (c > r) {
          do {
            m = prev(bits, m - 1);
            c--;
          } while (c > r);
        } else {
          while (true) {
            if ((bits[m >>> 6] & (1L << m)) != 0) {
              if (c == r) {
                break;
              }
              c++;
            }
            m = next(bits, m + 1);
          }
        }
        out[i] = sorted[m];
      }
      dst.store(out, 0, lineLen, dstOff, 1);
      int d = last - 1;
      for (; d >= 0; d--) {
        if (++t[d] < ext[d]) {
          break;
        }
        t[d] = 0;
      }
      if (d < 0) {
        return;
      }
    }
  }

  private static boolean[] footprintMask(Plan p) {
    int total = 1;
    for (int f : p.fdims) {
      total *= f;
    }
    boolean[] in = new boolean[total];
    for (int[] j : p.taps) {
      in[flat(p, j)] = true;
    }
    return in;
  }

  private static int flat(Plan p, int[] j) {
    int f = 0;
    for (int d = 0; d < j.length; d++) {
      f = f * p.fdims[d] + j[d];
    }
    return f;
  }

  /** The position of the (r+1)-th set bit. */
  static int select(long[] bits, int r) {
    int w = 0;
    int left = r;
    while (true) {
      int cnt = Long.bitCount(bits[w]);
      if (left < cnt) {
        long word = bits[w];
        for (int k = 0; k < left; k++) {
          word &= word - 1;
        }
        return (w << 6) + Long.numberOfTrailingZeros(word);
      }
      left -= cnt;
      w++;
    }
  }

  /** The first set bit at or after {@code from} (one exists). */
  static int next(long[] bits, int from) {
    int w = from >>> 6;
    long word = bits[w] & (-1L << from);
    while (word == 0) {
      word = bits[++w];
    }
    return (w << 6) + Long.numberOfTrailingZeros(word);
  }

  /** The last set bit at or before {@code from} (one exists). */
  static int prev(long[] bits, int from) {
    int w = from >>> 6;
    long word = bits[w] & (-1L >>> (63 - (from & 63)));
    while (word == 0) {
      word = bits[--w];
    }
    return (w << 6) + 63 - Long.numberOfLeadingZeros(word);
  }

  /** Fills {@code s.vals} with the block of extended input starting at {@code t0 − anchor}. */
  private static void gather(Plan p, FilterBuffer src, int[] t0, int[] bdims, int size, Scratch s) {
    int d0 = p.dims.length;
    int last = d0 - 1;
    for (int d = 0; d < d0; d++) {
      if (s.index[d] == null || s.index[d].length < bdims[d]) {
        s.index[d] = new int[Math.max(bdims[d], 16)];
      }
      int start = t0[d] - p.anchor[d];
      for (int q = 0; q < bdims[d]; q++) {
        s.index[d][q] = p.mode.index((long) start + q, p.dims[d]);
      }
    }
    int[] idxLast = s.index[last];
    int bl = bdims[last];
    // the run of the last axis that reads the row directly
    int startLast = t0[last] - p.anchor[last];
    int qa = Math.min(bl, Math.max(0, -startLast));
    int qb = Math.max(qa, Math.min(bl, p.dims[last] - startLast));
    double[] vals = s.vals;
    int[] q = new int[d0];
    for (int pos = 0; pos < size; pos += bl) {
      int base = 0;
      boolean outside = false;
      for (int d = 0; d < last; d++) {
        int idx = s.index[d][q[d]];
        if (idx < 0) {
          outside = true;
        }
        base += idx * p.strides[d];
      }
      if (outside) {
        Arrays.fill(vals, pos, pos + bl, p.cval);
      } else {
        for (int k = 0; k < qa; k++) {
          vals[pos + k] = idxLast[k] < 0 ? p.cval : src.get(base + idxLast[k]);
        }
        if (qb > qa) {
          src.load(base + idxLast[qa], 1, qb - qa, vals, pos + qa);
        }
        for (int k = qb; k < bl; k++) {
          vals[pos + k] = idxLast[k] < 0 ? p.cval : src.get(base + idxLast[k]);
        }
      }
      for (int d = last - 1; d >= 0; d--) {
        if (++q[d] < bdims[d]) {
          break;
        }
        q[d] = 0;
      }
    }
  }

  /** The order-preserving unsigned key of a double ({@link Double#compare} order, NaNs canonical). */
  static long key(double v) {
    long b = Double.doubleToLongBits(v);
    return b ^ ((b >> 63) | Long.MIN_VALUE);
  }

  /** Ranks {@code s.vals[0, size)}: {@code s.ranks[i]} its position in sorted order, {@code s.sorted}. */
  private static void rankBlock(Scratch s, int size) {
    long[] keys = s.keys;
    double[] vals = s.vals;
    int[] hist = s.hist;
    Arrays.fill(hist, 0);
    for (int i = 0; i < size; i++) {
      long k = key(vals[i]);
      keys[i] = k;
      for (int d = 0; d < PASSES; d++) {
        hist[d * RADIX + (int) ((k >>> (d * DIGIT)) & (RADIX - 1))]++;
      }
    }
    int[] order = s.order;
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    long[] kIn = keys;
    int[] oIn = order;
    long[] kOut = s.keys2;
    int[] oOut = s.order2;
    for (int d = 0; d < PASSES; d++) {
      int h0 = d * RADIX;
      int shift = d * DIGIT;
      if (hist[h0 + (int) ((kIn[0] >>> shift) & (RADIX - 1))] == size) {
        continue; // every key has this digit: the pass would not move anything
      }
      int sum = 0;
      for (int b = 0; b < RADIX; b++) {
        int c = hist[h0 + b];
        hist[h0 + b] = sum;
        sum += c;
      }
      for (int i = 0; i < size; i++) {
        long k = kIn[i];
        int pos = hist[h0 + (int) ((k >>> shift) & (RADIX - 1))]++;
        kOut[pos] = k;
        oOut[pos] = oIn[i];
      }
      long[] tk = kIn;
      kIn = kOut;
      kOut = tk;
      int[] to = oIn;
      oIn = oOut;
      oOut = to;
    }
    int[] ranks = s.ranks;
    double[] sorted = s.sorted;
    for (int k = 0; k < size; k++) {
      int i = oIn[k];
      ranks[i] = k;
      sorted[k] = vals[i];
    }
  }
}
