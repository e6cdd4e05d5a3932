package org.conv4j.nn.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.conv4j.nn.functional.ConvFixtures.assertExact;

import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The seed problems' numbers, exactly (SPEC §8.2–§8.5), in float32 and float64. */
class ConvSeedTest {
  static final double[] VALS = {2, 1, -3, -4, -4, 2, -3, 3, 1, 2, 2, 5, -6, 6, -2, -5, 4, 1, 5, 4, 0, 0, 1, -3, -4};
  static final double[] W0 = {
      0, 1, -1, 1, -1, 0, 0, 0, 0,
      1, 0, 0, 0, -1, 1, 1, 0, 1,
      1, -1, 0, -1, 0, -1, -1, 0, 1};
  static final double[] A = {
      2, 0, 2, 2, 2, 1, 1, 0, 2, 0, 0, 0, 1, 2, 2, 2, 2, 2, 0, 0, 1, 0, 1, 2, 0,
      1, 2, 1, 0, 1, 0, 2, 0, 0, 1, 0, 0, 2, 2, 1, 2, 0, 1, 0, 2, 0, 1, 2, 2, 2,
      0, 0, 2, 2, 2, 0, 1, 2, 1, 0, 0, 0, 0, 2, 0, 0, 2, 0, 0, 2, 0, 0, 2, 2, 1};
  /** The seed's printed 3×7×7 scatter-add. */
  static final double[] FULL = {
      0, 2, -1, -4, -1, 0, 4, 2, 1, -9, 5, -2, 5, -2, 2, -3, 9, -13, 13, -10, 2, 2, -2, -2, 9, -4, 1, -4,
      -5, 9, -3, 5, -5, -5, 4, 0, 0, 1, -4, -1, 4, 0, 0, 0, 0, 0, 0, 0, 0,
      2, 1, -3, -4, -4, 0, 0, 2, -5, 4, 5, 3, 0, -4, 4, 4, -2, -3, -7, -5, -2, -3, -1, 3, 14, -3, 9, 0,
      2, 10, -12, 11, -16, 7, 2, -5, 4, -4, 8, 9, 6, 0, 0, 0, 1, -3, -3, -3, -4,
      2, -1, -4, -1, 0, 4, 0, 0, -6, 7, 1, 8, 2, 4, -2, 5, -11, 19, -12, -3, -6, -9, 7, 0, -11, 8, -9, 4,
      3, -9, 13, -14, -10, 5, -6, 5, -4, -7, 2, 0, 8, 8, 0, 0, -1, 3, 5, -3, -4};
  /** The seed's printed 3×3×3 weight gradient. */
  static final double[] DW = {4, 56, 8, 1, -20, 1, 22, 12, 21, 7, 18, 21, 5, -22, 20, 35, 26, 33, 20, 13, 4, -25, 2, -26, -5, 15, 38};

  static Tensor t(DType dt, double[] v, int... shape) {
    return Tensor.of(v, shape).to(dt);
  }

