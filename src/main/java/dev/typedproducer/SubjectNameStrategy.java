package dev.typedproducer;

/**
 * How the schema registry subject of a topic's values is named, as in Confluent's serializers.
 *
 * <pre>{@code
 * TypedProducer.builder(UserClick.class)
 *     .subjectNameStrategy(SubjectNameStrategy.RECORD_NAME) // subject dev.typedproducer.events.UserClick
 * }</pre>
 */
public enum SubjectNameStrategy {
  /** {@code <topic>-value}: one schema lineage per topic. The default, as in Confluent's. */
  TOPIC_NAME,
  /** {@code <record full name>}: one lineage per event type, shared by every topic. */
  RECORD_NAME,
  /** {@code <topic>-<record full name>}: one lineage per event type and topic. */
  TOPIC_RECORD_NAME;

  /** The subject for values of {@code recordFullName} sent to {@code topic}. */
  public String subject(String topic, String recordFullName) {
    return switch (this) {
      case TOPIC_NAME -> topic + "-value";
      case RECORD_NAME -> recordFullName;
      case TOPIC_RECORD_NAME -> topic + "-" + recordFullName;
    };
  }
}
