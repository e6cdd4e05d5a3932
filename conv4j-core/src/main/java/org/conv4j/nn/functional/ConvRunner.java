package org.conv4j.nn.functional;

import org.conv4j.internal.TensorAccess;
import org.conv4j.kernels.Bias;
import org.conv4j.kernels.Blas;
import org.conv4j.kernels.ConvGemm;
import org.conv4j.kernels.ConvShape;
import org.conv4j.kernels.DirectConv;
import org.conv4j.kernels.Im2col;
import org.conv4j.kernels.ImplicitConv;
import org.conv4j.kernels.PadAdjoint;
import org.conv4j.kernels.RowConv;
import org.conv4j.kernels.SlidingConv;
import org.conv4j.kernels.WinogradConv;
import org.conv4j.kernels.simd.SimdConvBatch;
import org.conv4j.runtime.Parallelism;
import org.conv4j.runtime.Workspace;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.conv4j.window.PadMode;

/**
 * Runs the kernels over a batch: makes operands C-contiguous, allocates the result, dispatches on
 * dtype and {@link ConvAlgorithm}, and splits the work into tasks for {@link Parallelism}. A weight
 * is either shared by the batch ({@code perExample = false}) or one per example, whose offset then
 * steps too (kernels as data). The ops call this after their shape checks; it checks nothing itself.
 *
 * <p>Parallel plan, chosen so the result has the same bits for any thread count:
 * <ul>
 *   <li>forward: tasks are (example, block of output rows) pairs; every output element is written
 *       by one task and summed in the same order whatever the blocking;
 *   <li>input gradient: one task per example (row tiles of one example overlap in {@code dx}, so
 *       they run in order inside the task);
 *   <li>weight gradient: the batch is cut into a fixed number of chunks (it depends on the batch
 *       size and the machine's core count, never on the thread setting); each chunk sums its
 *       examples into its own partial gradient, and the partials are added in chunk order;
 *   <li>bias gradient: tasks over channels, each summing its channels over the batch in order.
 * </ul>
 * The im2col workspace of each worker is bounded by {@link Workspace#maxColumnBytes()} divided by
 * the core count: problems whose column matrix is larger are tiled over output rows.
 */
final class ConvRunner {
  private static final TensorAccess.Accessor A = TensorAccess.get();
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  private ConvRunner() {}

  /** Output rows of one example per im2col tile: the workspace cap per worker over one row's columns. */
  static int tileRows(ConvShape g, int elementBytes) {
    int rows = ConvGemm.outputRows(g);
    long perRow = (long) g.c() * g.kernelSize() * g.ow() * elementBytes;
    long budget = Workspace.maxColumnBytes() / CORES;
    long t = Math.max(1, budget / Math.max(1, perRow));
    return (int) Math.min(rows, t);
  }

  /** Whether the weight is shared by the batch and goes through GEMM, so it is worth packing once. */
  private static boolean packable(ConvAlgorithm alg, boolean perExample) {
    return !perExample && (alg == ConvAlgorithm.IM2COL_GEMM || alg == ConvAlgorithm.POINTWISE_1X1);
  }

  /** Number of weight-gradient chunks for a batch of {@code n}: fixed by the batch and the machine. */
  static int weightChunks(int n, long weightElements, int elementBytes) {
    long cap = Math.max(1, Workspace.maxColumnBytes() / Math.max(1, weightElements * elementBytes));
    return (int) Math.max(1, Math.min(Math.min(n, 2L * Math.max(4, CORES)), cap));
  }

  /** Per-worker scratch: the im2col buffer and the GEMM packing buffers, allocated once per worker. */
  private static final class FloatScratch {
    final float[] cols;
    final Blas.FloatWorkspace gemm;
    final SlidingConv.Scratch slide = new SlidingConv.Scratch();

    FloatScratch(ConvAlgorithm alg, ConvShape g, int tile) {
      int n = tile * g.ow();
      cols = alg == ConvAlgorithm.IM2COL_GEMM ? new float[g.c() * g.kernelSize() * n] : new float[0];
      gemm = alg == ConvAlgorithm.IM2COL_GEMM || alg == ConvAlgorithm.POINTWISE_1X1
          ? Blas.floatWorkspace(Math.max(Math.max(n, g.outputPlane()), g.cg() * g.kernelSize())) : null;
    }
  }

  /** Float64 twin of {@link FloatScratch}. */
  private static final class DoubleScratch {
    final double[] cols;
    final Blas.DoubleWorkspace gemm;
    final SlidingConv.Scratch slide = new SlidingConv.Scratch();

    DoubleScratch(ConvAlgorithm alg, ConvShape g, int tile) {
      int n = tile * g.ow();
      cols = alg == ConvAlgorithm.IM2COL_GEMM ? new double[g.c() * g.kernelSize() * n] : new double[0];
      gemm = alg == ConvAlgorithm.IM2COL_GEMM || alg == ConvAlgorithm.POINTWISE_1X1
          ? Blas.doubleWorkspace(Math.max(Math.max(n, g.outputPlane()), g.cg() * g.kernelSize())) : null;
    }
  }

  /**
   * Whether a float32 problem goes through {@link SimdConvBatch} (im2col fused into the GEMM
   * packing, several examples per product): the SIMD kernels, im2col + GEMM, a weight shared by the
   * batch, one group, 2-D, stride 1, dilation 1, no padding.
   */
  static boolean batched(ConvShape g, ConvAlgorithm alg, boolean perExample, boolean f32) {
    return f32 && Blas.SIMD && BATCHED && alg == ConvAlgorithm.IM2COL_GEMM && !perExample && g.groups() == 1
        && g.id() == 1 && g.kd() == 1 && g.od() == 1 && g.sh() == 1 && g.sw() == 1 && g.dh() == 1 && g.dw() == 1
        && g.ph() == 0 && g.pw() == 0 && g.oh() == g.ih() - g.kh() + 1 && g.ow() == g.iw() - g.kw() + 1;
  }

  /** {@code -Dconv4j.convBatch=false} turns the batched path off (for comparisons). */
  static final boolean BATCHED = !"false".equalsIgnoreCase(System.getProperty("conv4j.convBatch", "true").trim());

  private static SimdConvBatch.Geometry geometry(ConvShape g) {
    return new SimdConvBatch.Geometry(g.c(), g.ih(), g.iw(), g.kh(), g.kw(), g.oc());
  }

