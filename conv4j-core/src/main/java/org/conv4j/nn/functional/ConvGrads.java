package org.conv4j.nn.functional;

import org.conv4j.tensor.Tensor;

/**
 * The gradients of a convolution-family op with respect to its input, weight and bias; an entry
 * is null when its {@link GradMask} flag was off.
 *
 * @param dx gradient with respect to the input, the input's shape
 * @param dw gradient with respect to the weight, the weight's shape
 * @param db gradient with respect to the bias, the bias's shape
 */
public record ConvGrads(Tensor dx, Tensor dw, Tensor db) {}
