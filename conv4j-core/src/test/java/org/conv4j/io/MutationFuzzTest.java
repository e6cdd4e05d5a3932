package org.conv4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Damaged copies of valid fixtures (truncated, bytes flipped, bytes inserted or deleted) must either
 * read (the damage was harmless) or fail with a {@link FormatException} naming the file: never an
 * unchecked exception, an {@code Error} or a hang.
 */
class MutationFuzzTest {
  /** A valid file and the reader for it. */
  record Seed(String dir, String file, MalformedCorpusTest.Reader reader) {}

  private static final List<Seed> SEEDS = List.of(
      new Seed("npy", "rank3_f4.npy", Npy::read),
      new Seed("npy", "dtype_i8_be_fortran.npy", Npy::read),
      new Seed("npy", "version3_f8.npy", Npy::read),
      new Seed("npz", "savez.npz", Npz::read),
      new Seed("npz", "savez_compressed.npz", Npz::read),
      new Seed("idx", "tiny-images-idx3-ubyte", Idx::readImages),
      new Seed("idx", "tiny-images-idx3-ubyte.gz", Idx::readImages),
      new Seed("idx", "generic-float64-idx1", Idx::read),
      new Seed("images", "rgba8.png", Images::read),
      new Seed("images", "palette4_trns.png", Images::read),
      new Seed("images", "grey16.png", Images::read));

  private final Path work;

  MutationFuzzTest() throws IOException {
    work = Files.createTempDirectory("conv4j-fuzz");
  }

  @AfterProperty
  void cleanUp() throws IOException {
    try (var s = Files.list(work)) {
      for (Path p : s.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(work);
  }

  @Property(tries = 600)
  void damagedFilesFailCleanly(@ForAll("seeds") Seed seed, @ForAll("longs") long rngSeed) throws IOException {
    byte[] good = Files.readAllBytes(Fixtures.dir(seed.dir()).resolve(seed.file()));
    byte[] bad = mutate(good, new SplittableRandom(rngSeed));
    Path p = work.resolve("m-" + seed.file());
    Files.write(p, bad);
    try {
      seed.reader().read(p);
    } catch (FormatException e) {
      assertThat(e.getMessage()).startsWith(p + ": ");
    } catch (IOException e) {
      throw new AssertionError("not a FormatException for " + seed.file() + " mutated: " + e, e);
    } catch (RuntimeException | Error e) {
      throw new AssertionError(e + " reading a damaged " + seed.file() + " (" + Arrays.toString(
          Arrays.copyOf(bad, Math.min(bad.length, 64))) + "...)", e);
    }
  }

  private static byte[] mutate(byte[] b, SplittableRandom r) {
    byte[] out = b.clone();
    int edits = 1 + r.nextInt(4);
    for (int k = 0; k < edits && out.length > 0; k++) {
      int pos = r.nextInt(out.length);
      switch (r.nextInt(5)) {
        case 0 -> out = Arrays.copyOf(out, pos); // truncate
        case 1 -> out[pos] ^= (byte) (1 << r.nextInt(8)); // flip a bit
        case 2 -> out[pos] = (byte) r.nextInt(256); // overwrite a byte
        case 3 -> { // insert a few bytes
          int n = 1 + r.nextInt(8);
          byte[] x = new byte[out.length + n];
          System.arraycopy(out, 0, x, 0, pos);
          for (int i = 0; i < n; i++) {
            x[pos + i] = (byte) r.nextInt(256);
          }
          System.arraycopy(out, pos, x, pos + n, out.length - pos);
          out = x;
        }
        default -> { // delete a few bytes
          int n = Math.min(1 + r.nextInt(8), out.length - pos);
          byte[] x = new byte[out.length - n];
          System.arraycopy(out, 0, x, 0, pos);
          System.arraycopy(out, pos + n, x, pos, out.length - pos - n);
          out = x;
        }
      }
    }
    return out;
  }

  @Provide
  Arbitrary<Seed> seeds() {
    return Arbitraries.of(SEEDS);
  }

  @Provide
  Arbitrary<Long> longs() {
    return Arbitraries.longs().withoutEdgeCases();
  }

}
