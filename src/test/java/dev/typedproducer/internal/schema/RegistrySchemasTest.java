package dev.typedproducer.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.events.UserClick;
import dev.typedproducer.events.ml.InferenceRequest;
import java.io.File;
import java.io.IOException;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class RegistrySchemasTest {
  private static Schema file(String name) throws IOException {
    return new Schema.Parser().parse(new File("schemas/" + name));
  }

  @Test
  void generatedClassAndItsSchemaFileGiveTheRegistryTheSameText() throws IOException {
    assertThat(UserClick.getClassSchema().toString()).contains("avro.java.string");

    assertThat(RegistrySchemas.text(UserClick.getClassSchema()))
        .isEqualTo(RegistrySchemas.text(file("user_clicks.avsc")))
        .isEqualTo(file("user_clicks.avsc").toString())
        .doesNotContain("avro.java.string");
    assertThat(RegistrySchemas.text(InferenceRequest.getClassSchema()))
        .isEqualTo(file("inference_requests.avsc").toString());
  }

  @Test
  void keepsDocsDefaultsAndOtherProperties() throws IOException {
    Schema stripped = RegistrySchemas.withoutJavaProperties(UserClick.getClassSchema());

    assertThat(stripped.getDoc()).startsWith("A user interacted with a page");
    assertThat(stripped.getProp("kafka.topic")).isEqualTo("user_clicks");
    assertThat(stripped.getField("user_id").getObjectProp("kafka.key")).isEqualTo(true);
    assertThat(stripped.getField("referrer").defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
    assertThat(stripped).isEqualTo(file("user_clicks.avsc"));
  }

  @Test
  void leavesDefaultValuesThatLookLikeTheProperty() {
    Schema schema = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":["
        + "{\"name\":\"m\",\"type\":{\"type\":\"map\",\"values\":{\"type\":\"string\","
        + "\"avro.java.string\":\"String\"},\"avro.java.string\":\"String\"},"
        + "\"default\":{\"avro.java.string\":\"kept\"}}]}");

    String text = RegistrySchemas.text(schema);

    assertThat(text).isEqualTo("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"m\","
        + "\"type\":{\"type\":\"map\",\"values\":\"string\"},\"default\":{\"avro.java.string\":\"kept\"}}]}");
  }
}
