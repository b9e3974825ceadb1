package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.testing.InProcessOnly;
import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.ProducerLeakCheck;
import dev.typedproducer.testing.RealServices;
import dev.typedproducer.testing.SecuredLocalKafka;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.acl.AclOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * build() on a real broker with SASL logins and ACLs, as the producer's own principal: what it may
 * not do is said at start-up, by name, instead of at the first send.
 */
@ExtendWith({RealServices.class, ProducerLeakCheck.class})
@InProcessOnly("needs a broker with SASL logins and ACLs that the test changes")
class SecuredBrokerIT {

  private static TypedProducerBuilder<UserClick> clicks(
      SecuredLocalKafka kafka, LocalSchemaRegistry registry, String topic) {
    return TypedProducer.builder(UserClick.class).topic(topic)
        .bootstrapServers(kafka.bootstrapServers())
        .kafkaSettings(kafka.clientSettings(SecuredLocalKafka.PRODUCER))
        .schemaRegistryUrl(registry.url()).autoRegisterSchema(true);
  }

  private static UserClick click(String user) {
    return UserClick.newBuilder().setUserId(user).setAction(Action.VIEW).setPage("/")
        .setOccurredAt(Instant.EPOCH).build();
  }

  @Test
  void warnsThatDurabilityWasNotCheckedWhenThePrincipalMayNotDescribeConfigs(
      SecuredLocalKafka kafka, LocalSchemaRegistry registry) throws Exception {
    kafka.createTopic("acl_clicks", 2);
    kafka.grant(SecuredLocalKafka.PRODUCER, "acl_clicks", AclOperation.DESCRIBE, AclOperation.WRITE);

    try (TypedProducer<UserClick> producer = clicks(kafka, registry, "acl_clicks").build()) {
      assertThat(producer.warnings()).singleElement().satisfies(warning -> {
        assertThat(warning.id()).isEqualTo("TopicDurabilityUnchecked");
        assertThat(warning.problem()).contains("may not describe its configuration");
        assertThat(warning.fix()).contains("grant DESCRIBE_CONFIGS on topic acl_clicks");
      });
      assertThat(producer.send(click("u1")).get().topic()).isEqualTo("acl_clicks");
    }
  }

  @Test
  void refusesATopicThePrincipalMayDescribeButNotWrite(
      SecuredLocalKafka kafka, LocalSchemaRegistry registry) {
    kafka.createTopic("readonly_clicks", 1);
    kafka.grant(SecuredLocalKafka.PRODUCER, "readonly_clicks", AclOperation.DESCRIBE);

    assertThatThrownBy(() -> clicks(kafka, registry, "readonly_clicks").build())
        .isInstanceOfSatisfying(BrokerException.class, e -> {
          assertThat(e.id()).isEqualTo("TopicNotAuthorized");
          assertThat(e.isRetriable()).isFalse();
        })
        .hasMessageContaining("may not write topic readonly_clicks")
        .hasMessageContaining("--operation Write --topic readonly_clicks");
  }

  @Test
  void refusesATopicThePrincipalMayNotSee(SecuredLocalKafka kafka, LocalSchemaRegistry registry) {
    kafka.createTopic("hidden_clicks", 1);

    assertThatThrownBy(() -> clicks(kafka, registry, "hidden_clicks").build())
        .isInstanceOfSatisfying(BrokerException.class,
            e -> assertThat(e.id()).isEqualTo("TopicNotAuthorized"))
        .hasMessageContaining("may not describe the topic hidden_clicks")
        .hasMessageContaining("Grant it DESCRIBE and WRITE");
  }

  @Test
  void namesRefusedCredentialsWithoutPrintingThem(
      SecuredLocalKafka kafka, LocalSchemaRegistry registry) {
    kafka.createTopic("login_clicks", 1);
    String wrong = "not-the-password-" + System.nanoTime();

    assertThatThrownBy(() -> clicks(kafka, registry, "login_clicks")
        .kafkaSettings(kafka.clientSettings(SecuredLocalKafka.PRODUCER, wrong))
        .startupTimeout(Duration.ofSeconds(20)).build())
        .isInstanceOfSatisfying(BrokerException.class, e -> {
          assertThat(e.id()).isEqualTo("BrokerRefused");
          for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(wrong);
          }
        })
        .hasMessageContaining("refused the producer's credentials")
        .hasMessageContaining("Invalid username or password");
  }
}
