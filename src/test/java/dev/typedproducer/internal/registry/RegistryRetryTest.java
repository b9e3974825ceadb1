package dev.typedproducer.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.SchemaRegistryException;
import dev.typedproducer.testing.FakeRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Within the start-up window, failures that may pass are tried again after a capped, jittered,
 * exponential backoff; refusals are not; error codes say what happened and what to do.
 */
class RegistryRetryTest {
  private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"X\",\"fields\":[]}";
  private static final String REGISTER = "/subjects/s/versions";
  private final FakeRegistry registry = FakeRegistry.start();

  @AfterEach
  void stop() {
    registry.close();
  }

  private static SchemaRegistryClient client(String url, Duration timeout, Duration window) {
    return SchemaRegistryClient.create(url, new SchemaRegistryClient.Settings(
        timeout, window, null, null, null));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "503|{\"error_code\": 50003, \"message\": \"Error while forwarding the request\"}",
      "500|{\"error_code\": 50001, \"message\": \"Error in the backend datastore\"}",
      "502|<html><body>Bad Gateway</body></html>",
      "408|{\"error_code\": 408, \"message\": \"timeout\"}",
      "429|{\"message\": \"Too Many Requests\"}"})
  void triesAgainAfterAFailureThatMayPass(int status, String answer) {
    registry.failNext(3, status, answer).answer("POST", REGISTER, 200, "{\"id\": 21}");

    assertThat(client(registry.url(), Duration.ofSeconds(2), Duration.ofSeconds(10))
        .register("s", SCHEMA)).isEqualTo(21);
    assertThat(registry.requests()).hasSize(4);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "401|{\"error_code\": 40101, \"message\": \"Unauthorized\"}",
      "403|{\"error_code\": 40301, \"message\": \"Forbidden\"}",
      "404|{\"error_code\": 40401, \"message\": \"Subject not found\"}",
      "409|{\"error_code\": 409, \"message\": \"incompatible\"}",
      "422|{\"error_code\": 42201, \"message\": \"Invalid schema\"}"})
  void neverTriesARefusalAgain(int status, String answer) {
    registry.answer("POST", REGISTER, status, answer);

    assertThatThrownBy(() -> client(registry.url(), Duration.ofSeconds(2), Duration.ofSeconds(10))
        .register("s", SCHEMA))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.isRetriable()).isFalse());
    assertThat(registry.requests()).hasSize(1);
  }

  @Test
  void givesUpWhenTheWindowHasPassedSayingHowOftenAndHowLong() {
    String down = FakeRegistry.unreachableUrl();
    long start = System.nanoTime();

    assertThatThrownBy(() -> client(down, Duration.ofSeconds(1), Duration.ofMillis(1500))
        .register("s", SCHEMA))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.isRetriable()).isTrue();
          assertThat(e.getCause()).isInstanceOf(SchemaRegistryException.class);
        })
        .hasMessageContaining("Cannot reach the schema registry at " + down)
        .hasMessageMatching("(?s).*Gave up after ([4-9]|1\\d) attempts in 1[45]\\d\\d ms: the"
            + " start-up window of 1500 ms \\(startupTimeout\\) has passed\\.");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofMillis(1500), Duration.ofMillis(2500));
  }

  @Test
  void boundsARegistryThatAcceptsAndNeverAnswersByTheRequestTimeout() throws IOException {
    // The kernel accepts connections into the backlog; nobody ever reads or answers them.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + silent.getLocalPort();
      long start = System.nanoTime();

      assertThatThrownBy(() -> client(url, Duration.ofMillis(700), Duration.ofMillis(1000))
          .register("s", SCHEMA))
          .isInstanceOf(SchemaRegistryException.class)
          .hasMessageContainingAll("HttpTimeoutException", "Gave up after 2 attempts");
      // Two attempts of 700 ms and a backoff: each attempt is cut at the request timeout.
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(Duration.ofMillis(1400), Duration.ofMillis(2600));
    }
  }

  @Test
  void backsOffExponentiallyWithJitterUpToFiveSeconds() {
    RetryWindow window = new RetryWindow(Duration.ofMinutes(5));
    window.open();
    List<Long> drawn = new ArrayList<>();
    for (int attempt = 1; attempt <= 12; attempt++) {
      long ceiling = Math.min(5000, 200L << (attempt - 1));
      Duration wait = window.backoff(attempt);
      assertThat(wait.toMillis()).as("attempt %d", attempt).isBetween(ceiling / 2, ceiling);
      drawn.add(wait.toNanos());
    }
    assertThat(drawn.subList(6, 12)).as("capped, and jittered").allMatch(n -> n <= 5e9)
        .doesNotHaveDuplicates();
  }

  @Test
  void neverWaitsPastTheWindowAndStopsOnceItHasPassed() throws InterruptedException {
    RetryWindow window = new RetryWindow(Duration.ofMillis(300));
    window.open();

    assertThat(window.backoff(10)).isLessThanOrEqualTo(Duration.ofMillis(300));
    Thread.sleep(350);
    assertThat(window.backoff(1)).isNull();
  }

  @Test
  void asksTheTokenSupplierAgainWhenTheRegistryRefusesTheToken() {
    AtomicInteger asked = new AtomicInteger();
    registry.failNext(1, 401, "{\"error_code\": 40101, \"message\": \"token expired\"}")
        .answer("POST", REGISTER, 200, "{\"id\": 21}");
    SchemaRegistryClient client = SchemaRegistryClient.create(registry.url(),
        new SchemaRegistryClient.Settings(Duration.ofSeconds(2), Duration.ZERO, null,
            () -> "token-" + asked.incrementAndGet(), null));

    assertThat(client.register("s", SCHEMA)).isEqualTo(21);
    assertThat(client.register("s", SCHEMA)).isEqualTo(21);
    assertThat(registry.requests()).extracting(FakeRegistry.Request::authorization)
        .containsExactly("Bearer token-1", "Bearer token-2", "Bearer token-2");
  }

  @Test
  void refusesBasicAuthAndABearerTokenTogether() {
    assertThatThrownBy(() -> SchemaRegistryClient.create(registry.url(),
        new SchemaRegistryClient.Settings(Duration.ofSeconds(2), Duration.ZERO, "u:p",
            () -> "t", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("credentials are given twice");
  }

  static Stream<Arguments> errorCodes() {
    return RegistryErrors.all().entrySet().stream().filter(e -> e.getKey() != 409)
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "error_code {0}")
  @MethodSource("errorCodes")
  void explainsEveryKnownErrorCode(int code, RegistryErrors.Meaning meaning) {
    int status = code / 100;
    registry.answer("POST", REGISTER, status,
        "{\"error_code\": " + code + ", \"message\": \"registry's words\"}");

    assertThatThrownBy(() -> client(registry.url(), Duration.ofSeconds(2), Duration.ZERO)
        .register("s", SCHEMA))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(code);
          assertThat(e.isRetriable()).isEqualTo(status >= 500);
        })
        .hasMessageContainingAll("HTTP " + status + " error_code " + code
            + " \"registry's words\"", meaning.happened() + ". " + meaning.fix());
  }
}
