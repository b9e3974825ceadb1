package dev.typedproducer;

import dev.typedproducer.internal.schema.SchemaProperties;
import dev.typedproducer.internal.schema.TopicNames;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * What {@link TypedProducer#send} does with an event that breaks data rules of its schema (the
 * {@code "kafka.rules"} on its fields): throw, or send it to a dead-letter topic.
 *
 * <pre>{@code
 * TypedProducer<InferenceRequest> requests = TypedProducer.builder(InferenceRequest.class)
 *     .bootstrapServers(brokers).schemaRegistryUrl(registry)
 *     .onRuleViolation(OnRuleViolation.deadLetter()) // the schema's "kafka.deadLetterTopic"
 *     .build();
 * requests.send(request).thenAccept(r -> {
 *   if (r.deadLettered()) metrics.count("invalid", r.violations().get(0).rule());
 * });
 * }</pre>
 *
 * <p>A dead-lettered event is written like any other (same key, same wire format and schema id,
 * {@code acks=all}, idempotence) to the dead-letter topic, with headers naming the broken rules,
 * the source topic and the schema id. {@code build()} checks that topic exists and is durable, as
 * it does the event's own topic.
 */
public final class OnRuleViolation {
  private static final OnRuleViolation FAIL = new OnRuleViolation(false, null);
  private static final OnRuleViolation SCHEMA_DEAD_LETTER = new OnRuleViolation(true, null);

  private final boolean deadLetter;
  private final String topic;

  private OnRuleViolation(boolean deadLetter, String topic) {
    this.deadLetter = deadLetter;
    this.topic = topic;
  }

  /**
   * The default: {@code send} throws {@link InvalidEventException}, whose
   * {@link InvalidEventException#violations()} lists every broken rule; nothing is sent.
   */
  public static OnRuleViolation fail() {
    return FAIL;
  }

  /**
   * Send the event to the topic the schema names in {@code "kafka.deadLetterTopic"}; {@code
   * build()} fails if it names none.
   */
  public static OnRuleViolation deadLetter() {
    return SCHEMA_DEAD_LETTER;
  }

  /** Send the event to {@code topic}, whatever the schema names. */
  public static OnRuleViolation deadLetter(String topic) {
    return new OnRuleViolation(true, Objects.requireNonNull(topic, "topic"));
  }

  /** Whether bad events go to a dead-letter topic rather than fail the send. */
  public boolean routesToDeadLetterTopic() {
    return deadLetter;
  }

  /** The dead-letter topic given here, if any (else the schema's is used). */
  public Optional<String> topic() {
    return Optional.ofNullable(topic);
  }

  /** The dead-letter topic, when bad events go to one; null when they fail the send. */
  String topicFor(Schema schema, String mainTopic) {
    if (!deadLetter) {
      return null;
    }
    String resolved = topic != null ? topic
        : (String) schema.getObjectProp(SchemaProperties.DEAD_LETTER_TOPIC);
    if (resolved == null) {
      throw new InvalidConfigException("onRuleViolation", this, "No dead-letter topic"
          + " for " + schema.getFullName() + ": its schema has no \"" + SchemaProperties
          .DEAD_LETTER_TOPIC + "\" property and the builder names none. Add \""
          + SchemaProperties.DEAD_LETTER_TOPIC + "\": \"" + mainTopic + ".invalid\" to the schema,"
          + " or call onRuleViolation(OnRuleViolation.deadLetter(\"" + mainTopic + ".invalid\")).");
    }
    String problem = resolved.equals(mainTopic)
        ? "it is the event's own topic, where bad events would mix with good ones"
        : TopicNames.problem(resolved);
    if (problem != null) {
      throw new InvalidConfigException("onRuleViolation", resolved, "\"" + resolved + "\" cannot"
          + " be the dead-letter topic: " + problem + ". Name a topic of its own.");
    }
    return resolved;
  }

  @Override
  public String toString() {
    return !deadLetter ? "OnRuleViolation.fail()" : topic == null ? "OnRuleViolation.deadLetter()"
        : "OnRuleViolation.deadLetter(\"" + topic + "\")";
  }
}
