/**
 * The N-d {@link org.conv4j.tensor.Tensor} (float32/float64, rank 0–8, NumPy semantics), shape
 * helpers and the reproducible {@link org.conv4j.tensor.Rng}.
 */
package org.conv4j.tensor;
