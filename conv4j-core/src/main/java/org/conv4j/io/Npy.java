package org.conv4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.conv4j.internal.TensorAccess;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Shape;
import org.conv4j.tensor.Tensor;

/**
 * Reads and writes NumPy {@code .npy} files.
 *
 * <p>Reading accepts format versions 1.0, 2.0 and 3.0, C and Fortran order, rank 0 to 8, and the
 * dtypes {@code f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1} in either byte order ({@code <}, {@code >},
 * {@code |}, and {@code =} taken as little-endian). {@code f4} becomes {@link DType#FLOAT32};
 * {@code f8}, the integer types and bool become {@link DType#FLOAT64} (integers beyond
 * 2<sup>53</sup> are rounded to nearest). A Fortran-order file comes back as the same array in C
 * order.
 *
 * <p>Malformed input fails with a {@link FormatException} naming the source and the problem, and
 * declared sizes are checked against the bytes present before any large allocation. The data must
 * fill the file exactly: trailing bytes after the data are rejected, because they mean the header
 * and the data disagree (numpy itself ignores them).
 *
 * <p>Writing produces what {@code np.save} produces, byte for byte: format 1.0, {@code <f4} or
 * {@code <f8}, C order.
 *
 * {@snippet :
 * Tensor x = Tensor.arange(DType.FLOAT32, 6).reshape(2, 3);
 * Npy.write(Path.of("x.npy"), x);        // np.load("x.npy") gives the same float32 array
 * Tensor y = Npy.read(Path.of("x.npy"));
 * }
 */
public final class Npy {
  private static final int CHUNK = 1 << 16;

  private Npy() {}

  /**
   * Reads a .npy file.
   *
   * @param path the file
   * @return the array in C order, float32 for {@code f4} data and float64 otherwise
   * @throws FormatException when the file is not a valid .npy file of a supported dtype; the message
   *     names the file and the problem
   * @throws IOException when the file does not exist, is a directory or cannot be read
   */
  public static Tensor read(Path path) throws IOException {
    long size = InputFiles.regularFileSize(path);
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, path.toString(), size, "the file", true);
    }
  }

  /**
   * Reads one .npy array from a stream, leaving the stream open and positioned after the array's
   * data (so arrays written one after another to one stream can be read in turn).
   *
   * @param in the stream, positioned at the array's magic bytes
   * @param sourceName how error messages name the stream (a file or entry name)
   * @param availableBytes the exact length of this array's bytes (header and data) when known, or
   *     {@code -1}; when given, a header that declares more or fewer data bytes is rejected
   *     before anything is allocated. When unknown, memory grows with the data actually read
   * @return the array in C order, float32 for {@code f4} data and float64 otherwise
   * @throws FormatException when the bytes are not a valid .npy array of a supported dtype
   * @throws IOException when reading the stream fails
   */
  public static Tensor read(InputStream in, String sourceName, long availableBytes) throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(sourceName, "sourceName");
    if (availableBytes < -1) {
      throw new IllegalArgumentException("read: availableBytes must be -1 (unknown) or >= 0, got " + availableBytes);
    }
    return read(in, sourceName, availableBytes, "the stream", false);
  }

  /**
   * The reader behind the public entry points.
   *
   * @param trusted whether {@code available} is a verified size (a file's), so the array can be
   *     allocated at once
   */
  static Tensor read(InputStream in, String source, long available, String holder, boolean trusted)
      throws IOException {
    NpyHeader h = NpyHeader.read(in, source, available, holder);
    int[] shape = h.shape();
    int[] storage = h.fortranOrder() ? reversed(shape) : shape;
    String declared = "header declares shape " + Shape.toString(shape) + " of "
        + h.descr() + " = " + h.dataBytes() + " bytes but ";
    Tensor t = ElementReader.read(in, h.elem(), h.order(), storage, h.count(), trusted && available >= 0,
        source, got -> declared + holder + " ends after " + got + " bytes of data");
    if (h.fortranOrder() && shape.length > 1) {
      // Fortran order is C order of the reversed shape; transposing back gives the array itself.
      t = t.transpose().contiguous();
    }
    return t;
  }

  /**
   * Writes {@code tensor} to {@code path} as a .npy file, atomically (see {@link AtomicFiles}).
   *
   * @param path the file to create or replace
   * @param tensor the array (any view; written in C order as {@code <f4} or {@code <f8})
   * @throws IOException when the file cannot be written; an existing file is then left unchanged
   */
  public static void write(Path path, Tensor tensor) throws IOException {
    Objects.requireNonNull(tensor, "tensor");
    AtomicFiles.write(path, out -> write(out, tensor));
  }

  /**
   * Writes {@code tensor} in .npy format to {@code out}, which is neither buffered further nor
   * closed.
   *
   * @param out the stream
   * @param tensor the array (any view; written in C order as {@code <f4} or {@code <f8})
   * @throws IOException from the stream
   */
  public static void write(OutputStream out, Tensor tensor) throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(tensor, "tensor");
    Tensor c = tensor.contiguous();
    out.write(NpyHeader.format(c.dtype(), c.shape()));
    TensorAccess.Accessor access = TensorAccess.get();
    int n = c.size();
    int off = access.offset(c);
    float[] f = access.floats(c);
    double[] d = access.doubles(c);
    int size = c.dtype().byteSize();
    byte[] buf = new byte[(int) Math.min(CHUNK, Math.max((long) n * size, 1))];
    ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
    int per = buf.length / size;
    for (int i = 0; i < n; i += per) {
      int k = Math.min(per, n - i);
      bb.clear();
      if (f != null) {
        bb.asFloatBuffer().put(f, off + i, k);
      } else {
        bb.asDoubleBuffer().put(d, off + i, k);
      }
      out.write(buf, 0, k * size);
    }
  }

  private static int[] reversed(int[] shape) {
    int[] r = new int[shape.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = shape[shape.length - 1 - i];
    }
    return r;
  }
}
