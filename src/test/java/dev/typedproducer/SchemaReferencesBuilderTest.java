package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.events.orders.OrderPaid;
import dev.typedproducer.testing.FakeRegistry;
import dev.typedproducer.testing.ProducerLeakCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code registerSchemaReferences(true)}: what build() asks the registry, and what it refuses. */
@ExtendWith(ProducerLeakCheck.class)
class SchemaReferencesBuilderTest {
  private static final String SHARED = "dev.typedproducer.events.shared.EventMetadata";
  private static final String SUBJECT = "orders-dev.typedproducer.events.orders.OrderPaid";
  private final FakeRegistry registry = FakeRegistry.start();

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void looksUpTheSharedTypeThenTheEventThatReferencesIt() {
    registry.answer("POST", "/subjects/" + SHARED, 200,
        "{\"subject\":\"" + SHARED + "\",\"id\":7,\"version\":3,\"schema\":\"{}\"}");
    registry.answer("POST", "/subjects/" + SUBJECT, 200,
        "{\"subject\":\"" + SUBJECT + "\",\"id\":8,\"version\":1,\"schema\":\"{}\"}");

    try (TypedProducer<OrderPaid> producer = TypedProducer.builder(OrderPaid.class)
        .bootstrapServers("localhost:9092").schemaRegistryUrl(registry.url())
        .registerSchemaReferences(true).withoutBrokerCheck().build()) {
      assertThat(producer.topic()).isEqualTo("orders");
    }

    assertThat(registry.requests()).extracting(FakeRegistry.Request::path)
        .containsExactly("/subjects/" + SHARED, "/subjects/" + SUBJECT);
    assertThat(registry.requests().get(0).body()).contains("event_id")
        .doesNotContain("references");
    assertThat(registry.requests().get(1).body()).doesNotContain("event_id")
        .contains("\"references\":[{\"name\":\"" + SHARED + "\",\"subject\":\"" + SHARED
            + "\",\"version\":3}]");
  }

  @Test
  void refusesReferencesWithASchemaTheRegistryAlreadyHolds() {
    assertThatThrownBy(() -> TypedProducer.builder(OrderPaid.class)
        .bootstrapServers("localhost:9092").schemaRegistryUrl(registry.url())
        .registerSchemaReferences(true).useLatestSchema().withoutBrokerCheck().build())
        .isInstanceOfSatisfying(InvalidConfigException.class,
            e -> assertThat(e.setting()).isEqualTo("registerSchemaReferences"))
        .hasMessageContaining("registerSchemaReferences(true) and useLatestSchema() contradict");
    assertThat(registry.requests()).isEmpty();
  }

  @Test
  void failsByNameWhenTheSharedTypeIsNotRegistered() {
    registry.answer("POST", "/subjects/" + SHARED, 404,
        "{\"error_code\":40401,\"message\":\"Subject not found\"}");

    assertThatThrownBy(() -> TypedProducer.builder(OrderPaid.class)
        .bootstrapServers("localhost:9092").schemaRegistryUrl(registry.url())
        .registerSchemaReferences(true).withoutBrokerCheck().build())
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("The shared type " + SHARED + " is not registered under its own"
            + " subject " + SHARED)
        .hasMessageContaining("register --references");
  }
}
