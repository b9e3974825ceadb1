package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.events.UserClick;
import dev.typedproducer.testing.FakeRegistry;
import dev.typedproducer.testing.ProducerLeakCheck;
import dev.typedproducer.testing.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Registry passwords and SASL/JAAS secrets never show in exception messages (anywhere in the
 * cause chain), toString() or what is logged, on the paths where build() and send() fail.
 */
@ExtendWith(ProducerLeakCheck.class)
class SecretsTest {
  private static final String URL_PASSWORD = "url-pa55-" + System.nanoTime();
  private static final String BASIC_SECRET = "basic-s3cret-" + System.nanoTime();
  private static final String JAAS_PASSWORD = "jaas-pa55-" + System.nanoTime();
  private static final String BEARER_TOKEN = "bearer-t0ken-" + System.nanoTime();
  private static final String STORE_PASSWORD = "st0re-pa55-" + System.nanoTime();
  private static final Map<String, Object> SASL = Map.of(
      "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
      "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
          + " username=\"svc\" password=\"" + JAAS_PASSWORD + "\";");

  private final FakeRegistry registry = FakeRegistry.start();
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private final List<String> seen = new ArrayList<>();
  private PrintStream out;
  private PrintStream err;

  @BeforeEach
  void captureOutput() {
    out = System.out;
    err = System.err;
    PrintStream capture = new PrintStream(logged, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
  }

  @AfterEach
  void noSecretAnywhere() {
    System.setOut(out);
    System.setErr(err);
    registry.close();
    seen.add(logged.toString(StandardCharsets.UTF_8));
    for (String text : seen) {
      assertThat(text).doesNotContain(URL_PASSWORD).doesNotContain(BASIC_SECRET)
          .doesNotContain(JAAS_PASSWORD).doesNotContain(BEARER_TOKEN)
          .doesNotContain(STORE_PASSWORD);
    }
  }

  /** Everything a caller could print of {@code thrown}. */
  private Throwable remember(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      seen.add(t.toString());
      for (Throwable suppressed : t.getSuppressed()) {
        seen.add(suppressed.toString());
      }
    }
    if (thrown instanceof InvalidConfigException e) {
      seen.add(String.valueOf(e.value()));
    }
    if (thrown instanceof SchemaRegistryException e) {
      seen.add(e.url());
    }
    return thrown;
  }

  private TypedProducerBuilder<UserClick> clicks(String registryUrl) {
    return TypedProducer.builder(UserClick.class).bootstrapServers("localhost:9092")
        .schemaRegistryUrl(registryUrl).kafkaSettings(SASL);
  }

  @Test
  void keepsTheUrlsPasswordOutOfAnUnreachableRegistrysError() {
    String url = FakeRegistry.unreachableUrl().replace("http://", "http://ci:" + URL_PASSWORD + "@");

    assertThatThrownBy(() -> clicks(url).schemaRegistryTimeout(Duration.ofSeconds(2))
        .startupTimeout(Duration.ofSeconds(1)).build())
        .isInstanceOf(SchemaRegistryException.class)
        .satisfies(this::remember)
        .hasMessageContaining("ci:***@");
  }

  @Test
  void keepsTheUrlsPasswordOutOfAMalformedUrlsError() {
    String url = "http://ci:" + URL_PASSWORD + "@registry:notaport";

    assertThatThrownBy(() -> clicks(url).build())
        .isInstanceOfSatisfying(InvalidConfigException.class,
            e -> assertThat(e.setting()).isEqualTo("schemaRegistryUrl"))
        .satisfies(this::remember);
  }

  @Test
  void keepsBasicAuthSecretsOutOfARefusal() {
    registry.answer("POST", "/subjects/user_clicks-value", 401,
        "{\"error_code\":40101,\"message\":\"Unauthorized\"}");

    assertThatThrownBy(() -> clicks(registry.url()).schemaRegistryBasicAuth("key", BASIC_SECRET)
        .build())
        .isInstanceOf(SchemaRegistryException.class)
        .satisfies(this::remember)
        .hasMessageContaining("HTTP 401");
    assertThat(registry.requests()).singleElement()
        .satisfies(request -> assertThat(request.authorization()).startsWith("Basic "));
  }

