package dev.typedproducer.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.typedproducer.Diagnostic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;

/**
 * Turns what Avro's parser says about a schema file ("Undefined schema: strin", "Invalid default
 * for field n", no file, no place) into diagnostics that name the file, the line, the JSON pointer
 * and the fix, by finding the mistake in the file's JSON.
 */
final class SchemaProblems {
  static final String SCHEMA_JSON_INVALID = "SchemaJsonInvalid";
  static final String SCHEMA_TYPE_UNKNOWN = "SchemaTypeUnknown";
  static final String SCHEMA_NAME_MISSING = "SchemaNameMissing";
  static final String SCHEMA_DEFAULT_INVALID = "SchemaDefaultInvalid";

  private SchemaProblems() {}

  /** The diagnostic for a file that is not JSON. */
  static Diagnostic notJson(String source, JsonText.SyntaxError error) {
    return new Diagnostic(SCHEMA_JSON_INVALID, source, null, null,
        "line " + error.line() + ", column " + error.column() + ": not valid JSON: "
            + error.problem(), error.fix());
  }

  /**
   * Why Avro could not parse {@code json}: {@code failure} is its error; {@code known} the types
   * the other files define; {@code definedIn} the file each named type of schemas/ is written in,
   * including files that did not parse.
   */
  static List<Diagnostic> explain(String source, JsonText json, RuntimeException failure,
      Map<String, Schema> known, Map<String, String> definedIn) {
    TypeWalk walk = TypeWalk.of(json.tree());
    List<Diagnostic> out = new ArrayList<>();
    Set<String> inFile = new HashSet<>();
    walk.definitions().forEach(d -> inFile.add(d.fullName()));
    Set<String> defined = new HashSet<>(known.keySet());
    defined.addAll(inFile); // Avro 1.12 resolves names used before their definition in a file
    for (Object event : walk.events()) {
      if (event instanceof TypeWalk.Unnamed u) {
        out.add(new Diagnostic(SCHEMA_NAME_MISSING, source, null, null,
            at(json, u.pointer()) + "this " + u.kind() + " has no \"name\"",
            "give it a name: \"name\": \"Address\" (a letter or _, then letters, digits or _)"));
      } else if (event instanceof TypeWalk.Reference r
          && r.candidates().stream().noneMatch(defined::contains)) {
        out.add(unknownType(source, json, r, definedIn, defined));
      }
    }
    if (out.isEmpty()) {
      out.addAll(defaults(source, json, walk, known));
    }
    if (out.isEmpty()) {
      String message = failure.getMessage() == null ? failure.getClass().getSimpleName()
          : failure.getMessage();
      out.add(new Diagnostic(SchemaFiles.SCHEMA_UNREADABLE, source, null, null,
          "not a valid Avro schema: " + message,
          "fix the schema as the message says (Avro specification:"
              + " https://avro.apache.org/docs/1.12.0/specification/)"));
    }
    return out;
  }

  private static Diagnostic unknownType(String source, JsonText json, TypeWalk.Reference r,
      Map<String, String> definedIn, Set<String> defined) {
    String user = r.field() == null ? "the schema" : "field " + r.field();
    String elsewhere = r.candidates().stream().filter(definedIn::containsKey).findFirst()
        .orElse(null);
    if (elsewhere != null) {
      return new Diagnostic(SCHEMA_TYPE_UNKNOWN, source, null, r.field(), at(json, r.pointer())
          + user + " uses type " + elsewhere + ", which " + definedIn.get(elsewhere)
          + " defines, but that file has a problem of its own",
          "fix " + definedIn.get(elsewhere) + " first (its diagnostic is listed too)");
    }
    Set<String> names = new TreeSet<>(TypeWalk.PRIMITIVES);
    names.addAll(defined);
    names.addAll(definedIn.keySet());
    String guess = closest(r.name(), names);
    return new Diagnostic(SCHEMA_TYPE_UNKNOWN, source, null, r.field(), at(json, r.pointer())
        + user + " has type \"" + r.name() + "\", which is neither an Avro primitive type nor a"
        + " named type defined in this file or another schema file",
        (guess == null ? "" : "did you mean \"" + guess + "\"? ") + "A type is a primitive ("
            + String.join(", ", TypeWalk.PRIMITIVES) + "), a record, enum or fixed defined in"
            + " this file or another schema file (by its full name when in another namespace), or"
            + " {\"type\": \"array\", \"items\": ...} / {\"type\": \"map\", \"values\": ...}");
  }

