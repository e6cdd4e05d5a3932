package org.conv4j.nn.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.conv4j.io.AtomicFiles;

/**
 * Draws the learning curves of a run as a PNG with {@code java.awt} (headless): the mean training
 * loss per epoch on top, the validation error and the test error (measured when validation
 * improved) in percent below, against the epoch. Written atomically.
 */
public final class TrainingCurve {
  private static final int W = 900;
  private static final int PANEL_H = 300;
  private static final int LEFT = 80;
  private static final int RIGHT = 30;
  private static final int TOP = 75;
  private static final int GAP = 70;
  private static final Color LOSS = new Color(0x1f77b4);
  private static final Color VALID = new Color(0x2ca02c);
  private static final Color TEST = new Color(0xd62728);

  private TrainingCurve() {}

  /**
   * Writes the chart of {@code history} to {@code file}.
   *
   * @param title a line above the chart (for example the dataset and the final result)
   * @throws IOException when the file cannot be written (an existing one is then unchanged)
   */
  public static void writePng(Path file, List<EpochRecord> history, String title) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage img = render(history, title);
    AtomicFiles.write(file, out -> {
      if (!ImageIO.write(img, "png", out)) {
        throw new IOException("no PNG writer available");
      }
    });
  }

  static BufferedImage render(List<EpochRecord> history, String title) {
    int h = TOP + 2 * PANEL_H + GAP + 60;
    BufferedImage img = new BufferedImage(W, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, h);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, LEFT, 28);
    int n = history.size();
    double[] x = new double[n];
    double[] loss = new double[n];
    double[] valid = new double[n];
    double[] test = new double[n];
    for (int i = 0; i < n; i++) {
      EpochRecord r = history.get(i);
      x[i] = r.epoch();
      loss[i] = r.trainLoss();
      valid[i] = r.validError() * 100;
      test[i] = r.testError() * 100;
    }
    double x0 = n == 0 ? 0 : Math.min(1, x[0]);
    double x1 = n == 0 ? 1 : Math.max(x0 + 1, x[n - 1]);
    Panel top = new Panel(g, TOP, x0, x1, 0, max(loss, 0.1), "training loss (mean cross-entropy)");
    top.line(x, loss, LOSS, false);
    top.legend(new String[] {"training loss"}, new Color[] {LOSS});
    Panel bottom = new Panel(g, TOP + PANEL_H + GAP, x0, x1, 0, max(valid, max(test, 1)), "error (%)");
    bottom.line(x, valid, VALID, false);
    bottom.line(x, test, TEST, true);
    bottom.legend(new String[] {"validation error", "test error (when validation improved)"}, new Color[] {VALID, TEST});
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.drawString("epoch", LEFT + (W - LEFT - RIGHT) / 2 - 20, h - 15);
    g.dispose();
    return img;
  }

  private static double max(double[] v, double floor) {
    double m = floor;
    for (double d : v) {
      if (Double.isFinite(d)) {
        m = Math.max(m, d);
      }
    }
    return m;
  }

  /** One chart area with axes, ticks and a title. */
  private static final class Panel {
    private final Graphics2D g;
    private final int top;
    private final double x0;
    private final double x1;
    private final double y0;
    private final double y1;

    Panel(Graphics2D g, int top, double x0, double x1, double y0, double yMax, String label) {
      this.g = g;
      this.top = top;
      this.x0 = x0;
      this.x1 = x1;
      double step = niceStep(yMax - y0);
      this.y0 = y0;
      this.y1 = Math.ceil(yMax * 1.05 / step) * step;
      int w = W - LEFT - RIGHT;
      g.setColor(new Color(0xf4f4f4));
      g.fillRect(LEFT, top, w, PANEL_H);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      FontMetrics fm = g.getFontMetrics();
      for (double v = y0; v <= y1 + step / 2; v += step) {
        int py = py(v);
        g.setColor(new Color(0xdddddd));
        g.drawLine(LEFT, py, LEFT + w, py);
        g.setColor(Color.DARK_GRAY);
        String s = fmt(v, step);
        g.drawString(s, LEFT - 8 - fm.stringWidth(s), py + 4);
      }
      double xs = Math.max(1, niceStep(x1 - x0));
      for (double v = Math.ceil(x0 / xs) * xs; v <= x1 + 1e-9; v += xs) {
        int px = px(v);
        g.setColor(new Color(0xdddddd));
        g.drawLine(px, top, px, top + PANEL_H);
        g.setColor(Color.DARK_GRAY);
        String s = fmt(v, xs);
        g.drawString(s, px - fm.stringWidth(s) / 2, top + PANEL_H + 16);
      }
      g.setColor(Color.BLACK);
      g.drawRect(LEFT, top, w, PANEL_H);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
      g.drawString(label, LEFT, top - 8);
    }

    int px(double v) {
      return LEFT + (int) Math.round((v - x0) / (x1 - x0) * (W - LEFT - RIGHT));
    }

    int py(double v) {
      return top + PANEL_H - (int) Math.round((v - y0) / (y1 - y0) * PANEL_H);
    }

    void line(double[] x, double[] y, Color c, boolean markersOnly) {
      g.setColor(c);
      g.setStroke(new BasicStroke(2f));
      Path2D.Double p = new Path2D.Double();
      boolean started = false;
      for (int i = 0; i < x.length; i++) {
        if (!Double.isFinite(y[i])) {
          continue;
        }
        int px = px(x[i]);
        int py = py(y[i]);
        if (!started) {
          p.moveTo(px, py);
          started = true;
        } else {
          p.lineTo(px, py);
        }
        if (markersOnly || x.length <= 30) {
          g.fillOval(px - 3, py - 3, 7, 7);
        }
      }
      if (!markersOnly && started) {
        g.draw(p);
      }
      g.setStroke(new BasicStroke(1f));
    }

    void legend(String[] names, Color[] colors) {
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      FontMetrics fm = g.getFontMetrics();
      int wMax = 0;
      for (String s : names) {
        wMax = Math.max(wMax, fm.stringWidth(s));
      }
      int bx = W - RIGHT - wMax - 40;
      int by = top + 10;
      g.setColor(Color.WHITE);
      g.fillRect(bx - 6, by - 4, wMax + 40, names.length * 18 + 6);
      g.setColor(Color.GRAY);
      g.drawRect(bx - 6, by - 4, wMax + 40, names.length * 18 + 6);
      for (int i = 0; i < names.length; i++) {
        g.setColor(colors[i]);
        g.fillRect(bx, by + i * 18 + 4, 20, 6);
        g.setColor(Color.BLACK);
        g.drawString(names[i], bx + 28, by + i * 18 + 12);
      }
    }

    private static double niceStep(double range) {
      if (!(range > 0)) {
        return 1;
      }
      double raw = range / 6;
      double mag = Math.pow(10, Math.floor(Math.log10(raw)));
      double f = raw / mag;
      return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
    }

    private static String fmt(double v, double step) {
      int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
      return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
  }
}
