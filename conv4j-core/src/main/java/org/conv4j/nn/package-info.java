/**
 * A small neural-network toolkit on {@link org.conv4j.autodiff}: {@link org.conv4j.nn.Module}s
 * (conv 1/2/3-d, transposed conv, pooling, linear, activations, dropout, {@link org.conv4j.nn.Sequential}),
 * parameters packed in one {@link org.conv4j.nn.FlatParameters} buffer per model, initialisers
 * citing their papers ({@link org.conv4j.nn.Init}), NumPy's MT19937 stream
 * ({@link org.conv4j.nn.NumpyRandomState}) to reproduce Theano-era initial weights, and the
 * tutorial's {@link org.conv4j.nn.LeNet}. Training, checkpoints and plots are in
 * {@code org.conv4j.nn.train}; optimizers in {@code org.conv4j.optim}; data in {@code org.conv4j.data}.
 */
package org.conv4j.nn;
