package dev.typedproducer.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Each merged test of {@link FieldCheck} gives, at and around every boundary, the verdict the
 * compiled rules give ({@link Rules#violations} on the same value): the encoder's one-pass check
 * and the explanation can never disagree.
 */
class FieldCheckTest {
  @Test
  void wholeRangesAgreeAtTheirBoundsAndAtTheEndsOfLong() {
    long[] values = {Long.MIN_VALUE, -2, -1, 0, 1, 2, 9, 10, 11, Long.MAX_VALUE - 1, Long.MAX_VALUE};
    for (String rules : List.of("{\"min\": 0}", "{\"minExclusive\": 0}", "{\"max\": 10}",
        "{\"maxExclusive\": 10}", "{\"min\": 1, \"maxExclusive\": 10}",
        "{\"minExclusive\": 9223372036854775807}", "{\"maxExclusive\": -9223372036854775808}",
        "{\"max\": 9223372036854775807, \"min\": -9223372036854775808}")) {
      FieldCheck check = check("\"long\"", rules);
      assertThat(check.kind()).isEqualTo(FieldCheck.Kind.WHOLE);
      for (long v : values) {
        assertThat(check.passesWhole(v)).as("%s on %s", rules, v).isEqualTo(keeps("\"long\"", rules, v));
      }
    }
  }

  @Test
  void realRangesAgreeOnBoundsZerosNanAndInfinities() {
    double[] values = {Double.NEGATIVE_INFINITY, -1, -Double.MIN_VALUE, -0.0, 0.0,
        Double.MIN_VALUE, 0.5, 1, Math.nextUp(1.0), Double.MAX_VALUE, Double.POSITIVE_INFINITY,
        Double.NaN};
    for (String rules : List.of("{\"min\": 0, \"max\": 1}", "{\"minExclusive\": 0}",
        "{\"maxExclusive\": 1}", "{\"finite\": true}", "{\"finite\": true, \"min\": -1}",
        "{\"max\": 1}", "{\"minExclusive\": 0, \"maxExclusive\": 1}")) {
      FieldCheck check = check("\"double\"", rules);
      assertThat(check.kind()).isEqualTo(FieldCheck.Kind.REAL);
      for (double v : values) {
        assertThat(check.passesReal(v)).as("%s on %s", rules, v).isEqualTo(keeps("\"double\"", rules, v));
      }
    }
  }

  @Test
  void textRulesAgreeOnLengthsBlanksAndSurrogatePairs() {
    String pair = "\uD83D\uDE00"; // one code point, two chars
    List<String> values = List.of("", " ", "\t\n", "\u00A0", "a", " a", "ab", "abc", pair,
        pair + pair, pair + pair + pair, "abcd", "\u2003", "Ab");
    for (String rules : List.of("{\"notBlank\": true}", "{\"minLength\": 2}",
        "{\"maxLength\": 2}", "{\"minLength\": 2, \"maxLength\": 3, \"notBlank\": true}",
        "{\"pattern\": \"[a-z]+\", \"maxLength\": 3}", "{\"oneOf\": [\"a\", \"ab\"]}")) {
      FieldCheck check = check("\"string\"", rules);
      assertThat(check.kind()).isEqualTo(FieldCheck.Kind.TEXT);
      for (String v : values) {
        assertThat(check.passesText(v)).as("%s on '%s'", rules, v).isEqualTo(keeps("\"string\"", rules, v));
      }
    }
  }

  @Test
  void floatArraySizesAgree() {
    String type = "{\"type\": \"array\", \"items\": \"float\"}";
    for (String rules : List.of("{\"size\": 3}", "{\"minItems\": 2, \"maxItems\": 4}",
        "{\"size\": 3, \"finite\": true}", "{\"items\": {\"finite\": true}, \"maxItems\": 3}")) {
      FieldCheck check = check(type, rules);
      assertThat(check.kind()).isEqualTo(FieldCheck.Kind.FLOATS);
      for (int size = 0; size <= 5; size++) {
        List<Float> items = new ArrayList<>(Collections.nCopies(size, 1f));
        assertThat(check.passesCount(size)).as("%s on %s items", rules, size)
            .isEqualTo(keeps(type, rules, items));
      }
      assertThat(check.finiteItems()).isEqualTo(rules.contains("finite"));
    }
  }

  @Test
  void decimalBoundsAgreeAsUnscaledLongsIncludingBoundsFinerThanTheScale() {
    String type = "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 12,"
        + " \"scale\": 2}";
    List<BigDecimal> values = List.of(new BigDecimal("-0.01"), new BigDecimal("0.00"),
        new BigDecimal("0.01"), new BigDecimal("0.02"), new BigDecimal("9.99"),
        new BigDecimal("10.00"), new BigDecimal("10.01"));
    for (String rules : List.of("{\"min\": 0}", "{\"minExclusive\": 0}", "{\"max\": 10}",
        "{\"maxExclusive\": 10}", "{\"min\": 0.005}", "{\"minExclusive\": 0.005}",
        "{\"max\": 9.995}", "{\"maxExclusive\": 9.995}", "{\"min\": 1e30}", "{\"max\": -1e30}")) {
      FieldCheck check = check(type, rules);
      assertThat(check.kind()).isEqualTo(FieldCheck.Kind.DECIMAL);
      for (BigDecimal v : values) {
        long unscaled = v.unscaledValue().longValueExact();
        assertThat(check.passesDecimal(v, unscaled)).as("%s on %s", rules, v)
            .isEqualTo(keeps(type, rules, v));
      }
    }
  }

  @Test
  void timeRulesAgreeOnInstantsAndRawMillis() {
    String type = "{\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}";
    String rules = "{\"notBefore\": \"2020-01-01T00:00:00Z\", \"notAfterNow\": \"PT1M\"}";
    FieldCheck check = check(type, rules);
    assertThat(check.kind()).isEqualTo(FieldCheck.Kind.TIME);
    Instant start = Instant.parse("2020-01-01T00:00:00Z");
    Instant latest = RuleFixtures.NOW.plusSeconds(60);
    for (Instant v : List.of(start.minusNanos(1), start, start.plusMillis(1), latest,
        latest.plusNanos(1), latest.plusMillis(1), Instant.EPOCH)) {
      assertThat(check.passes(v)).as("%s", v).isEqualTo(keeps(type, rules, v));
      assertThat(check.passes(v.toEpochMilli())).as("%s as millis", v)
          .isEqualTo(keeps(type, rules, v.toEpochMilli()));
    }
  }

  @Test
  void rulesThatReachInsideAValueAreLeftToTheCompiledRules() {
    assertThat(check("{\"type\": \"map\", \"values\": \"string\"}",
        "{\"values\": {\"oneOf\": [\"a\"]}}").kind()).isEqualTo(FieldCheck.Kind.OTHER);
    assertThat(check("{\"type\": \"array\", \"items\": \"double\"}", "{\"finite\": true}").kind())
        .isEqualTo(FieldCheck.Kind.OTHER);
  }

  @Test
  void aValueOfAnotherTypeThanTheSchemasIsJudgedAsTheRulesJudgeIt() {
    String type = "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 4,"
        + " \"scale\": 2}";
    FieldCheck check = check(type, "{\"min\": 0}");
    ByteBuffer raw = ByteBuffer.wrap(new byte[] {-1}); // a class without the decimal conversion

    assertThat(check.passes(raw)).isEqualTo(keeps(type, "{\"min\": 0}", raw));
  }

  private static FieldCheck check(String type, String rules) {
    Schema schema = RuleFixtures.schema(type, rules);
    Rules compiled = Rules.of(schema, "test", RuleFixtures.CLOCK);
    return compiled.byField() == null ? null : compiled.byField().check(1);
  }

  private static boolean keeps(String type, String rules, Object value) {
    return RuleFixtures.violations(RuleFixtures.schema(type, rules), value).isEmpty();
  }
}
