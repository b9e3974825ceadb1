package dev.typedproducer.spring;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code typed-producer.*} settings of a Spring Boot service ({@code application.yml}).
 * Unset values keep the SDK's defaults.
 *
 * @param bootstrapServers the Kafka brokers to connect to first ({@code bootstrap-servers})
 * @param schemaRegistry the schema registry ({@code schema-registry.url}, {@code .username},
 *     {@code .password}, {@code .timeout})
 * @param kafka Kafka producer settings passed through, e.g. {@code linger.ms}, or
 *     {@code security.protocol} and {@code sasl.jaas.config} for a secured cluster; settings that
 *     would weaken durability fail at start-up, as with the builder
 * @param autoRegisterSchema whether start-up may register a missing schema (development only)
 * @param startupTimeout how long building a producer may wait for the brokers
 * @param closeTimeout how long closing the context waits for events in flight
 */
@ConfigurationProperties("typed-producer")
public record TypedProducerProperties(
    String bootstrapServers,
    @DefaultValue SchemaRegistry schemaRegistry,
    Map<String, String> kafka,
    boolean autoRegisterSchema,
    Duration startupTimeout,
    @DefaultValue("30s") Duration closeTimeout) {

  public TypedProducerProperties {
    kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
  }

  /**
   * The schema registry's settings.
   *
   * @param url the registry's base URL (several, comma-separated, are tried in order)
   * @param username HTTP basic user (for Confluent Cloud: the API key), if any
   * @param password HTTP basic password (the API secret)
   * @param timeout how long one registry request may take
   */
  public record SchemaRegistry(String url, String username, String password, Duration timeout) {
    @Override
    public String toString() {
      return "SchemaRegistry[url=" + dev.typedproducer.internal.registry.SchemaRegistryClient
          .redact(String.valueOf(url)) + ", username=" + username + ", password="
          + (password == null ? null : "(hidden)") + ", timeout=" + timeout + "]";
    }
  }
}
