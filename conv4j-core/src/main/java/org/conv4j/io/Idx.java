package org.conv4j.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongFunction;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.conv4j.internal.TensorAccess;
import org.conv4j.tensor.Shape;
import org.conv4j.tensor.Tensor;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed (recognised by
 * the gzip magic bytes {@code 1f 8b}, not by the file name).
 *
 * <p>Layout: two zero bytes, an element type byte ({@code 0x08} unsigned byte, {@code 0x09} signed
 * byte, {@code 0x0B} short, {@code 0x0C} int, {@code 0x0D} float, {@code 0x0E} double), the number of
 * dimensions, each dimension as a big-endian 32-bit integer, then the elements in C order,
 * big-endian. MNIST images have magic {@code 0x00000803} (ubyte, 3 dimensions: count, rows, columns),
 * labels {@code 0x00000801} (ubyte, 1 dimension).
 *
 * <p>The declared shape is checked before allocating: against the file size for plain files, and
 * for gzip files against the most a deflate stream of that size can expand to, with the data then
 * read incrementally. The data must end exactly where the shape says (trailing bytes are rejected).
 *
 * {@snippet :
 * Tensor images = Idx.readImages(Path.of("train-images-idx3-ubyte.gz")); // (60000, 28, 28) in [0, 1]
 * int[] labels = Idx.readLabels(Path.of("train-labels-idx1-ubyte.gz"));  // 60000 digits
 * }
 */
public final class Idx {
  /** MNIST images: unsigned bytes, 3 dimensions. */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** MNIST labels: unsigned bytes, 1 dimension. */
  public static final int LABELS_MAGIC = 0x00000801;

  /** Element encodings by type code − 0x08 (0x0A is unassigned). */
  private static final Elem[] TYPES = {Elem.U1, Elem.I1, null, Elem.I2, Elem.I4, Elem.F4, Elem.F8};

  private static final String[] TYPE_NAMES = {"ubyte", "byte", null, "short", "int", "float", "double"};

  private Idx() {}

  /**
   * Reads an MNIST-style image file (magic {@code 0x00000803}) as float32 {@code (N, rows, cols)}
   * with each byte scaled to {@code [0, 1]} as {@code byte / 255f}.
   *
   * @param path the file, plain or gzip-compressed
   * @return float32 images {@code (N, rows, cols)}
   * @throws FormatException when the file is not an unsigned-byte, 3-dimensional IDX file or its
   *     data do not match its header
   * @throws IOException when the file does not exist, is a directory or cannot be read
   */
  public static Tensor readImages(Path path) throws IOException {
    return withFile(path, o -> {
      Header h = o.header(IMAGES_MAGIC, "MNIST images");
      byte[] b = o.readBytes(h);
      float[] f = new float[b.length];
      for (int i = 0; i < b.length; i++) {
        f[i] = (b[i] & 0xff) / 255f;
      }
      return TensorAccess.get().wrap(f, h.shape);
    });
  }

  /**
   * Reads an MNIST-style label file (magic {@code 0x00000801}): one unsigned byte per example.
   *
   * @param path the file, plain or gzip-compressed
   * @return the labels, 0 to 255
   * @throws FormatException when the file is not an unsigned-byte, 1-dimensional IDX file or its
   *     data do not match its header
   * @throws IOException when the file does not exist, is a directory or cannot be read
   */
  public static int[] readLabels(Path path) throws IOException {
    return withFile(path, o -> {
      Header h = o.header(LABELS_MAGIC, "MNIST labels");
      byte[] b = o.readBytes(h);
      int[] out = new int[b.length];
      for (int i = 0; i < b.length; i++) {
        out[i] = b[i] & 0xff;
      }
      return out;
    });
  }

  /**
   * Reads any IDX file with its raw values: float32 for element type {@code 0x0D}, float64 for the
   * others (unsigned and signed bytes, shorts, ints, doubles). Rank 1 to 8.
   *
   * @param path the file, plain or gzip-compressed
   * @return the array with the file's shape
   * @throws FormatException when the file is not a valid IDX file or its data do not match its header
   * @throws IOException when the file does not exist, is a directory or cannot be read
   */
  public static Tensor read(Path path) throws IOException {
    return withFile(path, o -> {
      Header h = o.header(0, null);
      return ElementReader.read(o.in, h.elem, ByteOrder.BIG_ENDIAN, h.shape, h.count, !o.gzip,
          o.source, o.shortProblem(h));
    });
  }

  /** What a reader does with an open file. */
  private interface Body<T> {
    T apply(Opened o) throws IOException;
  }

  /**
   * Opens {@code path}, runs {@code body}, then checks that nothing follows the data (for gzip
   * files this also makes the stream verify its CRC-32 and length trailer).
   */
  private static <T> T withFile(Path path, Body<T> body) throws IOException {
    try (Opened o = open(path)) {
      T result = body.apply(o);
      if (o.gzip) {
        long trailing = InputFiles.countRemaining(o.in);
        if (trailing > 0) {
          throw new FormatException(o.source, InputFiles.trailingProblem(trailing, " in the gzip stream"));
        }
      }
      return result;
    } catch (ZipException | EOFException e) {
      throw new FormatException(path.toString(), "truncated or corrupted gzip data: " + InputFiles.detail(e), e);
    }
  }

