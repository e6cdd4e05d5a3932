package org.conv4j.nn.functional;

import java.util.Locale;
import org.conv4j.internal.TensorAccess;
import org.conv4j.kernels.Toeplitz;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.conv4j.window.Geometry;

/**
 * The convolution (Toeplitz) matrix of a 1-D kernel, SciPy's
 * {@code scipy.linalg.convolution_matrix(h, n, mode)}: {@code A @ x == scipy.signal.convolve(x, h, mode)}
 * for every {@code x} of length {@code n} (SPEC §2.1; for {@code same} when {@code n ≥ len(h)}).
 * {@code A[i, j] = h[i + start − j]} with
 *
 * <table class="striped">
 * <caption>Rows kept of the full matrix, m = len(h)</caption>
 * <tr><th>mode</th><th>rows</th><th>start</th></tr>
 * <tr><td>full</td><td>m + n − 1</td><td>0</td></tr>
 * <tr><td>same</td><td>max(m, n)</td><td>(min(m, n) − 1)/2</td></tr>
 * <tr><td>valid</td><td>|m − n| + 1</td><td>min(m, n) − 1</td></tr>
 * </table>
 *
 * <p>A 2-D {@code h (B, m)} gives one matrix per row, {@code (B, rows, n)}: the batched form of seed
 * 001, whose {@code Y[b] = T_b @ X[b]} is {@code convolutionMatrix(H, 9, SAME).matmul(X.unsqueeze(2))}.
 *
 * {@snippet :
 * Tensor h = Tensor.of(new double[] {0, 1, 2, 0}, 4);
 * Tensor t = ConvolutionMatrix.convolutionMatrix(h, 9, ConvolutionMatrix.Mode.SAME); // 9×9, 1 on the diagonal, 2 below
 * }
 */
public final class ConvolutionMatrix {
  private ConvolutionMatrix() {}

  /** SciPy's output modes. */
  public enum Mode {
    /** Every partial overlap. */
    FULL,
    /** The centred {@code max(m, n)} rows. */
    SAME,
    /** Only complete overlaps. */
    VALID;

    /** Parses {@code full}, {@code same} or {@code valid}. */
    public static Mode parse(String name) {
      String k = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
      return switch (k) {
        case "full" -> FULL;
        case "same" -> SAME;
        case "valid" -> VALID;
        default -> throw new IllegalArgumentException("mode must be one of full, same, valid; got '" + name + "'");
      };
    }
  }

  /**
   * The convolution matrix of {@code h (m)} or of each row of {@code h (B, m)} for inputs of length {@code n}.
   *
   * @throws IllegalArgumentException when {@code n < 1}, {@code h} is empty or not 1-D/2-D, or the
   *     matrix would be too large
   */
  public static Tensor convolutionMatrix(Tensor h, int n, Mode mode) {
    if (n <= 0) {
      throw new IllegalArgumentException("convolution_matrix: n must be a positive integer, got " + n);
    }
    if (h.rank() != 1 && h.rank() != 2) {
      throw new IllegalArgumentException("convolution_matrix: h must be 1-D (m) or 2-D (B, m), got shape " + ConvPlan.shape(h.shape()));
    }
    int m = h.dim(h.rank() - 1);
    if (m == 0) {
      throw new IllegalArgumentException("convolution_matrix: len(h) must be at least 1");
    }
    int batch = h.rank() == 2 ? h.dim(0) : 1;
    long full = (long) m + n - 1;
    int small = Math.min(m, n);
    long rows = switch (mode) {
      case FULL -> full;
      case SAME -> Math.max(m, n);
      case VALID -> Math.abs((long) m - n) + 1;
    };
    int start = switch (mode) {
      case FULL -> 0;
      case SAME -> (small - 1) / 2;
      case VALID -> small - 1;
    };
    if (rows > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("convolution_matrix: " + rows + " rows overflow");
    }
    int[] shape = h.rank() == 2 ? new int[] {batch, (int) rows, n} : new int[] {(int) rows, n};
    int per = Geometry.checkedProduct("convolution_matrix: output", (int) rows, n);
    Geometry.checkedProduct("convolution_matrix: output", shape);
    TensorAccess.Accessor acc = TensorAccess.get();
    Tensor hc = h.contiguous();
    Tensor a = acc.zeros(h.dtype(), shape);
    int ho = acc.offset(hc);
    for (int b = 0; b < batch; b++) {
      if (h.dtype() == DType.FLOAT32) {
        Toeplitz.convolutionMatrix(acc.floats(hc), ho + b * m, m, n, start, (int) rows, acc.floats(a), b * per);
      } else {
        Toeplitz.convolutionMatrix(acc.doubles(hc), ho + b * m, m, n, start, (int) rows, acc.doubles(a), b * per);
      }
    }
    return a;
  }

  /** {@link #convolutionMatrix(Tensor, int, Mode)} with the mode by name. */
  public static Tensor convolutionMatrix(Tensor h, int n, String mode) {
    return convolutionMatrix(h, n, Mode.parse(mode));
  }
}
