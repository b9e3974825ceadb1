package dev.typedproducer.internal.send;

import static org.apache.kafka.clients.producer.ProducerConfig.BUFFER_MEMORY_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.MAX_BLOCK_MS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.MAX_REQUEST_SIZE_CONFIG;

import dev.typedproducer.DeliveryException;
import java.util.Map;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/**
 * Turns the exception Kafka fails a send with into a {@link DeliveryException} that names the
 * event's key and topic, explains the failure with the producer's own limits, and says whether
 * sending again later makes sense.
 */
public final class DeliveryFailures {
  private static final int MAX_KEY_CHARS = 200;

  private final String topic;
  private final long maxBlockMs;
  private final long deliveryTimeoutMs;
  private final long bufferMemory;
  private final long maxRequestSize;

  /** For a producer of {@code topic} running with {@code config}. */
  public DeliveryFailures(String topic, Map<String, Object> config) {
    this.topic = topic;
    this.maxBlockMs = number(config, MAX_BLOCK_MS_CONFIG, 60_000);
    this.deliveryTimeoutMs = number(config, DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    this.bufferMemory = number(config, BUFFER_MEMORY_CONFIG, 32L * 1024 * 1024);
    this.maxRequestSize = number(config, MAX_REQUEST_SIZE_CONFIG, 1024 * 1024);
  }

  /** The failure of the event keyed {@code key}, caused by {@code cause}. */
  public DeliveryException of(String key, Exception cause) {
    String event = "Event with key \"" + shorten(key) + "\" was not delivered to topic " + topic
        + ": ";
    String kafka = " (Kafka: " + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
    if (cause instanceof BufferExhaustedException) {
      return failure("BufferFull", key, true, event + "the producer's buffer (buffer.memory="
          + bufferMemory + " bytes) stayed full for max.block.ms=" + maxBlockMs + " ms: the"
          + " brokers are unreachable or slower than the events arrive. Nothing was sent. Send"
          + " again later, slow down, or raise buffer.memory." + kafka, cause);
    }
    if (cause instanceof TimeoutException && String.valueOf(cause.getMessage())
        .contains("not present in metadata")) {
      return failure("MetadataTimedOut", key, true, event + "the brokers did not say within"
          + " max.block.ms=" + maxBlockMs + " ms where its partitions are: they are unreachable,"
          + " or the topic was deleted. Nothing was sent. Send again once the cluster is back." + kafka,
          cause);
    }
    if (cause instanceof TimeoutException) {
      return failure("DeliveryTimedOut", key, true, event + "it was not acknowledged within"
          + " delivery.timeout.ms=" + deliveryTimeoutMs + " ms, because its partition had no"
          + " leader or fewer in-sync replicas than min.insync.replicas for that long (brokers"
          + " down or unreachable). Send it again later; Kafka cannot tell whether a broker stored"
          + " it, so the topic may then hold it twice." + kafka, cause);
    }
    if (cause instanceof RecordTooLargeException) {
      return failure("RecordTooLarge", key, false, event + "it is larger than the producer's"
          + " max.request.size=" + maxRequestSize + " bytes or the topic's max.message.bytes."
          + " Make the event smaller, or raise both limits together." + kafka, cause);
    }
    if (cause instanceof TopicAuthorizationException) {
      return failure("TopicNotAuthorized", key, false, event + "the producer's principal may"
          + " not write it. Grant WRITE and DESCRIBE on topic " + topic + "." + kafka, cause);
    }
    if (cause instanceof AuthorizationException) {
      return failure("NotAuthorized", key, false, event + "the producer's principal is not"
          + " authorized: " + cause.getMessage() + ". Grant the ACL named there (an idempotent"
          + " producer on brokers before 2.8 needs IDEMPOTENT_WRITE on the cluster)." + kafka, cause);
    }
    if (String.valueOf(cause.getMessage()).contains("closed forcefully")) {
      return failure("ProducerClosed", key, true, event + "the producer was closed before the"
          + " brokers acknowledged it (close(timeout) ran out). It may or may not be stored; send it"
          + " again with another producer." + kafka, cause);
    }
    boolean retriable = cause instanceof RetriableException;
    return failure("DeliveryFailed", key, retriable, event + cause.getMessage() + ". "
        + (retriable ? "Kafka stopped retrying within delivery.timeout.ms; sending again later may"
            + " succeed." : "This failure is not retriable; fix its cause before sending again.")
        + kafka, cause);
  }

  /**
   * Kafka's {@link InterruptException} for a send whose thread was interrupted while it waited,
   * with a message that says so: Kafka's own says only "java.lang.InterruptedException".
   */
  public InterruptException interrupted(String key, InterruptException e) {
    InterruptedException cause = e.getCause() instanceof InterruptedException i
        ? i : new InterruptedException(e.getMessage());
    return new InterruptException("Interrupted while sending the event with key \"" + shorten(key)
        + "\" to topic " + topic + ": send was waiting (for at most max.block.ms=" + maxBlockMs
        + " ms) for room in the producer's buffer or for the topic's partitions. Nothing was"
        + " sent, and the thread's interrupt status stays set. Send the event again unless the"
        + " thread is being stopped.", cause);
  }

  private DeliveryException failure(
      String id, String key, boolean retriable, String message, Exception cause) {
    return new DeliveryException(id, topic, key, retriable, message, cause);
  }

  private static String shorten(String key) {
    return key.length() <= MAX_KEY_CHARS ? key : key.substring(0, MAX_KEY_CHARS) + "...";
  }

  private static long number(Map<String, Object> config, String name, long fallback) {
    Object value = config.get(name);
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return value == null ? fallback : Long.parseLong(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
