package dev.typedproducer.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.SchemaRegistryException;
import dev.typedproducer.testing.FakeRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Credentials in the registry URL are sent, and never shown. */
class RegistryCredentialsTest {
  private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"X\",\"fields\":[]}";
  /** "p@ss:w/rd" percent-encoded, as a URL carries it. */
  private static final String ENCODED = "p%40ss%3Aw%2Frd";
  private final FakeRegistry registry = FakeRegistry.start();

  @AfterEach
  void stop() {
    registry.close();
  }

  private String withUser(String url) {
    return url.replace("http://", "http://alice:" + ENCODED + "@");
  }

  private static String basic(String credentials) {
    return "Basic " + Base64.getEncoder().encodeToString(
        credentials.getBytes(StandardCharsets.UTF_8));
  }

  /** Every message of {@code e}, its causes and suppressed exceptions. */
  private static String allMessages(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t.getMessage()).append('\n');
      for (Throwable s : t.getSuppressed()) {
        text.append(allMessages(s));
      }
    }
    return text.toString();
  }

  @Test
  void sendsTheUrlsUserInfoAsBasicAuthAndHidesThePassword() {
    registry.answer("POST", "/subjects/s/versions", 200, "{\"id\": 8}");
    SchemaRegistryClient client =
        SchemaRegistryClient.create(withUser(registry.url()), Duration.ofSeconds(5), null);

    assertThat(client.register("s", SCHEMA)).isEqualTo(8);
    assertThat(registry.requests().get(0).authorization()).isEqualTo(basic("alice:p@ss:w/rd"));
    assertThat(client.url()).isEqualTo(registry.url().replace("http://", "http://alice:***@"));
  }

  @Test
  void acceptsTheSameCredentialsGivenTwice() {
    registry.answer("GET", "/config", 200, "{\"compatibilityLevel\": \"FULL\"}");

    SchemaRegistryClient.create(withUser(registry.url()), Duration.ofSeconds(5),
        "alice:p@ss:w/rd").globalCompatibility();

    assertThat(registry.requests().get(0).authorization()).isEqualTo(basic("alice:p@ss:w/rd"));
  }

  @Test
  void refusesDifferentCredentialsInTheUrlAndAsBasicAuth() {
    assertThatThrownBy(() -> SchemaRegistryClient.create(withUser(registry.url()),
        Duration.ofSeconds(5), "bob:hunter2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("credentials are given twice")
        .hasMessageContaining("alice:***@")
        .satisfies(e -> assertThat(allMessages(e)).doesNotContain(ENCODED, "p@ss", "hunter2"));
  }

  @Test
  void neverShowsThePasswordInAnyMessage() {
    String down = FakeRegistry.unreachableUrl();
    registry.answer("POST", "/subjects/a/versions", 503, "{\"message\": \"down\"}");
    registry.answer("POST", "/subjects/b/versions", 401, "{\"error_code\": 40101}");
    registry.answer("POST", "/subjects/c/versions", 200, "{\"id\": -1}");
    SchemaRegistryClient client = SchemaRegistryClient.create(
        withUser(registry.url()) + "," + withUser(down), Duration.ofSeconds(2), null);

    for (String subject : new String[] {"a", "b", "c"}) {
      assertThatThrownBy(() -> client.register(subject, SCHEMA))
          .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(allMessages(e)).doesNotContain(ENCODED).doesNotContain("p@ss")
                .contains("alice:***@127.0.0.1");
            assertThat(e.url()).doesNotContain(ENCODED).contains("alice:***@");
          });
    }
  }

  @Test
  void hidesThePasswordOfAUrlThatDoesNotParse() {
    assertThatThrownBy(() -> SchemaRegistryClient.create("http://alice:p ss@host:8081",
        Duration.ofSeconds(5), null))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(allMessages(e)).doesNotContain("p ss").contains("***"));
    assertThat(SchemaRegistryClient.redact("http://a:b@h:1,https://h2,c:d@h3"))
        .isEqualTo("http://a:***@h:1,https://h2,c:***@h3");
  }

  @Test
  void refusesATimeoutThatIsNotPositive() {
    assertThatThrownBy(() -> SchemaRegistryClient.create(registry.url(), Duration.ZERO, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive, was PT0S");
    assertThatThrownBy(() -> SchemaRegistryClient.create(registry.url(), Duration.ofSeconds(-1),
        null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive, was PT-1S");
  }
}
