package org.conv4j.kernels;

/**
 * The Theano LeNet layer's tail, {@code tanh(maxpool(z) + b)}, fused into one pass over the
 * convolution output {@code z (planes = n·c, h, w)} in float32, and its backward pass.
 *
 * <p>Forward: non-overlapping {@code k×k} windows (stride k, partial windows at the border
 * dropped), scanned row-major with {@link PoolKernels}' rule (a value replaces the running maximum
 * when it is greater or NaN, so ties keep the first and a NaN propagates); then {@code max + b[c]}
 * rounded to float and {@code (float) Math.tanh} of it. That is, value for value, what the
 * unfused {@code maxPool}, broadcast {@code add} and {@code tanh} ops compute (float32 sums are
 * exact in double), so the fused layer gives the same bits. The window's argmax (offset in the
 * plane) is kept for the backward pass.
 *
 * <p>Backward: {@code g = dy·(1 − y·y)} (the tanh adjoint, same float rounding as the unfused ops),
 * scattered to the argmax of each window (the rest of {@code dz} stays zero), and {@code db[c] =
 * Σ g} over the batch and the pooled plane, summed in double in (example, position) order.
 */
public final class PoolBiasTanh {
  private PoolBiasTanh() {}

  /**
   * Planes {@code [p0, p1)} of the forward pass. {@code y} and {@code arg} are {@code (planes, oh,
   * ow)} with {@code oh = h / k}, {@code ow = w / k}; plane {@code p} uses {@code bias[bOff + p % c]}.
   */
  public static void forward(float[] z, int zOff, int h, int w, int k, float[] bias, int bOff, int c,
      float[] y, int[] arg, int p0, int p1) {
    int oh = h / k, ow = w / k, in = h * w, out = oh * ow;
    if (MaxPoolPlanes.SIMD && (k == 1 || k == 2)) {
      // the vectorised max pooling (same values and argmax), then the bias
      MaxPoolPlanes.forward(z, zOff + p0 * in, y, arg, p0 * out, p1 - p0, new PoolGrid(h, w, oh, ow, k, k, k, k, 0, 0));
      for (int p = p0; p < p1; p++) {
        float b = bias[bOff + p % c];
        for (int o = p * out, end = o + out; o < end; o++) {
          y[o] += b;
        }
      }
      Activations.tanh(y, p0 * out, y, p0 * out, (p1 - p0) * out);
      return;
    }
    for (int p = p0; p < p1; p++) {
      int base = zOff + p * in;
      float b = bias[bOff + p % c];
      int o = p * out;
      for (int r = 0; r < oh; r++) {
        int top = r * k * w;
        if (k == 2) {
          for (int q = 0; q < ow; q++, o++) {
            int f = top + 2 * q;
            float max = Float.NEGATIVE_INFINITY;
            int a = f;
            float v = z[base + f];
            if (v > max || v != v) {
              max = v;
            }
            v = z[base + f + 1];
            if (v > max || v != v) {
              max = v;
              a = f + 1;
            }
            v = z[base + f + w];
            if (v > max || v != v) {
              max = v;
              a = f + w;
            }
            v = z[base + f + w + 1];
            if (v > max || v != v) {
              max = v;
              a = f + w + 1;
            }
            arg[o] = a;
            y[o] = max + b;
          }
        } else {
          for (int q = 0; q < ow; q++, o++) {
            int f = top + k * q;
            float max = Float.NEGATIVE_INFINITY;
            int a = f;
            for (int th = 0, row = f; th < k; th++, row += w) {
              for (int tw = 0; tw < k; tw++) {
                float v = z[base + row + tw];
                if (v > max || v != v) {
                  max = v;
                  a = row + tw;
                }
              }
            }
            arg[o] = a;
            y[o] = max + b;
          }
        }
      }
    }
    Activations.tanh(y, p0 * out, y, p0 * out, (p1 - p0) * out);
  }

  /**
   * Planes {@code [p0, p1)} of the input gradient: {@code dz[plane p, arg] = dy·(1 − y²)}, written
   * into a zeroed {@code dz (planes, h, w)}; the pre-activation gradient {@code g} is also stored in
   * {@code g (planes, oh, ow)} for the bias gradient.
   */
  public static void backward(float[] dy, int dyOff, float[] y, int[] arg, int h, int w, int k,
      float[] dz, float[] g, int p0, int p1) {
    int out = (h / k) * (w / k), in = h * w;
    for (int p = p0; p < p1; p++) {
      int o = p * out, base = p * in;
      for (int j = 0; j < out; j++, o++) {
        float yv = y[o];
        float gv = dy[dyOff + o] * (1f - yv * yv);
        g[o] = gv;
        dz[base + arg[o]] = gv;
      }
    }
  }

  /** {@code db[c'] = Σ_n Σ_j g[n, c', j]} for {@code c'} in {@code [c0, c1)}, in double, example by example. */
  public static void biasGrad(float[] g, int n, int c, int out, float[] db, int c0, int c1) {
    for (int ch = c0; ch < c1; ch++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0, o = (i * c + ch) * out; j < out; j++, o++) {
          s += g[o];
        }
      }
      db[ch] = (float) s;
    }
  }
}
