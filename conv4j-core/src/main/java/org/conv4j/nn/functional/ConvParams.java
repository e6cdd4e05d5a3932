package org.conv4j.nn.functional;

import java.util.Arrays;
import java.util.Locale;
import org.conv4j.window.Geometry;
import org.conv4j.window.PadMode;

/**
 * The options of a convolution ({@code conv1d/2d/3d} in PyTorch, {@code conv2d} in Theano), one
 * entry per spatial axis, validated when constructed; like ATen's {@code ConvParams} it answers
 * named questions ({@link #isStrided()}, {@link #isDilated()}, …) so that shape checks and the
 * algorithm choice read as prose.
 *
 * <p>The spatial rank is {@code stride.length} (1 to 3). {@code dilation} and explicit padding may
 * be given with one entry, which then applies to every axis (PyTorch's int form).
 *
 * {@snippet :
 * ConvParams p = ConvParams.defaults(2)
 *     .withStride(2)
 *     .withPadding(1)
 *     .withGroups(2)
 *     .withPaddingMode("reflect");           // nn.Conv2d(padding_mode='reflect')
 * ConvParams theano = ConvParams.defaults(2).withPadding("half").withFlip(true);
 * }
 *
 * @param stride step between output positions, per axis, each ≥ 1
 * @param padding how the input is extended: explicit (symmetric or asymmetric) sizes, or a rule
 *     resolved against the kernel: {@code valid}, {@code same} (PyTorch), {@code full} and
 *     {@code half} (Theano)
 * @param dilation spacing between kernel taps, per axis, each ≥ 1
 * @param groups channel groups (PyTorch {@code groups}, Theano {@code num_groups}); depthwise
 *     convolution is {@code groups = C}
 * @param paddingMode what the padding holds: {@link PadMode#CONSTANT} (zeros), {@link PadMode#REFLECT},
 *     {@link PadMode#EDGE} (replicate), {@link PadMode#WRAP} (circular), or {@link PadMode#SYMMETRIC}
 * @param flip apply the kernel flipped along every spatial axis, i.e. compute a true convolution
 *     instead of PyTorch's cross-correlation (Theano {@code filter_flip=True})
 */
public record ConvParams(int[] stride, Padding padding, int[] dilation, int groups, PadMode paddingMode, boolean flip) {

  /** Validates and copies the arguments; see the class comment for the rules. */
  public ConvParams {
    if (stride == null || stride.length < 1 || stride.length > 3) {
      throw new IllegalArgumentException(
          "stride must have 1 to 3 entries (one per spatial axis), got " + (stride == null ? "null" : Arrays.toString(stride)));
    }
    int rank = stride.length;
    stride = stride.clone();
    dilation = broadcast("dilation", dilation, rank);
    if (padding == null) {
      throw new IllegalArgumentException("padding must not be null; use Padding.VALID for none");
    }
    padding = padding.broadcast(rank);
    if (paddingMode == null) {
      throw new IllegalArgumentException("paddingMode must not be null; use PadMode.CONSTANT for zeros");
    }
    for (int a = 0; a < rank; a++) {
      if (stride[a] <= 0) {
        throw new IllegalArgumentException("stride must be positive, got " + Arrays.toString(stride));
      }
      if (dilation[a] <= 0) {
        throw new IllegalArgumentException("dilation must be positive, got " + Arrays.toString(dilation));
      }
    }
    if (groups <= 0) {
      throw new IllegalArgumentException("groups must be positive, got " + groups);
    }
    if (padding.kind() == Padding.Kind.SAME && anyAbove(stride, 1)) {
      throw new IllegalArgumentException(
          "padding='same' is not supported for strided convolutions (stride " + Arrays.toString(stride)
              + "); PyTorch's rule pads d·(k−1) in total, which keeps the size only at stride 1");
    }
  }