  /** {@code y (n, oc, *out)} from {@code x (n, c, *in)}; bias {@code (oc)} or per example {@code (n, oc)}, or null. */
  static Tensor forward(ConvShape g, int n, Tensor x, Tensor w, boolean perExample, Tensor bias, ConvAlgorithm alg, int[] yShape) {
    x = x.contiguous();
    w = w.contiguous();
    Tensor y = A.zeros(x.dtype(), yShape);
    int xs = g.inputSize(), ys = g.outputSize(), ws = perExample ? g.weightSize() : 0;
    int xo = A.offset(x), wo = A.offset(w);
    boolean f32 = x.dtype() == DType.FLOAT32;
    alg = ConvAlgorithm.runnable(alg, f32, perExample,
        alg == ConvAlgorithm.ROW_VECTOR ? RowConv.vectorReady() : ImplicitConv.vectorReady());
    if (alg == ConvAlgorithm.WINOGRAD) {
      Tensor bw = bias == null ? null : bias.contiguous();
      winogradRun(f32 ? WinogradConv.Plan.forward(g, A.floats(w), wo) : WinogradConv.Plan.forward(g, A.doubles(w), wo),
          n, x, A.offset(x), xs, y, ys, bw, bw != null && bw.rank() == 2 ? g.oc() : 0);
      return y;
    }
    if (alg == ConvAlgorithm.IMPLICIT_GEMM) {
      implicitRun(ImplicitConv.Plan.forward(g, A.floats(w), wo), n, A.floats(x), xo, xs, A.floats(y), ys,
          bias == null ? null : bias.contiguous(), bias != null && bias.rank() == 2 ? g.oc() : 0);
      return y;
    }
    if (alg == ConvAlgorithm.ROW_VECTOR) {
      rowRun(g, n, A.floats(x), xo, xs, A.floats(w), wo, ws, bias == null ? null : bias.contiguous(), A.floats(y), ys);
      return y;
    }
    int rows = ConvGemm.outputRows(g);
    // Split rows only for im2col (where the workspace needs it) or when the batch is too small to
    // keep every thread busy; other kernels take whole examples.
    int tile = alg == ConvAlgorithm.IM2COL_GEMM ? tileRows(g, f32 ? 4 : 8) : rows;
    int threads = Parallelism.threads();
    if (alg == ConvAlgorithm.IM2COL_GEMM && n < 2 * threads) {
      int want = (2 * threads + n - 1) / n;
      tile = Math.min(tile, Math.max(1, (rows + want - 1) / want));
    }
    int tiles = (rows + tile - 1) / tile;
    int tileF = tile;
    ConvAlgorithm algF = alg;
    // The bias is added by the task that wrote a tile, while the tile is still in cache.
    Tensor bc = bias == null ? null : bias.contiguous();
    int bo = bc == null ? 0 : A.offset(bc), bs = bc != null && bc.rank() == 2 ? g.oc() : 0;
    int plane = g.outputPlane(), ow = g.ow();
    if (batched(g, alg, perExample, f32)) {
      float[] xa = A.floats(x), wa = A.floats(w), ya = A.floats(y);
      float[] pw = ConvGemm.packWeight(g, wa, wo, false)[0].packed();
      float[] ba = bc == null ? null : A.floats(bc);
      SimdConvBatch.Geometry geo = geometry(g);
      int b = geo.block(), blocks = (n + b - 1) / b;
      Parallelism.forEach(blocks, () -> new SimdConvBatch.Scratch(geo, b), (s, t) -> {
        int e0 = t * b, e1 = Math.min(n, e0 + b);
        SimdConvBatch.forward(geo, s, xa, xo, pw, ya, 0, e0, e1);
        if (ba != null) {
          for (int i = e0; i < e1; i++) {
            for (int o = 0; o < g.oc(); o++) {
              Bias.add(ya, i * ys + o * plane, 1, plane, ba, bo + i * bs + o);
            }
          }
        }
      });
    } else if (f32) {
      float[] xa = A.floats(x), wa = A.floats(w), ya = A.floats(y);
      Blas.PackedFloats[] pw = packable(alg, perExample) ? ConvGemm.packWeight(g, wa, wo, false) : null;
      float[] ba = bc == null ? null : A.floats(bc);
      Parallelism.forEach(n * tiles, () -> new FloatScratch(algF, g, tileF), (s, task) -> {
        int i = task / tiles, t0 = (task % tiles) * tileF, t1 = Math.min(rows, t0 + tileF);
        forwardTileF(g, algF, s, pw, xa, xo + i * xs, wa, wo + i * ws, ya, i * ys, t0, t1);
        if (ba != null) {
          for (int o = 0; o < g.oc(); o++) {
            Bias.add(ya, i * ys + o * plane + t0 * ow, 1, (t1 - t0) * ow, ba, bo + i * bs + o);
          }
        }
      });
    } else {
      double[] xa = A.doubles(x), wa = A.doubles(w), ya = A.doubles(y);
      Blas.PackedDoubles[] pw = packable(alg, perExample) ? ConvGemm.packWeight(g, wa, wo, false) : null;
      double[] ba = bc == null ? null : A.doubles(bc);
      Parallelism.forEach(n * tiles, () -> new DoubleScratch(algF, g, tileF), (s, task) -> {
        int i = task / tiles, t0 = (task % tiles) * tileF, t1 = Math.min(rows, t0 + tileF);
        forwardTileD(g, algF, s, pw, xa, xo + i * xs, wa, wo + i * ws, ya, i * ys, t0, t1);
        if (ba != null) {
          for (int o = 0; o < g.oc(); o++) {
            Bias.add(ya, i * ys + o * plane + t0 * ow, 1, (t1 - t0) * ow, ba, bo + i * bs + o);
          }
        }
      });
    }
    return y;
  }

