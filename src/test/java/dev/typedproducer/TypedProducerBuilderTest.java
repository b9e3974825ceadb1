package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.events.UserClick;
import dev.typedproducer.internal.schema.RegistrySchemas;
import dev.typedproducer.testevents.IntKeyEvent;
import dev.typedproducer.testevents.NoKeyEvent;
import dev.typedproducer.testevents.NullableKeyEvent;
import dev.typedproducer.testing.FakeRegistry;
import dev.typedproducer.testing.ProducerLeakCheck;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What build() checks before it hands anything to Kafka. */
@ExtendWith(ProducerLeakCheck.class)
class TypedProducerBuilderTest {
  private final FakeRegistry registry = FakeRegistry.start();

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void rejectsAClassWithoutKeyFieldNamingTheClass() {
    assertThatThrownBy(() -> TypedProducer.builder(NoKeyEvent.class)
        .bootstrapServers("localhost:9092").schemaRegistryUrl(registry.url()).build())
        .isInstanceOfSatisfying(InvalidSchemaException.class, e -> assertThat(e.diagnostics())
            .singleElement().extracting(Diagnostic::id).isEqualTo("KeyFieldMissing"))
        .hasMessageStartingWith("[KeyFieldMissing] class dev.typedproducer.testevents.NoKeyEvent:"
            + " record dev.typedproducer.testevents.NoKeyEvent has no field marked \"kafka.key\": true");
    assertThat(registry.requests()).isEmpty();
  }

  @Test
  void rejectsANullableKeyField() {
    assertThatThrownBy(() -> TypedProducer.builder(NullableKeyEvent.class)
        .bootstrapServers("localhost:9092").schemaRegistryUrl(registry.url()).build())
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessageContaining("[KeyFieldNullable]").hasMessageContaining("field id");
  }

  @Test
  void requiresATopicWhenTheSchemaNamesNone() {
    assertThatThrownBy(() -> TypedProducer.builder(IntKeyEvent.class)
        .bootstrapServers("localhost:9092").schemaRegistryUrl(registry.url()).build())
        .isInstanceOfSatisfying(InvalidConfigException.class,
            e -> assertThat(e.setting()).isEqualTo("topic"))
        .hasMessageContaining("call topic(\"<topic>\")");
  }

