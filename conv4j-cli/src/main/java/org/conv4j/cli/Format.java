// Printing numbers the way NumPy/Python does.
package org.conv4j.cli;

import org.conv4j.tensor.DType;

/**
 * Number formatting for CLI output: the shortest decimal that reads back to the same value in the
 * given dtype, written as Python's {@code repr} does ({@code 0.1}, {@code 3.0}, {@code 1e-05},
 * {@code 1.5e+20}, {@code nan}, {@code inf}, {@code -inf}). The digits are Java's {@code
 * Double.toString}/{@code Float.toString}, which equal Python's except where one digit would do but
 * a closer two-digit decimal exists (only the smallest subnormals: {@code 4.9e-324} where Python
 * prints {@code 5e-324}).
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

  /**
   * Rewrites Java's shortest representation of a non-zero finite value ({@code 123.25}, {@code
   * 1.0E-5}) in Python's style. Plain string work: BigDecimal would cost ~50 ms of class loading in
   * a fresh JVM, a tenth of the CLI's start-up.
   */
  private static String python(String javaRepr) {
    boolean negative = javaRepr.charAt(0) == '-';
    String r = negative ? javaRepr.substring(1) : javaRepr;
    int e = r.indexOf('E');
    String mantissa = e < 0 ? r : r.substring(0, e);
    int exp10 = e < 0 ? 0 : Integer.parseInt(r.substring(e + 1));
    int dot = mantissa.indexOf('.');
    String intPart = dot < 0 ? mantissa : mantissa.substring(0, dot);
    String frac = dot < 0 ? "" : mantissa.substring(dot + 1);
    // value = 0.DIGITS * 10^point, with DIGITS starting at a non-zero digit
    String all = intPart + frac;
    int point = intPart.length() + exp10;
    int lead = 0;
    while (lead < all.length() - 1 && all.charAt(lead) == '0') {
      lead++;
    }
    String digits = all.substring(lead);
    point -= lead;
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    digits = digits.substring(0, end);
    int exp = point - 1; // decimal exponent of the first digit
    StringBuilder sb = new StringBuilder(negative ? "-" : "");
    if (exp >= -4 && exp < 16) {
      if (point <= 0) {
        sb.append("0.").append("0".repeat(-point)).append(digits);
      } else if (point >= digits.length()) {
        sb.append(digits).append("0".repeat(point - digits.length())).append(".0");
      } else {
        sb.append(digits, 0, point).append('.').append(digits, point, digits.length());
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
