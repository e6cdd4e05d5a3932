// conv4j filter: scipy.ndimage filters of an .npy array.
package org.conv4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.conv4j.filter.FilterOptions;
import org.conv4j.filter.Filters;
import org.conv4j.filter.Footprint;
import org.conv4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code conv4j filter IN.npy -o OUT.npy --op correlate|convolve|uniform|minimum|maximum|median|
 * percentile|rank [--weights W.npy] [--size s] [--footprint F.npy] [--percentile p] [--rank r]
 * [--mode m] [--cval v] [--origin o] [--axis a]}: {@code scipy.ndimage}'s filters ({@link
 * Filters}). {@code --axis} selects the 1-D variants ({@code correlate1d}, {@code convolve1d},
 * {@code uniform_filter1d}, {@code minimum_filter1d}, {@code maximum_filter1d}); for median,
 * percentile and rank it filters that one axis ({@code axes=(a,)}). The output has IN's dtype.
 * Options that the op does not take are usage errors.
 */
@Command(
    name = "filter",
    description = {
      "scipy.ndimage filters of IN (any rank): correlate, convolve, uniform, minimum, maximum,",
      "median, percentile, rank; output the shape and dtype of IN."
    })
final class FilterCommand extends CliCommand {
  /** The filter. */
  enum Op {
    CORRELATE,
    CONVOLVE,
    UNIFORM,
    MINIMUM,
    MAXIMUM,
    MEDIAN,
    PERCENTILE,
    RANK
  }

  @Parameters(index = "0", paramLabel = "IN.npy", description = "The input, any rank.")
  private Path input;

  @Mixin private OutputOption output;

  @Option(
      names = "--op",
      paramLabel = "OP",
      required = true,
      converter = OpConverter.class,
      description = "correlate, convolve, uniform, minimum, maximum, median, percentile or rank.")
  private Op op;

  @Option(
      names = "--weights",
      paramLabel = "W.npy",
      description = "correlate/convolve: the kernel, IN's rank (1-D with --axis).")
  private Path weights;

  @Option(
      names = "--size",
      paramLabel = "S",
      description = "Window size: one value, or one per axis (uniform, minimum, maximum, rank filters).")
  private IntTuple size;

  @Option(
      names = "--footprint",
      paramLabel = "F.npy",
      description = "minimum/maximum/median/percentile/rank: a boolean window (values 0/1), IN's rank.")
  private Path footprint;

  @Option(names = "--percentile", paramLabel = "P", description = "percentile: -100 to 100.")
  private Double percentile;

