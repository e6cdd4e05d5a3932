package org.conv4j.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** {@link Signal#chooseMethod} on the benchmark grid and at the extremes; every error's message. */
class SignalChoiceAndErrorsTest {
  private static Tensor zeros(int... shape) {
    return Tensor.zeros(DType.FLOAT64, shape);
  }

  @Test
  void chooseMethodIsSensibleOnTheGrid() {
    // Tiny problems and short kernels: direct. Long kernels on long signals: overlap-add.
    assertThat(Signal.chooseMethod(new int[] {100}, new int[] {10}, Mode.FULL)).isEqualTo(Method.DIRECT);
    assertThat(Signal.chooseMethod(new int[] {1_000_000}, new int[] {16}, Mode.FULL)).isEqualTo(Method.DIRECT);
    assertThat(Signal.chooseMethod(new int[] {1_000_000}, new int[] {256}, Mode.FULL)).isEqualTo(Method.OVERLAP_ADD);
    assertThat(Signal.chooseMethod(new int[] {1_000_000}, new int[] {4096}, Mode.FULL)).isEqualTo(Method.OVERLAP_ADD);
    assertThat(Signal.chooseMethod(new int[] {512, 512}, new int[] {3, 3}, Mode.FULL)).isEqualTo(Method.DIRECT);
    // 2-D 31²: the tiled overlap-add (measured 1.4–1.6× faster than one FFT); 9²: direct or tiles
    // (within 1.3× of each other, the choice depends on the thread count).
    assertThat(Signal.chooseMethod(new int[] {512, 512}, new int[] {9, 9}, Mode.FULL))
        .isIn(Method.DIRECT, Method.OVERLAP_ADD);
    assertThat(Signal.chooseMethod(new int[] {512, 512}, new int[] {31, 31}, Mode.FULL)).isEqualTo(Method.OVERLAP_ADD);
    // float32 (float kernels and transforms, their own costs): the same choices on the grid.
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      assertThat(Signal.chooseMethod(new int[] {1_000_000}, new int[] {16}, Mode.FULL, dt)).isEqualTo(Method.DIRECT);
      assertThat(Signal.chooseMethod(new int[] {1_000_000}, new int[] {256}, Mode.FULL, dt))
          .isEqualTo(Method.OVERLAP_ADD);
      assertThat(Signal.chooseMethod(new int[] {1_000_000}, new int[] {4096}, Mode.FULL, dt))
          .isEqualTo(Method.OVERLAP_ADD);
      assertThat(Signal.chooseMethod(new int[] {512, 512}, new int[] {3, 3}, Mode.FULL, dt)).isEqualTo(Method.DIRECT);
      // 9²: direct and the tiled overlap-add are within 1.3× of each other (the choice depends on the threads).
      assertThat(Signal.chooseMethod(new int[] {512, 512}, new int[] {9, 9}, Mode.FULL, dt))
          .isIn(Method.DIRECT, Method.OVERLAP_ADD);
      assertThat(Signal.chooseMethod(new int[] {512, 512}, new int[] {31, 31}, Mode.FULL, dt))
          .isEqualTo(Method.OVERLAP_ADD);
    }
    assertThat(Signal.chooseMethod(Tensor.zeros(DType.FLOAT32, 512, 512), Tensor.zeros(DType.FLOAT32, 9, 9), Mode.FULL))
        .isEqualTo(Signal.chooseMethod(new int[] {512, 512}, new int[] {9, 9}, Mode.FULL, DType.FLOAT32));
    // Comparable sizes: one FFT, not blocks.
    assertThat(Signal.chooseMethod(new int[] {4096, 4096}, new int[] {4000, 4000}, Mode.FULL)).isEqualTo(Method.FFT);
    assertThat(Signal.chooseMethod(new int[] {20_000}, new int[] {20_000}, Mode.FULL)).isEqualTo(Method.FFT);
    // A pure function: the same answer every time, and the Tensor overload agrees with the shape one.
    assertThat(Signal.chooseMethod(zeros(300), zeros(20), Mode.SAME))
        .isEqualTo(Signal.chooseMethod(new int[] {300}, new int[] {20}, Mode.SAME));
  }

  @Test
  void chooseMethodNeverPicksAMethodEstimatedFarSlower() {
    int[][] shapes1 = {{10}, {1000}, {100_000}, {64, 64}, {256, 256}, {20, 20, 20}};
    int[][] shapes2 = {{3}, {50}, {5000}, {3, 3}, {25, 25}, {5, 5, 5}};
    for (int i = 0; i < shapes1.length; i++) {
      int[] len = new int[shapes1[i].length];
      int[] start = new int[len.length];
      for (int d = 0; d < len.length; d++) {
        len[d] = shapes1[i][d] + shapes2[i][d] - 1;
      }
      CostModel.Estimate e = CostModel.estimate(shapes1[i], shapes2[i], len, start, 2);
      double best = Math.min(e.direct(), Math.min(e.fft(), e.overlapAdd()));
      Method m = e.best();
      double chosen = m == Method.DIRECT ? e.direct() : m == Method.FFT ? e.fft() : e.overlapAdd();
      assertThat(chosen).isEqualTo(best);
    }
  }

  @Test
  void rankMismatch() {
    assertThatThrownBy(() -> Signal.convolve(zeros(3, 4), zeros(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("convolve: in1 and in2 should have the same dimensionality: in1 has shape (3, 4) (rank 2), in2 has"
            + " shape (3,) (rank 1)");
  }

  @Test
  void validWithNeitherLarger() {
    assertThatThrownBy(() -> Signal.correlate(zeros(3, 5), zeros(4, 2), Mode.VALID))
        .hasMessage("correlate: for 'valid' mode, one must be at least as large as the other in every dimension: in1"
            + " has shape (3, 5), in2 has shape (4, 2)");
    assertThatThrownBy(() -> Signal.convolve2d(zeros(3, 5), zeros(4, 2), Mode.VALID, Boundary.FILL, 0))
        .hasMessageStartingWith("convolve2d: for 'valid' mode, one must be at least as large");
    // fftconvolve ignores size-1 axes in this check (SciPy's _init_freq_conv_axes); convolve does not.
    assertThatThrownBy(() -> Signal.convolve(zeros(1, 12), zeros(5, 3), Mode.VALID)).hasMessageContaining("valid");
    assertThat(Signal.fftconvolve(zeros(1, 12), zeros(5, 3), Mode.VALID).shape()).containsExactly(5, 10);
  }

  @Test
  void emptyInputs() {
    assertThatThrownBy(() -> Signal.convolve(zeros(0), zeros(3)))
        .hasMessage("convolve: inputs must not be empty, got shapes (0,) and (3,) (SciPy returns an empty array;"
            + " conv4j refuses a zero-size axis)");
  }

  @Test
  void badAxes() {
    assertThatThrownBy(() -> Signal.fftconvolve(zeros(3, 4), zeros(3, 2), Mode.FULL, 2))
        .hasMessage("fftconvolve: axes exceeds dimensionality of input: axis 2 for inputs of rank 2 (shapes (3, 4) and"
            + " (3, 2))");
    assertThatThrownBy(() -> Signal.fftconvolve(zeros(3, 4), zeros(3, 2), Mode.FULL, 1, -1))
        .hasMessage("fftconvolve: all axes must be unique: [1, -1]");
    assertThatThrownBy(() -> Signal.oaconvolve(zeros(3, 4), zeros(2, 2), Mode.FULL, 1))
        .hasMessage("oaconvolve: incompatible shapes for in1 and in2: (3, 4) and (2, 2): along axis 0, which is not"
            + " convolved, the sizes must be equal or one of them 1");
  }

  @Test
  void batchedShapes() {
    assertThatThrownBy(() -> Signal.convolveBatched(zeros(10, 9), zeros(9, 4), Mode.SAME, Method.AUTO))
        .hasMessage("batched convolution: x has 10 examples and h has 9 kernels; one kernel per example (or a single"
            + " shared one) is needed: x (10, 9), h (9, 4)");
    assertThatThrownBy(() -> Signal.convolveBatched(zeros(9), zeros(4), Mode.SAME, Method.AUTO))
        .hasMessageStartingWith("batched convolution needs x (B, n…) and h (B, k…) of the same rank ≥ 2");
  }

  @Test
  void twoDimensionalOnly() {
    assertThatThrownBy(() -> Signal.correlate2d(zeros(3), zeros(3), Mode.SAME, Boundary.WRAP, 0))
        .hasMessage("correlate2d inputs must both be 2-D arrays: in1 has shape (3,), in2 has shape (3,)");
  }

  @Test
  void vocabularies() {
    assertThat(Boundary.parse("circular")).isEqualTo(Boundary.WRAP);
    assertThat(Boundary.parse("symmetric")).isEqualTo(Boundary.SYMM);
    assertThat(Boundary.parse("pad")).isEqualTo(Boundary.FILL);
    assertThat(Method.parse("oa")).isEqualTo(Method.OVERLAP_ADD);
    assertThatThrownBy(() -> Boundary.parse("reflect")).hasMessageContaining("'symm' (or 'symmetric')");
    assertThatThrownBy(() -> Mode.parse("half")).hasMessage("acceptable mode flags are 'valid', 'same', or 'full'; got 'half'");
    assertThatThrownBy(() -> Method.parse("gemm")).hasMessageContaining("'auto', 'direct', 'fft' or 'oa'");
    assertThatThrownBy(() -> Signal.correlationLags(-1, 3, Mode.FULL)).hasMessageContaining("non-negative");
  }
}
