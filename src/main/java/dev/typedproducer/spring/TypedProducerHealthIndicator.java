package dev.typedproducer.spring;

import dev.typedproducer.TypedProducerException;
import dev.typedproducer.internal.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Actuator's {@code typedProducer} health: UP when the schema registry answers and the brokers
 * describe the cluster, each within {@link #TIMEOUT}; DOWN naming what did not answer, and why.
 */
public final class TypedProducerHealthIndicator implements HealthIndicator, AutoCloseable {
  /** How long each of the two checks may take. */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final TypedProducerProperties properties;
  private Admin admin;

  /** Checks the registry and brokers that {@code properties} name. */
  public TypedProducerHealthIndicator(TypedProducerProperties properties) {
    this.properties = properties;
  }

  @Override
  public Health health() {
    Health.Builder health = Health.up();
    String registryUrl = properties.schemaRegistry().url();
    if (registryUrl != null) {
      String shown = SchemaRegistryClient.redact(registryUrl);
      try {
        TypedProducerProperties.SchemaRegistry registry = properties.schemaRegistry();
        SchemaRegistryClient.create(registryUrl, TIMEOUT, registry.username() == null ? null
            : registry.username() + ":" + registry.password()).globalCompatibility();
        health.withDetail("schemaRegistry", "reachable at " + shown);
      } catch (TypedProducerException | IllegalArgumentException e) {
        health.down().withDetail("schemaRegistry", "not reachable at " + shown + ": "
            + e.getMessage());
      }
    }
    try {
      DescribeClusterResult cluster = admin().describeCluster(
          new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
      int brokers = cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
      health.withDetail("brokers", brokers + " reachable through "
          + properties.bootstrapServers());
    } catch (ExecutionException | java.util.concurrent.TimeoutException
        | org.apache.kafka.common.KafkaException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      health.down().withDetail("brokers", "not reachable through "
          + properties.bootstrapServers() + ": " + cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      health.unknown().withDetail("brokers", "interrupted while asking the brokers");
    }
    return health.build();
  }

  private synchronized Admin admin() {
    if (admin == null) {
      Map<String, Object> config = new HashMap<>();
      properties.kafka().forEach((name, value) -> {
        if (AdminClientConfig.configNames().contains(name)
            && !name.equals(AdminClientConfig.CLIENT_ID_CONFIG)) {
          config.put(name, value);
        }
      });
      config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
      config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
      config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
      admin = Admin.create(config);
    }
    return admin;
  }

  /** Closes the Admin client it holds; Spring calls it when the context closes. */
  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ZERO);
    }
  }
}
