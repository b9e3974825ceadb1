package dev.typedproducer;

/**
 * An event was handed to Kafka but not acknowledged: what the future returned by
 * {@link TypedProducer#send} fails with. The message names the event's key and topic, what went
 * wrong and whether sending again later makes sense; {@link #getCause()} is Kafka's own exception.
 *
 * <pre>{@code
 * clicks.send(click).whenComplete((result, failure) -> {
 *   if (failure instanceof DeliveryException e && e.isRetriable()) {
 *     retryLater(click); // the cluster was unavailable for delivery.timeout.ms
 *   }
 * });
 * }</pre>
 *
 * <p>A retriable failure (a timeout, a full buffer, too few in-sync replicas) may succeed when
 * sent again later. After a timeout Kafka cannot tell whether the broker stored the event, so a
 * resent event may be stored twice; consumers that must not count it twice deduplicate by an id in
 * the event. A fatal failure (a record too large, a topic the principal may not write, a producer
 * closed before delivery) fails again until the cause is fixed.
 */
public final class DeliveryException extends TypedProducerException {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final String topic;
  private final String key;
  private final boolean retriable;

  public DeliveryException(
      String id, String topic, String key, boolean retriable, String message, Throwable cause) {
    super("[" + id + "] " + message, cause);
    this.id = id;
    this.topic = topic;
    this.key = key;
    this.retriable = retriable;
  }

  /** A stable id for the kind of failure, e.g. {@code DeliveryTimedOut}; see the README. */
  public String id() {
    return id;
  }

  /** The topic the event was sent to. */
  public String topic() {
    return topic;
  }

  /** The event's key, as a string. */
  public String key() {
    return key;
  }

  /** Whether sending the event again later may succeed. */
  public boolean isRetriable() {
    return retriable;
  }
}
