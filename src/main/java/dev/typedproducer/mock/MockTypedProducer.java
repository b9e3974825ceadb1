package dev.typedproducer.mock;

import dev.typedproducer.DeliveryException;
import dev.typedproducer.EventProducer;
import dev.typedproducer.InvalidConfigException;
import dev.typedproducer.InvalidSchemaException;
import dev.typedproducer.SendResult;
import dev.typedproducer.TypedProducerException;
import dev.typedproducer.internal.config.DurableProducerConfig;
import dev.typedproducer.internal.key.KeyField;
import dev.typedproducer.internal.rules.RuleGate;
import dev.typedproducer.internal.rules.Rules;
import dev.typedproducer.internal.schema.EventRules;
import dev.typedproducer.internal.schema.EventClasses;
import dev.typedproducer.internal.schema.TopicNames;
import dev.typedproducer.internal.send.DeliveryFailures;
import dev.typedproducer.internal.serde.AvroWireSerializer;
import dev.typedproducer.internal.time.EventTime;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;

/**
 * A {@link dev.typedproducer.TypedProducer} stand-in for a service's unit tests, modelled on
 * Kafka's {@code MockProducer}: no broker, no registry. Each event goes through the same checks
 * and the same serializer as in production (the schema's key rules when the mock is built; the key
 * field and every value at {@link #send}), so an event the mock accepts is one production accepts,
 * and {@link SentEvent#value()} holds the very bytes production writes, under a fixed schema id.
 *
 * <pre>{@code
 * MockTypedProducer<UserClick> clicks = MockTypedProducer.of(UserClick.class);
 * new CheckoutService(clicks).buy("user_123");
 * assertThat(clicks.history()).singleElement()
 *     .satisfies(sent -> assertThat(sent.key()).isEqualTo("user_123"));
 * }</pre>
 *
 * <p>By default each send completes at once, as if acknowledged. Built with
 * {@code autoComplete(false)}, sends stay pending until {@link #completeNext()} or
 * {@link #errorNext(Exception)}; {@link #failNext(int, Exception)} fails the next sends either way.
 * A failure given as a Kafka exception reaches the service as production would report it: a
 * {@link DeliveryException} with the same id, key, topic and retriability.
 *
 * <p>Thread-safe. Futures complete outside the mock's lock, in the thread that completes them.
 *
 * @param <T> the event class
 */
public final class MockTypedProducer<T extends SpecificRecord> implements EventProducer<T> {
  /** The schema id the mock's wire format carries unless {@link Builder#schemaId} says. */
  public static final int DEFAULT_SCHEMA_ID = 1;

  private final String description;
  private final String topic;
  private final KeyField keyField;
  private final RuleGate rules; // the data rules: the mock refuses what production refuses
  private final EventTime eventTime;
  private final AvroWireSerializer<T> values;
  private final DeliveryFailures failures;
  private final boolean autoComplete;
  private final int partitions;
  private final Clock clock;

  private final List<SentEvent<T>> history = new ArrayList<>();
  private final Deque<Pending<T>> pending = new ArrayDeque<>();
  private final Deque<Exception> failNext = new ArrayDeque<>();
  private final long[] nextOffsets;
  private boolean closed;
  private int flushes;

  private record Pending<T>(SentEvent<T> sent, CompletableFuture<SendResult> result,
      long offset, Exception failure) {}

