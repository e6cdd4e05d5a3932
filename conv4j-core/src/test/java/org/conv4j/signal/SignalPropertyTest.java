package org.conv4j.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Properties over random shapes (primes included): FFT and overlap-add agree with direct to 1e-10
 * relative in float64 (the bar), SIMD equals the scalar twin bit for bit (float64 and
 * float32 row kernels, one row and two rows at a time), float32 direct sums stay within
 * {@code F32_DIRECT_REL_TOL} of float64 sums, the result does
 * not depend on the thread count, rank-one 2-D kernels (two 1-D passes) agree with the full sum,
 * and the {@code valid}-window FFT length trick never wraps.
 */
class SignalPropertyTest {
  /** FFT paths vs direct, relative to the largest output magnitude: the bar. */
  private static final double FFT_REL_TOL = 1e-10;

  static Tensor rand(SplittableRandom r, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    return Tensor.of(r.doubles(n, -1, 1).toArray(), shape);
  }

  static double relErr(Tensor a, Tensor b) {
    double[] x = a.toDoubleArray();
    double[] y = b.toDoubleArray();
    double scale = 1e-300;
    double err = 0;
    for (int i = 0; i < x.length; i++) {
      scale = Math.max(scale, Math.abs(y[i]));
      err = Math.max(err, Math.abs(x[i] - y[i]));
    }
    return err / scale;
  }

  @Test
  void fftAndOverlapAddMatchDirectOnRandomShapes() {
    SplittableRandom r = new SplittableRandom(2025);
    int[] primes = {1, 2, 3, 5, 7, 11, 13, 17, 31, 61, 97, 127, 257, 509, 1021};
    for (int trial = 0; trial < 40; trial++) {
      int rank = 1 + trial % 3;
      int[] s1 = new int[rank];
      int[] s2 = new int[rank];
      for (int d = 0; d < rank; d++) {
        int cap = rank == 1 ? 2000 : rank == 2 ? 60 : 14;
        s1[d] = r.nextBoolean() ? primes[r.nextInt(primes.length)] : 1 + r.nextInt(cap);
        s1[d] = Math.min(s1[d], cap);
        s2[d] = 1 + r.nextInt(Math.max(1, rank == 1 ? 300 : s1[d] + 3));
      }
      Tensor a = rand(r, s1);
      Tensor b = rand(r, s2);
      for (Mode mode : Mode.values()) {
        boolean big1 = true;
        boolean big2 = true;
        for (int d = 0; d < rank; d++) {
          big1 &= s1[d] >= s2[d];
          big2 &= s2[d] >= s1[d];
        }
        if (mode == Mode.VALID && !big1 && !big2) {
          continue;
        }
        Tensor direct = Signal.convolve(a, b, mode, Method.DIRECT);
        for (Method m : new Method[] {Method.FFT, Method.OVERLAP_ADD}) {
          Tensor got = Signal.convolve(a, b, mode, m);
          assertThat(got.shape()).containsExactly(direct.shape());
          assertThat(relErr(got, direct)).as("%s %s %s %s", m, mode, Signal.shape(s1), Signal.shape(s2))
              .isLessThanOrEqualTo(FFT_REL_TOL);
        }
      }
    }
  }

  @Test
  void longOverlapAddMatchesDirect() {
    SplittableRandom r = new SplittableRandom(9);
    for (int k : new int[] {16, 255, 1000}) {
      Tensor a = rand(r, 30_011);
      Tensor b = rand(r, k);
      for (Mode mode : Mode.values()) {
        assertThat(relErr(Signal.convolve(a, b, mode, Method.OVERLAP_ADD), Signal.convolve(a, b, mode, Method.DIRECT)))
            .isLessThanOrEqualTo(FFT_REL_TOL);
      }
    }
    Tensor img = rand(r, 300, 257);
    Tensor ker = rand(r, 21, 13);
    assertThat(relErr(Signal.convolve(img, ker, Mode.SAME, Method.OVERLAP_ADD), Signal.convolve(img, ker, Mode.SAME,
        Method.DIRECT))).isLessThanOrEqualTo(FFT_REL_TOL);
  }

