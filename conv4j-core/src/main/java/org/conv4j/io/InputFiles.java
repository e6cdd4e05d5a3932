package org.conv4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Shared checks for the readers: that a path names a readable regular file (with a message that
 * names it otherwise), the number of bytes a stream still holds past what was expected, and the
 * hex dump of leading bytes used in "not a ... file" messages.
 */
final class InputFiles {
  /** Trailing bytes are counted up to this many; beyond it the message says "more than". */
  static final long TRAILING_COUNT_LIMIT = 1 << 20;

  /**
   * Deflate cannot expand one compressed byte to more than 1032 bytes (a 258-byte match coded in
   * two bits); a compressed file of {@code n} bytes therefore holds at most {@code 1032·n} bytes.
   */
  static final long MAX_DEFLATE_RATIO = 1032;

  private InputFiles() {}

  /**
   * The size of the regular file at {@code path}.
   *
   * @throws NoSuchFileException naming the path when it does not exist
   * @throws FileSystemException naming the path when it is a directory or not a regular file
   */
  static long regularFileSize(Path path) throws IOException {
    Objects.requireNonNull(path, "path");
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(path.toString(), null, "no such file");
    }
    if (a.isDirectory()) {
      throw new FileSystemException(path.toString(), null, "is a directory, not a file");
    }
    if (!a.isRegularFile() && !Files.isRegularFile(path, new LinkOption[0])) {
      throw new FileSystemException(path.toString(), null, "is not a regular file");
    }
    return a.size();
  }

  /**
   * Reads {@code in} to its end (at most {@link #TRAILING_COUNT_LIMIT} + 1 bytes) and returns how
   * many bytes were left.
   */
  static long countRemaining(InputStream in) throws IOException {
    byte[] buf = new byte[8192];
    long n = 0;
    while (n <= TRAILING_COUNT_LIMIT) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, TRAILING_COUNT_LIMIT + 1 - n));
      if (r < 0) {
        break;
      }
      n += r;
    }
    return n;
  }

  /** "5 trailing bytes after the data", or "more than 1048576 ..." past the counting limit. */
  static String trailingProblem(long n, String suffix) {
    String count = n > TRAILING_COUNT_LIMIT ? "more than " + TRAILING_COUNT_LIMIT : Long.toString(n);
    return count + " trailing byte" + (n == 1 ? "" : "s") + " after the data" + suffix;
  }

  /** The first {@code n} bytes as space-separated hex pairs ("93 4e 55 4d"). */
  static String hex(byte[] b, int n) {
    StringBuilder sb = new StringBuilder();
    HexFormat h = HexFormat.of();
    for (int i = 0; i < Math.min(n, b.length); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(h.toHexDigits(b[i]));
    }
    return sb.toString();
  }

  /** An exception's message, or its class name when it has none (EOFException usually has none). */
  static String detail(Throwable e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** Whether {@code b} starts with {@code prefix}. */
  static boolean startsWith(byte[] b, int len, byte[] prefix) {
    if (len < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