  private MockTypedProducer(Builder<T> builder) {
    Schema schema = EventClasses.schemaOf(builder.eventClass);
    String source = "class " + builder.eventClass.getName();
    List<dev.typedproducer.Diagnostic> problems = EventRules.check(schema, source);
    if (!problems.isEmpty()) {
      throw new InvalidSchemaException(problems);
    }
    this.keyField = KeyField.of(schema);
    this.rules = new RuleGate(Rules.of(schema, source, builder.clock), schema.getFullName(), false);
    this.eventTime = EventTime.of(schema);
    this.topic =
        TopicNames.of(schema, builder.topic, "call topic(\"<topic>\") on the mock's builder");
    this.values = new AvroWireSerializer<>(
        builder.schemaId, schema, SpecificData.getForClass(builder.eventClass));
    this.failures = new DeliveryFailures(topic, Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG,
        DurableProducerConfig.DEFAULT_MAX_BLOCK.toMillis()));
    this.autoComplete = builder.autoComplete;
    this.partitions = builder.partitions;
    this.nextOffsets = new long[partitions];
    this.clock = builder.clock;
    this.description = "MockTypedProducer<" + builder.eventClass.getName() + "> for topic " + topic;
  }

  /** A mock of a producer of {@code eventClass} whose sends complete at once. */
  public static <T extends SpecificRecord> MockTypedProducer<T> of(Class<T> eventClass) {
    return builder(eventClass).build();
  }

  /** A builder, for a mock with manual completion, another topic, schema id or clock. */
  public static <T extends SpecificRecord> Builder<T> builder(Class<T> eventClass) {
    return new Builder<>(eventClass);
  }

  @Override
  public String topic() {
    return topic;
  }

  /**
   * Checks and serializes {@code event} as {@link dev.typedproducer.TypedProducer#send} does,
   * records it in {@link #history()}, and completes the future at once, or when a test says so.
   *
   * @throws dev.typedproducer.InvalidEventException as production throws it: a null key field or
   *     a value that does not fit the schema; nothing is recorded
   * @throws IllegalStateException if the mock is closed
   */
  @Override
  public CompletableFuture<SendResult> send(T event) {
    return send(event, new RecordHeaders());
  }

  /**
   * As {@link #send(SpecificRecord)}, with {@code headers}, which are copied into
   * {@link SentEvent#headers()}.
   */
  @Override
  public CompletableFuture<SendResult> send(T event, Headers given) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(given, "headers");
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("Cannot send: " + description + " is closed. Create a"
            + " new producer, or send before closing it.");
      }
    }
    rules.check(event, topic);
    String key = keyField.keyOf(event);
    RecordHeaders headers = new RecordHeaders(given);
    byte[] value = values.serialize(topic, headers, event);
    Long timestamp = eventTime.timestampOf(event);
    headers.setReadOnly();
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    // Kafka's default partitioner for a keyed record: murmur2 of the key bytes.
    int partition = Utils.toPositive(Utils.murmur2(keyBytes)) % partitions;
    SentEvent<T> sent =
        new SentEvent<>(topic, partition, key, event, value, headers,
            timestamp == null ? clock.instant() : Instant.ofEpochMilli(timestamp));
    CompletableFuture<SendResult> result = new CompletableFuture<>();
    Pending<T> entry;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("Cannot send: " + description + " was closed while the"
            + " event was being sent. Create a new producer, or send before closing it.");
      }
      history.add(sent);
      entry = new Pending<>(sent, result, nextOffsets[partition]++, failNext.poll());
      if (!autoComplete) {
        pending.add(entry);
        return result;
      }
    }
    complete(entry, entry.failure());
    return result;
  }

  /**
   * Fails each of the next {@code count} sends with {@code error}: a Kafka exception (such as
   * {@code org.apache.kafka.common.errors.TimeoutException}) becomes the
   * {@link DeliveryException} production would give for it; a {@link TypedProducerException} is
   * used as it is. With manual completion the failure shows when the send is completed.
   */
  public synchronized void failNext(int count, Exception error) {
    Objects.requireNonNull(error, "error");
    if (count < 1) {
      throw new IllegalArgumentException("failNext needs a count of at least 1, was " + count);
    }
    for (int i = 0; i < count; i++) {
      failNext.add(error);
    }
  }

  /**
   * Acknowledges the oldest pending send (or fails it, if {@link #failNext} chose it).
   *
   * @return whether there was a pending send
   */
  public boolean completeNext() {
    Pending<T> next;
    synchronized (this) {
      next = pending.poll();
    }
    if (next == null) {
      return false;
    }
    complete(next, next.failure());
    return true;
  }

  /**
   * Fails the oldest pending send with {@code error}, translated as in {@link #failNext}.
   *
   * @return whether there was a pending send
   */
  public boolean errorNext(Exception error) {
    Objects.requireNonNull(error, "error");
    Pending<T> next;
    synchronized (this) {
      next = pending.poll();
    }
    if (next == null) {
      return false;
    }
    complete(next, error);
    return true;
  }

  private void complete(Pending<T> entry, Exception failure) {
    SentEvent<T> sent = entry.sent();
    if (failure == null) {
      entry.result().complete(new SendResult(sent.topic(), sent.partition(), entry.offset(),
          sent.timestamp(), sent.key()));
    } else {
      entry.result().completeExceptionally(failure instanceof TypedProducerException
          ? failure : failures.of(sent.key(), failure));
    }
  }

  /** Every event accepted so far, in order of sending, whatever became of its delivery. */
  public synchronized List<SentEvent<T>> history() {
    return List.copyOf(history);
  }

  /** The events of {@link #history()}, as sent. */
  public synchronized List<T> events() {
    return history.stream().map(SentEvent::event).toList();
  }

  /** How many sends are waiting for {@link #completeNext()} or {@link #errorNext}. */
  public synchronized int pendingCount() {
    return pending.size();
  }

  /** Forgets the history, keeping pending sends and the offsets reached. */
  public synchronized void clear() {
    history.clear();
  }

  /** Completes every pending send, as a real flush waits for them. */
  @Override
  public void flush() {
    synchronized (this) {
      flushes++;
    }
    while (completeNext()) {
      // each pending send is acknowledged, or fails as failNext said
    }
  }

  /** How often {@link #flush()} was called. */
  public synchronized int flushCount() {
    return flushes;
  }

  /** Completes every pending send, then refuses further sends. */
  @Override
  public void close() {
    close(Duration.ZERO);
  }

  /** As {@link #close()}: the mock delivers what is pending at once, whatever the timeout. */
  @Override
  public void close(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    synchronized (this) {
      closed = true;
    }
    while (completeNext()) {
      // delivered in flight, as TypedProducer.close does
    }
  }

  /** Whether {@link #close()} was called: a service that owns its producer should close it. */
  public synchronized boolean isClosed() {
    return closed;
  }

  @Override
  public String toString() {
    return description;
  }

  /**
   * Configures a {@link MockTypedProducer}.
   *
   * @param <T> the event class
   */
  public static final class Builder<T extends SpecificRecord> {
    private final Class<T> eventClass;
    private String topic;
    private int schemaId = DEFAULT_SCHEMA_ID;
    private boolean autoComplete = true;
    private int partitions = 1;
    private Clock clock = Clock.systemUTC();

    private Builder(Class<T> eventClass) {
      this.eventClass = Objects.requireNonNull(eventClass, "eventClass");
    }

    /** The topic, in place of the schema's {@code "kafka.topic"}. */
    public Builder<T> topic(String topic) {
      this.topic = Objects.requireNonNull(topic, "topic");
      return this;
    }

    /** The schema id in each value; default {@link MockTypedProducer#DEFAULT_SCHEMA_ID}. */
    public Builder<T> schemaId(int schemaId) {
      if (schemaId < 0) {
        throw new IllegalArgumentException("a schema id is not negative, was " + schemaId);
      }
      this.schemaId = schemaId;
      return this;
    }

    /**
     * Whether sends complete at once (default) or wait for
     * {@link MockTypedProducer#completeNext()}, {@link MockTypedProducer#errorNext},
     * {@link MockTypedProducer#flush()} or {@link MockTypedProducer#close()}.
     */
    public Builder<T> autoComplete(boolean autoComplete) {
      this.autoComplete = autoComplete;
      return this;
    }

    /** How many partitions the topic has, for {@link SentEvent#partition()}; default 1. */
    public Builder<T> partitions(int partitions) {
      if (partitions < 1) {
        throw new IllegalArgumentException("a topic has at least 1 partition, was " + partitions);
      }
      this.partitions = partitions;
      return this;
    }

    /** The clock that gives record timestamps; default the system clock (UTC). */
    public Builder<T> clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The mock.
     *
     * @throws InvalidSchemaException if the event class breaks the key or topic rules, as
     *     {@link dev.typedproducer.TypedProducerBuilder#build()} would
     */
    public MockTypedProducer<T> build() {
      return new MockTypedProducer<>(this);
    }
  }
}
