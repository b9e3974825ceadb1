package dev.typedproducer.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.InvalidConfigException;
import dev.typedproducer.events.UserClick;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** How Spring Boot's binder reads typed-producer.* (the binder is Spring's own, not a mock). */
class TypedProducerPropertiesTest {
  private static TypedProducerProperties bind(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("typed-producer", TypedProducerProperties.class);
  }

  @Test
  void bindsRegistryCredentialsAndKafkaSettingsWithDotsInTheirNames() {
    TypedProducerProperties properties = bind(Map.of(
        "typed-producer.bootstrap-servers", "broker-1:9092",
        "typed-producer.schema-registry.url", "https://registry.internal:8081",
        "typed-producer.schema-registry.username", "key",
        "typed-producer.schema-registry.password", "s3cret",
        "typed-producer.kafka.security.protocol", "SASL_SSL",
        "typed-producer.kafka.linger.ms", "20",
        "typed-producer.startup-timeout", "15s"));

    assertThat(properties.bootstrapServers()).isEqualTo("broker-1:9092");
    assertThat(properties.schemaRegistry().username()).isEqualTo("key");
    assertThat(properties.schemaRegistry().password()).isEqualTo("s3cret");
    assertThat(properties.kafka()).containsExactlyInAnyOrderEntriesOf(
        Map.of("security.protocol", "SASL_SSL", "linger.ms", "20"));
    assertThat(properties.startupTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(properties.closeTimeout()).as("default").isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void neverShowsTheRegistryPassword() {
    TypedProducerProperties properties = bind(Map.of(
        "typed-producer.schema-registry.url", "https://user:urlpass@registry.internal:8081",
        "typed-producer.schema-registry.username", "key",
        "typed-producer.schema-registry.password", "s3cret"));

    assertThat(properties.toString()).doesNotContain("s3cret").doesNotContain("urlpass")
        .contains("registry.internal");
  }

  @Test
  void bindsTheRegistryTokenAndTlsStores() {
    TypedProducerProperties properties = bind(Map.of(
        "typed-producer.schema-registry.url", "https://registry.internal:8443",
        "typed-producer.schema-registry.bearer-token", "tok3n",
        "typed-producer.schema-registry.tls.trust-store", "/etc/tls/ca.p12",
        "typed-producer.schema-registry.tls.trust-store-password", "trustpass",
        "typed-producer.schema-registry.tls.key-store", "/etc/tls/service.p12",
        "typed-producer.schema-registry.tls.key-store-password", "keypass"));

    TypedProducerProperties.SchemaRegistry registry = properties.schemaRegistry();
    assertThat(registry.bearerToken()).isEqualTo("tok3n");
    assertThat(registry.tls()).isEqualTo(new TypedProducerProperties.Tls(
        "/etc/tls/ca.p12", "trustpass", "/etc/tls/service.p12", "keypass"));
    assertThat(properties.toString()).doesNotContain("tok3n").doesNotContain("trustpass")
        .doesNotContain("keypass").contains("/etc/tls/ca.p12").contains("/etc/tls/service.p12");
  }

  @Test
  void withoutTlsSettingsTheJdkDefaultsStay() {
    TypedProducerProperties properties = bind(Map.of(
        "typed-producer.schema-registry.url", "https://registry.internal:8443"));

    assertThat(properties.schemaRegistry().tls().isSet()).isFalse();
  }

  @Test
  void theTlsSettingsReachTheBuilder(@TempDir Path dir) {
    Path missing = dir.resolve("ca.p12");
    TypedProducerProperties properties = bind(Map.of(
        "typed-producer.bootstrap-servers", "localhost:1",
        "typed-producer.schema-registry.url", "https://localhost:1",
        "typed-producer.schema-registry.tls.trust-store", missing.toString(),
        "typed-producer.schema-registry.tls.trust-store-password", "trustpass"));

    try (TypedProducers producers = new TypedProducers(properties, List.of())) {
      // The trust store is read first thing in build(), before any broker or registry is asked.
      assertThatThrownBy(() -> producers.get(UserClick.class))
          .isInstanceOf(InvalidConfigException.class)
          .hasMessageContaining("schemaRegistryTls")
          .hasMessageContaining(missing.toString())
          .hasMessageNotContaining("trustpass");
    }
  }
}
