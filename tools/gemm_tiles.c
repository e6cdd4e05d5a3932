/*
 * GEMM micro-kernel tile shapes on this machine, outside the JVM (diagnostic for
 * docs/BENCHMARKS.md, "GEMM, session 6"; not part of the build).
 *
 *   gcc -O3 -mavx2 -mfma tools/gemm_tiles.c -o /tmp/gemm_tiles && /tmp/gemm_tiles 400
 *
 * Runs the macro-kernel loop of conv4j's SimdSgemm (packed A block 144 x 256, packed B block
 * 256 x 432, C rows 1024 floats apart, B micro-panel outer, A micro-panel inner) with several
 * register tiles, compiled by gcc, interleaved call by call so that the host's slow and fast
 * phases hit every variant alike, and a register-only FMA loop as a control (no memory traffic).
 * Prints per-call GFLOP/s: median, quartiles, best. "3x24" is conv4j's tile (MR = 3, NR = 3 vectors),
 * the one C2 compiles without spills, here in gcc's code; "3x24 C2 loop" is the same tile with the
 * k loop C2 emits for SimdSgemm.kernel, as inline assembly (x86-64 only); the 12-accumulator tiles
 * (4x24, 6x16) are the ones C2 spills. Compare with the JIT-compiled kernel in the same setting:
 *   java --add-modules jdk.incubator.vector -cp conv4j-bench/target/benchmarks.jar org.conv4j.bench.MacroKernelProbe
 */
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

#define KC 256
#define MC 144
#define NC 432
#define LDC 1024

/* An MR x (8*NV) tile: NV vectors of B loaded per k step, MR broadcasts of A, MR*NV accumulators. */
#define TILE(NAME, MR, NV)                                                                          \
  static inline __attribute__((always_inline)) void k_##NAME(const float *pa, const float *pb,     \
                                                             float *c) {                            \
    __m256 acc[MR][NV];                                                                             \
    _Pragma("GCC unroll 8") for (int i = 0; i < MR; i++)                                           \
      _Pragma("GCC unroll 8") for (int j = 0; j < NV; j++) acc[i][j] = _mm256_setzero_ps();        \
    for (int p = 0; p < KC; p++) {                                                                  \
      __m256 b[NV];                                                                                 \
      _Pragma("GCC unroll 8") for (int j = 0; j < NV; j++) b[j] = _mm256_loadu_ps(pb + 8 * j);     \
      _Pragma("GCC unroll 8") for (int i = 0; i < MR; i++) {                                       \
        __m256 a = _mm256_broadcast_ss(pa + i);                                                     \
        _Pragma("GCC unroll 8") for (int j = 0; j < NV; j++)                                       \
          acc[i][j] = _mm256_fmadd_ps(a, b[j], acc[i][j]);                                          \
      }                                                                                             \
      pa += MR;                                                                                     \
      pb += 8 * NV;                                                                                 \
    }                                                                                               \
    _Pragma("GCC unroll 8") for (int i = 0; i < MR; i++)                                           \
      _Pragma("GCC unroll 8") for (int j = 0; j < NV; j++) {                                       \
        float *r = c + i * LDC + 8 * j;                                                             \
        _mm256_storeu_ps(r, _mm256_add_ps(_mm256_loadu_ps(r), acc[i][j]));                          \
      }                                                                                             \
  }                                                                                                 \
  __attribute__((noinline)) static void m_##NAME(const float *pa, const float *pb, float *c) {     \
    for (int jr = 0; jr + 8 * NV <= NC; jr += 8 * NV)                                               \
      for (int ir = 0; ir + MR <= MC; ir += MR) k_##NAME(pa + ir * KC, pb + jr * KC, c + ir * LDC + jr); \
  }

TILE(3x24, 3, 3)
TILE(4x16, 4, 2)
TILE(6x16, 6, 2)
TILE(4x24, 4, 3)


