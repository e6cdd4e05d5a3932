// conv4j info: what is in a .npy file.
package org.conv4j.cli;

import java.nio.file.Path;
import java.util.List;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Shape;
import org.conv4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code conv4j info FILE.npy...}: one line per file with its shape, size, dtype (and the stored
 * dtype when the reader converted it), and min, max and mean over the non-NaN values (plus the NaN
 * count when there are NaNs). Stops at the first file that can't be read (exit 1), after printing
 * the lines of the files before it.
 *
 * <pre>
 * x.npy: shape=(2, 3) size=6 dtype=float32 min=-1.5 max=4.0 mean=0.75
 * y.npy: shape=(4,) size=4 dtype=float64 min=0.0 max=2.0 mean=1.0 nan=1
 * e.npy: shape=(0, 3) size=0 dtype=float64
 * c.npy: shape=(2, 2) size=4 dtype=float64 stored=int16 min=-4.0 max=3.0 mean=0.5
 * </pre>
 */
@Command(
    name = "info",
    description = {
      "Print shape, size, dtype, min, max and mean of .npy files, one line each.",
      "With NaNs, min/max/mean are over the other values and nan=COUNT is added."
    })
final class InfoCommand extends CliCommand {
  @Parameters(paramLabel = "FILE", arity = "1..*", description = "The .npy files to describe.")
  private List<Path> files;

  @Override
  protected void run() {
    for (Path f : files) {
      Tensor t = read(f, null);
      out().println(describe(f.toString(), t, NpyDescr.storedName(f).orElse(null)));
    }
  }

  /**
   * The info line of tensor {@code t} read from {@code name}, whose file stores {@code stored} (a
   * NumPy dtype name, or null when unknown); shown as {@code stored=...} when it differs.
   */
  static String describe(String name, Tensor t, String stored) {
    StringBuilder sb =
        new StringBuilder(name)
            .append(": shape=")
            .append(Shape.toString(t.shape()))
            .append(" size=")
            .append(t.size())
            .append(" dtype=")
            .append(t.dtype().numpyName());
    if (stored != null && !stored.equals(t.dtype().numpyName())) {
      sb.append(" stored=").append(stored);
    }
    if (t.size() == 0) {
      return sb.toString();
    }
    ArrayStats s = ArrayStats.of(t);
    DType d = t.dtype();
    sb.append(" min=").append(Format.number(s.min(), d));
    sb.append(" max=").append(Format.number(s.max(), d));
    sb.append(" mean=").append(Format.number(s.mean(), d));
    if (s.nanCount() > 0) {
      sb.append(" nan=").append(s.nanCount());
    }
    return sb.toString();
  }
}
