package dev.typedproducer.internal.rules;

import static dev.typedproducer.internal.rules.RuleFixtures.NOW;
import static dev.typedproducer.internal.rules.RuleFixtures.event;
import static dev.typedproducer.internal.rules.RuleFixtures.parse;
import static dev.typedproducer.internal.rules.RuleFixtures.schema;
import static dev.typedproducer.internal.rules.RuleFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.typedproducer.RuleViolation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule on every type it fits, passing and failing at its boundary. */
class RulesTest {
  private static final String DECIMAL =
      "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 12, \"scale\": 6}";
  private static final String MILLIS = "{\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}";
  private static final String MICROS = "{\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}";
  private static final String FLOATS = "{\"type\": \"array\", \"items\": \"float\"}";
  private static final String DOUBLE_MAP = "{\"type\": \"map\", \"values\": \"double\"}";
  private static final String STRINGS = "{\"type\": \"array\", \"items\": \"string\"}";
  private static final String STRING_MAP = "{\"type\": \"map\", \"values\": \"string\"}";

  /** type, rules, value, whether it passes. */
  static Stream<Arguments> boundaries() {
    return Stream.of(
        arguments("\"int\"", "{\"min\": 0}", 0, true),
        arguments("\"int\"", "{\"min\": 0}", -1, false),
        arguments("\"int\"", "{\"minExclusive\": 0}", 1, true),
        arguments("\"int\"", "{\"minExclusive\": 0}", 0, false),
        arguments("\"int\"", "{\"max\": 10}", 10, true),
        arguments("\"int\"", "{\"max\": 10}", 11, false),
        arguments("\"int\"", "{\"maxExclusive\": 10}", 9, true),
        arguments("\"int\"", "{\"maxExclusive\": 10}", 10, false),
        arguments("\"long\"", "{\"min\": 9007199254740993}", 9007199254740993L, true),
        arguments("\"long\"", "{\"min\": 9007199254740993}", 9007199254740992L, false),
        arguments("\"long\"", "{\"max\": -1}", -1L, true),
        arguments("\"long\"", "{\"maxExclusive\": -1}", -1L, false),
        arguments("\"float\"", "{\"min\": 0, \"max\": 1}", 1.0f, true),
        arguments("\"float\"", "{\"min\": 0, \"max\": 1}", Math.nextUp(1.0f), false),
        arguments("\"float\"", "{\"min\": 0, \"max\": 1}", -0.0f, true),
        arguments("\"float\"", "{\"min\": 0, \"max\": 1}", Float.NaN, false),
        arguments("\"float\"", "{\"minExclusive\": 0}", Float.MIN_VALUE, true),
        arguments("\"float\"", "{\"minExclusive\": 0}", 0.0f, false),
        arguments("\"double\"", "{\"maxExclusive\": 0.5}", Math.nextDown(0.5), true),
        arguments("\"double\"", "{\"maxExclusive\": 0.5}", 0.5, false),
        arguments("\"double\"", "{\"min\": -1.5}", -1.5, true),
        arguments("\"double\"", "{\"min\": -1.5}", Double.NEGATIVE_INFINITY, false),
        arguments(DECIMAL, "{\"min\": 0}", new BigDecimal("0.000000"), true),
        arguments(DECIMAL, "{\"min\": 0}", new BigDecimal("-0.000001"), false),
        arguments(DECIMAL, "{\"maxExclusive\": 100.5}", new BigDecimal("100.499999"), true),
        arguments(DECIMAL, "{\"maxExclusive\": 100.5}", new BigDecimal("100.500000"), false),
        arguments("\"float\"", "{\"finite\": true}", Float.MAX_VALUE, true),
        arguments("\"float\"", "{\"finite\": true}", Float.NaN, false),
        arguments("\"double\"", "{\"finite\": true}", -Double.MAX_VALUE, true),
        arguments("\"double\"", "{\"finite\": true}", Double.POSITIVE_INFINITY, false),
        arguments("\"double\"", "{\"finite\": true}", Double.NEGATIVE_INFINITY, false),
        arguments(FLOATS, "{\"finite\": true}", floats(1f, 2f), true),
        arguments(FLOATS, "{\"finite\": true}", floats(1f, Float.NaN), false),
        arguments(DOUBLE_MAP, "{\"finite\": true}", Map.of("a", 1.0), true),
        arguments(DOUBLE_MAP, "{\"finite\": true}", Map.of("a", Double.NaN), false),
        arguments("\"string\"", "{\"notBlank\": true}", " x ", true),
        arguments("\"string\"", "{\"notBlank\": true}", " \t\n", false),
        arguments("\"string\"", "{\"notBlank\": true}", "", false),
        arguments("\"string\"", "{\"minLength\": 2}", "ab", true),
        arguments("\"string\"", "{\"minLength\": 2}", "a", false),
        arguments("\"string\"", "{\"minLength\": 2}", "\uD83D\uDE00", false), // one code point
        arguments("\"string\"", "{\"maxLength\": 2}", "\uD83D\uDE00\uD83D\uDE00", true),
        arguments("\"string\"", "{\"maxLength\": 2}", "abc", false),
        arguments("\"string\"", "{\"pattern\": \"[a-z]+\"}", "abc", true),
        arguments("\"string\"", "{\"pattern\": \"[a-z]+\"}", "abc1", false), // whole value
        arguments("\"string\"", "{\"oneOf\": [\"ranker\", \"embedder\"]}", "ranker", true),
        arguments("\"string\"", "{\"oneOf\": [\"ranker\", \"embedder\"]}", "Ranker", false),
        arguments(FLOATS, "{\"size\": 3}", floats(1f, 2f, 3f), true),
        arguments(FLOATS, "{\"size\": 3}", floats(1f, 2f), false),
        arguments(FLOATS, "{\"size\": 3}", floats(1f, 2f, 3f, 4f), false),
        arguments(STRINGS, "{\"minItems\": 1}", List.of("a"), true),
        arguments(STRINGS, "{\"minItems\": 1}", List.of(), false),
        arguments(STRINGS, "{\"maxItems\": 1}", List.of("a"), true),
        arguments(STRINGS, "{\"maxItems\": 1}", List.of("a", "b"), false),
        arguments(STRING_MAP, "{\"minItems\": 1}", Map.of("a", "x"), true),
        arguments(STRING_MAP, "{\"minItems\": 1}", Map.of(), false),
        arguments(STRING_MAP, "{\"maxItems\": 1}", Map.of("a", "x", "b", "y"), false),
        arguments(STRING_MAP, "{\"size\": 2}", Map.of("a", "x", "b", "y"), true),
        arguments(STRINGS, "{\"items\": {\"notBlank\": true}}", List.of("a", "b"), true),
        arguments(STRINGS, "{\"items\": {\"notBlank\": true}}", List.of("a", " "), false),
        arguments(STRING_MAP, "{\"values\": {\"maxLength\": 1}}", Map.of("k", "x"), true),
        arguments(STRING_MAP, "{\"values\": {\"maxLength\": 1}}", Map.of("k", "xy"), false),
        arguments(MILLIS, "{\"notBefore\": \"2020-01-01T00:00:00Z\"}",
            Instant.parse("2020-01-01T00:00:00Z"), true),
        arguments(MILLIS, "{\"notBefore\": \"2020-01-01T00:00:00Z\"}",
            Instant.parse("2019-12-31T23:59:59.999Z"), false),
        arguments(MILLIS, "{\"notAfterNow\": \"PT5M\"}", NOW.plus(Duration.ofMinutes(5)), true),
        arguments(MILLIS, "{\"notAfterNow\": \"PT5M\"}",
            NOW.plus(Duration.ofMinutes(5)).plusMillis(1), false),
        arguments(MILLIS, "{\"notAfterNow\": \"PT0S\"}", NOW, true),
        arguments(MILLIS, "{\"notAfterNow\": \"PT0S\"}", NOW.plusNanos(1), false),
        arguments(MICROS, "{\"notBefore\": \"2020-01-01T00:00:00Z\"}",
            Instant.parse("2020-01-01T00:00:00Z"), true),
        arguments(MICROS, "{\"notBefore\": \"2020-01-01T00:00:00Z\"}",
            Instant.parse("2019-12-31T23:59:59.999999Z"), false),
        arguments(MICROS, "{\"notAfterNow\": \"PT1S\"}", NOW.plusSeconds(1), true),
        arguments(MICROS, "{\"notAfterNow\": \"PT1S\"}", NOW.plusSeconds(1).plusNanos(1000), false),
        // a field without the date conversion holds the raw number in its unit
        arguments(MILLIS, "{\"notBefore\": \"1970-01-01T00:00:01Z\"}", 1000L, true),
        arguments(MILLIS, "{\"notBefore\": \"1970-01-01T00:00:01Z\"}", 999L, false),
        arguments(MICROS, "{\"notAfterNow\": \"PT0S\"}", NOW.toEpochMilli() * 1000, true),
        arguments(MICROS, "{\"notAfterNow\": \"PT0S\"}", NOW.toEpochMilli() * 1000 + 1000, false),
        // nullable fields: the rule is on the non-null branch, and null passes
        arguments("[\"null\", \"float\"]", "{\"min\": 0, \"max\": 1}", null, true),
        arguments("[\"null\", \"float\"]", "{\"min\": 0, \"max\": 1}", 0.5f, true),
        arguments("[\"null\", \"float\"]", "{\"min\": 0, \"max\": 1}", 1.7f, false),
        arguments("[\"null\", \"string\"]", "{\"notBlank\": true}", "", false),
        arguments("{\"type\": \"array\", \"items\": [\"null\", \"double\"]}", "{\"finite\": true}",
            Arrays.asList(1.0, null), true),
        arguments("{\"type\": \"array\", \"items\": [\"null\", \"double\"]}", "{\"finite\": true}",
            Arrays.asList(null, Double.NaN), false));
  }