  @Option(names = "--rank", paramLabel = "R", description = "rank: 0 to n-1, or negative from the end.")
  private Integer rank;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description = {
        "reflect (default), constant, nearest, mirror, wrap, grid-wrap, grid-constant, grid-mirror;",
        "a comma list gives one per axis (uniform, minimum/maximum with --size)."
      })
  private String mode = "reflect";

  @Option(names = "--cval", paramLabel = "V", description = "The value outside IN for mode constant (default 0).")
  private double cval;

  @Option(
      names = "--origin",
      paramLabel = "O",
      description = "Window shift: one value, or one per axis (default 0); positive moves it left.")
  private IntTuple origin = IntTuple.of(0);

  @Option(
      names = "--axis",
      paramLabel = "A",
      description = "The 1-D variant along axis A (negative from the end).")
  private Integer axis;

  @Override
  protected void run() {
    boolean correlation = op == Op.CORRELATE || op == Op.CONVOLVE;
    boolean windowed = op != Op.UNIFORM && !correlation;
    refuse(!correlation && weights != null, "--weights");
    refuse(correlation && size != null, "--size");
    refuse(!windowed && footprint != null, "--footprint");
    refuse(op != Op.PERCENTILE && percentile != null, "--percentile");
    refuse(op != Op.RANK && rank != null, "--rank");
    if (correlation && weights == null) {
      throw new UsageException("--op " + name() + " needs --weights W.npy");
    }
    if (!correlation && size == null && footprint == null) {
      throw new UsageException("--op " + name() + " needs --size" + (windowed ? " or --footprint" : ""));
    }
    if (size != null && footprint != null) {
      throw new UsageException("give --size or --footprint, not both");
    }
    if (op == Op.PERCENTILE && percentile == null) {
      throw new UsageException("--op percentile needs --percentile P");
    }
    if (op == Op.RANK && rank == null) {
      throw new UsageException("--op rank needs --rank R");
    }
    boolean oneD = axis != null && (correlation || op == Op.UNIFORM
        || ((op == Op.MINIMUM || op == Op.MAXIMUM) && footprint == null));
    if (axis != null && footprint != null && (op == Op.MINIMUM || op == Op.MAXIMUM)) {
      throw new UsageException("--axis selects minimum/maximum_filter1d, which takes --size, not --footprint");
    }
    if (oneD && size != null && size.size() != 1) {
      throw new UsageException("--size: a 1-D filter (--axis) takes one value, got " + size.size());
    }
    if (oneD && origin.size() != 1) {
      throw new UsageException("--origin: a 1-D filter (--axis) takes one value, got " + origin.size());
    }
    Tensor x = read(input, "IN.npy");
    String[] modes = mode.split(",", -1);
    FilterOptions o = FilterOptions.defaults().cval(cval);
    o = modes.length == 1 ? o.mode(modes[0].strip()) : o.modes(strip(modes));
    int[] origins = origin.values();
    o = origins.length == 1 ? o.origin(origins[0]) : o.origins(origins);
    if (axis != null && !oneD) {
      o = o.axes(axis);
    }
    Tensor y = switch (op) {
      case CORRELATE, CONVOLVE -> {
        Tensor w = read(weights, "--weights");
        if (oneD) {
          if (w.rank() != 1) {
            throw new CliException("--weights: " + weights + " has shape " + java.util.Arrays.toString(w.shape())
                + " but --axis needs a 1-D kernel");
          }
          yield op == Op.CORRELATE
              ? Filters.correlate1d(x, w.toDoubleArray(), axis, o)
              : Filters.convolve1d(x, w.toDoubleArray(), axis, o);
        }
        yield op == Op.CORRELATE ? Filters.correlate(x, w, o) : Filters.convolve(x, w, o);
      }
      case UNIFORM -> oneD
          ? Filters.uniformFilter1d(x, size.values()[0], axis, o)
          : Filters.uniformFilter(x, size.values(), o);
      case MINIMUM -> oneD
          ? Filters.minimumFilter1d(x, size.values()[0], axis, o)
          : Filters.minimumFilter(x, window(), o);
      case MAXIMUM -> oneD
          ? Filters.maximumFilter1d(x, size.values()[0], axis, o)
          : Filters.maximumFilter(x, window(), o);
      case MEDIAN -> Filters.medianFilter(x, window(), o);
      case PERCENTILE -> Filters.percentileFilter(x, percentile, window(), o);
      case RANK -> Filters.rankFilter(x, rank, window(), o);
    };
    output.write(y);
  }

  private Footprint window() {
    return footprint != null ? Footprint.of(read(footprint, "--footprint")) : Footprint.size(size.values());
  }

  private static String[] strip(String[] s) {
    String[] r = new String[s.length];
    for (int i = 0; i < s.length; i++) {
      r[i] = s[i].strip();
    }
    return r;
  }

  private String name() {
    return op.name().toLowerCase(Locale.ROOT);
  }

  private void refuse(boolean given, String option) {
    if (given) {
      throw new UsageException(option + " does not apply to --op " + name());
    }
  }

  /** Parses {@code --op}. */
  static final class OpConverter implements ITypeConverter<Op> {
    @Override
    public Op convert(String text) {
      try {
        return Op.valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            "'" + text + "': expected correlate, convolve, uniform, minimum, maximum, median, percentile or rank");
      }
    }
  }
}
