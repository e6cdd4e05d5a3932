package org.conv4j.tensor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints tensors the way NumPy's {@code str(array)} does with default print options
 * (precision 8, {@code floatmode='maxprec'}, line width 75, summarised with 3 edge items above
 * 1000 elements): common padding of integer and fraction parts, scientific notation when the
 * largest magnitude is ≥ 1e8 (1e6 for float32) or the ratio of largest to smallest non-zero
 * magnitude exceeds 1000 (or the smallest is below 1e-4), and the same line wrapping. Float32 values print with the
 * shortest digits that identify the float32 value, as NumPy does.
 */
final class NumpyFormat {
  private static final int PRECISION = 8;
  private static final int LINE_WIDTH = 75;
  private static final int THRESHOLD = 1000;
  private static final int EDGE = 3;

  private NumpyFormat() {}

  static String format(Tensor t) {
    if (t.size == 0) {
      return "[]"; // NumPy prints every empty array so, whatever its shape
    }
    boolean summarise = t.size > THRESHOLD;
    double[] all = t.toDoubleArray();
    List<Double> shown = new ArrayList<>();
    collectShown(t, summarise, shown);
    Formatter fmt = new Formatter(shown, t.dtype == DType.FLOAT32);
    if (t.rank() == 0) {
      return fmt.scalar(all[0]);
    }
    StringBuilder sb = new StringBuilder();
    int[] strides = Shape.contiguousStrides(t.shape);
    sb.append(recurse(all, t.shape, strides, 0, 0, " ", LINE_WIDTH, summarise, fmt));
    return sb.toString();
  }

  private static void collectShown(Tensor t, boolean summarise, List<Double> out) {
    double[] all = t.toDoubleArray();
    if (!summarise) {
      for (double v : all) {
        out.add(v);
      }
      return;
    }
    collect(all, t.shape, Shape.contiguousStrides(t.shape), 0, 0, out);
  }

  private static void collect(double[] a, int[] shape, int[] st, int axis, int off, List<Double> out) {
    if (axis == shape.length) {
      out.add(a[off]);
      return;
    }
    int n = shape[axis];
    if (n > 2 * EDGE) {
      for (int i = 0; i < EDGE; i++) {
        collect(a, shape, st, axis + 1, off + i * st[axis], out);
      }
      for (int i = n - EDGE; i < n; i++) {
        collect(a, shape, st, axis + 1, off + i * st[axis], out);
      }
    } else {
      for (int i = 0; i < n; i++) {
        collect(a, shape, st, axis + 1, off + i * st[axis], out);
      }
    }
  }

  /** NumPy's {@code _formatArray} recursion. */
  private static String recurse(
      double[] a, int[] shape, int[] st, int axis, int off, String hang, int width, boolean summarise,
      Formatter fmt) {
    int left = shape.length - axis;
    String nextHang = hang + " ";
    int nextWidth = width - 1;
    int n = shape[axis];
    boolean showSummary = summarise && 2 * EDGE < n;
    int leading = showSummary ? EDGE : 0;
    int trailing = showSummary ? EDGE : n;
    StringBuilder s = new StringBuilder();
    if (left == 1) {
      int elemWidth = width - 1;
      StringBuilder line = new StringBuilder(hang);
      for (int i = 0; i < leading; i++) {
        extend(s, line, fmt.format(a[off + i * st[axis]]), elemWidth, hang);
        line.append(' ');
      }
      if (showSummary) {
        extend(s, line, "...", elemWidth, hang);
        line.append(' ');
      }
      for (int i = trailing; i > 1; i--) {
        extend(s, line, fmt.format(a[off + (n - i) * st[axis]]), elemWidth, hang);
        line.append(' ');
      }
      if (n > 0) {
        extend(s, line, fmt.format(a[off + (n - 1) * st[axis]]), elemWidth, hang);
      }
      s.append(line);
    } else {
      String sep = "\n".repeat(left - 1);
      for (int i = 0; i < leading; i++) {
        s.append(hang).append(recurse(a, shape, st, axis + 1, off + i * st[axis], nextHang, nextWidth, summarise, fmt))
            .append(sep);
      }
      if (showSummary) {
        s.append(hang).append("...").append(sep);
      }
      for (int i = trailing; i > 1; i--) {
        s.append(hang)
            .append(recurse(a, shape, st, axis + 1, off + (n - i) * st[axis], nextHang, nextWidth, summarise, fmt))
            .append(sep);
      }
      if (n > 0) {
        s.append(hang).append(recurse(a, shape, st, axis + 1, off + (n - 1) * st[axis], nextHang, nextWidth, summarise, fmt));
      }
    }
    String body = s.length() >= hang.length() ? s.substring(hang.length()) : "";
    return "[" + body + "]";
  }

