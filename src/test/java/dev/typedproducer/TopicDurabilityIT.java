package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.events.UserClick;
import dev.typedproducer.testing.LocalKafka;
import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.ProducerLeakCheck;
import dev.typedproducer.testing.RealServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What build() finds out about the topic on a real one-broker (development) cluster: a weak topic
 * is a warning there, a refusal when asked; a missing topic is an error unless creation was asked
 * for. The refusal by default on a 3-broker cluster is in {@code MultiBrokerDurabilityIT}.
 */
@ExtendWith({RealServices.class, ProducerLeakCheck.class})
class TopicDurabilityIT {

  private static TypedProducerBuilder<UserClick> clicks(
      LocalKafka kafka, LocalSchemaRegistry registry, String topic) {
    return TypedProducer.builder(UserClick.class).topic(topic)
        .bootstrapServers(kafka.bootstrapServers()).schemaRegistryUrl(registry.url())
        .autoRegisterSchema(true);
  }

  @Test
  void warnsAboutAReplicationFactorOfOneOnADevelopmentCluster(
      LocalKafka kafka, LocalSchemaRegistry registry) {
    kafka.createTopic("dev_clicks", 3);

    try (TypedProducer<UserClick> producer = clicks(kafka, registry, "dev_clicks").build()) {
      assertThat(producer.warnings()).singleElement().satisfies(warning -> {
        assertThat(warning.id()).isEqualTo("TopicNotDurable");
        assertThat(warning.problem())
            .contains("topic dev_clicks can lose acknowledged events")
            .contains("replication factor 1 (at least 3 needed")
            .contains("min.insync.replicas=1 (at least 2 needed")
            .contains("tolerated: a development cluster of 1 broker(s)");
        assertThat(warning.fix()).contains("kafka-configs.sh --bootstrap-server "
            + kafka.bootstrapServers() + " --alter --entity-type topics --entity-name dev_clicks"
            + " --add-config min.insync.replicas=2,unclean.leader.election.enable=false");
      });
    }
  }

  @Test
  void refusesAWeakTopicWhenToldToEvenOnADevelopmentCluster(
      LocalKafka kafka, LocalSchemaRegistry registry) {
    kafka.createTopic("weak_clicks", 1);

    assertThatThrownBy(() -> clicks(kafka, registry, "weak_clicks")
        .topicDurability(TopicDurability.refuse()).build())
        .isInstanceOfSatisfying(BrokerException.class, e -> {
          assertThat(e.id()).isEqualTo("TopicNotDurable");
          assertThat(e.topic()).isEqualTo("weak_clicks");
          assertThat(e.isRetriable()).isFalse();
        })
        .hasMessageStartingWith("[TopicNotDurable] Topic weak_clicks can lose acknowledged"
            + " events: replication factor 1")
        .hasMessageContaining("kafka-reassign-partitions.sh")
        .hasMessageContaining("topicDurability(TopicDurability.warn())");
  }

  @Test
  void refusesUncleanLeaderElectionAndExplainsWhy(LocalKafka kafka, LocalSchemaRegistry registry) {
    kafka.createTopic("unclean_clicks", 1, Map.of("unclean.leader.election.enable", "true"));

    assertThatThrownBy(() -> clicks(kafka, registry, "unclean_clicks")
        .topicDurability(TopicDurability.refuse().withMinReplicationFactor(1)
            .withMinInSyncReplicas(1)).build())
        .isInstanceOf(BrokerException.class)
        .hasMessageContaining("unclean.leader.election.enable=true (a replica that missed"
            + " acknowledged events may become leader and drop them)")
        .hasMessageNotContaining("replication factor 1 (");
  }

  @Test
  void refusesATopicThatCanNeverAcceptAnAcksAllWrite(
      LocalKafka kafka, LocalSchemaRegistry registry) {
    kafka.createTopic("unwritable_clicks", 1, Map.of("min.insync.replicas", "2"));

    assertThatThrownBy(() -> clicks(kafka, registry, "unwritable_clicks").build())
        .isInstanceOfSatisfying(BrokerException.class,
            e -> assertThat(e.id()).isEqualTo("TopicNotWritable"))
        .hasMessageContaining("min.insync.replicas=2 but only 1 replica(s)");
  }

  @Test
  void skipsTheDurabilityCheckWhenToldTo(LocalKafka kafka, LocalSchemaRegistry registry) {
    kafka.createTopic("skipped_clicks", 1);

    try (TypedProducer<UserClick> producer = clicks(kafka, registry, "skipped_clicks")
        .topicDurability(TopicDurability.skip()).build()) {
      assertThat(producer.warnings()).isEmpty();
    }
  }

  @Test
  void failsOnAMissingTopicNamingItAndHowToCreateIt(
      LocalKafka kafka, LocalSchemaRegistry registry) {
    assertThatThrownBy(() -> clicks(kafka, registry, "no_such_topic").build())
        .isInstanceOfSatisfying(BrokerException.class, e -> {
          assertThat(e.id()).isEqualTo("TopicNotFound");
          assertThat(e.isRetriable()).isFalse();
        })
        .hasMessageStartingWith("[TopicNotFound] Topic no_such_topic does not exist on the"
            + " cluster at " + kafka.bootstrapServers())
        .hasMessageContaining("kafka-topics.sh")
        .hasMessageContaining("createTopicIfMissing(partitions)");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      assertThat(admin.listTopics().names().get()).doesNotContain("no_such_topic");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void createsAMissingTopicWhenAskedWithTheSafestSettingsTheClusterAllows(
      LocalKafka kafka, LocalSchemaRegistry registry) throws Exception {
    try (TypedProducer<UserClick> producer = clicks(kafka, registry, "created_clicks")
        .createTopicIfMissing(4).build()) {
      assertThat(producer.warnings()).extracting(Diagnostic::id).containsExactly("TopicNotDurable");
    }
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      TopicDescription topic = admin.describeTopics(List.of("created_clicks")).allTopicNames()
          .get().get("created_clicks");
      assertThat(topic.partitions()).hasSize(4);
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "created_clicks");
      var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      assertThat(config.get("unclean.leader.election.enable").value()).isEqualTo("false");
      assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
    }
  }

  @Test
  void givesTheFirstSendTheTopicsPartitionsAlready(LocalKafka kafka, LocalSchemaRegistry registry)
      throws Exception {
    kafka.createTopic("warm_clicks", 2);

    try (TypedProducer<UserClick> producer = clicks(kafka, registry, "warm_clicks")
        .maxBlock(Duration.ZERO).build()) {
      // With max.block.ms=0 a send that had to wait for metadata would fail at once.
      SendResult result = producer.send(UserClick.newBuilder().setUserId("u1")
          .setAction(dev.typedproducer.events.Action.VIEW).setPage("/")
          .setOccurredAt(java.time.Instant.EPOCH).build()).get();
      assertThat(result.topic()).isEqualTo("warm_clicks");
    }
  }
}
