package org.conv4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AtomicFiles}: all or nothing, no temporary files left behind. */
class AtomicFilesTest {
  @TempDir Path tmp;

  @Test
  void writesAndReplaces() throws IOException {
    Path p = tmp.resolve("f.txt");
    AtomicFiles.write(p, out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
    AtomicFiles.write(p, out -> out.write("two".getBytes(StandardCharsets.UTF_8)), false);
    assertThat(p).hasContent("two");
    assertThat(listing()).containsExactly("f.txt");
  }

  @Test
  void bodyMayCloseTheStream() throws IOException {
    Path p = tmp.resolve("closed.bin");
    AtomicFiles.write(p, out -> {
      out.write(new byte[] {1, 2, 3});
      out.close();
    });
    assertThat(Files.readAllBytes(p)).containsExactly(1, 2, 3);
  }

  @Test
  void failingBodyLeavesNoTargetAndNoTemporaryFile() {
    Path p = tmp.resolve("new.bin");
    assertThatThrownBy(() -> AtomicFiles.write(p, out -> {
      out.write(new byte[100_000]);
      throw new IOException("disk on fire");
    })).isInstanceOf(IOException.class).hasMessage("disk on fire");
    assertThat(p).doesNotExist();
    assertThat(listing()).isEmpty();
  }

  @Test
  void failingBodyKeepsTheOldContent() throws IOException {
    Path p = tmp.resolve("keep.txt");
    Files.writeString(p, "old");
    assertThatThrownBy(() -> AtomicFiles.write(p, out -> {
      out.write("partial new content".getBytes(StandardCharsets.UTF_8));
      throw new UncheckedIOException(new IOException("unchecked failure"));
    })).isInstanceOf(UncheckedIOException.class);
    assertThatThrownBy(() -> AtomicFiles.write(p, out -> {
      throw new OutOfMemoryError("simulated");
    })).isInstanceOf(OutOfMemoryError.class);
    assertThat(p).hasContent("old");
    assertThat(listing()).containsExactly("keep.txt");
  }

  @Test
  void imageWriterFailureLeavesNothing() {
    Path p = tmp.resolve("img.png");
    assertThatThrownBy(() -> Images.writePng(p, Tensor.zeros(DType.FLOAT32, 2, 3, 3), false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(listing()).isEmpty();
  }

  @Test
  void refusesADirectoryTargetAndAMissingParent() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("sub"));
    assertThatThrownBy(() -> AtomicFiles.write(dir, out -> out.write(1)))
        .isInstanceOf(IOException.class).hasMessageContaining("sub").hasMessageContaining("directory");
    assertThatThrownBy(() -> AtomicFiles.write(tmp.resolve("nope/x.bin"), out -> out.write(1)))
        .isInstanceOf(IOException.class).hasMessageContaining("x.bin").hasMessageContaining("does not exist");
    assertThat(listing()).containsExactly("sub");
  }

  @Test
  void relativePathsWork() throws IOException {
    Path rel = Path.of("target", "atomic-relative-test.bin");
    try {
      AtomicFiles.write(rel, out -> out.write(7));
      assertThat(Files.readAllBytes(rel)).containsExactly(7);
    } finally {
      Files.deleteIfExists(rel);
    }
  }

  private String[] listing() {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(x -> x.getFileName().toString()).sorted().toArray(String[]::new);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
