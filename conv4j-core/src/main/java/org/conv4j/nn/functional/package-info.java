/**
 * Deep-learning style operations on {@link org.conv4j.tensor.Tensor}s, named after PyTorch's
 * {@code torch.nn.functional}: convolution ({@link org.conv4j.nn.functional.Conv}), transposed
 * convolution ({@link org.conv4j.nn.functional.ConvTranspose}), per-example kernels
 * ({@link org.conv4j.nn.functional.PerExampleConv}), im2col/col2im
 * ({@link org.conv4j.nn.functional.Unfold}) and convolution matrices
 * ({@link org.conv4j.nn.functional.ConvolutionMatrix}), each with its backward pass.
 *
 * <p>An op file checks shapes, resolves its parameter record, chooses an algorithm with
 * {@link org.conv4j.nn.functional.ConvAlgorithm#select} and calls the scalar kernels of
 * {@code org.conv4j.kernels}; it has no element loops of its own. Float32 and float64 are both
 * supported; mixing them is an error.
 */
package org.conv4j.nn.functional;