  @ParameterizedTest(name = "{0} {1}: {2} passes={3}")
  @MethodSource("boundaries")
  void checksEachRuleAtItsBoundary(String type, String rules, Object value, boolean passes) {
    List<RuleViolation> found = violations(schema(type, rules), value);

    assertThat(found.isEmpty()).as("%s", found).isEqualTo(passes);
    found.forEach(v -> assertThat(v.path()).startsWith("v"));
  }

  @Test
  void reportsEveryViolationWithPathRuleValueAndWhatTheRuleAsks() {
    Schema schema = parse(
        "{\"name\": \"features\", \"type\": " + FLOATS
            + ", \"kafka.rules\": {\"size\": 4, \"finite\": true}}",
        "{\"name\": \"score\", \"type\": [\"null\", \"float\"], \"kafka.rules\": {\"max\": 1}}",
        "{\"name\": \"model\", \"type\": \"string\", \"kafka.rules\": {\"notBlank\": true}}");
    GenericData.Record event = new GenericData.Record(schema);
    event.put("id", "k");
    event.put("features", floats(1f, Float.NaN, Float.POSITIVE_INFINITY));
    event.put("score", 1.7f);
    event.put("model", " ");

    List<RuleViolation> found = Rules.of(schema, "test", RuleFixtures.CLOCK).violations(event);

    assertThat(found).extracting(RuleViolation::path, RuleViolation::rule, RuleViolation::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("features", "size", "3 items"),
            org.assertj.core.groups.Tuple.tuple("features/1", "finite", "NaN"),
            org.assertj.core.groups.Tuple.tuple("features/2", "finite", "Infinity"),
            org.assertj.core.groups.Tuple.tuple("score", "max", "1.7"),
            org.assertj.core.groups.Tuple.tuple("model", "notBlank", "\" \""));
    assertThat(found.get(0).message()).isEqualTo("features must have exactly 4 items, was 3 items");
    assertThat(found.get(1).message())
        .isEqualTo("features/1 must be finite (not NaN or Infinity), was NaN");
    assertThat(found.get(3).message()).isEqualTo("score must be at most 1, was 1.7");
  }

