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
 * What {@link LocalKafka}, {@link SecuredLocalKafka} and {@link LocalKafkaCluster} share: start-up
 * of Kafka's test kit, topic creation, admin calls and shutdown.
 */
final class TestKitStart {
  private TestKitStart() {}

  /**
   * Formats, starts and waits for a KRaft cluster of Kafka's test kit: one combined node, or one
   * controller and {@code brokers} separate brokers, with {@code configs} on every node.
   */
  static KafkaClusterTestKit start(boolean combined, int brokers, Map<String, String> configs) {
    try {
      // The test kit defaults to the newest metadata version still in testing; run what a
      // released broker runs instead.
      TestKitNodes nodes = new TestKitNodes.Builder()
          .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
          .setCombined(combined).setNumBrokerNodes(brokers).setNumControllerNodes(1).build();
      KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
      configs.forEach(builder::setConfigProp);
      builder.setConfigProp("group.initial.rebalance.delay.ms", "0");
      KafkaClusterTestKit cluster = builder.build();
      formatQuietly(cluster);
      cluster.startup();
      cluster.waitForReadyBrokers();
      return cluster;
    } catch (Exception e) {
      throw new IllegalStateException("Could not start the in-process Kafka cluster ("
          + brokers + " broker(s)): " + e, e);
    }
  }

  /**
   * Starts a one-node cluster (one combined broker and controller) with {@code configs} on top of
   * the settings a single node needs.
   */
  static KafkaClusterTestKit oneNode(Map<String, String> configs) {
    Map<String, String> all = new java.util.HashMap<>(Map.of(
        "offsets.topic.replication.factor", "1",
        "transaction.state.log.replication.factor", "1",
        "transaction.state.log.min.isr", "1"));
    all.putAll(configs);
    return start(true, 1, all);
  }

  /** Closes {@code admin}, then stops {@code cluster} and deletes its data directories. */
  static void close(Admin admin, KafkaClusterTestKit cluster) {
    admin.close();
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop the in-process Kafka cluster", e);
    }
  }

  /** Formats the data directories without the lines Kafka's formatter prints to standard out. */
  private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
    PrintStream out = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
    try {
      cluster.format();
    } finally {
      System.setOut(out);
    }
  }

  /** Creates {@code topic}, unless a topic of that name exists. */
  static void createTopic(Admin admin, NewTopic topic) {
    try {
      admin.createTopics(List.of(topic)).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("Could not create topic " + topic.name(), e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The value of an admin call, with {@code what} named if it fails. */
  static <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Could not " + what, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
