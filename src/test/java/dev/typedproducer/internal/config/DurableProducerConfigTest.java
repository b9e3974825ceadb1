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

  @Test
  void rejectsZeroRetries() {
    assertThat(refused(ProducerConfig.RETRIES_CONFIG, 0))
        .hasMessageStartingWith("retries=0 is not allowed")
        .hasMessageContaining("delivery.timeout.ms");
    assertThat(refused(ProducerConfig.RETRIES_CONFIG, "-1").value()).isEqualTo("-1");
    assertThat(of(Map.of(ProducerConfig.RETRIES_CONFIG, 5)))
        .containsEntry(ProducerConfig.RETRIES_CONFIG, 5);
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
