package org.conv4j.match;

import java.util.Locale;

/**
 * Template-matching scores. For an image window {@code I} and template {@code T} (sums over every
 * template element, all channels; {@code n} elements; {@code T' = T − mean(T)} and
 * {@code I' = I − mean(I)} per channel), with OpenCV's {@code matchTemplate} names where they exist:
 *
 * <table class="striped">
 * <caption>Metrics and their OpenCV counterparts</caption>
 * <tr><th>Metric</th><th>score</th><th>OpenCV</th><th>best</th></tr>
 * <tr><td>{@link #SSD}</td><td>Σ (T − I)²</td><td>TM_SQDIFF</td><td>min</td></tr>
 * <tr><td>{@link #MSD}</td><td>Σ (T − I)² / n</td><td>TM_SQDIFF / n</td><td>min</td></tr>
 * <tr><td>{@link #SAD}</td><td>Σ |T − I|</td><td>—</td><td>min</td></tr>
 * <tr><td>{@link #CCORR}</td><td>Σ T·I</td><td>TM_CCORR</td><td>max</td></tr>
 * <tr><td>{@link #CCORR_NORMED}</td><td>Σ T·I / √(Σ T² · Σ I²)</td><td>TM_CCORR_NORMED</td><td>max</td></tr>
 * <tr><td>{@link #SQDIFF_NORMED}</td><td>Σ (T − I)² / √(Σ T² · Σ I²)</td><td>TM_SQDIFF_NORMED</td><td>min</td></tr>
 * <tr><td>{@link #CCOEFF}</td><td>Σ T'·I'</td><td>TM_CCOEFF</td><td>max</td></tr>
 * <tr><td>{@link #CCOEFF_NORMED}</td><td>Σ T'·I' / √(Σ T'² · Σ I'²)</td><td>TM_CCOEFF_NORMED</td><td>max</td></tr>
 * </table>
 *
 * <p><b>Zero-variance guard</b> (OpenCV's rule, so results agree): for the normalised metrics,
 * with numerator {@code q} and denominator {@code d}, the score is {@code q/d} when {@code |q| < d},
 * {@code sign(q)} when {@code d ≤ |q| < 1.125·d} (rounding overshoot), and otherwise {@code 0}
 * ({@code 1} for {@link #SQDIFF_NORMED}). So a constant window (or a zero window) scores 0 under
 * {@link #CCOEFF_NORMED}/{@link #CCORR_NORMED} and 1 under {@link #SQDIFF_NORMED}; a constant
 * template under {@link #CCOEFF_NORMED} gives 1 everywhere (as OpenCV). NaN in a window or the
 * template gives NaN, never a guarded value.
 *
 * <p><b>Mask</b> (weights {@code m} of the template's shape; OpenCV's {@code mask}): with
 * {@code w = m²}, SSD = Σ w(T − I)², MSD = SSD / Σ w, SAD = Σ |m(T − I)|, CCORR = Σ wTI, the
 * normalised forms use Σ wT² and Σ wI², and CCOEFF uses weighted means
 * {@code T̄ = Σ wT / Σ w} (per channel) and {@code Σ w(T − T̄)(I − Ī)}. For a 0/1 mask every metric is
 * the unmasked one over the selected elements (and equals OpenCV's masked result). As in OpenCV's
 * masked path, masked normalised scores are a plain division, without the clamp above; a zero
 * denominator gives the same fallback (0, or 1 for SQDIFF_NORMED) where OpenCV gives inf or NaN.
 */
public enum Metric {
  /** Sum of squared differences (OpenCV {@code TM_SQDIFF}). */
  SSD("ssd", "TM_SQDIFF", true),
  /** Mean squared deviation, SSD divided by the template's element count (seed 000). */
  MSD("msd", null, true),
  /** Sum of absolute differences. */
  SAD("sad", null, true),
  /** Cross-correlation (OpenCV {@code TM_CCORR}). */
  CCORR("ccorr", "TM_CCORR", false),
  /** Normalised cross-correlation (OpenCV {@code TM_CCORR_NORMED}), in [0, 1] for non-negative data. */
  CCORR_NORMED("ccorr-normed", "TM_CCORR_NORMED", false),
  /** Normalised squared difference (OpenCV {@code TM_SQDIFF_NORMED}). */
  SQDIFF_NORMED("sqdiff-normed", "TM_SQDIFF_NORMED", true),
  /** Zero-mean cross-correlation (OpenCV {@code TM_CCOEFF}). */
  CCOEFF("ccoeff", "TM_CCOEFF", false),
  /** Zero-mean normalised cross-correlation, Pearson's r, in [−1, 1] (OpenCV {@code TM_CCOEFF_NORMED}). */
  CCOEFF_NORMED("ccoeff-normed", "TM_CCOEFF_NORMED", false);

  private final String cliName;
  private final String opencvName;
  private final boolean lowerIsBetter;

  Metric(String cliName, String opencvName, boolean lowerIsBetter) {
    this.cliName = cliName;
    this.opencvName = opencvName;
    this.lowerIsBetter = lowerIsBetter;
  }

  /** Whether the best match has the lowest score (SSD, MSD, SAD, SQDIFF_NORMED). */
  public boolean lowerIsBetter() {
    return lowerIsBetter;
  }

  /** The OpenCV constant's name ({@code "TM_SQDIFF"}, …), or null when OpenCV has none. */
  public String opencvName() {
    return opencvName;
  }

  /** The command-line name ({@code ssd, msd, sad, ccorr, ccorr-normed, sqdiff-normed, ccoeff, ccoeff-normed}). */
  public String cliName() {
    return cliName;
  }

  /** Whether the score is divided by window and template norms. */
  public boolean normalised() {
    return this == CCORR_NORMED || this == SQDIFF_NORMED || this == CCOEFF_NORMED;
  }

  /**
   * Parses a command-line name, an enum name or an OpenCV name ({@code TM_CCOEFF_NORMED}),
   * case-insensitively; {@code _} and {@code -} are interchangeable.
   */
  public static Metric parse(String name) {
    if (name == null) {
      throw new IllegalArgumentException("metric name must not be null");
    }
    String k = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (Metric m : values()) {
      if (m.cliName.equals(k) || (m.opencvName != null && m.opencvName.toLowerCase(Locale.ROOT).replace('_', '-').equals(k))) {
        return m;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (Metric m : values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(m.cliName);
    }
    throw new IllegalArgumentException("unknown metric '" + name + "'; expected one of " + sb);
  }
}