/*
 * conv4j's 3x24 k loop exactly as C2 (Temurin 25) compiles SimdSgemm.kernel: 20 instructions,
 * the three broadcasts hoisted, indices recomputed from the int induction variable (lea, movslq,
 * add), copied from -XX:CompileCommand=print output. Accumulators ymm0,11,12 / 3,4,5 / 6,8,7 hold
 * rows 0 / 1 / 2. Shows what the loop body alone costs against gcc's form of the same tile.
 */
static inline __attribute__((always_inline)) void k_c2loop(const float *pa, const float *pb, float *c) {
  float acc[72] __attribute__((aligned(32)));
  const char *pah = (const char *) pa - 16, *pbh = (const char *) pb - 16; /* Java array header */
  __asm__ volatile(
      "vxorps %%ymm0,%%ymm0,%%ymm0\n\tvxorps %%ymm3,%%ymm3,%%ymm3\n\tvxorps %%ymm4,%%ymm4,%%ymm4\n\t"
      "vxorps %%ymm5,%%ymm5,%%ymm5\n\tvxorps %%ymm6,%%ymm6,%%ymm6\n\tvxorps %%ymm7,%%ymm7,%%ymm7\n\t"
      "vxorps %%ymm8,%%ymm8,%%ymm8\n\tvxorps %%ymm11,%%ymm11,%%ymm11\n\tvxorps %%ymm12,%%ymm12,%%ymm12\n\t"
      "xor %%r9d,%%r9d\n\txor %%r13,%%r13\n\txor %%r11d,%%r11d\n\tmov %[END],%%esi\n\t"
      ".p2align 4\n1:\n\t"
      "lea (%%r9,%%r11,8),%%edx\n\t"
      "movslq %%r11d,%%r14\n\t"
      "add %%r13,%%r14\n\t"
      "vbroadcastss 0x10(%[A],%%r14,4),%%ymm1\n\t"
      "vbroadcastss 0x14(%[A],%%r14,4),%%ymm2\n\t"
      "vbroadcastss 0x18(%[A],%%r14,4),%%ymm9\n\t"
      "vmovups 0x50(%[B],%%rdx,4),%%ymm10\n\t"
      "vmovups 0x10(%[B],%%rdx,4),%%ymm13\n\t"
      "vfmadd231ps %%ymm10,%%ymm1,%%ymm12\n\t"
      "vmovups 0x30(%[B],%%rdx,4),%%ymm14\n\t"
      "vfmadd231ps %%ymm13,%%ymm1,%%ymm0\n\t"
      "vfmadd231ps %%ymm14,%%ymm1,%%ymm11\n\t"
      "vfmadd231ps %%ymm14,%%ymm2,%%ymm4\n\t"
      "vfmadd231ps %%ymm14,%%ymm9,%%ymm8\n\t"
      "vfmadd231ps %%ymm13,%%ymm9,%%ymm6\n\t"
      "vfmadd231ps %%ymm13,%%ymm2,%%ymm3\n\t"
      "vfmadd231ps %%ymm10,%%ymm2,%%ymm5\n\t"
      "vfmadd231ps %%ymm10,%%ymm9,%%ymm7\n\t"
      "add $0x3,%%r11d\n\t"
      "cmp %%esi,%%r11d\n\t"
      "jl 1b\n\t"
      "vmovaps %%ymm0,0(%[T])\n\tvmovaps %%ymm11,32(%[T])\n\tvmovaps %%ymm12,64(%[T])\n\t"
      "vmovaps %%ymm3,96(%[T])\n\tvmovaps %%ymm4,128(%[T])\n\tvmovaps %%ymm5,160(%[T])\n\t"
      "vmovaps %%ymm6,192(%[T])\n\tvmovaps %%ymm8,224(%[T])\n\tvmovaps %%ymm7,256(%[T])\n\t"
      :
      : [A] "r"(pah), [B] "r"(pbh), [T] "r"(acc), [END] "i"(3 * KC)
      : "memory", "rdx", "rsi", "r9", "r11", "r13", "r14", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5",
        "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14");
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) {
      float *r = c + i * LDC + 8 * j;
      _mm256_storeu_ps(r, _mm256_add_ps(_mm256_loadu_ps(r), _mm256_load_ps(acc + 8 * (3 * i + j))));
    }
}

