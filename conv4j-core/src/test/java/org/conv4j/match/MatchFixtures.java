package org.conv4j.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conv4j.io.Npz;
import org.conv4j.tensor.Tensor;

/**
 * The fixtures of {@code tools/gen_match_fixtures.py} (fixtures/match: manifest.tsv + match.npz),
 * shared by the match and window oracle tests.
 */
public final class MatchFixtures {
  /** One manifest line. */
  public record Case(String name, String op, Map<String, String> args) {
    public String arg(String k) {
      String v = args.get(k);
      if (v == null) {
        throw new IllegalStateException(name + ": no arg " + k);
      }
      return v;
    }

    public int[] ints(String k) {
      String v = arg(k);
      if (v.equals("none")) {
        return null;
      }
      String[] p = v.split(",");
      int[] r = new int[p.length];
      for (int i = 0; i < p.length; i++) {
        r[i] = Integer.parseInt(p[i].trim());
      }
      return r;
    }

    public Tensor array(String suffix) {
      return arrays().get(name + "." + suffix);
    }

    public boolean has(String suffix) {
      return arrays().containsKey(name + "." + suffix);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static Map<String, Tensor> arrays;
  private static List<Case> cases;

  private MatchFixtures() {}

  static Path dir() {
    URL url = MatchFixtures.class.getClassLoader().getResource("fixtures/match/manifest.tsv");
    assertThat(url).as("fixtures/match on the test classpath (python3 tools/gen_match_fixtures.py)").isNotNull();
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static synchronized Map<String, Tensor> arrays() {
    if (arrays == null) {
      try {
        arrays = Npz.read(dir().resolve("match.npz"));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return arrays;
  }

  public static synchronized List<Case> cases(String op) {
    if (cases == null) {
      List<Case> all = new ArrayList<>();
      try {
        for (String line : Files.readAllLines(dir().resolve("manifest.tsv"))) {
          if (line.startsWith("#") || line.startsWith("name\t") || line.isBlank()) {
            continue;
          }
          String[] f = line.split("\t");
          Map<String, String> args = new LinkedHashMap<>();
          for (String kv : f[2].split(";")) {
            int e = kv.indexOf('=');
            args.put(kv.substring(0, e), kv.substring(e + 1));
          }
          all.add(new Case(f[0], f[1], args));
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      cases = all;
    }
    return cases.stream().filter(c -> c.op().equals(op)).toList();
  }
}
