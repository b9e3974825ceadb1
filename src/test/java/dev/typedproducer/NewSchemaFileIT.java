package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.ProjectCopy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding a schema file is the whole of adding an event type: in a copy of this project, a new
 * {@code .avsc} in {@code schemas/} is checked, generated and produced by a rebuild, with no Java
 * code added. The copy runs the README's demo command against a real broker and registry.
 */
class NewSchemaFileIT {
  private static final String PAYMENT = """
      {
        "type": "record",
        "name": "PaymentAuthorized",
        "namespace": "dev.typedproducer.events.payments",
        "doc": "A card payment was authorized. Keyed by payment, so retries stay in order.",
        "kafka.topic": "payments_authorized",
        "fields": [
          {"name": "payment_id", "type": "string", "kafka.key": true},
          {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 18, "scale": 2}},
          {"name": "currency", "type": {"type": "enum", "name": "Currency", "symbols": ["EUR", "USD", "GBP"]}},
          {"name": "merchant", "type": {"type": "record", "name": "Merchant", "fields": [
            {"name": "id", "type": "long"}, {"name": "country", "type": "string"}]}},
          {"name": "authorized_at", "type": {"type": "long", "logicalType": "timestamp-millis"}}
        ]
      }
      """;

  @Test
  void aNewSchemaFileIsProducedAfterARebuildWithNoJavaCode(@TempDir Path dir) throws IOException {
    ProjectCopy copy = ProjectCopy.of(ProjectCopy.thisProject(), dir.resolve("project"));
    List<Path> javaBefore = javaSources(copy.root().resolve("src"));
    Files.writeString(copy.root().resolve("schemas/payments_authorized.avsc"), PAYMENT);

    ProjectCopy.Build build = copy.maven(List.of("-q", "-Pdemo", "-P!build-test-registry", "verify",
        "-Dtypedproducer.generated=update",
        "-Dtypedproducer.registry.jar=" + LocalSchemaRegistry.defaultRunnerJar().toAbsolutePath(),
        "-Ddemo.args=--events 25 --samples 1"));

    assertThat(build.exitCode()).as(build.output()).isZero();
    assertThat(build.output())
        .contains("missing  dev/typedproducer/events/payments/PaymentAuthorized.java")
        .containsPattern("payments_authorized\\s+dev\\.typedproducer\\.events\\.payments\\."
            + "PaymentAuthorized\\s+25\\s+25")
        .contains("every key and frame as sent");
    assertThat(copy.root().resolve(
        "generated-sources/dev/typedproducer/events/payments/PaymentAuthorized.java")).exists();
    assertThat(javaSources(copy.root().resolve("src"))).isEqualTo(javaBefore);
  }

  @Test
  void ciRefusesASchemaWhoseGeneratedClassesWereNotCommitted(@TempDir Path dir) throws IOException {
    ProjectCopy copy = ProjectCopy.of(ProjectCopy.thisProject(), dir.resolve("project"));
    Files.writeString(copy.root().resolve("schemas/payments_authorized.avsc"), PAYMENT);

    ProjectCopy.Build build = copy.maven(List.of("-q", "process-classes",
        "-Dtypedproducer.generated=verify"));

    assertThat(build.exitCode()).as(build.output()).isNotZero();
    assertThat(build.output())
        .contains("[GeneratedSourcesStale] generated-sources/ does not match what schemas/ generates")
        .contains("missing  dev/typedproducer/events/payments/PaymentAuthorized.java")
        .contains("run ./mvnw process-classes -Dtypedproducer.generated=update and commit generated-sources/");
  }

  @Test
  void theBuildRejectsASchemaWithoutKeyNamingTheFile(@TempDir Path dir) throws IOException {
    ProjectCopy copy = ProjectCopy.of(ProjectCopy.thisProject(), dir.resolve("project"));
    Files.writeString(copy.root().resolve("schemas/page_views.avsc"), """
        {"type": "record", "name": "PageView", "namespace": "com.acme",
         "fields": [{"name": "user_id", "type": "string"}]}
        """);

    ProjectCopy.Build build = copy.maven(List.of("-q", "process-classes"));

    assertThat(build.exitCode()).as(build.output()).isNotZero();
    assertThat(build.output()).contains("[KeyFieldMissing] schemas/page_views.avsc: record"
        + " com.acme.PageView has no field marked \"kafka.key\": true");
    assertOnlyOurDiagnostic(build);
  }

  /**
   * The mistakes that used to fail inside avro-maven-plugin, with Avro's or Jackson's message and
   * no file name, fail before it, as our diagnostics.
   */
  @Test
  void theBuildExplainsSchemasTheAvroCompilerWouldChokeOn(@TempDir Path dir) throws IOException {
    ProjectCopy copy = ProjectCopy.of(ProjectCopy.thisProject(), dir.resolve("project"));
    String field = "{\"name\": \"id\", \"type\": \"string\", \"kafka.key\": true},\n";
    String head = "{\"type\": \"record\", \"name\": \"PageView\", \"namespace\": \"com.acme\",\n"
        + " \"fields\": [\n";
    Files.writeString(copy.root().resolve("schemas/a_typo.avsc"), head + field
        + "  {\"name\": \"page\", \"type\": \"strin\"}]}\n");
    Files.writeString(copy.root().resolve("schemas/b_default.avsc"), head.replace("PageView", "Visit")
        + field + "  {\"name\": \"n\", \"type\": \"int\", \"default\": \"x\"}]}\n");
    Files.writeString(copy.root().resolve("schemas/c_truncated.avsc"), head + field);

    ProjectCopy.Build build = copy.maven(List.of("-q", "process-classes"));

    assertThat(build.exitCode()).as(build.output()).isNotZero();
    assertThat(build.output())
        .contains("[SchemaTypeUnknown] schemas/a_typo.avsc: line 4, /fields/1/type: field page has"
            + " type \"strin\"")
        .contains("Fix: did you mean \"string\"?")
        .contains("[SchemaDefaultInvalid] schemas/b_default.avsc: line 4, /fields/1/default: field n"
            + " has default \"x\", which is not a value of its type int")
        .contains("[SchemaJsonInvalid] schemas/c_truncated.avsc: line ").contains("the JSON ends too early")
        .contains("3 problem(s) in schemas/, listed above. Fix them and build again.")
        .doesNotContain("Undefined schema").doesNotContain("Invalid default for field")
        .doesNotContain("REDACTED").doesNotContain("avro-maven-plugin");
    assertOnlyOurDiagnostic(build);
  }

  /** No stack trace, and Maven's only error is the one line that names the failed check. */
  private static void assertOnlyOurDiagnostic(ProjectCopy.Build build) {
    assertThat(build.output()).doesNotContainPattern("(?m)^\\s+at [a-z]+\\.")
        .doesNotContain("Exception:").doesNotContain("Command execution failed");
    assertThat(build.output().lines().filter(l -> l.startsWith("[ERROR] Failed to execute goal")))
        .singleElement().asString().contains("(check-schemas-first)");
  }

  private static List<Path> javaSources(Path src) throws IOException {
    try (Stream<Path> walk = Files.walk(src)) {
      return walk.filter(p -> p.toString().endsWith(".java")).map(src::relativize).sorted().toList();
    }
  }
}
