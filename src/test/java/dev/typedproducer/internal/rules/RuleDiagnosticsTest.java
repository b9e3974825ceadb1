package dev.typedproducer.internal.rules;

import static dev.typedproducer.internal.rules.RuleFixtures.parse;
import static dev.typedproducer.internal.rules.RuleFixtures.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.typedproducer.Diagnostic;
import dev.typedproducer.InvalidSchemaException;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A malformed rule is a diagnostic with an id, the field, the offending value and a fix. */
class RuleDiagnosticsTest {
  /** type, rules, expected id, a text the problem must contain. */
  static Stream<Arguments> malformed() {
    return Stream.of(
        arguments("\"int\"", "{\"maximum\": 3}", Rules.UNKNOWN, "\"maximum\""),
        arguments("\"int\"", "[\"min\", 0]", Rules.VALUE_INVALID, "JSON object"),
        arguments("\"string\"", "{\"finite\": true}", Rules.TYPE_MISMATCH, "string"),
        arguments("\"string\"", "{\"min\": 0}", Rules.TYPE_MISMATCH, "\"min\""),
        arguments("\"double\"", "{\"notBlank\": true}", Rules.TYPE_MISMATCH, "double"),
        arguments("\"int\"", "{\"size\": 3}", Rules.TYPE_MISMATCH, "\"size\""),
        arguments("{\"type\": \"array\", \"items\": \"string\"}", "{\"finite\": true}",
            Rules.TYPE_MISMATCH, "\"finite\""),
        arguments("{\"type\": \"map\", \"values\": \"int\"}", "{\"items\": {\"min\": 0}}",
            Rules.TYPE_MISMATCH, "\"items\""),
        arguments("{\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}", "{\"min\": 0}",
            Rules.TYPE_MISMATCH, "timestamp-millis"),
        arguments("\"long\"", "{\"notAfterNow\": \"PT1M\"}", Rules.TYPE_MISMATCH, "notAfterNow"),
        arguments("{\"type\": \"string\", \"logicalType\": \"uuid\"}", "{\"notBlank\": true}",
            Rules.TYPE_MISMATCH, "uuid"),
        arguments("[\"null\", \"int\", \"string\"]", "{\"min\": 0}", Rules.TYPE_MISMATCH,
            "union of several types"),
        arguments("{\"type\": \"record\", \"name\": \"R\", \"fields\": []}", "{\"min\": 0}",
            Rules.TYPE_MISMATCH, "record"),
        arguments("\"string\"", "{\"pattern\": \"[a-\"}", Rules.PATTERN_INVALID, "\"[a-\""),
        arguments("\"string\"", "{\"pattern\": 3}", Rules.VALUE_INVALID, "pattern"),
        arguments("\"int\"", "{\"min\": 5, \"max\": 4}", Rules.RANGE_EMPTY, "allow no value"),
        arguments("\"double\"", "{\"min\": 1, \"maxExclusive\": 1}", Rules.RANGE_EMPTY, "exclusive"),
        arguments("\"string\"", "{\"minLength\": 3, \"maxLength\": 2}", Rules.RANGE_EMPTY, "minLength"),
        arguments("{\"type\": \"array\", \"items\": \"int\"}", "{\"minItems\": 3, \"maxItems\": 2}",
            Rules.RANGE_EMPTY, "minItems"),
        arguments("{\"type\": \"array\", \"items\": \"int\"}", "{\"size\": 5, \"maxItems\": 2}",
            Rules.RANGE_EMPTY, "\"size\": 5"),
        arguments("\"string\"", "{\"oneOf\": []}", Rules.RANGE_EMPTY, "oneOf"),
        arguments("\"string\"", "{\"oneOf\": \"a\"}", Rules.VALUE_INVALID, "JSON array"),
        arguments("\"int\"", "{\"min\": 0.5}", Rules.VALUE_INVALID, "whole number"),
        arguments("\"int\"", "{\"min\": \"0\"}", Rules.VALUE_INVALID, "\"0\""),
        arguments("{\"type\": \"array\", \"items\": \"int\"}", "{\"size\": -1}",
            Rules.VALUE_INVALID, "-1"),
        arguments("\"string\"", "{\"maxLength\": 2.5}", Rules.VALUE_INVALID, "2.5"),
        arguments("\"float\"", "{\"finite\": false}", Rules.VALUE_INVALID, "false"),
        arguments("\"string\"", "{\"notBlank\": \"yes\"}", Rules.VALUE_INVALID, "\"yes\""),
        arguments("{\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}",
            "{\"notBefore\": \"last year\"}", Rules.VALUE_INVALID, "ISO-8601"),
        arguments("{\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}",
            "{\"notAfterNow\": \"-PT1M\"}", Rules.VALUE_INVALID, "-PT1M"),
        arguments("{\"type\": \"array\", \"items\": \"string\"}",
            "{\"items\": {\"pattern\": \"(\"}}", Rules.PATTERN_INVALID, "v/items"));
  }

