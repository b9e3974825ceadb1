package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.testing.ComposeStack;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docker-compose.yml} is the users' local stack; no machine of this project has Docker, so
 * this test is what keeps it honest: pinned images, health checks, and the ports the README's
 * commands use.
 */
class DockerComposeTest {
  private static final String SECTION = "### Local stack with Docker";
  private final ComposeStack stack = ComposeStack.ofThisProject();

  @Test
  void pinsEveryImageToATag() {
    assertThat(stack.services()).containsExactlyInAnyOrder("kafka", "schema-registry");
    for (String service : stack.services()) {
      String image = stack.image(service);
      String lastPart = image.substring(image.lastIndexOf('/') + 1);
      assertThat(lastPart).as("image of %s: %s", service, image).contains(":");
      String tag = lastPart.substring(lastPart.indexOf(':') + 1);
      assertThat(tag).as("tag of %s", image).isNotBlank().isNotEqualToIgnoringCase("latest")
          .matches("\\d+(\\.\\d+)+.*");
    }
  }

  @Test
  void runsTheKafkaVersionTheSdkIsBuiltAndTestedWith() throws IOException {
    Matcher version = Pattern.compile("<kafka.version>([^<]+)</kafka.version>")
        .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(version.find()).isTrue();

    assertThat(stack.image("kafka")).isEqualTo("apache/kafka:" + version.group(1));
  }

  @Test
  void givesEveryServiceAHealthCheck() {
    for (String service : stack.services()) {
      assertThat(stack.healthcheckTest(service)).as("healthcheck.test of %s", service).isNotNull()
          .asString().isNotBlank();
    }
  }

  @Test
  void publishesKafkaOnLocalhost9092AndAdvertisesThatAddress() {
    assertThat(stack.ports("kafka")).containsExactly("9092:9092");
    assertThat(stack.environment("kafka", "KAFKA_ADVERTISED_LISTENERS"))
        .contains("EXTERNAL://localhost:9092");
    assertThat(stack.environment("kafka", "KAFKA_LISTENERS")).contains("EXTERNAL://:9092");
  }

  @Test
  void publishesTheRegistryOnLocalhost8081() {
    assertThat(stack.ports("schema-registry")).containsExactly("8081:8081");
    assertThat(stack.environment("schema-registry", "SCHEMA_REGISTRY_LISTENERS"))
        .isEqualTo("http://0.0.0.0:8081");
    assertThat(stack.environment("schema-registry", "SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS"))
        .isEqualTo("PLAINTEXT://kafka:19092");
    assertThat(stack.environment("kafka", "KAFKA_LISTENERS")).contains("PLAINTEXT://:19092");
  }

  @Test
  void theReadmeStartsTheStackThenProducesToItsPorts() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf(SECTION);
    assertThat(start).as("README section " + SECTION).isNotNegative();
    int end = readme.indexOf("\n#", start + SECTION.length());
    String section = readme.substring(start, end < 0 ? readme.length() : end);

    assertThat(section).containsSubsequence("docker compose up -d", "typed-producer produce");
    Matcher produce = Pattern.compile("typed-producer produce --bootstrap-servers (\\S+)"
        + " --registry-url (\\S+)").matcher(section);
    assertThat(produce.find()).as(section).isTrue();
    assertThat(produce.group(1)).isEqualTo("localhost:" + hostPort("kafka"));
    URI registry = URI.create(produce.group(2));
    assertThat(registry.getHost()).isEqualTo("localhost");
    assertThat(registry.getPort()).isEqualTo(hostPort("schema-registry"));
    assertThat(section).contains(stack.image("kafka")).contains(stack.image("schema-registry"));
  }

  private int hostPort(String service) {
    return Integer.parseInt(stack.ports(service).get(0).split(":")[0]);
  }
}