  /**
   * One direction of {@link ImplicitConv} over the batch: tasks are (example, range of tiles); a
   * range is a whole example unless the batch is too small to give every thread two tasks. Every
   * output element is computed by one task in the same order, so any thread count gives the same bits.
   */
  private static void implicitRun(ImplicitConv.Plan plan, int n, float[] in, int inOff, int inStride, float[] out,
      int outStride, Tensor bias, int biasStride) {
    int tiles = plan.tiles(), threads = Parallelism.threads();
    int parts = n >= 2 * threads ? 1 : Math.min(tiles, (2 * threads + n - 1) / n);
    float[] ba = bias == null ? null : A.floats(bias);
    int bo = bias == null ? 0 : A.offset(bias);
    Parallelism.forEach(n * parts, () -> new ImplicitConv.Scratch(plan), (s, task) -> {
      int i = task / parts, part = task % parts;
      int t0 = (int) ((long) tiles * part / parts), t1 = (int) ((long) tiles * (part + 1) / parts);
      ImplicitConv.run(plan, s, in, inOff + i * inStride, out, i * outStride, ba, bo + i * biasStride, t0, t1, true);
    });
  }

  /**
   * {@link RowConv} over the batch: tasks are (example, range of output channels); a range is all
   * channels unless the batch is too small to give every thread two tasks. Every output element is
   * computed by one task in the same order, so any thread count gives the same bits. A weight
   * shared by the batch with {@code kw = 5} and rows a multiple of 8 wide runs the row Winograd
   * ({@link RowConv#forwardRows}, its transform once per call); others the direct row kernel, bias
   * added after it.
   */
  private static void rowRun(ConvShape g, int n, float[] x, int xo, int xs, float[] w, int wo, int ws, Tensor bias,
      float[] y, int ys) {
    int oc = g.oc(), threads = Parallelism.threads();
    int parts = n >= 2 * threads ? 1 : Math.min(oc, (2 * threads + n - 1) / n);
    float[] ba = bias == null ? null : A.floats(bias);
    int bo = bias == null ? 0 : A.offset(bias), bs = bias != null && bias.rank() == 2 ? oc : 0;
    if (ws == 0 && RowConv.winogradRows(g)) {
      float[] u = RowConv.transformWeight(g, w, wo);
      Parallelism.forEach(n * parts, () -> new RowConv.RowsScratch(g), (s, task) -> {
        int i = task / parts, part = task % parts;
        int o0 = (int) ((long) oc * part / parts), o1 = (int) ((long) oc * (part + 1) / parts);
        RowConv.forwardRows(g, u, x, xo + i * xs, ba, bo + i * bs, y, i * ys, o0, o1, s);
      });
      return;
    }
    // The direct row kernel reads the weight in its own order: laid out once per call, or per
    // example into the worker's buffer when every example has its own weight.
    int[] colOff = RowConv.columnOffsets(g);
    float[] shared = ws == 0 ? RowConv.coefficients(g, w, wo, null) : null;
    int plane = g.outputPlane();
    Parallelism.forEach(n * parts, () -> ws == 0 ? shared : new float[g.weightSize()], (coef, task) -> {
      int i = task / parts, part = task % parts;
      int o0 = (int) ((long) oc * part / parts), o1 = (int) ((long) oc * (part + 1) / parts);
      if (ws != 0) {
        RowConv.coefficients(g, w, wo + i * ws, coef);
      }
      RowConv.forward(g, x, xo + i * xs, coef, colOff, y, i * ys, o0, o1);
      if (ba != null) {
        // Added by the task that wrote the channels, while they are in cache.
        for (int o = o0; o < o1; o++) {
          Bias.add(y, i * ys + o * plane, 1, plane, ba, bo + i * bs + o);
        }
      }
    });
  }

  /**
   * One direction of {@link WinogradConv} over the batch: tasks are (example, range of whole tile
   * blocks); a range is a whole example unless the batch is too small to give every thread four
   * tasks. Each output element is computed by one task in an order independent of the ranges, so
   * any thread count gives the same bits.
   */
  private static void winogradRun(WinogradConv.Plan plan, int n, Tensor in, int inOff, int inStride, Tensor out,
      int outStride, Tensor bias, int biasStride) {
    int tiles = plan.tiles(), blocks = (tiles + plan.block() - 1) / plan.block(), threads = Parallelism.threads();
    int parts = n >= 4 * threads ? 1 : Math.min(blocks, (4 * threads + n - 1) / n);
    int bo = bias == null ? 0 : A.offset(bias);
    boolean f32 = in.dtype() == DType.FLOAT32;
    Parallelism.forEach(n * parts, () -> new WinogradConv.Scratch(plan), (s, task) -> {
      int i = task / parts, part = task % parts;
      int t0 = Math.min(tiles, (int) ((long) blocks * part / parts) * plan.block());
      int t1 = Math.min(tiles, (int) ((long) blocks * (part + 1) / parts) * plan.block());
      if (f32) {
        WinogradConv.run(plan, s, A.floats(in), inOff + i * inStride, A.floats(out), i * outStride,
            bias == null ? null : A.floats(bias), bo + i * biasStride, t0, t1, true);
      } else {
        WinogradConv.run(plan, s, A.doubles(in), inOff + i * inStride, A.doubles(out), i * outStride,
            bias == null ? null : A.doubles(bias), bo + i * biasStride, t0, t1, true);
      }
    });
  }

  private static void forwardTileF(ConvShape g, ConvAlgorithm alg, FloatScratch s, Blas.PackedFloats[] pw,
      float[] xa, int xOff, float[] wa, int wOff, float[] ya, int yOff, int t0, int t1) {
    switch (alg) {
      case DIRECT -> DirectConv.forward(g, xa, xOff, wa, wOff, ya, yOff);
      case SLIDING_WINDOW -> SlidingConv.forward(g, xa, xOff, wa, wOff, ya, yOff, s.slide);
      case IM2COL_GEMM -> {
        if (pw != null) {
          ConvGemm.forward(g, xa, xOff, pw, ya, yOff, s.cols, t0, t1, s.gemm);
        } else {
          ConvGemm.forward(g, xa, xOff, wa, wOff, ya, yOff, s.cols, t0, t1, s.gemm);
        }
      }
      case POINTWISE_1X1 -> {
        if (pw != null) {
          ConvGemm.forwardPointwise(g, xa, xOff, pw, ya, yOff, s.gemm);
        } else {
          ConvGemm.forwardPointwise(g, xa, xOff, wa, wOff, ya, yOff, s.gemm);
        }
      }
    }
  }

