/**
 * Fast Fourier transforms for the convolution ops: a mixed-radix (4, 2, 3, 5, and a plain DFT
 * butterfly for any other prime) Stockham complex FFT ({@link org.conv4j.kernels.fft.ComplexFft}),
 * a real-input transform built on a half-length complex one ({@link org.conv4j.kernels.fft.RealFft}),
 * and the choice of fast lengths ({@link org.conv4j.kernels.fft.FastLength}).
 *
 * <p>All transforms work on <b>many sequences at once</b>: element {@code i} of sequence {@code c}
 * sits at {@code off + i·is + c·cs}. Sequences are gathered into a packed {@code [n][chunk]}
 * workspace, so every butterfly's innermost loop runs over {@code chunk} independent sequences with
 * the same twiddle factor: unit-stride loops that the JIT vectorises, whatever axis of an N-d array
 * is transformed. Data are split real/imaginary {@code double} arrays; the {@code Float…} classes
 * ({@link org.conv4j.kernels.fft.FloatComplexFft}, {@link org.conv4j.kernels.fft.FloatRealFft},
 * {@link org.conv4j.kernels.fft.FloatRealFftNd}, {@link org.conv4j.kernels.fft.FloatOverlapAdd1d})
 * are their float32 twins, operation for operation, for float32 convolutions (as SciPy runs float32
 * FFTs in single precision). {@link org.conv4j.kernels.fft.TileConv2d} and
 * {@link org.conv4j.kernels.fft.FloatTileConv2d} convolve one tile of a 2-D overlap-add with a fixed
 * kernel in a tile-sized, cache-resident workspace.
 */
package org.conv4j.kernels.fft;
