package dev.typedproducer.testing;

import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;

/**
 * A real multi-broker Kafka cluster (KRaft: one controller and separate brokers) running in this
 * JVM, from Kafka's own test kit, for tests that stop and restart brokers. Topics replicate to
 * three brokers and need two in sync by default, as a production cluster would be set up. Its
 * data directories are deleted on {@link #close()}.
 *
 * <pre>{@code
 * try (LocalKafkaCluster kafka = LocalKafkaCluster.start(3)) {
 *   kafka.createTopic("user_clicks", 6, 3, Map.of("min.insync.replicas", "2"));
 *   kafka.stopBroker(0);
 *   kafka.startBroker(0);
 * }
 * }</pre>
 */
public final class LocalKafkaCluster implements AutoCloseable {
  private final KafkaClusterTestKit cluster;
  // Taken once: a stopped broker has no bound port, and a restarted one binds the same port.
  private final String bootstrapServers;
  private final Admin admin;

  private LocalKafkaCluster(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
    this.bootstrapServers = cluster.bootstrapServers();
    this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
  }

  /**
   * Starts one controller and {@code brokers} brokers and waits until every broker is ready
   * (about 5 seconds for three). Offsets, transaction state and new topics get replication
   * factor 3 and {@code min.insync.replicas=2}, or what fewer brokers allow.
   */
  public static LocalKafkaCluster start(int brokers) {
    String replicas = Integer.toString(Math.min(3, brokers));
    String minInSync = Integer.toString(Math.min(2, brokers));
    return new LocalKafkaCluster(TestKitStart.start(false, brokers, Map.of(
        "offsets.topic.replication.factor", replicas,
        "transaction.state.log.replication.factor", replicas,
        "transaction.state.log.min.isr", minInSync,
        "default.replication.factor", replicas,
        "min.insync.replicas", minInSync)));
  }

  /** Every broker's address, stopped ones included, as a client's {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The ids of the brokers, running or stopped. */
  public SortedSet<Integer> brokerIds() {
    return new TreeSet<>(cluster.brokers().keySet());
  }

  /**
   * Creates {@code topic} with {@code partitions} partitions on {@code replicationFactor}
   * brokers and the given topic {@code configs}, unless it exists.
   */
  public void createTopic(String topic, int partitions, int replicationFactor,
      Map<String, String> configs) {
    TestKitStart.createTopic(admin, new NewTopic(topic, Optional.of(partitions),
        Optional.of((short) replicationFactor)).configs(configs));
  }

  /**
   * Stops broker {@code id} the way an operator's restart does (controlled shutdown: the
   * controller moves its leaderships first) and returns once it has stopped.
   */
  public void stopBroker(int id) {
    BrokerServer broker = broker(id);
    broker.shutdown();
    broker.awaitShutdown();
  }

  /**
   * Starts the stopped broker {@code id} again and waits until the controller lists it among the
   * live brokers (other brokers may still be stopped).
   */
  public void startBroker(int id) {
    broker(id).startup();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (TestKitStart.await(admin.describeCluster().nodes(), "describe the cluster").stream()
        .noneMatch(node -> node.id() == id)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Broker " + id + " did not rejoin the cluster in 60 s");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** An admin client of this cluster, closed with it. */
  public Admin admin() {
    return admin;
  }

  private BrokerServer broker(int id) {
    BrokerServer broker = cluster.brokers().get(id);
    if (broker == null) {
      throw new IllegalArgumentException("No broker " + id + " in this cluster; its brokers are "
          + brokerIds());
    }
    return broker;
  }

  @Override
  public void close() {
    TestKitStart.close(admin, cluster);
  }
}
