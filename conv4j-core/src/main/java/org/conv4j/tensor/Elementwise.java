package org.conv4j.tensor;

import java.util.function.DoubleUnaryOperator;

/**
 * Elementwise kernels with NumPy broadcasting. Values are computed in double and stored in the
 * result dtype; for float32 {@code + − · /} this equals float arithmetic exactly (double has more
 * than twice float's precision), transcendental functions may differ from C's {@code expf} etc. by
 * an ulp.
 */
final class Elementwise {
  private Elementwise() {}

  /** Binary operations. Comparisons give 1 or 0 (NaN compares false, except {@code NE}). */
  enum Op {
    ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM, EQ, NE, LT, LE, GT, GE;

    double apply(double a, double b) {
      return switch (this) {
        case ADD -> a + b;
        case SUB -> a - b;
        case MUL -> a * b;
        case DIV -> a / b;
        case POW -> pow(a, b);
        // NumPy returns the second operand when the two compare equal (so maximum(0.0, -0.0) is
        // -0.0), where Math.max/min order the zeros.
        case MAXIMUM -> a != a || b != b ? Double.NaN : (a > b ? a : b);
        case MINIMUM -> a != a || b != b ? Double.NaN : (a < b ? a : b);
        case EQ -> a == b ? 1 : 0;
        case NE -> a != b ? 1 : 0;
        case LT -> a < b ? 1 : 0;
        case LE -> a <= b ? 1 : 0;
        case GT -> a > b ? 1 : 0;
        case GE -> a >= b ? 1 : 0;
      };
    }
  }

  /** Unary functions. */
  enum Fn {
    NEG, ABS, EXP, LOG, SQRT, TANH, SIGMOID, RELU;

    double apply(double x) {
      return switch (this) {
        case NEG -> -x;
        case ABS -> Math.abs(x);
        case EXP -> Math.exp(x);
        case LOG -> Math.log(x);
        case SQRT -> Math.sqrt(x);
        case TANH -> Math.tanh(x);
        case SIGMOID -> sigmoid(x);
        case RELU -> x > 0 ? x : (x != x ? x : 0.0);
      };
    }
  }

  /**
   * C99 {@code pow}, which NumPy follows: {@link Math#pow} except that {@code pow(1, y)} is 1 for
   * every y (NaN included) and {@code pow(−1, ±inf)} is 1, where Java gives NaN.
   */
  static double pow(double a, double b) {
    if (a == 1.0 || (a == -1.0 && Double.isInfinite(b))) {
      return 1.0;
    }
    return Math.pow(a, b);
  }

  /** {@code 1/(1+e^−x)} without overflow for large |x|. */
  static double sigmoid(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }

  static Tensor binary(Tensor a, Tensor b, Op op) {
    int[] shape = Shape.broadcast(a.shape, b.shape);
    DType dt = DType.promote(a.dtype, b.dtype);
    Tensor x = a.to(dt).expand(shape);
    Tensor y = b.to(dt).expand(shape);
    Tensor out = Tensor.alloc(dt, shape);
    if (dt == DType.FLOAT32) {
      float[] o = out.f;
      float[] fa = x.f;
      float[] fb = y.f;
      Strided.forEachRun(shape, x.strides, x.offset, y.strides, y.offset, (dst, pa, sa, pb, sb, len) -> {
        for (int i = 0; i < len; i++) {
          o[dst + i] = (float) op.apply(fa[pa + i * sa], fb[pb + i * sb]);
        }
      });
    } else {
      double[] o = out.d;
      double[] da = x.d;
      double[] db = y.d;
      Strided.forEachRun(shape, x.strides, x.offset, y.strides, y.offset, (dst, pa, sa, pb, sb, len) -> {
        for (int i = 0; i < len; i++) {
          o[dst + i] = op.apply(da[pa + i * sa], db[pb + i * sb]);
        }
      });
    }
    return out;
  }

  static Tensor scalar(Tensor a, double s, Op op) {
    Tensor out = Tensor.alloc(a.dtype, a.shape.clone());
    if (a.f != null) {
      float[] o = out.f;
      float[] in = a.f;
      // NumPy 2 weak scalars: the scalar is cast to float32 first for float32 arrays.
      double sv = (float) s;
      Strided.forEachRun(a.shape, a.strides, a.offset, (dst, p, st, len) -> {
        for (int i = 0; i < len; i++) {
          o[dst + i] = (float) op.apply(in[p + i * st], sv);
        }
      });
    } else {
      double[] o = out.d;
      double[] in = a.d;
      Strided.forEachRun(a.shape, a.strides, a.offset, (dst, p, st, len) -> {
        for (int i = 0; i < len; i++) {
          o[dst + i] = op.apply(in[p + i * st], s);
        }
      });
    }
    return out;
  }

  static Tensor unary(Tensor a, Fn fn) {
    return map(a, fn::apply);
  }

  static Tensor clamp(Tensor a, double lo, double hi) {
    // Only values strictly outside [lo, hi] change, so clip(-0.0, 0, 1) stays -0.0 as in np.clip.
    return map(a, v -> v < lo ? lo : (v > hi ? hi : v));
  }

  static Tensor map(Tensor a, DoubleUnaryOperator fn) {
    Tensor out = Tensor.alloc(a.dtype, a.shape.clone());
    if (a.f != null) {
      float[] o = out.f;
      float[] in = a.f;
      Strided.forEachRun(a.shape, a.strides, a.offset, (dst, p, st, len) -> {
        for (int i = 0; i < len; i++) {
          o[dst + i] = (float) fn.applyAsDouble(in[p + i * st]);
        }
      });
    } else {
      double[] o = out.d;
      double[] in = a.d;
      Strided.forEachRun(a.shape, a.strides, a.offset, (dst, p, st, len) -> {
        for (int i = 0; i < len; i++) {
          o[dst + i] = fn.applyAsDouble(in[p + i * st]);
        }
      });
    }
    return out;
  }
}
