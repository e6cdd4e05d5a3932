// IntTuple, Padding, ShellWords, Format, ArrayStats and OutputDType.
package org.conv4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class SharedOptionsTest {
  @Test
  void intTupleParsesAndExpands() {
    assertThat(IntTuple.parse("2").expand(3, "--stride")).containsExactly(2, 2, 2);
    assertThat(IntTuple.parse("2,1").expand(2, "--stride")).containsExactly(2, 1);
    assertThat(IntTuple.parse(" 3 , 4 ").values()).containsExactly(3, 4);
    assertThat(IntTuple.parse("-1").values()).containsExactly(-1);
    assertThat(IntTuple.parse("2,1")).isEqualTo(IntTuple.of(2, 1)).hasToString("2,1");
  }

  @Test
  void intTupleRejectsMalformedText() {
    assertThatThrownBy(() -> IntTuple.parse("2,x"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage(
            "'2,x': 'x' is not an integer; expected integers separated by commas, like 2 or 2,1");
    assertThatThrownBy(() -> IntTuple.parse("2,,1"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageStartingWith("'2,,1': empty item;");
    assertThatThrownBy(() -> IntTuple.parse("")).isInstanceOf(TypeConversionException.class);
    assertThatThrownBy(() -> IntTuple.parse("1.5")).isInstanceOf(TypeConversionException.class);
    assertThatThrownBy(() -> IntTuple.parse("99999999999"))
        .isInstanceOf(TypeConversionException.class);
  }

  @Test
  void intTupleCountMismatchNamesTheOption() {
    assertThatThrownBy(() -> IntTuple.parse("2,1,1").expand(2, "--stride"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--stride: 3 values given but the input has 2 spatial axes");
    assertThatThrownBy(() -> IntTuple.parse("2,1").expand(1, "--dilation"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--dilation: 2 values given but the input has 1 spatial axis");
  }

  @Test
  void intTupleMinimum() {
    assertThat(IntTuple.parse("1,2").expand(2, "--stride", 1)).containsExactly(1, 2);
    assertThatThrownBy(() -> IntTuple.parse("1,0").expand(2, "--stride", 1))
        .isInstanceOf(UsageException.class)
        .hasMessage("--stride: 0 is not allowed; every value must be at least 1");
  }

  @Test
  void paddingForms() {
    assertThat(Padding.parse("same")).isEqualTo(Padding.SAME);
    assertThat(Padding.parse("VALID")).isEqualTo(Padding.VALID);
    assertThat(Padding.parse("1").expand(2, "--padding"))
        .isDeepEqualTo(new int[][] {{1, 1}, {1, 1}});
    assertThat(Padding.parse("1,2").expand(2, "--padding"))
        .isDeepEqualTo(new int[][] {{1, 1}, {2, 2}});
    assertThat(Padding.parse("0:1,2:3").expand(2, "--padding"))
        .isDeepEqualTo(new int[][] {{0, 1}, {2, 3}});
    assertThat(Padding.parse("0:1").expand(3, "--padding"))
        .isDeepEqualTo(new int[][] {{0, 1}, {0, 1}, {0, 1}});
    assertThat(Padding.VALID.expand(2, "--padding")).isDeepEqualTo(new int[][] {{0, 0}, {0, 0}});
    assertThat(Padding.parse("1,0:2"))
        .isEqualTo(Padding.of(new Padding.Pair(1, 1), new Padding.Pair(0, 2)))
        .hasToString("1,0:2");
    assertThat(Padding.SAME).hasToString("same");
  }

  @Test
  void paddingRejectsMalformedText() {
    for (String bad : List.of("", "x", "1,", "-1", "1:-2", "1:2:3", "1;2", "same,1", ":1")) {
      assertThatThrownBy(() -> Padding.parse(bad))
          .as(bad)
          .isInstanceOf(TypeConversionException.class)
          .hasMessageContaining("'" + bad + "': ")
          .hasMessageEndingWith(
              "expected p, p1,p2, lo:hi,lo:hi (non-negative integers), same or valid");
    }
    assertThatThrownBy(() -> Padding.parse("1:-2"))
        .hasMessageStartingWith("'1:-2': '-2' is negative;");
  }

  @Test
  void paddingCountMismatchAndSame() {
    assertThatThrownBy(() -> Padding.parse("1,2,3").expand(2, "--padding"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--padding: 3 values given but the input has 2 spatial axes");
    assertThatThrownBy(() -> Padding.SAME.expand(2, "--padding"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new Padding.Pair(-1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shellWords() {
    assertThat(ShellWords.split("  info a.npy   b.npy ")).containsExactly("info", "a.npy", "b.npy");
    assertThat(ShellWords.split("info 'my file.npy' \"x y.npy\""))
        .containsExactly("info", "my file.npy", "x y.npy");
    assertThat(ShellWords.split("a\\ b c'd'\"e\"")).containsExactly("a b", "cde");
    assertThat(ShellWords.split("say \"a \\\"q\\\" \\n\" 'it''s'"))
        .containsExactly("say", "a \"q\" \\n", "its");
    assertThat(ShellWords.split("info a.npy # trailing comment")).containsExactly("info", "a.npy");
    assertThat(ShellWords.split("info a#b.npy")).containsExactly("info", "a#b.npy");
    assertThat(ShellWords.split("   # only a comment")).isEmpty();
    assertThat(ShellWords.split("")).isEmpty();
    assertThat(ShellWords.split("x '' y")).containsExactly("x", "", "y");
    assertThatThrownBy(() -> ShellWords.split("info 'open"))
        .hasMessage("unterminated single quote at column 6");
    assertThatThrownBy(() -> ShellWords.split("info \"open"))
        .hasMessage("unterminated double quote at column 6");
    assertThatThrownBy(() -> ShellWords.split("info \\")).hasMessageContaining("backslash");
  }

  @Test
  void numbersPrintLikePython() {
    assertThat(Format.number(0.1, DType.FLOAT64)).isEqualTo("0.1");
    assertThat(Format.number(0.1, DType.FLOAT32)).isEqualTo("0.1");
    assertThat(Format.number(1 / 3.0, DType.FLOAT32)).isEqualTo("0.33333334");
    assertThat(Format.number(3, DType.FLOAT64)).isEqualTo("3.0");
    assertThat(Format.number(-0.0, DType.FLOAT64)).isEqualTo("-0.0");
    assertThat(Format.number(0.0, DType.FLOAT32)).isEqualTo("0.0");
    assertThat(Format.number(1e-5, DType.FLOAT64)).isEqualTo("1e-05");
    assertThat(Format.number(1e-4, DType.FLOAT64)).isEqualTo("0.0001");
    assertThat(Format.number(1.5e20, DType.FLOAT64)).isEqualTo("1.5e+20");
    assertThat(Format.number(1e16, DType.FLOAT64)).isEqualTo("1e+16");
    assertThat(Format.number(1234567890123456.0, DType.FLOAT64)).isEqualTo("1234567890123456.0");
    assertThat(Format.number(-2.5e-300, DType.FLOAT64)).isEqualTo("-2.5e-300");
    assertThat(Format.number(Double.NaN, DType.FLOAT64)).isEqualTo("nan");
    assertThat(Format.number(Double.NEGATIVE_INFINITY, DType.FLOAT32)).isEqualTo("-inf");
    assertThat(Format.number(1e300, DType.FLOAT32)).isEqualTo("inf");
    assertThat(Format.number(16777217.0, DType.FLOAT32)).isEqualTo("16777216.0");
    assertThat(Format.number(0.001, DType.FLOAT64)).isEqualTo("0.001");
    assertThat(Format.number(1e7, DType.FLOAT64)).isEqualTo("10000000.0");
    assertThat(Format.number(123.25, DType.FLOAT64)).isEqualTo("123.25");
    assertThat(Format.number(-1e-300, DType.FLOAT64)).isEqualTo("-1e-300");
    // Java picks the closer 2-digit decimal when 1 digit would do (Python: 5e-324): subnormals
    // only.
    assertThat(Format.number(Double.MIN_VALUE, DType.FLOAT64)).isEqualTo("4.9e-324");
    assertThat(Format.number(Float.MAX_VALUE, DType.FLOAT32)).isEqualTo("3.4028235e+38");
  }

  /** Python's repr of a finite non-zero value, computed the slow way, as the reference. */
  private static String pythonRepr(String javaRepr) {
    java.math.BigDecimal bd = new java.math.BigDecimal(javaRepr).stripTrailingZeros();
    String digits = bd.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - bd.scale();
    String sign = bd.signum() < 0 ? "-" : "";
    if (exp >= -4 && exp < 16) {
      String plain = bd.abs().toPlainString();
      return sign + plain + (plain.contains(".") ? "" : ".0");
    }
    String m = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
    return sign + m + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
  }

  @Test
  void numbersMatchTheReferenceOnRandomValues() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
    for (int i = 0; i < 20_000; i++) {
      double d = Double.longBitsToDouble(rnd.nextLong());
      if (Double.isFinite(d) && d != 0) {
        assertThat(Format.number(d, DType.FLOAT64))
            .as("%s", d)
            .isEqualTo(pythonRepr(Double.toString(d)));
      }
      float f = Float.intBitsToFloat(rnd.nextInt());
      if (Float.isFinite(f) && f != 0) {
        assertThat(Format.number(f, DType.FLOAT32))
            .as("%s", f)
            .isEqualTo(pythonRepr(Float.toString(f)));
      }
      // values near the fixed/scientific switch points and integers
      double near = Math.pow(10, rnd.nextInt(-7, 19)) * rnd.nextDouble(0.5, 20);
      assertThat(Format.number(near, DType.FLOAT64)).isEqualTo(pythonRepr(Double.toString(near)));
      double whole = rnd.nextLong(-1L << 55, 1L << 55);
      if (whole != 0) {
        assertThat(Format.number(whole, DType.FLOAT64))
            .isEqualTo(pythonRepr(Double.toString(whole)));
      }
    }
  }

  @Test
  void statsSkipNaNAndHandleInfinities() {
    ArrayStats s = ArrayStats.of(Tensor.of(new double[] {2, Double.NaN, -1, 5}, 4));
    assertThat(s).isEqualTo(new ArrayStats(4, 1, -1, 5, 2));
    ArrayStats inf = ArrayStats.of(Tensor.of(new double[] {1, Double.POSITIVE_INFINITY}, 2));
    assertThat(inf.mean()).isEqualTo(Double.POSITIVE_INFINITY);
    ArrayStats both =
        ArrayStats.of(
            Tensor.of(new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}, 2));
    assertThat(both.mean()).isNaN();
    assertThat(both.min()).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void meanIsAccumulatedAccurately() {
    // 1e8 followed by many 0.1s: naive float32 accumulation would lose every 0.1.
    float[] v = new float[100_001];
    v[0] = 1e8f;
    java.util.Arrays.fill(v, 1, v.length, 0.1f);
    double expected = (1e8 + 100_000 * (double) 0.1f) / v.length;
    assertThat(ArrayStats.of(Tensor.of(v, v.length)).mean())
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void outputDTypeRule() {
    Tensor f32 = Tensor.zeros(DType.FLOAT32, 2);
    Tensor f64 = Tensor.zeros(DType.FLOAT64, 2);
    assertThat(OutputDType.of(f32)).isEqualTo(DType.FLOAT32);
    assertThat(OutputDType.of(f32, f32)).isEqualTo(DType.FLOAT32);
    assertThat(OutputDType.of(f32, f64)).isEqualTo(DType.FLOAT64);
    assertThat(OutputDType.of(f64)).isEqualTo(DType.FLOAT64);
    assertThat(OutputDType.apply(f64, f32).dtype()).isEqualTo(DType.FLOAT32);
    assertThatThrownBy(OutputDType::of).isInstanceOf(IllegalArgumentException.class);
  }
}
