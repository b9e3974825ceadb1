package dev.typedproducer;

/**
 * {@link TypedProducerBuilder#build()} could not confirm that the Kafka cluster can take the
 * events durably: the brokers did not answer within the start-up timeout, the topic does not
 * exist, is not durable enough, or the principal may not use it. The message starts with a stable
 * id ({@link #id()}), names the bootstrap servers and the topic, and says what to do.
 *
 * <pre>{@code
 * catch (BrokerException e) {
 *   if (e.isRetriable()) scheduleRestart(); // [BrokerUnreachable]: the cluster may come back
 *   else throw e;                           // [TopicNotFound], [TopicNotDurable], ...: fix it
 * }
 * }</pre>
 */
public final class BrokerException extends TypedProducerException {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final String bootstrapServers;
  private final String topic;
  private final boolean retriable;

  public BrokerException(String id, String bootstrapServers, String topic, boolean retriable,
      String message, Throwable cause) {
    super("[" + id + "] " + message, cause);
    this.id = id;
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.retriable = retriable;
  }

  /**
   * A stable id: {@code BrokerUnreachable}, {@code TopicNotFound}, {@code TopicNotDurable},
   * {@code TopicNotAuthorized} or {@code BrokerRefused}.
   */
  public String id() {
    return id;
  }

  /** The bootstrap servers that were asked. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The topic concerned. */
  public String topic() {
    return topic;
  }

  /** Whether building again later may succeed without a change (the brokers were unreachable). */
  public boolean isRetriable() {
    return retriable;
  }
}
