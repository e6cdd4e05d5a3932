package org.conv4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.LongFunction;
import org.conv4j.internal.TensorAccess;
import org.conv4j.tensor.Tensor;

/**
 * Decodes a run of fixed-size binary elements from a stream straight into the tensor's storage,
 * 64 KiB at a time, so reading never holds the raw bytes and the decoded array at once.
 *
 * <p>Memory is bounded by the data actually present: when the element count comes from a header
 * that has not been checked against a real size (a stream of unknown length, a gzip member, a zip
 * entry whose declared size is implausible), the destination starts at {@link #UNTRUSTED_START}
 * elements and doubles as data arrives, so a header that promises gigabytes over a few bytes fails
 * with a "truncated" error after allocating little.
 */
final class ElementReader {
  /** Initial capacity, in elements, when the declared count is not backed by a known size. */
  static final int UNTRUSTED_START = 1 << 20;

  private static final int CHUNK = 1 << 16;

  private ElementReader() {}

  /**
   * Reads {@code count} elements and returns them as a C-contiguous tensor of shape {@code shape}
   * (whose element count must be {@code count}).
   *
   * @param trusted whether {@code count} elements are known to be present, so the array can be
   *     allocated at once
   * @param shortProblem the problem text when the stream ends early, given the number of data bytes
   *     that were present
   * @throws FormatException when the stream ends before {@code count} elements
   */
  static Tensor read(InputStream in, Elem elem, ByteOrder order, int[] shape, int count,
      boolean trusted, String source, LongFunction<String> shortProblem) throws IOException {
    long total = (long) count * elem.size;
    int cap = trusted ? count : Math.min(count, UNTRUSTED_START);
    float[] f = elem == Elem.F4 ? new float[cap] : null;
    double[] d = elem == Elem.F4 ? null : new double[cap];
    byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(total, 1))];
    ByteBuffer bb = ByteBuffer.wrap(buf).order(order);
    long done = 0;
    int pos = 0;
    while (done < total) {
      int want = (int) Math.min(buf.length, total - done);
      int got = in.readNBytes(buf, 0, want);
      if (got < want) {
        throw new FormatException(source, shortProblem.apply(done + got));
      }
      int n = got / elem.size;
      if (pos + n > cap) {
        cap = (int) Math.min(count, Math.max(2L * cap, (long) pos + n));
        if (f != null) {
          f = Arrays.copyOf(f, cap);
        } else {
          d = Arrays.copyOf(d, cap);
        }
      }
      decode(elem, bb, buf, n, f, d, pos);
      pos += n;
      done += got;
    }
    TensorAccess.Accessor access = TensorAccess.get();
    return f != null ? access.wrap(f, shape) : access.wrap(d, shape);
  }

  /**
   * Reads {@code count} raw bytes, with the same bounded-growth rule as
   * {@link #read(InputStream, Elem, ByteOrder, int[], int, boolean, String, LongFunction)}.
   */
  static byte[] readBytes(InputStream in, int count, boolean trusted, String source,
      LongFunction<String> shortProblem) throws IOException {
    int cap = trusted ? count : Math.min(count, UNTRUSTED_START);
    byte[] out = new byte[cap];
    int pos = 0;
    while (pos < count) {
      if (pos == cap) {
        cap = (int) Math.min(count, 2L * cap);
        out = Arrays.copyOf(out, cap);
      }
      int got = in.readNBytes(out, pos, cap - pos);
      pos += got;
      if (pos < cap) {
        throw new FormatException(source, shortProblem.apply(pos));
      }
    }
    return out;
  }

  private static void decode(Elem elem, ByteBuffer bb, byte[] buf, int n, float[] f, double[] d, int pos) {
    bb.clear();
    switch (elem) {
      case F4 -> bb.asFloatBuffer().get(f, pos, n);
      case F8 -> bb.asDoubleBuffer().get(d, pos, n);
      case I1 -> {
        for (int i = 0; i < n; i++) {
          d[pos + i] = buf[i];
        }
      }
      case U1 -> {
        for (int i = 0; i < n; i++) {
          d[pos + i] = buf[i] & 0xff;
        }
      }
      case B1 -> {
        for (int i = 0; i < n; i++) {
          d[pos + i] = buf[i] != 0 ? 1.0 : 0.0;
        }
      }
      case I2 -> {
        for (int i = 0; i < n; i++) {
          d[pos + i] = bb.getShort(2 * i);
        }
      }
      case U2 -> {
        for (int i = 0; i < n; i++) {
          d[pos + i] = bb.getShort(2 * i) & 0xffff;
        }
      }
      case I4 -> {
        for (int i = 0; i < n; i++) {
          d[pos + i] = bb.getInt(4 * i);
        }
      }
      case U4 -> {
        for (int i = 0; i < n; i++) {
          d[pos + i] = bb.getInt(4 * i) & 0xffffffffL;
        }
      }
      case I8 -> {
        for (int i = 0; i < n; i++) {
          d[pos + i] = bb.getLong(8 * i);
        }
      }
      case U8 -> {
        for (int i = 0; i < n; i++) {
          d[pos + i] = unsignedToDouble(bb.getLong(8 * i));
        }
      }
      default -> throw new AssertionError(elem);
    }
  }

  /** An unsigned 64-bit value as the nearest double (ties to even), as a C cast does. */
  static double unsignedToDouble(long v) {
    if (v >= 0) {
      return v;
    }
    // Halve with the lost bit kept as a sticky bit, so the one rounding to double stays correct.
    return ((v >>> 1) | (v & 1)) * 2.0;
  }
}
