/**
 * Training data: {@link org.conv4j.data.Mnist} and Fashion-MNIST from IDX files with the Theano
 * tutorial's 50 000 / 10 000 / 10 000 split, in-memory {@link org.conv4j.data.Dataset}s and
 * minibatch order ({@link org.conv4j.data.Batches}) fixed or shuffled with a seed.
 */
package org.conv4j.data;
