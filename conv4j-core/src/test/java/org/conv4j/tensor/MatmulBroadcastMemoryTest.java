package org.conv4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A broadcast batch operand must not be materialised across the batch: (1,1000,1000) @
 * (300,1000,1) in float64 would copy 2.4 GB (more than the test heap) if the left operand were
 * expanded to 300 copies; walking the batch by strides needs only the 8 MB operand.
 */
class MatmulBroadcastMemoryTest {
  @Test
  void broadcastBatchOperandIsNotCopiedPerBatch() {
    Rng rng = new Rng(7);
    Tensor a = rng.uniform(DType.FLOAT64, -1, 1, 1, 1000, 1000);
    Tensor b = rng.uniform(DType.FLOAT64, -1, 1, 300, 1000, 1);
    Tensor c = a.matmul(b);
    assertThat(c.shape()).containsExactly(300, 1000, 1);
    // Spot-check batch 299, row 17 against a direct dot product.
    double s = 0;
    for (int p = 0; p < 1000; p++) {
      s += a.get(0, 17, p) * b.get(299, p, 0);
    }
    assertThat(c.get(299, 17, 0)).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-12));
  }
}