  private static void forwardTileD(ConvShape g, ConvAlgorithm alg, DoubleScratch s, Blas.PackedDoubles[] pw,
      double[] xa, int xOff, double[] wa, int wOff, double[] ya, int yOff, int t0, int t1) {
    switch (alg) {
      case DIRECT -> DirectConv.forward(g, xa, xOff, wa, wOff, ya, yOff);
      case SLIDING_WINDOW -> SlidingConv.forward(g, xa, xOff, wa, wOff, ya, yOff, s.slide);
      case IM2COL_GEMM -> {
        if (pw != null) {
          ConvGemm.forward(g, xa, xOff, pw, ya, yOff, s.cols, t0, t1, s.gemm);
        } else {
          ConvGemm.forward(g, xa, xOff, wa, wOff, ya, yOff, s.cols, t0, t1, s.gemm);
        }
      }
      case POINTWISE_1X1 -> {
        if (pw != null) {
          ConvGemm.forwardPointwise(g, xa, xOff, pw, ya, yOff, s.gemm);
        } else {
          ConvGemm.forwardPointwise(g, xa, xOff, wa, wOff, ya, yOff, s.gemm);
        }
      }
    }
  }

  /** {@code dx (n, c, *in)} from {@code dy (n, oc, *out)}: the adjoint of {@link #forward}, also transposed convolution. */
  static Tensor backwardInput(ConvShape g, int n, Tensor dy, Tensor w, boolean perExample, ConvAlgorithm alg, int[] dxShape) {
    dy = dy.contiguous();
    w = w.contiguous();
    Tensor dx = A.zeros(dy.dtype(), dxShape);
    int xs = g.inputSize(), ys = g.outputSize(), ws = perExample ? g.weightSize() : 0;
    int yo = A.offset(dy), wo = A.offset(w);
    boolean f32 = dy.dtype() == DType.FLOAT32;
    if (alg == ConvAlgorithm.ROW_VECTOR && f32 && !perExample && RowConv.winogradInput(g)) {
      // The transposed row Winograd, one example per task, the weight transformed once.
      float[] u = RowConv.transformWeight(g, A.floats(w), wo);
      float[] ya = A.floats(dy), xa = A.floats(dx);
      Parallelism.forEach(n, () -> new RowConv.InputScratch(g),
          (s, i) -> RowConv.inputGradRows(g, u, ya, yo + i * ys, xa, i * xs, s));
      return dx;
    }
    // Elsewhere ROW_VECTOR has no input-gradient kernel: the same substitute as when selected.
    alg = alg == ConvAlgorithm.ROW_VECTOR ? ConvAlgorithm.inputGradient(alg, g) : alg;
    alg = ConvAlgorithm.runnable(alg, f32, perExample, ImplicitConv.vectorReady());
    if (alg == ConvAlgorithm.WINOGRAD) {
      winogradRun(f32 ? WinogradConv.Plan.inputGrad(g, A.floats(w), wo) : WinogradConv.Plan.inputGrad(g, A.doubles(w), wo),
          n, dy, yo, ys, dx, xs, null, 0);
      return dx;
    }
    if (alg == ConvAlgorithm.IMPLICIT_GEMM) {
      implicitRun(ImplicitConv.Plan.inputGrad(g, A.floats(w), wo), n, A.floats(dy), yo, ys, A.floats(dx), xs, null, 0);
      return dx;
    }
    ConvAlgorithm algF = alg;
    int rows = ConvGemm.outputRows(g);
    int tile = alg == ConvAlgorithm.IM2COL_GEMM ? tileRows(g, f32 ? 4 : 8) : rows;
    if (batched(g, alg, perExample, f32) && g.oc() <= org.conv4j.kernels.simd.SimdSgemm.KC) {
      float[] ya = A.floats(dy), wa = A.floats(w), xa = A.floats(dx);
      float[] pw = ConvGemm.packWeight(g, wa, wo, true)[0].packed();
      SimdConvBatch.Geometry geo = geometry(g);
      int b = geo.block(), blocks = (n + b - 1) / b;
      Parallelism.forEach(blocks, () -> new SimdConvBatch.Scratch(geo, b),
          (s, t) -> SimdConvBatch.backwardInput(geo, s, ya, yo, pw, xa, 0, t * b, Math.min(n, t * b + b)));
    } else if (f32) {
      float[] ya = A.floats(dy), wa = A.floats(w), xa = A.floats(dx);
      Blas.PackedFloats[] pw = packable(alg, perExample) ? ConvGemm.packWeight(g, wa, wo, true) : null;
      Parallelism.forEach(n, () -> new FloatScratch(algF, g, tile), (s, i) -> {
        switch (algF) {
          case DIRECT -> DirectConv.backwardInput(g, ya, yo + i * ys, wa, wo + i * ws, xa, i * xs);
          case SLIDING_WINDOW -> SlidingConv.backwardInput(g, ya, yo + i * ys, wa, wo + i * ws, xa, i * xs, s.slide);
          case IM2COL_GEMM -> {
            for (int t0 = 0; t0 < rows; t0 += tile) {
              int t1 = Math.min(rows, t0 + tile);
              if (pw != null) {
                ConvGemm.backwardInput(g, ya, yo + i * ys, pw, xa, i * xs, s.cols, t0, t1, s.gemm);
              } else {
                ConvGemm.backwardInput(g, ya, yo + i * ys, wa, wo + i * ws, xa, i * xs, s.cols, t0, t1, s.gemm);
              }
            }
          }
          case POINTWISE_1X1 -> {
            if (pw != null) {
              ConvGemm.backwardInputPointwise(g, ya, yo + i * ys, pw, xa, i * xs, s.gemm);
            } else {
              ConvGemm.backwardInputPointwise(g, ya, yo + i * ys, wa, wo + i * ws, xa, i * xs, s.gemm);
            }
          }
        }
      });
    } else {
      double[] ya = A.doubles(dy), wa = A.doubles(w), xa = A.doubles(dx);
      Blas.PackedDoubles[] pw = packable(alg, perExample) ? ConvGemm.packWeight(g, wa, wo, true) : null;
      Parallelism.forEach(n, () -> new DoubleScratch(algF, g, tile), (s, i) -> {
        switch (algF) {
          case DIRECT -> DirectConv.backwardInput(g, ya, yo + i * ys, wa, wo + i * ws, xa, i * xs);
          case SLIDING_WINDOW -> SlidingConv.backwardInput(g, ya, yo + i * ys, wa, wo + i * ws, xa, i * xs, s.slide);
          case IM2COL_GEMM -> {
            for (int t0 = 0; t0 < rows; t0 += tile) {
              int t1 = Math.min(rows, t0 + tile);
              if (pw != null) {
                ConvGemm.backwardInput(g, ya, yo + i * ys, pw, xa, i * xs, s.cols, t0, t1, s.gemm);
              } else {
                ConvGemm.backwardInput(g, ya, yo + i * ys, wa, wo + i * ws, xa, i * xs, s.cols, t0, t1, s.gemm);
              }
            }
          }
          case POINTWISE_1X1 -> {
            if (pw != null) {
              ConvGemm.backwardInputPointwise(g, ya, yo + i * ys, pw, xa, i * xs, s.gemm);
            } else {
              ConvGemm.backwardInputPointwise(g, ya, yo + i * ys, wa, wo + i * ws, xa, i * xs, s.gemm);
            }
          }
        }
      });
    }
    return dx;
  }