  @ParameterizedTest(name = "{1} on {0}: {2}")
  @MethodSource("malformed")
  void reportsAMalformedRule(String type, String rules, String id, String mentions) {
    List<Diagnostic> found = Rules.check(schema(type, rules), "schemas/e.avsc");

    assertThat(found).hasSize(1);
    Diagnostic d = found.get(0);
    assertThat(d.id()).isEqualTo(id);
    assertThat(d.source()).isEqualTo("schemas/e.avsc");
    assertThat(d.record()).isEqualTo("t.E");
    assertThat(d.field()).startsWith("v");
    assertThat(d.problem()).contains(mentions);
    assertThat(d.fix()).isNotBlank();
  }

  @Test
  void namesTheRulesThatFitTheType() {
    Diagnostic d = Rules.check(schema("\"string\"", "{\"finite\": true}"), "s").get(0);

    assertThat(d.fix()).contains("notBlank, minLength, maxLength, pattern, oneOf");
  }

  @Test
  void listsTheVocabularyForAnUnknownRule() {
    Diagnostic d = Rules.check(schema("\"int\"", "{\"maxx\": 1}"), "s").get(0);

    assertThat(d.fix()).contains("min", "maxExclusive", "notAfterNow");
  }

  @Test
  void reportsRulesInNestedRecordsWithTheirPath() {
    Schema schema = parse("{\"name\": \"address\", \"type\": {\"type\": \"record\", \"name\": \"A\","
        + " \"fields\": [{\"name\": \"zip\", \"type\": \"string\", \"kafka.rules\": {\"size\": 5}}]}}");

    assertThat(Rules.check(schema, "s")).extracting(Diagnostic::id, Diagnostic::field)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Rules.TYPE_MISMATCH, "address/zip"));
  }

  @Test
  void reportsEveryMalformedRuleAtOnce() {
    Schema schema = parse(
        "{\"name\": \"a\", \"type\": \"int\", \"kafka.rules\": {\"mn\": 1, \"max\": \"x\"}}",
        "{\"name\": \"b\", \"type\": \"string\", \"kafka.sensitive\": \"yes\"}");

    assertThat(Rules.check(schema, "s")).extracting(Diagnostic::id)
        .containsExactly(Rules.UNKNOWN, Rules.VALUE_INVALID, Rules.VALUE_INVALID);
  }

  @Test
  void compilingAMalformedSchemaThrowsItsDiagnostics() {
    assertThatThrownBy(() -> Rules.of(schema("\"int\"", "{\"min\": 2, \"max\": 1}"), "class t.E",
        RuleFixtures.CLOCK))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessageContaining("[RuleRangeEmpty] class t.E");
  }

  @Test
  void acceptsWellFormedRulesOnEveryType() {
    Schema schema = parse(
        "{\"name\": \"a\", \"type\": \"int\", \"kafka.rules\": {\"min\": 0, \"maxExclusive\": 9}}",
        "{\"name\": \"b\", \"type\": {\"type\": \"array\", \"items\": \"float\"},"
            + " \"kafka.rules\": {\"size\": 3, \"finite\": true, \"items\": {\"min\": -1}}}",
        "{\"name\": \"c\", \"type\": \"string\", \"kafka.sensitive\": true,"
            + " \"kafka.rules\": {\"notBlank\": true, \"pattern\": \"\\\\w+\", \"maxLength\": 9}}",
        "{\"name\": \"d\", \"type\": {\"type\": \"long\", \"logicalType\": \"timestamp-micros\"},"
            + " \"kafka.rules\": {\"notBefore\": \"2020-01-01T00:00:00Z\", \"notAfterNow\": \"PT5M\"}}");

    assertThat(Rules.check(schema, "s")).isEmpty();
  }
}
