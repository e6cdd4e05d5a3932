package org.conv4j.filter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.conv4j.io.Npz;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * The SciPy oracles written by {@code tools/gen_filter_fixtures.py}: {@code fixtures/filter/
 * manifest.tsv.gz} (one case per line: name, op, dtype, input key, {@code k=v;k=v} parameters) and
 * {@code filter.npz} (inputs, weights, footprints, and every expected output packed into {@code y64}
 * / {@code y32} at offset {@code y}). {@link #run} calls the {@link Filters} op a case names.
 */
final class FilterFixtures {
  private static Map<String, Tensor> arrays;
  private static List<Case> cases;

  private FilterFixtures() {}

  /** One oracle case. */
  record Case(String name, String op, DType dtype, String x, Map<String, String> params) {
    String get(String key) {
      return params.get(key);
    }

    boolean has(String key) {
      return params.containsKey(key);
    }

    int[] ints(String key) {
      return Arrays.stream(get(key).split(",")).mapToInt(Integer::parseInt).toArray();
    }

    Tensor input() {
      return array(x);
    }

    Tensor expected() {
      Tensor packed = array(dtype == DType.FLOAT32 ? "y32" : "y64");
      Tensor in = input();
      int off = Integer.parseInt(get("y"));
      return packed.slice(0, off, off + in.size(), 1).reshape(in.shape());
    }

    FilterOptions options() {
      FilterOptions o = FilterOptions.defaults();
      if (has("mode")) {
        o = o.mode(get("mode"));
      }
      if (has("modes")) {
        o = o.modes(get("modes").split(","));
      }
      if (has("cval")) {
        o = o.cval(Double.parseDouble(get("cval")));
      }
      if (has("origin")) {
        o = o.origin(Integer.parseInt(get("origin")));
      }
      if (has("origins")) {
        o = o.origins(ints("origins"));
      }
      if (has("axes")) {
        o = o.axes(ints("axes"));
      }
      return o;
    }

    Footprint footprint() {
      if (has("footprint")) {
        return Footprint.of(array(get("footprint")));
      }
      return Footprint.size(ints("size"));
    }

    @Override
    public String toString() {
      return name + " " + dtype + " " + params;
    }
  }

  /** Runs the op of {@code c} on its input with the given options. */
  static Tensor run(Case c, FilterOptions o) {
    Tensor x = c.input();
    return switch (c.op()) {
      case "correlate" -> Filters.correlate(x, array(c.get("weights")), o);
      case "convolve" -> Filters.convolve(x, array(c.get("weights")), o);
      case "correlate1d" -> Filters.correlate1d(
          x, array(c.get("weights")).toDoubleArray(), Integer.parseInt(c.get("axis")), o);
      case "convolve1d" -> Filters.convolve1d(
          x, array(c.get("weights")).toDoubleArray(), Integer.parseInt(c.get("axis")), o);
      case "uniform" -> Filters.uniformFilter(x, c.ints("size"), o);
      case "uniform1d" -> Filters.uniformFilter1d(
          x, Integer.parseInt(c.get("size")), Integer.parseInt(c.get("axis")), o);
      case "minimum" -> Filters.minimumFilter(x, c.footprint(), o);
      case "maximum" -> Filters.maximumFilter(x, c.footprint(), o);
      case "minimum1d" -> Filters.minimumFilter1d(
          x, Integer.parseInt(c.get("size")), Integer.parseInt(c.get("axis")), o);
      case "maximum1d" -> Filters.maximumFilter1d(
          x, Integer.parseInt(c.get("size")), Integer.parseInt(c.get("axis")), o);
      case "median" -> Filters.medianFilter(x, c.footprint(), o);
      case "percentile" -> Filters.percentileFilter(x, Double.parseDouble(c.get("percentile")), c.footprint(), o);
      case "rank" -> Filters.rankFilter(x, Integer.parseInt(c.get("rank")), c.footprint(), o);
      default -> throw new IllegalArgumentException("unknown op " + c.op());
    };
  }

  static synchronized Map<String, Tensor> arrays() {
    if (arrays == null) {
      try {
        arrays = Npz.read(dir().resolve("filter.npz"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return arrays;
  }

  static Tensor array(String key) {
    Tensor t = arrays().get(key);
    if (t == null) {
      throw new IllegalStateException("no array " + key + " in filter.npz");
    }
    return t;
  }

  static synchronized List<Case> cases() {
    if (cases == null) {
      List<Case> list = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(
          new GZIPInputStream(Files.newInputStream(dir().resolve("manifest.tsv.gz"))), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          String[] f = line.split("\t", -1);
          Map<String, String> params = new LinkedHashMap<>();
          for (String kv : f[4].split(";")) {
            int eq = kv.indexOf('=');
            params.put(kv.substring(0, eq), kv.substring(eq + 1));
          }
          list.add(new Case(f[0], f[1], f[2].equals("float32") ? DType.FLOAT32 : DType.FLOAT64, f[3], params));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      cases = List.copyOf(list);
    }
    return cases;
  }

  static Path dir() {
    URL url = FilterFixtures.class.getClassLoader().getResource("fixtures/filter/filter.npz");
    if (url == null) {
      throw new IllegalStateException("fixtures/filter/filter.npz not on the test classpath (run tools/gen_filter_fixtures.py)");
    }
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
