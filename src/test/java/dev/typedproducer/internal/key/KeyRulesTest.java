package dev.typedproducer.internal.key;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.Diagnostic;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyRulesTest {
  private static final String SOURCE = "schemas/x.avsc";

  private static Schema record(String fields) {
    return new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"X\",\"namespace\":\"com.acme\",\"fields\":[" + fields + "]}");
  }

  private static List<Diagnostic> check(String fields) {
    return KeyRules.check(record(fields), SOURCE);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\"string\"",
      "{\"type\":\"string\",\"logicalType\":\"uuid\"}",
      "\"int\"",
      "\"long\"",
      "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}"})
  void acceptsSupportedKeyTypes(String type) {
    assertThat(check("{\"name\":\"id\",\"type\":" + type + ",\"kafka.key\":true}")).isEmpty();
  }

  @Test
  void reportsMissingKeyFieldWithIdFileAndRecord() {
    List<Diagnostic> found = check("{\"name\":\"id\",\"type\":\"string\"}");

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.id()).isEqualTo("KeyFieldMissing");
      assertThat(d.source()).isEqualTo(SOURCE);
      assertThat(d.record()).isEqualTo("com.acme.X");
      assertThat(d.toString()).startsWith("[KeyFieldMissing] schemas/x.avsc: record com.acme.X"
          + " has no field marked \"kafka.key\": true");
      assertThat(d.fix()).contains("\"kafka.key\": true");
    });
  }

  @Test
  void treatsKeyFalseAsUnmarked() {
    assertThat(check("{\"name\":\"id\",\"type\":\"string\",\"kafka.key\":false}"))
        .extracting(Diagnostic::id).containsExactly("KeyFieldMissing");
  }

  @Test
  void reportsTwoMarkedFieldsByName() {
    List<Diagnostic> found = check("{\"name\":\"a\",\"type\":\"string\",\"kafka.key\":true},"
        + "{\"name\":\"b\",\"type\":\"long\",\"kafka.key\":true}");

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.id()).isEqualTo("KeyFieldDuplicate");
      assertThat(d.problem()).contains("a, b");
    });
  }

  @Test
  void reportsNullableKeyWithField() {
    List<Diagnostic> found =
        check("{\"name\":\"id\",\"type\":[\"null\",\"string\"],\"default\":null,\"kafka.key\":true}");

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.id()).isEqualTo("KeyFieldNullable");
      assertThat(d.field()).isEqualTo("id");
      assertThat(d.toString()).contains("key field id of record com.acme.X is nullable");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\"double\"",
      "\"bytes\"",
      "\"boolean\"",
      "{\"type\":\"array\",\"items\":\"string\"}",
      "{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}",
      "{\"type\":\"int\",\"logicalType\":\"date\"}",
      "[\"string\",\"int\"]",
      "{\"type\":\"record\",\"name\":\"Inner\",\"fields\":[]}"})
  void rejectsUnsupportedKeyTypes(String type) {
    List<Diagnostic> found = check("{\"name\":\"id\",\"type\":" + type + ",\"kafka.key\":true}");

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.id()).isEqualTo("KeyFieldUnsupportedType");
      assertThat(d.field()).isEqualTo("id");
      assertThat(d.problem()).contains("string, uuid (string with logicalType uuid), int, long or enum");
    });
  }

  @Test
  void namesTheLogicalTypeOfARejectedKey() {
    assertThat(check("{\"name\":\"at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},"
        + "\"kafka.key\":true}"))
        .singleElement().extracting(Diagnostic::problem).asString()
        .contains("long with logicalType timestamp-millis");
  }

  @Test
  void rejectsKeyPropertyThatIsNotBooleanTrue() {
    List<Diagnostic> found = check("{\"name\":\"id\",\"type\":\"string\",\"kafka.key\":\"true\"}");

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.id()).isEqualTo("KeyPropertyInvalid");
      assertThat(d.problem()).contains("\"kafka.key\": \"true\"");
    });
  }

  @Test
  void reportsKeyMarkOnNestedRecordField() {
    List<Diagnostic> found = check("{\"name\":\"id\",\"type\":\"string\",\"kafka.key\":true},"
        + "{\"name\":\"inner\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"Inner\","
        + "\"fields\":[{\"name\":\"nested_id\",\"type\":\"string\",\"kafka.key\":true}]}]}");

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.id()).isEqualTo("KeyFieldNested");
      assertThat(d.field()).isEqualTo("nested_id");
      assertThat(d.problem()).contains("com.acme.Inner");
    });
  }

  @Test
  void survivesRecursiveSchemas() {
    assertThat(check("{\"name\":\"id\",\"type\":\"string\",\"kafka.key\":true},"
        + "{\"name\":\"next\",\"type\":[\"null\",\"X\"],\"default\":null}")).isEmpty();
  }
}
