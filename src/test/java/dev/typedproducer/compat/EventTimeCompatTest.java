package dev.typedproducer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** A change of the event-time field is a meaning finding, EventTimeChanged. */
class EventTimeCompatTest {
  private static final String MILLIS =
      "{\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}";

  private static String evt(String allow, String aMark, String bMark) {
    return "{\"type\": \"record\", \"name\": \"Evt\", \"namespace\": \"corpus\", \"kafka.topic\":"
        + " \"corpus\"" + allow + ", \"fields\": [{\"name\": \"id\", \"type\": \"string\","
        + " \"kafka.key\": true}, {\"name\": \"a\", \"type\": " + MILLIS + aMark + "},"
        + " {\"name\": \"b\", \"type\": " + MILLIS + bMark + "}]}";
  }

  private static List<Finding> changes(String before, String after) {
    return SemanticRules.check(new Schema.Parser().parse(after),
        new SchemaVersion(new Schema.Parser().parse(before), "version 1"));
  }

  private static final String MARK = ", \"kafka.timestamp\": true";

  @Test
  void reportsTheEventTimeMovedToAnotherField() {
    assertThat(changes(evt("", MARK, ""), evt("", "", MARK))).singleElement().satisfies(f -> {
      assertThat(f.id()).isEqualTo("EventTimeChanged");
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(f.problem()).contains("from a to b").contains("window")
          .contains("compared with version 1");
      assertThat(f.fix()).contains("\"kafka.compat.allow\": [\"EventTimeChanged\"]");
    });
  }

  @Test
  void reportsAnEventTimeAddedOrRemoved() {
    assertThat(changes(evt("", "", ""), evt("", MARK, ""))).singleElement()
        .satisfies(f -> assertThat(f.problem()).contains("now marks a"));
    assertThat(changes(evt("", MARK, ""), evt("", "", ""))).singleElement()
        .satisfies(f -> assertThat(f.problem()).contains("no longer marks a"));
  }

  @Test
  void findsNothingWhenTheEventTimeStaysAndAcceptsAnAllowedChange() {
    assertThat(changes(evt("", MARK, ""), evt("", MARK, ""))).isEmpty();
    assertThat(changes(evt("", MARK, ""),
        evt(", \"kafka.compat.allow\": [\"EventTimeChanged\"]", "", MARK)))
        .singleElement().satisfies(f -> assertThat(f.accepted()).isTrue());
  }
}