__attribute__((noinline)) static void m_c2loop(const float *pa, const float *pb, float *c) {
  for (int jr = 0; jr < NC; jr += 24)
    for (int ir = 0; ir < MC; ir += 3) k_c2loop(pa + ir * KC, pb + jr * KC, c + ir * LDC + jr);
}

/* Control: the same number of FMAs as one macro-kernel call, on registers only. */
__attribute__((noinline)) static void m_regs(const float *pa, const float *pb, float *c) {
  (void) pb;
  __m256 x[10];
  for (int i = 0; i < 10; i++) x[i] = _mm256_set1_ps(pa[i]);
  __m256 m = _mm256_set1_ps(0.9999999f), a = _mm256_set1_ps(1e-7f);
  long n = (long) MC * NC * KC / 8 / 10;
  for (long i = 0; i < n; i++) {
    _Pragma("GCC unroll 10") for (int j = 0; j < 10; j++) x[j] = _mm256_fmadd_ps(x[j], m, a);
  }
  __m256 t = x[0];
  for (int i = 1; i < 10; i++) t = _mm256_add_ps(t, x[i]);
  _mm256_storeu_ps(c, _mm256_add_ps(_mm256_loadu_ps(c), t));
}

typedef void (*macro_fn)(const float *, const float *, float *);

static int cmp(const void *a, const void *b) {
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  int reps = argc > 1 ? atoi(argv[1]) : 400;
  if (reps < 4) {
    fprintf(stderr, "usage: %s [calls per variant >= 4]\n", argv[0]);
    return 2;
  }
  const char *names[] = {"3x24 (conv4j)", "3x24 C2 loop", "4x16", "6x16", "4x24", "registers only"};
  macro_fn fns[] = {m_3x24, m_c2loop, m_4x16, m_6x16, m_4x24, m_regs};
  int v_count = 6;
  float *pa = aligned_alloc(64, MC * KC * 4), *pb = aligned_alloc(64, NC * KC * 4);
  float *c = aligned_alloc(64, MC * LDC * 4);
  srand(1);
  for (int i = 0; i < MC * KC; i++) pa[i] = rand() / (float) RAND_MAX;
  for (int i = 0; i < NC * KC; i++) pb[i] = rand() / (float) RAND_MAX;
  memset(c, 0, MC * LDC * 4);
  {
    /* the C2 loop and gcc's loop compute the same product (same FMA order per element) */
    float *c1 = calloc(MC * LDC, 4), *c2 = calloc(MC * LDC, 4);
    m_3x24(pa, pb, c1);
    m_c2loop(pa, pb, c2);
    if (memcmp(c1, c2, MC * LDC * 4) != 0) {
      fprintf(stderr, "C2 loop and gcc loop differ\n");
      return 1;
    }
    free(c1);
    free(c2);
  }
  double *t = malloc(sizeof(double) * v_count * reps);
  for (int i = 0; i < 20; i++)
    for (int v = 0; v < v_count; v++) fns[v](pa, pb, c);
  for (int i = 0; i < reps; i++)
    for (int v = 0; v < v_count; v++) {
      double s = now();
      fns[v](pa, pb, c);
      t[v * reps + i] = now() - s;
    }
  double flops = 2.0 * MC * NC * KC;
  printf("%-15s %8s %8s %8s %8s   (GFLOP/s per call, %d calls each, interleaved)\n", "tile", "median", "q1", "q3", "best", reps);
  for (int v = 0; v < v_count; v++) {
    double *x = t + v * reps;
    qsort(x, reps, sizeof(double), cmp);
    printf("%-15s %8.1f %8.1f %8.1f %8.1f\n", names[v], flops / x[reps / 2] / 1e9, flops / x[3 * reps / 4] / 1e9,
        flops / x[reps / 4] / 1e9, flops / x[0] / 1e9);
  }
  return c[7] == c[7] ? 0 : 1;
}
