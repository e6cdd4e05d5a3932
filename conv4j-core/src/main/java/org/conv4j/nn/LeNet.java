package org.conv4j.nn;

/**
 * The LeNet-5 variant of the Theano deep-learning tutorial ({@code convolutional_mlp.py}, SPEC §6.3)
 * for 28×28 single-channel images:
 *
 * <pre>
 * layer0  ConvPoolLayer(1 → nkerns0, 5×5, pool 2)        (N, 1, 28, 28) → (N, nkerns0, 12, 12)
 * layer1  ConvPoolLayer(nkerns0 → nkerns1, 5×5, pool 2)  → (N, nkerns1, 4, 4)
 * flatten                                                → (N, nkerns1·16)
 * layer2  Linear(nkerns1·16, 500) + tanh                 → (N, 500)
 * layer3  Linear(500, 10), W = 0, b = 0                   → (N, 10) logits (softmax in the loss)
 * </pre>
 *
 * <p>Initialising with {@code new NumpyRandomState(23455)} draws exactly the tutorial's initial
 * weights (layer0, layer1 and layer2 weights in that order; zeros draw nothing).
 *
 * {@snippet :
 * Sequential net = LeNet.create(20, 50);
 * net.initialize(new NumpyRandomState(23455));   // the tutorial's initial weights, float32
 * }
 */
public final class LeNet {
  /** The tutorial's kernel counts. */
  public static final int[] TUTORIAL_NKERNS = {20, 50};
  /** Hidden units of layer2. */
  public static final int HIDDEN = 500;
  /** Output classes. */
  public static final int CLASSES = 10;

  private LeNet() {}

  /** The tutorial's network with {@code nkerns0} and {@code nkerns1} filters. */
  public static Sequential create(int nkerns0, int nkerns1) {
    return new Sequential()
        .add("layer0", new ConvPoolLayer(1, nkerns0, 5, 2))
        .add("layer1", new ConvPoolLayer(nkerns0, nkerns1, 5, 2))
        .add("flatten", new Flatten())
        .add("layer2", new Linear(nkerns1 * 4 * 4, HIDDEN).withWeightInit(Init.tutorialUniform(1)))
        .add("tanh", new Tanh())
        .add("layer3", new Linear(HIDDEN, CLASSES).withWeightInit(Init.zeros()));
  }

  /** {@code create(20, 50)}. */
  public static Sequential create() {
    return create(TUTORIAL_NKERNS[0], TUTORIAL_NKERNS[1]);
  }
}
