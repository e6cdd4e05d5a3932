package org.conv4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Shape;

/**
 * The header of a .npy file (NumPy format versions 1.0, 2.0 and 3.0): reading and validating it,
 * and writing it exactly as {@code np.save} does.
 *
 * <p>Layout: the magic {@code \x93NUMPY}, major and minor version bytes, the header length
 * (little-endian {@code uint16} for 1.0, {@code uint32} for 2.0 and 3.0), then the header: a Python
 * dict literal with exactly the keys {@code 'descr'}, {@code 'fortran_order'} and {@code 'shape'},
 * Latin-1 encoded (UTF-8 for 3.0), padded with spaces and a final newline so that the data starts at
 * a multiple of 64 bytes. The data follow, {@code prod(shape)} elements in C or Fortran order.
 *
 * @param elem the element encoding
 * @param order the byte order of multi-byte elements
 * @param descr the dtype string as written in the header (for messages)
 * @param fortranOrder whether the data are in Fortran (column-major) order
 * @param shape the array shape (validated: rank ≤ 8, dimensions ≥ 0 and ≤ {@code Integer.MAX_VALUE})
 * @param count the element count (≤ {@link Shape#MAX_SIZE})
 * @param headerBytes bytes from the start of the file to the first data byte
 */
record NpyHeader(Elem elem, ByteOrder order, String descr, boolean fortranOrder, int[] shape,
    int count, long headerBytes) {

  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /** Largest header accepted from a stream of unknown length (numpy's own default limit is 10000). */
  static final int MAX_HEADER_LENGTH = 1 << 20;

  private static final int ALIGN = 64;
  private static final int GROWTH_AXIS_MAX_DIGITS = 21;
  private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

  /** Bytes of element data that follow the header. */
  long dataBytes() {
    return (long) count * elem.size;
  }

  /**
   * Reads and validates the preamble and header, leaving {@code in} at the first data byte.
   *
   * @param available bytes the source holds from the current position (header plus data), or
   *     {@code -1} when unknown; when known, the header must agree with it exactly
   * @param holder how messages name what holds the bytes: "the file", "the entry", "the stream"
   */
  static NpyHeader read(InputStream in, String source, long available, String holder)
      throws IOException {
    byte[] pre = in.readNBytes(8);
    if (pre.length == 0) {
      throw new FormatException(source, "empty file (a .npy file starts with the magic \\x93NUMPY)");
    }
    int m = Math.min(pre.length, MAGIC.length);
    if (!Arrays.equals(pre, 0, m, MAGIC, 0, m)) {
      String hint = InputFiles.startsWith(pre, pre.length, new byte[] {'P', 'K'})
          ? " (it starts like a zip archive; .npz files are read with Npz.read)"
          : "";
      throw new FormatException(source, "not a .npy file" + hint + ": it starts with bytes "
          + InputFiles.hex(pre, 8) + " but the .npy magic is 93 4e 55 4d 50 59 (\\x93NUMPY)");
    }
    if (pre.length < 8) {
      throw new FormatException(source, "truncated in the .npy preamble: " + pre.length
          + " bytes, the magic and version need 8");
    }
    int major = pre[6] & 0xff;
    int minor = pre[7] & 0xff;
    if (major < 1 || major > 3 || minor != 0) {
      throw new FormatException(source, "unsupported .npy format version " + major + "." + minor
          + " (supported: 1.0, 2.0, 3.0)");
    }
    int lenBytes = major == 1 ? 2 : 4;
    byte[] lb = in.readNBytes(lenBytes);
    if (lb.length < lenBytes) {
      throw new FormatException(source, "truncated in the .npy preamble: the header length field of"
          + " version " + major + ".0 needs " + lenBytes + " bytes");
    }
    ByteBuffer lbb = ByteBuffer.wrap(lb).order(ByteOrder.LITTLE_ENDIAN);
    long hlen = lenBytes == 2 ? lbb.getShort() & 0xffff : lbb.getInt() & 0xffffffffL;
    long prefix = 8L + lenBytes;
    if (available >= 0 && prefix + hlen > available) {
      throw new FormatException(source, "header length " + hlen + " runs past the end of " + holder
          + " (" + available + " bytes, of which " + (available - prefix) + " follow the preamble)");
    }
    if (hlen > MAX_HEADER_LENGTH) {
      throw new FormatException(source, "header length " + hlen + " exceeds the limit of "
          + MAX_HEADER_LENGTH + " bytes");
    }
    byte[] hb = in.readNBytes((int) hlen);
    if (hb.length < hlen) {
      throw new FormatException(source, "truncated in the header: " + holder + " ends after "
          + hb.length + " of the " + hlen + " header bytes");
    }
    String text;
    if (major == 3) {
      try {
        text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(hb)).toString();
      } catch (CharacterCodingException e) {
        throw new FormatException(source, "header is not valid UTF-8 (format version 3.0 headers are UTF-8)");
      }
    } else {
      text = new String(hb, StandardCharsets.ISO_8859_1);
    }
    return validate(text, source, available, holder, prefix + hlen);
  }

  private static NpyHeader validate(String text, String source, long available, String holder,
      long headerBytes) throws FormatException {
    Object parsed;
    try {
      parsed = PyLiteral.parse(text);
    } catch (PyLiteral.SyntaxError e) {
      String where = text.isBlank() ? "" : " in " + snippet(text);
      throw new FormatException(source, "malformed header: " + e.getMessage() + where);
    }
    if (!(parsed instanceof PyLiteral.Dict dict)) {
      throw new FormatException(source, "header is not a Python dict literal: " + snippet(text));
    }
    Object descrV = null;
    Object fortranV = null;
    Object shapeV = null;
    Set<String> seen = new HashSet<>();
    for (Object[] e : dict.entries()) {
      if (!(e[0] instanceof String key)) {
        throw new FormatException(source, "header has a non-string key " + PyLiteral.repr(e[0]));
      }
      if (!KEYS.contains(key)) {
        throw new FormatException(source, "header has unknown key " + PyLiteral.repr(key)
            + " (a .npy header has exactly 'descr', 'fortran_order' and 'shape')");
      }
      if (!seen.add(key)) {
        throw new FormatException(source, "header repeats key " + PyLiteral.repr(key));
      }
      switch (key) {
        case "descr" -> descrV = e[1];
        case "fortran_order" -> fortranV = e[1];
        default -> shapeV = e[1];
      }
    }
    for (String k : List.of("descr", "fortran_order", "shape")) {
      if (!seen.contains(k)) {
        throw new FormatException(source, "header lacks key '" + k + "': " + snippet(text));
      }
    }
    if (!(descrV instanceof String descr)) {
      throw new FormatException(source, "'descr' must be a dtype string such as '<f8'; got "
          + PyLiteral.repr(descrV) + " (structured dtypes are not supported)");
    }
    if (!(fortranV instanceof Boolean fortran)) {
      throw new FormatException(source, "'fortran_order' must be True or False; got "
          + PyLiteral.repr(fortranV));
    }
    int[] shape = shape(shapeV, source);
    Object[] dt = dtype(descr, source);
    Elem elem = (Elem) dt[0];
    String shapeText = Shape.toString(shape);
    long count = 1;
    boolean zero = false;
    for (int d : shape) {
      zero |= d == 0;
    }
    long bytes;
    if (zero) {
      count = 0;
      bytes = 0;
    } else {
      try {
        for (int d : shape) {
          count = Math.multiplyExact(count, d);
        }
        bytes = Math.multiplyExact(count, elem.size);
      } catch (ArithmeticException e) {
        throw new FormatException(source, "header declares shape " + shapeText
            + " whose element count overflows 64 bits");
      }
    }
    if (available >= 0) {
      long after = available - headerBytes;
      if (bytes > after) {
        throw new FormatException(source, "header declares shape " + shapeText + " of " + descr
            + " = " + bytes + " bytes but " + holder + " holds " + after + " bytes after the header");
      }
      if (bytes < after) {
        throw new FormatException(source, InputFiles.trailingProblem(after - bytes, " (header declares shape "
            + shapeText + " of " + descr + " = " + bytes + " bytes, " + holder + " holds " + after + ")"));
      }
    }
    if (count > Shape.MAX_SIZE) {
      throw new FormatException(source, "shape " + shapeText + " has " + count
          + " elements; a tensor holds at most " + Shape.MAX_SIZE);
    }
    return new NpyHeader(elem, (ByteOrder) dt[1], descr, fortran, shape, (int) count, headerBytes);
  }

  private static int[] shape(Object v, String source) throws FormatException {
    if (!(v instanceof PyLiteral.Tuple t)) {
      throw new FormatException(source, "'shape' must be a tuple of integers; got " + PyLiteral.repr(v));
    }
    List<Object> items = t.items();
    for (Object o : items) {
      if (!(o instanceof BigInteger)) {
        throw new FormatException(source, "'shape' must be a tuple of integers; got " + PyLiteral.repr(v));
      }
    }
    if (items.size() > Shape.MAX_RANK) {
      throw new FormatException(source, "shape " + PyLiteral.repr(v) + " has rank " + items.size()
          + "; at most " + Shape.MAX_RANK + " is supported");
    }
    int[] shape = new int[items.size()];
    for (int k = 0; k < shape.length; k++) {
      BigInteger d = (BigInteger) items.get(k);
      if (d.signum() < 0) {
        throw new FormatException(source, "shape " + PyLiteral.repr(v) + " has a negative dimension "
            + d + " at axis " + k);
      }
      if (d.bitLength() > 31) {
        throw new FormatException(source, "shape " + PyLiteral.repr(v) + ": dimension " + d + " at axis "
            + k + " is too large (at most " + Integer.MAX_VALUE + ")");
      }
      shape[k] = d.intValue();
    }
    return shape;
  }

  /** Parses a dtype string into {Elem, ByteOrder}. */
  private static Object[] dtype(String descr, String source) throws FormatException {
    String body = descr;
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    if (!body.isEmpty() && "<>|=".indexOf(body.charAt(0)) >= 0) {
      // '=' (native) and '|' (not applicable) are taken as little-endian, numpy's order on every
      // platform it writes files on in practice; np.save itself always writes '<' or '>'.
      order = body.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
      body = body.substring(1);
    }
    Elem e = switch (body) {
      case "f4" -> Elem.F4;
      case "f8" -> Elem.F8;
      case "i1" -> Elem.I1;
      case "u1" -> Elem.U1;
      case "i2" -> Elem.I2;
      case "u2" -> Elem.U2;
      case "i4" -> Elem.I4;
      case "u4" -> Elem.U4;
      case "i8" -> Elem.I8;
      case "u8" -> Elem.U8;
      case "b1" -> Elem.B1;
      default -> null;
    };
    if (e == null) {
      throw new FormatException(source, "unsupported dtype " + PyLiteral.repr(descr) + "; supported are"
          + " f4, f8, i1, i2, i4, i8, u1, u2, u4, u8 and b1 in either byte order (e.g. '<f8', '>i4', '|u1')");
    }
    return new Object[] {e, order};
  }

  private static String snippet(String text) {
    String t = text.strip();
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < t.length() && sb.length() < 120; k++) {
      char c = t.charAt(k);
      if (c >= 0x20 && c < 0x7f) {
        sb.append(c);
      } else {
        sb.append(String.format("\\x%02x", (int) c & 0xff));
      }
    }
    if (sb.length() >= 120) {
      sb.append("...");
    }
    return sb.toString();
  }

  /**
   * The preamble and header {@code np.save} writes for a C-order array of {@code dtype} and
   * {@code shape}: format 1.0, keys in sorted order, spare spaces so the header can be rewritten in
   * place when the first axis grows, padded to a multiple of 64 bytes with a final newline.
   */
  static byte[] format(DType dtype, int[] shape) {
    String descr = dtype == DType.FLOAT32 ? "<f4" : "<f8";
    StringBuilder h = new StringBuilder("{'descr': '").append(descr)
        .append("', 'fortran_order': False, 'shape': ").append(Shape.toString(shape)).append(", }");
    if (shape.length > 0) {
      h.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length()));
    }
    int hlen = h.length() + 1;
    int pad = ALIGN - ((MAGIC.length + 2 + 2 + hlen) % ALIGN);
    h.append(" ".repeat(pad)).append('\n');
    byte[] text = h.toString().getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer out = ByteBuffer.allocate(10 + text.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
    return out.array();
  }
}
