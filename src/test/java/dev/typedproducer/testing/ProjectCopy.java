package dev.typedproducer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A copy of this project in a temporary folder, built with its own Maven wrapper: how tests show
 * what an engineer sees after changing {@code schemas/}. The copy leaves out build output.
 */
public final class ProjectCopy {
  /** What one build printed and how it ended. */
  public record Build(int exitCode, String output) {}

  private static final List<String> COPIED =
      List.of("pom.xml", "mvnw", ".mvn", "schemas", "generated-sources", "src");

  private final Path root;

  private ProjectCopy(Path root) {
    this.root = root;
  }

  /** Copies the project at {@code source} into {@code target}. */
  public static ProjectCopy of(Path source, Path target) {
    try {
      for (String entry : COPIED) {
        copy(source.resolve(entry), target.resolve(entry));
      }
      target.resolve("mvnw").toFile().setExecutable(true);
      return new ProjectCopy(target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The project this test run builds: system property typedproducer.project.dir, or here. */
  public static Path thisProject() {
    return Path.of(System.getProperty("typedproducer.project.dir", "")).toAbsolutePath();
  }

  public Path root() {
    return root;
  }

  /**
   * Runs {@code ./mvnw -B -o} with {@code args} in the copy, offline and on this run's local
   * repository, so that it needs nothing the outer build did not already fetch.
   */
  public Build maven(List<String> args) {
    List<String> command = new ArrayList<>(List.of("./mvnw", "-B", "-o"));
    String repo = System.getProperty("maven.repo.local");
    if (repo != null && !repo.isBlank()) {
      command.add("-Dmaven.repo.local=" + repo);
    }
    command.addAll(args);
    try {
      Path log = Files.createTempFile("project-copy", ".log");
      Process process = new ProcessBuilder(command).directory(root.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("build did not end in 10 minutes: " + command);
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.delete(log);
      return new Build(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean isBuildOutput(Path relative) {
    for (Path part : relative) {
      if (part.toString().equals("target") || part.toString().equals("node_modules")) {
        return true;
      }
    }
    return false;
  }

  private static void copy(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      Files.createDirectories(to.getParent());
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
      return;
    }
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        Path relative = from.relativize(path);
        if (isBuildOutput(relative)) {
          continue; // build output, such as the registry's 130 MB jar
        }
        Path dest = to.resolve(relative.toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(path, dest, StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
