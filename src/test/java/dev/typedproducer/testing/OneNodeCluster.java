package dev.typedproducer.testing;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * What {@link LocalKafka} and {@link SecuredLocalKafka} share: a one-node cluster (one combined
 * broker and controller, KRaft) from Kafka's test kit, and the admin calls they both make.
 */
final class OneNodeCluster {
  private OneNodeCluster() {}

  /**
   * Starts a one-node cluster with {@code config} on top of the settings a single node needs,
   * and waits until its broker is ready.
   */
  static KafkaClusterTestKit start(Map<String, String> config) {
    try {
      // The test kit defaults to the newest metadata version still in testing; run what a
      // released broker runs instead.
      TestKitNodes nodes = new TestKitNodes.Builder()
          .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
          .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build();
      KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
          .setConfigProp("offsets.topic.replication.factor", "1")
          .setConfigProp("transaction.state.log.replication.factor", "1")
          .setConfigProp("transaction.state.log.min.isr", "1")
          .setConfigProp("group.initial.rebalance.delay.ms", "0");
      config.forEach(builder::setConfigProp);
      KafkaClusterTestKit cluster = builder.build();
      formatQuietly(cluster);
      cluster.startup();
      cluster.waitForReadyBrokers();
      return cluster;
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

  /** Creates {@code topic} with {@code partitions} partitions, unless it exists. */
  static void createTopic(Admin admin, String topic, int partitions) {
    createTopic(admin, topic, partitions, Map.of());
  }

  static void createTopic(Admin admin, String topic, int partitions, Map<String, String> configs) {
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

  /** The result of an admin call; {@code failure} and the cause if it failed. */
  static <T> T await(KafkaFuture<T> result, String failure) {
    try {
      return result.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(failure, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Closes {@code admin}, then stops {@code cluster} and deletes its data directory. */
  static void close(Admin admin, KafkaClusterTestKit cluster) {
    admin.close();
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop the in-process Kafka broker", e);
    }
  }
}
