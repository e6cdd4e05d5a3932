package org.conv4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The malformed-input corpus ({@code tools/gen_malformed.py}): every file must fail with a
 * {@link FormatException} whose message names the file and contains the manifest's substring, in
 * well under a second, and never with an unchecked exception or an error.
 */
class MalformedCorpusTest {
  /** A reader entry point under test. */
  interface Reader {
    Object read(Path p) throws IOException;
  }

  static final Map<String, Reader> READERS = Map.of(
      "npy", Npy::read,
      "npz", Npz::read,
      "idx", Idx::read,
      "idx-images", Idx::readImages,
      "idx-labels", Idx::readLabels,
      "image", Images::read);

  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everyMalformedFileFailsWithANamedFormatException() {
    Path dir = Fixtures.dir("malformed");
    List<String[]> rows = Fixtures.manifest("malformed");
    assertThat(rows).hasSizeGreaterThan(80);
    return rows.stream().map(r -> DynamicTest.dynamicTest(r[0] + " [" + r[1] + "]", () -> {
      Reader reader = READERS.get(r[1]);
      assertThat(reader).as("reader %s", r[1]).isNotNull();
      Path file = dir.resolve(r[0]);
      Throwable thrown = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
        try {
          Object result = reader.read(file);
          fail("%s was read without error: %s", r[0], result);
          return null;
        } catch (Throwable e) {
          return e;
        }
      });
      assertThat(thrown).as("%s: %s", r[0], thrown).isInstanceOf(FormatException.class);
      assertThat(thrown.getMessage()).startsWith(file.toString() + ": ").contains(r[2]);
      assertThat(((FormatException) thrown).source()).isEqualTo(file.toString());
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyReaderNamesAMissingFileAndADirectory() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("a-directory"));
    Path missing = tmp.resolve("missing-file");
    return READERS.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      assertThatThrownBy(() -> e.getValue().read(missing)).isInstanceOf(NoSuchFileException.class)
          .hasMessageContaining("missing-file");
      assertThatThrownBy(() -> e.getValue().read(dir)).isInstanceOf(FileSystemException.class)
          .hasMessageContaining("a-directory").hasMessageContaining("is a directory");
    }));
  }

  @Test
  void messagesMatchTheBriefsExample() throws IOException {
    Path p = Fixtures.dir("malformed").resolve("npy_huge_dims.npy");
    assertThatThrownBy(() -> Npy.read(p)).hasMessage(p + ": header declares shape (1000000, 1000000) of <f8"
        + " = 8000000000000 bytes but the file holds 128 bytes after the header");
  }
}
