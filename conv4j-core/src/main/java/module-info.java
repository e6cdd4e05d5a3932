/**
 * conv4j core: N-d tensors, NumPy/IDX/image I/O, and the convolution family.
 *
 * <p>No runtime dependencies. The JDK Vector API ({@code jdk.incubator.vector}) is an optional
 * ({@code static}) requirement: kernels use it when the module is added at run time
 * ({@code --add-modules jdk.incubator.vector}) and fall back to scalar code otherwise.
 */
module org.conv4j.core {
  requires static jdk.incubator.vector;
  requires java.desktop; // javax.imageio for PNG/JPEG

  exports org.conv4j.tensor;
  exports org.conv4j.io;
  exports org.conv4j.nn.functional;
  exports org.conv4j.autodiff;
  exports org.conv4j.nn;
  exports org.conv4j.nn.train;
  exports org.conv4j.optim;
  exports org.conv4j.data;
  exports org.conv4j.runtime;
  exports org.conv4j.signal;
  exports org.conv4j.match;
  exports org.conv4j.filter;
  exports org.conv4j.window;
}
