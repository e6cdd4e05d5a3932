/**
 * SciPy-compatible signal convolution: {@link org.conv4j.signal.Signal} ({@code convolve},
 * {@code correlate}, {@code fftconvolve}, {@code oaconvolve}, {@code convolve2d},
 * {@code correlate2d}, {@code correlationLags}, {@code chooseMethod}, batched per-example
 * kernels), with the {@link org.conv4j.signal.Mode}, {@link org.conv4j.signal.Method} and
 * {@link org.conv4j.signal.Boundary} vocabularies and the cost-model constants of
 * {@link org.conv4j.signal.SignalTuning}. Semantics: SPEC §1–§2 (scipy.signal 1.17).
 */
package org.conv4j.signal;