  @Test
  void simdRowKernelEqualsScalarTwinBitForBit() {
    SplittableRandom r = new SplittableRandom(4);
    for (int trial = 0; trial < 50; trial++) {
      int n = 1 + r.nextInt(100);
      int kLast = 1 + r.nextInt(20);
      int nrel = 1 + r.nextInt(4);
      double[] x = r.doubles(n + kLast + 200, -1, 1).toArray();
      double[] k = r.doubles(nrel * kLast, -1, 1).toArray();
      int[] rel = new int[nrel];
      for (int q = 0; q < nrel; q++) {
        rel[q] = r.nextInt(100);
      }
      double[] a = new double[n];
      double[] b = new double[n];
      DirectKernel.correlateRow(x, 3, rel, nrel, k, kLast, a, 0, n);
      DirectKernel.correlateRowScalar(x, 3, rel, nrel, k, kLast, b, 0, n);
      assertThat(a).containsExactly(b);
    }
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    SplittableRandom r = new SplittableRandom(5);
    Tensor a = rand(r, 100_000);
    Tensor b = rand(r, 300);
    Tensor img = rand(r, 130, 120);
    Tensor ker = rand(r, 7, 9);
    Tensor[] multi = new Tensor[4];
    multi[0] = Signal.convolve(a, b, Mode.FULL, Method.OVERLAP_ADD);
    multi[1] = Signal.convolve(a, b, Mode.SAME, Method.DIRECT);
    multi[2] = Signal.convolve(img, ker, Mode.FULL, Method.FFT);
    multi[3] = Signal.convolve(img, ker, Mode.VALID, Method.DIRECT);
    Tensor[] single = org.conv4j.runtime.Parallelism.withThreads(1, () -> new Tensor[] {
        Signal.convolve(a, b, Mode.FULL, Method.OVERLAP_ADD),
        Signal.convolve(a, b, Mode.SAME, Method.DIRECT),
        Signal.convolve(img, ker, Mode.FULL, Method.FFT),
        Signal.convolve(img, ker, Mode.VALID, Method.DIRECT)});
    Tensor[] three = org.conv4j.runtime.Parallelism.withThreads(3, () -> new Tensor[] {
        Signal.convolve(a, b, Mode.FULL, Method.OVERLAP_ADD),
        Signal.convolve(a, b, Mode.SAME, Method.DIRECT),
        Signal.convolve(img, ker, Mode.FULL, Method.FFT),
        Signal.convolve(img, ker, Mode.VALID, Method.DIRECT)});
    for (int i = 0; i < 4; i++) {
      assertThat(three[i].toDoubleArray()).as("case %d, 3 threads", i).containsExactly(multi[i].toDoubleArray());
    }
    for (int i = 0; i < 4; i++) {
      assertThat(single[i].toDoubleArray()).as("case %d", i).containsExactly(multi[i].toDoubleArray());
    }
  }

  @Test
  void rankOneKernelsRunAsTwoPassesAndAgree() {
    SplittableRandom r = new SplittableRandom(6);
    double[] u = r.doubles(9, -1, 1).toArray();
    double[] v = r.doubles(7, -1, 1).toArray();
    double[] k = new double[63];
    for (int i = 0; i < 9; i++) {
      for (int j = 0; j < 7; j++) {
        k[i * 7 + j] = u[i] * v[j];
      }
    }
    assertThat(Engine.rankOne(k, 9, 7)).isNotNull();
    double[] k2 = k.clone();
    k2[10] += 1e-6;
    assertThat(Engine.rankOne(k2, 9, 7)).isNull();
    Tensor img = rand(r, 40, 50);
    Tensor sep = Tensor.of(k, 9, 7);
    Tensor fft = Signal.convolve(img, sep, Mode.SAME, Method.FFT);
    assertThat(relErr(Signal.convolve(img, sep, Mode.SAME, Method.DIRECT), fft)).isLessThanOrEqualTo(1e-12);
  }

