package dev.typedproducer.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.SchemaRegistryException;
import dev.typedproducer.testing.FakeRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {
  private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"X\",\"fields\":[]}";
  private final FakeRegistry registry = FakeRegistry.start();

  @AfterEach
  void stop() {
    registry.close();
  }

  private SchemaRegistryClient client() {
    return SchemaRegistryClient.create(registry.url(), Duration.ofSeconds(5), null);
  }

  @Test
  void looksUpASchemaWithTheRegistryContentType() {
    registry.answer("POST", "/subjects/user_clicks-value", 200,
        "{\"subject\":\"user_clicks-value\",\"version\":1,\"id\":7,\"schema\":\"...\"}");

    assertThat(client().lookup("user_clicks-value", SCHEMA)).contains(7);
    FakeRegistry.Request request = registry.requests().get(0);
    assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(request.body()).isEqualTo("{\"schema\":\"{\\\"type\\\":\\\"record\\\","
        + "\\\"name\\\":\\\"X\\\",\\\"fields\\\":[]}\"}");
  }

  @Test
  void treatsSubjectOrSchemaNotFoundAsNotRegistered() {
    registry.answer("POST", "/subjects/a-value", 404, "{\"error_code\":40401,\"message\":\"x\"}");
    registry.answer("POST", "/subjects/b-value", 404, "{\"error_code\":40403,\"message\":\"x\"}");

    assertThat(client().lookup("a-value", SCHEMA)).isEmpty();
    assertThat(client().lookup("b-value", SCHEMA)).isEmpty();
  }

  @Test
  void explainsA404ThatIsNotFromARegistry() {
    assertThatThrownBy(() -> client().lookup("a-value", SCHEMA))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("is not a schema registry's: HTTP 404 <html>no such page</html>")
        .hasMessageContaining("Check the registry URL (" + registry.url() + ")")
        .hasMessageContaining("for Apicurio Registry it ends in /apis/ccompat/v7");
  }

  @Test
  void registersAndReturnsTheId() {
    registry.answer("POST", "/subjects/user_clicks-value/versions", 200, "{\"id\":12}");

    assertThat(client().register("user_clicks-value", SCHEMA)).isEqualTo(12);
  }

  @Test
  void encodesSubjectsInThePath() {
    registry.answer("POST", "/subjects/a%2Fb%20c/versions", 200, "{\"id\":3}");

    assertThat(client().register("a/b c", SCHEMA)).isEqualTo(3);
  }

  @Test
  void keepsThePathOfTheBaseUrl() {
    registry.answer("POST", "/apis/ccompat/v7/subjects/s/versions", 200, "{\"id\":4}");

    assertThat(SchemaRegistryClient.create(registry.url() + "/apis/ccompat/v7", Duration.ofSeconds(5),
        null).register("s", SCHEMA)).isEqualTo(4);
  }

  @Test
  void reportsARefusalWithStatusCodeMessageAndSubject() {
    registry.answer("POST", "/subjects/s/versions", 409,
        "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}");

    assertThatThrownBy(() -> client().register("s", SCHEMA))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(409);
          assertThat(e.errorCode()).isEqualTo(409);
          assertThat(e.subject()).isEqualTo("s");
          assertThat(e.isRetriable()).isFalse();
        })
        .hasMessageContaining("refused to register the schema for subject s: HTTP 409")
        .hasMessageContaining("Schema being registered is incompatible")
        .hasMessageContaining("not compatible");
  }

  @Test
  void marksServerErrorsRetriable() {
    registry.answer("GET", "/schemas/ids/1", 503, "{\"error_code\":50003,\"message\":\"down\"}");

    assertThatThrownBy(() -> client().schemaById(1))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.isRetriable()).isTrue());
  }

  @Test
  void namesTheUrlWhenTheRegistryIsUnreachable() {
    String url = FakeRegistry.unreachableUrl();

    assertThatThrownBy(() -> SchemaRegistryClient.create(url, Duration.ofSeconds(2), null)
        .lookup("s", SCHEMA))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.isRetriable()).isTrue();
          assertThat(e.url()).isEqualTo(url);
        })
        .hasMessageContaining("Cannot reach the schema registry at " + url + "/subjects/s")
        .hasMessageContaining("ConnectException")
        .hasMessageContaining("is running");
  }

  @Test
  void triesTheNextUrlWhenOneIsUnreachable() {
    String down = FakeRegistry.unreachableUrl();
    registry.answer("GET", "/schemas/ids/5", 200, "{\"schema\":\"\\\"string\\\"\"}");

    assertThat(SchemaRegistryClient.create(down + "," + registry.url(),
        Duration.ofSeconds(2), null).schemaById(5)).isEqualTo("\"string\"");
  }

  @Test
  void sendsBasicCredentials() {
    registry.answer("GET", "/schemas/ids/5", 200, "{\"schema\":\"\\\"string\\\"\"}");

    SchemaRegistryClient.create(registry.url(), Duration.ofSeconds(2), "key:secret").schemaById(5);

    assertThat(registry.requests().get(0).authorization()).isEqualTo("Basic a2V5OnNlY3JldA==");
  }

  @Test
  void rejectsUrlsThatAreNotHttp() {
    assertThatThrownBy(() -> SchemaRegistryClient.create("localhost:8081", Duration.ofSeconds(1), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an http:// or https:// URL");
  }
}
