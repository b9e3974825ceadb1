package dev.typedproducer.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.InvalidConfigException;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurableProducerConfigTest {
  private static Map<String, Object> of(Map<String, ?> settings) {
    return DurableProducerConfig.of("localhost:9092", settings);
  }

  private static InvalidConfigException refused(String setting, Object value) {
    try {
      of(Map.of(setting, value));
    } catch (InvalidConfigException e) {
      return e;
    }
    throw new AssertionError(setting + "=" + value + " was accepted");
  }

  @Test
  void alwaysRunsWithAcksAllAndIdempotence() {
    Map<String, Object> config = of(Map.of());

    assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
        .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1", " 1 ", "leader"})
  void rejectsAcksOtherThanAll(String acks) {
    InvalidConfigException e = refused(ProducerConfig.ACKS_CONFIG, acks);

    assertThat(e.setting()).isEqualTo("acks");
    assertThat(e.value()).isEqualTo(acks);
    assertThat(e).hasMessageStartingWith("acks=" + acks + " is not allowed")
        .hasMessageContaining("every in-sync replica")
        .hasMessageContaining("Remove the acks setting");
  }

  @Test
  void rejectsAcksGivenAsANumber() {
    assertThat(refused(ProducerConfig.ACKS_CONFIG, 1)).hasMessageStartingWith("acks=1 is not allowed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"all", "ALL", "-1"})
  void acceptsAcksAllSpelledAnyWay(String acks) {
    assertThat(of(Map.of(ProducerConfig.ACKS_CONFIG, acks)))
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all");
  }

  @Test
  void rejectsDisablingIdempotence() {
    assertThat(refused(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false))
        .hasMessageStartingWith("enable.idempotence=false is not allowed")
        .hasMessageContaining("written once and in order");
    assertThat(refused(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "FALSE").setting())
        .isEqualTo("enable.idempotence");
    assertThat(refused(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "maybe").value()).isEqualTo("maybe");
    assertThat(of(Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")))
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "3", "10", " 100 ", "2147483646", "many"})
  void rejectsAnyRetryCount(String retries) {
    assertThat(refused(ProducerConfig.RETRIES_CONFIG, retries))
        .hasMessageStartingWith("retries=" + retries + " is not allowed")
        .hasMessageContaining("until delivery.timeout.ms")
        .hasMessageContaining("Remove the retries setting");
  }

  @Test
  void acceptsKafkasOwnDefaultForRetries() {
    assertThat(of(Map.of(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE)))
        .containsEntry(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
  }

  @Test
  void refusesSwitchingOffKeyHashing() {
    assertThat(refused(ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG, true))
        .hasMessageStartingWith("partitioner.ignore.keys=true is not allowed")
        .hasMessageContaining("in order");
    assertThat(refused(ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG, " TRUE ").setting())
        .isEqualTo("partitioner.ignore.keys");
    assertThat(of(Map.of(ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG, "false")))
        .containsEntry(ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG, "false");
  }

  @Test
  void refusesRoundRobinEvenWhenCustomPartitionersAreAllowed() {
    Map<String, Object> roundRobin = Map.of(ProducerConfig.PARTITIONER_CLASS_CONFIG,
        org.apache.kafka.clients.producer.RoundRobinPartitioner.class);

    assertThatThrownBy(() -> DurableProducerConfig.of("b:9092", roundRobin, true))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("RoundRobinPartitioner is not allowed: it ignores the key");
  }

  @Test
  void refusesACustomPartitionerUnlessAllowed() {
    Map<String, Object> custom = Map.of(ProducerConfig.PARTITIONER_CLASS_CONFIG, "com.acme.Sharder");

    assertThat(refused(ProducerConfig.PARTITIONER_CLASS_CONFIG, "com.acme.Sharder"))
        .hasMessageContaining("allowCustomPartitioner(true)");
    assertThat(DurableProducerConfig.of("b:9092", custom, true))
        .containsEntry(ProducerConfig.PARTITIONER_CLASS_CONFIG, "com.acme.Sharder");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ACKS", "acks ", " acks", "Enable.Idempotence", "enable_idempotence",
      "RETRIES", "partitioner-class", "Max.In.Flight.Requests.Per.Connection"})
  void refusesMisspelledGuardedSettingsThatKafkaWouldIgnore(String name) {
    InvalidConfigException e = refused(name, "1");

    assertThat(e.setting()).isEqualTo(name);
    assertThat(e).hasMessageContaining("is not a Kafka setting").hasMessageContaining("Did you mean");
  }

  @Test
  void limitsHowLongASendMayBlockByDefault() {
    assertThat(of(Map.of())).containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000L);
    assertThat(of(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000)))
        .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
  }

  @Test
  void rejectsMoreThanFiveRequestsInFlight() {
    assertThat(refused(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 6))
        .hasMessageStartingWith("max.in.flight.requests.per.connection=6 is not allowed")
        .hasMessageContaining("1 to 5");
    assertThat(of(Map.of(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5")))
        .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
  }

  @Test
  void refusesSerializerClassesAndTransactions() {
    assertThat(refused(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "x").setting())
        .isEqualTo("key.serializer");
    assertThat(refused(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "x"))
        .hasMessageContaining("valueSerializer(...)");
    assertThat(refused(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-1"))
        .hasMessageContaining("transactional.id");
  }

  @Test
  void passesThroughputSecurityAndClientSettings() {
    Map<String, Object> settings = Map.of(
        ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.BATCH_SIZE_CONFIG, 65_536,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
        ProducerConfig.BUFFER_MEMORY_CONFIG, 64L << 20,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
        ProducerConfig.CLIENT_ID_CONFIG, "checkout",
        "security.protocol", "SASL_SSL",
        "sasl.mechanism", "SCRAM-SHA-512");

    assertThat(of(settings)).containsAllEntriesOf(settings);
  }

  @Test
  void requiresBrokersAndRefusesTwoDifferentLists() {
    assertThatThrownBy(() -> DurableProducerConfig.of(null, Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("bootstrapServers(\"host:9092\")");
    assertThat(DurableProducerConfig.of(null, Map.of("bootstrap.servers", "b:9092")))
        .containsEntry("bootstrap.servers", "b:9092");
    assertThatThrownBy(() -> DurableProducerConfig.of("a:9092", Map.of("bootstrap.servers", "b:9092")))
        .hasMessageContaining("given twice");
  }
}
