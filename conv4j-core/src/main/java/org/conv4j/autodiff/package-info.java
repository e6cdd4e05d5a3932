/**
 * Reverse-mode automatic differentiation over tensors: {@link org.conv4j.autodiff.Variable} is
 * the engine (value, gradient, inputs and a backward closure; backward in reverse topological
 * order, gradients accumulated; a per-thread no-grad mode) and {@link org.conv4j.autodiff.Ops}
 * holds every differentiable op with its gradient rule: broadcasting elementwise ops, reductions,
 * views, padding, joins, matmul, log-softmax and losses, and the whole convolution family of
 * {@code org.conv4j.nn.functional} (conv, transposed and per-example conv, unfold/fold, pooling).
 *
 * <p>Because unfold is differentiable, so is any operation written over sliding windows as
 * {@code unfold → elementwise/reduction ops → reshape}: its gradient reaches the input and every
 * tensor it uses (seed 000's mean squared deviation from a template).
 */
package org.conv4j.autodiff;
