package org.conv4j.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.conv4j.tensor.Tensor;

/**
 * Reads and writes NumPy {@code .npz} archives: zip files of {@code .npy} entries, as written by
 * {@code np.savez} (stored) and {@code np.savez_compressed} (deflated).
 *
 * <p>Reading returns the arrays in archive order, named without the {@code .npy} suffix. Every entry
 * must be a {@code .npy} file (unlike numpy, which hands other entries back as raw bytes); each entry's
 * data must match its declared size and CRC-32, so a corrupted archive fails with a
 * {@link FormatException} rather than yielding wrong values. Memory stays bounded by the bytes
 * actually present even when an entry's declared size is a lie.
 *
 * {@snippet :
 * Map<String, Tensor> arrays = new LinkedHashMap<>();
 * arrays.put("w", Tensor.zeros(DType.FLOAT32, 3, 3));
 * arrays.put("b", Tensor.zeros(DType.FLOAT32, 3));
 * Npz.write(Path.of("params.npz"), arrays, true);   // np.load("params.npz")["w"]
 * Map<String, Tensor> back = Npz.read(Path.of("params.npz"));
 * }
 */
public final class Npz {
  private static final LocalDateTime ZIP_EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

  /** How much of a failed entry is still read to tell corruption from a genuine format error. */
  private static final long DIAGNOSE_LIMIT = 64L << 20;

  private Npz() {}

