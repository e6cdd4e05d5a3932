// conv4j --version.
package org.conv4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code --version} text: the conv4j version (from the build), the Java runtime, and whether
 * the Vector API module is present (kernels fall back to scalar code without it).
 */
public final class VersionProvider implements IVersionProvider {
  /** Creates the provider (picocli instantiates it). */
  public VersionProvider() {}

  /** The version of this build, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown}. */
  public static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public String[] getVersion() {
    boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    return new String[] {
      "conv4j " + version(),
      "Java "
          + Runtime.version()
          + " ("
          + System.getProperty("java.vm.name")
          + ", "
          + System.getProperty("java.vendor")
          + ")",
      "Vector API: " + (vector ? "on" : "off (add --add-modules jdk.incubator.vector)")
    };
  }
}