  @Test
  void float32DirectAccumulatesInFloatAsSciPy() {
    // 1 + 63 terms of 1e-8: SciPy's float32 direct path sums in C float, where each small term
    // vanishes against 1 (half an ulp of 1f is 6e-8); so does conv4j's.
    float[] x = new float[64];
    x[0] = 1f;
    for (int i = 1; i < 64; i++) {
      x[i] = 1e-8f;
    }
    Tensor a = Tensor.of(x, 64);
    Tensor ones = Tensor.ones(DType.FLOAT32, 64);
    Tensor y = Signal.convolve(a, ones, Mode.VALID, Method.DIRECT);
    assertThat(y.dtype()).isEqualTo(DType.FLOAT32);
    assertThat(y.toDoubleArray()[0]).isEqualTo(1.0);
  }

  /** float32 direct vs the float64 sum of the same (float32) inputs: a few float ulps of Σ|terms|. */
  private static final double F32_DIRECT_REL_TOL = 1e-6;

  @Test
  void float32DirectIsCloseToTheFloat64SumAndThreadInvariant() {
    SplittableRandom r = new SplittableRandom(12);
    int[][][] shapes = {{{10_007}, {16}}, {{5000}, {255}}, {{77}, {300}}, {{130, 121}, {9, 9}}, {{64, 70}, {3, 3}},
        {{40, 33}, {1, 7}}, {{17, 19, 13}, {3, 2, 5}}, {{50, 61}, {31, 31}}};
    for (int[][] sh : shapes) {
      Tensor a = rand(r, sh[0]).to(DType.FLOAT32);
      Tensor b = rand(r, sh[1]).to(DType.FLOAT32);
      for (Mode mode : Mode.values()) {
        if (mode == Mode.VALID && sh[0][0] < sh[1][0]) {
          continue;
        }
        Tensor got = Signal.convolve(a, b, mode, Method.DIRECT);
        assertThat(got.dtype()).isEqualTo(DType.FLOAT32);
        Tensor ref = Signal.convolve(a.to(DType.FLOAT64), b.to(DType.FLOAT64), mode, Method.DIRECT);
        assertThat(relErr(got, ref)).as("%s %s %s", Signal.shape(sh[0]), Signal.shape(sh[1]), mode)
            .isLessThanOrEqualTo(F32_DIRECT_REL_TOL);
        for (int threads : new int[] {1, 3}) {
          Tensor other = org.conv4j.runtime.Parallelism.withThreads(threads,
              () -> Signal.convolve(a, b, mode, Method.DIRECT));
          assertThat(other.toFloatArray()).as("%d threads", threads).containsExactly(got.toFloatArray());
        }
        for (Method m : new Method[] {Method.FFT, Method.OVERLAP_ADD}) {
          Tensor f = Signal.convolve(a, b, mode, m);
          assertThat(f.dtype()).isEqualTo(DType.FLOAT32);
          assertThat(relErr(f, ref)).as("%s %s %s %s", m, Signal.shape(sh[0]), Signal.shape(sh[1]), mode)
              .isLessThanOrEqualTo(F32_FFT_REL_TOL);
          for (int threads : new int[] {1, 3}) {
            Tensor other = org.conv4j.runtime.Parallelism.withThreads(threads, () -> Signal.convolve(a, b, mode, m));
            assertThat(other.toFloatArray()).as("%s, %d threads", m, threads).containsExactly(f.toFloatArray());
          }
        }
      }
    }
  }

  /**
   * float32 FFT and overlap-add (float32 transforms, as SciPy's) vs the float64 sum of the same
   * inputs, relative to the largest output: float32 rounding in each of the {@code log F} passes.
   * SciPy's float32 {@code fftconvolve} has errors of the same size.
   */
  private static final double F32_FFT_REL_TOL = 1e-5;

