package dev.typedproducer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;

/**
 * What a service needs to send events of one class: {@link TypedProducer} in production,
 * {@link dev.typedproducer.mock.MockTypedProducer} in the service's unit tests. Depend on this
 * type, and inject either.
 *
 * <pre>{@code
 * final class CheckoutService {
 *   private final EventProducer<UserClick> clicks;
 *
 *   CheckoutService(EventProducer<UserClick> clicks) {
 *     this.clicks = clicks;
 *   }
 *
 *   CompletableFuture<SendResult> buy(String userId) {
 *     return clicks.send(UserClick.newBuilder().setUserId(userId).setAction(Action.BUY)
 *         .setPage("/checkout").setOccurredAt(Instant.now()).build());
 *   }
 * }
 * }</pre>
 *
 * @param <T> the event class, generated from a schema in {@code schemas/}
 */
public interface EventProducer<T extends SpecificRecord> extends AutoCloseable {
  /** The topic events are sent to. */
  String topic();

  /**
   * Sends {@code event}, keyed by its key field; see {@link TypedProducer#send} for what is
   * checked, when the future completes and which failures are retriable.
   *
   * @throws InvalidEventException if the event does not fit its schema; nothing is sent
   * @throws IllegalStateException if the producer is closed
   */
  CompletableFuture<SendResult> send(T event);

  /**
   * Sends {@code event} with {@code headers} (trace ids, tenant ids), which are copied.
   *
   * @throws InvalidEventException if the event does not fit its schema; nothing is sent
   * @throws IllegalStateException if the producer is closed
   */
  CompletableFuture<SendResult> send(T event, Headers headers);

  /** Sends whatever is buffered and waits until each of those events is acknowledged or failed. */
  void flush();

  /** Delivers what is in flight, then releases the producer. */
  @Override
  void close();

  /** Delivers what is in flight within {@code timeout}, then releases the producer. */
  void close(Duration timeout);
}
