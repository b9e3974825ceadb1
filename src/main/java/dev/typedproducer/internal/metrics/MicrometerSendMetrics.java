package dev.typedproducer.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;

/**
 * {@link SendMetrics} in a Micrometer registry, tagged by event type ({@code event}, the record's
 * full name) and {@code topic}:
 *
 * <ul>
 *   <li>{@value #SENT}: events acknowledged by every in-sync replica;
 *   <li>{@value #DEAD_LETTERED}: events that broke their schema's data rules, acknowledged on the
 *       dead-letter topic (a producer built with {@code OnRuleViolation.deadLetter()}); not counted
 *       in {@value #SENT}. The tags are the same: {@code topic} is the topic the event was meant
 *       for;
 *   <li>{@value #FAILED}: events that failed after Kafka took them, tagged {@code error} with the
 *       {@code DeliveryException} id (e.g. {@code DeliveryTimedOut});
 *   <li>{@value #REFUSED}: events refused before Kafka saw them ({@code InvalidEventException});
 *   <li>{@value #LATENCY}: a timer from {@code send} to the acknowledgement (dead-lettered events
 *       included).
 * </ul>
 *
 * <p>The Kafka producer's own metrics are bound to the same registry with Micrometer's
 * {@link KafkaClientMetrics} ({@code kafka.producer.*}). Only this class names Micrometer types,
 * and it is loaded only when a registry is given.
 */
public final class MicrometerSendMetrics implements SendMetrics {
  public static final String SENT = "typedproducer.events.sent";
  public static final String DEAD_LETTERED = "typedproducer.events.dead.lettered";
  public static final String FAILED = "typedproducer.events.failed";
  public static final String REFUSED = "typedproducer.events.refused";
  public static final String LATENCY = "typedproducer.send.latency";

  private final MeterRegistry registry;
  private final Tags tags;
  private final Counter sent;
  private final Counter deadLettered;
  private final Counter refused;
  private final Timer latency;
  private final KafkaClientMetrics kafkaMetrics;

  private MicrometerSendMetrics(MeterRegistry registry, Tags tags, Producer<?, ?> producer) {
    this.registry = registry;
    this.tags = tags;
    this.sent = Counter.builder(SENT).tags(tags)
        .description("Events acknowledged by every in-sync replica").register(registry);
    this.deadLettered = Counter.builder(DEAD_LETTERED).tags(tags)
        .description("Events that broke their schema's data rules, sent to the dead-letter topic")
        .register(registry);
    this.refused = Counter.builder(REFUSED).tags(tags)
        .description("Events refused before Kafka saw them: they did not fit their schema")
        .register(registry);
    this.latency = Timer.builder(LATENCY).tags(tags)
        .description("Time from send to the brokers' acknowledgement").register(registry);
    this.kafkaMetrics = new KafkaClientMetrics(producer);
    kafkaMetrics.bindTo(registry);
  }

  /**
   * Binds the metrics of a producer of {@code eventName} events to {@code topic}.
   *
   * @param registry a {@code io.micrometer.core.instrument.MeterRegistry}, typed {@code Object} so
   *     that callers need not load Micrometer's classes
   */
  public static SendMetrics bind(
      Object registry, Producer<?, ?> producer, String eventName, String topic) {
    return new MicrometerSendMetrics(
        (MeterRegistry) registry, Tags.of("event", eventName, "topic", topic), producer);
  }

  @Override
  public void acknowledged(long sentAtNanos) {
    sent.increment();
    latency.record(System.nanoTime() - sentAtNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void deadLettered(long sentAtNanos) {
    deadLettered.increment();
    latency.record(System.nanoTime() - sentAtNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void failed(String errorId) {
    Counter.builder(FAILED).tags(tags).tag("error", errorId)
        .description("Events that failed after Kafka took them, by DeliveryException id")
        .register(registry).increment();
  }

  @Override
  public void refused() {
    refused.increment();
  }

  @Override
  public void close() {
    kafkaMetrics.close();
  }
}
