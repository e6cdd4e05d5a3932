package org.conv4j.tensor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reader for the NumPy oracle fixtures written by {@code tools/gen_tensor_fixtures.py} (the format
 * is documented at the top of that script). Values are parsed exactly: float64 with
 * {@link Double#parseDouble}, float32 with {@link Float#parseFloat}, so a fixture value is the very
 * number NumPy held.
 */
final class Fixtures {
  private Fixtures() {}

  /** An array of a fixture: dtype, shape and C-order values (float32 values widened exactly). */
  record Array(DType dtype, int[] shape, double[] values) {
    Tensor tensor() {
      if (dtype == DType.FLOAT32) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
          f[i] = (float) values[i];
        }
        return Tensor.of(f, shape);
      }
      return Tensor.of(values, shape);
    }
  }

  /** One block of a fixture file. */
  record Case(
      String name,
      String op,
      Map<String, String> args,
      List<Array> inputs,
      Map<Integer, String> pre,
      List<Array> outputs,
      Boolean view,
      int[] strides,
      Boolean contig,
      List<String> text) {

    String arg(String key) {
      String v = args.get(key);
      if (v == null) {
        throw new IllegalStateException(name + ": missing arg " + key);
      }
      return v;
    }

    boolean has(String key) {
      return args.containsKey(key) && !args.get(key).equals("none");
    }

    int intArg(String key) {
      return Integer.parseInt(arg(key));
    }

    double doubleArg(String key) {
      return parseValue(arg(key), DType.FLOAT64);
    }

    boolean boolArg(String key) {
      return Boolean.parseBoolean(arg(key));
    }

    int[] intsArg(String key) {
      return ints(arg(key));
    }

    /** Input {@code i} as a tensor, with its {@code pre} transformation applied. */
    Tensor input(int i) {
      Tensor t = inputs.get(i).tensor();
      String p = pre.get(i);
      if (p == null) {
        return t;
      }
      if (p.equals("T")) {
        return t.transpose();
      }
      if (p.startsWith("expand ")) {
        return t.expand(ints(p.substring(7)));
      }
      return t.slice(p);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> load(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + resource + "; run tools/gen_tensor_fixtures.py");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> lines = r.lines().toList();
      return parse(lines, resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Case> parse(List<String> lines, String source) {
    List<Case> out = new ArrayList<>();
    Builder b = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int sp = line.indexOf(' ');
      String key = sp < 0 ? line : line.substring(0, sp);
      String rest = sp < 0 ? "" : line.substring(sp + 1);
      if (key.equals("case")) {
        if (b != null) {
          out.add(b.build());
        }
        b = new Builder(rest);
        continue;
      }
      if (b == null) {
        throw new IllegalStateException(source + ":" + (i + 1) + ": item outside a case: " + line);
      }
      switch (key) {
        case "arg" -> {
          int s2 = rest.indexOf(' ');
          b.args.put(s2 < 0 ? rest : rest.substring(0, s2), s2 < 0 ? "" : rest.substring(s2 + 1));
        }
        case "in" -> b.inputs.add(parseArray(rest));
        case "out" -> b.outputs.add(parseArray(rest));
        case "pre" -> {
          int s2 = rest.indexOf(' ');
          b.pre.put(Integer.parseInt(rest.substring(0, s2)), rest.substring(s2 + 1));
        }
        case "view" -> b.view = Boolean.parseBoolean(rest);
        case "contig" -> b.contig = Boolean.parseBoolean(rest);
        case "strides" -> b.strides = ints(rest);
        case "text" -> {
          int n = Integer.parseInt(rest);
          b.text = new ArrayList<>(lines.subList(i + 1, i + 1 + n));
          i += n;
        }
        default -> throw new IllegalStateException(source + ":" + (i + 1) + ": unknown item " + key);
      }
    }
    if (b != null) {
      out.add(b.build());
    }
    return out;
  }

  private static final class Builder {
    final String name;
    final Map<String, String> args = new LinkedHashMap<>();
    final List<Array> inputs = new ArrayList<>();
    final Map<Integer, String> pre = new TreeMap<>();
    final List<Array> outputs = new ArrayList<>();
    Boolean view;
    Boolean contig;
    int[] strides;
    List<String> text;

    Builder(String name) {
      this.name = name;
    }

    Case build() {
      int slash = name.indexOf('/');
      String op = slash < 0 ? name : name.substring(0, slash);
      return new Case(name, op, args, inputs, pre, outputs, view, strides, contig, text);
    }
  }

  /** {@code <dtype> <shape> <values or @generator>}. */
  static Array parseArray(String s) {
    String[] tok = s.split(" ", 3);
    DType dt = switch (tok[0]) {
      case "float32" -> DType.FLOAT32;
      case "float64" -> DType.FLOAT64;
      default -> throw new IllegalArgumentException("dtype " + tok[0]);
    };
    int[] shape = tok[1].equals("()") ? new int[0] : ints(tok[1]);
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    double[] v;
    if (tok.length < 3) {
      v = new double[0];
    } else if (tok[2].startsWith("@")) {
      v = generate(tok[2], n, dt);
    } else {
      String[] parts = tok[2].split(" ");
      v = new double[parts.length];
      for (int i = 0; i < parts.length; i++) {
        v[i] = parseValue(parts[i], dt);
      }
    }
    if (v.length != n) {
      throw new IllegalStateException("array " + tok[1] + " has " + v.length + " values: " + s);
    }
    return new Array(dt, shape, v);
  }

  /** The generators of the script: {@code @arange}, {@code @mod k m o d}, then {@code | i=v} overrides. */
  static double[] generate(String spec, int n, DType dt) {
    String[] main = spec.split(" \\| ", 2);
    String[] p = main[0].split(" ");
    double[] v = new double[n];
    switch (p[0]) {
      case "@arange" -> {
        for (int i = 0; i < n; i++) {
          v[i] = i;
        }
      }
      case "@mod" -> {
        long k = Long.parseLong(p[1]);
        long m = Long.parseLong(p[2]);
        long o = Long.parseLong(p[3]);
        double d = Long.parseLong(p[4]);
        for (int i = 0; i < n; i++) {
          v[i] = (double) ((i * k) % m - o) / d;
        }
      }
      default -> throw new IllegalArgumentException("generator " + spec);
    }
    if (main.length > 1) {
      for (String o : main[1].trim().split(" ")) {
        String[] kv = o.split("=");
        v[Integer.parseInt(kv[0])] = parseValue(kv[1], DType.FLOAT64);
      }
    }
    if (dt == DType.FLOAT32) {
      for (int i = 0; i < n; i++) {
        v[i] = (float) v[i];
      }
    }
    return v;
  }

  static double parseValue(String s, DType dt) {
    return switch (s) {
      case "nan" -> Double.NaN;
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> dt == DType.FLOAT32 ? Float.parseFloat(s) : Double.parseDouble(s);
    };
  }

  static int[] ints(String s) {
    String t = s.trim();
    if (t.isEmpty() || t.equals("()")) {
      return new int[0];
    }
    String[] parts = t.split(",");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = Integer.parseInt(parts[i].trim());
    }
    return out;
  }
}
