package dev.typedproducer.tool;

import dev.typedproducer.Diagnostic;
import dev.typedproducer.internal.schema.SchemaFile;
import dev.typedproducer.internal.schema.SchemaFiles;
import dev.typedproducer.internal.schema.SchemaProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Finds the generated event class for a schema file, a record name ({@code UserClick} or
 * {@code dev.typedproducer.events.UserClick}) or a topic, among the schemas of a folder (by
 * default the repository's {@code schemas/}).
 */
public final class EventTypes {
  /** System property the launcher sets to the repository's {@code schemas/}. */
  public static final String SCHEMAS_DIR_PROPERTY = "typedproducer.schemas.dir";

  /** The event class and the schema it was generated from. */
  public record EventType(Class<? extends SpecificRecord> type, Schema schema, String source) {
    public String topic() {
      return schema.getProp(SchemaProperties.TOPIC);
    }
  }

  private EventTypes() {}

  /** The folder of schemas: {@code dir} when given, else the launcher's, else {@code schemas}. */
  public static Path schemasDir(Path dir) {
    if (dir != null) {
      return dir;
    }
    String property = System.getProperty(SCHEMAS_DIR_PROPERTY);
    return Path.of(property == null || property.isBlank() ? "schemas" : property);
  }

  /** Exactly one of the three is non-null. */
  public static EventType resolve(Path schemaFile, String name, String topic, Path schemasDir) {
    int given = (schemaFile != null ? 1 : 0) + (name != null ? 1 : 0) + (topic != null ? 1 : 0);
    if (given != 1) {
      throw new CannotRunException("Say which event type to produce with exactly one of"
          + " --schema FILE, --event NAME or --topic TOPIC (e.g. --topic user_clicks).");
    }
    if (schemaFile != null) {
      return load(readFile(schemaFile));
    }
    List<SchemaFile> all = readFolder(schemasDir);
    List<SchemaFile> matches = all.stream().filter(f -> name != null
        ? name.equals(f.schema().getFullName()) || name.equals(f.schema().getName())
        : topic.equals(f.schema().getProp(SchemaProperties.TOPIC))).toList();
    String what = name != null ? "event \"" + name + "\"" : "topic \"" + topic + "\"";
    if (matches.isEmpty()) {
      throw new CannotRunException("No schema in " + schemasDir + " for " + what + ". Known: "
          + String.join(", ", all.stream().map(f -> f.schema().getName() + " (topic "
              + f.schema().getProp(SchemaProperties.TOPIC) + ")").toList()));
    }
    if (matches.size() > 1) {
      throw new CannotRunException("Several schemas in " + schemasDir + " match " + what + ": "
          + String.join(", ", matches.stream().map(f -> f.schema().getFullName()).toList())
          + ". Choose one with --event NAME.");
    }
    return load(matches.get(0));
  }

  private static SchemaFile readFile(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      SchemaFiles.Result result = SchemaFiles.parse(Map.of(file, text), Path::toString);
      failOnProblems(result.problems());
      return result.schemas().get(0);
    } catch (IOException e) {
      throw new CannotRunException("Cannot read schema file " + file + ": " + e, e);
    }
  }

  private static List<SchemaFile> readFolder(Path folder) {
    try {
      SchemaFiles.Result result = SchemaFiles.read(folder, Path::toString);
      failOnProblems(result.problems());
      return result.schemas();
    } catch (IOException e) {
      throw new CannotRunException("Cannot read the schemas in " + folder + ": " + e
          + " (point --schemas at the folder of .avsc files)", e);
    }
  }

  private static void failOnProblems(List<Diagnostic> problems) {
    if (!problems.isEmpty()) {
      throw new CannotRunException(String.join("\n",
          problems.stream().map(Diagnostic::toString).toList()));
    }
  }

  private static EventType load(SchemaFile file) {
    String name = file.schema().getFullName();
    try {
      Class<? extends SpecificRecord> type = Class.forName(name).asSubclass(SpecificRecord.class);
      return new EventType(type, file.schema(), file.source());
    } catch (ClassNotFoundException e) {
      throw new CannotRunException("No generated class " + name + " for " + file.source()
          + ": the launcher has the classes of the schemas it was built with. Build it again"
          + " (see the README's quickstart) after adding a schema.", e);
    }
  }
}
