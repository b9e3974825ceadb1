package dev.typedproducer.internal.broker;

import dev.typedproducer.BrokerException;
import dev.typedproducer.InvalidConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Starts the Kafka producer and, unless told not to, waits until it knows the partitions of the
 * topics it will write, so that the first send need not wait for them.
 */
public final class ProducerStart {
  private ProducerStart() {}

  /**
   * A started producer that knows the partitions of {@code topics} (none: do not wait).
   *
   * @throws InvalidConfigException if Kafka refuses the settings
   * @throws BrokerException {@code [BrokerUnreachable]} if the partitions are not known within
   *     {@code startupTimeout}
   */
  public static Producer<byte[], byte[]> start(
      Map<String, Object> config, List<String> topics, Duration startupTimeout) {
    KafkaProducer<byte[], byte[]> producer;
    try {
      producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    } catch (KafkaException e) {
      throw new InvalidConfigException(null, null, "Kafka refused the producer settings: "
          + e.getMessage() + ". Fix the setting named there.", e);
    }
    long deadline = System.nanoTime() + startupTimeout.toNanos();
    for (String topic : topics) {
      try {
        awaitPartitions(producer, topic, deadline);
      } catch (KafkaException e) {
        producer.close(Duration.ZERO);
        Object servers = config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        throw new BrokerException("BrokerUnreachable", String.valueOf(servers), topic, true,
            "The Kafka cluster at " + servers + " did not give the partitions of topic " + topic
                + " within the start-up timeout of " + startupTimeout.toMillis() + " ms: "
                + e.getMessage() + ". Check that the brokers are up, or raise startupTimeout(...).",
            e);
      }
    }
    return producer;
  }

  /** Each call blocks for at most max.block.ms, which may be 0, so ask again until the deadline. */
  private static void awaitPartitions(Producer<?, ?> producer, String topic, long deadline) {
    while (true) {
      try {
        producer.partitionsFor(topic);
        return;
      } catch (TimeoutException e) {
        if (System.nanoTime() - deadline > 0) {
          throw e;
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new InterruptException(interrupted);
        }
      }
    }
  }
}
