package org.conv4j.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.conv4j.autodiff.Variable;

/**
 * Modules applied one after the other. Children are named by position ({@code "0"}, {@code "1"}, …)
 * or explicitly with {@link #add(String, Module)}; parameter names are {@code child.param}.
 *
 * {@snippet :
 * Sequential net = new Sequential(new Conv2d(1, 8, 3), new ReLU(), new MaxPool2d(2), new Flatten(),
 *     new Linear(8 * 13 * 13, 10));
 * FlatParameters flat = net.initialize(RandomSource.seeded(1));   // one buffer for every parameter
 * }
 */
public final class Sequential extends Module {
  private final Map<String, Module> children = new LinkedHashMap<>();

  /** The modules in order, named "0", "1", …. */
  public Sequential(Module... modules) {
    for (Module m : modules) {
      add(String.valueOf(children.size()), m);
    }
  }

  /**
   * Appends a named module; returns this.
   *
   * @throws IllegalArgumentException when the name is empty, contains a dot or is taken
   */
  public Sequential add(String name, Module module) {
    if (name.isEmpty() || name.contains(".") || children.containsKey(name)) {
      throw new IllegalArgumentException("Sequential: child name '" + name + "' is empty, contains '.' or is taken");
    }
    children.put(name, module);
    return this;
  }

  /** The child called {@code name}, or null. */
  public Module get(String name) {
    return children.get(name);
  }

  @Override
  protected Map<String, Module> children() {
    return Collections.unmodifiableMap(children);
  }

  @Override
  public Variable forward(Variable x) {
    Variable h = x;
    for (Module m : children.values()) {
      h = m.forward(h);
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Sequential(");
    for (Map.Entry<String, Module> e : children.entrySet()) {
      sb.append("\n  ").append(e.getKey()).append(": ").append(e.getValue().toString().replace("\n", "\n  "));
    }
    return sb.append("\n)").toString();
  }
}
