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
 *     {@code .password}, {@code .bearer-token}, {@code .timeout}, {@code .tls.trust-store},
 *     {@code .tls.trust-store-password}, {@code .tls.key-store}, {@code .tls.key-store-password})
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
   * @param bearerToken a bearer token sent as {@code Authorization: Bearer} instead of basic auth;
   *     for tokens that expire, give a supplier with a {@link TypedProducerCustomizer} and
   *     {@code schemaRegistryBearerToken(Supplier)}
   * @param timeout how long one registry request may take
   * @param tls the trust store and, for mutual TLS, key store of an {@code https} registry
   */
  public record SchemaRegistry(String url, String username, String password, String bearerToken,
      Duration timeout, @DefaultValue Tls tls) {
    @Override
    public String toString() {
      return "SchemaRegistry[url=" + dev.typedproducer.internal.registry.SchemaRegistryClient
          .redact(String.valueOf(url)) + ", username=" + username + ", password="
          + hidden(password) + ", bearerToken=" + hidden(bearerToken) + ", timeout=" + timeout
          + ", tls=" + tls + "]";
    }
  }

  /**
   * TLS to the registry (files PKCS12 or JKS), as {@link dev.typedproducer.RegistryTls} takes it.
   * Unset, the JDK's default certificate authorities are trusted.
   *
   * @param trustStore the certificates to trust, and no others
   * @param trustStorePassword the trust store's password
   * @param keyStore for mutual TLS: the key the client presents (key password = store's)
   * @param keyStorePassword the key store's password
   */
  public record Tls(String trustStore, String trustStorePassword, String keyStore,
      String keyStorePassword) {
    /** Whether any store is set. */
    public boolean isSet() {
      return trustStore != null || keyStore != null;
    }

    @Override
    public String toString() {
      return "Tls[trustStore=" + trustStore + ", trustStorePassword=" + hidden(trustStorePassword)
          + ", keyStore=" + keyStore + ", keyStorePassword=" + hidden(keyStorePassword) + "]";
    }
  }

  private static String hidden(String secret) {
    return secret == null ? null : "(hidden)";
  }
}
