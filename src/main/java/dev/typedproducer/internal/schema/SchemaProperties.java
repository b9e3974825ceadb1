package dev.typedproducer.internal.schema;

/** The schema properties that typed-producer reads. */
public final class SchemaProperties {
  /** Field property marking the field whose value is the Kafka record key: {@code "kafka.key": true}. */
  public static final String KEY = "kafka.key";

  /**
   * Field property marking the field whose value is the Kafka record timestamp (event time):
   * {@code "kafka.timestamp": true} on a {@code timestamp-millis} or {@code timestamp-micros}
   * field.
   */
  public static final String TIMESTAMP = "kafka.timestamp";

  /** Record property naming the default topic: {@code "kafka.topic": "user_clicks"}. */
  public static final String TOPIC = "kafka.topic";

  /**
   * Record property setting the compatibility level a change of this schema is checked at:
   * {@code "kafka.compatibility": "FULL_TRANSITIVE"}.
   */
  public static final String COMPATIBILITY = "kafka.compatibility";

  /**
   * Field or record property accepting named compatibility findings for an intentional
   * migration: {@code "kafka.compat.allow": ["DecimalScaleChanged"]}.
   */
  public static final String COMPAT_ALLOW = "kafka.compat.allow";

  /**
   * Field property holding the field's data rules, checked on every send:
   * {@code "kafka.rules": {"min": 0, "max": 1}}. See README "Data rules".
   */
  public static final String RULES = "kafka.rules";

  /**
   * Field property saying the field's values must never be shown, not even in a rule violation:
   * {@code "kafka.sensitive": true}.
   */
  public static final String SENSITIVE = "kafka.sensitive";

  /**
   * Record property naming the topic that events breaking the data rules go to, when the producer
   * routes them there: {@code "kafka.deadLetterTopic": "inference_requests.invalid"}.
   */
  public static final String DEAD_LETTER_TOPIC = "kafka.deadLetterTopic";

  /**
   * Record property choosing the registry subject name strategy, for the producer, register and
   * compat alike: {@code "kafka.subject.strategy": "TOPIC_RECORD_NAME"} (or {@code RECORD_NAME},
   * {@code TOPIC_NAME}, the default). Several event types on one topic need one of the first two.
   */
  public static final String SUBJECT_STRATEGY = "kafka.subject.strategy";

  /** Property that the Avro compiler adds for Java's string type; not part of the schema's meaning. */
  public static final String JAVA_STRING = "avro.java.string";

  private SchemaProperties() {}
}
