package org.conv4j.nn.functional;

import java.util.Arrays;
import org.conv4j.kernels.ConvShape;
import org.conv4j.tensor.Tensor;
import org.conv4j.window.Geometry;
import org.conv4j.window.PadMode;

/**
 * The shape checks of a convolution and their result: every size resolved, the kernel geometry
 * built. Messages name the op, the shapes and the rule, with the computed sizes.
 *
 * @param op the op name for messages ({@code conv2d}, …)
 * @param batched whether the caller's input had a batch axis
 * @param n batch size
 * @param c input channels
 * @param oc output channels
 * @param in input spatial sizes
 * @param k kernel spatial sizes
 * @param lo padding before each axis
 * @param hi padding after each axis
 * @param out output spatial sizes
 * @param padExplicitly whether the input must be padded by {@code paddingMode} before the kernels
 *     run (non-zero padding modes); the geometry then describes the padded input with no padding
 * @param shape the kernel geometry
 */
record ConvPlan(String op, boolean batched, int n, int c, int oc, int[] in, int[] k, int[] lo, int[] hi, int[] out,
    boolean padExplicitly, ConvShape shape) {

  /**
   * Checks a convolution of {@code x} by {@code w} (one kernel per example when {@code perExample})
   * with the given bias shape (null for none).
   */
  static ConvPlan of(String op, int[] x, int[] w, int[] bias, ConvParams p, boolean perExample) {
    int d = p.rank();
    int lead = perExample ? 1 : 0;
    String wLayout = (perExample ? "(N, " : "(") + "OC, C/groups, " + spatialNames(d, "k") + ")";
    if (w.length != d + 2 + lead) {
      throw new IllegalArgumentException(op + ": weight must be " + (d + 2 + lead) + "-D " + wLayout + ", got shape " + shape(w));
    }
    boolean batched = x.length == d + 2;
    if (!batched && (x.length != d + 1 || perExample)) {
      throw new IllegalArgumentException(op + ": input must be " + (d + 2) + "-D (N, C, " + spatialNames(d, "")
          + ")" + (perExample ? "" : " or " + (d + 1) + "-D unbatched (C, " + spatialNames(d, "") + ")") + ", got shape " + shape(x));
    }
    int n = batched ? x[0] : 1;
    int c = x[batched ? 1 : 0];
    int oc = w[lead];
    int cgW = w[lead + 1];
    if (perExample && w[0] != n) {
      throw new IllegalArgumentException(
          op + ": per-example weight has " + w[0] + " kernels (shape " + shape(w) + ") but the batch has " + n + " examples");
    }
    if ((long) cgW * p.groups() != c) {
      throw new IllegalArgumentException(op + ": input has " + c + " channels but weight expects " + (long) cgW * p.groups()
          + " (groups " + p.groups() + " × " + cgW + "); input shape " + shape(x) + ", weight shape " + shape(w));
    }
    if (oc % p.groups() != 0) {
      throw new IllegalArgumentException(op + ": weight has " + oc + " output channels, which groups " + p.groups()
          + " does not divide; weight shape " + shape(w));
    }
    if (bias != null) {
      boolean ok = Arrays.equals(bias, new int[] {oc}) || (perExample && Arrays.equals(bias, new int[] {n, oc}));
      if (!ok) {
        throw new IllegalArgumentException(op + ": bias must have shape (" + oc + ")" + (perExample ? " or (" + n + ", " + oc + ")" : "")
            + " to match " + oc + " output channels, got " + shape(bias));
      }
    }
    int[] in = Arrays.copyOfRange(x, x.length - d, x.length);
    int[] k = Arrays.copyOfRange(w, w.length - d, w.length);
    for (int a = 0; a < d; a++) {
      if (in[a] <= 0 || k[a] <= 0 || c <= 0 || oc <= 0) {
        throw new IllegalArgumentException(op + ": empty input or weight: input shape " + shape(x) + ", weight shape " + shape(w));
      }
    }
    int[][] pad = p.resolvePadding(k);
    int[] lo = pad[0];
    int[] hi = pad[1];
    checkPaddingMode(op, p.paddingMode(), in, lo, hi);
    checkFits(op, in, k, lo, hi, p.dilation());
    int[] out = new int[d];
    for (int a = 0; a < d; a++) {
      out[a] = Geometry.convOutputSize("spatial axis " + a, in[a], k[a], p.stride()[a], lo[a], hi[a], p.dilation()[a]);
    }
    boolean explicit = p.usesPaddingMode() && (sum(lo) + sum(hi) > 0);
    int[] kin = in;
    int[] klo = lo;
    if (explicit) {
      kin = new int[d];
      for (int a = 0; a < d; a++) {
        kin[a] = in[a] + lo[a] + hi[a];
      }
      klo = new int[d];
      Geometry.checkedProduct(op + ": padded input", concat(new int[] {n, c}, kin));
    }
    Geometry.checkedProduct(op + ": output", concat(new int[] {n, oc}, out));
    ConvShape g = ConvShape.of(c, oc, p.groups(), kin, k, out, p.stride(), klo, p.dilation());
    return new ConvPlan(op, batched, n, c, oc, in, k, lo, hi, out, explicit, g);
  }

  /** Batched input shape {@code (n, c, *in)}. */
  int[] inputShape() {
    return concat(new int[] {n, c}, in);
  }

  /** Batched output shape {@code (n, oc, *out)}. */
  int[] outputShape() {
    return concat(new int[] {n, oc}, out);
  }

  /** Batched shape of the input after explicit padding. */
  int[] paddedShape() {
    int[] s = new int[in.length];
    for (int a = 0; a < in.length; a++) {
      s[a] = in[a] + lo[a] + hi[a];
    }
    return concat(new int[] {n, c}, s);
  }

  /** {@code np.pad} widths for the batched input: nothing on batch and channels. */
  int[][] padWidths() {
    int[][] w = new int[in.length + 2][];
    w[0] = new int[] {0, 0};
    w[1] = new int[] {0, 0};
    for (int a = 0; a < in.length; a++) {
      w[a + 2] = new int[] {lo[a], hi[a]};
    }
    return w;
  }

  /** Reflect padding must be smaller than the axis, circular at most the axis (PyTorch's limits). */
  static void checkPaddingMode(String op, PadMode mode, int[] in, int[] lo, int[] hi) {
    for (int a = 0; a < in.length; a++) {
      int worst = Math.max(lo[a], hi[a]);
      if (mode == PadMode.REFLECT && worst >= in[a]) {
        throw new IllegalArgumentException(op + ": reflect padding (" + lo[a] + ", " + hi[a] + ") on spatial axis " + a
            + " must be smaller than the input size " + in[a] + " (input " + dims(in) + ")");
      }
      if (mode == PadMode.WRAP && worst > in[a]) {
        throw new IllegalArgumentException(op + ": circular padding (" + lo[a] + ", " + hi[a] + ") on spatial axis " + a
            + " must not exceed the input size " + in[a] + " (input " + dims(in) + ")");
      }
    }
  }

  /** The padded input must hold the dilated kernel on every axis; the message gives all axes at once. */
  static void checkFits(String op, int[] in, int[] k, int[] lo, int[] hi, int[] dil) {
    int d = in.length;
    long[] padded = new long[d];
    long[] ext = new long[d];
    boolean bad = false;
    for (int a = 0; a < d; a++) {
      padded[a] = (long) in[a] + lo[a] + hi[a];
      ext[a] = Geometry.dilatedExtent(k[a], dil[a]);
      bad |= padded[a] < ext[a];
    }
    if (bad) {
      StringBuilder pads = new StringBuilder();
      for (int a = 0; a < d; a++) {
        pads.append(a == 0 ? "" : ", ").append(lo[a]).append('+').append(hi[a]);
      }
      throw new IllegalArgumentException(op + ": padded input " + dims(padded) + " is smaller than the dilated kernel "
          + dims(ext) + " (input " + dims(in) + ", padding [" + pads + "], kernel " + dims(k) + ", dilation " + dims(dil) + ")");
    }
  }

  /** Both tensors must have one dtype; the message names both. */
  static void checkDtypes(String op, String nameA, Tensor a, String nameB, Tensor b) {
    if (b != null && a.dtype() != b.dtype()) {
      throw new IllegalArgumentException(op + ": " + nameA + " is " + a.dtype() + " but " + nameB + " is " + b.dtype()
          + "; convert one with Tensor.to(DType) so both have the same dtype");
    }
  }

  static String shape(int[] s) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < s.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(s[i]);
    }
    return sb.append(s.length == 1 ? ",)" : ")").toString();
  }

  static String dims(int[] s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length; i++) {
      sb.append(i == 0 ? "" : "×").append(s[i]);
    }
    return sb.toString();
  }

  static String dims(long[] s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length; i++) {
      sb.append(i == 0 ? "" : "×").append(s[i]);
    }
    return sb.toString();
  }

  static String spatialNames(int d, String prefix) {
    String[] names = d == 1 ? new String[] {"L"} : d == 2 ? new String[] {"H", "W"} : new String[] {"D", "H", "W"};
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(prefix).append(names[i]);
    }
    return sb.toString();
  }

  static int[] concat(int[] a, int[] b) {
    int[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static long sum(int[] v) {
    long s = 0;
    for (int x : v) {
      s += x;
    }
    return s;
  }
}
