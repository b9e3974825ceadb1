package dev.typedproducer.internal.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.Diagnostic;
import dev.typedproducer.InvalidEventException;
import dev.typedproducer.internal.schema.EventRules;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

class EventTimeTest {
  private static final String MILLIS =
      "{\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}";
  private static final String MICROS =
      "{\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}";

  private static Schema record(String... timeFields) {
    StringBuilder fields =
        new StringBuilder("{\"name\": \"id\", \"type\": \"string\", \"kafka.key\": true}");
    for (String field : timeFields) {
      fields.append(", ").append(field);
    }
    return new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"Evt\", \"namespace\":"
        + " \"t\", \"fields\": [" + fields + "]}");
  }

  private static String field(String name, String type, String mark) {
    return "{\"name\": \"" + name + "\", \"type\": " + type + ", \"kafka.timestamp\": " + mark
        + "}";
  }

  private static List<String> ids(Schema schema) {
    return EventRules.check(schema, "schemas/evt.avsc").stream().map(Diagnostic::id).toList();
  }

  @Test
  void acceptsOneMillisMicrosOrNullableInstantFieldAndNone() {
    assertThat(ids(record())).isEmpty();
    assertThat(ids(record(field("at", MILLIS, "true")))).isEmpty();
    assertThat(ids(record(field("at", MICROS, "true")))).isEmpty();
    assertThat(ids(record(field("at", "[\"null\", " + MILLIS + "]", "true")))).isEmpty();
    assertThat(ids(record(field("at", MILLIS, "false")))).isEmpty();
  }

  @Test
  void refusesTwoEventTimeFieldsNamingBoth() {
    List<Diagnostic> found = EventRules.check(
        record(field("a", MILLIS, "true"), field("b", MICROS, "true")), "schemas/evt.avsc");

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.id()).isEqualTo(TimestampRules.TIMESTAMP_FIELD_DUPLICATE);
      assertThat(d.toString()).contains("schemas/evt.avsc").contains("a, b");
    });
  }

  @Test
  void refusesAFieldThatIsNoInstantNamingItsType() {
    assertThat(ids(record(field("at", "\"long\"", "true"))))
        .containsExactly(TimestampRules.TIMESTAMP_FIELD_UNSUPPORTED_TYPE);
    assertThat(ids(record(field("at", "\"string\"", "true"))))
        .containsExactly(TimestampRules.TIMESTAMP_FIELD_UNSUPPORTED_TYPE);
    List<Diagnostic> local = EventRules.check(record(field("at",
        "{\"type\": \"long\", \"logicalType\": \"local-timestamp-millis\"}", "true")), "x.avsc");
    assertThat(local).singleElement().satisfies(d -> {
      assertThat(d.id()).isEqualTo(TimestampRules.TIMESTAMP_FIELD_UNSUPPORTED_TYPE);
      assertThat(d.problem()).contains("local-timestamp-millis");
      assertThat(d.field()).isEqualTo("at");
    });
  }

  @Test
  void refusesAMarkThatIsNotTheBooleanTrue() {
    assertThat(ids(record(field("at", MILLIS, "\"yes\""))))
        .containsExactly(TimestampRules.TIMESTAMP_PROPERTY_INVALID);
  }

  @Test
  void givesEpochMillisFromMillisAndMicrosAndNullForTheProducersClock() {
    Schema millis = record(field("at", MILLIS, "true"));
    GenericData.Record event = new GenericData.Record(millis);
    event.put("id", "a");
    event.put("at", 1_700_000_000_123L);
    assertThat(EventTime.of(millis).timestampOf(event)).isEqualTo(1_700_000_000_123L);

    Schema micros = record(field("at", "[\"null\", " + MICROS + "]", "true"));
    GenericData.Record precise = new GenericData.Record(micros);
    precise.put("id", "a");
    precise.put("at", 1_700_000_000_123_999L);
    assertThat(EventTime.of(micros).timestampOf(precise)).isEqualTo(1_700_000_000_123L);
    precise.put("at", null);
    assertThat(EventTime.of(micros).timestampOf(precise)).isNull();

    assertThat(EventTime.of(record()).timestampOf(precise)).isNull();
  }

  @Test
  void refusesAnEventTimeBefore1970NamingTheField() {
    Schema millis = record(field("at", MILLIS, "true"));
    GenericData.Record event = new GenericData.Record(millis);
    event.put("id", "a");
    event.put("at", -1L);

    assertThatThrownBy(() -> EventTime.of(millis).timestampOf(event)).isInstanceOfSatisfying(
        InvalidEventException.class, e -> {
          assertThat(e.field()).isEqualTo("at");
          assertThat(e).hasMessageContaining("before 1970")
              .hasMessageContaining("Nothing was sent");
        });
  }
}
