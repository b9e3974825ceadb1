package dev.typedproducer.spring;

import dev.typedproducer.RegistryTls;
import dev.typedproducer.TypedProducer;
import dev.typedproducer.TypedProducerBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * Gives each event class one shared {@link TypedProducer}, built from the {@code typed-producer.*}
 * settings on first use and closed when the application context closes. Inject it where events
 * are sent, or declare the producers a service needs as beans:
 *
 * <pre>{@code
 * @Bean
 * EventProducer<UserClick> clicks(TypedProducers producers) {
 *   return producers.get(UserClick.class);
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class TypedProducers implements AutoCloseable {
  private final TypedProducerProperties properties;
  private final List<TypedProducerCustomizer> customizers;
  private final Map<Class<?>, TypedProducer<?>> producers = new ConcurrentHashMap<>();
  private boolean closed;

  /** A factory for producers configured by {@code properties}, then by {@code customizers}. */
  public TypedProducers(
      TypedProducerProperties properties, List<TypedProducerCustomizer> customizers) {
    this.properties = properties;
    this.customizers = List.copyOf(customizers);
  }

  /**
   * The shared producer of {@code eventClass}, built (and so checked against the registry and the
   * brokers) on the first call.
   *
   * @throws dev.typedproducer.TypedProducerException as {@link TypedProducerBuilder#build()}
   *     throws it; the next call tries again
   * @throws IllegalStateException once the context is closing
   */
  @SuppressWarnings("unchecked") // the map pairs each class with a producer of that class
  public synchronized <T extends SpecificRecord> TypedProducer<T> get(Class<T> eventClass) {
    if (closed) {
      throw new IllegalStateException("TypedProducers is closed (the application context is"
          + " closing): no producer of " + eventClass.getName() + " is built any more.");
    }
    return (TypedProducer<T>) producers.computeIfAbsent(eventClass, c -> build(eventClass));
  }

  private <T extends SpecificRecord> TypedProducer<T> build(Class<T> eventClass) {
    TypedProducerBuilder<T> builder = TypedProducer.builder(eventClass)
        .kafkaSettings(properties.kafka())
        .autoRegisterSchema(properties.autoRegisterSchema());
    if (properties.bootstrapServers() != null) {
      builder.bootstrapServers(properties.bootstrapServers());
    }
    TypedProducerProperties.SchemaRegistry registry = properties.schemaRegistry();
    if (registry.url() != null) {
      builder.schemaRegistryUrl(registry.url());
    }
    if (registry.username() != null) {
      builder.schemaRegistryBasicAuth(registry.username(),
          registry.password() == null ? "" : registry.password());
    }
    if (registry.bearerToken() != null) {
      builder.schemaRegistryBearerToken(registry.bearerToken());
    }
    TypedProducerProperties.Tls tls = registry.tls();
    if (tls.isSet()) {
      RegistryTls stores = tls.trustStore() == null ? RegistryTls.defaultTrust()
          : RegistryTls.trustStore(Path.of(tls.trustStore()), orEmpty(tls.trustStorePassword()));
      builder.schemaRegistryTls(tls.keyStore() == null ? stores
          : stores.withKeyStore(Path.of(tls.keyStore()), orEmpty(tls.keyStorePassword())));
    }
    if (registry.timeout() != null) {
      builder.schemaRegistryTimeout(registry.timeout());
    }
    if (properties.startupTimeout() != null) {
      builder.startupTimeout(properties.startupTimeout());
    }
    customizers.forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  private static String orEmpty(String password) {
    return password == null ? "" : password;
  }

  /**
   * Closes every producer built, each delivering what is in flight within
   * {@code typed-producer.close-timeout} (30 s unless set). Spring calls it when the context
   * closes.
   */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    Duration timeout = properties.closeTimeout();
    producers.values().forEach(producer -> producer.close(timeout));
  }
}