  @Test
  void checksFieldsOfNestedRecordsInsideUnionsArraysAndMaps() {
    String item = "{\"type\": \"record\", \"name\": \"Item\", \"fields\": [{\"name\": \"price\","
        + " \"type\": \"double\", \"kafka.rules\": {\"min\": 0}}]}";
    Schema schema = parse("{\"name\": \"main\", \"type\": [\"null\", " + item + "]}",
        "{\"name\": \"items\", \"type\": {\"type\": \"array\", \"items\": \"Item\"}}",
        "{\"name\": \"byName\", \"type\": {\"type\": \"map\", \"values\": \"Item\"}}");
    Schema itemSchema = schema.getField("items").schema().getElementType();
    GenericData.Record event = new GenericData.Record(schema);
    event.put("id", "k");
    event.put("main", price(itemSchema, -1));
    event.put("items", List.of(price(itemSchema, 1), price(itemSchema, -2)));
    Map<String, Object> byName = new LinkedHashMap<>();
    byName.put("ok", price(itemSchema, 3));
    byName.put("bad", price(itemSchema, -3));
    event.put("byName", byName);

    List<RuleViolation> found = Rules.of(schema, "test", RuleFixtures.CLOCK).violations(event);

    assertThat(found).extracting(RuleViolation::path)
        .containsExactly("main/price", "items/1/price", "byName/bad/price");
  }

