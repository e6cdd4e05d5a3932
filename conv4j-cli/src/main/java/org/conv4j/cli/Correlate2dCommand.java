// conv4j correlate2d: scipy.signal.correlate2d of two 2-D .npy arrays, with boundary modes.
package org.conv4j.cli;

import picocli.CommandLine.Command;

/** {@code conv4j correlate2d ...}: {@code scipy.signal.correlate2d}, the options of {@link Convolve2dCommand}. */
@Command(
    name = "correlate2d",
    description = {
      "scipy.signal.correlate2d of 2-D IN1 and IN2 (anchor (K-1)//2 in 'same' mode), IN1",
      "extended by --boundary in every mode (fill|pad, wrap|circular, symm|symmetric)."
    })
final class Correlate2dCommand extends Convolve2dCommand {
  @Override
  boolean correlate() {
    return true;
  }
}
