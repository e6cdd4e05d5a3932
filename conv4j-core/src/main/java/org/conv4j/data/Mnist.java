package org.conv4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.conv4j.io.FormatException;
import org.conv4j.io.Idx;
import org.conv4j.tensor.Tensor;

/**
 * MNIST and Fashion-MNIST from their four IDX files (plain or {@code .gz}), split as the Theano
 * tutorial's {@code mnist.pkl.gz}: the first 50 000 official training images for training, the
 * last 10 000 for validation, the 10 000 test images for testing. In general the validation set is
 * the last sixth of the training file ({@code ⌊N/6⌋} images), so small MNIST-format files split the
 * same way.
 *
 * {@snippet :
 * Mnist.Split s = Mnist.load(Path.of("data/mnist"), Mnist.Kind.MNIST);  // 50000 / 10000 / 10000
 * }
 */
public final class Mnist {
  /** The two datasets in the MNIST file format. */
  public enum Kind {
    /** Handwritten digits (LeCun, Cortes and Burges). */
    MNIST("mnist", "MNIST", "https://yann.lecun.com/exdb/mnist/ (or any mirror of the four original files)"),
    /** Zalando's clothing images (Xiao, Rasul and Vollgraf, 2017). */
    FASHION_MNIST("fashion-mnist", "Fashion-MNIST", "https://github.com/zalandoresearch/fashion-mnist (data/fashion)");

    private final String id;
    private final String title;
    private final String source;

    Kind(String id, String title, String source) {
      this.id = id;
      this.title = title;
      this.source = source;
    }

    /** The command-line name ({@code mnist}, {@code fashion-mnist}), also the default folder name. */
    public String id() {
      return id;
    }

    /** Where the files can be downloaded. */
    public String source() {
      return source;
    }

    /** The kind with command-line name {@code id}. */
    public static Kind of(String id) {
      for (Kind k : values()) {
        if (k.id.equals(id)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown dataset '" + id + "': expected mnist or fashion-mnist");
    }
  }

  /** The four file names (each also accepted with {@code .gz}). */
  public static final List<String> FILES = List.of(
      "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

  /** The tutorial's split. */
  public record Split(Dataset train, Dataset valid, Dataset test) {}

  private Mnist() {}

  /**
   * The default folder of a dataset: {@code $CONV4J_DATA/<id>} when the environment variable
   * {@code CONV4J_DATA} is set, otherwise {@code data/<id>} relative to the working directory
   * ({@code <id>} is {@code mnist} or {@code fashion-mnist}).
   */
  public static Path defaultDirectory(Kind kind) {
    String root = System.getenv("CONV4J_DATA");
    return (root == null || root.isBlank() ? Path.of("data") : Path.of(root)).resolve(kind.id());
  }

  /**
   * Reads and splits the dataset in {@code dir}.
   *
   * @throws NoSuchFileException when files are missing; the message names the folder, the missing
   *     files and where to download them
   * @throws FormatException when a file is corrupt, image and label counts differ, or a label is
   *     not a digit 0–9
   * @throws IOException when a file cannot be read
   */
  public static Split load(Path dir, Kind kind) throws IOException {
    Path[] files = locate(dir, kind);
    Dataset train = read(files[0], files[1]);
    Dataset test = read(files[2], files[3]);
    int valid = train.size() / 6;
    return new Split(train.slice(0, train.size() - valid), train.slice(train.size() - valid, train.size()), test);
  }

  /**
   * The paths of the four files in {@code dir}.
   *
   * @throws NoSuchFileException naming what is missing and where to get it
   */
  public static Path[] locate(Path dir, Kind kind) throws NoSuchFileException {
    Path[] out = new Path[FILES.size()];
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < FILES.size(); i++) {
      Path plain = dir.resolve(FILES.get(i));
      Path gz = dir.resolve(FILES.get(i) + ".gz");
      out[i] = Files.isRegularFile(gz) ? gz : Files.isRegularFile(plain) ? plain : null;
      if (out[i] == null) {
        missing.add(FILES.get(i) + ".gz");
      }
    }
    if (!missing.isEmpty()) {
      throw new NoSuchFileException(dir.toString(), null, kind.title + " data not found in " + dir + ": missing "
          + String.join(", ", missing) + ". Put the four IDX files " + String.join(", ", FILES.stream().map(f -> f + ".gz").toList())
          + " (gzipped or not) in that folder, or point to another one; they can be downloaded from " + kind.source);
    }
    return out;
  }

  /** One images file with its labels file, checked against each other. */
  static Dataset read(Path images, Path labels) throws IOException {
    Tensor x = Idx.readImages(images);
    int[] y = Idx.readLabels(labels);
    if (x.dim(0) != y.length) {
      throw new FormatException(labels.toString(), "has " + y.length + " labels but " + images.getFileName() + " has "
          + x.dim(0) + " images");
    }
    for (int i = 0; i < y.length; i++) {
      if (y[i] > 9) {
        throw new FormatException(labels.toString(), "label " + y[i] + " at position " + i + " is not a digit 0-9");
      }
    }
    return new Dataset(x.reshape(x.dim(0), 1, x.dim(1), x.dim(2)), y);
  }
}
