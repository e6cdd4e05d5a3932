/**
 * Reading and writing tensors: NumPy {@code .npy} / {@code .npz} ({@link org.conv4j.io.Npy},
 * {@link org.conv4j.io.Npz}), the IDX format of MNIST ({@link org.conv4j.io.Idx}) and images
 * ({@link org.conv4j.io.Images}), with atomic file replacement ({@link org.conv4j.io.AtomicFiles}).
 *
 * <p>Every reader treats its input as untrusted. Malformed, truncated or unsupported input fails
 * with a {@link org.conv4j.io.FormatException} whose message names the file (or stream) and the
 * problem; sizes declared in headers are checked against the bytes actually present before memory
 * is allocated for them, so a corrupted or hostile header cannot cause an {@code OutOfMemoryError}.
 * Data must match their header exactly: trailing bytes after the data are an error (image files
 * excepted, where decoders conventionally ignore bytes after the end marker).
 *
 * <p>Dtype rule: float32 data are read as {@link org.conv4j.tensor.DType#FLOAT32}; float64,
 * integer and boolean data as {@link org.conv4j.tensor.DType#FLOAT64}; images and MNIST pixels as
 * float32 in [0, 1]. Writers produce files that NumPy reads ({@code np.load}); {@code Npy.write}
 * is byte-identical to {@code np.save}.
 */
package org.conv4j.io;
