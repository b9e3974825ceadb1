package dev.typedproducer.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
}