  /** Stride 1, no padding, dilation 1, one group, zero padding mode, no flip, over {@code rank} spatial axes. */
  public static ConvParams defaults(int rank) {
    if (rank < 1 || rank > 3) {
      throw new IllegalArgumentException("spatial rank must be 1, 2 or 3, got " + rank);
    }
    int[] ones = new int[rank];
    Arrays.fill(ones, 1);
    return new ConvParams(ones, Padding.VALID, ones, 1, PadMode.CONSTANT, false);
  }

  /** The number of spatial axes. */
  public int rank() {
    return stride.length;
  }

  /** A copy with another stride (one entry for every axis, or one per axis). */
  public ConvParams withStride(int... s) {
    return new ConvParams(broadcast("stride", s, rank()), padding, dilation, groups, paddingMode, flip);
  }

  /** A copy with symmetric explicit padding (one entry for every axis, or one per axis). */
  public ConvParams withPadding(int... p) {
    return withPadding(Padding.of(p));
  }

  /** A copy with another padding specification. */
  public ConvParams withPadding(Padding p) {
    return new ConvParams(stride, p, dilation, groups, paddingMode, flip);
  }

  /** A copy with padding parsed by {@link Padding#parse}: {@code "same"}, {@code "1"}, {@code "1:2,0:0"}, …. */
  public ConvParams withPadding(String p) {
    return withPadding(Padding.parse(p));
  }

  /** A copy with another dilation (one entry for every axis, or one per axis). */
  public ConvParams withDilation(int... d) {
    return new ConvParams(stride, padding, broadcast("dilation", d, rank()), groups, paddingMode, flip);
  }

  /** A copy with another group count. */
  public ConvParams withGroups(int g) {
    return new ConvParams(stride, padding, dilation, g, paddingMode, flip);
  }

  /** A copy with another padding mode. */
  public ConvParams withPaddingMode(PadMode mode) {
    return new ConvParams(stride, padding, dilation, groups, mode, flip);
  }

  /** A copy with a PyTorch {@code padding_mode} name: {@code zeros, reflect, replicate, circular}. */
  public ConvParams withPaddingMode(String torchName) {
    return withPaddingMode(PadMode.torch(torchName));
  }

  /** A copy that flips the kernel (true convolution, Theano {@code filter_flip=True}) or not. */
  public ConvParams withFlip(boolean f) {
    return new ConvParams(stride, padding, dilation, groups, paddingMode, f);
  }

  /** Whether any stride exceeds 1. */
  public boolean isStrided() {
    return anyAbove(stride, 1);
  }

  /** Whether any dilation exceeds 1. */
  public boolean isDilated() {
    return anyAbove(dilation, 1);
  }

  /** Whether the channels are split into more than one group. */
  public boolean isGrouped() {
    return groups > 1;
  }

  /** Whether this is a depthwise convolution for an input with {@code channels} channels. */
  public boolean isDepthwise(int channels) {
    return groups > 1 && groups == channels;
  }

  /** Whether the padding holds copies of the input (reflect, replicate, circular) rather than zeros. */
  public boolean usesPaddingMode() {
    return paddingMode != PadMode.CONSTANT;
  }

  /** Whether the kernel is applied flipped (true convolution). */
  public boolean isFlipped() {
    return flip;
  }

  /**
   * The padding before and after each axis for a kernel of these sizes: {@code {lo, hi}}.
   *
   * @throws IllegalArgumentException when the kernel has the wrong rank or the padding overflows
   */
  public int[][] resolvePadding(int[] kernel) {
    return padding.resolve(kernel, dilation);
  }

  private static boolean anyAbove(int[] v, int limit) {
    for (int x : v) {
      if (x > limit) {
        return true;
      }
    }
    return false;
  }

  static int[] broadcast(String name, int[] v, int rank) {
    if (v == null || (v.length != 1 && v.length != rank)) {
      throw new IllegalArgumentException(
          name + " needs 1 or " + rank + " entries, got " + (v == null ? "null" : Arrays.toString(v)));
    }
    if (v.length == rank) {
      return v.clone();
    }
    int[] r = new int[rank];
    Arrays.fill(r, v[0]);
    return r;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConvParams p && Arrays.equals(stride, p.stride) && padding.equals(p.padding)
        && Arrays.equals(dilation, p.dilation) && groups == p.groups && paddingMode == p.paddingMode && flip == p.flip;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(stride) * 31 + padding.hashCode() * 17 + Arrays.hashCode(dilation) + groups
        + paddingMode.hashCode() + (flip ? 1 : 0);
  }

