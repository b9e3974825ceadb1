package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.testing.IndependentDecoder;
import dev.typedproducer.testing.LocalKafka;
import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.ProducerLeakCheck;
import dev.typedproducer.testing.RealServices;
import dev.typedproducer.testing.RegistryProxy;
import dev.typedproducer.testing.TestCertificates;
import dev.typedproducer.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HTTPS, mutual TLS, bearer tokens and basic auth to the real registry, through a JDK HTTPS proxy
 * in front of it (a real TLS handshake, with certificates keytool makes for this run and deletes
 * after): events sent after such a build() decode with the registered schema; a certificate
 * nobody trusts fails build() at once, not after the start-up window.
 */
@ExtendWith({RealServices.class, ProducerLeakCheck.class})
class RegistryTlsIT {
  private static TestCertificates certs;

  @BeforeAll
  static void makeCertificates() {
    certs = TestCertificates.create();
  }

  @AfterAll
  static void deleteCertificates() {
    certs.delete();
  }

  private static TypedProducerBuilder<UserClick> clicks(LocalKafka kafka, String url,
      String topic) {
    return TypedProducer.builder(UserClick.class).bootstrapServers(kafka.bootstrapServers())
        .schemaRegistryUrl(url).topic(topic).createTopicIfMissing(1).autoRegisterSchema(true);
  }

  private static RegistryTls trusted() {
    return RegistryTls.trustStore(certs.clientTrustStore, certs.password);
  }

  /** Builds, sends one click, and checks it decodes with the schema the registry gave. */
  private static void sendsOne(TypedProducerBuilder<UserClick> builder, LocalKafka kafka,
      LocalSchemaRegistry registry, String topic) throws Exception {
    try (TypedProducer<UserClick> producer = builder.build()) {
      producer.send(UserClick.newBuilder().setUserId("u1").setAction(Action.BUY).setPage("/tls")
          .setOccurredAt(Instant.ofEpochMilli(1_763_800_000_000L)).build()).get();
    }
    List<ConsumerRecord<byte[], byte[]>> records =
        TopicReader.readAll(kafka.bootstrapServers(), topic, 1, Duration.ofSeconds(30));
    assertThat(new IndependentDecoder(registry.url()).decode(records.get(0).value()).value()
        .get("page")).hasToString("/tls");
  }

  @Test
  void sendsWithARegistryServedOverHttpsTrustedThroughATrustStore(LocalKafka kafka,
      LocalSchemaRegistry registry) throws Exception {
    try (RegistryProxy https = RegistryProxy.https(registry.url(), certs.serverContext(), false)) {
      assertThat(https.url()).startsWith("https://");
      sendsOne(clicks(kafka, https.url(), "tls_server").schemaRegistryTls(trusted()), kafka,
          registry, "tls_server");
      assertThat(https.requests()).isEqualTo(1);
    }
  }

  @Test
  void failsAtOnceOnARegistryCertificateNobodyTrusts(LocalKafka kafka,
      LocalSchemaRegistry registry) {
    try (RegistryProxy https = RegistryProxy.https(registry.url(), certs.serverContext(), false)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> clicks(kafka, https.url(), "tls_untrusted").build())
          .isInstanceOfSatisfying(SchemaRegistryException.class,
              e -> assertThat(e.isRetriable()).isFalse())
          .hasMessageContainingAll("The TLS handshake with the schema registry at " + https.url(),
              "SSLHandshakeException", "Check that the trust store (schemaRegistryTls");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void sendsWithMutualTlsPresentingTheKeyStore(LocalKafka kafka, LocalSchemaRegistry registry)
      throws Exception {
    try (RegistryProxy mtls = RegistryProxy.https(registry.url(), certs.serverContext(), true)) {
      sendsOne(clicks(kafka, mtls.url(), "tls_mutual").schemaRegistryTls(
          trusted().withKeyStore(certs.clientKeyStore, certs.password)), kafka, registry,
          "tls_mutual");
      assertThat(mtls.requests()).isEqualTo(1);
    }
  }

  @Test
  void failsWhenTheRegistryRequiresAClientCertificateItDoesNotTrust(LocalKafka kafka,
      LocalSchemaRegistry registry) {
    try (RegistryProxy mtls = RegistryProxy.https(registry.url(), certs.serverContext(), true)) {
      for (RegistryTls tls : List.of(trusted(),
          trusted().withKeyStore(certs.strangerKeyStore, certs.password))) {
        assertThatThrownBy(() -> clicks(kafka, mtls.url(), "tls_stranger")
            .schemaRegistryTls(tls).startupTimeout(Duration.ofSeconds(2)).build())
            .as(tls.toString())
            .isInstanceOf(SchemaRegistryException.class)
            .hasMessageContainingAll(mtls.url(), "check the key store (schemaRegistryTls)");
      }
      assertThat(mtls.requests()).isZero();
    }
  }

  @Test
  void sendsWithABearerTokenAskingTheSupplierAgainOn401(LocalKafka kafka,
      LocalSchemaRegistry registry) throws Exception {
    AtomicInteger asked = new AtomicInteger();
    try (RegistryProxy https = RegistryProxy.https(registry.url(), certs.serverContext(), false)
        .requireAuthorization("Bearer fresh-token")) {
      sendsOne(clicks(kafka, https.url(), "tls_bearer").schemaRegistryTls(trusted())
          .schemaRegistryBearerToken(
              () -> asked.incrementAndGet() == 1 ? "expired" : "fresh-token"),
          kafka, registry, "tls_bearer");
      assertThat(https.authorizations()).containsExactly("Bearer expired", "Bearer fresh-token");
    }
  }

  @Test
  void sendsWithBasicAuthFromTheUrlsUserInfo(LocalKafka kafka, LocalSchemaRegistry registry)
      throws Exception {
    String basic = "Basic " + Base64.getEncoder().encodeToString(
        "svc:p@ss".getBytes(StandardCharsets.UTF_8));
    try (RegistryProxy https = RegistryProxy.https(registry.url(), certs.serverContext(), false)
        .requireAuthorization(basic)) {
      String url = https.url().replace("https://", "https://svc:p%40ss@");
      sendsOne(clicks(kafka, url, "tls_basic").schemaRegistryTls(trusted()), kafka, registry,
          "tls_basic");
      assertThat(https.authorizations()).containsExactly(basic);
    }
  }
}