  /**
   * Reads every array of an .npz archive.
   *
   * @param path the archive
   * @return the arrays by name (entry name without {@code .npy}), in archive order
   * @throws FormatException when the file is not a zip archive, an entry is not a valid .npy file,
   *     an entry is corrupted, or a name repeats; the message names the archive and the entry
   * @throws IOException when the file does not exist, is a directory or cannot be read
   */
  public static Map<String, Tensor> read(Path path) throws IOException {
    long fileSize = InputFiles.regularFileSize(path);
    String source = path.toString();
    ZipFile zip;
    try {
      zip = new ZipFile(path.toFile());
    } catch (ZipException | EOFException e) {
      throw new FormatException(source, "not a zip archive, or a damaged one (an .npz file is a zip of"
          + " .npy files): " + InputFiles.detail(e), e);
    }
    try (zip) {
      Map<String, Tensor> out = new LinkedHashMap<>();
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        String name = e.getName();
        if (e.isDirectory() || !name.endsWith(".npy")) {
          throw new FormatException(source, "entry '" + name + "' is not a .npy file (an .npz archive"
              + " holds only .npy arrays)");
        }
        String key = name.substring(0, name.length() - 4);
        if (out.containsKey(key)) {
          throw new FormatException(source, "duplicate entry '" + name + "'");
        }
        out.put(key, readEntry(zip, e, source, fileSize));
      }
      return out;
    } catch (ZipException | EOFException e) {
      throw new FormatException(source, "not a valid zip archive: " + InputFiles.detail(e), e);
    }
  }

  private static Tensor readEntry(ZipFile zip, ZipEntry e, String archive, long fileSize)
      throws IOException {
    String name = e.getName();
    int method = e.getMethod();
    if (method != ZipEntry.STORED && method != ZipEntry.DEFLATED) {
      throw new FormatException(archive, "entry '" + name + "' uses compression method " + method
          + "; only stored (0) and deflated (8) entries are supported");
    }
    long size = e.getSize();
    long csize = e.getCompressedSize();
    // The declared sizes decide how much is allocated up front, so check they are physically
    // possible: stored data is as long as its compressed form, deflated data at most 1032 times it.
    boolean plausible = size >= 0 && csize >= 0 && csize <= fileSize
        && (method == ZipEntry.STORED ? size == csize
            : size <= csize * InputFiles.MAX_DEFLATE_RATIO + 1024);
    if (!plausible) {
      throw new FormatException(archive, "entry '" + name + "' declares " + size + " bytes from " + csize
          + (method == ZipEntry.STORED ? " stored" : " compressed") + " bytes in a " + fileSize
          + "-byte archive, which is impossible (the archive is corrupted)");
    }
    String source = archive + " entry '" + name + "'";
    CRC32 crc = new CRC32();
    try (InputStream raw = zip.getInputStream(e);
        CheckedInputStream in = new CheckedInputStream(raw, crc)) {
      Tensor t;
      try {
        // Stored data are physically in the file, so the array can be allocated at once; deflated
        // data are decoded into a growing array, so memory follows the bytes the inflater produces.
        boolean trusted = method == ZipEntry.STORED;
        t = Npy.read(in, source, size, "the entry", trusted);
      } catch (FormatException fe) {
        // A corrupted entry often shows up first as a nonsensical header; report the corruption.
        String corruption = diagnose(in, crc, e);
        if (corruption != null) {
          throw corrupted(archive, name, corruption, fe);
        }
        throw new FormatException(archive, "entry '" + name + "': " + fe.problem(), fe);
      }
      long trailing = InputFiles.countRemaining(in);
      if (trailing > 0) {
        throw new FormatException(archive, "entry '" + name + "': " + InputFiles.trailingProblem(trailing, ""));
      }
      if (crc.getValue() != e.getCrc()) {
        throw corrupted(archive, name, "CRC-32 is " + hex(crc.getValue()) + " but the archive records "
            + hex(e.getCrc()), null);
      }
      return t;
    } catch (ZipException | EOFException ex) {
      throw corrupted(archive, name, InputFiles.detail(ex), ex);
    }
  }

  /**
   * After a format error inside an entry: reads the rest of it (up to {@link #DIAGNOSE_LIMIT}
   * bytes) and returns why the entry is corrupted (the inflater's complaint or a CRC-32 mismatch),
   * or null when it is intact and the format error stands.
   */
  private static String diagnose(InputStream in, CRC32 crc, ZipEntry e) {
    try {
      byte[] buf = new byte[8192];
      long n = 0;
      int r;
      while ((r = in.read(buf)) >= 0) {
        n += r;
        if (n > DIAGNOSE_LIMIT) {
          return null;
        }
      }
    } catch (IOException ex) {
      return InputFiles.detail(ex);
    }
    return crc.getValue() != e.getCrc()
        ? "CRC-32 is " + hex(crc.getValue()) + " but the archive records " + hex(e.getCrc())
        : null;
  }

  private static FormatException corrupted(String archive, String name, String detail, Throwable cause) {
    return new FormatException(archive, "corrupted data in entry '" + name + "': " + detail, cause);
  }

  private static String hex(long crc) {
    return String.format("0x%08x", crc);
  }

  /**
   * Writes {@code arrays} as an .npz archive, atomically (see {@link AtomicFiles}). Each tensor
   * becomes an entry {@code name + ".npy"} in the map's iteration order, as {@code np.savez}
   * ({@code compressed} false) or {@code np.savez_compressed} ({@code compressed} true) would write
   * it; entry timestamps are fixed (1980-01-01) so equal input gives identical files.
   *
   * @param path the archive to create or replace
   * @param arrays the arrays by name; names must be non-empty
   * @param compressed deflate the entries ({@code np.savez_compressed}) or store them ({@code np.savez})
   * @throws IllegalArgumentException when a name is empty or a tensor is null
   * @throws IOException when the file cannot be written; an existing file is then left unchanged
   */
  public static void write(Path path, Map<String, Tensor> arrays, boolean compressed) throws IOException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(arrays, "arrays");
    for (Map.Entry<String, Tensor> a : arrays.entrySet()) {
      if (a.getKey() == null || a.getKey().isEmpty()) {
        throw new IllegalArgumentException("Npz.write: array names must be non-empty, got "
            + (a.getKey() == null ? "null" : "''") + " (for " + path + ")");
      }
      if (a.getValue() == null) {
        throw new IllegalArgumentException("Npz.write: array '" + a.getKey() + "' is null (for " + path + ")");
      }
    }
    AtomicFiles.write(path, out -> write(out, arrays, compressed));
  }

  private static void write(OutputStream out, Map<String, Tensor> arrays, boolean compressed)
      throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    for (Map.Entry<String, Tensor> a : arrays.entrySet()) {
      Tensor t = a.getValue().contiguous();
      ZipEntry e = new ZipEntry(a.getKey() + ".npy");
      e.setTimeLocal(ZIP_EPOCH);
      if (compressed) {
        e.setMethod(ZipEntry.DEFLATED);
      } else {
        // A stored entry needs its size and CRC before its data: compute them in a first pass.
        CRC32 crc = new CRC32();
        CountingSink sink = new CountingSink();
        Npy.write(new CheckedOutputStream(sink, crc), t);
        e.setMethod(ZipEntry.STORED);
        e.setSize(sink.count);
        e.setCompressedSize(sink.count);
        e.setCrc(crc.getValue());
      }
      zip.putNextEntry(e);
      Npy.write(zip, t);
      zip.closeEntry();
    }
    zip.finish();
  }

  /** Counts bytes and discards them. */
  private static final class CountingSink extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