  @Test
  void keepsTheJaasPasswordOutOfBrokersThatDoNotAnswer() {
    registry.answer("POST", "/subjects/user_clicks-value", 200, "{\"id\":21,\"version\":1}");
    String nobody = FakeRegistry.unreachableUrl().replace("http://", "");

    assertThatThrownBy(() -> clicks(registry.url()).bootstrapServers(nobody)
        .startupTimeout(Duration.ofSeconds(2)).build())
        .isInstanceOf(BrokerException.class)
        .satisfies(this::remember);
  }

  @Test
  void keepsTheJaasPasswordOutOfKafkasRefusalOfAMalformedJaasConfig() {
    registry.answer("POST", "/subjects/user_clicks-value", 200, "{\"id\":21,\"version\":1}");

    assertThatThrownBy(() -> clicks(registry.url())
        .kafkaSetting("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule"
            + " required username=\"svc\" password=\"" + JAAS_PASSWORD + "\"")
        .withoutBrokerCheck().build())
        .isInstanceOf(InvalidConfigException.class)
        .satisfies(this::remember)
        .hasMessageContaining("Kafka refused the producer settings");
  }

  @Test
  void keepsEverySecretOutOfAWorkingProducersToStringAndLogs() {
    registry.answer("POST", "/subjects/user_clicks-value", 200, "{\"id\":21,\"version\":1}");
    String url = registry.url().replace("http://", "http://ci:" + URL_PASSWORD + "@");

    try (TypedProducer<UserClick> producer = clicks(url).withoutBrokerCheck().build()) {
      seen.add(producer.toString());
      seen.add(producer.warnings().toString());
    }
    assertThat(registry.requests()).singleElement()
        .satisfies(request -> assertThat(request.authorization()).startsWith("Basic "));
  }

  @Test
  void keepsTheBearerTokenOutOfARefusal() {
    registry.answer("POST", "/subjects/user_clicks-value", 401,
        "{\"error_code\":40101,\"message\":\"Unauthorized\"}");

    assertThatThrownBy(() -> clicks(registry.url()).schemaRegistryBearerToken(BEARER_TOKEN)
        .build())
        .isInstanceOf(SchemaRegistryException.class)
        .satisfies(this::remember)
        .hasMessageContaining("HTTP 401");
    // Asked with the token, and once more with the supplier's next one.
    assertThat(registry.requests()).extracting(FakeRegistry.Request::authorization)
        .containsExactly("Bearer " + BEARER_TOKEN, "Bearer " + BEARER_TOKEN);
  }

  @Test
  void keepsKeyStorePasswordsOutOfAWrongPasswordsErrorAndToString() {
    TestCertificates certs = TestCertificates.create();
    try {
      RegistryTls wrong = RegistryTls.trustStore(certs.clientTrustStore, STORE_PASSWORD)
          .withKeyStore(certs.clientKeyStore, STORE_PASSWORD);
      seen.add(wrong.toString());

      assertThatThrownBy(() -> clicks(registry.url()).schemaRegistryTls(wrong).build())
          .isInstanceOfSatisfying(InvalidConfigException.class,
              e -> assertThat(e.setting()).isEqualTo("schemaRegistryTls"))
          .satisfies(this::remember)
          .hasMessageContaining(certs.clientTrustStore.toString());
      String right = RegistryTls.trustStore(certs.clientTrustStore, certs.password)
          .withKeyStore(certs.clientKeyStore, certs.password).toString();
      assertThat(right).contains(certs.clientKeyStore.toString()).doesNotContain(certs.password);
    } finally {
      certs.delete();
    }
  }

  @Test
  void keepsTheTokenOutOfAWorkingProducersToStringAndLogs() {
    registry.answer("POST", "/subjects/user_clicks-value", 200, "{\"id\":21,\"version\":1}");

    try (TypedProducer<UserClick> producer = clicks(registry.url())
        .schemaRegistryBearerToken(() -> BEARER_TOKEN).withoutBrokerCheck().build()) {
      seen.add(producer.toString());
    }
    assertThat(registry.requests()).singleElement().extracting(FakeRegistry.Request::authorization)
        .isEqualTo("Bearer " + BEARER_TOKEN);
  }
}
