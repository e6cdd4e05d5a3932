/**
 * The JDK Vector API kernels — the only package that imports {@code jdk.incubator.vector}:
 * {@link org.conv4j.kernels.simd.SimdSgemm} / {@link org.conv4j.kernels.simd.SimdDgemm} (packed
 * GEMM with a 2×4-vector register tile), {@link org.conv4j.kernels.simd.SimdSlide} (the sliding-window
 * convolution's inner loops) and {@link org.conv4j.kernels.simd.SimdCopy} (im2col's row copies).
 *
 * <p>Nothing outside {@link org.conv4j.kernels} calls these directly: {@link org.conv4j.kernels.Blas}
 * decides once per process ({@code static final}) whether they are used, falling back to the scalar
 * twins when the module is not in the boot layer or {@code -Dconv4j.simd=false} is set. Every vector
 * value lives inside one method (a vector passed to a helper C2 does not inline is allocated on the
 * heap). Each kernel's scalar twin computes the same bits where the summation order is the same; the
 * tests check that.
 */
package org.conv4j.kernels.simd;
