package org.conv4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.conv4j.window.Geometry;
import org.junit.jupiter.api.Test;

/**
 * The per-axis window tables against the window definitions written out tap by tap: PyTorch's
 * {@code o·s − p + t·d} clipped to the input (SPEC §5.5) and Theano's {@code [j·st, min(j·st + ws, v))}
 * clipped to the real elements (SPEC §6.2).
 */
class PoolAxisTest {

  @Property(tries = 400)
  void torchTableListsTheInBoundsTapsInOrder(
      @ForAll @IntRange(min = 1, max = 12) int length,
      @ForAll @IntRange(min = 1, max = 5) int k,
      @ForAll @IntRange(min = 1, max = 4) int stride,
      @ForAll @IntRange(min = 0, max = 2) int padding,
      @ForAll @IntRange(min = 1, max = 3) int dilation,
      @ForAll boolean ceil) {
    Assume.that(padding <= k / 2 && length + 2 * padding >= dilation * (k - 1) + 1);
    int out = Geometry.poolOutputSize("axis", length, k, stride, padding, dilation, ceil);
    PoolAxis a = PoolAxis.torch(length, out, k, stride, padding, dilation);
    assertThat(a.outLength()).isEqualTo(out);
    assertThat(a.step()).isEqualTo(dilation);
    for (int o = 0; o < out; o++) {
      int start = o * stride - padding;
      List<Integer> want = new ArrayList<>();
      for (int t = 0; t < k; t++) {
        int pos = start + t * dilation;
        if (pos >= 0 && pos < length) {
          want.add(pos);
        }
      }
      List<Integer> got = new ArrayList<>();
      for (int t = 0; t < a.count()[o]; t++) {
        got.add(a.first()[o] + t * a.step());
      }
      assertThat(got).as("window %d", o).isEqualTo(want);
      assertThat(a.span()[o]).as("pool_size factor of window %d", o).isEqualTo(Math.min(start + k, length + padding) - start);
    }
  }

  @Property(tries = 400)
  void theanoTableClipsTheWindowToTheRealElements(
      @ForAll @IntRange(min = 1, max = 12) int length,
      @ForAll @IntRange(min = 1, max = 5) int ws,
      @ForAll @IntRange(min = 1, max = 4) int stride,
      @ForAll @IntRange(min = 0, max = 3) int pad,
      @ForAll boolean ignoreBorder) {
    Assume.that(pad < ws && (pad == 0 || ignoreBorder));
    int out = Geometry.theanoPoolOutputSize("axis", length, ws, stride, pad, ignoreBorder);
    Assume.that(out > 0);
    PoolAxis a = PoolAxis.theano(length, out, ws, stride, pad);
    int v = length + 2 * pad;
    for (int j = 0; j < out; j++) {
      int start = j * stride;
      int end = Math.min(start + ws, v);
      List<Integer> want = new ArrayList<>();
      for (int q = start; q < end; q++) {
        if (q >= pad && q < v - pad) {
          want.add(q - pad);
        }
      }
      List<Integer> got = new ArrayList<>();
      for (int t = 0; t < a.count()[j]; t++) {
        got.add(a.first()[j] + t);
      }
      assertThat(got).as("window %d", j).isEqualTo(want).isNotEmpty();
      assertThat(a.span()[j]).isEqualTo(end - start);
    }
  }

  @Test
  void unitAxisReadsItsOnlyElement() {
    PoolAxis u = PoolAxis.unit();
    assertThat(u.inLength()).isEqualTo(1);
    assertThat(u.count()).containsExactly(1);
    assertThat(u).isEqualTo(PoolAxis.unit());
  }
}
