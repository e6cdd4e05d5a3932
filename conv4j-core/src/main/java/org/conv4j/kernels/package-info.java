/**
 * Scalar compute kernels for the convolution family: static methods over primitive arrays with
 * offsets, one example at a time, single-threaded, writing into caller-provided outputs and
 * allocating nothing in their loops. Every fast kernel ({@link org.conv4j.kernels.ConvGemm},
 * {@link org.conv4j.kernels.Gemm}) has a plainly written reference twin
 * ({@link org.conv4j.kernels.DirectConv}). The geometry of a problem travels as one
 * {@link org.conv4j.kernels.ConvShape}. Each kernel comes in float32 and float64 versions.
 */
package org.conv4j.kernels;
