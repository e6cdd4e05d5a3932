package org.conv4j.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Atomic file replacement: the content is written to a temporary file in the target's directory,
 * optionally forced to disk, then renamed over the target. Readers see either the old file or the
 * complete new one, never a partial write; when the body or any step fails the temporary file is
 * deleted and the target is left as it was.
 *
 * {@snippet :
 * AtomicFiles.write(Path.of("weights.npy"), out -> Npy.write(out, tensor));
 * }
 *
 * <p>The temporary file is named {@code .<target name>.<random>.tmp} and created with the default
 * permissions of new files (not those of an existing target). A symbolic link at the target path
 * is replaced by the new file, not followed.
 */
public final class AtomicFiles {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int BUFFER = 1 << 16;

  private AtomicFiles() {}

  /**
   * Writes {@code target} atomically and forces the data to disk before the rename.
   *
   * @param target the file to create or replace; its parent directory must exist
   * @param body writes the content; the stream is buffered, and closing it is allowed but not needed
   * @throws IOException from the body or the file system; the target is then unchanged
   */
  public static void write(Path target, IOConsumer<OutputStream> body) throws IOException {
    write(target, body, true);
  }

  /**
   * Writes {@code target} atomically.
   *
   * @param target the file to create or replace; its parent directory must exist
   * @param body writes the content; the stream is buffered, and closing it is allowed but not needed
   * @param fsync whether to force the data (and, where the platform allows, the directory entry) to
   *     disk; without it the replacement is still atomic for other processes, but a power loss may
   *     leave the old content or an empty file
   * @throws IOException from the body or the file system; the target is then unchanged
   */
  public static void write(Path target, IOConsumer<OutputStream> body, boolean fsync)
      throws IOException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(body, "body");
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir == null || abs.getFileName() == null) {
      throw new FileSystemException(target.toString(), null, "is not a file path");
    }
    if (Files.isDirectory(abs)) {
      throw new FileSystemException(target.toString(), null, "is a directory; cannot replace it with a file");
    }
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(target.toString(), null, "parent directory " + dir + " does not exist");
    }
    Path tmp = null;
    FileChannel channel = null;
    try {
      tmp = createTemp(dir, abs.getFileName().toString());
      channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
      try (OutputStream out = new BufferedOutputStream(new NonClosing(Channels.newOutputStream(channel)), BUFFER)) {
        body.accept(out);
      }
      if (fsync) {
        channel.force(true);
      }
      channel.close();
      channel = null;
      move(tmp, abs);
      tmp = null;
      if (fsync) {
        forceDirectory(dir);
      }
    } catch (Throwable e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private static Path createTemp(Path dir, String name) throws IOException {
    for (int attempt = 0; ; attempt++) {
      byte[] r = new byte[8];
      RANDOM.nextBytes(r);
      Path p = dir.resolve("." + name + "." + HexFormat.of().formatHex(r) + ".tmp");
      try {
        return Files.createFile(p);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 9) {
          throw e;
        }
      }
    }
  }

  private static void move(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Makes the rename durable where directories can be opened and forced (Linux, macOS). */
  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform can open a directory (Windows cannot); the file data itself is forced.
    }
  }

  /** Lets the body close its stream without closing the channel, which is forced afterwards. */
  private static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
