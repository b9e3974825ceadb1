package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.events.orders.OrderPaid;
import dev.typedproducer.internal.schema.EventRules;
import dev.typedproducer.testing.FakeRegistry;
import dev.typedproducer.testing.ProducerLeakCheck;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code "kafka.subject.strategy"} chooses the producer's subject, as it does register's. */
@ExtendWith(ProducerLeakCheck.class)
class SubjectStrategyPropertyTest {
  private static final String SUBJECT = "orders-dev.typedproducer.events.orders.OrderPaid";
  private final FakeRegistry registry = FakeRegistry.start();

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void looksTheSchemaUpUnderTheSubjectTheSchemaDeclares() {
    registry.answer("POST", "/subjects/" + SUBJECT, 200, "{\"id\":7,\"version\":1}");

    try (TypedProducer<OrderPaid> producer = TypedProducer.builder(OrderPaid.class)
        .bootstrapServers("localhost:9092").schemaRegistryUrl(registry.url())
        .withoutBrokerCheck().build()) {
      assertThat(producer.topic()).isEqualTo("orders");
    }
    assertThat(registry.requests()).extracting(FakeRegistry.Request::path)
        .containsExactly("/subjects/" + SUBJECT);
  }

  @Test
  void refusesABuilderStrategyThatContradictsTheSchema() {
    assertThatThrownBy(() -> TypedProducer.builder(OrderPaid.class)
        .bootstrapServers("localhost:9092").schemaRegistryUrl(registry.url())
        .subjectNameStrategy(SubjectNameStrategy.TOPIC_NAME).withoutBrokerCheck().build())
        .isInstanceOfSatisfying(InvalidConfigException.class,
            e -> assertThat(e.setting()).isEqualTo("subjectNameStrategy"))
        .hasMessageContaining("subjectNameStrategy(TOPIC_NAME) contradicts the schema of"
            + " dev.typedproducer.events.orders.OrderPaid, which declares"
            + " \"kafka.subject.strategy\": \"TOPIC_RECORD_NAME\"");
    assertThat(registry.requests()).isEmpty();
  }

  @Test
  void reportsAStrategyThatIsNotOne() {
    Schema schema = new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"E\","
        + " \"kafka.topic\": \"t\", \"kafka.subject.strategy\": \"topic-record\", \"fields\":"
        + " [{\"name\": \"id\", \"type\": \"string\", \"kafka.key\": true}]}");

    assertThat(EventRules.check(schema, "schemas/e.avsc")).singleElement().satisfies(d -> {
      assertThat(d.id()).isEqualTo("SubjectStrategyInvalid");
      assertThat(d.toString()).contains("\"kafka.subject.strategy\": topic-record, which is not"
          + " a subject name strategy").contains("\"TOPIC_RECORD_NAME\"");
    });
  }
}
