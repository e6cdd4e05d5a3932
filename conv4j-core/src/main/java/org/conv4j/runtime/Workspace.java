package org.conv4j.runtime;

/**
 * Bounds on the scratch memory conv4j's ops allocate. The convolution ops lower a problem to
 * matrix products through an im2col column buffer; they tile the batch and the output rows so that
 * the column buffers of all concurrently running workers together stay under
 * {@link #maxColumnBytes()} (64 MiB unless changed here or by the system property
 * {@code conv4j.workspace.mib}). Smaller caps cost speed, never correctness: the result is the same
 * up to the rounding of the summation order, which the tests bound.
 */
public final class Workspace {
  /** The default cap: 64 MiB. */
  public static final long DEFAULT_MAX_COLUMN_BYTES = 64L << 20;
  private static volatile long maxColumnBytes = initial();

  private Workspace() {}

  /** The current cap on column-buffer memory, in bytes, across all workers of one op. */
  public static long maxColumnBytes() {
    return maxColumnBytes;
  }

  /**
   * Sets the cap on column-buffer memory.
   *
   * @throws IllegalArgumentException if {@code bytes < 4096}
   */
  public static void setMaxColumnBytes(long bytes) {
    if (bytes < 4096) {
      throw new IllegalArgumentException("column workspace cap must be at least 4096 bytes, got " + bytes);
    }
    maxColumnBytes = bytes;
  }

  private static long initial() {
    String p = System.getProperty("conv4j.workspace.mib");
    if (p != null) {
      try {
        long mib = Long.parseLong(p.trim());
        if (mib >= 1) {
          return mib << 20;
        }
      } catch (NumberFormatException e) {
        // fall back to the default
      }
    }
    return DEFAULT_MAX_COLUMN_BYTES;
  }
}
