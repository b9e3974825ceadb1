package dev.typedproducer.internal.schema;

import dev.typedproducer.Diagnostic;
import dev.typedproducer.SubjectNameStrategy;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * The subject name strategy a schema declares with {@code "kafka.subject.strategy"}, so that the
 * producer, {@code register} and {@code compat} use the same subjects. Several event types on one
 * topic declare {@code RECORD_NAME} or {@code TOPIC_RECORD_NAME}: under the default
 * {@code TOPIC_NAME} they would all be versions of one subject, {@code <topic>-value}.
 */
public final class SubjectStrategies {
  public static final String INVALID = "SubjectStrategyInvalid";

  private SubjectStrategies() {}

  /** The declared strategy, or {@code fallback} when the schema declares none (or a bad one). */
  public static SubjectNameStrategy of(Schema schema, SubjectNameStrategy fallback) {
    SubjectNameStrategy declared = declared(schema);
    return declared == null ? fallback : declared;
  }

  /** The declared strategy, or null. */
  public static SubjectNameStrategy declared(Schema schema) {
    Object value = schema.getObjectProp(SchemaProperties.SUBJECT_STRATEGY);
    if (!(value instanceof String name)) {
      return null;
    }
    try {
      return SubjectNameStrategy.valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A diagnostic for a declared strategy that is not one of the three. */
  public static List<Diagnostic> check(Schema schema, String source) {
    Object value = schema.getObjectProp(SchemaProperties.SUBJECT_STRATEGY);
    if (value == null || declared(schema) != null) {
      return List.of();
    }
    String names = Arrays.stream(SubjectNameStrategy.values()).map(s -> "\"" + s + "\"")
        .collect(Collectors.joining(", "));
    return List.of(new Diagnostic(INVALID, source, schema.getFullName(), null, "record "
        + schema.getFullName() + " has \"" + SchemaProperties.SUBJECT_STRATEGY + "\": " + value
        + ", which is not a subject name strategy",
        "use one of " + names + ", or remove it for the default TOPIC_NAME"));
  }
}
