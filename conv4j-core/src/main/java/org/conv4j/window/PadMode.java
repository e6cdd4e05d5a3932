package org.conv4j.window;

import java.util.Locale;

/**
 * How an axis is extended beyond its borders. Constant names are NumPy's {@code np.pad} modes; the
 * parse methods accept each library's own vocabulary (SPEC §3.2 and §7):
 *
 * <table class="striped">
 * <caption>Boundary mode names across libraries</caption>
 * <tr><th>PadMode (np.pad)</th><th>pattern for abcd</th><th>SciPy ndimage</th>
 *     <th>signal.convolve2d</th><th>PyTorch</th></tr>
 * <tr><td>CONSTANT</td><td>kk|abcd|kk</td><td>constant, grid-constant</td><td>fill, pad</td>
 *     <td>zeros, constant</td></tr>
 * <tr><td>SYMMETRIC</td><td>dcba|abcd|dcba</td><td>reflect, grid-mirror</td><td>symm, symmetric</td>
 *     <td>—</td></tr>
 * <tr><td>REFLECT</td><td>dcb|abcd|cba</td><td>mirror</td><td>—</td><td>reflect</td></tr>
 * <tr><td>EDGE</td><td>aaa|abcd|ddd</td><td>nearest</td><td>—</td><td>replicate</td></tr>
 * <tr><td>WRAP</td><td>abcd|abcd|abcd</td><td>wrap, grid-wrap</td><td>wrap, circular</td>
 *     <td>circular</td></tr>
 * </table>
 *
 * <p>Beware the name clash: SciPy ndimage's {@code 'reflect'} is {@link #SYMMETRIC}, while NumPy's
 * and PyTorch's {@code 'reflect'} is {@link #REFLECT} (ndimage {@code 'mirror'}). All extensions
 * are periodic, so any distance from the border is defined (PyTorch itself limits reflect padding
 * to less than the axis size and circular padding to at most the axis size).
 */
public enum PadMode {
  /** A constant value outside the input ({@code np.pad 'constant'}). Use when zeros are wanted. */
  CONSTANT,
  /** Whole-sample symmetric, the edge sample not repeated ({@code np.pad 'reflect'}, ndimage {@code 'mirror'}, torch {@code 'reflect'}). */
  REFLECT,
  /** Half-sample symmetric, the edge sample repeated ({@code np.pad 'symmetric'}, ndimage {@code 'reflect'}). */
  SYMMETRIC,
  /** The edge sample repeated ({@code np.pad 'edge'}, ndimage {@code 'nearest'}, torch {@code 'replicate'}). */
  EDGE,
  /** Periodic ({@code np.pad 'wrap'}, ndimage {@code 'wrap'}, torch {@code 'circular'}). */
  WRAP;

  /**
   * The source index in {@code [0, n)} of position {@code k} of an axis of length {@code n}, or
   * {@code -1} for {@link #CONSTANT} outside the axis. {@code n} must be positive.
   */
  public int index(long k, int n) {
    if (k >= 0 && k < n) {
      return (int) k;
    }
    switch (this) {
      case CONSTANT:
        return -1;
      case EDGE:
        return k < 0 ? 0 : n - 1;
      case WRAP:
        return (int) Math.floorMod(k, (long) n);
      case SYMMETRIC: {
        long p = Math.floorMod(k, 2L * n);
        return (int) (p >= n ? 2L * n - 1 - p : p);
      }
      case REFLECT: {
        if (n == 1) {
          return 0;
        }
        long p = Math.floorMod(k, 2L * n - 2);
        return (int) (p >= n ? 2L * n - 2 - p : p);
      }
      default:
        throw new AssertionError(this);
    }
  }

  /** NumPy {@code np.pad} mode name ({@code constant, reflect, symmetric, edge, wrap}). */
  public static PadMode numpy(String name) {
    return switch (key(name)) {
      case "constant" -> CONSTANT;
      case "reflect" -> REFLECT;
      case "symmetric" -> SYMMETRIC;
      case "edge" -> EDGE;
      case "wrap" -> WRAP;
      default -> throw unknown("numpy pad", name, "constant, reflect, symmetric, edge, wrap");
    };
  }

  /** SciPy ndimage filter mode ({@code reflect, grid-mirror, mirror, nearest, wrap, grid-wrap, constant, grid-constant}). */
  public static PadMode scipyNdimage(String name) {
    return switch (key(name)) {
      case "reflect", "grid-mirror" -> SYMMETRIC;
      case "mirror" -> REFLECT;
      case "nearest" -> EDGE;
      case "wrap", "grid-wrap" -> WRAP;
      case "constant", "grid-constant" -> CONSTANT;
      default -> throw unknown("scipy.ndimage", name,
          "reflect, grid-mirror, mirror, nearest, wrap, grid-wrap, constant, grid-constant");
    };
  }

  /** {@code scipy.signal.convolve2d} boundary ({@code fill, pad, wrap, circular, symm, symmetric}). */
  public static PadMode scipySignal2d(String name) {
    return switch (key(name)) {
      case "fill", "pad" -> CONSTANT;
      case "wrap", "circular" -> WRAP;
      case "symm", "symmetric" -> SYMMETRIC;
      default -> throw unknown("scipy.signal boundary", name, "fill, pad, wrap, circular, symm, symmetric");
    };
  }

  /** PyTorch {@code padding_mode} / {@code F.pad} mode ({@code zeros, constant, reflect, replicate, circular}). */
  public static PadMode torch(String name) {
    return switch (key(name)) {
      case "zeros", "constant" -> CONSTANT;
      case "reflect" -> REFLECT;
      case "replicate" -> EDGE;
      case "circular" -> WRAP;
      default -> throw unknown("torch padding", name, "zeros, constant, reflect, replicate, circular");
    };
  }

  private static String key(String name) {
    if (name == null) {
      throw new IllegalArgumentException("mode name must not be null");
    }
    return name.trim().toLowerCase(Locale.ROOT);
  }

  private static IllegalArgumentException unknown(String what, String name, String allowed) {
    return new IllegalArgumentException("unknown " + what + " mode '" + name + "'; expected one of " + allowed);
  }
}
