package dev.typedproducer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.testing.FakeRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * register and compat in registry mode, against a fake registry that answers what no registry
 * would, or refuses: exit 2 and the answer for the first, exit 1 for the second. Credentials
 * never show.
 */
class RegistryAnswersCliTest {
  private static final String CLICK = "{\"type\": \"record\", \"name\": \"Click\", \"namespace\":"
      + " \"acme\", \"kafka.topic\": \"clicks\", \"fields\": [{\"name\": \"user\", \"type\":"
      + " \"string\", \"kafka.key\": true}]}";
  private static final String SUBJECT = "/subjects/clicks-value";
  private static final String NEW_SUBJECT = "{\"error_code\": 40401, \"message\": \"not found\"}";
  private static final String SECRET = "s3cr3t-pw";

  @TempDir Path dir;
  private Path schemas;
  private final FakeRegistry registry = FakeRegistry.start();

  private record Run(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void schemas() throws IOException {
    schemas = Files.createDirectories(dir.resolve("schemas"));
    Files.writeString(schemas.resolve("click.avsc"), CLICK);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"<html><body>Sign in</body></html>", "{}", "{\"id\": \"abc\"}",
      "{\"id\": -5}", "{\"id\": 0}", "{\"id\": 99999999999}"})
  void registerFailsWhenTheRegistryAnswersWithoutAValidId(String answer) {
    registry.answer("GET", SUBJECT + "/versions", 404, NEW_SUBJECT);
    registry.answer("POST", SUBJECT, 404, NEW_SUBJECT);
    registry.answer("POST", SUBJECT + "/versions", 200, answer);

    Run run = cli("register", "--schemas", schemas.toString(), "--registry-url", registry.url());

    assertThat(run.code()).as(run.all()).isEqualTo(2);
    assertThat(run.err()).contains("typed-producer register could not run: ")
        .contains("is not a schema registry's: HTTP 200 " + answer)
        .contains(registry.url()).contains("/apis/ccompat/v7");
    assertThat(run.out()).doesNotContain("registered ").doesNotContain("Done.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"<html><body>Sign in</body></html>", "{}", "{\"id\": \"abc\"}",
      "{\"id\": -5}", "{\"id\": 0}", "{\"id\": 99999999999}"})
  void registerFailsWhenALookupAnswersWithoutAValidId(String answer) {
    registry.answer("GET", SUBJECT + "/versions", 200, "[1]");
    registry.answer("POST", SUBJECT, 200, answer);

    Run run = cli("register", "--schemas", schemas.toString(), "--registry-url", registry.url());

    assertThat(run.code()).as(run.all()).isEqualTo(2);
    assertThat(run.all()).doesNotContain("unchanged").doesNotContain("already registered")
        .contains("is not a schema registry's: HTTP 200 " + answer);
  }

  @Test
  void registerStillReportsARegistrysRefusalAsAFailedSchema() {
    registry.answer("GET", SUBJECT + "/versions", 200, "[1]");
    registry.answer("POST", SUBJECT, 404, "{\"error_code\": 40403, \"message\": \"not found\"}");
    // Apicurio's form: no error_code.
    registry.answer("POST", SUBJECT + "/versions", 409,
        "{\"message\": \"Incompatible artifact: clicks-value [AVRO]\"}");

    Run run = cli("register", "--schemas", schemas.toString(), "--registry-url", registry.url());

    assertThat(run.code()).as(run.all()).isEqualTo(1);
    assertThat(run.out()).contains("refused    ").contains("HTTP 409")
        .contains("1 schema(s) refused by the registry.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"<html><body>Sign in</body></html>", "{}", "{\"id\": \"abc\"}",
      "{\"id\": -5}", "{\"id\": 0}", "{\"id\": 99999999999}"})
  void compatFailsWhenTheRegistryAnswersWithoutALevel(String answer) {
    registry.answer("GET", SUBJECT + "/versions", 404, NEW_SUBJECT);
    registry.answer("GET", "/config/clicks-value", 404, "{\"error_code\": 40408}");
    registry.answer("GET", "/config", 200, answer);

    Run run = cli("compat", "--schemas", schemas.toString(), "--registry-url", registry.url());

    assertThat(run.code()).as(run.all()).isEqualTo(2);
    assertThat(run.err()).contains("typed-producer compat could not run: ")
        .contains("read the compatibility level")
        .contains("is not a schema registry's: HTTP 200 " + answer)
        .contains(answer.startsWith("<") ? "(it is not a JSON object or list)"
            : "(it has no \"compatibilityLevel\" that is one of BACKWARD,")
        .contains(registry.url());
  }

  @ParameterizedTest
  @ValueSource(strings = {"<html><body>Sign in</body></html>", "{}", "[0]", "[\"1\"]"})
  void compatFailsWhenTheRegistryAnswersWithoutVersions(String answer) {
    registry.answer("GET", SUBJECT + "/versions", 200, answer);

    Run run = cli("compat", "--schemas", schemas.toString(), "--registry-url", registry.url());

    assertThat(run.code()).as(run.all()).isEqualTo(2);
    assertThat(run.err()).contains("list versions for subject clicks-value")
        .contains("is not a schema registry's: HTTP 200 " + answer);
  }

  @Test
  void compatFailsWhenARegisteredVersionIsNotAvro() {
    registry.answer("GET", SUBJECT + "/versions", 200, "[1]");
    registry.answer("GET", SUBJECT + "/versions/1", 200,
        "{\"subject\": \"clicks-value\", \"version\": 1, \"id\": 4, \"schemaType\": \"PROTOBUF\","
            + " \"schema\": \"syntax = \\\"proto3\\\";\"}");

    Run run = cli("compat", "--schemas", schemas.toString(), "--registry-url", registry.url());

    assertThat(run.code()).as(run.all()).isEqualTo(2);
    assertThat(run.err()).contains("Version 1 of subject clicks-value in the registry at "
        + registry.url() + " is not an Avro schema");
  }

  @Test
  void neverPrintsTheRegistryPasswordOrBasicAuth() {
    registry.answer("GET", SUBJECT + "/versions", 401, "{\"error_code\": 40101}");
    String inUrl = registry.url().replace("http://", "http://ci:" + SECRET + "@");

    List<Run> runs = List.of(
        cli("register", "--schemas", schemas.toString(), "--registry-url", inUrl),
        cli("compat", "--schemas", schemas.toString(), "--registry-url", inUrl),
        cli("register", "--schemas", schemas.toString(), "--registry-url", registry.url(),
            "--registry-basic-auth", "ci:" + SECRET),
        cli("compat", "--schemas", schemas.toString(), "--registry-url", registry.url(),
            "--registry-basic-auth=ci:" + SECRET),
        cli("register", "--schemas", schemas.toString(), "--registry-url", inUrl,
            "--registry-basic-auth", "other:" + SECRET + "2"),
        cli("compat", "--schemas", schemas.toString(), "--registry-retry-window", "1",
            "--registry-url",
            FakeRegistry.unreachableUrl().replace("http://", "http://ci:" + SECRET + "@")),
        cli("compat", "--schemas", schemas.toString(), "--registry-url",
            "http://ci:" + SECRET + " x@host"));

    for (Run run : runs) {
      assertThat(run.code()).as(run.all()).isEqualTo(2);
      assertThat(run.all()).doesNotContain(SECRET);
    }
    assertThat(runs.get(0).err()).contains("ci:***@127.0.0.1").contains("HTTP 401");
    assertThat(runs.get(2).err()).contains("Check the registry credentials");
    assertThat(runs.get(4).err()).contains("credentials are given twice");
    assertThat(runs.get(5).err()).contains("Gave up after").contains("window of 1000 ms");
    assertThat(registry.requests()).extracting(FakeRegistry.Request::authorization)
        .contains("Basic " + java.util.Base64.getEncoder().encodeToString(
            ("ci:" + SECRET).getBytes(StandardCharsets.UTF_8)));
  }
}
