package org.conv4j.nn;

import org.conv4j.nn.functional.ConvParams;

/** PyTorch's {@code nn.Conv1d}: a {@link ConvNd} with 1 spatial axes. */
public final class Conv1d extends ConvNd {
  /** A {@code k}-sized kernel on every axis, default params (stride 1, no padding), with a bias. */
  public Conv1d(int inChannels, int outChannels, int k) {
    this(inChannels, outChannels, k, ConvParams.defaults(1), true);
  }

  /** A {@code k}-sized kernel on every axis with the given params. */
  public Conv1d(int inChannels, int outChannels, int k, ConvParams params, boolean bias) {
    super(inChannels, outChannels, new int[] {k}, params, bias);
  }

  /** One kernel size per axis. */
  public Conv1d(int inChannels, int outChannels, int[] kernel, ConvParams params, boolean bias) {
    super(inChannels, outChannels, kernel, params, bias);
  }
}
