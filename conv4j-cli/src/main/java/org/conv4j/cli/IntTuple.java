// Per-axis integer options such as --stride 2,1.
package org.conv4j.cli;

import java.util.Arrays;
import picocli.CommandLine.TypeConversionException;

/**
 * A per-axis integer option value: a comma list ({@code --stride 2,1}) or a single number that
 * applies to every axis ({@code --stride 2}). Registered as a picocli converter by {@link
 * Converters}, so a subcommand just declares {@code @Option(names = "--stride") IntTuple stride}
 * and calls {@link #expand(int, String)} once it knows the input's rank.
 *
 * {@snippet :
 * int[] stride = this.stride.expand(2, "--stride");   // "2" -> {2, 2}; "2,1" -> {2, 1}
 * }
 */
public final class IntTuple {
  private final int[] values;

  private IntTuple(int[] values) {
    this.values = values;
  }

  /** A tuple of the given values (at least one). */
  public static IntTuple of(int... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("an IntTuple needs at least one value");
    }
    return new IntTuple(values.clone());
  }

  /**
   * Parses {@code "2"} or {@code "2,1"}: one or more integers separated by commas (blanks around
   * them are ignored).
   *
   * @throws TypeConversionException naming the offending item; picocli reports it as a usage error
   *     (exit 2) prefixed with the option name
   */
  public static IntTuple parse(String text) {
    String[] items = text.split(",", -1);
    int[] v = new int[items.length];
    for (int i = 0; i < items.length; i++) {
      String item = items[i].strip();
      if (item.isEmpty()) {
        throw new TypeConversionException(
            "'" + text + "': empty item; expected integers separated by commas, like 2 or 2,1");
      }
      try {
        v[i] = Integer.parseInt(item);
      } catch (NumberFormatException e) {
        throw new TypeConversionException(
            "'"
                + text
                + "': '"
                + item
                + "' is not an integer; expected integers separated by"
                + " commas, like 2 or 2,1");
      }
    }
    return new IntTuple(v);
  }

  /** The values as given (a copy). */
  public int[] values() {
    return values.clone();
  }

  /** The number of values given. */
  public int size() {
    return values.length;
  }

  /**
   * One value per spatial axis: the single value repeated {@code rank} times, or the list itself
   * when it has exactly {@code rank} values.
   *
   * @param rank the number of spatial axes of the input
   * @param optionName the option as the user wrote it, for the message (e.g. {@code "--stride"})
   * @throws UsageException (exit 2) when the count is neither 1 nor {@code rank}, e.g. {@code
   *     --stride: 3 values given but the input has 2 spatial axes}
   */
  public int[] expand(int rank, String optionName) {
    if (values.length == 1) {
      int[] out = new int[rank];
      Arrays.fill(out, values[0]);
      return out;
    }
    if (values.length != rank) {
      throw new UsageException(
          optionName
              + ": "
              + count(values.length, "value")
              + " given but the input has "
              + count(rank, "spatial axis", "spatial axes"));
    }
    return values.clone();
  }

  /**
   * As {@link #expand(int, String)}, also requiring every value to be at least {@code min} (1 for a
   * stride or dilation, 0 for an output padding).
   *
   * @throws UsageException naming the option and the first value below {@code min}
   */
  public int[] expand(int rank, String optionName, int min) {
    int[] out = expand(rank, optionName);
    for (int v : values) {
      if (v < min) {
        throw new UsageException(
            optionName + ": " + v + " is not allowed; every value must be at least " + min);
      }
    }
    return out;
  }

  static String count(int n, String singular) {
    return count(n, singular, singular + "s");
  }

  static String count(int n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IntTuple t && Arrays.equals(values, t.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  /** The comma list, e.g. {@code 2,1}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      sb.append(i == 0 ? "" : ",").append(values[i]);
    }
    return sb.toString();
  }
}
