// conv4j correlate: scipy.signal.correlate of two .npy arrays.
package org.conv4j.cli;

import picocli.CommandLine.Command;

/**
 * {@code conv4j correlate IN1.npy IN2.npy -o OUT.npy [--mode] [--method] [--axes a,b] [--batched]}:
 * {@code scipy.signal.correlate} (N-d), the options of {@link ConvolveCommand}.
 */
@Command(
    name = "correlate",
    description = {
      "scipy.signal.correlate of IN1 and IN2 (same rank, N-d): convolve with IN2 reversed; in",
      "'same' mode output m is lag m - len(IN2)//2. --axes and --batched as for convolve."
    })
final class CorrelateCommand extends ConvolveCommand {
  @Override
  boolean correlate() {
    return true;
  }
}