  /** {@code dw}: summed over the batch into {@code (oc, c/g, *k)}, or one per example into {@code (n, oc, c/g, *k)}. */
  static Tensor backwardWeight(ConvShape g, int n, Tensor x, Tensor dy, boolean perExample, ConvAlgorithm alg, int[] dwShape) {
    x = x.contiguous();
    dy = dy.contiguous();
    Tensor dw = A.zeros(x.dtype(), dwShape);
    int xs = g.inputSize(), ys = g.outputSize(), wsz = g.weightSize();
    int xo = A.offset(x), yo = A.offset(dy);
    boolean f32 = x.dtype() == DType.FLOAT32;
    if (rowWinogradWeight(g, alg, perExample, f32)) {
      rowWeightBias(g, n, x, dy, A.floats(dw), null);
      return dw;
    }
    alg = ConvAlgorithm.runnable(ConvAlgorithm.weightGradient(alg), f32, perExample, ImplicitConv.vectorReady());
    ConvAlgorithm algF = alg;
    int rows = ConvGemm.outputRows(g);
    int tile = alg == ConvAlgorithm.IM2COL_GEMM ? tileRows(g, f32 ? 4 : 8) : rows;
    // Per example weights: each example owns its gradient. Shared weights: fixed chunks of the
    // batch sum into partial gradients, added in chunk order at the end. The GEMM paths keep their
    // partials transposed ((cg·K) × ocg per group), see ConvGemm.backwardWeightTransposed.
    int chunks = perExample ? n : weightChunks(n, wsz, f32 ? 4 : 8);
    boolean transposed = !perExample && (alg == ConvAlgorithm.IM2COL_GEMM || alg == ConvAlgorithm.POINTWISE_1X1);
    if (alg == ConvAlgorithm.WINOGRAD) {
      // Fixed chunks as for IMPLICIT_GEMM; each sums its examples into its own transform-domain
      // partial, in order; the partials are added in chunk order and transformed back once.
      WinogradConv.WeightPlan plan = WinogradConv.WeightPlan.of(g, f32);
      int chunksW = Math.min(n, 2 * weightChunks(n, plan.partialSize(), f32 ? 4 : 8));
      boolean simd = WinogradConv.vectorReady();
      if (f32) {
        float[] xa = A.floats(x), ya = A.floats(dy);
        float[][] partial = new float[chunksW][];
        Parallelism.forEach(chunksW, () -> new WinogradConv.WeightScratch(plan), (s, ch) -> {
          int i0 = (int) ((long) n * ch / chunksW), i1 = (int) ((long) n * (ch + 1) / chunksW);
          float[] target = partial[ch] = new float[plan.partialSize()];
          for (int i = i0; i < i1; i++) {
            WinogradConv.weightGrad(plan, s, xa, xo + i * xs, ya, yo + i * ys, target, 0, i == i0, simd);
          }
        });
        WinogradConv.weightCombine(plan, partial, A.floats(dw), 0);
      } else {
        double[] xa = A.doubles(x), ya = A.doubles(dy);
        double[][] partial = new double[chunksW][];
        Parallelism.forEach(chunksW, () -> new WinogradConv.WeightScratch(plan), (s, ch) -> {
          int i0 = (int) ((long) n * ch / chunksW), i1 = (int) ((long) n * (ch + 1) / chunksW);
          double[] target = partial[ch] = new double[plan.partialSize()];
          for (int i = i0; i < i1; i++) {
            WinogradConv.weightGrad(plan, s, xa, xo + i * xs, ya, yo + i * ys, target, 0, i == i0, simd);
          }
        });
        WinogradConv.weightCombine(plan, partial, A.doubles(dw), 0);
      }
    } else if (alg == ConvAlgorithm.IMPLICIT_GEMM) {
      // Fixed chunks as below; each sums its examples into its own partial, in order.
      // Twice the usual number of chunks: a chunk is a few large examples, and finer chunks keep
      // both threads busy to the end when one of them is preempted.
      ImplicitConv.Plan plan = ImplicitConv.Plan.weightGrad(g);
      float[] xa = A.floats(x), ya = A.floats(dy);
      int chunksI = Math.min(n, 2 * weightChunks(n, plan.partialSize(), 4));
      float[][] partial = new float[chunksI][];
      Parallelism.forEach(chunksI, () -> new ImplicitConv.Scratch(plan), (s, ch) -> {
        int i0 = (int) ((long) n * ch / chunksI), i1 = (int) ((long) n * (ch + 1) / chunksI);
        float[] target = partial[ch] = new float[plan.partialSize()];
        for (int i = i0; i < i1; i++) {
          ImplicitConv.weightGrad(plan, s, xa, xo + i * xs, ya, yo + i * ys, target, 0, true);
        }
      });
      ImplicitConv.combine(plan, partial, A.floats(dw), 0);
    } else if (laneSums(g, alg, perExample, f32)) {
      slidingWeightBias(g, n, x, dy, A.floats(dw), null);
    } else if (batched(g, alg, perExample, f32)) {
      batchedWeightBias(g, n, x, dy, A.floats(dw), null);
    } else if (f32) {
      float[] xa = A.floats(x), ya = A.floats(dy), wa = A.floats(dw);
      float[][] partial = new float[chunks][];
      Parallelism.forEach(chunks, () -> new FloatScratch(algF, g, tile), (s, ch) -> {
        int i0 = (int) ((long) n * ch / chunks), i1 = (int) ((long) n * (ch + 1) / chunks);
        float[] target = perExample ? wa : (partial[ch] = new float[wsz]);
        int base = perExample ? ch * wsz : 0;
        for (int i = i0; i < i1; i++) {
          weightExample(g, algF, transposed, s, xa, xo + i * xs, ya, yo + i * ys, target, base, rows, tile);
        }
      });
      if (!perExample) {
        combine(g, partial, wa, transposed);
      }
    } else {
      double[] xa = A.doubles(x), ya = A.doubles(dy), wa = A.doubles(dw);
      double[][] partial = new double[chunks][];
      Parallelism.forEach(chunks, () -> new DoubleScratch(algF, g, tile), (s, ch) -> {
        int i0 = (int) ((long) n * ch / chunks), i1 = (int) ((long) n * (ch + 1) / chunks);
        double[] target = perExample ? wa : (partial[ch] = new double[wsz]);
        int base = perExample ? ch * wsz : 0;
        for (int i = i0; i < i1; i++) {
          weightExample(g, algF, transposed, s, xa, xo + i * xs, ya, yo + i * ys, target, base, rows, tile);
        }
      });
      if (!perExample) {
        combine(g, partial, wa, transposed);
      }
    }
    return dw;
  }

