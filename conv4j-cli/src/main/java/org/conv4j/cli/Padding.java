// The --padding option: p | p1,p2 | lo:hi,lo:hi | same | valid.
package org.conv4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import picocli.CommandLine.TypeConversionException;

/**
 * A {@code --padding} value: explicit zero-padding per spatial axis, or {@code same} / {@code
 * valid}. Registered as a picocli converter by {@link Converters}.
 *
 * <p>Accepted forms: {@code 1} (1 on both sides of every axis), {@code 1,2} (per axis, both sides),
 * {@code 0:1,2:2} (per axis, {@code lo:hi}; items may mix both forms), {@code same} (output as
 * large as the input; the command resolves the sizes, as its op defines them), {@code valid} (no
 * padding). Like {@link IntTuple}, a single item applies to every axis.
 *
 * @param kind explicit, same or valid
 * @param axes the {@code lo:hi} pairs as given, for {@link Kind#EXPLICIT}; empty otherwise
 */
public record Padding(Kind kind, List<Pair> axes) {
  /** How the padding is chosen. */
  public enum Kind {
    /** Given numbers. */
    EXPLICIT,
    /** Output as large as the input; each op defines the sizes (PyTorch, SciPy conventions). */
    SAME,
    /** No padding. */
    VALID
  }

  /**
   * Padding before ({@code lo}) and after ({@code hi}) one axis.
   *
   * @param lo elements added before the start, at least 0
   * @param hi elements added after the end, at least 0
   */
  public record Pair(int lo, int hi) {
    /** Checks that both sides are non-negative. */
    public Pair {
      if (lo < 0 || hi < 0) {
        throw new IllegalArgumentException("padding must be >= 0, got " + lo + ":" + hi);
      }
    }
  }

  /** {@code same} padding. */
  public static final Padding SAME = new Padding(Kind.SAME, List.of());

  /** {@code valid} (no) padding. */
  public static final Padding VALID = new Padding(Kind.VALID, List.of());

  /** Checks that explicit padding has pairs and the other kinds have none; copies the list. */
  public Padding {
    Objects.requireNonNull(kind, "kind");
    axes = List.copyOf(axes);
    if ((kind == Kind.EXPLICIT) == axes.isEmpty()) {
      throw new IllegalArgumentException(
          kind == Kind.EXPLICIT
              ? "explicit padding needs at least one axis"
              : kind + " takes no axes");
    }
  }

  /** Explicit padding from {@code lo:hi} pairs (one pair applies to every axis). */
  public static Padding of(Pair... axes) {
    return new Padding(Kind.EXPLICIT, List.of(axes));
  }

  /**
   * Parses a {@code --padding} value.
   *
   * @throws TypeConversionException naming the offending item; picocli reports it as a usage error
   *     (exit 2) prefixed with the option name
   */
  public static Padding parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("same")) {
      return SAME;
    }
    if (t.equals("valid")) {
      return VALID;
    }
    List<Pair> pairs = new ArrayList<>();
    for (String raw : text.split(",", -1)) {
      String item = raw.strip();
      String[] parts = item.split(":", -1);
      if (item.isEmpty() || parts.length > 2) {
        throw bad(text, item.isEmpty() ? "empty item" : "'" + item + "' has more than one ':'");
      }
      int lo = nonNegative(text, parts[0]);
      int hi = parts.length == 2 ? nonNegative(text, parts[1]) : lo;
      pairs.add(new Pair(lo, hi));
    }
    return new Padding(Kind.EXPLICIT, pairs);
  }

  private static int nonNegative(String text, String s) {
    int v;
    try {
      v = Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      throw bad(text, "'" + s.strip() + "' is not an integer");
    }
    if (v < 0) {
      throw bad(text, "'" + v + "' is negative");
    }
    return v;
  }

  private static TypeConversionException bad(String text, String what) {
    return new TypeConversionException(
        "'"
            + text
            + "': "
            + what
            + "; expected p, p1,p2, lo:hi,lo:hi (non-negative integers), same or valid");
  }

  /**
   * The explicit padding per axis as {@code [axis][0 = lo, 1 = hi]}; {@code valid} gives zeros.
   *
   * @param rank the number of spatial axes of the input
   * @param optionName the option as the user wrote it, for the message
   * @throws UsageException (exit 2) when the number of items is neither 1 nor {@code rank}
   * @throws IllegalStateException for {@code same}, whose sizes the command computes (its meaning
   *     depends on the op; see {@code org.conv4j.window.Geometry})
   */
  public int[][] expand(int rank, String optionName) {
    if (kind == Kind.SAME) {
      throw new IllegalStateException(
          "'same' padding depends on the op and the sizes; resolve it in the command");
    }
    int[][] out = new int[rank][2];
    if (kind == Kind.VALID) {
      return out;
    }
    if (axes.size() != 1 && axes.size() != rank) {
      throw new UsageException(
          optionName
              + ": "
              + IntTuple.count(axes.size(), "value")
              + " given but the input has "
              + IntTuple.count(rank, "spatial axis", "spatial axes"));
    }
    for (int i = 0; i < rank; i++) {
      Pair p = axes.get(axes.size() == 1 ? 0 : i);
      out[i][0] = p.lo();
      out[i][1] = p.hi();
    }
    return out;
  }

  /** The value as the user would write it: {@code same}, {@code valid}, {@code 1,0:2}. */
  @Override
  public String toString() {
    if (kind != Kind.EXPLICIT) {
      return kind.name().toLowerCase(Locale.ROOT);
    }
    StringBuilder sb = new StringBuilder();
    for (Pair p : axes) {
      sb.append(sb.isEmpty() ? "" : ",").append(p.lo());
      if (p.hi() != p.lo()) {
        sb.append(':').append(p.hi());
      }
    }
    return sb.toString();
  }
}
