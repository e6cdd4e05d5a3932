package org.conv4j.match;

/**
 * A location in a score map and its score.
 *
 * @param index the multi-index into the score map (the window's origin in the image)
 * @param score the score there
 */
public record Peak(int[] index, double score) {
  /** Copies the index. */
  public Peak {
    index = index.clone();
  }

  @Override
  public int[] index() {
    return index.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Peak p && java.util.Arrays.equals(index, p.index) && Double.compare(score, p.score) == 0;
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(index) * 31 + Double.hashCode(score);
  }

  @Override
  public String toString() {
    return "Peak" + java.util.Arrays.toString(index) + "=" + score;
  }
}
