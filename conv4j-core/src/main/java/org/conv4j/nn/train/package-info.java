/**
 * Training classifiers: the Theano tutorial's minibatch loop with early stopping
 * ({@link org.conv4j.nn.train.Trainer}), its settings ({@link org.conv4j.nn.train.TrainConfig}),
 * resumable state and {@code .npz} checkpoints ({@link org.conv4j.nn.train.Checkpoint}, key names
 * documented there), progress callbacks and the learning-curve PNG
 * ({@link org.conv4j.nn.train.TrainingCurve}).
 */
package org.conv4j.nn.train;
