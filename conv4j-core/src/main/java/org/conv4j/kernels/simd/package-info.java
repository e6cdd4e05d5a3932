/**
 * The JDK Vector API kernels — the only package that imports {@code jdk.incubator.vector}:
 * <ul>
 *   <li>GEMM: {@link org.conv4j.kernels.simd.SimdSgemm} / {@link org.conv4j.kernels.simd.SimdDgemm}
 *       (packed panels, register-blocked micro-kernel);
 *   <li>convolution: {@link org.conv4j.kernels.simd.SimdSlide} (sliding-window rows),
 *       {@link org.conv4j.kernels.simd.SimdRowConv} (the row Winograd F(4, 5)),
 *       {@link org.conv4j.kernels.simd.SimdImplicitConv} (implicit GEMM),
 *       {@link org.conv4j.kernels.simd.SimdWinograd} (Winograd transforms),
 *       {@link org.conv4j.kernels.simd.SimdConvBatch} and {@link org.conv4j.kernels.simd.SimdCopy}
 *       (im2col and batched packing);
 *   <li>pooling: {@link org.conv4j.kernels.simd.SimdPool} (uniform 2-D windows) and
 *       {@link org.conv4j.kernels.simd.SimdPoolTables} (any windows, described by the plain-data
 *       {@link org.conv4j.kernels.simd.PoolWindows});
 *   <li>signal processing, filters and matching: {@link org.conv4j.kernels.simd.SignalFft},
 *       {@link org.conv4j.kernels.simd.SignalFftFloat}, {@link org.conv4j.kernels.simd.SignalDirect},
 *       {@link org.conv4j.kernels.simd.FilterVectors}, {@link org.conv4j.kernels.simd.MatchSimd}.
 * </ul>
 *
 * <p>Nothing outside {@link org.conv4j.kernels} calls these directly: each caller there decides once
 * per process ({@code static final}, through {@code SimdSwitch} and a probe that runs the kernel
 * against its scalar twin) whether they are used, falling back to the scalar twins when the module
 * is not in the boot layer or {@code -Dconv4j.simd=false} is set. Every vector value lives inside
 * one method (a vector passed to a helper C2 does not inline is allocated on the heap, and so is one
 * merged from loads of different kinds). Each kernel's scalar twin computes the same bits where the
 * summation order is the same; the tests check that.
 */
package org.conv4j.kernels.simd;