  @Test
  void rejectsAnIllegalTopicOverride() {
    assertThatThrownBy(() -> TypedProducer.builder(UserClick.class).topic("user clicks")
        .bootstrapServers("localhost:9092").schemaRegistryUrl(registry.url()).build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("\"user clicks\" is not a legal Kafka topic name");
  }

  @Test
  void refusesWeakerDurabilityBeforeContactingTheRegistry() {
    assertThatThrownBy(() -> TypedProducer.builder(UserClick.class)
        .bootstrapServers("localhost:9092").schemaRegistryUrl(registry.url())
        .kafkaSetting("acks", "1").build())
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
          assertThat(e.setting()).isEqualTo("acks");
          assertThat(e.value()).isEqualTo("1");
        });
    assertThat(registry.requests()).isEmpty();
  }

  @Test
  void requiresARegistryUnlessASerializerIsGiven() {
    assertThatThrownBy(() -> TypedProducer.builder(UserClick.class)
        .bootstrapServers("localhost:9092").build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("schemaRegistryUrl(\"http://localhost:8081\")");

    Serializer<Object> any = (topic, value) -> new byte[0];
    try (TypedProducer<UserClick> producer = TypedProducer.builder(UserClick.class)
        .bootstrapServers("localhost:9092").valueSerializer(any).withoutBrokerCheck().build()) {
      assertThat(producer.topic()).isEqualTo("user_clicks");
      assertThat(producer.metrics().keySet()).anySatisfy(
          name -> assertThat(name.name()).isEqualTo("record-send-rate"));
    }
  }

  @Test
  void failsStartUpWhenTheSchemaIsNotRegistered() {
    registry.answer("POST", "/subjects/user_clicks-value", 404,
        "{\"error_code\":40401,\"message\":\"Subject 'user_clicks-value' not found.\"}");

    assertThatThrownBy(() -> TypedProducer.builder(UserClick.class)
        .bootstrapServers("localhost:9092").schemaRegistryUrl(registry.url()).build())
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.subject()).isEqualTo("user_clicks-value");
          assertThat(e.isRetriable()).isFalse();
        })
        .hasMessageContaining("not registered under subject user_clicks-value at " + registry.url())
        .hasMessageContaining("autoRegisterSchema(true)");
  }

  @Test
  void looksUpTheSchemaFileTextUnderTheTopicSubject() {
    registry.answer("POST", "/subjects/user_clicks-value", 200, "{\"id\":21,\"version\":1}");

    try (TypedProducer<UserClick> producer = TypedProducer.builder(UserClick.class)
        .bootstrapServers("localhost:9092").schemaRegistryUrl(registry.url())
        .withoutBrokerCheck().build()) {
      assertThat(producer.topic()).isEqualTo("user_clicks");
    }
    assertThat(registry.requests()).singleElement().satisfies(request -> assertThat(request.body())
        .contains(RegistrySchemas.text(UserClick.getClassSchema()).replace("\"", "\\\"")));
  }

  @Test
  void registersOnlyWhenAllowed() {
    registry.answer("POST", "/subjects/dev.typedproducer.events.UserClick/versions", 200, "{\"id\":3}");

    try (TypedProducer<UserClick> producer = TypedProducer.builder(UserClick.class)
        .bootstrapServers("localhost:9092").schemaRegistryUrl(registry.url())
        .subjectNameStrategy(SubjectNameStrategy.RECORD_NAME).autoRegisterSchema(true)
        .withoutBrokerCheck().build()) {
      assertThat(producer.topic()).isEqualTo("user_clicks");
      assertThat(registry.requests()).extracting(FakeRegistry.Request::path)
          .containsExactly("/subjects/dev.typedproducer.events.UserClick/versions");
    }
  }

  @Test
  void failsStartUpNamingAnUnreachableRegistry() {
    String url = FakeRegistry.unreachableUrl();

    long start = System.nanoTime();

    assertThatThrownBy(() -> TypedProducer.builder(UserClick.class)
        .bootstrapServers("localhost:9092").schemaRegistryUrl(url)
        .schemaRegistryTimeout(Duration.ofSeconds(2)).startupTimeout(Duration.ofSeconds(1))
        .build())
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.isRetriable()).isTrue())
        .hasMessageContaining("Cannot reach the schema registry at " + url)
        .hasMessageMatching("(?s).*Gave up after \\d+ attempts in \\d+ ms: the start-up window"
            + " of 1000 ms \\(startupTimeout\\) has passed\\.");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
  }

  @Test
  void wrapsKafkasRefusalOfAMalformedSetting() {
    registry.answer("POST", "/subjects/user_clicks-value", 200, "{\"id\":21,\"version\":1}");

    assertThatThrownBy(() -> TypedProducer.builder(UserClick.class)
        .bootstrapServers("localhost:9092").schemaRegistryUrl(registry.url())
        .kafkaSetting("linger.ms", "soon").withoutBrokerCheck().build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("Kafka refused the producer settings")
        .hasMessageContaining("linger.ms");
  }

  @Test
  void blamesAZeroRegistryTimeoutOnItsOwnSetting() {
    assertThatThrownBy(() -> TypedProducer.builder(UserClick.class)
        .schemaRegistryTimeout(Duration.ZERO))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
          assertThat(e.setting()).isEqualTo("schemaRegistryTimeout");
          assertThat(e.value()).isEqualTo("PT0S");
        })
        .hasMessageContaining("schemaRegistryTimeout must be positive");
    assertThatThrownBy(() -> TypedProducer.builder(UserClick.class)
        .startupTimeout(Duration.ofSeconds(-1)))
        .hasMessageContaining("startupTimeout must be positive");
  }

  @Test
  void refusesMaxBlockGivenTwiceWithDifferentValues() {
    registry.answer("POST", "/subjects/user_clicks-value", 200, "{\"id\":21,\"version\":1}");

    assertThatThrownBy(() -> TypedProducer.builder(UserClick.class)
        .bootstrapServers("localhost:9092").schemaRegistryUrl(registry.url())
        .maxBlock(Duration.ofSeconds(2)).kafkaSetting("max.block.ms", 5_000).build())
        .isInstanceOfSatisfying(InvalidConfigException.class,
            e -> assertThat(e.setting()).isEqualTo("max.block.ms"))
        .hasMessageContaining("given twice");
    assertThat(registry.requests()).isEmpty();
  }

  @Test
  void refusesACustomPartitionerUnlessAllowedOnTheBuilder() {
    assertThatThrownBy(() -> TypedProducer.builder(UserClick.class)
        .bootstrapServers("localhost:9092").schemaRegistryUrl(registry.url())
        .kafkaSetting("partitioner.class", "com.acme.Sharder").build())
        .isInstanceOfSatisfying(InvalidConfigException.class,
            e -> assertThat(e.setting()).isEqualTo("partitioner.class"))
        .hasMessageContaining("allowCustomPartitioner(true)");
    assertThat(registry.requests()).isEmpty();
  }

  @Test
  void failsWithinTheStartupTimeoutNamingBrokersThatDoNotAnswer() {
    registry.answer("POST", "/subjects/user_clicks-value", 200, "{\"id\":21,\"version\":1}");
    String nobody = FakeRegistry.unreachableUrl().replace("http://", "");
    long start = System.nanoTime();

    assertThatThrownBy(() -> TypedProducer.builder(UserClick.class)
        .bootstrapServers(nobody).schemaRegistryUrl(registry.url())
        .startupTimeout(Duration.ofSeconds(2)).build())
        .isInstanceOfSatisfying(BrokerException.class, e -> {
          assertThat(e.id()).isEqualTo("BrokerUnreachable");
          assertThat(e.bootstrapServers()).isEqualTo(nobody);
          assertThat(e.isRetriable()).isTrue();
        })
        .hasMessageStartingWith("[BrokerUnreachable] The Kafka cluster at " + nobody
            + " did not answer within the start-up timeout of 2000 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void reportsABadSettingAtOnceEvenWhenTheBrokersDoNotAnswer() {
    registry.answer("POST", "/subjects/user_clicks-value", 200, "{\"id\":21,\"version\":1}");
    String nobody = FakeRegistry.unreachableUrl().replace("http://", "");
    long start = System.nanoTime();

    assertThatThrownBy(() -> TypedProducer.builder(UserClick.class)
        .bootstrapServers(nobody).schemaRegistryUrl(registry.url())
        .kafkaSetting("linger.ms", "soon").startupTimeout(Duration.ofSeconds(20)).build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("linger.ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }
}
