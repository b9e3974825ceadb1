package dev.typedproducer;

import java.time.Instant;
import java.util.List;

/**
 * Where an event landed: what {@link TypedProducer#send} completes with once the broker has
 * acknowledged the record on every in-sync replica.
 *
 * <pre>{@code
 * clicks.send(click).thenAccept(r ->
 *     log.debug("user {} -> {}-{}@{}", r.key(), r.topic(), r.partition(), r.offset()));
 * }</pre>
 *
 * <p>An event that broke data rules of its schema, sent to the dead-letter topic because the
 * producer was built with {@link OnRuleViolation#deadLetter()}, completes with
 * {@link #deadLettered()} true: {@link #topic()} is then the dead-letter topic and
 * {@link #violations()} says which rules it broke.
 *
 * @param topic the topic written to
 * @param partition the partition the key chose
 * @param offset the record's offset in that partition
 * @param timestamp the record's timestamp
 * @param key the record key as a string (its UTF-8 bytes are the Kafka key)
 * @param violations the data rules the event broke; empty unless it was dead-lettered
 */
public record SendResult(String topic, int partition, long offset, Instant timestamp, String key,
    List<RuleViolation> violations) {

  public SendResult {
    violations = List.copyOf(violations);
  }

  /** Where an event that kept every rule landed. */
  public SendResult(String topic, int partition, long offset, Instant timestamp, String key) {
    this(topic, partition, offset, timestamp, key, List.of());
  }

  /** Whether the event broke data rules and went to the dead-letter topic instead. */
  public boolean deadLettered() {
    return !violations.isEmpty();
  }
}
