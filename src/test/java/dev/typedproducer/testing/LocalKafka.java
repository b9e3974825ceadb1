package dev.typedproducer.testing;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Kafka cluster (KRaft, one combined broker and controller) running in this JVM, from
 * Kafka's own test kit. Its data directory is deleted on {@link #close()}.
 *
 * <pre>{@code
 * try (LocalKafka kafka = LocalKafka.start()) {
 *   kafka.createTopic("user_clicks", 6);
 *   String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class LocalKafka implements AutoCloseable {
  private final KafkaClusterTestKit cluster;
  private final Admin admin;

  private LocalKafka(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
    this.admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
  }

  /** Starts a one-node cluster and waits until its broker is ready (about 3 seconds). */
  public static LocalKafka start() {
    try {
      // The test kit defaults to the newest metadata version still in testing; run what a
      // released broker runs instead.
      KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
              .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
              .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
          .setConfigProp("offsets.topic.replication.factor", "1")
          .setConfigProp("transaction.state.log.replication.factor", "1")
          .setConfigProp("transaction.state.log.min.isr", "1")
          .setConfigProp("group.initial.rebalance.delay.ms", "0")
          .build();
      formatQuietly(cluster);
      cluster.startup();
      cluster.waitForReadyBrokers();
      return new LocalKafka(cluster);
    } catch (Exception e) {
      throw new IllegalStateException("Could not start the in-process Kafka broker: " + e, e);
    }
  }

  /** Formats the data directory without the lines Kafka's formatter prints to standard out. */
  private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
    PrintStream out = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
    try {
      cluster.format();
    } finally {
      System.setOut(out);
    }
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /** Creates {@code topic} with {@code partitions} partitions, unless it exists. */
  public void createTopic(String topic, int partitions) {
    createTopic(topic, partitions, Map.of());
  }

  /** Creates {@code topic} with {@code partitions} partitions and topic configs, unless it exists. */
  public void createTopic(String topic, int partitions, Map<String, String> configs) {
    try {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs)))
          .all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("Could not create topic " + topic, e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The number of partitions of {@code topic}. */
  public int partitions(String topic) {
    try {
      return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
          .partitions().size();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Could not describe topic " + topic, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    admin.close();
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop the in-process Kafka broker", e);
    }
  }
}
