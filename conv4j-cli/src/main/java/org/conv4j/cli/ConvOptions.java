// The options shared by conv and conv-backward, and small helpers of the conv-family commands.
package org.conv4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.conv4j.nn.functional.ConvParams;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Shape;
import org.conv4j.tensor.Tensor;
import org.conv4j.window.PadMode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * A picocli mixin with the options of a convolution ({@code --stride --padding --dilation --groups
 * --padding-mode --flip}), turned into {@link ConvParams} by {@link #params(int)} once the input's
 * spatial rank is known; plus the static helpers every conv-family command uses ({@link
 * #spatialRank}, {@link #common}).
 */
public final class ConvOptions {
  @Option(
      names = "--stride",
      paramLabel = "S",
      description =
          "Step between output positions: one value, or one per spatial axis (default 1).")
  IntTuple stride = IntTuple.of(1);

  @Option(
      names = "--padding",
      paramLabel = "P",
      converter = PaddingConverter.class,
      description = {
        "p | p1,p2 | lo:hi,lo:hi | same | valid | full | half (default 0).",
        "same: PyTorch's rule (stride 1 only); full, half: Theano's border modes."
      })
  ConvParams.Padding padding = ConvParams.Padding.VALID;

  @Option(
      names = "--dilation",
      paramLabel = "D",
      description = "Spacing between kernel taps: one value, or one per spatial axis (default 1).")
  IntTuple dilation = IntTuple.of(1);

  @Option(
      names = "--groups",
      paramLabel = "G",
      description = "Channel groups: C and OC must be multiples of G (default 1).")
  int groups = 1;

  @Option(
      names = "--padding-mode",
      paramLabel = "MODE",
      converter = PadModeConverter.class,
      description =
          "What the padding holds: zeros, reflect, replicate or circular (default zeros).")
  PadMode paddingMode = PadMode.CONSTANT;

  @Option(
      names = "--flip",
      description =
          "Flip the kernel: true convolution (Theano filter_flip) instead of correlation.")
  boolean flip;

  /**
   * The convolution parameters for {@code rank} spatial axes.
   *
   * @throws UsageException when a per-axis list has the wrong length, a stride or dilation is below
   *     1 or the group count below 1
   */
  ConvParams params(int rank) {
    if (groups < 1) {
      throw new UsageException("--groups: " + groups + " is not allowed; it must be at least 1");
    }
    if (padding.kind() == ConvParams.Padding.Kind.EXPLICIT) {
      int n = padding.lo().length;
      if (n != 1 && n != rank) {
        throw new UsageException(
            "--padding: "
                + IntTuple.count(n, "value")
                + " given but the input has "
                + IntTuple.count(rank, "spatial axis", "spatial axes"));
      }
    }
    return new ConvParams(
        stride.expand(rank, "--stride", 1),
        padding,
        dilation.expand(rank, "--dilation", 1),
        groups,
        paddingMode,
        flip);
  }

  /**
   * The number of spatial axes of an {@code (N, C, *spatial)} input: 1, 2 or 3.
   *
   * @param label the parameter that named the file, for the message
   * @throws CliException when the input is not 3-, 4- or 5-D
   */
  static int spatialRank(Tensor x, Path file, String label) {
    int d = x.rank() - 2;
    if (d < 1 || d > 3) {
      throw new CliException(
          label
              + ": "
              + file
              + " has shape "
              + Shape.toString(x.shape())
              + ", but the input must be 3-, 4- or 5-D: (N, C, L), (N, C, H, W) or (N, C, D, H,"
              + " W)");
    }
    return d;
  }

  /**
   * The tensors converted to their common output dtype ({@link OutputDType}: float32 when all are
   * float32, else float64), nulls kept; the library wants one dtype for all operands.
   */
  static Tensor[] common(Tensor... ts) {
    DType d = DType.FLOAT32;
    for (Tensor t : ts) {
      if (t != null) {
        d = DType.promote(d, t.dtype());
      }
    }
    Tensor[] out = new Tensor[ts.length];
    for (int i = 0; i < ts.length; i++) {
      out[i] = ts[i] == null || ts[i].dtype() == d ? ts[i] : ts[i].to(d);
    }
    return out;
  }

  /** Parses {@code --padding} for a convolution: the CLI forms plus Theano's full and half. */
  static final class PaddingConverter implements ITypeConverter<ConvParams.Padding> {
    private static final String TAIL = ", same or valid";

    @Override
    public ConvParams.Padding convert(String text) {
      String t = text.strip().toLowerCase(Locale.ROOT);
      if (t.equals("full")) {
        return ConvParams.Padding.FULL;
      }
      if (t.equals("half")) {
        return ConvParams.Padding.HALF;
      }
      Padding p;
      try {
        p = Padding.parse(text);
      } catch (TypeConversionException e) {
        String m = e.getMessage();
        throw new TypeConversionException(
            m.endsWith(TAIL)
                ? m.substring(0, m.length() - TAIL.length()) + ", same, valid, full or half"
                : m);
      }
      return switch (p.kind()) {
        case SAME -> ConvParams.Padding.SAME;
        case VALID -> ConvParams.Padding.VALID;
        case EXPLICIT -> {
          int n = p.axes().size();
          int[] lo = new int[n];
          int[] hi = new int[n];
          for (int i = 0; i < n; i++) {
            lo[i] = p.axes().get(i).lo();
            hi[i] = p.axes().get(i).hi();
          }
          yield ConvParams.Padding.asymmetric(lo, hi);
        }
      };
    }
  }

  /** Parses {@code --padding-mode}: PyTorch's names. */
  static final class PadModeConverter implements ITypeConverter<PadMode> {
    @Override
    public PadMode convert(String text) {
      return switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "zeros" -> PadMode.CONSTANT;
        case "reflect" -> PadMode.REFLECT;
        case "replicate" -> PadMode.EDGE;
        case "circular" -> PadMode.WRAP;
        default ->
            throw new TypeConversionException(
                "'" + text + "': expected zeros, reflect, replicate or circular");
      };
    }
  }
}
