package org.conv4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * Test support: the fixture directories under {@code src/test/resources/fixtures} (written by
 * {@code tools/gen_io_fixtures.py} and {@code tools/gen_malformed.py}), their TSV manifests, exact
 * tensor comparison, and the shared real-data directory ({@code CONV4J_DATA}, else
 * {@code <repo root>/../shared/data}).
 */
final class Fixtures {
  private Fixtures() {}

  /** The fixture directory {@code fixtures/<name>}. */
  static Path dir(String name) {
    URL url = Fixtures.class.getClassLoader().getResource("fixtures/" + name + "/manifest.tsv");
    assertThat(url).as("fixtures/%s/manifest.tsv on the test classpath (run tools/gen_io_fixtures.py)", name)
        .isNotNull();
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The manifest rows of {@code fixtures/<name>}, split on tabs (comment lines skipped). */
  static List<String[]> manifest(String name) {
    try {
      List<String[]> rows = new ArrayList<>();
      for (String line : Files.readAllLines(dir(name).resolve("manifest.tsv"), StandardCharsets.UTF_8)) {
        if (!line.isEmpty() && !line.startsWith("#")) {
          rows.add(line.split("\t", -1));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A manifest shape: comma-separated dimensions, empty for rank 0. */
  static int[] shape(String s) {
    return s.isEmpty() ? new int[0] : Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  /** Manifest values: space-separated, as Double.parseDouble reads them. */
  static double[] values(String s) {
    return s.isEmpty() ? new double[0] : Arrays.stream(s.split(" ")).mapToDouble(Double::parseDouble).toArray();
  }

  /** Asserts dtype, shape and bit-exact values (NaN equal to NaN, −0.0 distinct from 0.0). */
  static void assertTensor(Tensor t, String dtype, String shape, String values, String what) {
    assertThat(t.dtype().numpyName()).as("%s dtype", what).isEqualTo(dtype);
    assertThat(t.shape()).as("%s shape", what).containsExactly(shape(shape));
    double[] want = values(values);
    if (t.dtype() == DType.FLOAT32) {
      float[] got = t.toFloatArray();
      assertThat(got).as("%s size", what).hasSize(want.length);
      for (int i = 0; i < want.length; i++) {
        assertThat(Float.floatToIntBits(got[i])).as("%s element %d: %s vs %s", what, i, got[i], want[i])
            .isEqualTo(Float.floatToIntBits((float) want[i]));
      }
    } else {
      double[] got = t.toDoubleArray();
      assertThat(got).as("%s size", what).hasSize(want.length);
      for (int i = 0; i < want.length; i++) {
        assertThat(Double.doubleToLongBits(got[i])).as("%s element %d: %s vs %s", what, i, got[i], want[i])
            .isEqualTo(Double.doubleToLongBits(want[i]));
      }
    }
  }

  /**
   * The shared data directory: env {@code CONV4J_DATA}, else {@code <repo root>/../shared/data}
   * (surefire sets {@code CONV4J_REPO_ROOT}), when it exists.
   */
  static Optional<Path> dataDir() {
    String env = System.getenv("CONV4J_DATA");
    if (env != null && !env.isBlank()) {
      Path p = Path.of(env);
      return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }
    String root = System.getenv("CONV4J_REPO_ROOT");
    Path base = root != null && !root.isBlank() ? Path.of(root) : Path.of("").toAbsolutePath();
    for (Path p = base; p != null; p = p.getParent()) {
      Path d = p.resolveSibling("shared").resolve("data");
      if (Files.isDirectory(d)) {
        return Optional.of(d);
      }
      if (root != null) {
        break; // only <repo root>/../shared/data when the root is known
      }
    }
    return Optional.empty();
  }
}
