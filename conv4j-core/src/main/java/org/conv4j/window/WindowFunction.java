package org.conv4j.window;

/**
 * A user function of one window's values, for {@link WindowOp#apply}: SciPy's
 * {@code generic_filter} callback ({@code double apply(double[] window)}, SPEC §3.6).
 *
 * <p>{@code window} holds the values at the footprint's selected positions in C (row-major) order
 * of the footprint, boundary values filled in per the mode. It is a buffer reused for every window
 * of one worker thread: the function may modify it (e.g. sort it), must not keep it, and should be
 * free of side effects other than on it, since windows are visited in parallel. Extra arguments
 * (SciPy's {@code extra_arguments}) become the lambda's captured variables.
 */
@FunctionalInterface
public interface WindowFunction {
  /** The result for one window. */
  double apply(double[] window);
}
