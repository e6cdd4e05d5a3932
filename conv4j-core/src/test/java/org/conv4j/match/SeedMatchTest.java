package org.conv4j.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.conv4j.window.WindowOp;
import org.conv4j.window.WindowSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Seed 000 (SPEC §8.1): the 491×491 sliding MSD, bit for bit, by every route. */
class SeedMatchTest {
  static final String SHA = "8ce7b468beef3696f0ae9dbdf87552319c5fe618c0bd8d745e9c237b13fb89bc";

  static Tensor z() {
    double[] v = new double[500 * 500];
    for (int i = 0; i < 500; i++) {
      for (int j = 0; j < 500; j++) {
        v[i * 500 + j] = (3L * i * i + 5L * j * j + 7L * i * j + 11L * i + 13L * j) % 1009;
      }
    }
    return Tensor.of(v, 500, 500);
  }

  static Tensor x0(Tensor z) {
    return z.slice(0, 123, 133, 1).slice(1, 321, 331, 1);
  }

  static String sha256(Tensor m) throws Exception {
    double[] v = m.toDoubleArray();
    ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (double d : v) {
      b.putDouble(d);
    }
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
  }

  static void assertSeed(Tensor m) throws Exception {
    assertThat(m.shape()).containsExactly(491, 491);
    assertThat(m.dtype()).isEqualTo(DType.FLOAT64);
    assertThat(m.get(0, 0)).isEqualTo(124435.35);
    assertThat(m.get(0, 1)).isEqualTo(140277.2);
    assertThat(m.get(1, 0)).isEqualTo(133965.25);
    assertThat(m.get(490, 490)).isEqualTo(214851.59);
    assertThat(m.get(123, 320)).isEqualTo(132805.75);
    assertThat(m.get(122, 321)).isEqualTo(48674.05);
    assertThat(m.get(123, 321)).isEqualTo(0.0);
    assertThat(100 * m.get(250, 250)).isEqualTo(19374965.0);
    assertThat(m.max().item()).isEqualTo(371828.16);
    assertThat(m.mean().item()).isCloseTo(191368.796346622, org.assertj.core.data.Offset.offset(1e-9));
    double[] v = m.toDoubleArray();
    int zeros = 0;
    for (double d : v) {
      zeros += d == 0 ? 1 : 0;
    }
    assertThat(zeros).as("the zero is unique").isEqualTo(1);
    Peak best = TemplateMatch.best(m, Metric.MSD);
    assertThat(best.index()).containsExactly(123, 321);
    assertThat(best.score()).isEqualTo(0.0);
    assertThat(sha256(m)).isEqualTo(SHA);
  }

  @ParameterizedTest
  @EnumSource(value = MatchMethod.class, names = {"AUTO", "DIRECT", "DECOMPOSITION", "FFT"})
  void msdIsBitExactForEveryMethod(MatchMethod method) throws Exception {
    Tensor z = z();
    for (int threads : new int[] {1, 2, 3}) {
      assertSeed(TemplateMatch.match(z, x0(z), Metric.MSD, MatchOptions.defaults().method(method).threads(threads)));
    }
  }

  @Test
  void genericWindowOpWithTheMsdLambdaIsBitExact() throws Exception {
    Tensor z = z();
    double[] t = x0(z).toDoubleArray();
    Tensor m = WindowOp.apply(z, WindowSpec.size(10, 10).valid(), v -> {
      double s = 0;
      for (int i = 0; i < v.length; i++) {
        double d = v[i] - t[i];
        s += d * d;
      }
      return s / v.length;
    });
    assertSeed(m);
  }

  @Test
  void ndimageGeometryWithOriginMinus5CropsToTheSeed() throws Exception {
    Tensor z = z();
    double[] t = x0(z).toDoubleArray();
    Tensor m = WindowOp.apply(z, WindowSpec.size(10).mode("constant").origin(-5), v -> {
      double s = 0;
      for (int i = 0; i < v.length; i++) {
        double d = v[i] - t[i];
        s += d * d;
      }
      return s / v.length;
    });
    assertThat(m.shape()).containsExactly(500, 500);
    assertSeed(m.slice(0, 0, 491, 1).slice(1, 0, 491, 1).contiguous());
  }

  @Test
  void float32SeedFindsTheMatch() {
    Tensor z = z().to(DType.FLOAT32);
    Tensor auto = TemplateMatch.match(z, x0(z), Metric.MSD);
    Tensor direct = TemplateMatch.match(z, x0(z), Metric.MSD, MatchOptions.defaults().method(MatchMethod.DIRECT));
    assertThat(auto.dtype()).isEqualTo(DType.FLOAT32);
    assertThat(direct.get(123, 321)).as("direct float32: a perfect match is exactly 0").isEqualTo(0.0);
    assertThat(auto.get(123, 321)).as("float32 decomposition: ~1e-7·‖w − mean‖²/n").isLessThan(0.05);
    for (Tensor m : new Tensor[] {auto, direct}) {
      assertThat(TemplateMatch.best(m, Metric.MSD).index()).containsExactly(123, 321);
      assertThat(m.get(0, 0)).isCloseTo(124435.35, org.assertj.core.data.Offset.offset(0.05));
      assertThat(m.allClose(TemplateMatch.match(z().to(DType.FLOAT64), x0(z()), Metric.MSD).to(DType.FLOAT32),
          1e-5, 0.5, false)).as("float32 corr error ~1e-7·‖w − mean‖² ≈ 3 in SSD, 0.03 in MSD, at most 0.5").isTrue();
    }
  }
}
