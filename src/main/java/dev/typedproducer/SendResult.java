package dev.typedproducer;

import java.time.Instant;

/**
 * Where an event landed: what {@link TypedProducer#send} completes with once the broker has
 * acknowledged the record on every in-sync replica.
 *
 * <pre>{@code
 * clicks.send(click).thenAccept(r ->
 *     log.debug("user {} -> {}-{}@{}", r.key(), r.topic(), r.partition(), r.offset()));
 * }</pre>
 *
 * @param topic the topic written to
 * @param partition the partition the key chose
 * @param offset the record's offset in that partition
 * @param timestamp the record's timestamp
 * @param key the record key as a string (its UTF-8 bytes are the Kafka key)
 */
public record SendResult(String topic, int partition, long offset, Instant timestamp, String key) {}
