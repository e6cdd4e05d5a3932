package org.conv4j.kernels;

/**
 * The fully resolved geometry of one convolution problem for a single example, normalised to
 * three spatial axes (depth, height, width): 1-D and 2-D problems get leading axes of size 1 with
 * kernel 1, stride 1, padding 0 and dilation 1. Every kernel in this package takes one of these
 * instead of a dozen loose ints.
 *
 * <p>Layouts (C order): input {@code (c, id, ih, iw)}, weight {@code (oc, c/groups, kd, kh, kw)},
 * output {@code (oc, od, oh, ow)}. Output position {@code o} on an axis reads input position
 * {@code o·s − p + j·d} for tap {@code j}; positions outside {@code [0, size)} are zeros. Only the
 * low-side padding {@code p} is stored: the output sizes are given, so any high-side padding is
 * implied by them (this is how asymmetric "same" padding and transposed-convolution
 * {@code output_padding} reach the kernels).
 *
 * <p>The same record describes a transposed convolution: it is the adjoint of the convolution
 * described here, so its input is the {@code (oc, od, oh, ow)} side and its output the
 * {@code (c, id, ih, iw)} side.
 *
 * @param c input channels
 * @param oc output channels
 * @param groups channel groups; {@code c} and {@code oc} are multiples of it
 * @param id input depth
 * @param ih input height
 * @param iw input width
 * @param kd kernel depth
 * @param kh kernel height
 * @param kw kernel width
 * @param od output depth
 * @param oh output height
 * @param ow output width
 * @param sd stride along depth
 * @param sh stride along height
 * @param sw stride along width
 * @param pd low-side zero padding along depth
 * @param ph low-side zero padding along height
 * @param pw low-side zero padding along width
 * @param dd dilation along depth
 * @param dh dilation along height
 * @param dw dilation along width
 */
public record ConvShape(
    int c, int oc, int groups,
    int id, int ih, int iw,
    int kd, int kh, int kw,
    int od, int oh, int ow,
    int sd, int sh, int sw,
    int pd, int ph, int pw,
    int dd, int dh, int dw) {

  /** Checks the invariants the kernels rely on. */
  public ConvShape {
    if (c <= 0 || oc <= 0 || groups <= 0 || c % groups != 0 || oc % groups != 0) {
      throw new IllegalArgumentException(
          "channels " + c + " -> " + oc + " are not positive multiples of groups " + groups);
    }
    if (id <= 0 || ih <= 0 || iw <= 0 || kd <= 0 || kh <= 0 || kw <= 0 || od <= 0 || oh <= 0 || ow <= 0) {
      throw new IllegalArgumentException("sizes must be positive: " + describe(id, ih, iw, kd, kh, kw, od, oh, ow));
    }
    if (sd <= 0 || sh <= 0 || sw <= 0 || dd <= 0 || dh <= 0 || dw <= 0 || pd < 0 || ph < 0 || pw < 0) {
      throw new IllegalArgumentException("strides and dilations must be positive and paddings non-negative");
    }
  }

  /**
   * A geometry from per-axis arrays of 1 to 3 spatial axes (the last entries are height/width, as
   * in PyTorch). Missing leading axes become size-1 axes.
   */
  public static ConvShape of(
      int c, int oc, int groups, int[] in, int[] k, int[] out, int[] stride, int[] padLo, int[] dilation) {
    int r = in.length;
    if (r < 1 || r > 3 || k.length != r || out.length != r || stride.length != r || padLo.length != r
        || dilation.length != r) {
      throw new IllegalArgumentException("ConvShape needs 1 to 3 spatial axes, the same number in every array");
    }
    int[] i3 = lift(in, 1);
    int[] k3 = lift(k, 1);
    int[] o3 = lift(out, 1);
    int[] s3 = lift(stride, 1);
    int[] p3 = lift(padLo, 0);
    int[] d3 = lift(dilation, 1);
    return new ConvShape(c, oc, groups, i3[0], i3[1], i3[2], k3[0], k3[1], k3[2], o3[0], o3[1], o3[2],
        s3[0], s3[1], s3[2], p3[0], p3[1], p3[2], d3[0], d3[1], d3[2]);
  }

  private static int[] lift(int[] a, int fill) {
    int[] r = {fill, fill, fill};
    System.arraycopy(a, 0, r, 3 - a.length, a.length);
    return r;
  }

  /** Input channels per group. */
  public int cg() {
    return c / groups;
  }

  /** Output channels per group. */
  public int ocg() {
    return oc / groups;
  }

  /** Taps per kernel plane: {@code kd·kh·kw}. */
  public int kernelSize() {
    return kd * kh * kw;
  }

  /** Elements per input channel: {@code id·ih·iw}. */
  public int inputPlane() {
    return id * ih * iw;
  }

  /** Elements per output channel: {@code od·oh·ow}, the column count {@code L} of im2col. */
  public int outputPlane() {
    return od * oh * ow;
  }

  /** Elements of one example's input, {@code c·id·ih·iw}. */
  public int inputSize() {
    return c * inputPlane();
  }

  /** Elements of one example's output, {@code oc·od·oh·ow}. */
  public int outputSize() {
    return oc * outputPlane();
  }

  /** Elements of the weight, {@code oc·(c/groups)·kd·kh·kw}. */
  public int weightSize() {
    return oc * cg() * kernelSize();
  }

  /** Elements of the im2col matrix of one example, {@code c·kd·kh·kw × od·oh·ow}, as a long. */
  public long colsSize() {
    return (long) c * kernelSize() * outputPlane();
  }

  /**
   * Whether the convolution is a plain matrix product per group: 1×1×1 kernel, stride 1, no
   * padding, and output sizes equal to the input sizes.
   */
  public boolean isPointwise() {
    return kd == 1 && kh == 1 && kw == 1 && sd == 1 && sh == 1 && sw == 1 && pd == 0 && ph == 0 && pw == 0
        && od == id && oh == ih && ow == iw;
  }

  private static String describe(int... v) {
    return java.util.Arrays.toString(v);
  }
}
