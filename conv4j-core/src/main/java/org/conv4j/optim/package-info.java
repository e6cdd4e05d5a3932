/**
 * Optimizers over a model's flat parameter buffer ({@link org.conv4j.nn.FlatParameters}): plain
 * SGD (the Theano tutorial's), momentum and Nesterov SGD with weight decay, Adam; and learning-rate
 * schedules. Each step is one loop over two arrays.
 */
package org.conv4j.optim;
