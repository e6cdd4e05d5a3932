/**
 * Compute kernels for the convolution family: static methods over primitive arrays with offsets,
 * one example at a time, single-threaded, writing into caller-provided outputs and allocating
 * nothing in their loops (callers pass workspaces). Parallelism is applied by the ops, outside the
 * kernels ({@link org.conv4j.runtime.Parallelism}).
 *
 * <p>Matrix products go through {@link org.conv4j.kernels.Blas}, which picks the Vector API kernels
 * of {@link org.conv4j.kernels.simd} once per process or their scalar twin {@link org.conv4j.kernels.Gemm}.
 * Convolution runs as im2col + GEMM ({@link org.conv4j.kernels.ConvGemm}, row-tiled to bound its
 * workspace), as a direct sliding-window sum for stride-1 layers with few taps
 * ({@link org.conv4j.kernels.SlidingConv}), or by the plainly written reference loops
 * ({@link org.conv4j.kernels.DirectConv}), which every fast path is tested against. The geometry of a
 * problem travels as one {@link org.conv4j.kernels.ConvShape}. Each kernel comes in float32 and
 * float64 versions.
 */
package org.conv4j.kernels;
