package org.conv4j.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Writes every npy and npz fixture back out through {@link Npy#write} and {@link Npz#write} into
 * {@code $CONV4J_IO_EXPORT_DIR}, for {@code python3 tools/gen_io_fixtures.py --check-written DIR} to
 * load with numpy and compare with the manifests (and with np.save byte for byte). Skipped unless
 * that variable is set, so the build never needs Python.
 */
class NumpyExportTest {
  @Test
  void exportFixturesForTheNumpyCheck() throws IOException {
    String target = System.getenv("CONV4J_IO_EXPORT_DIR");
    Assumptions.assumeTrue(target != null && !target.isBlank(),
        "set CONV4J_IO_EXPORT_DIR to export files for tools/gen_io_fixtures.py --check-written");
    Path out = Path.of(target);
    Path npyOut = Files.createDirectories(out.resolve("npy"));
    Path npzOut = Files.createDirectories(out.resolve("npz"));
    Path npyDir = Fixtures.dir("npy");
    for (String[] r : Fixtures.manifest("npy")) {
      Npy.write(npyOut.resolve(r[0]), Npy.read(npyDir.resolve(r[0])));
    }
    Path npzDir = Fixtures.dir("npz");
    for (String[] r : Fixtures.manifest("npz")) {
      if (r[0].equals("archive")) {
        Map<String, Tensor> arrays = new LinkedHashMap<>(Npz.read(npzDir.resolve(r[1])));
        String stem = r[1].substring(0, r[1].length() - 4);
        Npz.write(npzOut.resolve(stem + ".stored.npz"), arrays, false);
        Npz.write(npzOut.resolve(stem + ".deflated.npz"), arrays, true);
      }
    }
  }
}
