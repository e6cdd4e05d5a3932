package org.conv4j.io;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.conv4j.internal.TensorAccess;
import org.conv4j.tensor.Shape;
import org.conv4j.tensor.Tensor;

/**
 * Reads images into float32 {@code (C, H, W)} tensors in {@code [0, 1]} and writes tensors as PNG,
 * through {@code javax.imageio}.
 *
 * <p>Reading accepts PNG (1 to 16 bits, grey, RGB, palette, with or without alpha), JPEG, GIF, BMP
 * and TIFF, recognised by their leading bytes. Channels: grey gives {@code C = 1}, colour
 * {@code C = 3}, anything with alpha {@code C = 4} (RGBA; grey with alpha is expanded to RGBA). Each
 * sample is divided by its maximum ({@code 255} for 8-bit, {@code 65535} for 16-bit samples); values
 * are the stored samples, with no gamma or colour-profile conversion (as PIL and scikit-image read
 * them). A PNG's chunk structure and CRCs are verified first, and every image's declared size is
 * checked against what its file can hold before pixels are allocated. Decoder warnings (for example
 * a JPEG that ends early, which the JDK decoder would fill with grey) are treated as errors.
 *
 * {@snippet :
 * Tensor img = Images.read(Path.of("astronaut.png"));      // (3, 512, 512), float32 in [0, 1]
 * Images.writePng(Path.of("edges.png"), edges, true);      // min-max scaled to 0..255
 * }
 */
public final class Images {
  /**
   * Upper bound on pixels per byte of any supported file (1-bit data at the deflate or LZW limit is
   * below it); a header that claims more is rejected before decoding.
   */
  private static final long MAX_PIXELS_PER_BYTE = 32768;

  private Images() {}

  /**
   * Reads an image file.
   *
   * @param path the file; its format is recognised from its first bytes, not its name
   * @return float32 {@code (C, H, W)} with {@code C} 1 (grey), 3 (RGB) or 4 (RGBA), values in [0, 1]
   * @throws FormatException when the file is not a supported image or cannot be decoded completely;
   *     the message names the file and the problem
   * @throws IOException when the file does not exist, is a directory or cannot be read
   */
  public static Tensor read(Path path) throws IOException {
    long size = InputFiles.regularFileSize(path);
    String source = path.toString();
    if (size == 0) {
      throw new FormatException(source, "empty file (not an image)");
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(path)) {
      head = in.readNBytes(12);
    }
    String format = sniff(head);
    if (format == null) {
      throw new FormatException(source, "not a PNG, JPEG, GIF, BMP or TIFF image: it starts with bytes "
          + InputFiles.hex(head, 8));
    }
    String label = format.toUpperCase(Locale.ROOT);
    if (format.equals("png")) {
      PngChunks png = PngChunks.check(path, size);
      long most = png.idatBytes() * InputFiles.MAX_DEFLATE_RATIO + 1024;
      if (png.rawBytes() > most) {
        throw new FormatException(source, "PNG declares " + png.width() + "x" + png.height() + " pixels ("
            + png.rawBytes() + " bytes of pixel data) but its " + png.idatBytes()
            + " bytes of compressed data can expand to at most " + most + " bytes");
      }
    }
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
    if (!readers.hasNext()) {
      throw new FormatException(source, "no " + label + " decoder is available in this JDK");
    }
    ImageReader reader = readers.next();
    List<String> warnings = new ArrayList<>();
    BufferedImage img;
    try (ImageInputStream iis = ImageIO.createImageInputStream(path.toFile())) {
      reader.setInput(iis, true, true);
      reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
      int w = reader.getWidth(0);
      int h = reader.getHeight(0);
      if (w <= 0 || h <= 0) {
        throw new FormatException(source, "zero-size image " + w + "x" + h);
      }
      long pixels = (long) w * h;
      if (pixels > size * MAX_PIXELS_PER_BYTE + (1 << 20) || pixels > Shape.MAX_SIZE / 4) {
        throw new FormatException(source, label + " declares " + w + "x" + h + " pixels, more than a "
            + size + "-byte file can hold or a tensor can take");
      }
      img = reader.read(0);
    } catch (FormatException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new FormatException(source, "cannot decode " + label + " image: " + describe(e), e);
    } finally {
      reader.dispose();
    }
    if (!warnings.isEmpty()) {
      throw new FormatException(source, "cannot decode " + label + " image completely: " + warnings.get(0));
    }
    return toTensor(img, source);
  }

