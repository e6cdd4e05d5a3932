package org.conv4j.filter;

import java.util.Arrays;
import java.util.List;
import org.conv4j.window.PadMode;

/**
 * The keyword arguments shared by the {@link Filters} ops, SciPy's {@code mode}, {@code cval},
 * {@code origin} and {@code axes}, plus the thread count. Immutable: each method returns a changed
 * copy, so one options value can be shared.
 *
 * {@snippet :
 * FilterOptions o = FilterOptions.defaults().mode("nearest").origin(-1).axes(0, 1);
 * Tensor y = Filters.medianFilter(x, Footprint.size(5), o);
 * }
 *
 * <p>Defaults are SciPy's: {@code mode='reflect'}, {@code cval=0.0}, {@code origin=0}, every axis.
 * A single mode or origin applies to every filtered axis; {@link #modes(String...)} and
 * {@link #origins(int...)} give one value per filtered axis (SciPy's sequence form). As in SciPy, a
 * sequence of modes is accepted only by the separable filters (uniform, and minimum/maximum with a
 * size or an all-true footprint).
 */
public final class FilterOptions {
  private static final FilterOptions DEFAULTS =
      new FilterOptions(new String[] {"reflect"}, false, 0.0, new int[] {0}, false, null, 0);

  private final String[] modes;
  private final boolean modeSequence;
  private final double cval;
  private final int[] origins;
  private final boolean originSequence;
  private final int[] axes;
  private final int threads;

  private FilterOptions(
      String[] modes, boolean modeSequence, double cval, int[] origins, boolean originSequence, int[] axes, int threads) {
    this.modes = modes;
    this.modeSequence = modeSequence;
    this.cval = cval;
    this.origins = origins;
    this.originSequence = originSequence;
    this.axes = axes;
    this.threads = threads;
  }

  /** SciPy's defaults: {@code reflect}, {@code cval=0}, {@code origin=0}, all axes, default threads. */
  public static FilterOptions defaults() {
    return DEFAULTS;
  }

  /**
   * One boundary mode for every axis: {@code reflect} (default), {@code constant}, {@code nearest},
   * {@code mirror}, {@code wrap}, or the aliases {@code grid-mirror}, {@code grid-constant},
   * {@code grid-wrap} (SPEC §3.2).
   *
   * @throws IllegalArgumentException for another name
   */
  public FilterOptions mode(String name) {
    PadMode.scipyNdimage(name);
    return new FilterOptions(new String[] {name}, false, cval, origins, originSequence, axes, threads);
  }

  /**
   * One mode per filtered axis (SciPy's {@code mode=[...]}); only the separable filters accept it.
   *
   * @throws IllegalArgumentException for an unknown name or an empty list
   */
  public FilterOptions modes(String... names) {
    if (names.length == 0) {
      throw new IllegalArgumentException("modes: at least one mode is needed");
    }
    for (String n : names) {
      PadMode.scipyNdimage(n);
    }
    return new FilterOptions(names.clone(), true, cval, origins, originSequence, axes, threads);
  }

  /** The value outside the input for mode {@code constant} (SciPy's {@code cval}, default 0.0). */
  public FilterOptions cval(double value) {
    return new FilterOptions(modes, modeSequence, value, origins, originSequence, axes, threads);
  }

  /**
   * One origin for every filtered axis: positive values move the window towards smaller indices
   * (SPEC §3.1). Valid when {@code 0 ≤ K//2 + origin < K} for the window size {@code K}.
   */
  public FilterOptions origin(int origin) {
    return new FilterOptions(modes, modeSequence, cval, new int[] {origin}, false, axes, threads);
  }

  /** One origin per filtered axis (SciPy's {@code origin=(…)}). */
  public FilterOptions origins(int... origins) {
    if (origins.length == 0) {
      throw new IllegalArgumentException("origins: at least one origin is needed");
    }
    return new FilterOptions(modes, modeSequence, cval, origins.clone(), true, axes, threads);
  }

  /**
   * Filters only these axes (SciPy's {@code axes=}, negative values count from the end); the
   * weights or footprint then have {@code axes.length} dimensions.
   */
  public FilterOptions axes(int... axes) {
    return new FilterOptions(modes, modeSequence, cval, origins, originSequence, axes.clone(), threads);
  }

  /** All axes (the default). */
  public FilterOptions allAxes() {
    return new FilterOptions(modes, modeSequence, cval, origins, originSequence, null, threads);
  }

  /**
   * Threads for this call; 0 (the default) means {@link org.conv4j.runtime.Parallelism#threads()}
   * (the process default, the system property {@code conv4j.threads}, or the number of processors;
   * 1 inside another op's task). Results are the same for any count.
   */
  public FilterOptions threads(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (0 = default), got " + threads);
    }
    return new FilterOptions(modes, modeSequence, cval, origins, originSequence, axes, threads);
  }

  /** The mode names as given (one, or one per filtered axis). */
  public List<String> modes() {
    return List.of(modes);
  }

  /** Whether the modes were given as a sequence ({@link #modes(String...)}). */
  public boolean modeSequence() {
    return modeSequence;
  }

  /** The constant-mode value. */
  public double cval() {
    return cval;
  }

  /** The origins as given (a copy). */
  public int[] origins() {
    return origins.clone();
  }

  /** Whether the origins were given as a sequence ({@link #origins(int...)}). */
  public boolean originSequence() {
    return originSequence;
  }

  /** The filtered axes as given (a copy), or null for all axes. */
  public int[] axes() {
    return axes == null ? null : axes.clone();
  }

  /** The thread count (0 = default). */
  public int threads() {
    return threads;
  }

  @Override
  public String toString() {
    return "FilterOptions[mode=" + (modeSequence ? Arrays.toString(modes) : modes[0]) + ", cval=" + cval
        + ", origin=" + (originSequence ? Arrays.toString(origins) : origins[0])
        + ", axes=" + (axes == null ? "None" : Arrays.toString(axes)) + ", threads=" + threads + "]";
  }
}
