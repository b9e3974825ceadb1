package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.events.UserClick;
import dev.typedproducer.testing.FakeRegistry;
import dev.typedproducer.testing.ProducerLeakCheck;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Settings build() refuses, one row each, through the public builder: each fails with an
 * {@link InvalidConfigException} that names the setting, the value as given and the fix, before
 * the registry or a broker is asked anything and without leaving a producer open. The rules behind
 * the durability rows are unit-tested in {@code DurableProducerConfigTest}.
 */
@ExtendWith(ProducerLeakCheck.class)
class BadConfigTest {
  private final FakeRegistry registry = FakeRegistry.start()
      .answer("POST", "/subjects/user_clicks-value", 200, "{\"id\":21,\"version\":1}");

  @AfterEach
  void stop() {
    registry.close();
  }

  private TypedProducerBuilder<UserClick> clicks() {
    return TypedProducer.builder(UserClick.class).bootstrapServers("localhost:9092")
        .schemaRegistryUrl(registry.url());
  }

  static Stream<Arguments> durabilityOverrides() {
    String removeAcks = "Remove the acks setting.";
    String removeIdempotence = "Remove the enable.idempotence setting.";
    return Stream.of(
        refused(ProducerConfig.ACKS_CONFIG, "0", "acks=0 is not allowed", removeAcks),
        refused(ProducerConfig.ACKS_CONFIG, "1", "acks=1 is not allowed", removeAcks),
        refused(ProducerConfig.ACKS_CONFIG, " 1 ", "acks= 1  is not allowed", removeAcks),
        refused(ProducerConfig.ACKS_CONFIG, 1, "acks=1 is not allowed", removeAcks),
        refused(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
            "enable.idempotence=false is not allowed", removeIdempotence),
        refused(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "FALSE",
            "enable.idempotence=FALSE is not allowed", removeIdempotence),
        refused(ProducerConfig.RETRIES_CONFIG, 3, "retries=3 is not allowed",
            "Remove the retries setting and bound the time a send may take with"
                + " delivery.timeout.ms instead."),
        refused(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 6,
            "max.in.flight.requests.per.connection=6 is not allowed",
            "Use a value from 1 to 5, or remove the setting"),
        refused(ProducerConfig.PARTITIONER_CLASS_CONFIG, RoundRobinPartitioner.class,
            RoundRobinPartitioner.class.getName(), "partitioner.class=org.apache.kafka.clients"
                + ".producer.RoundRobinPartitioner is not allowed: it ignores the key",
            "Remove the partitioner.class setting"),
        refused(ProducerConfig.PARTITIONER_CLASS_CONFIG, "com.acme.RegionPartitioner",
            "partitioner.class=com.acme.RegionPartitioner is not allowed by default",
            "call allowCustomPartitioner(true) on the builder"),
        refused(ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG, true,
            "partitioner.ignore.keys=true is not allowed",
            "Remove the partitioner.ignore.keys setting."),
        refused(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "orders-tx",
            "transactional.id=orders-tx is not allowed", "Remove the transactional.id setting."),
        refused(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            "key.serializer=class org.apache.kafka.common.serialization.StringSerializer is not"
                + " allowed", "Remove the key.serializer setting."),
        refused(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            "io.confluent.kafka.serializers.KafkaAvroSerializer", "value.serializer=io.confluent"
                + ".kafka.serializers.KafkaAvroSerializer is not allowed",
            "pass an instance to Builder.valueSerializer(...)"),
        misspelled("ACKS", "acks"),
        misspelled("enable_idempotence", "enable.idempotence"));
  }

  private static Arguments refused(String setting, Object value, String starts, String fix) {
    return refused(setting, value, String.valueOf(value), starts, fix);
  }

  private static Arguments refused(
      String setting, Object value, String shown, String starts, String fix) {
    return Arguments.of(setting + "=" + value + " (" + value.getClass().getSimpleName() + ")",
        setting, value, setting, shown, List.of(starts, fix));
  }

