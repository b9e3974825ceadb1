package dev.typedproducer.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.SchemaRegistryException;
import dev.typedproducer.testing.FakeRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Several registry URLs: the next is asked when one fails, never when one refuses. */
class RegistryFailoverTest {
  private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"X\",\"fields\":[]}";
  private static final String REGISTER = "/subjects/s/versions";
  private final FakeRegistry first = FakeRegistry.start();
  private final FakeRegistry second = FakeRegistry.start();

  @AfterEach
  void stop() {
    first.close();
    second.close();
  }

  private SchemaRegistryClient both(Duration timeout) {
    return SchemaRegistryClient.create(first.url() + ", " + second.url(), timeout, null);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "500|{\"error_code\": 50001, \"message\": \"Error in the backend datastore\"}",
      "502|<html><body>Bad Gateway</body></html>",
      "503|",
      "408|{\"error_code\": 408, \"message\": \"timeout\"}",
      "429|{\"message\": \"Too Many Requests\"}",
      "200|<html><body>Please log in</body></html>",
      "200|{\"id\": 0}",
      "404|<html>no such page</html>"})
  void asksTheNextUrlWhenOneFailsOrIsNotARegistry(int status, String answer) {
    first.answer("POST", REGISTER, status, answer == null ? "" : answer);
    second.answer("POST", REGISTER, 200, "{\"id\": 21}");

    assertThat(both(Duration.ofSeconds(5)).register("s", SCHEMA)).isEqualTo(21);
    assertThat(first.requests()).hasSize(1);
    assertThat(second.requests()).hasSize(1);
  }

  @Test
  void asksTheNextUrlWhenOneTimesOut() {
    first.answerAfter(Duration.ofSeconds(5), "POST", REGISTER, 200, "{\"id\": 1}");
    second.answer("POST", REGISTER, 200, "{\"id\": 21}");

    assertThat(both(Duration.ofMillis(500)).register("s", SCHEMA)).isEqualTo(21);
  }

  @Test
  void asksTheNextUrlWhenOneIsUnreachable() {
    second.answer("POST", REGISTER, 200, "{\"id\": 21}");

    assertThat(SchemaRegistryClient.create(FakeRegistry.unreachableUrl() + "," + second.url(),
        Duration.ofSeconds(2), null).register("s", SCHEMA)).isEqualTo(21);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "404|{\"error_code\": 40401, \"message\": \"Subject not found\"}",
      "401|{\"error_code\": 401, \"message\": \"Unauthorized\"}",
      "409|{\"error_code\": 409, \"message\": \"incompatible\"}",
      "422|{\"error_code\": 42201, \"message\": \"Invalid schema\"}"})
  void keepsARegistrysAnswerAboutTheRequest(int status, String answer) {
    first.answer("POST", REGISTER, status, answer);
    second.answer("POST", REGISTER, 200, "{\"id\": 21}");

    assertThatThrownBy(() -> both(Duration.ofSeconds(5)).register("s", SCHEMA))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.httpStatus()).isEqualTo(status))
        .hasMessageContaining("HTTP " + status);
    assertThat(second.requests()).isEmpty();
  }

  @Test
  void treatsSubjectNotFoundAtTheFirstUrlAsTheAnswer() {
    first.answer("POST", "/subjects/s", 404, "{\"error_code\": 40401, \"message\": \"x\"}");
    second.answer("POST", "/subjects/s", 200, "{\"id\": 21}");

    assertThat(both(Duration.ofSeconds(5)).lookup("s", SCHEMA)).isEmpty();
    assertThat(second.requests()).isEmpty();
  }

  @Test
  void namesEachUrlAndWhatItSaidWhenAllFail() {
    String down = FakeRegistry.unreachableUrl();
    first.answer("POST", REGISTER, 503, "{\"error_code\": 50003, \"message\": \"down\"}");
    second.answer("POST", REGISTER, 200, "<html>proxy</html>");

    assertThatThrownBy(() -> SchemaRegistryClient.create(
        first.url() + "," + second.url() + "," + down, Duration.ofSeconds(2), null)
        .register("s", SCHEMA))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.isRetriable()).isTrue();
          assertThat(e.url()).isEqualTo(first.url() + "," + second.url() + "," + down);
          assertThat(e.getSuppressed()).hasSize(2);
        })
        .hasMessageContaining("None of the 3 schema registry URLs could register the schema for"
            + " subject s: ")
        .hasMessageContaining(first.url() + REGISTER + ": HTTP 503 error_code 50003 \"down\"; ")
        .hasMessageContaining(second.url() + REGISTER + ": HTTP 200 <html>proxy</html> (it is not"
            + " a JSON object or list) is not a schema registry's answer; ")
        .hasMessageContaining(down + REGISTER + ": ConnectException");
  }
}
