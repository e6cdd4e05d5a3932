package org.conv4j.nn.functional;

import java.util.Arrays;
import java.util.Locale;

/**
 * The {@code mode} of Theano's {@code pool_2d} (SPEC §6.2). {@link #MAX} and {@link #SUM} never see
 * the padding; the two averages differ in whether the zero padding counts in the divisor.
 */
public enum TheanoPoolMode {
  /** {@code 'max'}: the largest real element of the window. */
  MAX("max"),
  /** {@code 'sum'}: the sum of the window's real elements. */
  SUM("sum"),
  /** {@code 'average_inc_pad'}: the sum over the window clipped to the padded input, padding counted. */
  AVERAGE_INC_PAD("average_inc_pad"),
  /** {@code 'average_exc_pad'}: the mean of the window's real elements. */
  AVERAGE_EXC_PAD("average_exc_pad");

  private final String theanoName;

  TheanoPoolMode(String theanoName) {
    this.theanoName = theanoName;
  }

  /** The name Theano uses, e.g. {@code "average_inc_pad"}. */
  public String theanoName() {
    return theanoName;
  }

  /**
   * The mode with Theano name {@code name}; {@code "average"} is Theano's alias of
   * {@code "average_inc_pad"} and {@code "max_deterministic"} of {@code "max"}.
   *
   * @throws IllegalArgumentException listing the accepted names
   */
  public static TheanoPoolMode fromTheanoName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    switch (n) {
      case "average":
        return AVERAGE_INC_PAD;
      case "max_deterministic":
        return MAX;
      default:
        for (TheanoPoolMode m : values()) {
          if (m.theanoName.equals(n)) {
            return m;
          }
        }
        throw new IllegalArgumentException(
            "Pool mode parameter only supports " + Arrays.stream(values()).map(m -> "'" + m.theanoName + "'").toList()
                + ", got '" + name + "'");
    }
  }

  @Override
  public String toString() {
    return theanoName;
  }
}
