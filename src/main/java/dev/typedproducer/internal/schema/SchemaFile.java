package dev.typedproducer.internal.schema;

import java.nio.file.Path;
import org.apache.avro.Schema;

/**
 * A schema read from a file in {@code schemas/}.
 *
 * @param path the file
 * @param source the file as diagnostics name it, e.g. {@code schemas/user_clicks.avsc}
 * @param schema the parsed schema
 */
public record SchemaFile(Path path, String source, Schema schema) {
  /**
   * The folder of shared types: a file in a folder of this name (e.g.
   * {@code schemas/shared/money.avsc}) is a type that events use, not an event.
   */
  public static final String SHARED_FOLDER = "shared";

  /** Whether this file holds a shared type (it lies in {@value #SHARED_FOLDER}/), not an event. */
  public boolean shared() {
    return isShared(path);
  }

  /** Whether {@code file} lies in a folder named {@value #SHARED_FOLDER}. */
  public static boolean isShared(Path file) {
    Path parent = file.getParent();
    return parent != null && parent.getFileName() != null
        && parent.getFileName().toString().equals(SHARED_FOLDER);
  }
}