  private static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder(InputFiles.detail(e));
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      sb.append(" (").append(c.getClass().getSimpleName());
      if (c.getMessage() != null) {
        sb.append(": ").append(c.getMessage());
      }
      sb.append(')');
    }
    return sb.toString();
  }

  /** The ImageIO format name for the leading bytes, or null. */
  private static String sniff(byte[] b) {
    int n = b.length;
    if (InputFiles.startsWith(b, n, PngChunks.SIGNATURE)) {
      return "png";
    }
    if (InputFiles.startsWith(b, n, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
      return "jpeg";
    }
    if (InputFiles.startsWith(b, n, new byte[] {'G', 'I', 'F', '8'})) {
      return "gif";
    }
    if (InputFiles.startsWith(b, n, new byte[] {'B', 'M'})) {
      return "bmp";
    }
    if (InputFiles.startsWith(b, n, new byte[] {'I', 'I', 42, 0})
        || InputFiles.startsWith(b, n, new byte[] {'M', 'M', 0, 42})) {
      return "tiff";
    }
    return null;
  }

  /** Copies the decoded samples into a (C, H, W) float32 tensor. */
  private static Tensor toTensor(BufferedImage img, String source) throws FormatException {
    int w = img.getWidth();
    int h = img.getHeight();
    int hw = w * h;
    ColorModel cm = img.getColorModel();
    Raster r = img.getRaster();
    int[] row = new int[w];
    if (cm instanceof IndexColorModel icm) {
      int n = icm.getMapSize();
      boolean grey = true;
      for (int k = 0; k < n && grey; k++) {
        grey = icm.getRed(k) == icm.getGreen(k) && icm.getGreen(k) == icm.getBlue(k);
      }
      int c = icm.hasAlpha() ? 4 : grey ? 1 : 3;
      float[] out = new float[c * hw];
      for (int y = 0; y < h; y++) {
        r.getSamples(0, y, w, 1, 0, row);
        for (int x = 0; x < w; x++) {
          int idx = row[x];
          if (idx >= n) {
            throw new FormatException(source, "pixel (" + y + ", " + x + ") uses palette index " + idx
                + " but the palette has " + n + " entries");
          }
          int p = y * w + x;
          out[p] = icm.getRed(idx) / 255f;
          if (c > 1) {
            out[hw + p] = icm.getGreen(idx) / 255f;
            out[2 * hw + p] = icm.getBlue(idx) / 255f;
          }
          if (c == 4) {
            out[3 * hw + p] = icm.getAlpha(idx) / 255f;
          }
        }
      }
      return TensorAccess.get().wrap(out, new int[] {c, h, w});
    }
    int csType = cm.getColorSpace().getType();
    int transfer = r.getTransferType();
    if (cm instanceof ComponentColorModel && !cm.isAlphaPremultiplied()
        && (csType == ColorSpace.TYPE_GRAY || csType == ColorSpace.TYPE_RGB)
        && (transfer == DataBuffer.TYPE_BYTE || transfer == DataBuffer.TYPE_USHORT)) {
      boolean grey = csType == ColorSpace.TYPE_GRAY;
      boolean alpha = cm.hasAlpha();
      int c = alpha ? 4 : grey ? 1 : 3;
      float[] out = new float[c * hw];
      int bands = r.getNumBands();
      for (int b = 0; b < bands; b++) {
        float max = (float) ((1 << cm.getComponentSize(b)) - 1);
        // Grey+alpha has bands (grey, alpha): grey fills R, G and B, alpha goes to channel 3.
        int[] targets = grey && alpha ? (b == 0 ? new int[] {0, 1, 2} : new int[] {3}) : new int[] {b};
        for (int y = 0; y < h; y++) {
          r.getSamples(0, y, w, 1, b, row);
          for (int x = 0; x < w; x++) {
            float v = row[x] / max;
            for (int t : targets) {
              out[t * hw + y * w + x] = v;
            }
          }
        }
      }
      return TensorAccess.get().wrap(out, new int[] {c, h, w});
    }
    // Anything else (packed RGB, other colour spaces): the JDK's conversion to 8-bit sRGB.
    int c = cm.hasAlpha() ? 4 : csType == ColorSpace.TYPE_GRAY ? 1 : 3;
    float[] out = new float[c * hw];
    for (int y = 0; y < h; y++) {
      img.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int argb = row[x];
        int p = y * w + x;
        out[p] = ((argb >> 16) & 0xff) / 255f;
        if (c > 1) {
          out[hw + p] = ((argb >> 8) & 0xff) / 255f;
          out[2 * hw + p] = (argb & 0xff) / 255f;
        }
        if (c == 4) {
          out[3 * hw + p] = (argb >>> 24) / 255f;
        }
      }
    }
    return TensorAccess.get().wrap(out, new int[] {c, h, w});
  }

  /**
   * Writes an image tensor as an 8-bit PNG, atomically (see {@link AtomicFiles}).
   *
   * <p>Without {@code normalize}, values are clipped to [0, 1] and scaled by 255; with it, the finite
   * minimum and maximum are mapped to 0 and 255 (a constant image becomes all 0, +∞ becomes 255 and
   * −∞ 0). NaN becomes 0 either way. Scaled values are rounded half to even ({@code np.rint}).
   *
   * @param path the PNG file to create or replace
   * @param image float32 or float64, shape {@code (H, W)} or {@code (C, H, W)} with C 1 (grey),
   *     3 (RGB) or 4 (RGBA), H and W at least 1
   * @param normalize whether to min-max scale the values instead of clipping them to [0, 1]
   * @throws IllegalArgumentException naming the shape when it is not one of those
   * @throws IOException when the file cannot be written; an existing file is then left unchanged
   */
  public static void writePng(Path path, Tensor image, boolean normalize) throws IOException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(image, "image");
    int[] s = image.shape();
    boolean ok = (s.length == 2) || (s.length == 3 && (s[0] == 1 || s[0] == 3 || s[0] == 4));
    if (!ok) {
      throw new IllegalArgumentException("writePng: image must have shape (H, W), (1, H, W), (3, H, W)"
          + " or (4, H, W); got " + Shape.toString(s) + " (for " + path + ")");
    }
    int c = s.length == 2 ? 1 : s[0];
    int h = s[s.length - 2];
    int w = s[s.length - 1];
    if (h == 0 || w == 0) {
      throw new IllegalArgumentException("writePng: a PNG needs at least one pixel; got shape "
          + Shape.toString(s) + " (for " + path + ")");
    }
    double[] v = image.toDoubleArray();
    double lo = 0;
    double scale = 255;
    if (normalize) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double x : v) {
        if (Double.isFinite(x)) {
          min = Math.min(min, x);
          max = Math.max(max, x);
        }
      }
      lo = min;
      scale = max > min ? 255 / (max - min) : 0;
    }
    int type = c == 1 ? BufferedImage.TYPE_BYTE_GRAY
        : c == 3 ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_4BYTE_ABGR;
    BufferedImage img = new BufferedImage(w, h, type);
    WritableRaster raster = img.getRaster();
    int[] row = new int[w];
    for (int b = 0; b < c; b++) {
      for (int y = 0; y < h; y++) {
        int base = (b * h + y) * w;
        for (int x = 0; x < w; x++) {
          row[x] = toByte(v[base + x], normalize, lo, scale);
        }
        raster.setSamples(0, y, w, 1, b, row);
      }
    }
    AtomicFiles.write(path, out -> {
      ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
      try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
        writer.setOutput(ios);
        writer.write(img);
      } finally {
        writer.dispose();
      }
    });
  }

  private static int toByte(double x, boolean normalize, double lo, double scale) {
    if (Double.isNaN(x)) {
      return 0;
    }
    double y;
    if (normalize) {
      if (x == Double.POSITIVE_INFINITY) {
        return scale == 0 ? 0 : 255;
      }
      if (x == Double.NEGATIVE_INFINITY) {
        return 0;
      }
      y = (x - lo) * scale;
    } else {
      y = Math.min(Math.max(x, 0), 1) * 255;
    }
    return (int) Math.min(Math.max(Math.rint(y), 0), 255);
  }
}