  private static Arguments misspelled(String name, String meant) {
    return Arguments.of("\"" + name + "\" for " + meant, name, "1", name, null,
        List.of("\"" + name + "\" is not a Kafka setting", "Did you mean " + meant + "?",
            "Use ProducerConfig's constants for setting names."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("durabilityOverrides")
  void refusesASettingThatWeakensDurabilityOrKeyOrder(String row, String name, Object value,
      String setting, String shownValue, List<String> says) {
    assertThatThrownBy(() -> clicks().kafkaSetting(name, value).build())
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
          assertThat(e.setting()).isEqualTo(setting);
          assertThat(e.value()).isEqualTo(shownValue);
        })
        .hasMessageStartingWith(says.get(0))
        .hasMessageContainingAll(says.toArray(String[]::new));
    assertThat(registry.requests()).isEmpty();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"localhost:8081", "ftp://x", "http://", "http://registry:port/"})
  void refusesARegistryUrlThatIsNotAnHttpUrl(String url) {
    assertThatThrownBy(() -> TypedProducer.builder(UserClick.class)
        .bootstrapServers("localhost:9092").schemaRegistryUrl(url).build())
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
          assertThat(e.setting()).isEqualTo("schemaRegistryUrl");
          assertThat(e.value()).isEqualTo(url);
        })
        .hasMessageContaining("\"" + url.strip() + "\" is not")
        .hasMessageContaining("Give the registry's base URL, e.g. http://localhost:8081");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "  "})
  void refusesAnEmptyBootstrapListBeforeAskingTheRegistry(String servers) {
    assertThatThrownBy(() -> TypedProducer.builder(UserClick.class).bootstrapServers(servers)
        .schemaRegistryUrl(registry.url()).build())
        .isInstanceOfSatisfying(InvalidConfigException.class,
            e -> assertThat(e.setting()).isEqualTo(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG))
        .hasMessage("No Kafka brokers given. Call bootstrapServers(\"host:9092\") on the builder.");
    assertThat(registry.requests()).isEmpty();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"localhost", "host:notaport", "a:9092,,b", "broker-1:9092;broker-2:9092",
      "nosuchhost.invalid:9092"})
  void refusesAMalformedBootstrapListNamingIt(String servers) {
    // With the broker check, Kafka's Admin client refuses it first; without, the producer does.
    for (boolean checked : new boolean[] {true, false}) {
      TypedProducerBuilder<UserClick> builder = TypedProducer.builder(UserClick.class)
          .bootstrapServers(servers).schemaRegistryUrl(registry.url());
      assertThatThrownBy(() -> (checked ? builder : builder.withoutBrokerCheck()).build())
          .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
            assertThat(e.setting()).isEqualTo(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
            assertThat(e.value()).isEqualTo(servers);
          })
          .hasMessageStartingWith("Kafka refused bootstrap.servers=\"" + servers + "\": ")
          .hasMessageContaining("Give the brokers as host:port pairs separated by commas");
    }
  }

  /** Not generated from a schema: it has no SCHEMA$ for Avro to find. */
  private static final class HandWrittenEvent implements SpecificRecord {
    @Override
    public void put(int i, Object v) {}

    @Override
    public Object get(int i) {
      return null;
    }

    @Override
    public Schema getSchema() {
      return null;
    }
  }

  static Stream<Arguments> builderArguments() {
    return Stream.of(
        Arguments.of("maxBlock(-1 s)", (ThrowingCallable) () -> TypedProducer
            .builder(UserClick.class).maxBlock(Duration.ofSeconds(-1)), "maxBlock", "PT-1S",
            "maxBlock must not be negative, was PT-1S. Give the longest a send may block"),
        Arguments.of("createTopicIfMissing(0)", (ThrowingCallable) () -> TypedProducer
            .builder(UserClick.class).createTopicIfMissing(0), "createTopicIfMissing", "0",
            "A topic needs at least one partition, was 0."),
        Arguments.of("a class not generated from a schema", (ThrowingCallable) () -> TypedProducer
            .builder(HandWrittenEvent.class).bootstrapServers("localhost:9092").build(),
            "eventClass", HandWrittenEvent.class.getName(), HandWrittenEvent.class.getName()
                + " has no Avro schema: "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builderArguments")
  void refusesABuilderArgumentNamingIt(String row, ThrowingCallable call, String setting,
      String value, String starts) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
          assertThat(e.setting()).isEqualTo(setting);
          assertThat(e.value()).isEqualTo(value);
        })
        .hasMessageStartingWith(starts);
  }
}
