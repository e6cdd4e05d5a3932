package org.conv4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.conv4j.kernels.simd.SimdDgemm;
import org.conv4j.kernels.simd.SimdSgemm;
import org.conv4j.runtime.Parallelism;
import org.junit.jupiter.api.Test;

/**
 * The blocking edges of the SIMD GEMM: sizes just below, at and above the micro-tile
 * ({@link SimdSgemm#MR}×{@link SimdSgemm#NR}), the A block ({@link SimdSgemm#MC}), the k-block
 * ({@link SimdSgemm#KC}) and the B blocks ({@link SimdSgemm#NC}, {@link SimdSgemm#NC_DEEP}), for every
 * transpose combination and with both the default and the minimal workspace (two loop orders),
 * against the scalar loop with the kernels' summation order (bit for bit); the prepared-A path
 * ({@link Blas#packA}) against the plain call; the parallel driver (B packed once into a shared
 * buffer, blocks of C per worker, {@link GemmTeam}) against the same reference on 1, 2 and 3 threads,
 * also with its buffers capped so that B takes several blocks and A several row blocks; and the
 * parallel products on narrow, wide and square C against one thread.
 */
class GemmBlockingTest {
  private static int[] around(int v) {
    return new int[] {v - 1, v, v + 1};
  }

  @Test
  void tileAndBlockEdgesBitwise() {
    int[] ms = {1, 2, SimdSgemm.MR, SimdSgemm.MR + 1, 2 * SimdSgemm.MR + 1, SimdSgemm.MC - 1, SimdSgemm.MC + 1};
    int[] ns = {1, SimdSgemm.NR - 1, SimdSgemm.NR, SimdSgemm.NR + 1, 2 * SimdSgemm.NR + 3};
    int[] ks = {0, 1, 2, SimdSgemm.KC - 1, SimdSgemm.KC, SimdSgemm.KC + 1, 2 * SimdSgemm.KC + 1};
    Random r = new Random(5);
    for (int m : ms) {
      for (int n : ns) {
        for (int k : ks) {
          for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0, tb = (t & 2) != 0, acc = ((m + n + k + t) & 1) != 0;
            checkFloat(r, ta, tb, m, n, k, acc);
          }
        }
      }
    }
    // The double kernel has its own tile width (fewer lanes).
    int[] nsD = {1, SimdDgemm.NR - 1, SimdDgemm.NR, SimdDgemm.NR + 1, 2 * SimdDgemm.NR + 3};
    for (int m : new int[] {1, SimdDgemm.MR, SimdDgemm.MR + 1, SimdDgemm.MC + 1}) {
      for (int n : nsD) {
        for (int k : around(SimdDgemm.KC)) {
          for (int t = 0; t < 4; t++) {
            checkDouble(r, (t & 1) != 0, (t & 2) != 0, m, n, k, (t & 1) == 0);
          }
        }
      }
    }
  }

  @Test
  void widerThanOneBBlockBitwise() {
    Random r = new Random(6);
    // All k-blocks of B packed at once, in column blocks of NC_DEEP, with their edges.
    for (int n : around(SimdSgemm.NC_DEEP)) {
      checkFloat(r, false, false, 7, n + SimdSgemm.NC_DEEP, 2 * SimdSgemm.KC + 3, false);
      checkFloat(r, true, true, 4, n, SimdSgemm.KC + 1, true);
    }
    for (int n : around(SimdDgemm.NC_DEEP)) {
      checkDouble(r, false, true, 5, n + SimdDgemm.NC_DEEP, 2 * SimdDgemm.KC + 1, true);
    }
    for (int n : around(SimdSgemm.NC)) {
      checkFloat(r, false, false, 4, n + SimdSgemm.NC / 2, 3, false);
      checkFloat(r, false, true, 2, n, 5, true);
    }
    for (int n : around(SimdDgemm.NC)) {
      checkDouble(r, true, false, 5, n, 2, false);
    }
  }

  private static void checkFloat(Random r, boolean ta, boolean tb, int m, int n, int k, boolean acc) {
    int lda = (ta ? m : k) + 1, ldb = (tb ? k : n) + 1, ldc = n + 2;
    float[] a = BlasTest.rand(r, (ta ? k : m) * lda + 1);
    float[] b = BlasTest.rand(r, (tb ? n : k) * ldb + 1);
    float[] c = BlasTest.rand(r, m * ldc + 1);
    float[] ref = c.clone();
    float[] small = c.clone();
    SimdSgemm.gemm(ta, tb, m, n, k, a, 1, lda, b, 1, ldb, acc ? 1f : 0f, c, 1, ldc);
    BlasTest.fmaOrderReference(ta, tb, m, n, k, a, 1, lda, b, 1, ldb, acc, ref, 1, ldc, SimdSgemm.KC);
    assertThat(c).as("m=%d n=%d k=%d ta=%b tb=%b acc=%b", m, n, k, ta, tb, acc).isEqualTo(ref);
    // The minimal workspace takes the k-block-outer loop order instead of packing B for all of k.
    SimdSgemm.gemm(ta, tb, m, n, k, a, 1, lda, b, 1, ldb, acc ? 1f : 0f, small, 1, ldc,
        new float[SimdSgemm.packASize()], new float[SimdSgemm.packBSize(n)]);
    assertThat(small).as("small workspace m=%d n=%d k=%d ta=%b tb=%b acc=%b", m, n, k, ta, tb, acc).isEqualTo(ref);
  }

  private static void checkDouble(Random r, boolean ta, boolean tb, int m, int n, int k, boolean acc) {
    int lda = (ta ? m : k) + 2, ldb = (tb ? k : n) + 1, ldc = n + 1;
    double[] a = BlasTest.randD(r, (ta ? k : m) * lda + 1);
    double[] b = BlasTest.randD(r, (tb ? n : k) * ldb + 1);
    double[] c = BlasTest.randD(r, m * ldc + 1);
    double[] ref = c.clone();
    double[] small = c.clone();
    SimdDgemm.gemm(ta, tb, m, n, k, a, 1, lda, b, 1, ldb, acc ? 1.0 : 0.0, c, 1, ldc);
    BlasTest.fmaOrderReference(ta, tb, m, n, k, a, 1, lda, b, 1, ldb, acc, ref, 1, ldc, SimdDgemm.KC);
    assertThat(c).as("m=%d n=%d k=%d ta=%b tb=%b acc=%b", m, n, k, ta, tb, acc).isEqualTo(ref);
    SimdDgemm.gemm(ta, tb, m, n, k, a, 1, lda, b, 1, ldb, acc ? 1.0 : 0.0, small, 1, ldc,
        new double[SimdDgemm.packASize()], new double[SimdDgemm.packBSize(n)]);
    assertThat(small).as("small workspace m=%d n=%d k=%d ta=%b tb=%b acc=%b", m, n, k, ta, tb, acc).isEqualTo(ref);
  }

  @Property(tries = 30)
  void preparedLeftOperandGivesTheSameBits(
      @ForAll @IntRange(min = 1, max = 300) int m, @ForAll @IntRange(min = 1, max = 90) int n,
      @ForAll @IntRange(min = 0, max = 600) int k, @ForAll boolean ta, @ForAll boolean tb, @ForAll boolean acc) {
    Random r = new Random(m * 7919L + n * 31L + k);
    int lda = (ta ? m : k) + 1, ldb = (tb ? k : n) + 1, ldc = n + 1;
    float[] a = BlasTest.rand(r, (ta ? k : m) * lda + 1);
    float[] b = BlasTest.rand(r, (tb ? n : k) * ldb + 1);
    float[] c = BlasTest.rand(r, m * ldc + 1);
    float[] plain = c.clone();
    Blas.sgemm(ta, tb, m, n, k, a, 1, lda, b, 1, ldb, plain, 1, ldc, acc, null);
    Blas.sgemm(Blas.packA(ta, m, k, a, 1, lda), tb, n, b, 1, ldb, c, 1, ldc, acc, Blas.floatWorkspace(n));
    assertThat(c).isEqualTo(plain);
    double[] ad = BlasTest.toD(a), bd = BlasTest.toD(b), cd = BlasTest.toD(c);
    double[] plainD = cd.clone();
    Blas.dgemm(ta, tb, m, n, k, ad, 1, lda, bd, 1, ldb, plainD, 1, ldc, acc, null);
    Blas.dgemm(Blas.packA(ta, m, k, ad, 1, lda), tb, n, bd, 1, ldb, cd, 1, ldc, acc, null);
    assertThat(cd).isEqualTo(plainD);
  }

  @Test
  void parallelRowAndColumnSplitsEqualOneThread() {
    Random r = new Random(8);
    // {m, n, k}: narrow C (split by rows), wide C (split by columns), and square.
    int[][] shapes = {{1000, 5, 300}, {997, 31, 257}, {4, 1000, 300}, {50, 777, 500}, {200, 200, 200}};
    for (int[] s : shapes) {
      int m = s[0], n = s[1], k = s[2];
      for (int t = 0; t < 3; t++) {
        boolean ta = t == 1, tb = t == 2;
        int lda = ta ? m : k, ldb = tb ? k : n;
        float[] a = BlasTest.rand(r, m * k), b = BlasTest.rand(r, k * n), c0 = BlasTest.rand(r, m * n);
        float[] one = c0.clone();
        Parallelism.runWithThreads(1, () -> Blas.sgemmParallel(ta, tb, m, n, k, a, 0, lda, b, 0, ldb, one, 0, n, true));
        double[] ad = BlasTest.toD(a), bd = BlasTest.toD(b);
        double[] oneD = BlasTest.toD(c0);
        Parallelism.runWithThreads(1, () -> Blas.dgemmParallel(ta, tb, m, n, k, ad, 0, lda, bd, 0, ldb, oneD, 0, n, false));
        for (int threads : new int[] {2, 3, 7}) {
          float[] many = c0.clone();
          Parallelism.runWithThreads(threads, () -> Blas.sgemmParallel(ta, tb, m, n, k, a, 0, lda, b, 0, ldb, many, 0, n, true));
          assertThat(many).as("float %dx%dx%d t=%d threads=%d", m, n, k, t, threads).isEqualTo(one);
          double[] manyD = BlasTest.toD(c0);
          Parallelism.runWithThreads(threads, () -> Blas.dgemmParallel(ta, tb, m, n, k, ad, 0, lda, bd, 0, ldb, manyD, 0, n, false));
          assertThat(manyD).as("double %dx%dx%d t=%d threads=%d", m, n, k, t, threads).isEqualTo(oneD);
        }
      }
    }
  }

  @Test
  void teamDriverBitwiseForAnyThreadCountAndBlocking() {
    Random r = new Random(9);
    // {m, n, k}: tile, row-block, k-block and B-block edges; narrow, wide, short and square C.
    int[][] shapes = {{1, 1, 1}, {2, 25, 3}, {SimdSgemm.MC + 1, 2 * SimdSgemm.NR + 5, SimdSgemm.KC + 1},
        {300, 7, 2 * SimdSgemm.KC + 3}, {5, SimdSgemm.NC_DEEP + 31, 40}, {64, 64, 64}, {130, 460, 520}};
    // {bCap, aCap} in elements: the defaults, then B blocks of a few panels and A row blocks of a few groups.
    int[][] caps = {{Blas.TEAM_B_BYTES / 4, Blas.TEAM_A_BYTES / 4}, {3 * SimdSgemm.KC * SimdSgemm.NR, 7 * SimdSgemm.KC}};
    for (int[] s : shapes) {
      int m = s[0], n = s[1], k = s[2];
      for (int t = 0; t < 3; t++) {
        boolean ta = t == 1, tb = t == 2, acc = ((m + n + t) & 1) != 0;
        int lda = (ta ? m : k) + 1, ldb = (tb ? k : n) + 2, ldc = n + 3;
        float[] a = BlasTest.rand(r, (ta ? k : m) * lda + 1);
        float[] b = BlasTest.rand(r, (tb ? n : k) * ldb + 1);
        float[] c0 = BlasTest.rand(r, m * ldc + 1);
        float[] ref = c0.clone();
        BlasTest.fmaOrderReference(ta, tb, m, n, k, a, 1, lda, b, 1, ldb, acc, ref, 1, ldc, SimdSgemm.KC);
        double[] ad = BlasTest.toD(a), bd = BlasTest.toD(b), cd0 = BlasTest.toD(c0);
        double[] refD = cd0.clone();
        BlasTest.fmaOrderReference(ta, tb, m, n, k, ad, 1, lda, bd, 1, ldb, acc, refD, 1, ldc, SimdDgemm.KC);
        for (int[] cap : caps) {
          for (int threads = 1; threads <= 3; threads++) {
            int th = threads;
            float[] c = c0.clone();
            Parallelism.runWithThreads(th, () -> Blas.sgemmTeam(th, ta, tb, m, n, k, a, 1, lda, b, 1, ldb, c, 1, ldc, acc, cap[0], cap[1]));
            assertThat(c).as("float %dx%dx%d t=%d threads=%d caps=%s", m, n, k, t, th, java.util.Arrays.toString(cap)).isEqualTo(ref);
            double[] cd = cd0.clone();
            Parallelism.runWithThreads(th, () -> Blas.dgemmTeam(th, ta, tb, m, n, k, ad, 1, lda, bd, 1, ldb, cd, 1, ldc, acc, cap[0] / 2, cap[1] / 2));
            assertThat(cd).as("double %dx%dx%d t=%d threads=%d caps=%s", m, n, k, t, th, java.util.Arrays.toString(cap)).isEqualTo(refD);
          }
        }
      }
    }
  }

  @Test
  void teamPlanCoversCExactlyOnce() {
    for (int[] s : new int[][] {{1024, 1024, 1024}, {50, 3000, 500}, {1000, 5, 300}, {7, 7, 7}, {145, 431, 3000}}) {
      for (int threads = 1; threads <= 4; threads++) {
        for (int bCap : new int[] {Blas.TEAM_B_BYTES / 4, 2 * SimdSgemm.KC * SimdSgemm.NR}) {
          GemmTeam.Plan p = GemmTeam.Plan.of(s[0], s[1], s[2], SimdSgemm.MR, SimdSgemm.NR, SimdSgemm.KC, SimdSgemm.MC,
              bCap, Blas.TEAM_A_BYTES / 4, threads);
          int[] hits = new int[s[0] * s[1]];
          int packed = 0;
          for (int blk = 0; blk < p.blocks(); blk++) {
            for (int u = 0; u < p.packUnits(blk); u++) {
              assertThat(p.packStart(blk, u)).isEqualTo(u == 0 ? p.blockStart(blk) : p.packEnd(blk, u - 1));
              packed += p.packEnd(blk, u) - p.packStart(blk, u);
            }
            for (int u = 0; u < p.computeUnits(blk); u++) {
              assertThat(p.row1(blk, u) - p.row0(blk, u)).isBetween(1, SimdSgemm.MC);
              for (int i = p.row0(blk, u); i < p.row1(blk, u); i++) {
                for (int j = p.col0(blk, u); j < p.col1(blk, u); j++) {
                  hits[i * s[1] + j]++;
                }
              }
            }
          }
          assertThat(packed).isEqualTo(s[1]);
          assertThat(hits).as("%s threads=%d", java.util.Arrays.toString(s), threads).containsOnly(1);
        }
      }
    }
  }
}
