package dev.typedproducer.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.SchemaRegistryException;
import dev.typedproducer.testing.FakeRegistry;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Answers no schema registry gives (a proxy's page, a wrong id, ...) are errors, never values. */
class RegistryAnswersTest {
  private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"X\",\"fields\":[]}";
  private final FakeRegistry registry = FakeRegistry.start();
  private final SchemaRegistryClient client =
      SchemaRegistryClient.create(registry.url(), Duration.ofSeconds(5), null);

  @AfterEach
  void stop() {
    registry.close();
  }

  private void assertNotARegistry(ThrowingCallable call, String answer) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.url()).isEqualTo(registry.url());
          assertThat(e.isRetriable()).isFalse();
        })
        .hasMessageContaining("is not a schema registry's: HTTP 200 " + answer)
        .hasMessageContaining(registry.url())
        .hasMessageContaining("Is a proxy or another service answering")
        .hasMessageContaining("for Apicurio Registry it ends in /apis/ccompat/v7");
  }

  @ParameterizedTest
  @ValueSource(strings = {"<html><body>Login</body></html>", "{}", "{\"id\": \"abc\"}",
      "{\"id\": -5}", "{\"id\": 0}", "{\"id\": 99999999999}", "{\"id\": 7.5}", "[7]", "\"7\""})
  void refusesALookupAnswerWithoutAPositiveFourByteId(String answer) {
    registry.answer("POST", "/subjects/s", 200, answer);

    assertNotARegistry(() -> client.lookup("s", SCHEMA), answer);
  }

  @ParameterizedTest
  @ValueSource(strings = {"<html><body>Login</body></html>", "{}", "{\"id\": \"abc\"}",
      "{\"id\": -5}", "{\"id\": 0}", "{\"id\": 99999999999}"})
  void refusesARegisterAnswerWithoutAPositiveFourByteId(String answer) {
    registry.answer("POST", "/subjects/s/versions", 200, answer);

    assertNotARegistry(() -> client.register("s", SCHEMA), answer);
  }

  @Test
  void acceptsTheLargestIdTheFrameHolds() {
    registry.answer("POST", "/subjects/s/versions", 200, "{\"id\": 2147483647}");

    assertThat(client.register("s", SCHEMA)).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void namesTheReasonAndShortensALongAnswer() {
    String page = "<html>\n  <body>" + "x".repeat(500) + "</body>\n</html>";
    registry.answer("POST", "/subjects/s/versions", 200, "{\"id\": 99999999999}");
    registry.answer("POST", "/subjects/t/versions", 200, page);

    assertThatThrownBy(() -> client.register("s", SCHEMA))
        .hasMessageContaining("(it has no \"id\" that is a whole number from 1 to 2147483647)")
        .hasMessageContaining("Asked to register the schema for subject s, POST " + registry.url()
            + "/subjects/s/versions got an answer that is not a schema registry's");
    assertThatThrownBy(() -> client.register("t", SCHEMA))
        .hasMessageContaining("HTTP 200 <html> <body>xxx")
        .hasMessageContaining("x...")
        .hasMessageNotContaining("x".repeat(300));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "[1, \"two\"]", "[0]", "[-1]", "[99999999999]", "{\"0\": 1}"})
  void refusesVersionsThatAreNotAListOfPositiveNumbers(String answer) {
    registry.answer("GET", "/subjects/s/versions", 200, answer);

    assertNotARegistry(() -> client.versions("s"), answer);
  }

  @Test
  void readsVersionsAndAnUnknownSubject() {
    registry.answer("GET", "/subjects/s/versions", 200, "[1, 2, 3]");
    registry.answer("GET", "/subjects/new/versions", 404, "{\"error_code\": 40401}");

    assertThat(client.versions("s")).containsExactly(1, 2, 3);
    assertThat(client.versions("new")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"id\": 3, \"version\": 1}", "{\"id\": 3, \"schema\": \"x\"}",
      "{\"version\": 1, \"schema\": \"x\"}", "{\"id\": 3, \"version\": 1, \"schema\": \"\"}",
      "{\"id\": 0, \"version\": 1, \"schema\": \"x\"}",
      "{\"id\": 3, \"version\": 1, \"schema\": {\"type\": \"string\"}}"})
  void refusesAVersionWithoutIdVersionOrSchema(String answer) {
    registry.answer("GET", "/subjects/s/versions/1", 200, answer);

    assertNotARegistry(() -> client.version("s", 1), answer);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"schema\": \"\"}", "{\"schema\": 5}", "<p>hi</p>"})
  void refusesASchemaByIdWithoutSchemaText(String answer) {
    registry.answer("GET", "/schemas/ids/1", 200, answer);

    assertNotARegistry(() -> client.schemaById(1), answer);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"compatibilityLevel\": \"\"}",
      "{\"compatibilityLevel\": \"STRICT\"}", "{\"compatibility\": \"BACKWARD\"}",
      "{\"compatibilityLevel\": 1}", "<html></html>"})
  void refusesACompatibilityLevelThatIsNotOneOfTheSeven(String answer) {
    registry.answer("GET", "/config/s", 200, answer);
    registry.answer("GET", "/config", 200, answer);

    assertNotARegistry(() -> client.subjectCompatibility("s"), answer);
    assertNotARegistry(client::globalCompatibility, answer);
  }

  @Test
  void readsEachOfTheSevenLevels() {
    for (String level : new String[] {"BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD",
        "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE", "NONE"}) {
      registry.answer("GET", "/config", 200, "{\"compatibilityLevel\": \"" + level + "\"}");

      assertThat(client.globalCompatibility()).isEqualTo(level);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"is_compatible\": \"true\"}", "{\"is_compatible\": 1}",
      "{\"is_compatible\": null}"})
  void refusesACompatibilityVerdictWithoutABoolean(String answer) {
    registry.answer("POST", "/compatibility/subjects/s/versions/latest?verbose=true", 200, answer);

    assertNotARegistry(() -> client.testCompatibility("s", "latest", SCHEMA), answer);
  }

  @Test
  void keepsARegistrysRefusalAsARefusal() {
    registry.answer("POST", "/subjects/s/versions", 422,
        "{\"error_code\": 42201, \"message\": \"Invalid schema\"}");

    assertThatThrownBy(() -> client.register("s", SCHEMA))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(422);
          assertThat(e.errorCode()).isEqualTo(42201);
        })
        .hasMessageContaining("refused to register the schema for subject s: HTTP 422"
            + " error_code 42201 \"Invalid schema\"");
  }
}