  private static void extend(StringBuilder s, StringBuilder line, String word, int width, String hang) {
    boolean wrap = line.length() + word.length() > width;
    if (line.length() <= hang.length()) {
      wrap = false;
    }
    if (wrap) {
      s.append(line.toString().stripTrailing()).append('\n');
      line.setLength(0);
      line.append(hang);
    }
    line.append(word);
  }

  /** NumPy's {@code FloatingFormat} in 'maxprec' mode. */
  static final class Formatter {
    final boolean f32;
    boolean exp;
    int padLeft;
    int padRight;
    int precision = PRECISION;
    int expSize = -1;

    Formatter(List<Double> vals, boolean f32) {
      this.f32 = f32;
      List<Double> finite = new ArrayList<>();
      boolean nonFinite = false;
      boolean negInf = false;
      for (double v : vals) {
        if (Double.isFinite(v)) {
          finite.add(v);
        } else {
          nonFinite = true;
          negInf |= v == Double.NEGATIVE_INFINITY;
        }
      }
      double max = 0;
      double min = Double.POSITIVE_INFINITY;
      for (double v : finite) {
        double a = Math.abs(v);
        if (a != 0) {
          max = Math.max(max, a);
          min = Math.min(min, a);
        }
      }
      if (max > 0) {
        if (f32) {
          // NumPy's cutoff is 10**min(8, finfo(dtype).precision), 1e6 for float32, and the tests
          // run in float32 arithmetic (NumPy 2 casts the Python float operands to float32).
          float fmax = (float) max;
          float fmin = (float) min;
          exp = fmax >= 1e6f || fmin < 1e-4f || fmax / fmin > 1000f;
        } else {
          exp = max >= 1e8 || min < 1e-4 || max / min > 1000.0;
        }
      }
      if (finite.isEmpty()) {
        padLeft = 0;
        padRight = 0;
      } else if (exp) {
        int intPart = 0;
        int frac = 0;
        int expLen = 0;
        for (double v : finite) {
          String[] sci = sci(f32 ? shortestF(v) : v, PRECISION);
          intPart = Math.max(intPart, sci[0].length());
          frac = Math.max(frac, sci[1].length());
          expLen = Math.max(expLen, sci[2].length());
        }
        expSize = expLen; // digits of the exponent (without sign)
        precision = frac;
        padLeft = intPart;
        padRight = (expSize - 1) + 2 + precision;
      } else {
        int intPart = 0;
        int frac = 0;
        for (double v : finite) {
          String p = positional(v);
          int dot = p.indexOf('.');
          intPart = Math.max(intPart, dot);
          frac = Math.max(frac, p.length() - dot - 1);
        }
        padLeft = intPart;
        padRight = frac;
      }
      if (nonFinite) {
        int offset = padRight + 1;
        padLeft = Math.max(padLeft, Math.max(3 - offset, 3 + (negInf ? 1 : 0) - offset));
      }
    }

    /** Shortest digits that identify the value (float32 or float64) as a plain decimal. */
    private BigDecimal shortest(double v) {
      String s = f32 ? Float.toString((float) v) : Double.toString(v);
      return new BigDecimal(s);
    }

    /** Positional: shortest unique digits, at most 8 after the point, '.' kept, trailing zeros trimmed. */
    String positional(double v) {
      BigDecimal b = shortest(v);
      if (b.scale() > PRECISION) {
        b = new BigDecimal(v).setScale(PRECISION, RoundingMode.HALF_EVEN);
      }
      b = b.stripTrailingZeros();
      String s = b.scale() <= 0 ? b.setScale(0).toPlainString() + "." : b.toPlainString();
      if (v == 0 && (1 / v) < 0) {
        s = "-" + (s.startsWith("-") ? s.substring(1) : s);
      } else if (s.equals("-0.")) {
        s = "-0.";
      }
      return s;
    }

