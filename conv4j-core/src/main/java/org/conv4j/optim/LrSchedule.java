package org.conv4j.optim;

/**
 * A learning rate per epoch (0-based), from the base rate. Factories: {@link #constant()} (the
 * tutorial's), {@link #step}, {@link #exponential} and {@link #cosine} (Loshchilov and Hutter,
 * "SGDR: stochastic gradient descent with warm restarts", ICLR 2017, without restarts).
 */
@FunctionalInterface
public interface LrSchedule {
  /** The learning rate for {@code epoch} given the base rate. */
  double lr(double base, int epoch);

  /** The base rate throughout. */
  static LrSchedule constant() {
    return (base, epoch) -> base;
  }

  /** {@code base·gamma^⌊epoch/every⌋} (PyTorch's {@code StepLR}). */
  static LrSchedule step(int every, double gamma) {
    if (every < 1 || !(gamma > 0)) {
      throw new IllegalArgumentException("step schedule: need every >= 1 and gamma > 0, got " + every + ", " + gamma);
    }
    return (base, epoch) -> base * Math.pow(gamma, epoch / every);
  }

  /** {@code base·gamma^epoch} (PyTorch's {@code ExponentialLR}). */
  static LrSchedule exponential(double gamma) {
    if (!(gamma > 0)) {
      throw new IllegalArgumentException("exponential schedule: gamma must be > 0, got " + gamma);
    }
    return (base, epoch) -> base * Math.pow(gamma, epoch);
  }

  /**
   * Cosine annealing from {@code base} at epoch 0 to {@code minLr} at epoch {@code epochs}
   * (PyTorch's {@code CosineAnnealingLR}, closed form); {@code minLr} after that.
   */
  static LrSchedule cosine(int epochs, double minLr) {
    if (epochs < 1 || !(minLr > 0)) {
      throw new IllegalArgumentException("cosine schedule: need epochs >= 1 and minLr > 0, got " + epochs + ", " + minLr);
    }
    return (base, epoch) -> epoch >= epochs ? minLr
        : minLr + (base - minLr) * (1 + Math.cos(Math.PI * epoch / epochs)) / 2;
  }

  /**
   * Parses {@code constant}, {@code step:EVERY:GAMMA}, {@code exp:GAMMA} or {@code cosine:EPOCHS[:MIN]}.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  static LrSchedule parse(String text) {
    String[] f = text.trim().split(":");
    try {
      switch (f[0]) {
        case "constant":
          if (f.length == 1) {
            return constant();
          }
          break;
        case "step":
          if (f.length == 3) {
            return step(Integer.parseInt(f[1]), Double.parseDouble(f[2]));
          }
          break;
        case "exp":
          if (f.length == 2) {
            return exponential(Double.parseDouble(f[1]));
          }
          break;
        case "cosine":
          if (f.length == 2 || f.length == 3) {
            return cosine(Integer.parseInt(f[1]), f.length == 3 ? Double.parseDouble(f[2]) : 1e-6);
          }
          break;
        default:
          break;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException("learning-rate schedule '" + text
        + "' is not one of constant, step:EVERY:GAMMA, exp:GAMMA, cosine:EPOCHS[:MIN]");
  }
}
