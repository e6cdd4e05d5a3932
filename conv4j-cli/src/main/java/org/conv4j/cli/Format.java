// Printing numbers the way NumPy/Python does.
package org.conv4j.cli;

import java.math.BigDecimal;
import org.conv4j.tensor.DType;

/**
 * Number formatting for CLI output: the shortest decimal that reads back to the same value in the
 * given dtype, written as Python's {@code repr} does ({@code 0.1}, {@code 3.0}, {@code 1e-05},
 * {@code 1.5e+20}, {@code nan}, {@code inf}, {@code -inf}).
 */
public final class Format {
  private Format() {}

  /**
   * {@code v} printed with the precision of {@code dtype} (float32 values are rounded to float
   * first).
   */
  public static String number(double v, DType dtype) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (dtype == DType.FLOAT32) {
      float f = (float) v;
      if (Float.isInfinite(f)) {
        return f > 0 ? "inf" : "-inf";
      }
      if (f == 0) {
        return 1 / f < 0 ? "-0.0" : "0.0";
      }
      return python(Float.toString(f));
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0.0" : "0.0";
    }
    return python(Double.toString(v));
  }

  /** Rewrites a Java shortest representation of a non-zero finite value ({@code 1.0E-5}) as Python. */
  private static String python(String javaRepr) {
    BigDecimal bd = new BigDecimal(javaRepr).stripTrailingZeros();
    boolean negative = bd.signum() < 0;
    String digits = bd.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - bd.scale(); // decimal exponent of the first digit
    StringBuilder sb = new StringBuilder(negative ? "-" : "");
    if (exp >= -4 && exp < 16) {
      String plain = bd.abs().toPlainString();
      sb.append(plain);
      if (plain.indexOf('.') < 0) {
        sb.append(".0");
      }
    } else {
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(exp < 0 ? '-' : '+');
      int a = Math.abs(exp);
      sb.append(a < 10 ? "0" : "").append(a);
    }
    return sb.toString();
  }
}
