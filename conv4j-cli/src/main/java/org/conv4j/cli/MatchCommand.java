// conv4j match: template matching scores (org.conv4j.match) from .npy arrays or images.
package org.conv4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.conv4j.io.Images;
import org.conv4j.match.MatchMethod;
import org.conv4j.match.MatchOptions;
import org.conv4j.match.Metric;
import org.conv4j.match.Peak;
import org.conv4j.match.TemplateMatch;
import org.conv4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code conv4j match}: the score of a metric for every placement of a template inside an image
 * ({@code valid} geometry), from two {@code .npy} arrays or from two images, written as {@code .npy}
 * and/or drawn as a heatmap PNG with the best match marked. Prints the best match on stdout.
 */
@Command(
    name = "match",
    description = "Template matching: score every placement of TEMPLATE inside IMAGE (valid geometry).")
final class MatchCommand extends CliCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "IMAGE.npy", description = "The image (any rank ≥ 1).")
  Path image;

  @Parameters(index = "1", arity = "0..1", paramLabel = "TEMPLATE.npy", description = "The template (same rank).")
  Path template;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT.npy", description = "Where to write the score map (.npy).")
  Path output;

  @Option(names = "--metric", paramLabel = "METRIC", required = true,
      description = "ssd, msd, sad, ccorr, ccorr-normed, sqdiff-normed, ccoeff or ccoeff-normed (OpenCV TM_* names too).")
  String metric;

  @Option(names = "--method", paramLabel = "METHOD", defaultValue = "auto",
      description = "auto (default), direct, decomposition or fft.")
  String method;

  @Option(names = "--mask", paramLabel = "M.npy", description = "Template weights (OpenCV's mask), the template's shape.")
  Path mask;

  @Option(names = "--channels", description = "Axis 0 of image and template holds channels (scores summed over them).")
  boolean channels;

  @Option(names = "--threads", paramLabel = "N", description = "Threads (default: all processors; results do not depend on it).")
  Integer threads;

  @Option(names = "--image-in", paramLabel = "PHOTO.png", description = "Read the image from a PNG/JPEG/… file instead.")
  Path imageIn;

  @Option(names = "--template-in", paramLabel = "PATCH.png", description = "Read the template from an image file.")
  Path templateIn;

  @Option(names = "--heatmap", paramLabel = "OUT.png",
      description = "Draw the image with the best match boxed, beside the score map (bright = good).")
  Path heatmap;

  @Override
  protected void run() throws IOException {
    boolean npy = image != null || template != null;
    boolean img = imageIn != null || templateIn != null;
    if (npy && img) {
      throw new UsageException("give either IMAGE.npy TEMPLATE.npy or --image-in and --template-in, not both");
    }
    if (npy && (image == null || template == null)) {
      throw new UsageException("missing TEMPLATE.npy (IMAGE.npy TEMPLATE.npy are both required)");
    }
    if (!npy && (imageIn == null || templateIn == null)) {
      throw new UsageException(img ? "--image-in and --template-in go together"
          : "missing IMAGE.npy TEMPLATE.npy (or --image-in PHOTO.png --template-in PATCH.png)");
    }
    if (output == null && heatmap == null) {
      throw new UsageException("nothing to write: give -o OUT.npy and/or --heatmap OUT.png");
    }
    Metric m;
    MatchMethod mm;
    try {
      m = Metric.parse(metric);
      mm = MatchMethod.parse(method);
    } catch (IllegalArgumentException e) {
      throw new UsageException((e.getMessage().startsWith("unknown metric") ? "--metric: " : "--method: ")
          + e.getMessage());
    }
    if (threads != null && threads < 1) {
      throw new UsageException("--threads: must be at least 1, got " + threads);
    }
    Tensor x;
    Tensor t;
    boolean ch = channels;
    if (npy) {
      x = read(image, "IMAGE.npy");
      t = read(template, "TEMPLATE.npy");
    } else {
      x = Images.read(imageIn);
      t = Images.read(templateIn);
      Tensor[] pair = sameChannels(x, t);
      x = pair[0];
      t = pair[1];
      ch = true;
    }
    MatchOptions o = MatchOptions.defaults().method(mm).channels(ch);
    if (threads != null) {
      o = o.threads(threads);
    }
    if (mask != null) {
      o = o.mask(read(mask, "--mask"));
    }
    Tensor scores = TemplateMatch.match(x, t, m, o);
    if (output != null) {
      write(output, scores, "--output");
    }
    Peak best = null;
    try {
      best = TemplateMatch.best(scores, m);
    } catch (IllegalArgumentException e) {
      out().println("best: none (every score is NaN)");
    }
    if (best != null) {
      StringBuilder sb = new StringBuilder("best: index=(");
      int[] at = best.index();
      for (int i = 0; i < at.length; i++) {
        sb.append(i == 0 ? "" : ", ").append(at[i]);
      }
      out().println(sb.append(") score=").append(Format.number(best.score(), scores.dtype())));
    }
    if (heatmap != null) {
      if (scores.rank() != 2) {
        throw new CliException("--heatmap: needs 2-D scores (an image), got shape " + shapeString(scores));
      }
      int[] ts = t.shape();
      Images.writePng(heatmap, MatchHeatmap.draw(x, ch, scores, m.lowerIsBetter(), best, ts[ts.length - 2],
          ts[ts.length - 1]), false);
    }
  }

  /** Drops alpha; when the channel counts still differ, makes both grey (channel mean). */
  private static Tensor[] sameChannels(Tensor x, Tensor t) {
    x = dropAlpha(x);
    t = dropAlpha(t);
    if (x.dim(0) != t.dim(0)) {
      x = x.mean(new int[] {0}, true);
      t = t.mean(new int[] {0}, true);
    }
    return new Tensor[] {x, t};
  }

  private static Tensor dropAlpha(Tensor x) {
    return x.dim(0) == 4 ? x.slice(0, 0, 3, 1).contiguous() : x;
  }

  private static String shapeString(Tensor t) {
    return java.util.Arrays.toString(t.shape()).replace('[', '(').replace(']', ')');
  }
}
