package org.conv4j.tensor;

/**
 * NumPy {@code matmul}: 1-D operands are promoted ({@code (k)} → {@code (1,k)} on the left,
 * {@code (k,1)} on the right) and the added axis removed from the result; the leading batch axes
 * broadcast. Each matrix product goes to {@code kernels.Blas} (the packed SIMD GEMM when the
 * Vector API is available, parallel over blocks of the result, bit-identical for any thread
 * count; {@code kernels.Gemm} is the scalar twin).
 */
final class LinAlg {
  private LinAlg() {}

  static Tensor matmul(Tensor a, Tensor b) {
    if (a.rank() == 0 || b.rank() == 0) {
      throw new IllegalArgumentException(
          "matmul: operands must have at least one axis, got shapes " + Shape.toString(a.shape) + " and "
              + Shape.toString(b.shape));
    }
    boolean vecA = a.rank() == 1;
    boolean vecB = b.rank() == 1;
    Tensor x = vecA ? a.unsqueeze(0) : a;
    Tensor y = vecB ? b.unsqueeze(1) : b;
    int m = x.dim(-2);
    int k = x.dim(-1);
    int k2 = y.dim(-2);
    int n = y.dim(-1);
    if (k != k2) {
      throw new IllegalArgumentException(
          "matmul: shapes " + Shape.toString(a.shape) + " and " + Shape.toString(b.shape)
              + " are not aligned: contraction size " + k + " (last axis of the first) != " + k2
              + " (second-to-last axis of the second)");
    }
    int[] ba = java.util.Arrays.copyOf(x.shape, x.rank() - 2);
    int[] bb = java.util.Arrays.copyOf(y.shape, y.rank() - 2);
    int[] batch;
    try {
      batch = Shape.broadcast(ba, bb);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "matmul: batch axes of shapes " + Shape.toString(a.shape) + " and " + Shape.toString(b.shape)
              + " cannot be broadcast together (" + e.getMessage() + ")");
    }
    DType dt = DType.promote(a.dtype, b.dtype);
    int[] xs = concat(batch, m, k);
    int[] ys = concat(batch, k, n);
    // Broadcast batch operands are walked through their (possibly zero) batch strides, one matrix
    // at a time, so a broadcast operand is never materialised across the batch.
    Tensor xb = x.to(dt).expand(xs);
    Tensor yb = y.to(dt).expand(ys);
    int nb = Shape.size(batch);
    int[] outShape = concat(batch, m, n);
    Tensor out = Tensor.alloc(dt, outShape);
    int[] idx = new int[batch.length];
    for (int i = 0; i < nb; i++) {
      Tensor xm = batchMatrix(xb, idx);
      Tensor ym = batchMatrix(yb, idx);
      if (dt == DType.FLOAT32) {
        org.conv4j.kernels.Blas.sgemmParallel(
            false, false, m, n, k, xm.f, xm.offset, k, ym.f, ym.offset, n, out.f, i * m * n, n, false);
      } else {
        org.conv4j.kernels.Blas.dgemmParallel(
            false, false, m, n, k, xm.d, xm.offset, k, ym.d, ym.offset, n, out.d, i * m * n, n, false);
      }
      for (int ax = batch.length - 1; ax >= 0; ax--) {
        if (++idx[ax] < batch[ax]) {
          break;
        }
        idx[ax] = 0;
      }
    }
    Tensor r = out;
    if (vecA) {
      r = r.squeeze(r.rank() - 2);
    }
    if (vecB) {
      r = r.squeeze(r.rank() - 1);
    }
    return r;
  }

  /** The contiguous matrix at batch index {@code idx} of {@code t} (a view when already C-ordered). */
  private static Tensor batchMatrix(Tensor t, int[] idx) {
    Tensor v = t;
    for (int a = 0; a < idx.length; a++) {
      v = v.select(0, idx[a]);
    }
    return v.contiguous();
  }

  private static int[] concat(int[] batch, int p, int q) {
    int[] s = java.util.Arrays.copyOf(batch, batch.length + 2);
    s[batch.length] = p;
    s[batch.length + 1] = q;
    return s;
  }
}
