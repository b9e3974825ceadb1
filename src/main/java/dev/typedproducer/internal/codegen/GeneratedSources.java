package dev.typedproducer.internal.codegen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Keeps the committed copy of the generated event classes ({@code generated-sources/}) equal to
 * what the Avro compiler just made of {@code schemas/}.
 */
public final class GeneratedSources {
  private GeneratedSources() {}

  /** How the committed copy differs from the fresh output, by path relative to either root. */
  public record Drift(List<String> added, List<String> changed, List<String> removed) {
    public boolean isEmpty() {
      return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }

    /** One line per file, e.g. {@code "  changed dev/acme/UserClick.java"}. */
    public List<String> lines() {
      List<String> lines = new ArrayList<>();
      added.forEach(p -> lines.add("  missing  " + p + " (a schema was added)"));
      changed.forEach(p -> lines.add("  differs  " + p));
      removed.forEach(p -> lines.add("  stale    " + p + " (no schema generates it)"));
      return lines;
    }
  }

  /** Compares {@code committed} with {@code fresh}; either may not exist yet. */
  public static Drift compare(Path fresh, Path committed) throws IOException {
    Map<String, Path> freshFiles = files(fresh);
    Map<String, Path> committedFiles = files(committed);
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (Map.Entry<String, Path> entry : freshFiles.entrySet()) {
      Path old = committedFiles.get(entry.getKey());
      if (old == null) {
        added.add(entry.getKey());
      } else if (!Arrays.equals(Files.readAllBytes(old), Files.readAllBytes(entry.getValue()))) {
        changed.add(entry.getKey());
      }
    }
    for (String path : committedFiles.keySet()) {
      if (!freshFiles.containsKey(path)) {
        removed.add(path);
      }
    }
    return new Drift(added, changed, removed);
  }

  /** Makes {@code committed} equal to {@code fresh}, and removes folders left empty. */
  public static void update(Path fresh, Path committed, Drift drift) throws IOException {
    for (String path : concat(drift.added(), drift.changed())) {
      Path target = committed.resolve(path);
      Files.createDirectories(target.getParent());
      Files.copy(fresh.resolve(path), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    for (String path : drift.removed()) {
      Path file = committed.resolve(path);
      Files.delete(file);
      for (Path dir = file.getParent(); !dir.equals(committed) && isEmptyDir(dir);
          dir = dir.getParent()) {
        Files.delete(dir);
      }
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static boolean isEmptyDir(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static Map<String, Path> files(Path root) throws IOException {
    Map<String, Path> files = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).forEach(p ->
          files.put(root.relativize(p).toString().replace('\\', '/'), p));
    }
    return files;
  }
}