    /** Scientific parts {@code {int part with sign, fraction digits, exponent digits with sign}}. */
    static String[] sci(double v, int precision) {
      if (v == 0) {
        return new String[] {(1 / v) < 0 ? "-0" : "0", "", "+00"};
      }
      BigDecimal b = new BigDecimal(Double.toString(v));
      int e = b.precision() - b.scale() - 1;
      BigDecimal m = b.movePointLeft(e);
      if (m.scale() > precision) {
        m = new BigDecimal(v).movePointLeft(e).setScale(precision, RoundingMode.HALF_EVEN);
        if (m.abs().compareTo(BigDecimal.TEN) >= 0) {
          m = m.movePointLeft(1).setScale(precision, RoundingMode.HALF_EVEN);
          e++;
        }
      }
      m = m.stripTrailingZeros();
      String ms = m.scale() <= 0 ? m.setScale(0).toPlainString() : m.toPlainString();
      int dot = ms.indexOf('.');
      String ip = dot < 0 ? ms : ms.substring(0, dot);
      String fp = dot < 0 ? "" : ms.substring(dot + 1);
      String es = String.format("%s%02d", e < 0 ? "-" : "+", Math.abs(e));
      return new String[] {ip, fp, es};
    }

    /** Scientific parts of the exact value of {@code v} rounded half-even to {@code digits} fraction digits. */
    static String[] sciExact(double v, int digits) {
      if (v == 0) {
        return new String[] {(1 / v) < 0 ? "-0" : "0", "0".repeat(digits), "+00"};
      }
      BigDecimal b = new BigDecimal(v);
      int e = b.precision() - b.scale() - 1;
      BigDecimal m = b.movePointLeft(e).setScale(digits, RoundingMode.HALF_EVEN);
      if (m.abs().compareTo(BigDecimal.TEN) >= 0) {
        m = m.movePointLeft(1).setScale(digits, RoundingMode.HALF_EVEN);
        e++;
      }
      String ms = m.toPlainString();
      int dot = ms.indexOf('.');
      String ip = dot < 0 ? ms : ms.substring(0, dot);
      String fp = dot < 0 ? "" : ms.substring(dot + 1);
      return new String[] {ip, fp, String.format("%s%02d", e < 0 ? "-" : "+", Math.abs(e))};
    }

    String format(double v) {
      if (!Double.isFinite(v)) {
        String r = v != v ? "nan" : (v < 0 ? "-inf" : "inf");
        return " ".repeat(Math.max(0, padLeft + padRight + 1 - r.length())) + r;
      }
      if (exp) {
        // NumPy prints every element with exactly `precision` digits (min_digits), taking digits
        // beyond the shortest representation from the exact binary value, not zeros: float32
        // 979.6667 is 979.66668701171875 and prints as 9.7966669e+02 beside 7-digit neighbours.
        String[] p = sciExact(v, precision);
        String frac = p[1];
        String ex = p[2].substring(1);
        while (ex.length() < expSize - 1) {
          ex = "0" + ex;
        }
        return pad(p[0], padLeft) + "." + frac + "e" + p[2].charAt(0) + ex;
      }
      String s = positional(v);
      int dot = s.indexOf('.');
      String ip = s.substring(0, dot);
      String fp = s.substring(dot + 1);
      return pad(ip, padLeft) + "." + fp + " ".repeat(Math.max(0, padRight - fp.length()));
    }

    private double shortestF(double v) {
      return Double.parseDouble(Float.toString((float) v));
    }

    private static String pad(String s, int width) {
      return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** A rank-0 tensor prints as Python prints the NumPy scalar ({@code str(np.float32(x))}). */
    String scalar(double v) {
      if (v != v) {
        return "nan";
      }
      if (Double.isInfinite(v)) {
        return v < 0 ? "-inf" : "inf";
      }
      // NumPy's scalar str: shortest round-trip digits, no precision cap, positional for
      // 1e-4 <= |v| < 1e16 (float64) or < 1e6 (float32), scientific otherwise.
      double a = Math.abs(v);
      if (a != 0 && (a >= (f32 ? 1e6 : 1e16) || a < 1e-4)) {
        String[] p = sci(f32 ? shortestF(v) : v, 17);
        return p[0] + (p[1].isEmpty() ? "" : "." + p[1]) + "e" + p[2];
      }
      String s = shortest(v).stripTrailingZeros().toPlainString();
      if (!s.contains(".")) {
        s += ".0";
      }
      return v == 0 && 1 / v < 0 ? "-0.0" : s;
    }
  }
}