  /**
   * The 2-D tiled overlap-add ({@code Engine.overlapAdd2d}, {@code FloatEngine.overlapAdd2d}) on
   * shapes that take several rows and columns of tiles, every mode, both operand orders: within
   * 1e-10 of direct in float64 (tiled ≡ one whole FFT within the same bound), within
   * {@code F32_FFT_REL_TOL} of the float64 sum in float32, and the same bits on 1, 2 and 3 threads.
   */
  @Test
  void tiledOverlapAdd2dMatchesDirectAndIsThreadInvariant() {
    SplittableRandom r = new SplittableRandom(14);
    int[][][] shapes = {{{400, 300}, {9, 13}}, {{130, 401}, {5, 40}}, {{300, 257}, {21, 13}}, {{97, 61}, {19, 23}},
        {{77, 64}, {2, 3}}, {{19, 23}, {61, 97}}};
    for (int[][] sh : shapes) {
      int[] f = Engine.tileLengths(sh[0][0] >= sh[1][0] ? sh[0] : sh[1], sh[0][0] >= sh[1][0] ? sh[1] : sh[0]);
      Tensor a = rand(r, sh[0]);
      Tensor b = rand(r, sh[1]);
      Tensor af = a.to(DType.FLOAT32);
      Tensor bf = b.to(DType.FLOAT32);
      for (Mode mode : Mode.values()) {
        if (mode == Mode.VALID && sh[0][0] < sh[1][0]) {
          continue;
        }
        String what = Signal.shape(sh[0]) + " " + Signal.shape(sh[1]) + " " + mode + " tiles " + Signal.shape(f);
        Tensor direct = Signal.convolve(a, b, mode, Method.DIRECT);
        Tensor oa = Signal.convolve(a, b, mode, Method.OVERLAP_ADD);
        assertThat(relErr(oa, direct)).as(what).isLessThanOrEqualTo(FFT_REL_TOL);
        assertThat(relErr(oa, Signal.convolve(a, b, mode, Method.FFT))).as(what).isLessThanOrEqualTo(FFT_REL_TOL);
        Tensor ref = Signal.convolve(af.to(DType.FLOAT64), bf.to(DType.FLOAT64), mode, Method.DIRECT);
        Tensor oaf = Signal.convolve(af, bf, mode, Method.OVERLAP_ADD);
        assertThat(oaf.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(relErr(oaf, ref)).as(what).isLessThanOrEqualTo(F32_FFT_REL_TOL);
        for (int threads : new int[] {1, 2, 3}) {
          Tensor o64 = org.conv4j.runtime.Parallelism.withThreads(threads,
              () -> Signal.convolve(a, b, mode, Method.OVERLAP_ADD));
          assertThat(o64.toDoubleArray()).as("%s, %d threads", what, threads).containsExactly(oa.toDoubleArray());
          Tensor o32 = org.conv4j.runtime.Parallelism.withThreads(threads,
              () -> Signal.convolve(af, bf, mode, Method.OVERLAP_ADD));
          assertThat(o32.toFloatArray()).as("%s, %d threads", what, threads).containsExactly(oaf.toFloatArray());
        }
      }
    }
    // Several tile rows and columns at least once.
    int[] f = Engine.tileLengths(new int[] {400, 300}, new int[] {9, 13});
    assertThat(f[0]).isLessThan(400 / 2);
    assertThat(f[1]).isLessThan(300);
    assertThat(Engine.tileLengths(new int[] {130, 401}, new int[] {5, 40})[0]).isLessThan(130 / 2);
  }

  @Test
  void float32FftOnLongSignals() {
    SplittableRandom r = new SplittableRandom(13);
    for (int k : new int[] {16, 256, 4096}) {
      Tensor a = rand(r, 200_003).to(DType.FLOAT32);
      Tensor b = rand(r, k).to(DType.FLOAT32);
      Tensor ref = Signal.convolve(a.to(DType.FLOAT64), b.to(DType.FLOAT64), Mode.FULL, Method.OVERLAP_ADD);
      for (Method m : new Method[] {Method.FFT, Method.OVERLAP_ADD}) {
        assertThat(relErr(Signal.convolve(a, b, Mode.FULL, m), ref)).as("%s %d", m, k)
            .isLessThanOrEqualTo(F32_FFT_REL_TOL);
      }
    }
    Tensor img = rand(r, 512, 512).to(DType.FLOAT32);
    Tensor ker = rand(r, 31, 31).to(DType.FLOAT32);
    Tensor ref = Signal.convolve(img.to(DType.FLOAT64), ker.to(DType.FLOAT64), Mode.FULL, Method.FFT);
    for (Method m : new Method[] {Method.FFT, Method.OVERLAP_ADD, Method.DIRECT}) {
      assertThat(relErr(Signal.convolve(img, ker, Mode.FULL, m), ref)).as("%s 2-D", m)
          .isLessThanOrEqualTo(F32_FFT_REL_TOL);
    }
  }

  @Test
  void simdFloatAndTwoRowKernelsEqualScalarTwinsBitForBit() {
    SplittableRandom r = new SplittableRandom(8);
    for (int trial = 0; trial < 60; trial++) {
      int n = 1 + r.nextInt(100);
      int kLast = 1 + r.nextInt(20);
      int nrel = 1 + r.nextInt(5);
      int stride = n + kLast + r.nextInt(30);
      int size = (nrel + 1) * stride + 10;
      double[] x = r.doubles(size, -1, 1).toArray();
      double[] k = r.doubles(nrel * kLast, -1, 1).toArray();
      float[] xf = new float[x.length];
      float[] kf = new float[k.length];
      for (int i = 0; i < x.length; i++) {
        xf[i] = (float) x[i];
      }
      for (int i = 0; i < k.length; i++) {
        kf[i] = (float) k[i];
      }
      int[] rel = new int[nrel];
      for (int q = 0; q < nrel; q++) {
        rel[q] = q * stride;
      }
      float[] fa = new float[n];
      float[] fb = new float[n];
      DirectKernel.correlateRow(xf, 3, rel, nrel, kf, kLast, fa, 0, n);
      DirectKernel.correlateRowScalar(xf, 3, rel, nrel, kf, kLast, fb, 0, n);
      assertThat(fa).containsExactly(fb);
      // Two rows at once vs two scalar rows (output stride n + 5).
      int os = n + 5;
      double[] da = new double[2 * os];
      double[] db = new double[2 * os];
      DirectKernel.correlateRows2(x, 2, stride, rel, nrel, k, kLast, da, 1, os, n);
      DirectKernel.correlateRowScalar(x, 2, rel, nrel, k, kLast, db, 1, n);
      DirectKernel.correlateRowScalar(x, 2 + stride, rel, nrel, k, kLast, db, 1 + os, n);
      assertThat(da).containsExactly(db);
      float[] ga = new float[2 * os];
      float[] gb = new float[2 * os];
      DirectKernel.correlateRows2(xf, 2, stride, rel, nrel, kf, kLast, ga, 1, os, n);
      DirectKernel.correlateRowScalar(xf, 2, rel, nrel, kf, kLast, gb, 1, n);
      DirectKernel.correlateRowScalar(xf, 2 + stride, rel, nrel, kf, kLast, gb, 1 + os, n);
      assertThat(ga).containsExactly(gb);
    }
  }

  @Test
  void mixedDtypesGiveFloat64() {
    Tensor a = Tensor.ones(DType.FLOAT32, 5);
    Tensor b = Tensor.ones(DType.FLOAT64, 2);
    assertThat(Signal.convolve(a, b).dtype()).isEqualTo(DType.FLOAT64);
    assertThat(Signal.convolve(a, a).dtype()).isEqualTo(DType.FLOAT32);
    assertThat(Signal.convolve(Tensor.scalar(3), Tensor.scalar(4)).item()).isEqualTo(12.0);
  }
}
