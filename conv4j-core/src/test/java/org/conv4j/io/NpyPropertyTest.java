package org.conv4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.conv4j.tensor.Tensor;

/**
 * Write→read through {@link Npy} is the identity, bit for bit, for random shapes of
 * rank 0..8 (including zero dimensions) and random values including NaN payloads, ±∞, −0.0 and
 * subnormals, in both dtypes.
 */
class NpyPropertyTest {
  @Property(tries = 200)
  void float64RoundTripIsBitExact(@ForAll("shapes") int[] shape, @ForAll("longSeeds") long seed)
      throws IOException {
    double[] v = new double[size(shape)];
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    for (int i = 0; i < v.length; i++) {
      v[i] = special(r) ? SPECIAL_D[r.nextInt(SPECIAL_D.length)] : Double.longBitsToDouble(r.nextLong());
    }
    Tensor back = roundTrip(Tensor.of(v, shape));
    assertThat(back.shape()).containsExactly(shape);
    double[] got = back.toDoubleArray();
    for (int i = 0; i < v.length; i++) {
      assertThat(Double.doubleToRawLongBits(got[i])).isEqualTo(Double.doubleToRawLongBits(v[i]));
    }
  }

  @Property(tries = 200)
  void float32RoundTripIsBitExact(@ForAll("shapes") int[] shape, @ForAll("longSeeds") long seed)
      throws IOException {
    float[] v = new float[size(shape)];
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    for (int i = 0; i < v.length; i++) {
      v[i] = special(r) ? SPECIAL_F[r.nextInt(SPECIAL_F.length)] : Float.intBitsToFloat(r.nextInt());
    }
    Tensor back = roundTrip(Tensor.of(v, shape));
    assertThat(back.shape()).containsExactly(shape);
    float[] got = back.toFloatArray();
    for (int i = 0; i < v.length; i++) {
      assertThat(Float.floatToRawIntBits(got[i])).isEqualTo(Float.floatToRawIntBits(v[i]));
    }
  }

  private static final double[] SPECIAL_D = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
      -0.0, 0.0, Double.MIN_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, 0.5, -1};
  private static final float[] SPECIAL_F = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
      -0.0f, 0.0f, Float.MIN_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL, 0.5f, -1};

  private static boolean special(java.util.SplittableRandom r) {
    return r.nextInt(4) == 0;
  }

  /** Writes to memory and reads back as a stream of unknown size (the growing-buffer path). */
  private static Tensor roundTrip(Tensor t) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Npy.write(out, t);
    Tensor a = Npy.read(new ByteArrayInputStream(out.toByteArray()), "prop", -1);
    assertThat(a.dtype()).isEqualTo(t.dtype());
    return a;
  }

  private static int size(int[] shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  @Provide
  Arbitrary<int[]> shapes() {
    return Arbitraries.integers().between(0, 8).flatMap(rank ->
        Arbitraries.integers().between(0, 4).array(int[].class).ofSize(rank)
            .filter(s -> size(s) <= 4096));
  }

  @Provide
  Arbitrary<Long> longSeeds() {
    return Arbitraries.longs().withoutEdgeCases();
  }
}
