package org.conv4j.kernels;

import java.util.function.BooleanSupplier;

/**
 * The one rule for turning the Vector API kernels on: the system property {@code conv4j.simd} is not
 * {@code false}, the {@code jdk.incubator.vector} module is in the boot layer, and the caller's probe
 * (a tiny run of its own vector kernel, checked against known values) succeeds. Each kernel family
 * decides once, in a static final, through {@link #enabled}; loading this class never touches the
 * Vector API classes, so a missing module shows as a {@link LinkageError} inside the probe.
 */
public final class SimdSwitch {
  /** Whether the property and the module allow SIMD at all in this process. */
  public static final boolean ALLOWED = allowed();

  private SimdSwitch() {}

  /** {@link #ALLOWED} and {@code probe} returns true without throwing. */
  public static boolean enabled(BooleanSupplier probe) {
    if (!ALLOWED) {
      return false;
    }
    try {
      return probe.getAsBoolean();
    } catch (LinkageError | RuntimeException e) {
      return false;
    }
  }

  private static boolean allowed() {
    if ("false".equalsIgnoreCase(System.getProperty("conv4j.simd", "true").trim())) {
      return false;
    }
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }
}