  /**
   * Whether the weight gradient (and the bias gradient with it, see {@link #weightAndBias}) of this
   * problem runs as lane sums over chunks of the batch ({@link SlidingConv#weightLanes}): float32
   * {@link ConvAlgorithm#SLIDING_WINDOW} on the vector kernels, a weight shared by the batch, at
   * least two output channels per group (the kernel pairs them).
   */
  static boolean laneSums(ConvShape g, ConvAlgorithm alg, boolean perExample, boolean f32) {
    return f32 && Blas.SIMD && alg == ConvAlgorithm.SLIDING_WINDOW && !perExample && g.ocg() >= 2;
  }

  /**
   * {@code dw} and, when {@code db} is not null, {@code db} of a {@link #laneSums} problem in one
   * pass over {@code dy}: fixed chunks of the batch (as for every weight gradient) each sum their
   * examples into lane accumulators, reduce them into a partial gradient, and the partials are
   * added in chunk order.
   */
  private static void slidingWeightBias(ConvShape g, int n, Tensor x, Tensor dy, float[] dw, float[] db) {
    int xs = g.inputSize(), ys = g.outputSize(), wsz = g.weightSize(), oc = g.oc();
    int xo = A.offset(x), yo = A.offset(dy);
    float[] xa = A.floats(x), ya = A.floats(dy);
    int lw = SlidingConv.laneWidth(), size = SlidingConv.weightLanesSize(g, lw);
    int chunks = weightChunks(n, wsz, 4);
    float[][] partial = new float[chunks][];
    boolean bias = db != null;
    Parallelism.forEach(chunks, SlidingConv.Scratch::new, (s, ch) -> {
      int i0 = (int) ((long) n * ch / chunks), i1 = (int) ((long) n * (ch + 1) / chunks);
      float[] lanes = new float[size];
      for (int i = i0; i < i1; i++) {
        SlidingConv.weightLanes(g, xa, xo + i * xs, ya, yo + i * ys, lanes, bias, s, true);
      }
      float[] part = partial[ch] = new float[wsz + (bias ? oc : 0)];
      SlidingConv.reduceLanes(g, lanes, lw, part, 0, bias ? part : null, wsz);
    });
    for (int k = 0; k < wsz + (bias ? oc : 0); k++) {
      float acc = partial[0][k];
      for (int ch = 1; ch < chunks; ch++) {
        acc += partial[ch][k];
      }
      if (k < wsz) {
        dw[k] = acc;
      } else {
        db[k - wsz] = acc;
      }
    }
  }

  /**
   * Whether the weight gradient runs as the row Winograd F(4, 5) ({@link RowConv#weightRows}): the
   * forward pass is {@link ConvAlgorithm#ROW_VECTOR} on a {@link RowConv#winogradRows} shape (where
   * the forward pass runs the row Winograd too), float32, a weight shared by the batch.
   */
  static boolean rowWinogradWeight(ConvShape g, ConvAlgorithm alg, boolean perExample, boolean f32) {
    return f32 && !perExample && alg == ConvAlgorithm.ROW_VECTOR && RowConv.winogradRows(g);
  }

  /**
   * {@code dw} and, when {@code db} is not null, {@code db} of a {@link #rowWinogradWeight} problem:
   * fixed chunks of the batch, each summing its blocks of examples into a double partial
   * ({@link RowConv#weightRows}), the bias sums of a block's examples taken right after it while its
   * {@code dy} is in cache; partials added in chunk order ({@link RowConv#weightCombine}).
   */
  private static void rowWeightBias(ConvShape g, int n, Tensor x, Tensor dy, float[] dw, float[] db) {
    int ys = g.outputSize(), oc = g.oc(), plane = g.outputPlane();
    int xo = A.offset(x), yo = A.offset(dy);
    float[] xa = A.floats(x), ya = A.floats(dy);
    int size = RowConv.weightPartialSize(g), b = RowConv.weightBlockExamples(g);
    int chunks = weightChunks(n, size, 8);
    double[][] partial = new double[chunks][];
    float[][] bias = new float[chunks][];
    Parallelism.forEach(chunks, () -> new RowConv.WeightScratch(g), (s, ch) -> {
      int i0 = (int) ((long) n * ch / chunks), i1 = (int) ((long) n * (ch + 1) / chunks);
      double[] target = partial[ch] = new double[size];
      float[] bt = bias[ch] = new float[oc];
      for (int e = i0; e < i1; e += b) {
        int e1 = Math.min(i1, e + b);
        RowConv.weightRows(g, s, xa, xo, ya, yo, e, e1, target);
        for (int i = e; db != null && i < e1; i++) {
          Bias.grad(ya, yo + i * ys, oc, plane, bt, 0);
        }
      }
    });
    RowConv.weightCombine(g, partial, dw, 0);
    if (db != null) {
      addInChunkOrder(bias, db);
    }
  }

