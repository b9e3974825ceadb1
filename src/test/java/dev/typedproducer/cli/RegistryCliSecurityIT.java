package dev.typedproducer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.internal.registry.SchemaRegistryClient;
import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.RealServices;
import dev.typedproducer.testing.RegistryProxy;
import dev.typedproducer.testing.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code register} and {@code compat} over mutual TLS with a bearer token, against the real
 * registry behind a JDK HTTPS proxy: the options from flags, and from environment variables.
 */
@ExtendWith(RealServices.class)
class RegistryCliSecurityIT {
  private static final String TOKEN = "cli-token-" + System.nanoTime();
  private static TestCertificates certs;
  @TempDir Path dir;

  @BeforeAll
  static void makeCertificates() {
    certs = TestCertificates.create();
  }

  @AfterAll
  static void deleteCertificates() {
    certs.delete();
  }

  private record Run(int code, String out) {}

  private static Run cli(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code = Main.run(args, stream, stream);
    return new Run(code, out.toString(StandardCharsets.UTF_8));
  }

  private Path schemas(String topic) throws IOException {
    Path schemas = Files.createDirectories(dir.resolve("schemas"));
    Files.writeString(schemas.resolve("shipment.avsc"), "{\"type\": \"record\", \"name\":"
        + " \"Shipment\", \"namespace\": \"acme\", \"kafka.topic\": \"" + topic + "\","
        + " \"fields\": [{\"name\": \"id\", \"type\": \"string\", \"kafka.key\": true}]}");
    return schemas;
  }

  private static List<String> securityFlags() {
    return List.of("--registry-trust-store", certs.clientTrustStore.toString(),
        "--registry-trust-store-password", certs.password,
        "--registry-key-store", certs.clientKeyStore.toString(),
        "--registry-key-store-password", certs.password,
        "--registry-bearer-token", TOKEN);
  }

  @Test
  void registersAndChecksOverMutualTlsWithABearerTokenFromFlags(LocalSchemaRegistry registry)
      throws IOException {
    String topic = "shipments_" + Long.toString(System.nanoTime(), 36);
    Path schemas = schemas(topic);
    try (RegistryProxy mtls = RegistryProxy.https(registry.url(), certs.serverContext(), true)
        .requireAuthorization("Bearer " + TOKEN)) {
      List<String> register = new ArrayList<>(List.of("register", "--schemas",
          schemas.toString(), "--registry-url", mtls.url()));
      register.addAll(securityFlags());
      Run registered = cli(register);
      List<String> compat = new ArrayList<>(List.of("compat", "--schemas", schemas.toString(),
          "--registry-url", mtls.url()));
      compat.addAll(securityFlags());
      Run checked = cli(compat);

      assertThat(registered.code()).as(registered.out()).isZero();
      assertThat(registered.out()).contains("registered ").contains(topic + "-value");
      assertThat(checked.code()).as(checked.out()).isZero();
      assertThat(checked.out()).contains("PASS").contains(topic + "-value");
      assertThat(mtls.authorizations()).isNotEmpty().containsOnly("Bearer " + TOKEN);
      assertThat(registered.out() + checked.out()).doesNotContain(TOKEN)
          .doesNotContain(certs.password);
    }
    assertThat(SchemaRegistryClient.create(registry.url(), java.time.Duration.ofSeconds(5), null)
        .versions(topic + "-value")).hasSize(1);
  }

  @Test
  void takesTheSameOptionsFromEnvironmentVariables(LocalSchemaRegistry registry) {
    Map<String, String> env = Map.of(
        "SCHEMA_REGISTRY_TRUST_STORE", certs.clientTrustStore.toString(),
        "SCHEMA_REGISTRY_TRUST_STORE_PASSWORD", certs.password,
        "SCHEMA_REGISTRY_KEY_STORE", certs.clientKeyStore.toString(),
        "SCHEMA_REGISTRY_KEY_STORE_PASSWORD", certs.password,
        "SCHEMA_REGISTRY_BEARER_TOKEN", TOKEN);
    try (RegistryProxy mtls = RegistryProxy.https(registry.url(), certs.serverContext(), true)
        .requireAuthorization("Bearer " + TOKEN)) {
      Args args = Args.parse(List.of(), RegistryArgs.OPTIONS, java.util.Set.of());
      SchemaRegistryClient client = RegistryArgs.client(args, mtls.url(), env::get);

      assertThat(client.globalCompatibility()).isNotBlank();
      assertThat(mtls.authorizations()).containsExactly("Bearer " + TOKEN);
    }
  }

  @Test
  void refusesAKeyStoreWithoutItsPasswordNamingTheVariable() {
    Run run = cli(List.of("compat", "--schemas", dir.toString(), "--registry-url",
        "https://127.0.0.1:1", "--registry-key-store", certs.clientKeyStore.toString()));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).contains("--registry-key-store " + certs.clientKeyStore
        + " needs its password: --registry-key-store-password or"
        + " SCHEMA_REGISTRY_KEY_STORE_PASSWORD");
  }
}
