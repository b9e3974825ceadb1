package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.events.UserClick;
import org.junit.jupiter.api.Test;

class TopicDurabilityTest {
  @Test
  void defaultsToThreeReplicasTwoInSyncRefusedOnlyOnProductionSizedClusters() {
    assertThat(TopicDurability.auto()).isEqualTo(
        new TopicDurability(TopicDurability.Policy.AUTO, 3, 2));
  }

  @Test
  void lowersThresholdsInAnyOrder() {
    TopicDurability lenient = TopicDurability.refuse().withMinReplicationFactor(1)
        .withMinInSyncReplicas(1);

    assertThat(TypedProducer.builder(UserClick.class).topicDurability(lenient)).isNotNull();
    assertThat(lenient.policy()).isEqualTo(TopicDurability.Policy.REFUSE);
  }

  @Test
  void refusesMoreInSyncReplicasThanReplicasWhenGivenToTheBuilder() {
    TopicDurability impossible = TopicDurability.auto().withMinReplicationFactor(2)
        .withMinInSyncReplicas(3);

    assertThatThrownBy(() -> TypedProducer.builder(UserClick.class).topicDurability(impossible))
        .isInstanceOfSatisfying(InvalidConfigException.class,
            e -> assertThat(e.setting()).isEqualTo("topicDurability"))
        .hasMessageContaining("were replication factor 2 and min.insync.replicas 3");
    assertThatThrownBy(() -> TopicDurability.warn().withMinInSyncReplicas(0))
        .isInstanceOf(InvalidConfigException.class);
  }
}
