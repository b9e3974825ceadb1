package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.events.UserClick;
import dev.typedproducer.testing.FakeRegistry;
import dev.typedproducer.testing.ProducerLeakCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Registry answers build() cannot use, one row each: each fails build() with a
 * {@link SchemaRegistryException} that names the registry URL, the subject and the HTTP status,
 * says whether trying again later may help, and leaves no producer open. A registry that is down,
 * one that does not have the schema (404 40401) and a wrong URL answering a 404 page are in
 * {@code TypedProducerBuilderTest}, {@code SchemaRegistryClientTest} and {@code TypedProducerIT}.
 */
@ExtendWith(ProducerLeakCheck.class)
class BadRegistryTest {
  private static final String LOOKUP = "/subjects/user_clicks-value";
  private static final String REGISTER = "/subjects/user_clicks-value/versions";

  private final FakeRegistry registry = FakeRegistry.start();

  @AfterEach
  void stop() {
    registry.close();
  }

  private TypedProducerBuilder<UserClick> clicks(String url) {
    // withoutBrokerCheck: a build() that wrongly gets past the registry must not wait for brokers
    // (and the tests close what it builds).
    // A short start-up window: a retriable answer is tried again for 1 s, not 30.
    return TypedProducer.builder(UserClick.class).bootstrapServers("localhost:9092")
        .schemaRegistryUrl(url).startupTimeout(Duration.ofSeconds(1)).withoutBrokerCheck();
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        row("401 on look-up", false, LOOKUP, 401, 40101, "Unauthorized", false,
            "Check the registry credentials (schemaRegistryBasicAuth"),
        row("403 on look-up", false, LOOKUP, 403, 40301,
            "User is denied operation Read on Subject: user_clicks-value", false,
            "Ask the registry's owners to grant the principal access to the subject."),
        row("409 on register", true, REGISTER, 409, 409, "Schema being registered is"
            + " incompatible with an earlier schema", false, "The schema is not compatible with"
            + " the versions already registered under user_clicks-value"),
        row("422 on register", true, REGISTER, 422, 42201, "Invalid schema", false,
            "The registry finds the schema invalid. Check the schema (validate)"),
        row("500 on look-up", false, LOOKUP, 500, 50001, "Error in the backend datastore", true,
            "The registry's storage failed. Try again later"));
  }

  private static Arguments row(String name, boolean register, String path, int status,
      int errorCode, String message, boolean retriable, String fix) {
    return Arguments.of(name, register, path, status, errorCode, message, retriable, fix);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void failsBuildNamingTheRegistrySubjectAndStatus(String row, boolean register, String path,
      int status, int errorCode, String message, boolean retriable, String fix) {
    registry.answer("POST", path, status,
        "{\"error_code\":" + errorCode + ",\"message\":\"" + message + "\"}");

    assertThatThrownBy(() -> clicks(registry.url()).autoRegisterSchema(register).build().close())
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.url()).isEqualTo(registry.url());
          assertThat(e.subject()).isEqualTo("user_clicks-value");
          assertThat(e.httpStatus()).isEqualTo(status);
          assertThat(e.errorCode()).isEqualTo(errorCode);
          assertThat(e.isRetriable()).isEqualTo(retriable);
        })
        .hasMessageContainingAll("The schema registry at " + registry.url() + " refused to "
            + (register ? "register" : "look up") + " the schema for subject user_clicks-value:"
            + " HTTP " + status + " error_code " + errorCode + " \"" + message + "\"", fix);
    assertThat(registry.requests()).extracting(FakeRegistry.Request::path).containsOnly(path);
    // 4xx is the registry's answer about the request: asking again would give the same.
    if (retriable) {
      assertThat(registry.requests()).as("tried again within the 1 s window").hasSizeGreaterThan(2);
    } else {
      assertThat(registry.requests()).as("never tried again").hasSize(1);
    }
  }

  /** Needs branch wt-registry: on main the page is read as an answer without an id (id 0). */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<html><body>Welcome to nginx!</body></html>", "{\"status\":\"UP\"}"})
  void failsBuildOnA200AnswerThatIsNotARegistrys(String answer) {
    registry.answer("POST", LOOKUP, 200, answer);

    assertThatThrownBy(() -> clicks(registry.url()).build().close())
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.url()).isEqualTo(registry.url());
          assertThat(e.httpStatus()).isEqualTo(200);
          assertThat(e.isRetriable()).isFalse();
        })
        .hasMessageContaining(registry.url());
  }

  @Test
  void failsBuildWithinTheRegistryTimeoutWhenTheRegistryNeverAnswers() throws IOException {
    // The kernel accepts connections into the backlog; nobody ever reads or answers them.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + silent.getLocalPort();
      long start = System.nanoTime();

      assertThatThrownBy(
          () -> clicks(url).schemaRegistryTimeout(Duration.ofSeconds(1)).build().close())
          .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.url()).isEqualTo(url);
            assertThat(e.httpStatus()).isZero();
            assertThat(e.isRetriable()).isTrue();
          })
          .hasMessageContainingAll("Cannot reach the schema registry at " + url,
              "HttpTimeoutException", "then try again");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }
  }
}