  private static Opened open(Path path) throws IOException {
    long size = InputFiles.regularFileSize(path);
    String source = path.toString();
    if (size == 0) {
      throw new FormatException(source, "empty file (an IDX file starts with a 4-byte magic number)");
    }
    InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
    try {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        return new Opened(new GZIPInputStream(raw, 1 << 16), source, size, true);
      }
      return new Opened(raw, source, size, false);
    } catch (ZipException | EOFException e) {
      raw.close();
      throw new FormatException(source, "truncated or corrupted gzip data: " + InputFiles.detail(e), e);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** A parsed header: element type, shape and the byte count it implies. */
  private record Header(Elem elem, String typeName, int[] shape, int count, long dataBytes) {}

  /** An open IDX file (plain or gzip) and what is known about its size. */
  private static final class Opened implements AutoCloseable {
    final InputStream in;
    final String source;
    final long fileSize;
    final boolean gzip;
    final String holder;

    Opened(InputStream in, String source, long fileSize, boolean gzip) {
      this.in = in;
      this.source = source;
      this.fileSize = fileSize;
      this.gzip = gzip;
      this.holder = gzip ? "the gzip stream" : "the file";
    }

    /**
     * Reads and checks the header.
     *
     * @param wantMagic the exact magic required ({@code 0} for any valid one)
     * @param what what the caller reads, for the message when the magic differs
     */
    Header header(int wantMagic, String what) throws IOException {
      byte[] m = readFully(4);
      if (m[0] != 0 || m[1] != 0) {
        throw new FormatException(source, "not an IDX file: it starts with bytes " + InputFiles.hex(m, 4)
            + " (an IDX file starts with two zero bytes, a type byte and a rank byte)");
      }
      int magic = ByteBuffer.wrap(m).getInt();
      if (wantMagic != 0 && magic != wantMagic) {
        throw new FormatException(source, String.format("magic 0x%08x but %s need 0x%08x (unsigned bytes,"
            + " %d dimension%s)", magic, what, wantMagic, wantMagic & 0xff, (wantMagic & 0xff) == 1 ? "" : "s"));
      }
      int type = m[2] & 0xff;
      int t = type - 0x08;
      if (t < 0 || t >= TYPES.length || TYPES[t] == null) {
        throw new FormatException(source, String.format("unknown IDX element type 0x%02x"
            + " (known: 0x08 ubyte, 0x09 byte, 0x0b short, 0x0c int, 0x0d float, 0x0e double)", type));
      }
      Elem elem = TYPES[t];
      String typeName = TYPE_NAMES[t];
      int rank = m[3] & 0xff;
      if (rank == 0) {
        throw new FormatException(source, "header declares 0 dimensions (an IDX file has at least one)");
      }
      if (rank > Shape.MAX_RANK) {
        throw new FormatException(source, "header declares rank " + rank + "; at most " + Shape.MAX_RANK
            + " is supported");
      }
      ByteBuffer dims = ByteBuffer.wrap(readFully(4 * rank));
      int[] shape = new int[rank];
      long count = 1;
      boolean overflow = false;
      for (int k = 0; k < rank; k++) {
        long d = dims.getInt() & 0xffffffffL;
        if (d > Integer.MAX_VALUE) {
          throw new FormatException(source, "dimension " + d + " at axis " + k + " is too large (at most "
              + Integer.MAX_VALUE + ")");
        }
        shape[k] = (int) d;
        if (Math.multiplyHigh(count, d) != 0 || count * d < 0) {
          overflow = true;
        }
        count *= d;
      }
      String shapeText = Shape.toString(shape);
      boolean zero = false;
      for (int d : shape) {
        zero |= d == 0;
      }
      if (zero) {
        count = 0;
      } else if (overflow || Math.multiplyHigh(count, elem.size) != 0 || count * elem.size < 0) {
        throw new FormatException(source, "header declares shape " + shapeText
            + " whose element count overflows 64 bits");
      }
      long bytes = count * elem.size;
      int headerBytes = 4 + 4 * rank;
      String declared = "header declares shape " + shapeText + " of " + typeName + " = " + bytes + " bytes";
      if (!gzip) {
        long after = fileSize - headerBytes;
        if (bytes > after) {
          throw new FormatException(source, declared + " but the file holds " + after + " bytes after the header");
        }
        if (bytes < after) {
          throw new FormatException(source, InputFiles.trailingProblem(after - bytes, " (" + declared
              + ", the file holds " + after + ")"));
        }
      } else {
        long most = fileSize * InputFiles.MAX_DEFLATE_RATIO + 1024;
        if (bytes > most) {
          throw new FormatException(source, declared + " but a " + fileSize + "-byte gzip file can expand to"
              + " at most " + most + " bytes");
        }
      }
      if (count > Shape.MAX_SIZE) {
        throw new FormatException(source, "shape " + shapeText + " has " + count
            + " elements; a tensor holds at most " + Shape.MAX_SIZE);
      }
      return new Header(elem, typeName, shape, (int) count, bytes);
    }

    byte[] readBytes(Header h) throws IOException {
      return ElementReader.readBytes(in, h.count, !gzip, source, shortProblem(h));
    }

    LongFunction<String> shortProblem(Header h) {
      return got -> "header declares shape " + Shape.toString(h.shape) + " of " + h.typeName + " = "
          + h.dataBytes + " bytes but " + holder + " holds " + got + " bytes after the header";
    }

    private byte[] readFully(int n) throws IOException {
      byte[] b = in.readNBytes(n);
      if (b.length < n) {
        throw new FormatException(source, "truncated in the IDX header: " + holder + " ends " + b.length
            + " bytes into a " + n + "-byte field");
      }
      return b;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