  /**
   * {@code dw} and, when {@code db} is not null, {@code db} of a {@link #batched} problem: fixed
   * chunks of the batch (as for every weight gradient), each cut into fixed blocks of examples, one
   * {@link SimdConvBatch#backwardWeight} product per block into the chunk's partial; the bias sums of
   * a block's examples are taken right after its product, while its {@code dy} is still in cache
   * (a separate pass over {@code dy} runs at memory speed). Partials are added in chunk order.
   */
  private static void batchedWeightBias(ConvShape g, int n, Tensor x, Tensor dy, float[] dw, float[] db) {
    int ys = g.outputSize(), wsz = g.weightSize(), oc = g.oc(), plane = g.outputPlane();
    int xo = A.offset(x), yo = A.offset(dy);
    float[] xa = A.floats(x), ya = A.floats(dy);
    int chunks = weightChunks(n, wsz, 4);
    float[][] partial = new float[chunks][];
    float[][] bias = new float[chunks][];
    SimdConvBatch.Geometry geo = geometry(g);
    int b = geo.block();
    Parallelism.forEach(chunks, () -> new SimdConvBatch.Scratch(geo, b), (s, ch) -> {
      int i0 = (int) ((long) n * ch / chunks), i1 = (int) ((long) n * (ch + 1) / chunks);
      float[] target = partial[ch] = new float[wsz];
      float[] bt = bias[ch] = new float[oc];
      for (int e = i0; e < i1; e += b) {
        int e1 = Math.min(i1, e + b);
        SimdConvBatch.backwardWeight(geo, s, xa, xo, ya, yo, target, 0, e, e1);
        for (int i = e; db != null && i < e1; i++) {
          Bias.grad(ya, yo + i * ys, oc, plane, bt, 0);
        }
      }
    });
    combine(g, partial, dw, false);
    if (db != null) {
      addInChunkOrder(bias, db);
    }
  }

  /** {@code into[k] = Σ_ch parts[ch][k]}, the chunks added in order (float, as the partials). */
  private static void addInChunkOrder(float[][] parts, float[] into) {
    for (int k = 0; k < into.length; k++) {
      float acc = parts[0][k];
      for (int ch = 1; ch < parts.length; ch++) {
        acc += parts[ch][k];
      }
      into[k] = acc;
    }
  }

  /**
   * {@code {dw, db}} of a {@link #laneSums} problem in one pass over {@code dy}, or of a
   * {@link #rowWinogradWeight} or {@link #batched} one with the bias sums taken per block of
   * examples while its {@code dy} is in cache (shared weight, bias {@code (oc)}); otherwise null
   * and the caller runs
   * {@link #backwardWeight} and {@link #biasGrad}.
   */
  static Tensor[] weightAndBias(ConvShape g, int n, Tensor x, Tensor dy, ConvAlgorithm alg, boolean perExample, int[] dwShape) {
    boolean f32 = x.dtype() == DType.FLOAT32;
    ConvAlgorithm weightAlg = ConvAlgorithm.runnable(ConvAlgorithm.weightGradient(alg), f32, perExample, ImplicitConv.vectorReady());
    boolean rows = rowWinogradWeight(g, alg, perExample, f32);
    boolean lanes = !rows && laneSums(g, weightAlg, perExample, f32);
    if (!rows && !lanes && !batched(g, weightAlg, perExample, f32)) {
      return null;
    }
    x = x.contiguous();
    dy = dy.contiguous();
    Tensor dw = A.zeros(x.dtype(), dwShape);
    Tensor db = A.zeros(x.dtype(), new int[] {g.oc()});
    if (rows) {
      rowWeightBias(g, n, x, dy, A.floats(dw), A.floats(db));
    } else if (lanes) {
      slidingWeightBias(g, n, x, dy, A.floats(dw), A.floats(db));
    } else {
      batchedWeightBias(g, n, x, dy, A.floats(dw), A.floats(db));
    }
    return new Tensor[] {dw, db};
  }


  /** {@code dw[k] = Σ_chunks partial[ch][k']} in chunk order, {@code k'} the transposed position when {@code transposed}. */
  private static void combine(ConvShape g, float[][] partial, float[] dw, boolean transposed) {
    int ocg = g.ocg(), rowsG = g.cg() * g.kernelSize();
    for (int grp = 0; grp < g.groups(); grp++) {
      for (int o = 0; o < ocg; o++) {
        for (int r = 0; r < rowsG; r++) {
          int k = (grp * ocg + o) * rowsG + r;
          int src = transposed ? grp * rowsG * ocg + r * ocg + o : k;
          float acc = partial[0][src];
          for (int ch = 1; ch < partial.length; ch++) {
            acc += partial[ch][src];
          }
          dw[k] = acc;
        }
      }
    }
  }

  private static void combine(ConvShape g, double[][] partial, double[] dw, boolean transposed) {
    int ocg = g.ocg(), rowsG = g.cg() * g.kernelSize();
    for (int grp = 0; grp < g.groups(); grp++) {
      for (int o = 0; o < ocg; o++) {
        for (int r = 0; r < rowsG; r++) {
          int k = (grp * ocg + o) * rowsG + r;
          int src = transposed ? grp * rowsG * ocg + r * ocg + o : k;
          double acc = partial[0][src];
          for (int ch = 1; ch < partial.length; ch++) {
            acc += partial[ch][src];
          }
          dw[k] = acc;
        }
      }
    }
  }

  private static void weightExample(ConvShape g, ConvAlgorithm alg, boolean transposed, FloatScratch s, float[] x, int xo,
      float[] dy, int yo, float[] dw, int dwo, int rows, int tile) {
    switch (alg) {
      case DIRECT -> DirectConv.backwardWeight(g, x, xo, dy, yo, dw, dwo);
      case SLIDING_WINDOW -> SlidingConv.backwardWeight(g, x, xo, dy, yo, dw, dwo, s.slide);
      case IM2COL_GEMM -> {
        for (int t0 = 0; t0 < rows; t0 += tile) {
          int t1 = Math.min(rows, t0 + tile);
          if (transposed) {
            ConvGemm.backwardWeightTransposed(g, x, xo, dy, yo, dw, dwo, s.cols, t0, t1, s.gemm);
          } else {
            ConvGemm.backwardWeight(g, x, xo, dy, yo, dw, dwo, s.cols, t0, t1, s.gemm);
          }
        }
      }
      case POINTWISE_1X1 -> {
        if (transposed) {
          ConvGemm.backwardWeightPointwiseTransposed(g, x, xo, dy, yo, dw, dwo, s.gemm);
        } else {
          ConvGemm.backwardWeightPointwise(g, x, xo, dy, yo, dw, dwo, s.gemm);
        }
      }
    }
  }

