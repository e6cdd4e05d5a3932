package org.conv4j.tensor;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.BinaryOperator;
import org.conv4j.window.PadMode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Bad arguments fail fast with {@link IllegalArgumentException} (or
 * {@link IndexOutOfBoundsException} for element indices) whose message names the offending shapes
 * or argument and the rule broken; huge shapes are refused before any allocation. NumPy raises in
 * each of these cases too (its message is quoted where useful).
 */
class TensorErrorsTest {
  static final DType F32 = DType.FLOAT32;
  static final DType F64 = DType.FLOAT64;

  static Tensor t(int... shape) {
    return Tensor.zeros(F64, shape);
  }

  @Nested
  class Broadcasting {
    @Test
    void mismatchNamesBothShapesAndTheAxis() {
      // NumPy: "operands could not be broadcast together with shapes (2,3) (4,)"
      assertThatThrownBy(() -> t(2, 3).add(t(4)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(2, 3)")
          .hasMessageContaining("(4,)")
          .hasMessageContaining("cannot be broadcast")
          .hasMessageContaining("3 vs 4");
    }

    @Test
    void everyBinaryOpChecks() {
      Tensor a = t(3, 1, 5);
      Tensor b = t(2, 4);
      List<BinaryOperator<Tensor>> ops = List.of(Tensor::sub, Tensor::mul, Tensor::div, Tensor::pow,
          Tensor::maximum, Tensor::minimum, Tensor::eq, Tensor::ne, Tensor::lt, Tensor::le, Tensor::gt,
          Tensor::ge);
      for (BinaryOperator<Tensor> op : ops) {
        assertThatThrownBy(() -> op.apply(a, b))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("(3, 1, 5)")
            .hasMessageContaining("(2, 4)");
      }
    }

    @Test
    void expandToIncompatibleShape() {
      assertThatThrownBy(() -> t(2, 3).expand(2, 4))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(2, 3)")
          .hasMessageContaining("[2, 4]")
          .hasMessageContaining("only size-1 axes can be expanded");
      assertThatThrownBy(() -> t(2, 3).expand(3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("fewer axes");
    }

    @Test
    void expandToNegativeSize() {
      assertThatThrownBy(() -> t(1, 3).expand(-2, 3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("-2")
          .hasMessageContaining("negative");
      assertThatThrownBy(() -> t(3).expand(-3, 3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("-3")
          .hasMessageContaining("negative");
    }

    @Test
    void shapeBroadcastDirectly() {
      assertThatThrownBy(() -> Shape.broadcast(new int[] {5, 2}, new int[] {3, 5, 3}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(5, 2)")
          .hasMessageContaining("(3, 5, 3)");
    }
  }

  @Nested
  class Matmul {
    @Test
    void misalignedContraction() {
      // NumPy: "matmul: Input operand 1 has a mismatch in its core dimension 0 ... (size 5 is different from 4)"
      assertThatThrownBy(() -> t(3, 4).matmul(t(5, 2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(3, 4)")
          .hasMessageContaining("(5, 2)")
          .hasMessageContaining("not aligned")
          .hasMessageContaining("4")
          .hasMessageContaining("5");
    }

    @Test
    void misalignedVectors() {
      assertThatThrownBy(() -> t(3).matmul(t(4)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(3,)")
          .hasMessageContaining("(4,)");
    }

    @Test
    void batchAxesThatDoNotBroadcast() {
      assertThatThrownBy(() -> t(2, 3, 4).matmul(t(3, 4, 5)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("batch")
          .hasMessageContaining("(2, 3, 4)")
          .hasMessageContaining("(3, 4, 5)");
    }

    @Test
    void scalarsAreRefused() {
      // NumPy: "matmul: Input operand 0 does not have enough dimensions"
      assertThatThrownBy(() -> Tensor.scalar(1).matmul(t(2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at least one axis");
    }
  }

  @Nested
  class Reshape {
    @Test
    void sizeMismatchNamesBothShapes() {
      // NumPy: "cannot reshape array of size 12 into shape (5,2)"
      assertThatThrownBy(() -> t(3, 4).reshape(5, 2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(3, 4)")
          .hasMessageContaining("12 elements")
          .hasMessageContaining("(5, 2)")
          .hasMessageContaining("10 elements");
    }

    @Test
    void inferredDimensionThatDoesNotDivide() {
      assertThatThrownBy(() -> t(3, 4).reshape(5, -1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(3, 4)")
          .hasMessageContaining("[5, -1]");
    }

    @Test
    void twoUnknowns() {
      assertThatThrownBy(() -> t(3, 4).reshape(-1, -1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("only specify one unknown dimension");
    }

    @Test
    void negativeDimension() {
      assertThatThrownBy(() -> t(3, 4).reshape(-2, -6))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("negative dimension -2");
    }

    @Test
    void unknownDimensionOfAnEmptyTensorIsAmbiguous() {
      assertThatThrownBy(() -> t(0, 3).reshape(3, 0, -1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(0, 3)");
    }
  }

  @Nested
  class Axes {
    @Test
    void outOfRangeAxisNamesAxisAndRank() {
      // NumPy: "axis 2 is out of bounds for array of dimension 2"
      assertThatThrownBy(() -> t(3, 4).sum(new int[] {2}, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("axis 2")
          .hasMessageContaining("rank 2");
      assertThatThrownBy(() -> t(3, 4).select(-3, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("axis -3")
          .hasMessageContaining("rank 2");
      assertThatThrownBy(() -> t(3, 4).argmax(5, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("axis 5");
      assertThatThrownBy(() -> t(3, 4).permute(0, 2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("axis 2");
      assertThatThrownBy(() -> t(3, 4).unsqueeze(3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("axis 3");
      assertThatThrownBy(() -> t(3, 4).flip(2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("axis 2");
      assertThatThrownBy(() -> t(3, 4).split(-3, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("axis -3");
      assertThatThrownBy(() -> t(3, 4).dim(2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("axis 2");
    }

    @Test
    void rankZeroHasNoAxisZero() {
      // NumPy: np.sum(np.array(1.), axis=0) -> AxisError "axis 0 is out of bounds for array of dimension 0"
      Tensor s = Tensor.scalar(1.5);
      assertThatThrownBy(() -> s.sum(new int[] {0}, false))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 0");
      assertThatThrownBy(() -> s.max(new int[] {-1}, true))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 0");
      assertThatThrownBy(() -> s.flip(0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 0");
      assertThatThrownBy(() -> s.select(0, 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 0");
      assertThatThrownBy(() -> s.slice(0, 0, 1, 1))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 0");
      assertThatThrownBy(() -> s.squeeze(0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 0");
      assertThatThrownBy(() -> s.transpose(0, -1))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 0");
      assertThatThrownBy(() -> s.dim(0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 0");
      assertThatThrownBy(() -> s.split(0, 1))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 0");
    }

    @Test
    void duplicateAxes() {
      assertThatThrownBy(() -> t(3, 4).mean(new int[] {1, -1}, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("duplicate");
      assertThatThrownBy(() -> t(3, 4).permute(1, -1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("repeated");
      assertThatThrownBy(() -> t(3, 4).flip(0, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("repeated");
      // NumPy: np.squeeze(x, axis=(0, -2)) -> "duplicate value in 'axis'"
      assertThatThrownBy(() -> t(1, 4).squeeze(0, -2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("repeated");
    }

    @Test
    void squeezeOfANonUnitAxis() {
      assertThatThrownBy(() -> t(1, 3).squeeze(1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("axis 1 has size 3");
    }
  }

  @Nested
  class Joins {
    @Test
    void concatMismatchNamesBothShapes() {
      // NumPy: "all the input array dimensions except for the concatenation axis must match exactly,
      // but along dimension 1, the array at index 0 has size 3 and the array at index 1 has size 4"
      assertThatThrownBy(() -> Tensor.concat(0, t(2, 3), t(2, 4)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(2, 3)")
          .hasMessageContaining("(2, 4)")
          .hasMessageContaining("tensor 1")
          .hasMessageContaining("except along axis 0");
      assertThatThrownBy(() -> Tensor.concat(0, t(2, 3), t(2, 3, 1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("same rank");
      assertThatThrownBy(() -> Tensor.concat(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at least one");
      assertThatThrownBy(() -> Tensor.concat(0, Tensor.scalar(1), Tensor.scalar(2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("zero-dimensional");
    }

    @Test
    void stackNeedsEqualShapes() {
      assertThatThrownBy(() -> Tensor.stack(0, t(2, 3), t(3, 2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(2, 3)")
          .hasMessageContaining("(3, 2)");
    }

    @Test
    void splitIntoUnequalSections() {
      // NumPy: "array split does not result in an equal division"
      assertThatThrownBy(() -> t(7, 2).split(0, 3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("size 7")
          .hasMessageContaining("3 equal sections");
      assertThatThrownBy(() -> t(6).split(0, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must be > 0");
    }
  }

  @Nested
  class Padding {
    @Test
    void widthsMustMatchTheRank() {
      assertThatThrownBy(() -> t(2, 3).pad(new int[][] {{1, 1}, {1, 1}, {1, 1}}, PadMode.EDGE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("3 rows")
          .hasMessageContaining("rank 2");
      assertThatThrownBy(() -> t(2, 3).pad(new int[][] {{1, -1}}, PadMode.EDGE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("non-negative")
          .hasMessageContaining("[1, -1]");
    }

    @Test
    void emptyAxisCanOnlyBeConstantPadded() {
      // NumPy: "can't extend empty axis 0 using modes other than 'constant' or 'empty'"
      assertThatThrownBy(() -> t(0, 3).pad(new int[][] {{1, 1}}, PadMode.REFLECT))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("empty axis 0")
          .hasMessageContaining("reflect");
    }
  }

  @Nested
  class Sizes {
    @Test
    void rankAboveEight() {
      assertThatThrownBy(() -> Tensor.zeros(F32, 1, 1, 1, 1, 1, 1, 1, 1, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("rank 9")
          .hasMessageContaining("at most 8");
      Tensor r8 = Tensor.zeros(F32, 1, 1, 1, 1, 1, 1, 1, 2);
      assertThatThrownBy(() -> r8.unsqueeze(0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 9");
      assertThatThrownBy(() -> r8.reshape(1, 1, 1, 1, 1, 1, 1, 1, 2))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 9");
      assertThatThrownBy(() -> r8.slice("None, ..."))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 9");
      assertThatThrownBy(() -> Tensor.stack(0, r8, r8))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 9");
      assertThatThrownBy(() -> r8.expand(3, 1, 1, 1, 1, 1, 1, 1, 2))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 9");
    }

    @Test
    void negativeDimensions() {
      // NumPy: "negative dimensions are not allowed"
      assertThatThrownBy(() -> Tensor.zeros(F64, 2, -1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("negative dimension -1 at axis 1");
      assertThatThrownBy(() -> Tensor.full(F32, 1, -3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("negative dimension -3");
      assertThatThrownBy(() -> Tensor.of(new double[0], 0, -2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("negative dimension -2");
      assertThatThrownBy(() -> new Rng(1).uniform(F32, 0, 1, -5))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("negative dimension -5");
    }

    @Test
    void hugeShapesAreRefusedBeforeAllocating() {
      // 2^32 elements: more than a Java array can hold. NumPy raises "array is too big" / MemoryError.
      assertThatThrownBy(() -> Tensor.zeros(F32, 65536, 65536))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(65536, 65536)")
          .hasMessageContaining("more than");
      // The product overflows long arithmetic too (2^31^8).
      int m = Integer.MAX_VALUE;
      assertThatThrownBy(() -> Tensor.ones(F64, m, m, m, m, m, m, m, m))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("more than");
      assertThatThrownBy(() -> t(1).expand(65536, 65536))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("more than");
      assertThatThrownBy(() -> t(65536, 1).add(t(1, 65536)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("more than");
      assertThatThrownBy(() -> t(65536, 1).matmul(t(1, 65536)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("more than");
      assertThatThrownBy(() -> t(2, 2).pad(new int[][] {{0, 1_000_000_000}}, PadMode.WRAP))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("more than");
      assertThatThrownBy(() -> Tensor.arange(F32, 0, 3e9, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("too many");
      assertThatThrownBy(() -> Tensor.concat(0, t(1).expand(Integer.MAX_VALUE - 8), t(1).expand(10)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("too long");
      assertThatThrownBy(() -> new Rng(1).normal(F64, 0, 1, 65536, 65536))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("more than");
      // An empty shape with huge other axes is fine: no elements.
      org.assertj.core.api.Assertions.assertThat(Tensor.zeros(F32, 65536, 65536, 0).size()).isZero();
    }

    @Test
    void dataLengthMustMatchTheShape() {
      assertThatThrownBy(() -> Tensor.of(new double[5], 2, 3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("5 elements")
          .hasMessageContaining("(2, 3)")
          .hasMessageContaining("needs 6");
      assertThatThrownBy(() -> Tensor.of(new double[][] {{1, 2}, {3}}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("row 1 has 1");
    }
  }

  @Nested
  class Indexing {
    @Test
    void getChecksRankAndBounds() {
      assertThatThrownBy(() -> t(2, 3).get(1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("rank 2");
      assertThatThrownBy(() -> t(2, 3).get(1, 3))
          .isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessageContaining("index 3")
          .hasMessageContaining("axis 1 of size 3");
      assertThatThrownBy(() -> t(2, 3).get(-3, 0))
          .isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessageContaining("index -3");
      assertThatThrownBy(() -> t(2, 3).select(0, 2))
          .isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessageContaining("index 2")
          .hasMessageContaining("size 2");
    }

    @Test
    void indexExpressions() {
      Tensor x = t(4, 3);
      assertThatThrownBy(() -> x.slice("1, 2, 0"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("too many indices");
      assertThatThrownBy(() -> x.slice("..., ..."))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("single ellipsis");
      assertThatThrownBy(() -> x.slice("::0"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("step cannot be zero");
      assertThatThrownBy(() -> x.slice("1:2:3:4"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("malformed");
      assertThatThrownBy(() -> x.slice("a"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'a' is not an integer");
      assertThatThrownBy(() -> t(4, 3, 2).slice("1,,2"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("empty index entry");
      assertThatThrownBy(() -> x.slice("4"))
          .isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessageContaining("index 4");
      assertThatThrownBy(() -> x.slice(0, 0, 1, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("step must not be zero");
    }
  }

  @Nested
  class Reductions {
    @Test
    void minMaxOfNothing() {
      // NumPy: "zero-size array to reduction operation maximum which has no identity"
      assertThatThrownBy(() -> t(0).max())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("zero-size")
          .hasMessageContaining("(0,)");
      assertThatThrownBy(() -> t(0, 3).min(new int[] {0}, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(0, 3)");
      assertThatThrownBy(() -> t(2, 0).argmax())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("empty");
      assertThatThrownBy(() -> t(2, 0).argmin(1, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("empty axis");
    }

    @Test
    void negativeDdof() {
      assertThatThrownBy(() -> t(3).var(new int[] {0}, -1, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ddof");
    }

    @Test
    void itemNeedsExactlyOneElement() {
      assertThatThrownBy(() -> t(2).item())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("(2,)");
    }
  }

  @Nested
  class Arguments {
    @Test
    void clampBounds() {
      assertThatThrownBy(() -> t(2).clamp(1, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("min 1.0 is greater than max 0.0");
      // np.clip(x, nan, 2) returns all NaN; the code used to ignore a NaN bound silently.
      assertThatThrownBy(() -> t(2).clamp(Double.NaN, 2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must not be NaN")
          .hasMessageContaining("min NaN");
      assertThatThrownBy(() -> t(2).clamp(0, Double.NaN))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("max NaN");
    }

    @Test
    void arangeStep() {
      assertThatThrownBy(() -> Tensor.arange(F64, 0, 1, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("step non-zero");
      assertThatThrownBy(() -> Tensor.arange(F64, 0, Double.POSITIVE_INFINITY, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("finite");
    }

    @Test
    void rngArguments() {
      Rng r = new Rng(0);
      assertThatThrownBy(() -> r.uniform(F64, 1, 0, 3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("low <= high");
      assertThatThrownBy(() -> r.normal(F64, 0, -1, 3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("std >= 0");
      assertThatThrownBy(() -> r.nextInt(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("bound must be positive");
    }

    @Test
    void padModeNames() {
      assertThatThrownBy(() -> PadMode.numpy("mirror"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'mirror'")
          .hasMessageContaining("constant, reflect, symmetric, edge, wrap");
    }
  }
}