  @Test
  void checksRecursiveRecordsAtEveryDepth() {
    Schema schema = new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"Node\","
        + " \"fields\": [{\"name\": \"id\", \"type\": \"string\", \"kafka.key\": true},"
        + " {\"name\": \"weight\", \"type\": \"double\", \"kafka.rules\": {\"finite\": true}},"
        + " {\"name\": \"next\", \"type\": [\"null\", \"Node\"], \"default\": null}]}");
    GenericData.Record leaf = new GenericData.Record(schema);
    leaf.put("id", "c");
    leaf.put("weight", Double.NaN);
    GenericData.Record middle = new GenericData.Record(schema);
    middle.put("id", "b");
    middle.put("weight", 1.0);
    middle.put("next", leaf);
    GenericData.Record root = new GenericData.Record(schema);
    root.put("id", "a");
    root.put("weight", 2.0);
    root.put("next", middle);

    assertThat(Rules.of(schema, "test", RuleFixtures.CLOCK).violations(root))
        .extracting(RuleViolation::path).containsExactly("next/next/weight");
  }

  @Test
  void hidesTheValueOfASensitiveField() {
    Schema schema = parse("{\"name\": \"email\", \"type\": \"string\", \"kafka.sensitive\": true,"
        + " \"kafka.rules\": {\"pattern\": \"[^@]+@[^@]+\"}}");
    GenericData.Record event = new GenericData.Record(schema);
    event.put("id", "k");
    event.put("email", "alice.example.com");

    RuleViolation v = Rules.of(schema, "test", RuleFixtures.CLOCK).violations(event).get(0);

    assertThat(v.value()).isNull();
    assertThat(v.message()).doesNotContain("alice").contains("value hidden");
  }

  @Test
  void shortensLongValues() {
    String text = "x".repeat(5000);

    RuleViolation v = violations(schema("\"string\"", "{\"maxLength\": 10}"), text).get(0);

    assertThat(v.value()).startsWith("\"xxx").contains("...\"").endsWith("(5000 characters)");
    assertThat(v.value().length()).isLessThan(90);
  }

  @Test
  void aSchemaWithoutRulesChecksNothing() {
    Schema schema = parse("{\"name\": \"v\", \"type\": \"double\"}");

    Rules rules = Rules.of(schema, "test", RuleFixtures.CLOCK);

    assertThat(rules.isEmpty()).isTrue();
    assertThat(rules.violations(event(schema, Double.NaN))).isEmpty();
  }

  @Test
  void aGoodEventGetsTheSharedEmptyList() {
    Schema schema = schema("\"double\"", "{\"finite\": true}");
    Rules rules = Rules.of(schema, "test", RuleFixtures.CLOCK);

    assertThat(rules.violations(event(schema, 1.0))).isSameAs(List.of());
  }

  @Test
  void notAfterNowReadsTheClockOnlyForAValueLaterThanItLastShowed() {
    Schema schema = schema(MILLIS, "{\"notAfterNow\": \"PT5M\"}");
    SteppingClock clock = new SteppingClock(NOW);
    Rules rules = Rules.of(schema, "test", clock);

    for (int i = 0; i < 1_000; i++) {
      assertThat(rules.violations(event(schema, NOW.minusSeconds(i)))).isEmpty();
    }
    assertThat(clock.reads).isEqualTo(1);
    assertThat(rules.violations(event(schema, NOW.plus(Duration.ofMinutes(6))))).hasSize(1);

    clock.now = NOW.plus(Duration.ofMinutes(2));
    int before = clock.reads;
    assertThat(rules.violations(event(schema, NOW.plus(Duration.ofMinutes(6))))).isEmpty();
    assertThat(clock.reads).isEqualTo(before + 1);
  }

  /** A clock that shows what the test sets, and counts how often it is read. */
  private static final class SteppingClock extends java.time.Clock {
    Instant now;
    int reads;

    SteppingClock(Instant now) {
      this.now = now;
    }

    @Override
    public long millis() {
      reads++;
      return now.toEpochMilli();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private static GenericData.Record price(Schema item, double price) {
    GenericData.Record record = new GenericData.Record(item);
    record.put("price", price);
    return record;
  }

  private static List<Float> floats(float... values) {
    List<Float> list = new ArrayList<>();
    for (float v : values) {
      list.add(v);
    }
    return list;
  }
}
