package org.conv4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The row kernels of ROW_VECTOR. The direct one (the shared {@code SimdSlide.slideRows} over the
 * weight as {@link RowConv#coefficients} lays it out): its vector path equals its scalar twin
 * {@code SlidingConv.slideRows} bit for bit (one FMA chain per output in the same order), both
 * agree with {@link DirectConv} plus the bias on random supported
 * shapes (rows and columns not multiples of the block, so the overlapping last row block and
 * column vector run), a channel range writes only its channels, and unsupported shapes are refused.
 */
class RowConvTest {
  /** Values in [-1, 1]: a float32 FMA chain of {@code taps} products is within taps²·2⁻²³ of the exact sum (generous). */
  static double tolerance(int taps) {
    return (taps + 2) * 0x1.0p-23 * taps;
  }

  /** Random supported geometry: kh = 5, any kw, at least 8 output rows and columns. */
  static ConvShape shape(Random r) {
    int c = 1 + r.nextInt(4);
    int oc = 1 + r.nextInt(5);
    int kw = 1 + r.nextInt(6);
    int oh = 8 + r.nextInt(12);
    int ow = 8 + r.nextInt(14);
    return ConvShape.of(c, oc, 1, new int[] {oh + 4, ow + kw - 1}, new int[] {5, kw}, new int[] {oh, ow},
        new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
  }

  @Property(tries = 150)
  void vectorEqualsScalarBitwiseAndMatchesDirect(@ForAll long seed) {
    Random r = new Random(seed);
    ConvShape g = shape(r);
    assertThat(RowConv.supports(g)).isTrue();
    float[] x = SlidingConvTest.rand(r, g.inputSize() + 3);
    float[] w = SlidingConvTest.rand(r, g.weightSize() + 2);
    float[] bias = r.nextBoolean() ? SlidingConvTest.rand(r, g.oc() + 1) : null;

    float[] coef = RowConv.coefficients(g, w, 2, null);
    int[] colOff = RowConv.columnOffsets(g);
    float[] yScalar = new float[g.outputSize() + 2];
    RowConv.forward(g, x, 3, coef, colOff, yScalar, 2, 0, g.oc(), false);
    if (RowConv.vectorReady()) {
      float[] yVector = new float[g.outputSize() + 2];
      RowConv.forward(g, x, 3, coef, colOff, yVector, 2, 0, g.oc(), true);
      assertThat(yVector).isEqualTo(yScalar);
    }
    if (bias != null) {
      Bias.add(yScalar, 2, g.oc(), g.outputPlane(), bias, 1);
    }

    float[] yDirect = new float[g.outputSize() + 2];
    DirectConv.forward(g, x, 3, w, 2, yDirect, 2);
    int plane = g.outputPlane(), taps = g.cg() * g.kernelSize();
    for (int o = 0; o < g.oc(); o++) {
      for (int i = 0; i < plane; i++) {
        int k = 2 + o * plane + i;
        double expected = yDirect[k] + (bias == null ? 0 : bias[1 + o]);
        assertThat((double) yScalar[k]).as("y[%d]", k).isCloseTo(expected, Offset.offset(tolerance(taps + 1)));
      }
    }
    assertThat(yScalar[0]).isZero();
    assertThat(yScalar[1]).isZero();
  }

  @Property(tries = 60)
  void aChannelRangeWritesOnlyItsChannels(@ForAll long seed) {
    Random r = new Random(seed);
    ConvShape g = shape(r);
    float[] x = SlidingConvTest.rand(r, g.inputSize());
    float[] w = SlidingConvTest.rand(r, g.weightSize());
    float[] whole = new float[g.outputSize()];
    float[] coef = RowConv.coefficients(g, w, 0, null);
    int[] colOff = RowConv.columnOffsets(g);
    RowConv.forward(g, x, 0, coef, colOff, whole, 0, 0, g.oc());
    int o0 = r.nextInt(g.oc()), o1 = o0 + 1 + r.nextInt(g.oc() - o0);
    float[] part = new float[g.outputSize()];
    java.util.Arrays.fill(part, Float.NaN);
    RowConv.forward(g, x, 0, coef, colOff, part, 0, o0, o1);
    int plane = g.outputPlane();
    for (int i = 0; i < part.length; i++) {
      int o = i / plane;
      if (o >= o0 && o < o1) {
        assertThat(part[i]).as("[%d]", i).isEqualTo(whole[i]);
      } else {
        assertThat(part[i]).as("[%d]", i).isNaN();
      }
    }
  }

  @Test
  void unsupportedShapesAreRefusedWithTheRule() {
    ConvShape kernel3 = ConvShape.of(2, 2, 1, new int[] {10, 10}, new int[] {3, 3}, new int[] {8, 8},
        new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
    ConvShape fewRows = ConvShape.of(2, 2, 1, new int[] {11, 12}, new int[] {5, 5}, new int[] {7, 8},
        new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
    ConvShape narrow = ConvShape.of(2, 2, 1, new int[] {12, 11}, new int[] {5, 5}, new int[] {8, 7},
        new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
    ConvShape strided = ConvShape.of(2, 2, 1, new int[] {20, 20}, new int[] {5, 5}, new int[] {8, 8},
        new int[] {2, 2}, new int[] {0, 0}, new int[] {1, 1});
    ConvShape padded = ConvShape.of(2, 2, 1, new int[] {8, 8}, new int[] {5, 5}, new int[] {8, 8},
        new int[] {1, 1}, new int[] {2, 2}, new int[] {1, 1});
    ConvShape grouped = ConvShape.of(2, 2, 2, new int[] {12, 12}, new int[] {5, 5}, new int[] {8, 8},
        new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
    for (ConvShape g : new ConvShape[] {kernel3, fewRows, narrow, strided, padded, grouped}) {
      assertThat(RowConv.supports(g)).as(g.toString()).isFalse();
      float[] big = new float[4096];
      assertThatThrownBy(() -> RowConv.forward(g, big, 0, big, new int[g.kw()], new float[4096], 0, 0, g.oc()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("kh = 5").hasMessageContaining("oh >= 8").hasMessageContaining("got");
    }
    ConvShape lenet2 = ConvShape.of(20, 50, 1, new int[] {12, 12}, new int[] {5, 5}, new int[] {8, 8},
        new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
    assertThat(RowConv.supports(lenet2)).isTrue();
  }

  /** Random geometry of the row-Winograd variant: kh = kw = 5, ow a multiple of 8, at least 8 rows. */
  static ConvShape rowsShape(Random r, int maxC) {
    int c = 1 + r.nextInt(maxC);
    int oc = 1 + r.nextInt(5);
    int oh = 8 + r.nextInt(12);
    int ow = 8 * (1 + r.nextInt(3));
    return ConvShape.of(c, oc, 1, new int[] {oh + 4, ow + 4}, new int[] {5, 5}, new int[] {oh, ow},
        new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
  }

  /**
   * Row Winograd F(4, 5): the vector path equals the scalar twin bit for bit; both agree with
   * the exact sum (in double) within 2⁻²⁰·(1 + |b| + Σ|w·x|) (the transforms scale values by up to
   * 8, so the error is about 3× a direct float32 sum's: up to 3·10⁻⁵ absolute for 600-term sums of
   * values in [−1, 1]); a channel range writes only its channels.
   */
  @Property(tries = 120)
  void rowWinogradVectorEqualsScalarBitwiseAndMatchesDirect(@ForAll long seed) {
    Random r = new Random(seed);
    ConvShape g = rowsShape(r, r.nextInt(4) == 0 ? 24 : 4);
    assertThat(RowConv.rowsShape(g)).isTrue();
    float[] x = SlidingConvTest.rand(r, g.inputSize() + 3);
    float[] w = SlidingConvTest.rand(r, g.weightSize() + 2);
    float[] bias = r.nextBoolean() ? SlidingConvTest.rand(r, g.oc() + 1) : null;
    float[] u = RowConv.transformWeight(g, w, 2);
    RowConv.RowsScratch scratch = new RowConv.RowsScratch(g);

    float[] yScalar = new float[g.outputSize() + 2];
    RowConv.forwardRows(g, u, x, 3, bias, 1, yScalar, 2, 0, g.oc(), scratch, false);
    if (RowConv.winogradRows(g)) {
      float[] yVector = new float[g.outputSize() + 2];
      RowConv.forwardRows(g, u, x, 3, bias, 1, yVector, 2, 0, g.oc(), scratch, true);
      assertThat(yVector).isEqualTo(yScalar);
      int o0 = r.nextInt(g.oc()), o1 = o0 + 1 + r.nextInt(g.oc() - o0);
      float[] part = new float[g.outputSize() + 2];
      java.util.Arrays.fill(part, Float.NaN);
      RowConv.forwardRows(g, u, x, 3, bias, 1, part, 2, o0, o1, scratch, true);
      int plane = g.outputPlane();
      for (int i = 2; i < part.length; i++) {
        int o = (i - 2) / plane;
        if (o >= o0 && o < o1) {
          assertThat(part[i]).as("[%d]", i).isEqualTo(yScalar[i]);
        } else {
          assertThat(part[i]).as("[%d]", i).isNaN();
        }
      }
    }

    int plane = g.outputPlane(), ih = g.ih(), iw = g.iw(), c = g.c();
    for (int o = 0; o < g.oc(); o++) {
      for (int i = 0; i < plane; i++) {
        int rr = i / g.ow(), q = i % g.ow();
        double exact = bias == null ? 0 : bias[1 + o];
        double l1 = Math.abs(exact);
        for (int ic = 0; ic < c; ic++) {
          for (int k = 0; k < 5; k++) {
            for (int e = 0; e < 5; e++) {
              double t = (double) w[2 + ((o * c + ic) * 5 + k) * 5 + e] * x[3 + (ic * ih + rr + k) * iw + q + e];
              exact += t;
              l1 += Math.abs(t);
            }
          }
        }
        int at = 2 + o * plane + i;
        assertThat((double) yScalar[at]).as("y[%d]", at).isCloseTo(exact, Offset.offset(0x1.0p-20 * (1 + l1)));
      }
    }
    assertThat(yScalar[0]).isZero();
    assertThat(yScalar[1]).isZero();
  }

  @Test
  void rowWinogradRefusesOtherShapes() {
    ConvShape kw3 = ConvShape.of(2, 2, 1, new int[] {12, 10}, new int[] {5, 3}, new int[] {8, 8},
        new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
    ConvShape ow12 = ConvShape.of(2, 2, 1, new int[] {12, 16}, new int[] {5, 5}, new int[] {8, 12},
        new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
    for (ConvShape g : new ConvShape[] {kw3, ow12}) {
      assertThat(RowConv.rowsShape(g)).as(g.toString()).isFalse();
      assertThat(RowConv.winogradRows(g)).as(g.toString()).isFalse();
      float[] big = new float[4096];
      assertThatThrownBy(() -> RowConv.forwardRows(g, big, big, 0, null, 0, new float[4096], 0, 0, g.oc(),
          new RowConv.RowsScratch(g))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("kw = 5").hasMessageContaining("multiple of 8").hasMessageContaining("got");
    }
  }

  /**
   * Row Winograd weight gradient ({@link RowConv#weightRows}, {@link RowConv#weightCombine}): over
   * random blocks of examples (the last one short, at offsets inside the arrays) the vector path's
   * double partial equals the scalar twin's bit for bit; the combined {@code dw} agrees with the
   * exact sum (in double) within 2⁻²⁰·(1 + Σ|dy·x|), as the forward pass; splitting the batch into
   * two partials changes only the rounding.
   */
  @Property(tries = 80)
  void rowWinogradWeightVectorEqualsScalarBitwiseAndMatchesTheExactSum(@ForAll long seed) {
    Random r = new Random(seed);
    ConvShape g = rowsShape(r, r.nextInt(4) == 0 ? 12 : 4);
    RowConv.WeightScratch s = new RowConv.WeightScratch(g);
    int block = RowConv.weightBlockExamples(g);
    int n = 1 + r.nextInt(Math.min(2 * block + 1, 12));
    float[] x = SlidingConvTest.rand(r, n * g.inputSize() + 3);
    float[] dy = SlidingConvTest.rand(r, n * g.outputSize() + 2);
    int size = RowConv.weightPartialSize(g);
    double[] scalar = new double[size], vector = new double[size], first = new double[size], second = new double[size];
    int split = r.nextInt(n + 1);
    for (int e = 0; e < n; e += block) {
      int e1 = Math.min(n, e + block);
      RowConv.weightRows(g, s, x, 3, dy, 2, e, e1, scalar, false);
      if (RowConv.winogradRows(g)) {
        RowConv.weightRows(g, s, x, 3, dy, 2, e, e1, vector, true);
      }
    }
    for (int e = 0; e < split; e += block) {
      RowConv.weightRows(g, s, x, 3, dy, 2, e, Math.min(split, e + block), first);
    }
    for (int e = split; e < n; e += block) {
      RowConv.weightRows(g, s, x, 3, dy, 2, e, Math.min(n, e + block), second);
    }
    if (RowConv.winogradRows(g)) {
      assertThat(vector).isEqualTo(scalar);
    }
    float[] dw = new float[g.weightSize() + 1];
    float[] dwSplit = new float[g.weightSize() + 1];
    RowConv.weightCombine(g, new double[][] {scalar}, dw, 1);
    RowConv.weightCombine(g, new double[][] {first, second}, dwSplit, 1);
    assertThat(dw[0]).isZero();
    int c = g.c(), ih = g.ih(), iw = g.iw(), oh = g.oh(), ow = g.ow();
    for (int o = 0; o < g.oc(); o++) {
      for (int ic = 0; ic < c; ic++) {
        for (int k = 0; k < 5; k++) {
          for (int e = 0; e < 5; e++) {
            double exact = 0, l1 = 0;
            for (int ex = 0; ex < n; ex++) {
              for (int rr = 0; rr < oh; rr++) {
                for (int q = 0; q < ow; q++) {
                  double t = (double) dy[2 + ex * g.outputSize() + (o * oh + rr) * ow + q]
                      * x[3 + ex * g.inputSize() + (ic * ih + rr + k) * iw + q + e];
                  exact += t;
                  l1 += Math.abs(t);
                }
              }
            }
            int at = 1 + ((o * c + ic) * 5 + k) * 5 + e;
            assertThat((double) dw[at]).as("dw[%d]", at).isCloseTo(exact, Offset.offset(0x1.0p-20 * (1 + l1)));
            assertThat((double) dwSplit[at]).as("dw split at %d, [%d]", split, at)
                .isCloseTo(exact, Offset.offset(0x1.0p-20 * (1 + l1)));
          }
        }
      }
    }
  }

  @Test
  void rowWinogradWeightRefusesOtherShapesAndOversizedBlocks() {
    ConvShape ow12 = ConvShape.of(2, 2, 1, new int[] {12, 16}, new int[] {5, 5}, new int[] {8, 12},
        new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
    ConvShape lenet2 = ConvShape.of(20, 50, 1, new int[] {12, 12}, new int[] {5, 5}, new int[] {8, 8},
        new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
    RowConv.WeightScratch s = new RowConv.WeightScratch(lenet2);
    int block = RowConv.weightBlockExamples(lenet2);
    float[] big = new float[(block + 1) * lenet2.outputSize() * 2];
    double[] acc = new double[RowConv.weightPartialSize(lenet2)];
    assertThatThrownBy(() -> RowConv.weightRows(ow12, s, big, 0, big, 0, 0, 1, acc))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ow a multiple of 8").hasMessageContaining("got");
    assertThatThrownBy(() -> RowConv.weightRows(lenet2, s, big, 0, big, 0, 0, block + 1, acc))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.." + block + " examples")
        .hasMessageContaining("[0, " + (block + 1) + ")");
    assertThatThrownBy(() -> RowConv.weightRows(lenet2, s, big, 0, big, 0, 3, 3, acc))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("examples [3, 3)");
    ConvShape moreChannels = ConvShape.of(26, 50, 1, new int[] {12, 12}, new int[] {5, 5}, new int[] {8, 8},
        new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
    assertThatThrownBy(() -> RowConv.weightRows(moreChannels, s, big, 0, big, 0, 0, 1,
        new double[RowConv.weightPartialSize(moreChannels)]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another shape");
    assertThatThrownBy(() -> RowConv.weightRows(lenet2, s, big, 0, big, 0, 0, 1, new double[7]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 7");
  }

  /**
   * Row Winograd input gradient ({@link RowConv#inputGradRows}): the vector path equals the scalar
   * twin bit for bit, both add into {@code dx} (prefilled, with bytes around it left alone), and
   * the result agrees with the exact sum (in double) within 2⁻²⁰·(1 + |dx₀| + Σ|w·dy|), as the forward pass.
   */
  @Property(tries = 100)
  void rowWinogradInputVectorEqualsScalarBitwiseAndMatchesTheExactSum(@ForAll long seed) {
    Random r = new Random(seed);
    int c = 1 + r.nextInt(r.nextInt(4) == 0 ? 12 : 4), oc = 1 + r.nextInt(r.nextInt(4) == 0 ? 30 : 5);
    int oh = 4 * (2 + r.nextInt(3)), ow = 8 * (1 + r.nextInt(3));
    ConvShape g = ConvShape.of(c, oc, 1, new int[] {oh + 4, ow + 4}, new int[] {5, 5}, new int[] {oh, ow},
        new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
    float[] w = SlidingConvTest.rand(r, g.weightSize() + 2);
    float[] dy = SlidingConvTest.rand(r, g.outputSize() + 3);
    float[] dx0 = SlidingConvTest.rand(r, g.inputSize() + 4);
    float[] u = RowConv.transformWeight(g, w, 2);
    RowConv.InputScratch s = new RowConv.InputScratch(g);
    float[] scalar = dx0.clone();
    RowConv.inputGradRows(g, u, dy, 3, scalar, 2, s, false);
    if (RowConv.winogradInput(g)) {
      float[] vector = dx0.clone();
      RowConv.inputGradRows(g, u, dy, 3, vector, 2, s, true);
      assertThat(vector).isEqualTo(scalar);
    }
    assertThat(scalar[0]).isEqualTo(dx0[0]);
    assertThat(scalar[1]).isEqualTo(dx0[1]);
    assertThat(scalar[scalar.length - 2]).isEqualTo(dx0[dx0.length - 2]);
    assertThat(scalar[scalar.length - 1]).isEqualTo(dx0[dx0.length - 1]);
    int ih = g.ih(), iw = g.iw();
    for (int ic = 0; ic < c; ic++) {
      for (int row = 0; row < ih; row++) {
        for (int col = 0; col < iw; col++) {
          int at = 2 + (ic * ih + row) * iw + col;
          double exact = dx0[at], l1 = Math.abs(exact);
          for (int o = 0; o < oc; o++) {
            for (int k = 0; k < 5; k++) {
              for (int e = 0; e < 5; e++) {
                int rr = row - k, q = col - e;
                if (rr >= 0 && rr < oh && q >= 0 && q < ow) {
                  double t = (double) w[2 + ((o * c + ic) * 5 + k) * 5 + e] * dy[3 + (o * oh + rr) * ow + q];
                  exact += t;
                  l1 += Math.abs(t);
                }
              }
            }
          }
          assertThat((double) scalar[at]).as("dx[%d]", at).isCloseTo(exact, Offset.offset(0x1.0p-20 * (1 + l1)));
        }
      }
    }
  }

  @Test
  void rowWinogradInputRefusesOtherShapes() {
    ConvShape oh10 = ConvShape.of(2, 2, 1, new int[] {14, 12}, new int[] {5, 5}, new int[] {10, 8},
        new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
    ConvShape ow12 = ConvShape.of(2, 2, 1, new int[] {12, 16}, new int[] {5, 5}, new int[] {8, 12},
        new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
    for (ConvShape g : new ConvShape[] {oh10, ow12}) {
      assertThat(RowConv.winogradInput(g)).as(g.toString()).isFalse();
      float[] big = new float[4096];
      assertThatThrownBy(() -> RowConv.inputGradRows(g, big, big, 0, new float[4096], 0, new RowConv.InputScratch(g)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("oh a multiple of 4").hasMessageContaining("got");
    }
    ConvShape small = ConvShape.of(2, 2, 1, new int[] {12, 12}, new int[] {5, 5}, new int[] {8, 8},
        new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
    ConvShape large = ConvShape.of(2, 9, 1, new int[] {12, 12}, new int[] {5, 5}, new int[] {8, 8},
        new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
    float[] big = new float[4096];
    assertThatThrownBy(() -> RowConv.inputGradRows(large, big, big, 0, new float[4096], 0, new RowConv.InputScratch(small)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another shape");
  }
}
