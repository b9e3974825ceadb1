package dev.typedproducer.cli;

import java.nio.file.Path;

/** How the CLI shows a path: relative to the working directory when under it. */
final class Paths {
  private Paths() {}

  static String display(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath();
    String shown = absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : path.toString();
    return shown.replace('\\', '/');
  }

  /** A folder as the CLI shows it: with a trailing slash, e.g. {@code schemas/}. */
  static String folder(Path path) {
    String shown = display(path);
    return shown.endsWith("/") ? shown : shown + "/";
  }
}
