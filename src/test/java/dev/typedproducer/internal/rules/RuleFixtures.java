package dev.typedproducer.internal.rules;

import dev.typedproducer.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/** Schemas of one ruled field {@code v}, and events that carry one value in it. */
final class RuleFixtures {
  /** "Now" for notAfterNow in these tests. */
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private RuleFixtures() {}

  /** A record t.E with a key field and a field {@code v} of {@code type} with {@code rules}. */
  static Schema schema(String type, String rules) {
    return parse("{\"name\": \"v\", \"type\": " + type + ", \"kafka.rules\": " + rules + "}");
  }

  /** A record t.E with a key field and {@code fields}. */
  static Schema parse(String... fields) {
    return new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"E\", \"namespace\": \"t\","
        + " \"fields\": [{\"name\": \"id\", \"type\": \"string\", \"kafka.key\": true}, "
        + String.join(", ", fields) + "]}");
  }

  static GenericData.Record event(Schema schema, Object value) {
    GenericData.Record event = new GenericData.Record(schema);
    event.put("id", "k1");
    event.put("v", value);
    return event;
  }

  static List<RuleViolation> violations(Schema schema, Object value) {
    return Rules.of(schema, "test", CLOCK).violations(event(schema, value));
  }
}
