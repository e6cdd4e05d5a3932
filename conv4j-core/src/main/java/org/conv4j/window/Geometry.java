package org.conv4j.window;

/**
 * One place for the sizes of every windowed op, per spatial axis: convolution, transposed
 * convolution, pooling (PyTorch and Theano rules), unfold/fold, and the input footprint of a range
 * of outputs (used to tile work). All formulas are SPEC §5 and §6; arithmetic is done in
 * {@code long} and results that do not fit an {@code int} are rejected.
 *
 * <p>The correlation form shared by all of them: output {@code o} reads input positions
 * {@code o·s − lo + j·d} for taps {@code j < k}.
 */
public final class Geometry {
  private Geometry() {}

  /** The extent of a dilated kernel: {@code d·(k − 1) + 1}. */
  public static long dilatedExtent(int k, int dilation) {
    return (long) dilation * (k - 1) + 1;
  }

  /**
   * Convolution (and unfold) output length {@code floor((L + lo + hi − d(k−1) − 1)/s) + 1}.
   *
   * @param axis a label for messages, e.g. {@code "spatial axis 1"}
   * @throws IllegalArgumentException when an argument is non-positive/negative, or the padded input
   *     is shorter than the dilated kernel (message states both sizes)
   */
  public static int convOutputSize(String axis, int length, int k, int stride, int lo, int hi, int dilation) {
    checkPositive("kernel size", k, axis);
    checkPositive("stride", stride, axis);
    checkPositive("dilation", dilation, axis);
    if (lo < 0 || hi < 0) {
      throw new IllegalArgumentException("padding must be non-negative on " + axis + ", got (" + lo + ", " + hi + ")");
    }
    long padded = (long) length + lo + hi;
    long ext = dilatedExtent(k, dilation);
    if (padded < ext) {
      throw new IllegalArgumentException(
          "padded input size " + padded + " (input " + length + " + padding " + lo + "+" + hi + ") on " + axis
              + " is smaller than the dilated kernel size " + ext + " (kernel " + k + ", dilation " + dilation + ")");
    }
    return toInt((padded - ext) / stride + 1, axis);
  }

