package dev.typedproducer.internal.schema;

import dev.typedproducer.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Reads every {@code *.avsc} file under a folder, as the Avro compiler does: a file may use a named
 * type that another file defines, whatever their order.
 */
public final class SchemaFiles {
  public static final String SCHEMA_UNREADABLE = "SchemaUnreadable";

  private SchemaFiles() {}

  /** What reading a folder gave: the schemas that parsed, and a diagnostic for each that did not. */
  public record Result(List<SchemaFile> schemas, List<Diagnostic> problems) {}

  /** The {@code *.avsc} files under {@code folder}, sorted by path. */
  public static List<Path> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(p -> p.toString().endsWith(".avsc") && Files.isRegularFile(p))
          .sorted().toList();
    }
  }

  /** Reads {@code folder}; {@code source} says how diagnostics name a file. */
  public static Result read(Path folder, java.util.function.Function<Path, String> source)
      throws IOException {
    Map<Path, String> texts = new LinkedHashMap<>();
    for (Path file : list(folder)) {
      texts.put(file, Files.readString(file));
    }
    return parse(texts, source);
  }

  /**
   * Parses {@code texts} (file to JSON text). Files are retried until no more parse, so that a
   * file can refer to a type defined in a file that sorts after it.
   */
  public static Result parse(Map<Path, String> texts, java.util.function.Function<Path, String> source) {
    Map<Path, Schema> parsed = new LinkedHashMap<>();
    Map<Path, String> errors = new LinkedHashMap<>();
    Map<String, Schema> known = new LinkedHashMap<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      errors.clear();
      for (Map.Entry<Path, String> entry : texts.entrySet()) {
        if (parsed.containsKey(entry.getKey())) {
          continue;
        }
        Schema.Parser parser = new Schema.Parser();
        parser.addTypes(known.values());
        try {
          Schema schema = parser.parse(entry.getValue());
          parsed.put(entry.getKey(), schema);
          known.putAll(parser.getTypes());
          progress = true;
        } catch (SchemaParseException | org.apache.avro.AvroTypeException e) {
          errors.put(entry.getKey(), e.getMessage());
        } catch (RuntimeException e) {
          errors.put(entry.getKey(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
      }
    }
    List<SchemaFile> schemas = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    for (Path file : texts.keySet()) {
      if (parsed.containsKey(file)) {
        schemas.add(new SchemaFile(file, source.apply(file), parsed.get(file)));
      } else {
        problems.add(new Diagnostic(SCHEMA_UNREADABLE, source.apply(file), null, null,
            "not a valid Avro schema: " + errors.get(file),
            "fix the JSON or the schema as the message says (Avro specification:"
                + " https://avro.apache.org/docs/1.12.0/specification/)"));
      }
    }
    return new Result(schemas, problems);
  }
}
