package dev.typedproducer.mock;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;

/**
 * One event that {@link MockTypedProducer#send} accepted, as the Kafka record a
 * {@link dev.typedproducer.TypedProducer} would have written.
 *
 * @param topic the topic
 * @param partition the partition Kafka's default partitioner picks for the key
 * @param key the record key as a string (its UTF-8 bytes are the Kafka key)
 * @param event the event as sent
 * @param value the record value: the bytes production writes, in Confluent's wire format under
 *     the mock's schema id
 * @param headers the record headers (read-only)
 * @param timestamp the record timestamp: the event time (the field marked
 *     {@code "kafka.timestamp": true}), or else the mock's clock at send
 * @param <T> the event class
 */
public record SentEvent<T>(String topic, int partition, String key, T event, byte[] value,
    Headers headers, Instant timestamp) {

  /** The record key's bytes, as Kafka gets them. */
  public byte[] keyBytes() {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  /** The last value of header {@code name} as UTF-8 text, or {@code null} if there is none. */
  public String header(String name) {
    var header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