  private static List<Diagnostic> defaults(String source, JsonText json, TypeWalk walk,
      Map<String, Schema> known) {
    Map<String, Schema> types;
    try {
      Schema.Parser lenient = new Schema.Parser().setValidateDefaults(false);
      // Types of other files only: two files may define the same type, which is not this problem.
      Set<String> inFile = new HashSet<>();
      walk.definitions().forEach(d -> inFile.add(d.fullName()));
      lenient.addTypes(known.values().stream().filter(t -> !inFile.contains(t.getFullName()))
          .toList());
      lenient.parse(json.tree().toString());
      types = lenient.getTypes();
    } catch (RuntimeException e) {
      return List.of(); // not a default problem; Avro's own message is the best there is
    }
    List<Diagnostic> out = new ArrayList<>();
    for (TypeWalk.Definition d : walk.definitions()) {
      Schema record = types.get(d.fullName());
      JsonNode fields = d.json().get("fields");
      if (record == null || record.getType() != Schema.Type.RECORD || fields == null) {
        continue;
      }
      for (int i = 0; i < fields.size(); i++) {
        JsonNode value = fields.get(i).get("default");
        Schema.Field field = record.getField(fields.get(i).path("name").asText());
        if (value != null && field != null && !field.schema().isValidDefault(value)) {
          out.add(new Diagnostic(SCHEMA_DEFAULT_INVALID, source, record.getFullName(),
              field.name(), at(json, d.pointer() + "/fields/" + i + "/default") + "field "
                  + field.name() + " has default " + value + ", which is not a value of its type "
                  + describe(field.schema()), fix(field.schema(), value)));
        }
      }
    }
    return out;
  }

  private static String fix(Schema type, JsonNode value) {
    return switch (type.getType()) {
      case UNION -> {
        Schema first = type.getTypes().get(0);
        boolean nullable = type.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
        yield "give a value of one of its types; the Avro specification asks for the FIRST type"
            + " (here " + describe(first) + "), and other tools hold to it"
            + (value.isNull() && !nullable ? ": add \"null\" first, [\"null\", ...], for a null"
                + " default" : ": put the type of your default first");
      }
      case NULL -> "the only value of null is null";
      case BOOLEAN -> "use true or false";
      case INT, LONG -> "use a whole number without quotes, e.g. 0"
          + (value.isNull() ? "; for an optional field use [\"null\", \""
              + type.getType().getName() + "\"] with \"default\": null" : "");
      case FLOAT, DOUBLE -> "use a number without quotes, e.g. 0.0"
          + (value.isNull() ? "; for an optional field use [\"null\", \""
              + type.getType().getName() + "\"] with \"default\": null" : "");
      case STRING -> "use a JSON string in quotes, e.g. \"\""
          + (value.isNull() ? "; for an optional field use [\"null\", \"string\"] with"
              + " \"default\": null" : "");
      case BYTES, FIXED -> "use a JSON string whose characters are the bytes (\\u0000 to \\u00ff)";
      case ENUM -> "use one of the symbols of " + type.getFullName() + ": " + type.getEnumSymbols();
      case ARRAY -> "use a JSON array of its items, e.g. []";
      case MAP -> "use a JSON object of its values, e.g. {}";
      case RECORD -> "use a JSON object with a value for each field of " + type.getFullName()
          + " that has no default of its own";
    };
  }

  private static String describe(Schema type) {
    return switch (type.getType()) {
      case RECORD, ENUM, FIXED -> type.getType().getName() + " " + type.getFullName();
      case UNION -> type.getTypes().stream().map(SchemaProblems::describe).toList().toString();
      case ARRAY -> "array of " + describe(type.getElementType());
      case MAP -> "map of " + describe(type.getValueType());
      default -> type.getType().getName();
    };
  }

  /** "line 7, /fields/1/type: ", where the pointer is in the file. */
  private static String at(JsonText json, String pointer) {
    return "line " + json.line(pointer) + ", " + (pointer.isEmpty() ? "/" : pointer) + ": ";
  }

  /** The name in {@code names} nearest to {@code typo}, if near enough to be a typo. */
  static String closest(String typo, Set<String> names) {
    String lower = typo.toLowerCase(Locale.ROOT);
    return names.stream()
        .filter(n -> distance(lower, simple(n).toLowerCase(Locale.ROOT)) <= Math.max(1,
            Math.min(2, lower.length() / 3)) || n.equalsIgnoreCase(typo))
        .min(Comparator.comparingInt((String n) -> distance(lower, simple(n).toLowerCase(
            Locale.ROOT))).thenComparing(n -> n))
        .orElse(null);
  }

  private static String simple(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /** Edit distance, a swap of two neighbouring letters counting as one edit. */
  private static int distance(String a, String b) {
    int[] beforePrevious = new int[b.length() + 1];
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          current[j] = Math.min(current[j], beforePrevious[j - 2] + 1); // swapped letters
        }
      }
      int[] swap = beforePrevious;
      beforePrevious = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
