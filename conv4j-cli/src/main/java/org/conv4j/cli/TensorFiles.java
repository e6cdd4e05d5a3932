// Reading and writing the .npy files that subcommands take and produce.
package org.conv4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.conv4j.io.Npy;
import org.conv4j.tensor.Tensor;

/**
 * {@code .npy} input and output for subcommands, turning I/O and format errors into a {@link
 * CliException} (exit 1) whose message names the argument and the file: {@code --kernel: k.npy: no
 * such file}, {@code x.npy: not a .npy file (bad magic ...)}.
 */
public final class TensorFiles {
  private TensorFiles() {}

  /**
   * Reads {@code file} with {@link Npy#read(Path)}: float32 files give float32 tensors; float64,
   * integer and bool files float64.
   *
   * @param label the option or parameter that named the file (e.g. {@code "--kernel"}), or null
   * @throws CliException when the file is missing, unreadable or malformed
   */
  public static Tensor read(Path file, String label) {
    try {
      return Npy.read(file);
    } catch (IOException e) {
      throw new CliException(prefix(label) + ErrorReporter.describeIo(file.toString(), e), e);
    }
  }

  /**
   * Writes {@code t} to {@code file} with {@link Npy#write(Path, Tensor)} (atomically: a reader
   * never sees a half-written file).
   *
   * @param label the option that named the file (e.g. {@code "--output"}), or null
   * @throws CliException when the file can't be written
   */
  public static void write(Path file, Tensor t, String label) {
    try {
      Npy.write(file, t);
    } catch (IOException e) {
      throw new CliException(
          prefix(label) + "cannot write " + ErrorReporter.describeIo(file.toString(), e), e);
    }
  }

  private static String prefix(String label) {
    return label == null ? "" : label + ": ";
  }
}