  @Override
  public String toString() {
    return "ConvParams[stride=" + Arrays.toString(stride) + ", padding=" + padding + ", dilation="
        + Arrays.toString(dilation) + ", groups=" + groups + ", paddingMode=" + paddingMode.name().toLowerCase(Locale.ROOT)
        + ", flip=" + flip + "]";
  }

  /**
   * How much to pad, per spatial axis: explicit sizes, or a rule resolved against the kernel
   * (SPEC §5.1 and §6.1, with {@code dk = d·(k−1) + 1}):
   *
   * <table class="striped">
   * <caption>Padding rules</caption>
   * <tr><th>kind</th><th>before</th><th>after</th><th>origin</th></tr>
   * <tr><td>EXPLICIT</td><td>lo</td><td>hi</td><td>PyTorch int/tuple, Theano int or (a, b)</td></tr>
   * <tr><td>VALID</td><td>0</td><td>0</td><td>PyTorch {@code 'valid'}, Theano {@code 'valid'}</td></tr>
   * <tr><td>SAME</td><td>(dk−1)/2</td><td>the rest</td><td>PyTorch {@code 'same'} (stride 1 only)</td></tr>
   * <tr><td>FULL</td><td>dk−1</td><td>dk−1</td><td>Theano {@code 'full'}</td></tr>
   * <tr><td>HALF</td><td>dk/2</td><td>dk/2</td><td>Theano {@code 'half'} (N+1 outputs for even k)</td></tr>
   * </table>
   *
   * @param kind the rule
   * @param lo explicit padding before each axis (EXPLICIT only, else empty)
   * @param hi explicit padding after each axis (EXPLICIT only, else empty)
   */
  public record Padding(Kind kind, int[] lo, int[] hi) {
    /** The padding rules. */
    public enum Kind {
      /** Given sizes before and after each axis. */
      EXPLICIT,
      /** No padding. */
      VALID,
      /** PyTorch {@code 'same'}: the output keeps the input size; an odd total pads one more after. */
      SAME,
      /** Theano {@code 'full'}: every partial overlap produces an output. */
      FULL,
      /** Theano {@code 'half'}: {@code dk/2} on both sides. */
      HALF
    }

    /** No padding. */
    public static final Padding VALID = new Padding(Kind.VALID, new int[0], new int[0]);
    /** PyTorch {@code padding='same'}. */
    public static final Padding SAME = new Padding(Kind.SAME, new int[0], new int[0]);
    /** Theano {@code border_mode='full'}. */
    public static final Padding FULL = new Padding(Kind.FULL, new int[0], new int[0]);
    /** Theano {@code border_mode='half'}. */
    public static final Padding HALF = new Padding(Kind.HALF, new int[0], new int[0]);

    /** Checks the arrays and copies them. */
    public Padding {
      if (kind == null || lo == null || hi == null) {
        throw new IllegalArgumentException("padding kind and sizes must not be null");
      }
      if (kind == Kind.EXPLICIT) {
        if (lo.length < 1 || lo.length > 3 || lo.length != hi.length) {
          throw new IllegalArgumentException(
              "explicit padding needs 1 to 3 (lo, hi) pairs, got lo " + Arrays.toString(lo) + " and hi " + Arrays.toString(hi));
        }
        for (int a = 0; a < lo.length; a++) {
          if (lo[a] < 0 || hi[a] < 0) {
            throw new IllegalArgumentException(
                "padding must be non-negative, got lo " + Arrays.toString(lo) + " and hi " + Arrays.toString(hi));
          }
        }
      } else if (lo.length != 0 || hi.length != 0) {
        throw new IllegalArgumentException(kind + " padding takes no sizes");
      }
      lo = lo.clone();
      hi = hi.clone();
    }