  private static void weightExample(ConvShape g, ConvAlgorithm alg, boolean transposed, DoubleScratch s, double[] x, int xo,
      double[] dy, int yo, double[] dw, int dwo, int rows, int tile) {
    switch (alg) {
      case DIRECT -> DirectConv.backwardWeight(g, x, xo, dy, yo, dw, dwo);
      case SLIDING_WINDOW -> SlidingConv.backwardWeight(g, x, xo, dy, yo, dw, dwo, s.slide);
      case IM2COL_GEMM -> {
        for (int t0 = 0; t0 < rows; t0 += tile) {
          int t1 = Math.min(rows, t0 + tile);
          if (transposed) {
            ConvGemm.backwardWeightTransposed(g, x, xo, dy, yo, dw, dwo, s.cols, t0, t1, s.gemm);
          } else {
            ConvGemm.backwardWeight(g, x, xo, dy, yo, dw, dwo, s.cols, t0, t1, s.gemm);
          }
        }
      }
      case POINTWISE_1X1 -> {
        if (transposed) {
          ConvGemm.backwardWeightPointwiseTransposed(g, x, xo, dy, yo, dw, dwo, s.gemm);
        } else {
          ConvGemm.backwardWeightPointwise(g, x, xo, dy, yo, dw, dwo, s.gemm);
        }
      }
    }
  }

  /** {@code db}: {@code (oc)} summed over the batch, or {@code (n, oc)} per example; tasks over channel blocks. */
  static Tensor biasGrad(int n, int oc, int plane, Tensor dyIn, boolean perExample) {
    Tensor dy = dyIn.contiguous();
    Tensor db = A.zeros(dy.dtype(), perExample ? new int[] {n, oc} : new int[] {oc});
    int yo = A.offset(dy), ys = oc * plane, bs = perExample ? oc : 0;
    boolean f32 = dy.dtype() == DType.FLOAT32;
    int blocks = Math.min(oc, 4 * Parallelism.threads());
    Parallelism.forEach(blocks, b -> {
      int o0 = (int) ((long) oc * b / blocks), o1 = (int) ((long) oc * (b + 1) / blocks);
      for (int i = 0; i < n; i++) {
        if (f32) {
          Bias.grad(A.floats(dy), yo + i * ys + o0 * plane, o1 - o0, plane, A.floats(db), i * bs + o0);
        } else {
          Bias.grad(A.doubles(dy), yo + i * ys + o0 * plane, o1 - o0, plane, A.doubles(db), i * bs + o0);
        }
      }
    });
    return db;
  }

  /** Adds a bias {@code (oc)} or {@code (n, oc)} into a freshly allocated {@code y}. */
  static void addBias(Tensor y, int n, int oc, int plane, Tensor bias) {
    bias = bias.contiguous();
    int bo = A.offset(bias), bs = bias.rank() == 2 ? oc : 0, ys = oc * plane;
    for (int i = 0; i < n; i++) {
      if (y.dtype() == DType.FLOAT32) {
        Bias.add(A.floats(y), i * ys, oc, plane, A.floats(bias), bo + i * bs);
      } else {
        Bias.add(A.doubles(y), i * ys, oc, plane, A.doubles(bias), bo + i * bs);
      }
    }
  }

  /**
   * Folds the gradient with respect to a padded input {@code (n, c, *padded)} back onto the input
   * {@code (n, c, *in)} through the adjoint of the padding.
   */
  static Tensor foldPadding(Tensor dPadded, int n, int c, int[] padded, int[] in, int[] lo, PadMode mode) {
    dPadded = dPadded.contiguous();
    int[] p3 = lift(padded, 1), i3 = lift(in, 1), l3 = lift(lo, 0);
    Tensor dx = A.zeros(dPadded.dtype(), ConvPlan.concat(new int[] {n, c}, in));
    int ps = c * p3[0] * p3[1] * p3[2], is = c * i3[0] * i3[1] * i3[2], po = A.offset(dPadded);
    for (int i = 0; i < n; i++) {
      if (dx.dtype() == DType.FLOAT32) {
        PadAdjoint.fold(A.floats(dPadded), po + i * ps, A.floats(dx), i * is, c, p3, i3, l3, mode);
      } else {
        PadAdjoint.fold(A.doubles(dPadded), po + i * ps, A.doubles(dx), i * is, c, p3, i3, l3, mode);
      }
    }
    return dx;
  }

  /** unfold: {@code cols (n, c·K, L)} from {@code x (n, c, *in)}. */
  static Tensor im2col(ConvShape g, int n, Tensor x, int[] colsShape) {
    x = x.contiguous();
    Tensor cols = A.zeros(x.dtype(), colsShape);
    int xs = g.inputSize(), cs = (int) g.colsSize(), xo = A.offset(x);
    for (int i = 0; i < n; i++) {
      if (x.dtype() == DType.FLOAT32) {
        Im2col.im2col(g, A.floats(x), xo + i * xs, A.floats(cols), i * cs);
      } else {
        Im2col.im2col(g, A.doubles(x), xo + i * xs, A.doubles(cols), i * cs);
      }
    }
    return cols;
  }

  /** fold: {@code x (n, c, *in)} summed from {@code cols (n, c·K, L)}. */
  static Tensor col2im(ConvShape g, int n, Tensor cols, int[] xShape) {
    cols = cols.contiguous();
    Tensor x = A.zeros(cols.dtype(), xShape);
    int xs = g.inputSize(), cs = (int) g.colsSize(), co = A.offset(cols);
    for (int i = 0; i < n; i++) {
      if (x.dtype() == DType.FLOAT32) {
        Im2col.col2im(g, A.floats(cols), co + i * cs, A.floats(x), i * xs);
      } else {
        Im2col.col2im(g, A.doubles(cols), co + i * cs, A.doubles(x), i * xs);
      }
    }
    return x;
  }

  private static int[] lift(int[] a, int fill) {
    int[] r = {fill, fill, fill};
    System.arraycopy(a, 0, r, 3 - a.length, a.length);
    return r;
  }
}
