package org.conv4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** {@link Npz}: np.savez / np.savez_compressed fixtures, round trips, determinism. */
class NpzTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everyArchiveReadsToItsManifest() {
    Path dir = Fixtures.dir("npz");
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, List<String[]>> entries = new LinkedHashMap<>();
    for (String[] r : Fixtures.manifest("npz")) {
      if (r[0].equals("archive")) {
        counts.put(r[1], Integer.parseInt(r[2]));
        entries.put(r[1], new ArrayList<>());
      } else {
        entries.get(r[1]).add(r);
      }
    }
    assertThat(counts).containsKeys("savez.npz", "savez_compressed.npz", "empty_archive.npz");
    return counts.keySet().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
      Map<String, Tensor> got = Npz.read(dir.resolve(name));
      assertThat(got).hasSize(counts.get(name));
      List<String[]> want = entries.get(name);
      assertThat(new ArrayList<>(got.keySet())).as("names in archive order")
          .containsExactlyElementsOf(want.stream().map(r -> r[2]).toList());
      for (String[] r : want) {
        Fixtures.assertTensor(got.get(r[2]), r[3], r[4], r[5], name + ":" + r[2]);
      }
    }));
  }

  @Test
  void roundTripsStoredAndDeflatedInOrder() throws IOException {
    Map<String, Tensor> arrays = new LinkedHashMap<>();
    arrays.put("z_last_alphabetically", Tensor.arange(DType.FLOAT32, 12).reshape(3, 4));
    arrays.put("a", Tensor.of(new double[] {Double.NaN, -0.0, Double.MIN_VALUE}, 3));
    arrays.put("scalar", Tensor.scalar(2.5));
    arrays.put("empty", Tensor.zeros(DType.FLOAT32, 0, 5));
    arrays.put("view", Tensor.arange(DType.FLOAT64, 24).reshape(2, 3, 4).transpose());
    arrays.put("dir/nested", Tensor.ones(DType.FLOAT64, 2, 2));
    for (boolean compressed : new boolean[] {false, true}) {
      Path p = tmp.resolve("rt" + compressed + ".npz");
      Npz.write(p, arrays, compressed);
      try (ZipFile z = new ZipFile(p.toFile())) {
        ZipEntry e = z.getEntry("a.npy");
        assertThat(e.getMethod()).isEqualTo(compressed ? ZipEntry.DEFLATED : ZipEntry.STORED);
      }
      Map<String, Tensor> back = Npz.read(p);
      assertThat(new ArrayList<>(back.keySet())).containsExactlyElementsOf(arrays.keySet());
      for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
        Tensor b = back.get(e.getKey());
        assertThat(b.dtype()).isEqualTo(e.getValue().dtype());
        assertThat(b.shape()).containsExactly(e.getValue().shape());
        assertThat(b.toDoubleArray()).containsExactly(e.getValue().toDoubleArray());
      }
    }
  }

  @Test
  void equalInputGivesIdenticalFiles() throws IOException {
    Map<String, Tensor> arrays = Map.of("x", Tensor.arange(DType.FLOAT32, 100));
    Path a = tmp.resolve("a.npz");
    Path b = tmp.resolve("b.npz");
    Npz.write(a, arrays, true);
    Npz.write(b, arrays, true);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
  }

  @Test
  void entriesHoldExactlyWhatNpyWriteWrites() throws IOException {
    Tensor t = Tensor.arange(DType.FLOAT64, 7);
    Path npz = tmp.resolve("one.npz");
    Npz.write(npz, Map.of("t", t), false);
    Path npy = tmp.resolve("t.npy");
    Npy.write(npy, t);
    try (ZipFile z = new ZipFile(npz.toFile())) {
      assertThat(z.getInputStream(z.getEntry("t.npy")).readAllBytes()).isEqualTo(Files.readAllBytes(npy));
    }
  }

  @Test
  void rejectsEmptyNamesAndNullArrays() {
    Map<String, Tensor> bad = new LinkedHashMap<>();
    bad.put("", Tensor.scalar(1));
    assertThatThrownBy(() -> Npz.write(tmp.resolve("bad.npz"), bad, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-empty");
    Map<String, Tensor> nul = new LinkedHashMap<>();
    nul.put("x", null);
    assertThatThrownBy(() -> Npz.write(tmp.resolve("bad.npz"), nul, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x' is null");
    assertThat(tmp.resolve("bad.npz")).doesNotExist();
  }
}
