package dev.typedproducer.internal.time;

import dev.typedproducer.Diagnostic;
import dev.typedproducer.internal.schema.SchemaProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The rules for the event-time field, which is optional: at most one top-level field marked
 * {@code "kafka.timestamp": true}, of type {@code long} with logicalType {@code timestamp-millis}
 * or {@code timestamp-micros} (an instant; the {@code local-timestamp-*} types name no instant).
 * It may be nullable ({@code ["null", {...}]}): an event whose event time is null gets the
 * producer's clock at send, as an event of a schema without the mark does.
 */
public final class TimestampRules {
  public static final String TIMESTAMP_FIELD_DUPLICATE = "TimestampFieldDuplicate";
  public static final String TIMESTAMP_FIELD_UNSUPPORTED_TYPE = "TimestampFieldUnsupportedType";
  public static final String TIMESTAMP_PROPERTY_INVALID = "TimestampPropertyInvalid";

  private static final String EXAMPLE = "{\"name\": \"occurred_at\", \"type\": {\"type\": \"long\","
      + " \"logicalType\": \"timestamp-millis\"}, \"kafka.timestamp\": true}";

  private TimestampRules() {}

  /** Checks the event-time rules on a top-level record schema. */
  public static List<Diagnostic> check(Schema record, String source) {
    List<Diagnostic> out = new ArrayList<>();
    String name = record.getFullName();
    List<Schema.Field> marked = new ArrayList<>();
    for (Schema.Field field : record.getFields()) {
      Object mark = field.getObjectProp(SchemaProperties.TIMESTAMP);
      if (mark == null || Boolean.FALSE.equals(mark)) {
        continue;
      }
      if (Boolean.TRUE.equals(mark)) {
        marked.add(field);
      } else {
        out.add(new Diagnostic(TIMESTAMP_PROPERTY_INVALID, source, name, field.name(),
            "field " + field.name() + " of record " + name + " has \"kafka.timestamp\": "
                + (mark instanceof String ? "\"" + mark + "\"" : mark)
                + "; the property must be the JSON boolean true",
            "write \"kafka.timestamp\": true (no quotes) on the event-time field, or remove it"));
      }
    }
    if (marked.size() > 1) {
      String names = marked.stream().map(Schema.Field::name).collect(Collectors.joining(", "));
      out.add(new Diagnostic(TIMESTAMP_FIELD_DUPLICATE, source, name, marked.get(1).name(),
          "record " + name + " marks " + marked.size() + " fields as \"kafka.timestamp\": "
              + names,
          "keep \"kafka.timestamp\": true on one field; a Kafka record has one timestamp"));
    }
    for (Schema.Field field : marked) {
      if (instant(field.schema()) == null) {
        out.add(new Diagnostic(TIMESTAMP_FIELD_UNSUPPORTED_TYPE, source, name, field.name(),
            "event-time field " + field.name() + " of record " + name + " has type "
                + describe(field.schema()) + "; the record timestamp needs an instant: long with"
                + " logicalType timestamp-millis or timestamp-micros (nullable allowed)",
            "give the field an instant type, e.g. " + EXAMPLE + ", or remove the mark"));
      }
    }
    return out;
  }

  /** The timestamp-millis or -micros schema of {@code type} (or of its non-null branch). */
  static LogicalType instant(Schema type) {
    Schema value = type;
    if (type.getType() == Schema.Type.UNION) {
      List<Schema> branches = type.getTypes();
      if (branches.size() != 2 || !type.isNullable()) {
        return null;
      }
      value = branches.get(0).getType() == Schema.Type.NULL ? branches.get(1) : branches.get(0);
    }
    LogicalType logical = value.getLogicalType();
    return logical instanceof LogicalTypes.TimestampMillis
        || logical instanceof LogicalTypes.TimestampMicros ? logical : null;
  }

  private static String describe(Schema type) {
    return type.getLogicalType() != null
        ? type.getType().getName() + " with logicalType " + type.getLogicalType().getName()
        : type.getType() == Schema.Type.UNION ? type.toString() : type.getType().getName();
  }
}