  /**
   * {@code padding='same'} for stride 1 (PyTorch): total {@code d·(k−1)}, left {@code total/2},
   * the extra sample on the right. Returns {@code {lo, hi}}.
   */
  public static int[] samePadding(int k, int dilation) {
    long total = (long) dilation * (k - 1);
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("'same' padding " + total + " overflows");
    }
    int lo = (int) (total / 2);
    return new int[] {lo, (int) total - lo};
  }

  /**
   * Transposed convolution output length {@code (L − 1)·s − 2p + d(k−1) + outputPadding + 1}.
   *
   * @throws IllegalArgumentException when {@code outputPadding} is not smaller than the stride or
   *     the dilation, or the result is not positive
   */
  public static int convTransposeOutputSize(
      String axis, int length, int k, int stride, int padding, int outputPadding, int dilation) {
    checkPositive("kernel size", k, axis);
    checkPositive("stride", stride, axis);
    checkPositive("dilation", dilation, axis);
    if (padding < 0 || outputPadding < 0) {
      throw new IllegalArgumentException(
          "padding and output_padding must be non-negative on " + axis + ", got " + padding + " and " + outputPadding);
    }
    if (!(outputPadding < stride || outputPadding < dilation)) {
      throw new IllegalArgumentException(
          "output_padding " + outputPadding + " on " + axis + " must be smaller than either stride " + stride
              + " or dilation " + dilation);
    }
    long out = (long) (length - 1) * stride - 2L * padding + (long) dilation * (k - 1) + outputPadding + 1;
    if (out <= 0) {
      throw new IllegalArgumentException(
          "transposed convolution output size on " + axis + " is " + out + " (input " + length + ", kernel " + k
              + ", stride " + stride + ", padding " + padding + ", dilation " + dilation + "); it must be positive");
    }
    return toInt(out, axis);
  }

  /**
   * The {@code output_padding} that makes a transposed convolution produce {@code target} samples,
   * as {@code nn.ConvTranspose*d(output_size=…)} and the input gradient of a convolution use it.
   */
  public static int outputPaddingFor(String axis, int target, int length, int k, int stride, int padding, int dilation) {
    long min = (long) (length - 1) * stride - 2L * padding + (long) dilation * (k - 1) + 1;
    long op = target - min;
    if (op < 0 || op >= Math.max(stride, dilation)) {
      throw new IllegalArgumentException(
          "requested output size " + target + " on " + axis + " is not reachable: valid sizes are " + min + " to "
              + (min + Math.max(stride, dilation) - 1));
    }
    return (int) op;
  }

  /**
   * PyTorch pooling output length ({@code Pool.h pooling_output_shape}), with the ceil-mode rule
   * that the last window must start inside the input or the left padding.
   *
   * @throws IllegalArgumentException when padding exceeds half the kernel, or the output is empty
   */
  public static int poolOutputSize(
      String axis, int length, int k, int stride, int padding, int dilation, boolean ceilMode) {
    checkPositive("kernel size", k, axis);
    checkPositive("stride", stride, axis);
    checkPositive("dilation", dilation, axis);
    if (padding < 0 || padding > k / 2) {
      throw new IllegalArgumentException(
          "pad should be at most half of kernel size: padding " + padding + " with kernel " + k + " on " + axis);
    }
    long num = (long) length + 2L * padding - (long) dilation * (k - 1) - 1 + (ceilMode ? stride - 1 : 0);
    long out = Math.floorDiv(num, stride) + 1;
    if (ceilMode && (out - 1) * stride >= (long) length + padding) {
      out--;
    }
    if (out < 1) {
      throw new IllegalArgumentException(
          "pooling output size on " + axis + " is " + out + " (input " + length + ", kernel " + k + ", stride "
              + stride + ", padding " + padding + ", dilation " + dilation + "); the input is too small");
    }
    return toInt(out, axis);
  }

  /**
   * Theano {@code pool_2d} output length ({@code Pool.out_shape}) with {@code v = L + 2·pad}.
   *
   * @throws IllegalArgumentException when padding is used without {@code ignoreBorder} or is not
   *     smaller than the window
   */
  public static int theanoPoolOutputSize(String axis, int length, int ws, int stride, int pad, boolean ignoreBorder) {
    checkPositive("window size", ws, axis);
    checkPositive("stride", stride, axis);
    if (pad != 0 && !ignoreBorder) {
      throw new IllegalArgumentException("padding works only with ignore_border=True (" + axis + ")");
    }
    if (pad < 0 || pad >= ws) {
      throw new IllegalArgumentException("padding must be smaller than strides: pad " + pad + ", ws " + ws + " on " + axis);
    }
    long v = (long) length + 2L * pad;
    long out;
    if (ignoreBorder) {
      out = ws == stride ? v / stride : Math.max((v - ws) / stride + 1, 0);
    } else {
      out = stride >= ws ? (v - 1) / stride + 1 : Math.max(0, (v - 1 - ws + stride) / stride) + 1;
    }
    return toInt(out, axis);
  }

  /**
   * The input positions {@code [first, last]} (inclusive, possibly outside {@code [0, L)}) read by
   * outputs {@code [o0, o1)} of a window op with left padding {@code lo}. Used to cut work into
   * tiles whose inputs are known.
   */
  public static long[] inputFootprint(int o0, int o1, int k, int stride, int lo, int dilation) {
    if (o1 <= o0) {
      throw new IllegalArgumentException("empty output range [" + o0 + ", " + o1 + ")");
    }
    long first = (long) o0 * stride - lo;
    long last = (long) (o1 - 1) * stride - lo + (long) dilation * (k - 1);
    return new long[] {first, last};
  }

  /** Multiplies sizes, rejecting results beyond the largest tensor. */
  public static int checkedProduct(String what, int... dims) {
    long p = 1;
    for (int d : dims) {
      p *= d;
      if (p > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(what + " of " + java.util.Arrays.toString(dims) + " has too many elements");
      }
    }
    return (int) p;
  }

  private static void checkPositive(String name, int v, String axis) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive on " + axis + ", got " + v);
    }
  }

  private static int toInt(long v, String axis) {
    if (v > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("output size " + v + " on " + axis + " overflows");
    }
    return (int) v;
  }
}
