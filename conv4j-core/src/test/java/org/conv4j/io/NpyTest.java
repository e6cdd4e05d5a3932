package org.conv4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** {@link Npy}: the numpy-written fixtures, exact round trips, np.save byte identity, streams. */
class NpyTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everyFixtureReadsToItsManifestValues() {
    Path dir = Fixtures.dir("npy");
    List<String[]> rows = Fixtures.manifest("npy");
    assertThat(rows).hasSizeGreaterThan(60);
    return rows.stream().map(r -> DynamicTest.dynamicTest(r[0], () -> {
      Tensor t = Npy.read(dir.resolve(r[0]));
      Fixtures.assertTensor(t, r[1], r[2], r[3], r[0]);
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyFixtureAlsoReadsFromAStream() {
    Path dir = Fixtures.dir("npy");
    return Fixtures.manifest("npy").stream().flatMap(r -> Stream.of(-1L, 0L).map(known ->
        DynamicTest.dynamicTest(r[0] + (known < 0 ? " (unknown size)" : " (known size)"), () -> {
          byte[] b = Files.readAllBytes(dir.resolve(r[0]));
          Tensor t = Npy.read(new ByteArrayInputStream(b), r[0], known < 0 ? -1 : b.length);
          Fixtures.assertTensor(t, r[1], r[2], r[3], r[0]);
        })));
  }

  /** np.save's output for little-endian float C-order arrays is reproduced byte for byte. */
  @TestFactory
  Stream<DynamicTest> writeIsByteIdenticalToNpSave() {
    Path dir = Fixtures.dir("npy");
    return Stream.of("rank0_f4.npy", "rank1_f4.npy", "rank2_f4.npy", "rank3_f4.npy", "rank4_f4.npy",
            "rank8_f4.npy", "empty_0_f4.npy", "empty_0x4_f4.npy", "empty_2x0x3_f4.npy", "dtype_f4_le.npy",
            "dtype_f8_le.npy")
        .map(name -> DynamicTest.dynamicTest(name, () -> {
          byte[] numpy = Files.readAllBytes(dir.resolve(name));
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          Npy.write(out, Npy.read(dir.resolve(name)));
          assertThat(out.toByteArray()).isEqualTo(numpy);
        }));
  }

  @Test
  void headerIsPaddedToSixtyFourBytesWithNewline() throws IOException {
    for (int[] shape : new int[][] {{}, {7}, {2, 3}, {123456789, 0}, {1, 1, 1, 1, 1, 1, 1, 1}}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Npy.write(out, Tensor.zeros(DType.FLOAT64, shape));
      byte[] b = out.toByteArray();
      int hlen = (b[8] & 0xff) | (b[9] & 0xff) << 8;
      assertThat((10 + hlen) % 64).isZero();
      assertThat(b[10 + hlen - 1]).isEqualTo((byte) '\n');
      String header = new String(b, 10, hlen, StandardCharsets.ISO_8859_1);
      assertThat(header).startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (");
    }
  }

  @Test
  void roundTripsBothDtypesAtEveryRank() throws IOException {
    for (int rank = 0; rank <= 8; rank++) {
      int[] shape = new int[rank];
      for (int i = 0; i < rank; i++) {
        shape[i] = 1 + (i % 3);
      }
      int n = 1;
      for (int d : shape) {
        n *= d;
      }
      double[] d = new double[n];
      float[] f = new float[n];
      for (int i = 0; i < n; i++) {
        d[i] = Math.scalb(i - n / 2.0, -3) + 1e-300 * i;
        f[i] = (float) (i * 0.1 - 1);
      }
      for (Tensor t : List.of(Tensor.of(d, shape), Tensor.of(f, shape))) {
        Path p = tmp.resolve("r" + rank + t.dtype() + ".npy");
        Npy.write(p, t);
        Tensor back = Npy.read(p);
        assertThat(back.dtype()).isEqualTo(t.dtype());
        assertThat(back.shape()).containsExactly(shape);
        assertThat(back.toDoubleArray()).containsExactly(t.toDoubleArray());
      }
    }
  }

  @Test
  void writesViewsInCOrder() throws IOException {
    Tensor x = Tensor.arange(DType.FLOAT32, 24).reshape(2, 3, 4);
    for (Tensor v : List.of(x.transpose(), x.slice("1:, ::-1, 1::2"), x.slice("1"), x.expand(2, 2, 3, 4))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Npy.write(out, v);
      Tensor back = Npy.read(new ByteArrayInputStream(out.toByteArray()), "view", out.size());
      assertThat(back.shape()).containsExactly(v.shape());
      assertThat(back.toFloatArray()).containsExactly(v.toFloatArray());
    }
  }

  @Test
  void readsArraysWrittenOneAfterAnotherToOneStream() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Tensor a = Tensor.of(new double[] {1, 2, 3}, 3);
    Tensor b = Tensor.of(new float[] {4, 5}, 2, 1);
    Npy.write(out, a);
    Npy.write(out, b);
    InputStream in = new ByteArrayInputStream(out.toByteArray());
    assertThat(Npy.read(in, "two", -1).toDoubleArray()).containsExactly(1, 2, 3);
    assertThat(Npy.read(in, "two", -1).toFloatArray()).containsExactly(4, 5);
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void streamWithKnownSizeRejectsAMismatchBeforeReading() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Npy.write(out, Tensor.zeros(DType.FLOAT64, 4));
    byte[] b = out.toByteArray();
    assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(b), "s.npy", b.length - 8))
        .isInstanceOf(FormatException.class)
        .hasMessage("s.npy: header declares shape (4,) of <f8 = 32 bytes but the stream holds 24 bytes after"
            + " the header");
    assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(b), "s.npy", b.length + 3))
        .isInstanceOf(FormatException.class).hasMessageContaining("s.npy: 3 trailing bytes after the data");
  }

  /** A header promising 12.8 GB over an unknown-length stream fails after reading what is there. */
  @Test
  void hugeClaimOnAStreamOfUnknownSizeFailsWithoutAllocatingIt() throws IOException {
    byte[] header = header("{'descr': '<f8', 'fortran_order': False, 'shape': (40000, 40000), }");
    byte[] b = concat(header, new byte[4096]);
    assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(b), "huge", -1))
        .isInstanceOf(FormatException.class)
        .hasMessage("huge: header declares shape (40000, 40000) of <f8 = 12800000000 bytes but the stream"
            + " ends after 4096 bytes of data");
    byte[] u1 = header("{'descr': '|u1', 'fortran_order': False, 'shape': (50000, 50000), }");
    assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(u1), "big", -1))
        .isInstanceOf(FormatException.class)
        .hasMessage("big: shape (50000, 50000) has 2500000000 elements; a tensor holds at most 2147483639");
  }

  @Test
  void truncatedStreamNamesTheSource() {
    byte[] header = header("{'descr': '>i2', 'fortran_order': True, 'shape': (3, 5), }");
    byte[] b = concat(header, new byte[7]);
    assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(b), "cut.npy", -1))
        .isInstanceOf(FormatException.class)
        .hasMessage("cut.npy: header declares shape (3, 5) of >i2 = 30 bytes but the stream ends after 7 bytes"
            + " of data");
  }

  @Test
  void missingFileAndDirectoryAreReportedByName() throws IOException {
    Path missing = tmp.resolve("nope.npy");
    assertThatThrownBy(() -> Npy.read(missing)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("nope.npy");
    Path dir = Files.createDirectory(tmp.resolve("adir.npy"));
    assertThatThrownBy(() -> Npy.read(dir)).isInstanceOf(IOException.class)
        .isNotInstanceOf(FormatException.class).hasMessageContaining("adir.npy").hasMessageContaining("directory");
  }

  @Test
  void writeToAMissingDirectoryFailsWithoutLeavingFiles() {
    Path target = tmp.resolve("no/such/dir/x.npy");
    assertThatThrownBy(() -> Npy.write(target, Tensor.zeros(DType.FLOAT32, 2)))
        .isInstanceOf(IOException.class).hasMessageContaining("x.npy");
  }

  static byte[] header(String dict) {
    StringBuilder h = new StringBuilder(dict);
    int pad = 64 - ((10 + h.length() + 1) % 64);
    h.append(" ".repeat(pad)).append('\n');
    byte[] t = h.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[10 + t.length];
    System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) t.length, (byte) (t.length >> 8)},
        0, out, 0, 10);
    System.arraycopy(t, 0, out, 10, t.length);
    return out;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
