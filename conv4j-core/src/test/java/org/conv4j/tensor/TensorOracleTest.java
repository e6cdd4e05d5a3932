package org.conv4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.conv4j.tensor.Fixtures.Array;
import org.conv4j.tensor.Fixtures.Case;
import org.conv4j.window.PadMode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of {@code fixtures/tensor/ops.txt} (NumPy results, see
 * {@code tools/gen_tensor_fixtures.py}): the Tensor operation named by the case is applied to the
 * case's inputs and compared with NumPy's output: dtype, shape, values (within the op's named
 * {@link Tolerances tolerance}), and for views whether storage is shared, the element strides and
 * C-contiguity, as NumPy reports them.
 */
class TensorOracleTest {
  static final List<Case> CASES = Fixtures.load("/fixtures/tensor/ops.txt");

  @TestFactory
  Stream<DynamicTest> numpyOracle() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
  }

  static void check(Case c) {
    Tensor[] in = new Tensor[c.inputs().size()];
    for (int i = 0; i < in.length; i++) {
      in[i] = c.input(i);
    }
    // Snapshot the inputs: no operation may modify its operands.
    double[][] before = new double[in.length][];
    for (int i = 0; i < in.length; i++) {
      before[i] = in[i].toDoubleArray();
    }
    List<Tensor> got = apply(c, in);
    assertThat(got).as("%s: number of outputs", c.name()).hasSize(c.outputs().size());
    for (int k = 0; k < got.size(); k++) {
      Tensor g = got.get(k);
      Array e = c.outputs().get(k);
      String what = c.name() + (got.size() > 1 ? " output " + k : "");
      assertThat(g.dtype()).as("%s: dtype", what).isEqualTo(e.dtype());
      assertThat(g.shape()).as("%s: shape", what).containsExactly(e.shape());
      Tolerances.Tol tol = Tolerances.of(c, e.dtype());
      Tolerances.assertClose(what, g.toDoubleArray(), e.values(), tol, Tolerances.scale(c, in));
    }
    for (int i = 0; i < in.length; i++) {
      assertThat(in[i].toDoubleArray()).as("%s: input %d unchanged", c.name(), i).isEqualTo(before[i]);
    }
    if (c.view() != null) {
      Tensor g = got.get(0);
      boolean shares = (g.f != null && g.f == in[0].f) || (g.d != null && g.d == in[0].d);
      assertThat(shares).as("%s: a view of the input (np.shares_memory)", c.name()).isEqualTo(c.view());
    }
    if (c.strides() != null) {
      int[] s = got.get(0).strides();
      int[] shape = got.get(0).shape();
      for (int a = 0; a < shape.length; a++) {
        // NumPy's strides of size-1 axes are arbitrary; only the others are meaningful.
        if (shape[a] > 1) {
          assertThat(s[a]).as("%s: stride of axis %d (strides %s)", c.name(), a, Arrays.toString(s))
              .isEqualTo(c.strides()[a]);
        }
      }
    }
    if (c.contig() != null) {
      assertThat(got.get(0).isContiguous()).as("%s: C-contiguous", c.name()).isEqualTo(c.contig());
    }
  }

  /** The Tensor call for each fixture op. */
  static List<Tensor> apply(Case c, Tensor[] in) {
    Tensor x = in.length > 0 ? in[0] : null;
    Tensor y = in.length > 1 ? in[1] : null;
    String op = c.op();
    Tensor r = switch (op) {
      case "slice" -> {
        int step = c.intArg("step");
        int start = c.has("start") ? c.intArg("start") : (step > 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE);
        int stop = c.has("stop") ? c.intArg("stop") : (step > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE);
        yield x.slice(c.intArg("axis"), start, stop, step);
      }
      case "index" -> x.slice(c.arg("expr"));
      case "select" -> x.select(c.intArg("axis"), c.intArg("index"));
      case "permute" -> x.permute(c.intsArg("axes"));
      case "transpose" -> c.has("a") ? x.transpose(c.intArg("a"), c.intArg("b")) : x.transpose();
      case "reshape" -> x.reshape(c.intsArg("shape"));
      case "flatten" -> x.flatten();
      case "expand" -> x.expand(c.intsArg("shape"));
      case "flip" -> x.flip(c.intsArg("axes"));
      case "squeeze" -> x.squeeze(c.intsArg("axes"));
      case "unsqueeze" -> x.unsqueeze(c.intArg("axis"));
      case "contiguous" -> x.contiguous();
      case "add" -> x.add(y);
      case "sub" -> x.sub(y);
      case "mul" -> x.mul(y);
      case "div" -> x.div(y);
      case "pow" -> x.pow(y);
      case "maximum" -> x.maximum(y);
      case "minimum" -> x.minimum(y);
      case "eq" -> x.eq(y);
      case "ne" -> x.ne(y);
      case "lt" -> x.lt(y);
      case "le" -> x.le(y);
      case "gt" -> x.gt(y);
      case "ge" -> x.ge(y);
      case "add_s" -> x.add(c.doubleArg("s"));
      case "sub_s" -> x.sub(c.doubleArg("s"));
      case "mul_s" -> x.mul(c.doubleArg("s"));
      case "div_s" -> x.div(c.doubleArg("s"));
      case "pow_s" -> x.pow(c.doubleArg("s"));
      case "eq_s" -> x.eq(c.doubleArg("s"));
      case "lt_s" -> x.lt(c.doubleArg("s"));
      case "gt_s" -> x.gt(c.doubleArg("s"));
      case "neg" -> x.neg();
      case "abs" -> x.abs();
      case "exp" -> x.exp();
      case "log" -> x.log();
      case "sqrt" -> x.sqrt();
      case "tanh" -> x.tanh();
      case "sigmoid" -> x.sigmoid();
      case "relu" -> x.relu();
      case "clamp" -> x.clamp(c.doubleArg("min"), c.doubleArg("max"));
      case "sum", "mean", "var", "std", "min", "max" -> reduce(c, x);
      case "argmin", "argmax" -> {
        boolean max = op.equals("argmax");
        if (!c.has("axis")) {
          yield Tensor.scalar(DType.FLOAT64, max ? x.argmax() : x.argmin());
        }
        yield max ? x.argmax(c.intArg("axis"), c.boolArg("keepdims"))
            : x.argmin(c.intArg("axis"), c.boolArg("keepdims"));
      }
      case "matmul" -> x.matmul(y);
      case "concat" -> Tensor.concat(c.intArg("axis"), in);
      case "stack" -> Tensor.stack(c.intArg("axis"), in);
      case "split", "split_at" -> null;
      case "pad" -> x.pad(widths(c.arg("widths")), PadMode.numpy(c.arg("mode")), c.doubleArg("value"));
      case "to" -> x.to(dtype(c.arg("dtype")));
      case "arange" -> Tensor.arange(dtype(c.arg("dtype")), c.doubleArg("start"), c.doubleArg("stop"),
          c.doubleArg("step"));
      case "full" -> Tensor.full(dtype(c.arg("dtype")), c.doubleArg("value"), c.intsArg("shape"));
      default -> {
        fail("no Tensor mapping for fixture op " + op);
        yield null;
      }
    };
    if (op.equals("split")) {
      return new ArrayList<>(x.split(c.intArg("axis"), c.intArg("sections")));
    }
    if (op.equals("split_at")) {
      return new ArrayList<>(x.splitAt(c.intArg("axis"), c.intsArg("indices")));
    }
    return List.of(r);
  }

  private static Tensor reduce(Case c, Tensor x) {
    String op = c.op();
    if (!c.has("axes")) {
      return switch (op) {
        case "sum" -> x.sum();
        case "mean" -> x.mean();
        case "var" -> x.var();
        case "std" -> x.std();
        case "min" -> x.min();
        default -> x.max();
      };
    }
    int[] axes = c.intsArg("axes");
    boolean keep = c.boolArg("keepdims");
    int ddof = c.args().containsKey("ddof") ? c.intArg("ddof") : 0;
    return switch (op) {
      case "sum" -> x.sum(axes, keep);
      case "mean" -> x.mean(axes, keep);
      case "var" -> x.var(axes, ddof, keep);
      case "std" -> x.std(axes, ddof, keep);
      case "min" -> x.min(axes, keep);
      default -> x.max(axes, keep);
    };
  }

  static DType dtype(String s) {
    return s.equals("float32") ? DType.FLOAT32 : DType.FLOAT64;
  }

  /** {@code "1,2;3,4"} as {@code {{1,2},{3,4}}}. */
  static int[][] widths(String s) {
    if (s.isBlank()) {
      return new int[0][];
    }
    String[] rows = s.split(";");
    int[][] w = new int[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      w[i] = Fixtures.ints(rows[i]);
    }
    return w;
  }
}
