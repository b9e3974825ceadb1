package dev.typedproducer.internal.schema;

import dev.typedproducer.Diagnostic;
import dev.typedproducer.internal.key.KeyRules;
import dev.typedproducer.internal.rules.Rules;
import dev.typedproducer.internal.time.TimestampRules;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The rules every event schema must follow so that TypedProducer can send it: a record, with a key
 * field ({@link KeyRules}), at most one event-time field ({@link TimestampRules}), well-formed
 * data rules ({@link Rules}) and, if it names a default topic or a dead-letter topic, legal ones.
 */
public final class EventRules {
  public static final String NOT_A_RECORD = "NotARecord";
  public static final String TOPIC_PROPERTY_INVALID = "TopicPropertyInvalid";
  public static final String DEAD_LETTER_TOPIC_INVALID = "DeadLetterTopicInvalid";

  private EventRules() {}

  /**
   * Checks {@code schema}, whose origin {@code source} the diagnostics name (a file such as
   * {@code schemas/user_clicks.avsc}, or {@code class com.acme.UserClick}).
   */
  public static List<Diagnostic> check(Schema schema, String source) {
    if (schema.getType() != Schema.Type.RECORD) {
      return List.of(new Diagnostic(NOT_A_RECORD, source, schema.getFullName(), null,
          "the top-level schema is a " + schema.getType().getName() + ", not a record",
          "make the file's top-level type a record: {\"type\": \"record\", \"name\": ..., "
              + "\"fields\": [...]}"));
    }
    List<Diagnostic> out = new ArrayList<>(KeyRules.check(schema, source));
    out.addAll(TimestampRules.check(schema, source));
    Object topic = schema.getObjectProp(SchemaProperties.TOPIC);
    if (topic != null) {
      String problem = topic instanceof String name ? TopicNames.problem(name) : "it is not a string";
      if (problem != null) {
        out.add(new Diagnostic(TOPIC_PROPERTY_INVALID, source, schema.getFullName(), null,
            "record " + schema.getFullName() + " has \"kafka.topic\": " + topic
                + ", which is not a legal Kafka topic name: " + problem,
            "set \"kafka.topic\" to a topic name such as \"user_clicks\", or remove it and name"
                + " the topic in the producer's builder"));
      }
    }
    Object deadLetters = schema.getObjectProp(SchemaProperties.DEAD_LETTER_TOPIC);
    if (deadLetters != null) {
      String problem = !(deadLetters instanceof String name) ? "it is not a string"
          : name.equals(topic) ? "it is the event's own topic, where bad events would mix with good"
          : TopicNames.problem(name);
      if (problem != null) {
        out.add(new Diagnostic(DEAD_LETTER_TOPIC_INVALID, source, schema.getFullName(), null,
            "record " + schema.getFullName() + " has \"" + SchemaProperties.DEAD_LETTER_TOPIC
                + "\": " + deadLetters + ", which cannot take the events that break its rules: "
                + problem,
            "name a topic of its own, e.g. \"" + (topic instanceof String t ? t : "events")
                + ".invalid\", or remove the property and name it in the producer's builder"));
      }
    }
    out.addAll(SubjectStrategies.check(schema, source));
    out.addAll(Rules.check(schema, source));
    return out;
  }
}
