package dev.typedproducer;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

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
 * <p>A value, like a record: equal results have equal components. The key's text and the
 * timestamp's {@code Instant} are made when first asked for, not on the producer's I/O thread
 * for every acknowledgement that nobody reads.
 */
public final class SendResult {
  private final String topic;
  private final int partition;
  private final long offset;
  private final long timestampMillis;
  private final Object keyValue;
  private final List<RuleViolation> violations;
  /** Made on first use; a race makes an equal one twice, which is harmless. */
  private Instant timestamp;
  private String key;

  /**
   * @param topic the topic written to
   * @param partition the partition the key chose
   * @param offset the record's offset in that partition
   * @param timestamp the record's timestamp
   * @param key the record key as a string (its UTF-8 bytes are the Kafka key)
   * @param violations the data rules the event broke; empty unless it was dead-lettered
   */
  public SendResult(String topic, int partition, long offset, Instant timestamp, String key,
      List<RuleViolation> violations) {
    this(topic, partition, offset, timestamp.toEpochMilli(), key, violations);
    this.timestamp = timestamp;
    this.key = key;
  }

  /** Where an event that kept every rule landed. */
  public SendResult(String topic, int partition, long offset, Instant timestamp, String key) {
    this(topic, partition, offset, timestamp, key, List.of());
  }

  /** {@code keyValue}: the key field's value, whose {@code toString()} is the key. */
  SendResult(String topic, int partition, long offset, long timestampMillis, Object keyValue,
      List<RuleViolation> violations) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.partition = partition;
    this.offset = offset;
    this.timestampMillis = timestampMillis;
    this.keyValue = Objects.requireNonNull(keyValue, "key");
    this.violations = List.copyOf(violations);
  }

  /** The topic written to. */
  public String topic() {
    return topic;
  }

  /** The partition the key chose. */
  public int partition() {
    return partition;
  }

  /** The record's offset in that partition. */
  public long offset() {
    return offset;
  }

  /** The record's timestamp. */
  public Instant timestamp() {
    Instant t = timestamp;
    if (t == null) {
      t = Instant.ofEpochMilli(timestampMillis);
      timestamp = t;
    }
    return t;
  }

  /** The record key as a string (its UTF-8 bytes are the Kafka key). */
  public String key() {
    String k = key;
    if (k == null) {
      k = keyValue.toString();
      key = k;
    }
    return k;
  }

  /** The data rules the event broke; empty unless it was dead-lettered. */
  public List<RuleViolation> violations() {
    return violations;
  }

  /** Whether the event broke data rules and went to the dead-letter topic instead. */
  public boolean deadLettered() {
    return !violations.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SendResult r && partition == r.partition && offset == r.offset
        && topic.equals(r.topic) && timestamp().equals(r.timestamp()) && key().equals(r.key())
        && violations.equals(r.violations);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, partition, offset, timestamp(), key(), violations);
  }

  @Override
  public String toString() {
    return "SendResult[topic=" + topic + ", partition=" + partition + ", offset=" + offset
        + ", timestamp=" + timestamp() + ", key=" + key() + ", violations=" + violations + "]";
  }
}