  static double[] cropped() {
    double[] r = new double[75];
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < 5; i++) {
        for (int j = 0; j < 5; j++) {
          r[(c * 5 + i) * 5 + j] = FULL[(c * 7 + i + 1) * 7 + j + 1];
        }
      }
    }
    return r;
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void backwardCorrelationIsConvTranspose(DType dt) {
    Tensor vals = t(dt, VALS, 1, 1, 5, 5);
    Tensor w0 = t(dt, W0, 1, 3, 3, 3);
    Tensor full = ConvTranspose.convTranspose2d(vals, w0, null, ConvTransposeParams.defaults(2));
    assertExact("3×7×7 scatter-add", full, FULL, 1, 3, 7, 7);
    Tensor same = ConvTranspose.convTranspose2d(vals, w0, null, ConvTransposeParams.defaults(2).withPadding(1));
    assertExact("cropped 3×5×5", same, cropped(), 1, 3, 5, 5);
    assertThat(cropped()).startsWith(1, -9, 5, -2, 5, -3, 9, -13, 13, -10);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void croppedFormIsTheInputGradientAndTheWeightGradientMatches(DType dt) {
    Tensor a = t(dt, A, 1, 3, 5, 5);
    Tensor w0 = t(dt, W0, 1, 3, 3, 3);
    Tensor dy = t(dt, VALS, 1, 1, 5, 5);
    ConvParams p = ConvParams.defaults(2).withPadding(1);
    for (ConvAlgorithm alg : ConvAlgorithm.values()) {
      if (alg == ConvAlgorithm.POINTWISE_1X1 || alg == ConvAlgorithm.ROW_VECTOR) {
        continue; // neither supports a padded 3×3 kernel (resolve refuses them)
      }
      ConvGrads g = Conv.convBackward(a, w0, dy, p, GradMask.ALL, alg);
      assertExact("dx " + alg, g.dx(), cropped(), 1, 3, 5, 5);
      assertExact("dw " + alg, g.dw(), DW, 1, 3, 3, 3);
      assertExact("db (Σ vals) " + alg, g.db(), new double[] {5}, 1);
    }
    ConvGrads onlyW = Conv.convBackward(a, w0, dy, p, GradMask.WEIGHT);
    assertThat(onlyW.dx()).isNull();
    assertThat(onlyW.db()).isNull();
    assertExact("dw first slice", onlyW.dw().slice(1, 0, 1, 1).reshape(3, 3), new double[] {4, 56, 8, 1, -20, 1, 22, 12, 21}, 3, 3);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void toeplitzSameAndPerExampleKernels(DType dt) {
    Tensor x = t(dt, new double[] {0, 0, 1, 0, 0, 2, 0, 0, 0}, 9);
    Tensor h = t(dt, new double[] {0, 1, 2, 0}, 4);
    Tensor tm = ConvolutionMatrix.convolutionMatrix(h, 9, "same");
    assertExact("T @ x", tm.matmul(x), new double[] {0, 0, 1, 2, 0, 2, 4, 0, 0}, 9);
    assertExact("full", ConvolutionMatrix.convolutionMatrix(h, 9, "full").matmul(x), new double[] {0, 0, 0, 1, 2, 0, 2, 4, 0, 0, 0, 0}, 12);
    assertExact("valid", ConvolutionMatrix.convolutionMatrix(h, 9, "valid").matmul(x), new double[] {1, 2, 0, 2, 4, 0}, 6);
    // The DL form: F.conv1d(F.pad(x, (2, 1)), h.flip(0)) — a true convolution with padding (2, 1).
    ConvParams same = ConvParams.defaults(1).withPadding("2:1").withFlip(true);
    assertExact("conv1d", Conv.conv1d(x.reshape(1, 1, 9), h.reshape(1, 1, 4), null, same), new double[] {0, 0, 1, 2, 0, 2, 4, 0, 0}, 1, 1, 9);
    // padding='same' pads (1, 2) for k = 4: shifted one sample (SPEC §8.2).
    assertExact("padding same", Conv.conv1d(x.reshape(1, 1, 9), h.flip(0).reshape(1, 1, 4), null,
        ConvParams.defaults(1).withPadding("same")), new double[] {0, 1, 2, 0, 2, 4, 0, 0, 0}, 1, 1, 9);

    double[] xs = new double[90];
    double[] hs = new double[40];
    for (int b = 0; b < 10; b++) {
      for (int i = 0; i < 9; i++) {
        xs[b * 9 + i] = Math.floorMod(3 * b + 5 * i, 7) - 3;
      }
      for (int k = 0; k < 4; k++) {
        hs[b * 4 + k] = Math.floorMod(b + 2 * k, 5) - 2;
      }
    }
    Tensor bx = t(dt, xs, 10, 1, 9);
    Tensor bh = t(dt, hs, 10, 1, 1, 4);
    Tensor y = PerExampleConv.conv(bx, bh, null, same);
    Tensor y0 = y.slice(0, 0, 1, 1).reshape(9);
    Tensor y9 = y.slice(0, 9, 10, 1).reshape(9);
    assertExact("Y[0]", y0, new double[] {-4, -6, 11, -8, -6, 10, 5, -7, -5}, 9);
    assertExact("Y[9]", y9, new double[] {-1, 0, -10, 4, -3, 4, 4, -3, 6}, 9);
    // The same through the batched Toeplitz matrices: Y[b] = T_b @ X[b].
    Tensor tb = ConvolutionMatrix.convolutionMatrix(t(dt, hs, 10, 4), 9, "same");
    Tensor yt = tb.matmul(bx.reshape(10, 9, 1)).reshape(10, 1, 9);
    assertThat(yt.toDoubleArray()).containsExactly(y.toDoubleArray());
    Tensor oracle = ConvFixtures.array("seed_toeplitz__Y");
    assertThat(y.toDoubleArray()).containsExactly(oracle.toDoubleArray());
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void im2colExamples(DType dt) {
    double[] x1 = new double[16];
    for (int i = 0; i < 16; i++) {
      x1[i] = i - 5;
    }
    double[] w1 = new double[18];
    for (int i = 0; i < 18; i++) {
      w1[i] = i % 5 - 2;
    }
    Tensor x = t(dt, x1, 2, 8);
    Tensor cols = Unfold.unfold(x, UnfoldParams.of(3));
    Tensor xhat = cols.transpose();
    assertExact("Xhat rows 0-1", xhat.slice(0, 0, 2, 1), new double[] {-5, -4, -3, 3, 4, 5, -4, -3, -2, 4, 5, 6}, 2, 6);
    Tensor yy = xhat.matmul(t(dt, w1, 3, 6).transpose());
    assertExact("Y", yy, new double[] {15, -5, -20, 13, -6, -20, 11, -7, -20, 9, -8, -20, 7, -9, -20, 5, -10, -20}, 6, 3);
    assertThat(Conv.conv1d(x, t(dt, w1, 3, 2, 3), null, ConvParams.defaults(1)).toDoubleArray())
        .containsExactly(yy.transpose().contiguous().toDoubleArray());

    double[] x2 = new double[60];
    for (int i = 0; i < 60; i++) {
      x2[i] = (i * 7) % 11 - 5;
    }
    double[] w2 = new double[54];
    for (int i = 0; i < 54; i++) {
      w2[i] = (i * 5) % 7 - 3;
    }
    Tensor xx = t(dt, x2, 2, 5, 6);
    Tensor ww = t(dt, w2, 3, 2, 3, 3);
    Tensor out = ww.reshape(3, 18).matmul(Unfold.unfold(xx, UnfoldParams.of(3, 3))).reshape(3, 3, 4);
    double[] first = {41, -57, 21, -11, 3, 15, 5, -27, -57, 21, -11, -21};
    assertExact("out[0]", out.slice(0, 0, 1, 1).reshape(3, 4), first, 3, 4);
    assertThat(Conv.conv2d(xx, ww, null, ConvParams.defaults(2)).toDoubleArray()).containsExactly(out.toDoubleArray());
    // PyTorch unfold example: arange(12).view(1,1,3,4), kernel 2.
    assertExact("unfold arange", Unfold.unfold(Tensor.arange(dt, 12).reshape(1, 1, 3, 4), UnfoldParams.of(2, 2)),
        new double[] {0, 1, 2, 4, 5, 6, 1, 2, 3, 5, 6, 7, 4, 5, 6, 8, 9, 10, 5, 6, 7, 9, 10, 11}, 1, 4, 6);
    // Batched, stride (2, 1), padding 1, einsum('fk,nkl->nfl').
    Tensor bx = ConvFixtures.array("seed_im2col_batched__x").to(dt);
    Tensor bw = ConvFixtures.array("seed_im2col_batched__w").to(dt);
    UnfoldParams up = UnfoldParams.of(3, 3).withStride(2, 1).withPadding(1);
    assertThat(Unfold.unfold(bx, up).toDoubleArray()).containsExactly(ConvFixtures.array("seed_im2col_batched__cols").toDoubleArray());
    assertThat(Conv.conv2d(bx, bw, null, ConvParams.defaults(2).withStride(2, 1).withPadding(1)).toDoubleArray())
        .containsExactly(ConvFixtures.array("seed_im2col_batched__y").toDoubleArray());
  }

  @Test
  void theanoLayerWithFilterFlip() {
    double[] xs = new double[2 * 3 * 6 * 7];
    int i = 0;
    for (int n = 0; n < 2; n++) {
      for (int c = 0; c < 3; c++) {
        for (int h = 0; h < 6; h++) {
          for (int w = 0; w < 7; w++) {
            xs[i++] = ((7 * n + 5 * c + 3 * h + w) % 11 - 5) / 5.0;
          }
        }
      }
    }
    double[] ws = new double[4 * 3 * 3 * 3];
    i = 0;
    for (int o = 0; o < 4; o++) {
      for (int c = 0; c < 3; c++) {
        for (int u = 0; u < 3; u++) {
          for (int v = 0; v < 3; v++) {
            ws[i++] = ((3 * o + 2 * c + 5 * u + 7 * v) % 9 - 4) / 10.0;
          }
        }
      }
    }
    Tensor x = Tensor.of(xs, 2, 3, 6, 7);
    Tensor w = Tensor.of(ws, 4, 3, 3, 3);
    Tensor b = Tensor.of(new double[] {0.1, -0.2, 0.3, -0.4}, 4);
    ConvParams theano = ConvParams.defaults(2).withFlip(true);
    Tensor conv = Conv.conv2d(x, w, null, theano);
    assertThat(conv.shape()).containsExactly(2, 4, 4, 5);
    double[] c00 = conv.slice(0, 0, 1, 1).slice(1, 0, 1, 1).reshape(20).toDoubleArray();
    double[] expected = {-0.36, -0.54, -0.94, -0.02, -0.64, -0.02, -0.64, 0.06, -0.34, 0.58, -0.34, 0.58, 0.40, 1.10, 0.70,
        1.10, 0.70, -0.36, -0.54, -0.94};
    for (int k = 0; k < 20; k++) {
      assertThat(c00[k]).as("conv[0,0] flat %d", k).isCloseTo(expected[k], within(1e-12));
    }
    assertThat(conv.sum().item()).isCloseTo(-1.26, within(1e-12));
    Tensor h = Conv.conv2d(x, w, b, theano).tanh();
    assertThat(h.sum().item()).isCloseTo(-8.223683538352, within(1e-11));
    double[] h000 = {-0.2542955, -0.4136444, -0.6858091, 0.0798298, -0.4929880};
    for (int k = 0; k < 5; k++) {
      assertThat(h.get(0, 0, 0, k)).isCloseTo(h000[k], within(5e-8));
    }
    ConvFixtures.assertClose("h vs oracle", h, ConvFixtures.array("seed_theano__h"), ConvFixtures.F64_TOL);
    // Without the flip: the classic porting bug gives another first row.
    Tensor noFlip = Conv.conv2d(x, w);
    double[] row = noFlip.slice(0, 0, 1, 1).slice(1, 0, 1, 1).slice(2, 0, 1, 1).reshape(5).toDoubleArray();
    double[] bug = {1.08, 1.12, 0.72, -0.56, -1.62};
    for (int k = 0; k < 5; k++) {
      assertThat(row[k]).isCloseTo(bug[k], within(1e-12));
    }
    // float32 agrees to float32 precision.
    Tensor h32 = Conv.conv2d(x.to(DType.FLOAT32), w.to(DType.FLOAT32), b.to(DType.FLOAT32), theano).tanh();
    assertThat(h32.sum().item()).isCloseTo(-8.223683538352, within(1e-4));
  }
}
