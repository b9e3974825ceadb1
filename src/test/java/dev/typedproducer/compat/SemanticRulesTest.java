package dev.typedproducer.compat;

import static dev.typedproducer.compat.CompatCorpus.decimal;
import static dev.typedproducer.compat.CompatCorpus.evt;
import static dev.typedproducer.compat.CompatCorpus.field;
import static dev.typedproducer.compat.CompatCorpus.logical;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The meaning checks case by case, beyond the corpus: ids, severities, locations, messages. */
class SemanticRulesTest {
  private static List<Finding> changes(String before, String after) {
    return SemanticRules.check(new Schema.Parser().parse(after),
        new SchemaVersion(new Schema.Parser().parse(before), "version 1"));
  }

  private static String keyed(String keyType, String topic) {
    return "{\"type\": \"record\", \"name\": \"Evt\", \"namespace\": \"corpus\", \"kafka.topic\": \""
        + topic + "\", \"fields\": [{\"name\": \"id\", \"type\": " + keyType + ", \"kafka.key\": true}]}";
  }

  @Test
  void explainsADecimalScaleChangeWithAnExampleAtItsLocation() {
    assertThat(changes(evt(field("amount", decimal(9, 2))), evt(field("amount", decimal(9, 3)))))
        .singleElement().satisfies(f -> {
          assertThat(f.id()).isEqualTo("DecimalScaleChanged");
          assertThat(f.severity()).isEqualTo(Severity.ERROR);
          assertThat(f.location()).isEqualTo("/fields/1/type");
          assertThat(f.problem()).contains("from 2 to 3").contains("12.34 written before is read as 1.234")
              .contains("compared with version 1");
          assertThat(f.against()).isEqualTo("version 1");
        });
  }

  @Test
  void failsANarrowerDecimalPrecisionAndWarnsOfAWiderOne() {
    assertThat(changes(evt(field("a", decimal(12, 2))), evt(field("a", decimal(9, 2)))))
        .singleElement().extracting(Finding::severity).isEqualTo(Severity.ERROR);
    assertThat(changes(evt(field("a", decimal(9, 2))), evt(field("a", decimal(12, 2)))))
        .singleElement().extracting(Finding::severity).isEqualTo(Severity.WARNING);
  }

  @Test
  void reportsUnitChangesOfTimesAndTimestamps() {
    assertThat(changes(evt(field("t", logical("int", "time-millis"))),
        evt(field("t", logical("long", "time-micros")))))
        .extracting(Finding::id).containsExactly("TimeUnitChanged");
    assertThat(changes(evt(field("t", logical("long", "timestamp-micros"))),
        evt(field("t", logical("long", "local-timestamp-nanos")))))
        .extracting(Finding::id).containsExactly("TimestampUnitChanged", "TimestampZoneChanged");
    assertThat(changes(evt(field("t", logical("long", "timestamp-millis"))),
        evt(field("t", logical("long", "timestamp-micros"))))
        .get(0).problem()).contains("off by a factor of 10^3 (1000)");
  }

  @Test
  void reportsOtherLogicalTypeChanges() {
    assertThat(changes(evt(field("d", logical("int", "date"))),
        evt(field("d", logical("int", "time-millis")))))
        .extracting(Finding::id).containsExactly("LogicalTypeChanged");
  }

  @Test
  void looksInsideArraysMapsNestedRecordsAndUnions() {
    String before = evt(field("events", "{\"type\": \"array\", \"items\": {\"type\": \"record\","
        + " \"name\": \"Inner\", \"fields\": [" + field("at", "[\"null\", "
        + logical("long", "timestamp-millis") + "]", "null") + "]}}"));
    String after = before.replace("timestamp-millis", "timestamp-micros");

    assertThat(changes(before, after)).singleElement()
        .extracting(Finding::location).isEqualTo("/fields/1/type/items/fields/0/type/1");
  }

  @Test
  void matchesRenamedFieldsByAlias() {
    assertThat(changes(evt(field("cost", decimal(9, 2))),
        evt("{\"name\": \"price\", \"aliases\": [\"cost\"], \"type\": " + decimal(9, 4) + "}")))
        .extracting(Finding::id).containsExactly("DecimalScaleChanged");
  }

  @Test
  void flagsKeyTypeChangesThatChangeTheKeysStringForm() {
    assertThat(changes(keyed("\"int\"", "t"), keyed("\"long\"", "t"))).isEmpty();
    assertThat(changes(keyed("\"string\"", "t"), keyed(logical("string", "uuid"), "t")))
        .extracting(Finding::id).contains("KeyTypeChanged");
    assertThat(changes(keyed("\"int\"", "t"), keyed("\"string\"", "t")))
        .extracting(Finding::id).containsExactly("KeyTypeChanged");
  }

  @Test
  void warnsOfPromotionsThatLosePrecision() {
    assertThat(changes(evt(field("n", "\"long\"")), evt(field("n", "\"double\""))))
        .singleElement().satisfies(f -> {
          assertThat(f.id()).isEqualTo("LossyNumericPromotion");
          assertThat(f.severity()).isEqualTo(Severity.WARNING);
          assertThat(f.problem()).contains("2^53");
        });
    assertThat(changes(evt(field("n", "\"int\"")), evt(field("n", "\"double\"")))).isEmpty();
    assertThat(changes(evt(field("n", "\"int\"")), evt(field("n", "\"long\"")))).isEmpty();
  }

  @Test
  void acceptsByNameOnTheRecordForAnyFieldAndOnAFieldForItsOwn() {
    String before = evt(field("a", decimal(9, 2)), field("b", decimal(9, 2)));
    String fieldLevel = evt("{\"name\": \"a\", \"type\": " + decimal(9, 3)
        + ", \"kafka.compat.allow\": \"DecimalScaleChanged\"}", field("b", decimal(9, 3)));
    String recordLevel = CompatCorpus.record("Evt", "corpus", "\"kafka.topic\": \"corpus\","
        + " \"kafka.compat.allow\": [\"DecimalScaleChanged\"]", field("a", decimal(9, 3)),
        field("b", decimal(9, 3)));

    assertThat(changes(before, fieldLevel)).extracting(Finding::accepted).containsExactly(true, false);
    assertThat(changes(before, recordLevel)).extracting(Finding::accepted).containsExactly(true, true);
    assertThat(changes(before, recordLevel)).noneMatch(Finding::fails);
  }

  @Test
  void namesAnAliasedRenameButStillReportsIt() {
    String renamed = CompatCorpus.record("Event", "corpus",
        "\"kafka.topic\": \"corpus\", \"aliases\": [\"corpus.Evt\"]");

    assertThat(changes(evt(), renamed)).singleElement().satisfies(f -> {
      assertThat(f.id()).isEqualTo("RecordRenamed");
      assertThat(f.problem()).contains("with an alias").contains("generated class becomes corpus.Event");
    });
  }
}
