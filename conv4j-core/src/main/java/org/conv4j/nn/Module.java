package org.conv4j.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conv4j.autodiff.Variable;
import org.conv4j.tensor.DType;
import org.conv4j.tensor.Tensor;

/**
 * A layer or a model: a differentiable function of one input with its own {@link Parameter}s and
 * child modules (PyTorch's {@code nn.Module}, reduced to what training needs).
 *
 * <p>Lifecycle: construct (parameters have shapes but no storage) → {@link #initialize} (packs
 * every parameter of the tree into one {@link FlatParameters} buffer and fills it from each
 * parameter's initialiser, in parameter order) → {@link #forward} with gradients, then an optimizer
 * step over {@link #flatParameters()}. {@link #train}/{@link #eval} switch modes that behave
 * differently in training (dropout). Parameter names are dotted paths through the children
 * ({@code layer0.weight}), the keys of checkpoints.
 */
public abstract class Module {
  private boolean training = true;
  private FlatParameters flat;

  /** The output for input {@code x}; records a graph when gradients are enabled. */
  public abstract Variable forward(Variable x);

  /** Inference: the output for {@code x} in no-grad mode. */
  public Tensor predict(Tensor x) {
    try (Variable.NoGrad scope = Variable.noGrad()) {
      return forward(Variable.of(x)).value();
    }
  }

  /** This module's own parameters (not its children's), in a fixed order. */
  protected List<Parameter> ownParameters() {
    return List.of();
  }

  /** The child modules by name, in order. */
  protected Map<String, Module> children() {
    return Map.of();
  }

  /** Every parameter of the tree by dotted name: own parameters first, then each child's. */
  public final Map<String, Parameter> namedParameters() {
    Map<String, Parameter> out = new LinkedHashMap<>();
    collect("", out);
    return out;
  }

  private void collect(String prefix, Map<String, Parameter> out) {
    for (Parameter p : ownParameters()) {
      out.put(prefix + p.name(), p);
    }
    for (Map.Entry<String, Module> c : children().entrySet()) {
      c.getValue().collect(prefix + c.getKey() + ".", out);
    }
  }

  /** Every parameter of the tree, in {@link #namedParameters()} order. */
  public final List<Parameter> parameters() {
    return new ArrayList<>(namedParameters().values());
  }

  /** {@link #initialize(RandomSource, DType)} in float32. */
  public final FlatParameters initialize(RandomSource rnd) {
    return initialize(rnd, DType.FLOAT32);
  }

  /**
   * Packs all parameters into one buffer of {@code dtype} and fills each from its initialiser,
   * drawing from {@code rnd} in parameter order (so the same source gives the same model).
   *
   * @return the buffers, also {@link #flatParameters()} from now on
   */
  public final FlatParameters initialize(RandomSource rnd, DType dtype) {
    List<Parameter> ps = parameters();
    FlatParameters f = FlatParameters.pack(ps, dtype);
    for (Parameter p : ps) {
      p.set(p.initializer().init(p.shape(), p.fanIn(), p.fanOut(), dtype, rnd));
    }
    this.flat = f;
    return f;
  }

  /**
   * The single buffer all parameters live in. When this module's parameters were initialised as
   * parts of separate modules, they are packed into a new buffer first (values kept).
   *
   * @throws IllegalStateException when some parameter has never been initialised
   */
  public final FlatParameters flatParameters() {
    List<Parameter> ps = parameters();
    if (flat != null && flat.holdsExactly(ps)) {
      return flat;
    }
    DType dtype = DType.FLOAT32;
    for (Parameter p : ps) {
      if (!p.isBound()) {
        throw new IllegalStateException("parameter " + p + " has no value yet: call initialize(...) on the model first");
      }
      dtype = p.dtype();
    }
    if (!ps.isEmpty() && ps.get(0).owner() != null && ps.get(0).owner().holdsExactly(ps)) {
      flat = ps.get(0).owner();
    } else {
      flat = FlatParameters.pack(ps, dtype);
    }
    return flat;
  }

  /** Clears every parameter's gradient. */
  public void zeroGrad() {
    flatParameters().zeroGrad();
  }

  /** Training mode (dropout active) on or off, for this module and all children. */
  public Module train(boolean on) {
    training = on;
    for (Module c : children().values()) {
      c.train(on);
    }
    return this;
  }

  /** Evaluation mode: {@code train(false)}. */
  public Module eval() {
    return train(false);
  }

  /** Whether this module is in training mode. */
  public boolean isTraining() {
    return training;
  }

  /** State that is not a parameter but matters for resuming (random stream positions), by dotted name. */
  public final Map<String, Tensor> state() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collectState("", out);
    return out;
  }

  private void collectState(String prefix, Map<String, Tensor> out) {
    for (Map.Entry<String, Tensor> e : ownState().entrySet()) {
      out.put(prefix + e.getKey(), e.getValue());
    }
    for (Map.Entry<String, Module> c : children().entrySet()) {
      c.getValue().collectState(prefix + c.getKey() + ".", out);
    }
  }

  /** Restores what {@link #state()} returned (missing entries are left as they are). */
  public final void loadState(Map<String, Tensor> state) {
    loadState("", state);
  }

  private void loadState(String prefix, Map<String, Tensor> state) {
    Map<String, Tensor> own = new LinkedHashMap<>();
    for (String k : ownState().keySet()) {
      if (state.containsKey(prefix + k)) {
        own.put(k, state.get(prefix + k));
      }
    }
    loadOwnState(own);
    for (Map.Entry<String, Module> c : children().entrySet()) {
      c.getValue().loadState(prefix + c.getKey() + ".", state);
    }
  }

  /** This module's own non-parameter state. */
  protected Map<String, Tensor> ownState() {
    return Map.of();
  }

  /** Restores this module's own state from the entries of {@link #ownState()} present in {@code state}. */
  protected void loadOwnState(Map<String, Tensor> state) {}

  /** A one-line description of this module (children are listed by {@link Sequential}). */
  @Override
  public String toString() {
    return getClass().getSimpleName();
  }
}
