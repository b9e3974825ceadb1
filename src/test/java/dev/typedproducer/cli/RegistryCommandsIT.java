package dev.typedproducer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.typedproducer.internal.registry.SchemaRegistryClient;
import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.RealServices;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The deploy step and registry mode, from the command line, against a real registry. */
@ExtendWith(RealServices.class)
class RegistryCommandsIT {
  @TempDir Path dir;
  private Path schemas;
  private String topic;

  private String payment(String amountType, String extraField) {
    return "{\"type\": \"record\", \"name\": \"Payment\", \"namespace\": \"acme\","
        + " \"kafka.topic\": \"" + topic + "\", \"kafka.compatibility\": \"BACKWARD\", \"fields\": ["
        + "{\"name\": \"id\", \"type\": \"string\", \"kafka.key\": true},"
        + "{\"name\": \"amount\", \"type\": " + amountType + "}" + extraField + "]}";
  }

  private static String decimal(int scale) {
    return "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 12, \"scale\": "
        + scale + "}";
  }

  /** Runs the CLI; returns its exit code and what it printed. */
  private record Run(int code, String out) {}

  private Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code = Main.run(List.of(args), stream, stream);
    return new Run(code, out.toString(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void schemas() throws IOException {
    schemas = Files.createDirectories(dir.resolve("schemas"));
    topic = "payments_" + Long.toString(System.nanoTime(), 36);
  }

  @Test
  void registersIdempotentlyAfterADryRun(LocalSchemaRegistry registry) throws IOException {
    Files.writeString(schemas.resolve("payment.avsc"), payment(decimal(2), ""));
    SchemaRegistryClient client =
        SchemaRegistryClient.create(registry.url(), Duration.ofSeconds(5), null);

    Run dryRun = cli("register", "--schemas", schemas.toString(), "--registry-url",
        registry.url(), "--dry-run");
    assertThat(dryRun.code()).as(dryRun.out()).isZero();
    assertThat(dryRun.out()).contains("Dry run").contains("would add").contains(topic + "-value");
    assertThat(client.versions(topic + "-value")).isEmpty();

    Run first = cli("register", "--schemas", schemas.toString(), "--registry-url", registry.url());
    Run second = cli("register", "--schemas", schemas.toString(), "--registry-url", registry.url());

    assertThat(first.code()).as(first.out()).isZero();
    assertThat(first.out()).contains("registered ").contains("-> BACKWARD (from \"kafka.compatibility\")");
    assertThat(second.code()).as(second.out()).isZero();
    assertThat(second.out()).contains("unchanged ").contains("already registered")
        .doesNotContain("registered " + schemas);
    assertThat(client.versions(topic + "-value")).hasSize(1);
    assertThat(client.subjectCompatibility(topic + "-value")).contains("BACKWARD");
  }

  @Test
  void showsTheRegistrysVerdictBesideOursForAChangeItLetsThrough(LocalSchemaRegistry registry)
      throws IOException {
    Files.writeString(schemas.resolve("payment.avsc"), payment(decimal(2), ""));
    assertThat(cli("register", "--schemas", schemas.toString(), "--registry-url",
        registry.url()).code()).isZero();
    Files.writeString(schemas.resolve("payment.avsc"), payment(decimal(3), ""));
    Path json = dir.resolve("report/compat.json");
    Path junit = dir.resolve("report/TEST-compat.xml");

    Run check = cli("compat", "--schemas", schemas.toString(), "--registry-url", registry.url(),
        "--report-json", json.toString(), "--report-junit", junit.toString());

    assertThat(check.code()).as(check.out()).isEqualTo(1);
    assertThat(check.out())
        .contains("FAIL  " + schemas.resolve("payment.avsc"))
        .contains("registry says: compatible at BACKWARD; ours: 1 error(s)")
        .contains("[DecimalScaleChanged] error at /fields/1/type, against registry version 1")
        .contains("12.34 written before is read as 1.234");
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.path("mode").asText()).isEqualTo("registry");
    JsonNode schema = report.path("schemas").get(0);
    assertThat(schema.path("registry").path("compatible").asBoolean()).isTrue();
    assertThat(schema.path("findings").get(0).path("id").asText()).isEqualTo("DecimalScaleChanged");
    assertThat(Files.readString(junit)).contains("<failure type=\"DecimalScaleChanged\"");

    // Registration itself goes through: the registry cannot see what the scale means.
    Run register = cli("register", "--schemas", schemas.toString(), "--registry-url", registry.url());
    assertThat(register.code()).as(register.out()).isZero();
  }

  @Test
  void reportsAndRefusesWhatTheRegistryRefuses(LocalSchemaRegistry registry) throws IOException {
    Files.writeString(schemas.resolve("payment.avsc"), payment(decimal(2), ""));
    cli("register", "--schemas", schemas.toString(), "--registry-url", registry.url());
    Files.writeString(schemas.resolve("payment.avsc"),
        payment(decimal(2), ", {\"name\": \"country\", \"type\": \"string\"}"));

    Run check = cli("compat", "--schemas", schemas.toString(), "--registry-url", registry.url());
    Run dryRun = cli("register", "--schemas", schemas.toString(), "--registry-url",
        registry.url(), "--dry-run");
    Run register = cli("register", "--schemas", schemas.toString(), "--registry-url",
        registry.url());

    assertThat(check.code()).isEqualTo(1);
    assertThat(check.out()).contains("registry says: incompatible at BACKWARD")
        .contains("[FieldAddedWithoutDefault] error at /fields/2")
        .contains("[RegistryRefused] error");
    assertThat(dryRun.code()).isEqualTo(1);
    assertThat(dryRun.out()).contains("incompatible");
    assertThat(register.code()).isEqualTo(1);
    assertThat(register.out()).contains("refused ").contains("HTTP 409");
  }

  @Test
  void exitsWithTwoWhenTheRegistryIsUnreachable() throws IOException {
    Files.writeString(schemas.resolve("payment.avsc"), payment(decimal(2), ""));
    List<String> args = new ArrayList<>(List.of("compat", "--schemas", schemas.toString(),
        "--registry-url", "http://127.0.0.1:9"));

    Run check = cli(args.toArray(String[]::new));

    assertThat(check.code()).isEqualTo(2);
    assertThat(check.out()).contains("could not run").contains("Cannot reach the schema registry");
  }
}
