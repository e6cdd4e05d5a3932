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
 *
 * <h2>Pooling</h2>
 * {@link org.conv4j.nn.functional.MaxPool} and {@link org.conv4j.nn.functional.AvgPool} are
 * PyTorch's {@code F.max_pool{1,2,3}d} and {@code F.avg_pool{1,2,3}d} (SPEC §5.5) on
 * {@code (N, C, *spatial)} or unbatched {@code (C, *spatial)} tensors: stride (default: the
 * kernel), padding ({@code ≤ kernel/2}; −∞ for max, zeros for avg), dilation (max only),
 * {@code ceil_mode} with the rule that the last window starts inside the input or the left padding,
 * {@code count_include_pad} and {@code divisor_override}. Max pooling scans each window in
 * row-major order with ATen's rule {@code v > max || isNaN(v)} (ties keep the first element, NaN
 * propagates, the last NaN's index is kept) and returns indices as flat offsets into the unpadded
 * input plane ({@link org.conv4j.nn.functional.MaxPoolResult#indexLongs()} gives int64).
 * {@link org.conv4j.nn.functional.TheanoPool} is Theano's {@code pool_2d} (SPEC §6.2) with modes
 * max, sum, average_inc_pad and average_exc_pad and the {@code ignore_border} output-size rule.
 * Every op has its output-shape function and backward in the same file.
 */
package org.conv4j.nn.functional;
