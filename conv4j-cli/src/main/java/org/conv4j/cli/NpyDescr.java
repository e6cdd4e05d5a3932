// The dtype a .npy file stores, read from its header, for info's stored=... field.
package org.conv4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peeks at the {@code 'descr'} of a {@code .npy} header (e.g. {@code '<i2'}) and names it as NumPy
 * does ({@code int16}), so {@code info} can show the stored dtype when the reader converted it.
 * Best effort: any problem gives an empty result (the reader reports malformed files).
 */
final class NpyDescr {
  private static final Pattern DESCR =
      Pattern.compile("'descr'\\s*:\\s*'([<>|=]?)([a-zA-Z])(\\d+)'");
  private static final Map<String, String> KINDS =
      Map.of("f", "float", "i", "int", "u", "uint", "c", "complex");

  private NpyDescr() {}

  /** The NumPy name of the dtype stored in {@code file} ({@code int16}, {@code bool}, ...). */
  static Optional<String> storedName(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(12);
      if (head.length < 12 || (head[0] & 0xff) != 0x93 || head[1] != 'N') {
        return Optional.empty();
      }
      // Version 1 has a 2-byte header length, versions 2 and 3 a 4-byte one (little-endian).
      boolean v1 = head[6] == 1;
      int start = v1 ? 10 : 12;
      int len =
          v1
              ? (head[8] & 0xff) | (head[9] & 0xff) << 8
              : (head[8] & 0xff) | (head[9] & 0xff) << 8 | (head[10] & 0xff) << 16;
      byte[] rest = in.readNBytes(Math.min(len, 4096));
      String header =
          new String(head, start, head.length - start, StandardCharsets.ISO_8859_1)
              + new String(rest, StandardCharsets.ISO_8859_1);
      Matcher m = DESCR.matcher(header);
      if (!m.find()) {
        return Optional.empty();
      }
      String kind = m.group(2);
      int bytes = Integer.parseInt(m.group(3));
      if (kind.equals("b") && bytes == 1) {
        return Optional.of("bool");
      }
      String base = KINDS.get(kind);
      return base == null ? Optional.of(m.group(2) + m.group(3)) : Optional.of(base + bytes * 8);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
