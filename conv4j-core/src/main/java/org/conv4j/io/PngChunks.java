package org.conv4j.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * A structural check of a PNG file before it is decoded: the chunk sequence must start with a
 * 13-byte IHDR, every chunk must fit in the file and match its CRC-32, and an IEND chunk must end
 * the image. The JDK decoder does not verify chunk CRCs, so without this a flipped bit in the
 * compressed pixels could decode to a wrong image instead of an error. Bytes after IEND are ignored,
 * as every PNG decoder does.
 *
 * <p>The result also bounds the image size: the raw (filtered) pixel data cannot be larger than the
 * IDAT payload can inflate to, which lets {@link Images} reject a header that claims billions of
 * pixels over a few bytes before the decoder allocates them.
 *
 * @param width IHDR width (positive)
 * @param height IHDR height (positive)
 * @param bitDepth IHDR bit depth
 * @param colorType IHDR colour type
 * @param idatBytes total payload of the IDAT chunks
 */
record PngChunks(int width, int height, int bitDepth, int colorType, long idatBytes) {
  static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** Reads and checks every chunk of the PNG file at {@code path} ({@code size} bytes long). */
  static PngChunks check(Path path, long size) throws IOException {
    String source = path.toString();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
      byte[] sig = in.readNBytes(8);
      if (sig.length < 8) {
        throw new FormatException(source, "truncated PNG: " + size + " bytes, shorter than the 8-byte signature");
      }
      long pos = 8;
      int width = 0;
      int height = 0;
      int depth = 0;
      int color = 0;
      long idat = 0;
      byte[] buf = new byte[1 << 16];
      boolean first = true;
      while (true) {
        byte[] head = in.readNBytes(8);
        if (head.length == 0) {
          throw new FormatException(source, "truncated PNG: no IEND chunk; the file ends after " + pos + " bytes");
        }
        if (head.length < 8) {
          throw new FormatException(source, "truncated PNG: a chunk header at offset " + pos + " is cut off");
        }
        ByteBuffer hb = ByteBuffer.wrap(head);
        long len = hb.getInt() & 0xffffffffL;
        String type = new String(head, 4, 4, StandardCharsets.ISO_8859_1);
        if (len > size - pos - 12) {
          throw new FormatException(source, "truncated PNG: chunk " + printable(type) + " at offset " + pos
              + " declares " + len + " bytes but only " + Math.max(0, size - pos - 12) + " remain");
        }
        if (first && !type.equals("IHDR")) {
          throw new FormatException(source, "first chunk is " + printable(type) + ", not IHDR");
        }
        CRC32 crc = new CRC32();
        crc.update(head, 4, 4);
        byte[] ihdr = null;
        if (type.equals("IHDR")) {
          if (len != 13) {
            throw new FormatException(source, "IHDR chunk has " + len + " bytes; it must have 13");
          }
          ihdr = in.readNBytes(13);
          crc.update(ihdr);
        } else {
          long left = len;
          while (left > 0) {
            int r = in.readNBytes(buf, 0, (int) Math.min(buf.length, left));
            crc.update(buf, 0, r);
            left -= r;
          }
        }
        long stored = ByteBuffer.wrap(in.readNBytes(4)).getInt() & 0xffffffffL;
        if (stored != crc.getValue()) {
          throw new FormatException(source, String.format("CRC-32 mismatch in chunk %s at offset %d:"
              + " computed 0x%08x, stored 0x%08x (the file is corrupted)", printable(type), pos, crc.getValue(), stored));
        }
        if (ihdr != null) {
          ByteBuffer ib = ByteBuffer.wrap(ihdr);
          width = ib.getInt();
          height = ib.getInt();
          depth = ib.get() & 0xff;
          color = ib.get() & 0xff;
          if (width == 0 || height == 0) {
            throw new FormatException(source, "zero-size image " + Integer.toUnsignedString(width) + "x"
                + Integer.toUnsignedString(height) + " (PNG IHDR width and height must be 1 to 2^31-1)");
          }
          if (width < 0 || height < 0) {
            throw new FormatException(source, "IHDR declares " + Integer.toUnsignedString(width) + "x"
                + Integer.toUnsignedString(height) + " pixels; PNG width and height must be at most 2^31-1");
          }
        } else if (type.equals("IDAT")) {
          idat += len;
        } else if (type.equals("IEND")) {
          return new PngChunks(width, height, depth, color, idat);
        }
        first = false;
        pos += 12 + len;
      }
    }
  }

  /** Bits per pixel for a valid colour type and depth (1 for unknown combinations). */
  int bitsPerPixel() {
    int samples = switch (colorType) {
      case 0, 3 -> 1;
      case 2 -> 3;
      case 4 -> 2;
      case 6 -> 4;
      default -> 1;
    };
    return samples * Math.max(bitDepth, 1);
  }

  /** Bytes of filtered scanlines a non-interlaced image of this size needs (interlaced needs more). */
  long rawBytes() {
    long rowBytes = ((long) width * bitsPerPixel() + 7) / 8;
    return height * (1 + rowBytes);
  }

  private static String printable(String type) {
    return type.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? type : "'" + InputFiles.hex(
        type.getBytes(StandardCharsets.ISO_8859_1), 4) + "'";
  }
}
