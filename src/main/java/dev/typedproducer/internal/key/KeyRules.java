package dev.typedproducer.internal.key;

import dev.typedproducer.Diagnostic;
import dev.typedproducer.internal.schema.NamedTypes;
import dev.typedproducer.internal.schema.SchemaProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * The rules for the key field: exactly one top-level field marked {@code "kafka.key": true}, of a
 * type whose string form is a stable key (string, uuid, int, long or enum), never null.
 */
public final class KeyRules {
  public static final String KEY_FIELD_MISSING = "KeyFieldMissing";
  public static final String KEY_FIELD_DUPLICATE = "KeyFieldDuplicate";
  public static final String KEY_FIELD_NULLABLE = "KeyFieldNullable";
  public static final String KEY_FIELD_UNSUPPORTED_TYPE = "KeyFieldUnsupportedType";
  public static final String KEY_PROPERTY_INVALID = "KeyPropertyInvalid";
  public static final String KEY_FIELD_NESTED = "KeyFieldNested";

  private static final String EXAMPLE =
      "{\"name\": \"user_id\", \"type\": \"string\", \"kafka.key\": true}";

  private KeyRules() {}

  /** Checks the key rules on a top-level record schema. */
  public static List<Diagnostic> check(Schema record, String source) {
    List<Diagnostic> out = new ArrayList<>();
    String name = record.getFullName();
    List<Schema.Field> marked = new ArrayList<>();
    boolean malformed = false;
    for (Schema.Field field : record.getFields()) {
      Object mark = field.getObjectProp(SchemaProperties.KEY);
      if (mark == null || Boolean.FALSE.equals(mark)) {
        continue;
      }
      if (Boolean.TRUE.equals(mark)) {
        marked.add(field);
      } else {
        malformed = true;
        out.add(new Diagnostic(KEY_PROPERTY_INVALID, source, name, field.name(),
            "field " + field.name() + " of record " + name + " has \"kafka.key\": "
                + json(mark) + "; the property must be the JSON boolean true",
            "write \"kafka.key\": true (no quotes) on the key field, or remove the property"));
      }
    }
    nestedMarks(record, source, out);

    if (marked.isEmpty() && !malformed) {
      out.add(new Diagnostic(KEY_FIELD_MISSING, source, name, null,
          "record " + name + " has no field marked \"kafka.key\": true",
          "mark exactly one top-level field as the key, e.g. " + EXAMPLE));
    } else if (marked.size() > 1) {
      String names = marked.stream().map(Schema.Field::name).collect(Collectors.joining(", "));
      out.add(new Diagnostic(KEY_FIELD_DUPLICATE, source, name, marked.get(1).name(),
          "record " + name + " marks " + marked.size() + " fields as \"kafka.key\": " + names,
          "keep \"kafka.key\": true on exactly one field; a Kafka record has one key"));
    } else if (marked.size() == 1) {
      checkType(marked.get(0), record, source, out);
    }
    return out;
  }

  private static void checkType(
      Schema.Field field, Schema record, String source, List<Diagnostic> out) {
    Schema type = field.schema();
    String name = record.getFullName();
    if (type.isNullable()) {
      out.add(new Diagnostic(KEY_FIELD_NULLABLE, source, name, field.name(),
          "key field " + field.name() + " of record " + name + " is nullable (" + type
              + "); every record needs a key, so that it keeps its order with the other records"
              + " of the same key",
          "make the key field non-null, e.g. \"type\": \"string\", or mark another field"));
      return;
    }
    if (KeyType.of(type) == null) {
      out.add(new Diagnostic(KEY_FIELD_UNSUPPORTED_TYPE, source, name, field.name(),
          "key field " + field.name() + " of record " + name + " has type " + describe(type)
              + "; a key must be string, uuid (string with logicalType uuid), int, long or enum,"
              + " whose string form is the key",
          "mark a field of one of those types as the key, or change this field's type"));
    }
  }

  /** A {@code kafka.key} mark on a field of a nested record is never read: report it. */
  private static void nestedMarks(Schema top, String source, List<Diagnostic> out) {
    NamedTypes.forEach(top, named -> {
      if (named == top || named.getType() != Schema.Type.RECORD) {
        return;
      }
      for (Schema.Field field : named.getFields()) {
        if (field.getObjectProp(SchemaProperties.KEY) != null) {
          out.add(new Diagnostic(KEY_FIELD_NESTED, source, top.getFullName(), field.name(),
              "field " + field.name() + " of nested record " + named.getFullName()
                  + " is marked \"kafka.key\", but only top-level fields of "
                  + top.getFullName() + " can be the key",
              "move the mark to a top-level field of " + top.getFullName()));
        }
      }
    });
  }

  static String describe(Schema type) {
    if (type.getLogicalType() != null) {
      return type.getType().getName() + " with logicalType " + type.getLogicalType().getName();
    }
    return type.getType() == Schema.Type.UNION ? type.toString() : type.getType().getName();
  }

  private static String json(Object value) {
    return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
  }
}
