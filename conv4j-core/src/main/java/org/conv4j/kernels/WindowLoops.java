package org.conv4j.kernels;

import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.conv4j.window.WindowFunction;

/**
 * Runs {@link WindowLoop} with the JIT able to inline the user's function.
 *
 * <p>The problem: HotSpot inlines an interface call from the receiver classes profiled at that
 * call site, and the profile belongs to the method's bytecode, shared by all callers. One loop
 * used with several lambdas (a mean, a median, the MSD…) sees several receiver classes, becomes
 * megamorphic, and every window then pays a virtual call and a loop the JIT cannot optimise across
 * (measured: see docs/BENCHMARKS.md). The fix: a private copy of the loop per function class,
 * defined from {@code WindowLoop}'s own bytes as a hidden class
 * ({@link MethodHandles.Lookup#defineHiddenClass}) and cached in a {@link ClassValue}. Each copy
 * has its own profile, monomorphic by construction, so {@code fn.apply} is inlined whatever else
 * the process runs. All lambdas of one source expression share a class, hence one copy.
 *
 * <p>{@code -Dconv4j.window.clone=false} turns the copies off (one shared loop), for comparison.
 */
public final class WindowLoops {
  private static final MethodType TYPE = MethodType.methodType(void.class, WindowFunction.class, double[].class,
      int[].class, int.class, int[].class, int[].class, int.class, int.class, double[].class, float[].class);
  private static final boolean CLONE =
      !"false".equalsIgnoreCase(System.getProperty("conv4j.window.clone", "true").trim());
  private static final byte[] BYTES = loadBytes();

  /**
   * Whether {@link WindowLoop} fills windows incrementally along a row (default); turned off by
   * {@code -Dconv4j.window.slide=false}, for comparison.
   */
  public static final boolean SLIDE =
      !"false".equalsIgnoreCase(System.getProperty("conv4j.window.slide", "true").trim());
  private static final MethodHandle SHARED;

  static {
    try {
      SHARED = MethodHandles.lookup().findStatic(WindowLoop.class, "run", TYPE);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final ClassValue<MethodHandle> COPIES = new ClassValue<>() {
    @Override
    protected MethodHandle computeValue(Class<?> fnClass) {
      if (!CLONE || BYTES == null) {
        return SHARED;
      }
      try {
        MethodHandles.Lookup l = MethodHandles.lookup().defineHiddenClass(BYTES, true);
        return l.findStatic(l.lookupClass(), "run", TYPE);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        return SHARED;
      }
    }
  };

  private WindowLoops() {}

  /** Whether per-function copies are in use (false when disabled or the class bytes are unreadable). */
  public static boolean cloning() {
    return CLONE && BYTES != null;
  }

  /** The loop for this function's class. */
  public static MethodHandle loopFor(WindowFunction fn) {
    return COPIES.get(fn.getClass());
  }

  /** Runs {@link WindowLoop#run} through {@code loop} (from {@link #loopFor}). */
  public static void run(MethodHandle loop, WindowFunction fn, double[] src, int[] rowOff, int kx, int[] outShape,
      int[] posStride, int fromRow, int toRow, double[] outD, float[] outF) {
    try {
      loop.invokeExact(fn, src, rowOff, kx, outShape, posStride, fromRow, toRow, outD, outF);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static byte[] loadBytes() {
    try (InputStream in = WindowLoop.class.getResourceAsStream("WindowLoop.class")) {
      return in == null ? null : in.readAllBytes();
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
