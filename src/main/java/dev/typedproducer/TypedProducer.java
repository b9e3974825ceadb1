package dev.typedproducer;

import dev.typedproducer.internal.key.KeyField;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Sends typed, schema-checked events of one event class to Kafka.
 *
 * <p>The record key is taken from the field that the event's schema marks {@code "kafka.key":
 * true}; the value is written in Confluent's wire format under the id the schema registry gave the
 * schema; every record is written with {@code acks=all} and idempotence, which no setting can
 * weaken.
 *
 * <pre>{@code
 * try (TypedProducer<UserClick> clicks = TypedProducer.builder(UserClick.class)
 *     .bootstrapServers("localhost:9092")
 *     .schemaRegistryUrl("http://localhost:8081")
 *     .build()) {
 *   clicks.send(UserClick.newBuilder()
 *       .setUserId("user_123").setAction(Action.BUY).setPage("/checkout")
 *       .setOccurredAt(Instant.now())
 *       .build());
 * }
 * }</pre>
 *
 * <p>TypedProducers are thread-safe and should be shared: create one per event class and
 * application, not one per request. Each holds a Kafka producer with its own connections, buffer
 * and I/O thread. Close it when the application stops, so that what is in flight is delivered.
 *
 * @param <T> the event class, generated from a schema in {@code schemas/}
 */
public final class TypedProducer<T extends SpecificRecord> implements AutoCloseable {
  private final Producer<byte[], T> producer;
  private final String topic;
  private final KeyField keyField;
  private final String description;
  private final AtomicBoolean closed = new AtomicBoolean();

  TypedProducer(Producer<byte[], T> producer, String topic, KeyField keyField, String eventClass) {
    this.producer = producer;
    this.topic = topic;
    this.keyField = keyField;
    this.description = "TypedProducer<" + eventClass + "> for topic " + topic;
  }

  /** A builder for a producer of {@code eventClass}, a class generated from an Avro schema. */
  public static <T extends SpecificRecord> TypedProducerBuilder<T> builder(Class<T> eventClass) {
    return new TypedProducerBuilder<>(eventClass);
  }

  /** The topic this producer writes to. */
  public String topic() {
    return topic;
  }

  /**
   * Sends {@code event} to {@link #topic()}, keyed by its key field.
   *
   * <p>The returned future completes once every in-sync replica has the record, or exceptionally
   * with Kafka's exception when delivery fails within {@code delivery.timeout.ms} (for example
   * {@link org.apache.kafka.common.errors.TimeoutException}); Kafka has already retried what could
   * be retried by then. Dependent stages that are not {@code *Async} run on the producer's I/O
   * thread: keep them short, and never block there on another send.
   *
   * <p>Like {@link KafkaProducer#send}, this may block for up to {@code max.block.ms} when the
   * buffer is full or the topic's metadata is not known yet.
   *
   * @throws InvalidEventException if the key field is null; nothing is sent
   * @throws org.apache.kafka.common.errors.SerializationException if a value cannot be written
   *     (for example a decimal with more digits than the schema's scale); nothing is sent
   * @throws IllegalStateException if this producer is closed
   */
  public CompletableFuture<SendResult> send(T event) {
    Objects.requireNonNull(event, "event");
    if (closed.get()) {
      throw new IllegalStateException("Cannot send: " + description + " is closed. Create a new"
          + " TypedProducer, or send before closing it.");
    }
    String key = keyField.keyOf(event);
    CompletableFuture<SendResult> result = new CompletableFuture<>();
    producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), event),
        (metadata, exception) -> {
          if (exception != null) {
            result.completeExceptionally(exception);
          } else {
            result.complete(new SendResult(metadata.topic(), metadata.partition(),
                metadata.offset(), Instant.ofEpochMilli(metadata.timestamp()), key));
          }
        });
    return result;
  }

  /**
   * The Kafka producer's metrics (send rates, errors, retries, buffer use, request latency), to
   * register with your monitoring as for any Kafka producer.
   */
  public Map<MetricName, ? extends Metric> metrics() {
    return producer.metrics();
  }

  /**
   * Sends whatever is buffered and waits until each of those records is acknowledged or has
   * failed (their futures tell which).
   */
  public void flush() {
    producer.flush();
  }

  /** Delivers what is in flight, waiting as long as that takes, then releases the producer. */
  @Override
  public void close() {
    closed.set(true);
    producer.close();
  }

  /**
   * Delivers what is in flight within {@code timeout}, then releases the producer; records not
   * delivered by then fail their futures.
   */
  public void close(Duration timeout) {
    closed.set(true);
    producer.close(timeout);
  }

  @Override
  public String toString() {
    return description;
  }
}
