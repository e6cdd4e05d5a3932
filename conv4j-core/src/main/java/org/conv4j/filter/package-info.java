/**
 * SciPy {@code scipy.ndimage} filters (SPEC §3): N-d correlation and convolution with boundary
 * modes, the uniform (mean) filter, minimum and maximum filters, and the rank filters (median,
 * percentile, rank), for float32 and float64 tensors. Entry point: {@link org.conv4j.filter.Filters};
 * keyword arguments in {@link org.conv4j.filter.FilterOptions}; windows for the rank-type filters in
 * {@link org.conv4j.filter.Footprint}.
 *
 * <p>The kernels live in {@code org.conv4j.kernels} ({@code FilterCorrelate}, {@code FilterSeparable},
 * {@code FilterRank}, with the reference twins in {@code FilterNaive}); their vector loops in
 * {@code org.conv4j.kernels.simd.FilterVectors}.
 */
package org.conv4j.filter;
