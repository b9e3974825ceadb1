package dev.typedproducer.compat;

import dev.typedproducer.Diagnostic;
import dev.typedproducer.internal.rules.Rules;
import dev.typedproducer.internal.schema.EventRules;
import dev.typedproducer.internal.schema.SchemaFile;
import dev.typedproducer.internal.schema.SchemaProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.avro.Schema;

/**
 * Every offline rule a schema in {@code schemas/} must pass before its compatibility is worth
 * checking: the SDK's event rules (key field, topic), portable names, safe docs, and well-formed
 * {@code "kafka.compatibility"} and {@code "kafka.compat.allow"} properties. Default values are
 * checked by Avro's parser when the file is read.
 */
public final class SchemaValidator {
  public static final String COMPATIBILITY_LEVEL_INVALID = "CompatibilityLevelInvalid";
  public static final String COMPAT_ALLOW_INVALID = "CompatAllowInvalid";
  public static final String SHARED_TYPE_INVALID = "SharedTypeInvalid";
  /** The properties that only an event may carry: a shared type is sent inside events. */
  private static final List<String> EVENT_PROPERTIES = List.of(SchemaProperties.TOPIC,
      SchemaProperties.DEAD_LETTER_TOPIC, SchemaProperties.SUBJECT_STRATEGY,
      SchemaProperties.COMPATIBILITY, SchemaProperties.COMPAT_ALLOW);

  private SchemaValidator() {}

  /** Everything wrong with {@code schema}, read from {@code source}. */
  public static List<Diagnostic> validate(Schema schema, String source) {
    List<Diagnostic> out = new ArrayList<>(EventRules.check(schema, source));
    if (schema.getType() != Schema.Type.RECORD) {
      return out;
    }
    out.addAll(NameRules.check(schema, source));
    out.addAll(DocRules.check(schema, source));
    Object level = schema.getObjectProp(SchemaProperties.COMPATIBILITY);
    if (level != null) {
      try {
        CompatibilityLevel.parse(String.valueOf(level));
      } catch (IllegalArgumentException e) {
        out.add(new Diagnostic(COMPATIBILITY_LEVEL_INVALID, source, schema.getFullName(), null,
            "\"" + SchemaProperties.COMPATIBILITY + "\": " + level + " is not a compatibility level",
            "use one of " + CompatibilityLevel.names()));
      }
    }
    allow(schema, schema.getObjectProp(SchemaProperties.COMPAT_ALLOW), null, source, out);
    for (Schema.Field field : schema.getFields()) {
      allow(schema, field.getObjectProp(SchemaProperties.COMPAT_ALLOW), field.name(), source, out);
    }
    return out;
  }

  /**
   * Everything wrong with the shared type {@code schema}, read from {@code source} (a file in
   * {@code schemas/shared/}): a named type, with portable names, safe docs and well-formed data
   * rules, and none of an event's own properties (a topic, a key, a compatibility level: the
   * events that use it carry those).
   */
  public static List<Diagnostic> validateShared(Schema schema, String source) {
    Schema.Type type = schema.getType();
    if (type != Schema.Type.RECORD && type != Schema.Type.ENUM && type != Schema.Type.FIXED) {
      return List.of(new Diagnostic(SHARED_TYPE_INVALID, source, null, null,
          "the top-level schema is a " + type.getName() + "; a shared type must be a named type"
              + " (record, enum or fixed), so that events can use it by name",
          "make it a record, enum or fixed with a \"name\" and \"namespace\", or inline it"));
    }
    List<Diagnostic> out = new ArrayList<>(NameRules.check(schema, source));
    out.addAll(DocRules.check(schema, source));
    if (type != Schema.Type.RECORD) {
      return out;
    }
    out.addAll(Rules.check(schema, source));
    for (String property : EVENT_PROPERTIES) {
      if (schema.getObjectProp(property) != null) {
        out.add(sharedWithEventProperty(schema, source, null, property));
      }
    }
    for (Schema.Field field : schema.getFields()) {
      for (String property : List.of(SchemaProperties.KEY, SchemaProperties.TIMESTAMP)) {
        if (field.getObjectProp(property) != null) {
          out.add(sharedWithEventProperty(schema, source, field.name(), property));
        }
      }
    }
    return out;
  }

  private static Diagnostic sharedWithEventProperty(Schema schema, String source, String field,
      String property) {
    return new Diagnostic(SHARED_TYPE_INVALID, source, schema.getFullName(), field,
        "shared type " + schema.getFullName() + " has \"" + property + "\""
            + (field == null ? "" : " on field " + field) + ", which only an event may have: a"
            + " shared type is written inside the events that use it, never on its own",
        "remove \"" + property + "\" and put it on the events, or move the file out of "
            + SchemaFile.SHARED_FOLDER + "/ if it is an event");
  }

  /** The level a schema declares, or null. Call only on a schema that validated. */
  public static CompatibilityLevel declaredLevel(Schema schema) {
    Object level = schema.getObjectProp(SchemaProperties.COMPATIBILITY);
    return level == null ? null : CompatibilityLevel.parse(String.valueOf(level));
  }

  private static void allow(Schema record, Object property, String field, String source,
      List<Diagnostic> out) {
    if (property == null) {
      return;
    }
    boolean wellFormed = property instanceof String
        || property instanceof List<?> list && list.stream().allMatch(String.class::isInstance);
    List<String> unknown = new ArrayList<>();
    if (wellFormed) {
      SemanticRules.allowed(property).stream().filter(id -> !SemanticRules.IDS.contains(id))
          .sorted().forEach(unknown::add);
    }
    if (!wellFormed || !unknown.isEmpty()) {
      String where = field == null ? "record " + record.getFullName() : "field " + field;
      out.add(new Diagnostic(COMPAT_ALLOW_INVALID, source, record.getFullName(), field,
          "\"" + SchemaProperties.COMPAT_ALLOW + "\" on " + where + " is " + property
              + (wellFormed ? "; unknown finding id(s) " + unknown : "; it must be a list of"
                  + " finding ids"),
          "list the ids of the findings to accept, e.g. [\"DecimalScaleChanged\"]; those that"
              + " can be accepted are " + new TreeSet<>(SemanticRules.IDS)));
    }
  }
}
