package org.conv4j.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link PadMode}: the index map against the patterns of the class documentation and SPEC §7
 * (literally, as strings), periodicity far from the border, and the mode vocabularies of NumPy,
 * SciPy and PyTorch. The NumPy values of {@code np.pad} itself, including pads wider than the
 * axis, are checked through {@code Tensor.pad} by the tensor oracle fixtures.
 */
class PadModeTest {

  /** The letters of "abcd" (n = 4) that mode maps positions -left .. n+right-1 to, with '|' borders. */
  static String pattern(PadMode mode, String s, int left, int right) {
    int n = s.length();
    StringBuilder b = new StringBuilder();
    for (int k = -left; k < n + right; k++) {
      if (k == 0 || k == n) {
        b.append('|');
      }
      int i = mode.index(k, n);
      b.append(i < 0 ? 'k' : s.charAt(i));
    }
    return b.toString();
  }

  @Test
  void patternsOfTheDocumentation() {
    // SPEC §7 / the PadMode Javadoc table.
    assertThat(pattern(PadMode.CONSTANT, "abcd", 2, 2)).isEqualTo("kk|abcd|kk");
    assertThat(pattern(PadMode.SYMMETRIC, "abcd", 4, 4)).isEqualTo("dcba|abcd|dcba");
    assertThat(pattern(PadMode.REFLECT, "abcd", 3, 3)).isEqualTo("dcb|abcd|cba");
    assertThat(pattern(PadMode.EDGE, "abcd", 3, 3)).isEqualTo("aaa|abcd|ddd");
    assertThat(pattern(PadMode.WRAP, "abcd", 4, 4)).isEqualTo("abcd|abcd|abcd");
  }

  @Test
  void widerThanTheAxisKeepsMirroring() {
    // "".join("abc"[i] for i in np.pad(np.arange(3), 7, mode)) with NumPy 2.4, borders added.
    assertThat(pattern(PadMode.REFLECT, "abc", 7, 7)).isEqualTo("bcbabcb|abc|babcbab");
    assertThat(pattern(PadMode.SYMMETRIC, "abc", 7, 7)).isEqualTo("aabccba|abc|cbaabcc");
    assertThat(pattern(PadMode.WRAP, "abc", 7, 7)).isEqualTo("cabcabc|abc|abcabca");
    assertThat(pattern(PadMode.EDGE, "abc", 7, 7)).isEqualTo("aaaaaaa|abc|ccccccc");
    // A single sample: reflect has nothing to mirror and repeats it, as np.pad does.
    assertThat(pattern(PadMode.REFLECT, "a", 3, 3)).isEqualTo("aaa|a|aaa");
    assertThat(pattern(PadMode.SYMMETRIC, "a", 3, 3)).isEqualTo("aaa|a|aaa");
  }

  @Test
  void extensionsArePeriodicAndDefinedFarAway() {
    for (int n = 1; n <= 6; n++) {
      long[] far = {-3_000_000_000L, -1_000_000_007L, 2_000_000_011L, Long.MAX_VALUE / 4};
      for (long k : far) {
        int w = PadMode.WRAP.index(k, n);
        assertThat(w).isEqualTo((int) Math.floorMod(k, (long) n));
        assertThat(PadMode.SYMMETRIC.index(k, n)).isEqualTo(PadMode.SYMMETRIC.index(Math.floorMod(k, 2L * n), n));
        int period = Math.max(2 * n - 2, 1);
        assertThat(PadMode.REFLECT.index(k, n)).isEqualTo(PadMode.REFLECT.index(Math.floorMod(k, (long) period), n));
        assertThat(PadMode.EDGE.index(k, n)).isEqualTo(k < 0 ? 0 : n - 1);
        assertThat(PadMode.CONSTANT.index(k, n)).isEqualTo(-1);
      }
      for (PadMode m : PadMode.values()) {
        for (int k = 0; k < n; k++) {
          assertThat(m.index(k, n)).isEqualTo(k);
        }
        for (int k = -5 * n; k < 6 * n; k++) {
          int i = m.index(k, n);
          assertThat(i).isBetween(m == PadMode.CONSTANT ? -1 : 0, n - 1);
        }
      }
    }
  }

  @Test
  void vocabularies() {
    Map<String, PadMode> numpy = Map.of("constant", PadMode.CONSTANT, "reflect", PadMode.REFLECT,
        "symmetric", PadMode.SYMMETRIC, "edge", PadMode.EDGE, "wrap", PadMode.WRAP);
    numpy.forEach((k, v) -> assertThat(PadMode.numpy(k)).isEqualTo(v));
    // SciPy ndimage's 'reflect' is NumPy's 'symmetric'; its 'mirror' is NumPy's 'reflect'.
    Map<String, PadMode> ndimage = Map.of("reflect", PadMode.SYMMETRIC, "grid-mirror", PadMode.SYMMETRIC,
        "mirror", PadMode.REFLECT, "nearest", PadMode.EDGE, "wrap", PadMode.WRAP, "grid-wrap", PadMode.WRAP,
        "constant", PadMode.CONSTANT, "grid-constant", PadMode.CONSTANT);
    ndimage.forEach((k, v) -> assertThat(PadMode.scipyNdimage(k)).isEqualTo(v));
    Map<String, PadMode> signal = Map.of("fill", PadMode.CONSTANT, "pad", PadMode.CONSTANT, "wrap", PadMode.WRAP,
        "circular", PadMode.WRAP, "symm", PadMode.SYMMETRIC, "symmetric", PadMode.SYMMETRIC);
    signal.forEach((k, v) -> assertThat(PadMode.scipySignal2d(k)).isEqualTo(v));
    Map<String, PadMode> torch = Map.of("zeros", PadMode.CONSTANT, "constant", PadMode.CONSTANT,
        "reflect", PadMode.REFLECT, "replicate", PadMode.EDGE, "circular", PadMode.WRAP);
    torch.forEach((k, v) -> assertThat(PadMode.torch(k)).isEqualTo(v));
    assertThat(PadMode.numpy(" Reflect ")).isEqualTo(PadMode.REFLECT);
    assertThatThrownBy(() -> PadMode.scipySignal2d("reflect"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scipy.signal boundary")
        .hasMessageContaining("'reflect'");
    assertThatThrownBy(() -> PadMode.torch("symmetric")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PadMode.scipyNdimage(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
  }
}
