package dev.typedproducer.testing;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Testcontainers profile's broker and registry: the two services of {@code docker-compose.yml},
 * same images and the registry's same settings, on a network of their own. {@link RealServices}
 * loads this class by name and starts each container on first use.
 */
final class ContainerServices implements ServiceSource {
  private static final String BROKER_ALIAS = "kafka";
  private static final int REGISTRY_PORT = 8081;
  private final ComposeStack stack = ComposeStack.ofThisProject();
  private final Network network = Network.newNetwork();
  private KafkaContainer kafka;

  @Override
  public String unavailableReason() {
    return DockerCheck.unavailableReason();
  }

  @Override
  public synchronized LocalKafka kafka() {
    KafkaContainer broker = broker();
    return LocalKafka.external(broker.getBootstrapServers(), broker::stop);
  }

  @Override
  public synchronized LocalSchemaRegistry registry() {
    KafkaContainer broker = broker();
    GenericContainer<?> registry = new GenericContainer<>(
        DockerImageName.parse(stack.image("schema-registry")))
        .withNetwork(network)
        .withEnv(stack.environment("schema-registry"))
        .withExposedPorts(REGISTRY_PORT)
        .dependsOn(broker)
        .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));
    registry.start();
    return LocalSchemaRegistry.external("http://" + registry.getHost() + ":"
        + registry.getMappedPort(REGISTRY_PORT), registry::stop);
  }

  /** The broker, started once; the registry reaches it as kafka:19092, as in the compose file. */
  private KafkaContainer broker() {
    if (kafka == null) {
      String inside = stack.environment("schema-registry",
          "SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS").replaceFirst("^[A-Z_]+://", "");
      kafka = new KafkaContainer(DockerImageName.parse(stack.image("kafka")))
          .withNetwork(network)
          .withNetworkAliases(BROKER_ALIAS)
          .withListener(inside);
      kafka.start();
    }
    return kafka;
  }
}
