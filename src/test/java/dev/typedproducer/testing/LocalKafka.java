package dev.typedproducer.testing;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;

/**
 * A real Kafka cluster (KRaft, one combined broker and controller) running in this JVM, from
 * Kafka's own test kit. Its data directory is deleted on {@link #close()}. Under the
 * Testcontainers profile {@link RealServices} gives one whose broker runs in a container instead
 * ({@link #external}).
 *
 * <pre>{@code
 * try (LocalKafka kafka = LocalKafka.start()) {
 *   kafka.createTopic("user_clicks", 6);
 *   String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class LocalKafka implements AutoCloseable {
  private final String bootstrapServers;
  private final AutoCloseable broker;
  private final Admin admin;

  private LocalKafka(String bootstrapServers, AutoCloseable broker) {
    this.bootstrapServers = bootstrapServers;
    this.broker = broker;
    this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
  }

  /** Starts a one-node cluster and waits until its broker is ready (about 3 seconds). */
  public static LocalKafka start() {
    KafkaClusterTestKit cluster = TestKitStart.oneNode(Map.of());
    return new LocalKafka(cluster.bootstrapServers(), cluster);
  }

  /** A one-node cluster started elsewhere (a container); {@link #close()} closes {@code broker}. */
  static LocalKafka external(String bootstrapServers, AutoCloseable broker) {
    return new LocalKafka(bootstrapServers, broker);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Creates {@code topic} with {@code partitions} partitions, unless it exists. */
  public void createTopic(String topic, int partitions) {
    createTopic(topic, partitions, Map.of());
  }

  /** Creates {@code topic} with {@code partitions} partitions and topic configs, unless it exists. */
  public void createTopic(String topic, int partitions, Map<String, String> configs) {
    TestKitStart.createTopic(admin, new NewTopic(topic, partitions, (short) 1).configs(configs));
  }

  /** The number of partitions of {@code topic}. */
  public int partitions(String topic) {
    return TestKitStart.await(admin.describeTopics(List.of(topic)).allTopicNames(),
        "describe topic " + topic).get(topic).partitions().size();
  }

  @Override
  public void close() {
    admin.close();
    try {
      broker.close();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop the Kafka broker at " + bootstrapServers, e);
    }
  }
}
