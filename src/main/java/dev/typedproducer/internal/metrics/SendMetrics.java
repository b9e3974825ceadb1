package dev.typedproducer.internal.metrics;

/**
 * What the send path reports: events acknowledged (with the time from {@code send} to the
 * acknowledgement) on their topic or on the dead-letter topic, failed after Kafka took them, and
 * refused before Kafka saw them. Implemented
 * without metrics types, so that a producer without Micrometer never loads Micrometer's classes.
 */
public interface SendMetrics extends AutoCloseable {
  /** Counts nothing: the producer's metrics when no registry was given. */
  SendMetrics NONE = new SendMetrics() {
    @Override
    public void acknowledged(long sentAtNanos) {}

    @Override
    public void deadLettered(long sentAtNanos) {}

    @Override
    public void failed(String errorId) {}

    @Override
    public void refused() {}

    @Override
    public void close() {}
  };

  /** An event was acknowledged; {@code sentAtNanos} is {@link System#nanoTime()} at its send. */
  void acknowledged(long sentAtNanos);

  /**
   * An event that broke its schema's data rules was acknowledged on the dead-letter topic;
   * {@code sentAtNanos} as for {@link #acknowledged}.
   */
  void deadLettered(long sentAtNanos);

  /** An event failed after Kafka took it, with the {@code DeliveryException} id. */
  void failed(String errorId);

  /** An event was refused before Kafka saw it (it does not fit its schema or rules). */
  void refused();

  /** Unbinds what was bound to the registry. */
  @Override
  void close();
}
