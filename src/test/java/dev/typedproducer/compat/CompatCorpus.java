package dev.typedproducer.compat;

import static dev.typedproducer.compat.CompatibilityLevel.BACKWARD;
import static dev.typedproducer.compat.CompatibilityLevel.BACKWARD_TRANSITIVE;
import static dev.typedproducer.compat.CompatibilityLevel.FORWARD;
import static dev.typedproducer.compat.CompatibilityLevel.FORWARD_TRANSITIVE;
import static dev.typedproducer.compat.CompatibilityLevel.FULL;
import static dev.typedproducer.compat.CompatibilityLevel.FULL_TRANSITIVE;
import static dev.typedproducer.compat.CompatibilityLevel.NONE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Schema evolution cases with the verdicts they must get, written down by hand from Avro's
 * resolution rules (B: the new schema reads old data; F: old schemas read new data).
 *
 * <p>{@code avro} lists the levels at which Avro's rules, and so a schema registry, accept the
 * change. {@code findings} lists the meaning-changing findings expected on top ("warn:" marks a
 * warning, "accepted:" one the schema accepts, "forward:" one that is an error at the forward
 * levels and a warning at the others); an error among them fails the change at that level. The offline test, the git-mode test and the registry IT all run this one corpus.
 */
final class CompatCorpus {
  /** One evolution: {@code versions} oldest first, the last is the change under review. */
  record Case(String name, List<String> versions, Set<CompatibilityLevel> avro,
      List<String> findings) {

    /** Whether the whole check (Avro's rules and the meaning checks) passes at {@code level}. */
    boolean passes(CompatibilityLevel level) {
      return avro.contains(level) && meaningPasses(level);
    }

    /** Whether the meaning checks pass at {@code level}: no error among the findings there. */
    boolean meaningPasses(CompatibilityLevel level) {
      return findingsAt(level).stream().noneMatch(f -> !f.contains(":"));
    }

    /** The findings as written at {@code level}: "forward:Id" is "Id" or "warn:Id" there. */
    List<String> findingsAt(CompatibilityLevel level) {
      return findings.stream().map(f -> !f.startsWith("forward:") ? f
          : (level.forward() ? "" : "warn:") + f.substring("forward:".length())).toList();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final Set<CompatibilityLevel> ALL = EnumSet.allOf(CompatibilityLevel.class);
  static final Set<CompatibilityLevel> BACKWARD_ONLY = EnumSet.of(BACKWARD, BACKWARD_TRANSITIVE, NONE);
  static final Set<CompatibilityLevel> FORWARD_ONLY = EnumSet.of(FORWARD, FORWARD_TRANSITIVE, NONE);
  static final Set<CompatibilityLevel> NONE_ONLY = EnumSet.of(NONE);

  private static final String KEY = "{\"name\": \"id\", \"type\": \"string\", \"kafka.key\": true}";

  /** A record {@code corpus.Evt} on topic {@code corpus} with the key field and {@code fields}. */
  static String evt(String... fields) {
    return record("Evt", "corpus", "\"kafka.topic\": \"corpus\"", fields);
  }

  static String record(String name, String namespace, String extra, String... fields) {
    List<String> all = new ArrayList<>();
    all.add(KEY);
    all.addAll(Arrays.asList(fields));
    return "{\"type\": \"record\", \"name\": \"" + name + "\", \"namespace\": \"" + namespace + "\""
        + (extra.isEmpty() ? "" : ", " + extra) + ", \"fields\": [" + String.join(", ", all) + "]}";
  }

  static String field(String name, String type) {
    return "{\"name\": \"" + name + "\", \"type\": " + type + "}";
  }

  static String field(String name, String type, String defaultValue) {
    return "{\"name\": \"" + name + "\", \"type\": " + type + ", \"default\": " + defaultValue + "}";
  }

  /** A field with data rules. */
  static String ruled(String name, String type, String rules) {
    return "{\"name\": \"" + name + "\", \"type\": " + type + ", \"kafka.rules\": " + rules + "}";
  }

  static String ruled(String name, String type, String rules, String defaultValue) {
    return "{\"name\": \"" + name + "\", \"type\": " + type + ", \"kafka.rules\": " + rules
        + ", \"default\": " + defaultValue + "}";
  }

  static String enumOf(String... symbols) {
    return "{\"type\": \"enum\", \"name\": \"Kind\", \"symbols\": [\"" + String.join("\", \"", symbols)
        + "\"]}";
  }

  static String enumWithDefault(String defaultSymbol, String... symbols) {
    return "{\"type\": \"enum\", \"name\": \"Kind\", \"symbols\": [\"" + String.join("\", \"", symbols)
        + "\"], \"default\": \"" + defaultSymbol + "\"}";
  }

  static String decimal(int precision, int scale) {
    return "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": " + precision
        + ", \"scale\": " + scale + "}";
  }

  static String logical(String type, String logicalType) {
    return "{\"type\": \"" + type + "\", \"logicalType\": \"" + logicalType + "\"}";
  }

  static String address(String... fields) {
    return "{\"type\": \"record\", \"name\": \"Address\", \"fields\": ["
        + String.join(", ", fields) + "]}";
  }

  private static Case of(String name, Set<CompatibilityLevel> avro, List<String> findings,
      String... versions) {
    return new Case(name, List.of(versions), avro, findings);
  }

  static List<Case> all() {
    String a = field("a", "\"int\"");
    return List.of(
        of("add field with default", ALL, List.of(),
            evt(a), evt(a, field("b", "\"string\"", "\"x\""))),
        of("add field without default", FORWARD_ONLY, List.of(),
            evt(a), evt(a, field("b", "\"string\""))),
        of("add optional field with null default", ALL, List.of(),
            evt(a), evt(a, field("b", "[\"null\", \"string\"]", "null"))),
        of("remove field with default", ALL, List.of(),
            evt(a, field("b", "\"string\"", "\"x\"")), evt(a)),
        of("remove field without default", BACKWARD_ONLY, List.of(),
            evt(a, field("b", "\"string\"")), evt(a)),
        of("promote int to long", BACKWARD_ONLY, List.of(),
            evt(a), evt(field("a", "\"long\""))),
        of("narrow long to int", FORWARD_ONLY, List.of(),
            evt(field("a", "\"long\"")), evt(a)),
        of("promote int to float", BACKWARD_ONLY, List.of("warn:LossyNumericPromotion"),
            evt(a), evt(field("a", "\"float\""))),
        of("promote string to bytes", ALL, List.of("warn:StringBytesPromotion"),
            evt(field("s", "\"string\"")), evt(field("s", "\"bytes\""))),
        of("enum symbol added without enum default", BACKWARD_ONLY, List.of(),
            evt(field("k", enumOf("A", "B"))), evt(field("k", enumOf("A", "B", "C")))),
        of("enum symbol added with enum default", ALL, List.of(),
            evt(field("k", enumWithDefault("A", "A", "B"))),
            evt(field("k", enumWithDefault("A", "A", "B", "C")))),
        of("enum symbol removed without enum default", FORWARD_ONLY, List.of(),
            evt(field("k", enumOf("A", "B", "C"))), evt(field("k", enumOf("A", "B")))),
        of("enum symbol removed with enum default", ALL, List.of(),
            evt(field("k", enumWithDefault("A", "A", "B", "C"))),
            evt(field("k", enumWithDefault("A", "A", "B")))),
        of("enum default added", ALL, List.of(),
            evt(field("k", enumOf("A", "B"))), evt(field("k", enumWithDefault("A", "A", "B")))),
        of("union widened", BACKWARD_ONLY, List.of(),
            evt(field("u", "[\"null\", \"string\"]", "null")),
            evt(field("u", "[\"null\", \"string\", \"int\"]", "null"))),
        of("union narrowed", FORWARD_ONLY, List.of(),
            evt(field("u", "[\"null\", \"string\", \"int\"]", "null")),
            evt(field("u", "[\"null\", \"string\"]", "null"))),
        of("optional field made required", FORWARD_ONLY, List.of(),
            evt(field("u", "[\"null\", \"string\"]", "null")), evt(field("u", "\"string\""))),
        of("required field made optional", BACKWARD_ONLY, List.of(),
            evt(field("u", "\"string\"")), evt(field("u", "[\"null\", \"string\"]", "null"))),
        of("field renamed without alias", NONE_ONLY, List.of(),
            evt(field("a", "\"string\"")), evt(field("b", "\"string\""))),
        of("field renamed with alias", BACKWARD_ONLY, List.of(),
            evt(field("a", "\"string\"")),
            evt("{\"name\": \"b\", \"type\": \"string\", \"aliases\": [\"a\"]}")),
        of("type changed string to int", NONE_ONLY, List.of(),
            evt(field("s", "\"string\"")), evt(field("s", "\"int\""))),
        of("fixed size changed", NONE_ONLY, List.of(),
            evt(field("f", "{\"type\": \"fixed\", \"name\": \"Hash\", \"size\": 4}")),
            evt(field("f", "{\"type\": \"fixed\", \"name\": \"Hash\", \"size\": 8}"))),
        of("map values promoted int to long", BACKWARD_ONLY, List.of(),
            evt(field("m", "{\"type\": \"map\", \"values\": \"int\"}")),
            evt(field("m", "{\"type\": \"map\", \"values\": \"long\"}"))),
        of("array items changed string to int", NONE_ONLY, List.of(),
            evt(field("xs", "{\"type\": \"array\", \"items\": \"string\"}")),
            evt(field("xs", "{\"type\": \"array\", \"items\": \"int\"}"))),
        of("nested record field added without default", FORWARD_ONLY, List.of(),
            evt(field("addr", address(field("street", "\"string\"")))),
            evt(field("addr", address(field("street", "\"string\""), field("zip", "\"string\""))))),
        of("nested record field added with default", ALL, List.of(),
            evt(field("addr", address(field("street", "\"string\"")))),
            evt(field("addr", address(field("street", "\"string\""),
                field("zip", "\"string\"", "\"\""))))),
        of("record renamed without alias", NONE_ONLY, List.of("RecordRenamed"),
            evt(a), record("Event", "corpus", "\"kafka.topic\": \"corpus\"", a)),
        of("record renamed with alias", BACKWARD_ONLY, List.of("RecordRenamed"),
            evt(a), record("Event", "corpus",
                "\"kafka.topic\": \"corpus\", \"aliases\": [\"corpus.Evt\"]", a)),
        of("record renamed with alias, accepted", BACKWARD_ONLY, List.of("accepted:RecordRenamed"),
            evt(a), record("Event", "corpus", "\"kafka.topic\": \"corpus\", \"aliases\":"
                + " [\"corpus.Evt\"], \"kafka.compat.allow\": [\"RecordRenamed\"]", a)),
        // Avro matches records by unqualified name, so it (and every registry) lets a namespace
        // change through; the generated class moves to another package all the same.
        of("namespace changed", ALL, List.of("RecordRenamed"),
            evt(a), record("Evt", "corpus.v2", "\"kafka.topic\": \"corpus\"", a)),
        of("decimal scale changed", ALL, List.of("DecimalScaleChanged"),
            evt(field("amount", decimal(9, 2))), evt(field("amount", decimal(9, 3)))),
        of("decimal scale changed, accepted", ALL, List.of("accepted:DecimalScaleChanged"),
            evt(field("amount", decimal(9, 2))),
            evt("{\"name\": \"amount\", \"type\": " + decimal(9, 3)
                + ", \"kafka.compat.allow\": [\"DecimalScaleChanged\"]}")),
        of("decimal precision widened", ALL, List.of("warn:DecimalPrecisionChanged"),
            evt(field("amount", decimal(9, 2))), evt(field("amount", decimal(12, 2)))),
        of("timestamp millis to micros", ALL, List.of("TimestampUnitChanged"),
            evt(field("at", logical("long", "timestamp-millis"))),
            evt(field("at", logical("long", "timestamp-micros")))),
        of("timestamp UTC to local", ALL, List.of("TimestampZoneChanged"),
            evt(field("at", logical("long", "timestamp-millis"))),
            evt(field("at", logical("long", "local-timestamp-millis")))),
        // int time-millis to long time-micros is an int-to-long promotion to Avro.
        of("time millis to micros", BACKWARD_ONLY, List.of("TimeUnitChanged"),
            evt(field("t", logical("int", "time-millis"))),
            evt(field("t", logical("long", "time-micros")))),
        of("date changed to time of day", ALL, List.of("LogicalTypeChanged"),
            evt(field("d", logical("int", "date"))), evt(field("d", logical("int", "time-millis")))),
        of("logical type added to long", ALL, List.of("LogicalTypeAdded"),
            evt(field("at", "\"long\"")), evt(field("at", logical("long", "timestamp-millis")))),
        of("uuid removed from string", ALL, List.of("LogicalTypeRemoved"),
            evt(field("ref", logical("string", "uuid"))), evt(field("ref", "\"string\""))),
        of("nullable timestamp unit changed", ALL, List.of("TimestampUnitChanged"),
            evt(field("at", "[\"null\", " + logical("long", "timestamp-millis") + "]", "null")),
            evt(field("at", "[\"null\", " + logical("long", "timestamp-micros") + "]", "null"))),
        of("key field changed", ALL, List.of("KeyFieldChanged"),
            evt(field("user", "\"string\"")),
            record("Evt", "corpus", "\"kafka.topic\": \"corpus\"",
                "{\"name\": \"user\", \"type\": \"string\", \"kafka.key\": true}")
                .replace("\"kafka.key\": true}, {\"name\": \"user\"", "\"kafka.key\": false},"
                    + " {\"name\": \"user\"")),
        of("key type changed from string to uuid", ALL, List.of("KeyTypeChanged", "LogicalTypeAdded"),
            evt(), CompatCorpus.record("Evt", "corpus", "\"kafka.topic\": \"corpus\"")
                .replace("{\"name\": \"id\", \"type\": \"string\"",
                    "{\"name\": \"id\", \"type\": " + logical("string", "uuid"))),
        of("topic changed", ALL, List.of("TopicChanged"),
            evt(a), record("Evt", "corpus", "\"kafka.topic\": \"corpus_v2\"", a)),
        of("max lowered", ALL, List.of("forward:RuleTightened"),
            evt(ruled("score", "\"float\"", "{\"min\": 0, \"max\": 1}")),
            evt(ruled("score", "\"float\"", "{\"min\": 0, \"max\": 0.5}"))),
        of("finite added to the items of an array", ALL, List.of("forward:RuleTightened"),
            evt(field("xs", "{\"type\": \"array\", \"items\": \"double\"}")),
            evt(ruled("xs", "{\"type\": \"array\", \"items\": \"double\"}",
                "{\"finite\": true}"))),
        of("pattern added in a nested record", ALL, List.of("forward:RuleTightened"),
            evt(field("addr", address(field("zip", "\"string\"")))),
            evt(field("addr", address(ruled("zip", "\"string\"", "{\"pattern\": \"[0-9]{5}\"}"))))),
        of("bound made exclusive on a nullable field", ALL, List.of("forward:RuleTightened"),
            evt(ruled("p", "[\"null\", \"double\"]", "{\"min\": 0}", "null")),
            evt(ruled("p", "[\"null\", \"double\"]", "{\"minExclusive\": 0}", "null"))),
        of("rule tightened, accepted", ALL, List.of("accepted:RuleTightened"),
            evt(ruled("xs", "{\"type\": \"array\", \"items\": \"float\"}", "{\"maxItems\": 1024}")),
            evt("{\"name\": \"xs\", \"type\": {\"type\": \"array\", \"items\": \"float\"},"
                + " \"kafka.rules\": {\"size\": 768}, \"kafka.compat.allow\": [\"RuleTightened\"]}")),
        of("rules loosened", ALL, List.of(),
            evt(ruled("s", "\"string\"", "{\"maxLength\": 8, \"oneOf\": [\"a\"], \"notBlank\": true}"),
                ruled("n", "\"int\"", "{\"min\": 0, \"max\": 10}")),
            evt(ruled("s", "\"string\"", "{\"maxLength\": 9, \"oneOf\": [\"a\", \"b\"]}"),
                ruled("n", "\"int\"", "{\"min\": -1, \"maxExclusive\": 11}"))),
        of("rules removed", ALL, List.of(),
            evt(ruled("t", logical("long", "timestamp-millis"),
                "{\"notBefore\": \"2020-01-01T00:00:00Z\", \"notAfterNow\": \"PT1M\"}")),
            evt(ruled("t", logical("long", "timestamp-millis"), "{\"notAfterNow\": \"PT5M\"}"))),
        // v3 reads v2 data (f has a default) but not v1 data (f was a string there).
        of("three versions, backward but not backward transitive",
            EnumSet.of(BACKWARD, FORWARD, FULL, NONE), List.of(),
            evt(field("f", "\"string\"")), evt(), evt(field("f", "\"int\"", "0"))),
        // v2 readers default f when v3 drops it; v1 readers have no default for it.
        of("three versions, forward but not forward transitive",
            EnumSet.of(BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FULL, NONE), List.of(),
            evt(field("f", "\"string\"")), evt(field("f", "\"string\"", "\"x\"")), evt()));
  }

  private CompatCorpus() {}
}