    /** Symmetric explicit padding: {@code p} before and after (one entry for every axis, or one per axis). */
    public static Padding of(int... p) {
      return new Padding(Kind.EXPLICIT, p, p);
    }

    /** Asymmetric explicit padding: {@code lo[a]} before and {@code hi[a]} after axis {@code a}. */
    public static Padding asymmetric(int[] lo, int[] hi) {
      return new Padding(Kind.EXPLICIT, lo, hi);
    }

    /**
     * Parses the CLI/PyTorch spelling: {@code valid}, {@code same}, {@code full}, {@code half},
     * {@code p}, {@code p0,p1,…} (symmetric per axis) or {@code lo:hi,lo:hi,…} (asymmetric per axis).
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Padding parse(String text) {
      String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
      switch (t) {
        case "valid":
          return VALID;
        case "same":
          return SAME;
        case "full":
          return FULL;
        case "half":
          return HALF;
        default:
          break;
      }
      String[] parts = t.split(",", -1);
      int[] lo = new int[parts.length];
      int[] hi = new int[parts.length];
      try {
        for (int a = 0; a < parts.length; a++) {
          String[] pair = parts[a].split(":", -1);
          if (pair.length > 2) {
            throw new NumberFormatException();
          }
          lo[a] = Integer.parseInt(pair[0].trim());
          hi[a] = Integer.parseInt(pair[pair.length - 1].trim());
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "can't parse padding '" + text + "'; expected valid, same, full, half, p, p0,p1 or lo:hi,lo:hi");
      }
      return asymmetric(lo, hi);
    }

    Padding broadcast(int rank) {
      if (kind != Kind.EXPLICIT) {
        return this;
      }
      if (lo.length != 1 && lo.length != rank) {
        throw new IllegalArgumentException(
            "padding has " + lo.length + " entries but the convolution has " + rank + " spatial axes: lo "
                + Arrays.toString(lo) + ", hi " + Arrays.toString(hi));
      }
      return lo.length == rank ? this : asymmetric(ConvParams.broadcast("padding", lo, rank), ConvParams.broadcast("padding", hi, rank));
    }

    /** {@code {lo, hi}} for a kernel of sizes {@code kernel} with dilation {@code dilation}. */
    int[][] resolve(int[] kernel, int[] dilation) {
      int rank = kernel.length;
      int[] l = new int[rank];
      int[] h = new int[rank];
      for (int a = 0; a < rank; a++) {
        long span = (long) dilation[a] * (kernel[a] - 1);
        if (span > Integer.MAX_VALUE / 2) {
          throw new IllegalArgumentException(
              "dilated kernel span " + span + " (kernel " + kernel[a] + ", dilation " + dilation[a] + ") overflows");
        }
        switch (kind) {
          case EXPLICIT -> {
            l[a] = lo[a];
            h[a] = hi[a];
          }
          case VALID -> { }
          case SAME -> {
            int[] s = Geometry.samePadding(kernel[a], dilation[a]);
            l[a] = s[0];
            h[a] = s[1];
          }
          case FULL -> {
            l[a] = (int) span;
            h[a] = (int) span;
          }
          case HALF -> {
            l[a] = (int) ((span + 1) / 2);
            h[a] = l[a];
          }
          default -> throw new AssertionError(kind);
        }
      }
      return new int[][] {l, h};
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Padding p && kind == p.kind && Arrays.equals(lo, p.lo) && Arrays.equals(hi, p.hi);
    }

    @Override
    public int hashCode() {
      return kind.hashCode() * 31 + Arrays.hashCode(lo) * 7 + Arrays.hashCode(hi);
    }

    @Override
    public String toString() {
      if (kind != Kind.EXPLICIT) {
        return kind.name().toLowerCase(Locale.ROOT);
      }
      if (Arrays.equals(lo, hi)) {
        return Arrays.toString(lo);
      }
      StringBuilder sb = new StringBuilder();
      for (int a = 0; a < lo.length; a++) {
        sb.append(a == 0 ? "" : ",").append(lo[a]).append(':').append(hi[a]);
      }
      return sb.toString();
    }
  }
}
