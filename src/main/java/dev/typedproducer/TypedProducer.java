package dev.typedproducer;

import dev.typedproducer.internal.key.KeyField;
import dev.typedproducer.internal.metrics.SendMetrics;
import dev.typedproducer.internal.send.DeliveryFailures;
import dev.typedproducer.internal.serde.AvroWireSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;

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
 * and I/O thread. Close it when the application stops, with {@link #close(Duration)} from the
 * code that stops the application (no JVM shutdown hook is installed behind your back): every
 * future is then complete, delivered or failed, before {@code close} returns.
 *
 * @param <T> the event class, generated from a schema in {@code schemas/}
 */
public final class TypedProducer<T extends SpecificRecord> implements EventProducer<T> {
  private final Producer<byte[], byte[]> producer;
  private final Serializer<? super T> values;
  private final String topic;
  private final SendPath path;
  private final List<Diagnostic> warnings;
  private final String description;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** A serializer passed to the builder may add headers; the built-in one never does. */
  private final boolean pluggedValues;
  /**
   * The built-in serializer when it checks the data rules as it writes (one pass over the event);
   * null when another serializer writes, and the rules are checked before it.
   */
  private final AvroWireSerializer<T> checking;

  @SuppressWarnings("unchecked")
  TypedProducer(Producer<byte[], byte[]> producer, Serializer<? super T> values, String topic,
      String eventClass, SendPath path, List<Diagnostic> warnings) {
    this.producer = producer;
    this.values = values;
    this.pluggedValues = !(values instanceof AvroWireSerializer);
    this.checking = values instanceof AvroWireSerializer<?> builtIn
        && builtIn.rules() == path.rules().rules() ? (AvroWireSerializer<T>) builtIn : null;
    this.topic = topic;
    this.path = path;
    this.warnings = List.copyOf(warnings);
    this.description = "TypedProducer<" + eventClass + "> for topic " + topic;
  }

  /** A builder for a producer of {@code eventClass}, a class generated from an Avro schema. */
  public static <T extends SpecificRecord> TypedProducerBuilder<T> builder(Class<T> eventClass) {
    return new TypedProducerBuilder<>(eventClass);
  }

  /** The topic this producer writes to. */
  @Override
  public String topic() {
    return topic;
  }

  /**
   * What {@link TypedProducerBuilder#build()} found worth a warning but not a refusal, for
   * example a topic with one replica on a development cluster. Also logged at start-up.
   */
  public List<Diagnostic> warnings() {
    return warnings;
  }

  /**
   * Sends {@code event} to {@link #topic()}, keyed by its key field. The record timestamp is the
   * value of the field the schema marks {@code "kafka.timestamp": true} (event time), or, where
   * there is none or it is null, the producer's clock at send.
   *
   * <p>The event is checked (its schema's data rules, its key) and serialized in the calling
   * thread before Kafka sees it, so a bad event fails at once whatever the brokers' state. A
   * producer built with {@link OnRuleViolation#deadLetter()} sends an event that breaks data rules
   * to the dead-letter topic instead, and the future completes with
   * {@link SendResult#deadLettered()} true. The returned future completes once every
   * in-sync replica has the record, or fails with a {@link DeliveryException} that names the key
   * and topic and says whether sending again later makes sense; Kafka has already retried what
   * could be retried within {@code delivery.timeout.ms} by then. Dependent stages that are not
   * {@code *Async} run on the producer's I/O thread: keep them short, and never block there on
   * another send.
   *
   * <p>The call blocks for at most {@code max.block.ms} (10 s unless
   * {@link TypedProducerBuilder#maxBlock} says otherwise): while the buffer is full, or while
   * the topic's partitions are not known (which {@code build()} already asked for). Past that,
   * the future fails with {@link DeliveryException} {@code [BufferFull]} or
   * {@code [MetadataTimedOut]}.
   *
   * @throws InvalidEventException if the event breaks data rules of its schema (unless they go to
   *     a dead-letter topic; {@link InvalidEventException#violations()} lists each), its key field
   *     is null, or a value does not fit the schema; nothing is sent (fatal for this event)
   * @throws IllegalStateException if this producer is closed, or is closed while this call runs
   * @throws InterruptException if the calling thread is interrupted while the call blocks; the
   *     event was not sent and the thread's interrupt status stays set
   * @throws org.apache.kafka.common.errors.SerializationException if a serializer passed to
   *     {@link TypedProducerBuilder#valueSerializer} fails; nothing is sent
   */
  @Override
  public CompletableFuture<SendResult> send(T event) {
    return checkedSend(event, null);
  }

  /**
   * Sends {@code event} with {@code headers} (trace ids, tenant ids), as
   * {@link #send(SpecificRecord)} does.
   * The headers are copied: the caller may reuse them. A value serializer may add its own after
   * them.
   */
  @Override
  public CompletableFuture<SendResult> send(T event, Headers headers) {
    Objects.requireNonNull(headers, "headers");
    return checkedSend(event, new RecordHeaders(headers));
  }

  /** {@code headers}: the record's own, or null while it has none. */
  private CompletableFuture<SendResult> checkedSend(T event, Headers headers) {
    Objects.requireNonNull(event, "event");
    if (closed.get()) {
      throw closedException(null);
    }
    // The send's time serves only the metrics: without them, no clock is read.
    long sentAt = path.metrics() == SendMetrics.NONE ? 0L : System.nanoTime();
    try {
      return encodeAndSend(event, headers, sentAt);
    } catch (InvalidEventException | SerializationException e) {
      path.metrics().refused();
      throw e;
    }
  }

  private CompletableFuture<SendResult> encodeAndSend(T event, Headers given, long sentAt) {
    Object key = path.keyField().valueOf(event);
    // The built-in serializer checks the rules as it writes: null when the event breaks one, and
    // only then are the violations named (or, with another serializer, first of all).
    byte[] value = checking == null ? null : checking.serializeKeepingRules(topic, event);
    List<RuleViolation> violations = value != null ? List.of() : path.rules().check(event, topic);
    // The built-in serializer adds no headers: with none given and no dead-letter headers to add,
    // no headers object is made, copied and sent.
    Headers headers = given == null && (pluggedValues || !violations.isEmpty())
        ? new RecordHeaders() : given;
    if (value == null) {
      value = headers == null ? values.serialize(topic, event)
          : values.serialize(topic, headers, event);
    }
    String target = violations.isEmpty() ? topic
        : path.deadLetters().route(headers, value, violations);
    DeliveryFailures failures = violations.isEmpty() ? path.failures()
        : path.deadLetters().failures();
    Long timestamp = path.eventTime().timestampOf(event);
    Delivery delivery = new Delivery(key, failures, violations, sentAt);
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
        target, null, timestamp, KeyField.bytes(key), value, headers);
    try {
      producer.send(record, delivery);
    } catch (InterruptException e) {
      throw failures.interrupted(key.toString(), e);
    } catch (IllegalStateException | KafkaException e) {
      if (closed.get()) {
        throw closedException(e);
      }
      delivery.fail(failures.of(key.toString(), e));
    }
    return delivery;
  }

  /**
   * What a send returns, and the callback Kafka completes it through: one object per send. The
   * {@link SendResult} it completes with makes the key's text (a uuid's {@code toString()}) and
   * the timestamp's {@code Instant} only when asked: the producer's I/O thread, which runs this
   * for every acknowledgement, is spared them.
   */
  private final class Delivery extends CompletableFuture<SendResult> implements Callback {
    private final Object key;
    private final DeliveryFailures failures;
    private final List<RuleViolation> violations;
    private final long sentAt;

    Delivery(Object key, DeliveryFailures failures, List<RuleViolation> violations, long sentAt) {
      this.key = key;
      this.failures = failures;
      this.violations = violations;
      this.sentAt = sentAt;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
      if (exception != null) {
        fail(failures.of(key.toString(), exception));
      } else {
        if (violations.isEmpty()) {
          path.metrics().acknowledged(sentAt);
        } else {
          path.metrics().deadLettered(sentAt);
        }
        complete(new SendResult(metadata.topic(), metadata.partition(), metadata.offset(),
            metadata.timestamp(), key, violations));
      }
    }

    void fail(DeliveryException failure) {
      path.metrics().failed(failure.id());
      completeExceptionally(failure);
    }
  }

  private IllegalStateException closedException(Exception cause) {
    return new IllegalStateException("Cannot send: " + description + " is closed. Create a new"
        + " TypedProducer, or send before closing it.", cause);
  }

  /**
   * The Kafka producer's metrics (send rates, errors, retries, buffer use, request latency), to
   * register with your monitoring as for any Kafka producer. With Micrometer, pass the registry
   * to {@link TypedProducerBuilder#meterRegistry} instead: it binds these and counts events.
   */
  public Map<MetricName, ? extends Metric> metrics() {
    return producer.metrics();
  }

  /**
   * Sends whatever is buffered and waits until each of those records is acknowledged or has
   * failed (their futures tell which).
   */
  @Override
  public void flush() {
    producer.flush();
  }

  /**
   * Delivers what is in flight, waiting as long as that takes (up to {@code delivery.timeout.ms}
   * for each event), then releases the producer. Same as {@link #close(Duration)} with no limit.
   */
  @Override
  public void close() {
    close(Duration.ofMillis(Long.MAX_VALUE));
  }

  /**
   * Stops taking events, delivers what is in flight within {@code timeout}, then releases the
   * producer. Every future returned by {@link #send} is complete when this returns: those not
   * delivered in time fail with {@link DeliveryException} {@code [ProducerClosed]}. Sends racing
   * with this call either get in (and complete like the others) or throw
   * {@link IllegalStateException}. Calling it again does nothing more.
   */
  @Override
  public void close(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    boolean first = closed.compareAndSet(false, true);
    producer.close(timeout);
    if (first) {
      values.close();
      path.metrics().close();
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
