package org.conv4j.window;

import java.util.Arrays;
import org.conv4j.kernels.WindowTasks;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * The window of a sliding-window op ({@link WindowOp}, {@link WindowReductions}): its size or
 * footprint, the geometry, stride, output dtype and thread count. Immutable; the {@code with}-style
 * methods return modified copies.
 *
 * <p><b>Geometry.</b> By default SciPy ndimage's (SPEC §3.1): the output has the input's shape
 * (divided by the stride, rounded up) and output {@code i} sees input positions
 * {@code i·s + j − (K//2 + origin)}, extended beyond the borders by {@link #mode}
 * (ndimage's default {@code 'reflect'} is {@link PadMode#SYMMETRIC}). With {@link #valid()} there is
 * no extension: output {@code i} sees {@code x[i·s : i·s + K]}, and the output has
 * {@code (N − K)/s + 1} positions per axis, NumPy's {@code sliding_window_view(x, K)[::s]}.
 *
 * {@snippet :
 * WindowSpec same = WindowSpec.size(3, 3).mode(PadMode.CONSTANT).cval(0);        // ndimage-style
 * WindowSpec valid = WindowSpec.size(10, 10).valid();                             // seed 000
 * WindowSpec cross = WindowSpec.footprint(Tensor.of(new double[] {0, 1, 0, 1, 1, 1, 0, 1, 0}, 3, 3));
 * }
 *
 * @param size the window shape (one value for every axis, or one per input axis)
 * @param footprint null (every element) or the selected elements, C order, {@code Π size} entries
 * @param validGeometry whether to use valid geometry (no boundary extension)
 * @param mode the boundary extension (ignored when {@code valid})
 * @param cval the value outside the input for {@link PadMode#CONSTANT}
 * @param origin ndimage origins (one value or one per axis): {@code −(K//2) ≤ o ≤ (K−1)//2}
 * @param stride the step between windows (one value or one per axis), at least 1
 * @param dtype the output dtype, or null for the input's
 * @param threads threads to use, at least 1; results do not depend on it
 */
public record WindowSpec(int[] size, boolean[] footprint, boolean validGeometry, PadMode mode, double cval,
    int[] origin, int[] stride, DType dtype, int threads) {

  /** Validates and copies the arrays. */
  public WindowSpec {
    if (size == null || size.length == 0) {
      throw new IllegalArgumentException("window size must have at least one entry");
    }
    size = size.clone();
    origin = origin.clone();
    stride = stride.clone();
    for (int k : size) {
      if (k < 1) {
        throw new IllegalArgumentException("empty window: size " + Arrays.toString(size) + " has an entry < 1");
      }
    }
    long n = 1;
    for (int k : size) {
      n *= k;
      if (n > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("window " + Arrays.toString(size) + " is too large");
      }
    }
    if (footprint != null) {
      footprint = footprint.clone();
      if (footprint.length != n) {
        throw new IllegalArgumentException("footprint has " + footprint.length + " entries for window " + Arrays.toString(size));
      }
      boolean any = false;
      for (boolean b : footprint) {
        any |= b;
      }
      if (!any) {
        throw new IllegalArgumentException("empty window: the footprint selects no element");
      }
    }
    if (mode == null) {
      throw new IllegalArgumentException("mode must not be null");
    }
    if (origin.length != 1 && origin.length != size.length) {
      throw new IllegalArgumentException("origin has " + origin.length + " values for a window of rank " + size.length);
    }
    if (stride.length != 1 && stride.length != size.length) {
      throw new IllegalArgumentException("stride has " + stride.length + " values for a window of rank " + size.length);
    }
    for (int s : stride) {
      if (s < 1) {
        throw new IllegalArgumentException("stride must be at least 1, got " + Arrays.toString(stride));
      }
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }

  /** A box window of this shape (one value for every axis, or one per axis), ndimage defaults. */
  public static WindowSpec size(int... size) {
    return new WindowSpec(size, null, false, PadMode.SYMMETRIC, 0.0, new int[] {0}, new int[] {1}, null,
        WindowTasks.defaultThreads());
  }

  /** A window selecting the non-zero elements of {@code footprint} (its shape is the window's). */
  public static WindowSpec footprint(Tensor footprint) {
    double[] v = footprint.toDoubleArray();
    boolean[] sel = new boolean[v.length];
    for (int i = 0; i < v.length; i++) {
      sel[i] = v[i] != 0;
    }
    int[] shape = footprint.shape();
    if (shape.length == 0) {
      throw new IllegalArgumentException("footprint must have at least one axis");
    }
    return new WindowSpec(shape, sel, false, PadMode.SYMMETRIC, 0.0, new int[] {0}, new int[] {1}, null,
        WindowTasks.defaultThreads());
  }

  /** Valid geometry: windows entirely inside the input, no boundary extension. */
  public WindowSpec valid() {
    return new WindowSpec(size, footprint, true, mode, cval, origin, stride, dtype, threads);
  }

  /** ndimage geometry with this boundary mode. */
  public WindowSpec mode(PadMode m) {
    return new WindowSpec(size, footprint, false, m, cval, origin, stride, dtype, threads);
  }

  /** ndimage geometry with a SciPy ndimage mode name ({@code reflect, mirror, nearest, wrap, constant, ...}). */
  public WindowSpec mode(String ndimageName) {
    return mode(PadMode.scipyNdimage(ndimageName));
  }

  /** The value outside the input for {@link PadMode#CONSTANT}. */
  public WindowSpec cval(double v) {
    return new WindowSpec(size, footprint, validGeometry, mode, v, origin, stride, dtype, threads);
  }

  /** ndimage origins, one value or one per axis. */
  public WindowSpec origin(int... o) {
    return new WindowSpec(size, footprint, validGeometry, mode, cval, o, stride, dtype, threads);
  }

  /** Steps between windows, one value or one per axis. */
  public WindowSpec stride(int... s) {
    return new WindowSpec(size, footprint, validGeometry, mode, cval, origin, s, dtype, threads);
  }

  /** The output dtype (null: the input's). */
  public WindowSpec dtype(DType d) {
    return new WindowSpec(size, footprint, validGeometry, mode, cval, origin, stride, d, threads);
  }

  /** The thread count. */
  public WindowSpec threads(int n) {
    return new WindowSpec(size, footprint, validGeometry, mode, cval, origin, stride, dtype, n);
  }

  @Override
  public int[] size() {
    return size.clone();
  }

  @Override
  public boolean[] footprint() {
    return footprint == null ? null : footprint.clone();
  }

  @Override
  public int[] origin() {
    return origin.clone();
  }

  @Override
  public int[] stride() {
    return stride.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WindowSpec w && Arrays.equals(size, w.size) && Arrays.equals(footprint, w.footprint)
        && validGeometry == w.validGeometry && mode == w.mode && Double.compare(cval, w.cval) == 0 && Arrays.equals(origin, w.origin)
        && Arrays.equals(stride, w.stride) && dtype == w.dtype && threads == w.threads;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(size) * 31 + Arrays.hashCode(origin) + (validGeometry ? 1 : 0);
  }

  @Override
  public String toString() {
    return "WindowSpec[size=" + Arrays.toString(size) + (footprint != null ? ", footprint" : "")
        + (validGeometry ? ", valid" : ", mode=" + mode + ", cval=" + cval + ", origin=" + Arrays.toString(origin))
        + ", stride=" + Arrays.toString(stride) + ", dtype=" + dtype + ", threads=" + threads + "]";
  }
}
