package dev.typedproducer.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.events.UserClick;
import dev.typedproducer.events.orders.OrderPaid;
import dev.typedproducer.events.shared.EventMetadata;
import dev.typedproducer.internal.schema.RegistrySchemas;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The referencing form of a schema: record types by name, and which types those are. */
class ReferencedSchemasTest {
  private static final String A = "{\"type\":\"record\",\"name\":\"A\",\"namespace\":\"n\","
      + "\"fields\":[{\"name\":\"bs\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\","
      + "\"name\":\"B\",\"fields\":[{\"name\":\"c\",\"type\":{\"type\":\"record\",\"name\":\"C\","
      + "\"namespace\":\"m\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}}]}}},"
      + "{\"name\":\"again\",\"type\":[\"null\",\"B\"]}]}";

  @Test
  void namesTheSharedTypeInsteadOfInliningIt() {
    String text = ReferencedSchemas.text(OrderPaid.getClassSchema());

    assertThat(text).contains("\"type\":[\"null\",\"dev.typedproducer.events.shared.EventMetadata\"]")
        .doesNotContain("event_id").doesNotContain("avro.java.string");
    Schema parsed = new Schema.Parser()
        .addTypes(java.util.List.of(RegistrySchemas.withoutJavaProperties(
            EventMetadata.getClassSchema())))
        .parse(text);
    assertThat(parsed).isEqualTo(RegistrySchemas.withoutJavaProperties(OrderPaid.getClassSchema()));
  }

  @Test
  void referencesRecordTypesOnlyAndEachOnce() {
    assertThat(ReferencedSchemas.referencedTypes(UserClick.getClassSchema())).isEmpty();
    assertThat(ReferencedSchemas.text(UserClick.getClassSchema()))
        .isEqualTo(RegistrySchemas.text(UserClick.getClassSchema()));

    Schema a = new Schema.Parser().parse(A);
    Schema b = a.getField("bs").schema().getElementType();

    assertThat(ReferencedSchemas.referencedTypes(a)).extracting(Schema::getFullName)
        .containsExactly("n.B");
    assertThat(ReferencedSchemas.referencedTypes(b)).extracting(Schema::getFullName)
        .containsExactly("m.C");
    assertThat(ReferencedSchemas.text(a)).isEqualTo("{\"type\":\"record\",\"name\":\"A\","
        + "\"namespace\":\"n\",\"fields\":[{\"name\":\"bs\",\"type\":{\"type\":\"array\","
        + "\"items\":\"n.B\"}},{\"name\":\"again\",\"type\":[\"null\",\"B\"]}]}");
    assertThat(ReferencedSchemas.text(b)).isEqualTo("{\"type\":\"record\",\"name\":\"B\","
        + "\"namespace\":\"n\",\"fields\":[{\"name\":\"c\",\"type\":\"m.C\"}]}");
  }
}
