package org.conv4j.nn.functional;

import java.util.Arrays;
import java.util.Objects;

/**
 * The settings of {@link TheanoPool}: Theano's {@code pool_2d(ws, ignore_border, stride, pad,
 * mode)} (SPEC §6.2), one entry per pooled axis (2 for {@code pool_2d}; 1 and 3 are accepted as
 * Theano's N-d {@code Pool} op allows).
 *
 * <p>Theano's {@code ignore_border=None} warns and means {@code False}; here it must be given. In
 * the canonical constructor {@code stride} and {@code pad} may be {@code null} (defaults: the window
 * and 0) or hold a single value used for every axis. Arrays are copied in and out.
 *
 * {@snippet :
 * TheanoPoolParams p = TheanoPoolParams.of(2, 2).withIgnoreBorder(true);   // LeNet's pool_2d(ds=(2,2))
 * TheanoPoolParams q = TheanoPoolParams.of(3, 3).withIgnoreBorder(true).withStride(2).withPad(1)
 *     .withMode(TheanoPoolMode.AVERAGE_EXC_PAD);               // padding needs ignore_border first
 * }
 *
 * @param ws window size per pooled axis, each ≥ 1
 * @param stride step between windows, each ≥ 1 (default: {@code ws})
 * @param pad zero padding on both sides, {@code 0 ≤ pad < ws}; non-zero only with
 *     {@code ignoreBorder}
 * @param ignoreBorder drop a partial window at the end ({@code true}) or keep it ({@code false})
 * @param mode what each window computes
 * @throws IllegalArgumentException naming the argument, its value and the rule it breaks
 */
public record TheanoPoolParams(int[] ws, int[] stride, int[] pad, boolean ignoreBorder, TheanoPoolMode mode) {

  /** Validates and normalises the settings. */
  public TheanoPoolParams {
    Objects.requireNonNull(ws, "ws");
    Objects.requireNonNull(mode, "mode");
    if (ws.length < 1 || ws.length > 3) {
      throw new IllegalArgumentException(
          "ws must have 1, 2 or 3 entries (one per pooled axis), got " + Arrays.toString(ws));
    }
    int dims = ws.length;
    ws = ws.clone();
    stride = stride == null ? ws.clone() : perAxis("stride", stride, dims);
    pad = pad == null ? new int[dims] : perAxis("pad", pad, dims);
    for (int i = 0; i < dims; i++) {
      positive("ws", ws, i);
      positive("stride", stride, i);
      if (pad[i] < 0) {
        throw new IllegalArgumentException("pad[" + i + "] must be non-negative, got " + pad[i]);
      }
      if (pad[i] != 0 && !ignoreBorder) {
        throw new IllegalArgumentException(
            "pad " + Arrays.toString(pad) + " needs ignore_border=True (padding works only with ignore_border=True)");
      }
      if (pad[i] >= ws[i]) {
        throw new IllegalArgumentException(
            "pad[" + i + "] = " + pad[i] + " must be smaller than ws[" + i + "] = " + ws[i]
                + " (padding must be smaller than strides)");
      }
    }
  }

  /** Window {@code ws} (one entry per pooled axis), stride = ws, no padding, ignore_border=False, max. */
  public static TheanoPoolParams of(int... ws) {
    return new TheanoPoolParams(ws, null, null, false, TheanoPoolMode.MAX);
  }

  /** A copy with another stride (one value for all axes, or one per axis). */
  public TheanoPoolParams withStride(int... s) {
    return new TheanoPoolParams(ws, s, pad, ignoreBorder, mode);
  }

  /** A copy with another pad (one value for all axes, or one per axis); needs ignore_border. */
  public TheanoPoolParams withPad(int... p) {
    return new TheanoPoolParams(ws, stride, p, ignoreBorder, mode);
  }

  /** A copy with another {@code ignore_border}. */
  public TheanoPoolParams withIgnoreBorder(boolean b) {
    return new TheanoPoolParams(ws, stride, pad, b, mode);
  }

  /** A copy with another mode. */
  public TheanoPoolParams withMode(TheanoPoolMode m) {
    return new TheanoPoolParams(ws, stride, pad, ignoreBorder, m);
  }

  /** The number of pooled (trailing) axes. */
  public int pooledDims() {
    return ws.length;
  }

  @Override
  public int[] ws() {
    return ws.clone();
  }

  @Override
  public int[] stride() {
    return stride.clone();
  }

  @Override
  public int[] pad() {
    return pad.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TheanoPoolParams p
        && Arrays.equals(ws, p.ws)
        && Arrays.equals(stride, p.stride)
        && Arrays.equals(pad, p.pad)
        && ignoreBorder == p.ignoreBorder
        && mode == p.mode;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(ws), Arrays.hashCode(stride), Arrays.hashCode(pad), ignoreBorder, mode);
  }

  @Override
  public String toString() {
    return "TheanoPoolParams[ws=" + Arrays.toString(ws) + ", stride=" + Arrays.toString(stride) + ", pad="
        + Arrays.toString(pad) + ", ignoreBorder=" + ignoreBorder + ", mode=" + mode + "]";
  }

  private static int[] perAxis(String name, int[] v, int dims) {
    if (v.length == dims) {
      return v.clone();
    }
    if (v.length == 1) {
      int[] a = new int[dims];
      Arrays.fill(a, v[0]);
      return a;
    }
    throw new IllegalArgumentException(
        name + " has " + v.length + " entries " + Arrays.toString(v) + " but ws has " + dims
            + " (give one value for all axes or one per pooled axis)");
  }

  private static void positive(String name, int[] v, int i) {
    if (v[i] <= 0) {
      throw new IllegalArgumentException(name + "[" + i + "] must be positive, got " + v[i]);
    }
  }
}
