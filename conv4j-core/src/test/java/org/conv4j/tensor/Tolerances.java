package org.conv4j.tensor;

import static org.assertj.core.api.Assertions.fail;

import org.conv4j.tensor.Fixtures.Case;

/**
 * The named tolerances of the NumPy oracle, per operation family and dtype. A value passes when
 * {@code |got − expected| ≤ atol + rtol·|expected| + perScale·scale}, where
 * {@code scale} is a per-case magnitude (e.g. {@code Σ|x|} for a sum) so summation-order
 * differences are judged against the size of what was summed. NaN must meet NaN, infinities must
 * be equal; {@link #EXACT} is bitwise (signed zeros included).
 *
 * <p>Why each is what it is:
 *
 * <ul>
 *   <li>EXACT: views, joins, padding, conversions, comparisons, min/max/arg*, {@code + − · /},
 *       sqrt, abs, neg, clamp, and matmul of small integers: IEEE 754 makes these correctly rounded
 *       in both libraries (float32 results are computed in double and rounded once, which equals
 *       float arithmetic for these operations), so there is nothing to tolerate.
 *   <li>Transcendental (exp, log, tanh, sigmoid, pow): NumPy uses its own SIMD float32 kernels and
 *       the C library for float64, conv4j uses {@link Math} in double; both are within a few ulp of
 *       the true value.
 *   <li>Sums, means, var/std and matmul: the summation order differs (NumPy: pairwise with 8
 *       accumulators in the array's dtype; conv4j: pairwise in double, float32 rounded once), so
 *       the bound is a few ulp of the sum of magnitudes.
 * </ul>
 */
final class Tolerances {
  private Tolerances() {}

  /** A tolerance with the name it is reported under. */
  record Tol(String name, double rtol, double atol, double perScale) {
    boolean exact() {
      return rtol == 0 && atol == 0 && perScale == 0;
    }
  }

  static final Tol EXACT = new Tol("EXACT (bitwise)", 0, 0, 0);

  /**
   * exp, log, tanh, sigmoid, pow in float32: 4 ulp relative (observed: at most 1 ulp), and 4
   * subnormal ulp absolute for results in the subnormal range.
   */
  static final Tol F32_TRANSCENDENTAL = new Tol(
      "F32_TRANSCENDENTAL (rtol 4 ulp = 4.8e-7, atol 4 subnormal ulp)", 0x1.0p-21, 0x1.0p-147, 0);

  /** exp, log, tanh, sigmoid, pow in float64: 4 ulp relative (observed: at most 1 ulp). */
  static final Tol F64_TRANSCENDENTAL = new Tol("F64_TRANSCENDENTAL (rtol 4 ulp = 8.9e-16)", 0x1.0p-50, 0, 0);

  /** sum and mean in float32: 4 float32 ulp of Σ|x| (resp. Σ|x|/n); NumPy sums float32 in float32. */
  static final Tol F32_SUM = new Tol("F32_SUM (4 ulp of sum|x|)", 0, 0, 4 * 0x1.0p-23);

  /** sum and mean in float64: 4 ulp of Σ|x| (resp. Σ|x|/n), i.e. about 1e-15 relative to the magnitudes. */
  static final Tol F64_SUM = new Tol("F64_SUM (4 ulp of sum|x|)", 0, 0, 4 * 0x1.0p-52);

  /**
   * var and std in float32: rtol 1e-5. NumPy computes the mean and the squared deviations in
   * float32; its mean error δ enters the variance as δ², which for data with a large mean relative
   * to its spread (the "offset" case) is far above an ulp of the variance.
   */
  static final Tol F32_VAR = new Tol("F32_VAR (rtol 1e-5)", 1e-5, 0, 0);

  /** var and std in float64: rtol 1e-12 (observed: about 1e-15). */
  static final Tol F64_VAR = new Tol("F64_VAR (rtol 1e-12)", 1e-12, 0, 0);

  /** matmul in float32: 4 float32 ulp of k·max|a|·max|b| (NumPy: BLAS sgemm, float32 FMA accumulation). */
  static final Tol F32_MATMUL = new Tol("F32_MATMUL (4 ulp of k*max|a|*max|b|)", 0, 0, 4 * 0x1.0p-23);

  /** matmul in float64: 4 ulp of k·max|a|·max|b| (NumPy: BLAS dgemm). */
  static final Tol F64_MATMUL = new Tol("F64_MATMUL (4 ulp of k*max|a|*max|b|)", 0, 0, 4 * 0x1.0p-52);

  static Tol of(Case c, DType dt) {
    boolean f32 = dt == DType.FLOAT32;
    return switch (c.op()) {
      case "exp", "log", "tanh", "sigmoid", "pow", "pow_s" -> f32 ? F32_TRANSCENDENTAL : F64_TRANSCENDENTAL;
      case "sum", "mean" -> f32 ? F32_SUM : F64_SUM;
      case "var", "std" -> f32 ? F32_VAR : F64_VAR;
      // Small integers: every product and partial sum is exact in both dtypes.
      case "matmul" -> c.name().contains("/ints/") ? EXACT : f32 ? F32_MATMUL : F64_MATMUL;
      default -> EXACT;
    };
  }

  /** The magnitude a case's rounding errors are measured against (see the class comment). */
  static double scale(Case c, Tensor[] in) {
    switch (c.op()) {
      case "sum", "mean" -> {
        // Σ|x| over the whole input bounds Σ|x| of every reduced row.
        double s = 0;
        for (double v : in[0].toDoubleArray()) {
          s += Double.isFinite(v) ? Math.abs(v) : 0;
        }
        if (c.op().equals("mean")) {
          int outSize = 1;
          for (int d : c.outputs().get(0).shape()) {
            outSize *= d;
          }
          s = outSize == 0 || in[0].size() == 0 ? s : s / ((double) in[0].size() / outSize);
        }
        return s;
      }
      case "matmul" -> {
        int[] sa = in[0].shape();
        int k = sa[sa.length - 1];
        return k * maxAbs(in[0]) * maxAbs(in[1]);
      }
      default -> {
        return 0;
      }
    }
  }

  private static double maxAbs(Tensor t) {
    double m = 0;
    for (double v : t.toDoubleArray()) {
      if (Double.isFinite(v)) {
        m = Math.max(m, Math.abs(v));
      }
    }
    return m;
  }

  static void assertClose(String what, double[] got, double[] exp, Tol tol, double scale) {
    if (got.length != exp.length) {
      fail("%s: %d values, expected %d", what, got.length, exp.length);
    }
    for (int i = 0; i < got.length; i++) {
      double g = got[i];
      double e = exp[i];
      boolean ok;
      if (tol.exact() || Double.isNaN(e) || Double.isInfinite(e)) {
        ok = Double.compare(g, e) == 0;
      } else {
        ok = Math.abs(g - e) <= tol.atol() + tol.rtol() * Math.abs(e) + tol.perScale() * scale;
      }
      if (!ok) {
        fail("%s: element %d is %s, NumPy has %s (diff %s, tolerance %s)", what, i, repr(g), repr(e),
            Math.abs(g - e), tol.name());
      }
    }
  }

  static String repr(double v) {
    return v + " [" + Double.toHexString(v) + "]";
  }
}
