package dev.typedproducer.internal.schema;

import dev.typedproducer.Diagnostic;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * Reads every {@code *.avsc} file under a folder, as the Avro compiler does: a file may use a named
 * type that another file defines, whatever their order. Shared types ({@code shared/*.avsc}) are
 * read first, as the build's Avro compiler imports them before the events.
 */
public final class SchemaFiles {
  public static final String SCHEMA_UNREADABLE = "SchemaUnreadable";
  public static final String SCHEMA_BYTE_ORDER_MARK = "SchemaByteOrderMark";
  private static final String BOM = "\uFEFF";

  private SchemaFiles() {}

  /**
   * What reading a folder gave: the schemas that parsed, a diagnostic for each file that did not,
   * and warnings about files that parsed but should change.
   */
  public record Result(List<SchemaFile> schemas, List<Diagnostic> problems,
      List<Diagnostic> warnings) {
    /** The events: every schema that is not a shared type. */
    public List<SchemaFile> events() {
      return schemas.stream().filter(f -> !f.shared()).toList();
    }

    /** The shared types ({@code shared/*.avsc}): used inside events, never sent on their own. */
    public List<SchemaFile> shared() {
      return schemas.stream().filter(SchemaFile::shared).toList();
    }
  }

  /** The {@code *.avsc} files under {@code folder}: shared types first, each group by path. */
  public static List<Path> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(p -> p.toString().endsWith(".avsc") && Files.isRegularFile(p))
          .sorted(Comparator.comparing((Path p) -> !SchemaFile.isShared(p))
              .thenComparing(Comparator.naturalOrder()))
          .toList();
    }
  }

  /**
   * Reads {@code folder}; {@code source} says how diagnostics name a file. A file that cannot be
   * read or is not UTF-8 is reported, and the others are still read. A file that starts with a
   * UTF-8 byte-order mark is read without it, as the Avro compiler does, with a warning.
   *
   * @throws IOException if the folder itself cannot be listed
   */
  public static Result read(Path folder, Function<Path, String> source) throws IOException {
    Map<Path, String> texts = new LinkedHashMap<>();
    List<Diagnostic> problems = new ArrayList<>();
    List<Diagnostic> warnings = new ArrayList<>();
    for (Path file : list(folder)) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        problems.add(new Diagnostic(SCHEMA_UNREADABLE, source.apply(file), null, null,
            "cannot be read: " + e, "check that the file exists and may be read"));
        continue;
      }
      String problem = notUtf8(bytes);
      if (problem != null) {
        problems.add(new Diagnostic(SCHEMA_UNREADABLE, source.apply(file), null, null, problem,
            "save the file as UTF-8 text (an Avro schema is JSON, which is UTF-8), or move it out"
                + " of " + source.apply(folder) + " if it is not a schema"));
        continue;
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (text.startsWith(BOM)) {
        warnings.add(new Diagnostic(SCHEMA_BYTE_ORDER_MARK, source.apply(file), null, null,
            "starts with a UTF-8 byte-order mark (BOM, bytes 0xEF 0xBB 0xBF); it is read without"
                + " it, as the Avro compiler reads it, but other JSON tools may refuse the file",
            "save the file as UTF-8 without BOM (in most editors: encoding \"UTF-8\", not"
                + " \"UTF-8 with BOM\")"));
      }
      texts.put(file, withoutBom(text));
    }
    Result parsed = parse(texts, source);
    problems.addAll(parsed.problems());
    problems.sort(Comparator.comparing(Diagnostic::source));
    return new Result(parsed.schemas(), problems, warnings);
  }

  /** {@code text} without the byte-order mark it may start with. */
  public static String withoutBom(String text) {
    return text.startsWith(BOM) ? text.substring(BOM.length()) : text;
  }

  /** Why {@code bytes} are not UTF-8 text, naming the first bad byte; null when they are. */
  private static String notUtf8(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    // UTF-8 never gives more chars than bytes: the output cannot overflow.
    CoderResult result = StandardCharsets.UTF_8.newDecoder()
        .decode(in, CharBuffer.allocate(bytes.length), true);
    if (!result.isError()) {
      return null;
    }
    String utf16 = bytes.length >= 2 && (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF
        || bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
        ? " (it starts with a UTF-16 byte-order mark: it is UTF-16 text)" : "";
    return String.format(Locale.ROOT, "is not UTF-8 text (byte 0x%02X at offset %d)%s",
        bytes[in.position()] & 0xFF, in.position(), utf16);
  }

  /**
   * Parses {@code texts} (file to JSON text). Files are retried until no more parse, so that a
   * file can refer to a type defined in a file that sorts after it. A file that does not parse is
   * explained at its line and JSON pointer ({@link SchemaProblems}).
   */
  public static Result parse(Map<Path, String> texts, Function<Path, String> source) {
    List<Diagnostic> problems = new ArrayList<>();
    Map<Path, JsonText> json = new LinkedHashMap<>();
    Map<String, String> definedIn = new LinkedHashMap<>();
    for (Map.Entry<Path, String> entry : texts.entrySet()) {
      try {
        JsonText text = JsonText.read(entry.getValue());
        json.put(entry.getKey(), text);
        TypeWalk.of(text.tree()).definitions()
            .forEach(d -> definedIn.putIfAbsent(d.fullName(), source.apply(entry.getKey())));
      } catch (JsonText.Invalid e) {
        problems.add(SchemaProblems.notJson(source.apply(entry.getKey()), e.error()));
      }
    }
    Map<Path, Schema> parsed = new LinkedHashMap<>();
    Map<Path, RuntimeException> errors = new LinkedHashMap<>();
    Map<String, Schema> known = new LinkedHashMap<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      errors.clear();
      for (Path file : json.keySet()) {
        if (parsed.containsKey(file)) {
          continue;
        }
        Schema.Parser parser = new Schema.Parser();
        parser.addTypes(known.values());
        try {
          parsed.put(file, parser.parse(texts.get(file)));
          known.putAll(parser.getTypes());
          progress = true;
        } catch (RuntimeException e) {
          errors.put(file, e);
        }
      }
    }
    List<SchemaFile> schemas = new ArrayList<>();
    for (Path file : json.keySet()) {
      if (parsed.containsKey(file)) {
        schemas.add(new SchemaFile(file, source.apply(file), parsed.get(file)));
      } else {
        problems.addAll(SchemaProblems.explain(source.apply(file), json.get(file),
            errors.get(file), known, definedIn));
      }
    }
    return new Result(schemas, problems, List.of());
  }
}
