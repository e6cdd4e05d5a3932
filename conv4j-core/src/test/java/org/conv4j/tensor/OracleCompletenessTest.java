package org.conv4j.tensor;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.conv4j.tensor.Fixtures.Case;
import org.junit.jupiter.api.Test;

/**
 * Every public method of {@link Tensor} has NumPy oracle cases in both dtypes, or is listed here
 * with the test that covers it instead. A new public method fails this test until it is tested.
 */
class OracleCompletenessTest {

  /** Fixture op → the Tensor method it calls (see TensorOracleTest.apply). */
  static final Map<String, String> OP_METHOD = Map.ofEntries(
      entry("slice", "slice"), entry("index", "slice"), entry("select", "select"), entry("permute", "permute"),
      entry("transpose", "transpose"), entry("reshape", "reshape"), entry("flatten", "flatten"),
      entry("expand", "expand"), entry("flip", "flip"), entry("squeeze", "squeeze"),
      entry("unsqueeze", "unsqueeze"), entry("contiguous", "contiguous"),
      entry("add", "add"), entry("sub", "sub"), entry("mul", "mul"), entry("div", "div"), entry("pow", "pow"),
      entry("maximum", "maximum"), entry("minimum", "minimum"), entry("eq", "eq"), entry("ne", "ne"),
      entry("lt", "lt"), entry("le", "le"), entry("gt", "gt"), entry("ge", "ge"),
      entry("add_s", "add"), entry("sub_s", "sub"), entry("mul_s", "mul"), entry("div_s", "div"),
      entry("pow_s", "pow"), entry("eq_s", "eq"), entry("lt_s", "lt"), entry("gt_s", "gt"),
      entry("neg", "neg"), entry("abs", "abs"), entry("exp", "exp"), entry("log", "log"), entry("sqrt", "sqrt"),
      entry("tanh", "tanh"), entry("sigmoid", "sigmoid"), entry("relu", "relu"), entry("clamp", "clamp"),
      entry("sum", "sum"), entry("mean", "mean"), entry("var", "var"), entry("std", "std"), entry("min", "min"),
      entry("max", "max"), entry("argmin", "argmin"), entry("argmax", "argmax"), entry("matmul", "matmul"),
      entry("concat", "concat"), entry("stack", "stack"), entry("split", "split"), entry("split_at", "splitAt"),
      entry("pad", "pad"), entry("to", "to"), entry("arange", "arange"), entry("full", "full"));

  /** Public methods without a NumPy op of their own, and where they are tested. */
  static final Map<String, String> TESTED_ELSEWHERE = Map.ofEntries(
      entry("toString", "TensorPrintOracleTest (NumPy str)"),
      entry("get", "TensorPropertiesTest (every reference), TensorBasicsTest"),
      entry("item", "TensorBasicsTest"), entry("of", "TensorBasicsTest"), entry("zeros", "TensorBasicsTest"),
      entry("ones", "TensorBasicsTest"), entry("scalar", "TensorBasicsTest"), entry("dtype", "TensorOracleTest"),
      entry("shape", "TensorOracleTest"), entry("strides", "TensorOracleTest (NumPy strides)"),
      entry("isContiguous", "TensorOracleTest (NumPy flags.c_contiguous)"), entry("dim", "TensorBasicsTest"),
      entry("rank", "TensorBasicsTest"), entry("size", "TensorBasicsTest"),
      entry("toFloatArray", "TensorPropertiesTest.bulkCopiesOfViewsMatchElementAccess"),
      entry("toDoubleArray", "TensorPropertiesTest.bulkCopiesOfViewsMatchElementAccess"),
      entry("copy", "TensorPropertiesTest.bulkCopiesOfViewsMatchElementAccess"),
      entry("broadcastTo", "TensorPropertiesTest.broadcastRuleIsSymmetricAndMatchesExpand"),
      entry("map", "TensorBasicsTest"), entry("allClose", "TensorBasicsTest (numpy.allclose docs)"),
      entry("valuesEqual", "TensorBasicsTest"), entry("describe", "TensorBasicsTest"));

  @Test
  void everyPublicTensorMethodIsTested() {
    Set<String> covered = new TreeSet<>(OP_METHOD.values());
    covered.addAll(TESTED_ELSEWHERE.keySet());
    Set<String> publicMethods = new TreeSet<>();
    for (Method m : Tensor.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
        publicMethods.add(m.getName());
      }
    }
    assertThat(covered).as("methods named here must exist").isSubsetOf(publicMethods);
    assertThat(publicMethods).as("public Tensor methods without a test").isSubsetOf(covered);
  }

  @Test
  void everyFixtureOpIsMappedAndHasBothDtypes() {
    Map<String, Set<DType>> dtypes = new TreeMap<>();
    for (Case c : TensorOracleTest.CASES) {
      assertThat(OP_METHOD).as("fixture op of %s", c.name()).containsKey(c.op());
      Set<DType> s = dtypes.computeIfAbsent(c.op(), k -> new TreeSet<>());
      c.inputs().forEach(a -> s.add(a.dtype()));
      c.outputs().forEach(a -> s.add(a.dtype()));
    }
    assertThat(dtypes.keySet()).as("ops with oracle cases").containsAll(OP_METHOD.keySet());
    Set<String> oneDtype = dtypes.entrySet().stream()
        .filter(e -> e.getValue().size() < 2)
        .map(Map.Entry::getKey)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(oneDtype).as("ops with oracle cases in one dtype only").isEmpty();
  }
}
