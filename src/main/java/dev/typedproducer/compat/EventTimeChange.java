package dev.typedproducer.compat;

import dev.typedproducer.internal.schema.SchemaProperties;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * Whether the event-time field ({@code "kafka.timestamp": true}) changed between two versions:
 * marked on another field, added, or removed. Avro and every registry accept it, yet the records'
 * timestamps then mean something else, and stream processors and feature pipelines that window
 * by event time put the same kind of event in other windows.
 */
final class EventTimeChange {
  static final String FIX = "keep \"kafka.timestamp\" on the same field; if the meaning must"
      + " change, tell the consumers that window by record time, then accept with"
      + " \"kafka.compat.allow\": [\"" + SemanticRules.EVENT_TIME_CHANGED + "\"] on the record";

  private EventTimeChange() {}

  /** The problem, or {@code null} when the event-time field is the same. */
  static String of(Schema was, Schema now) {
    Schema.Field before = marked(was);
    Schema.Field after = marked(now);
    String wasName = before == null ? null : before.name();
    String nowName = after == null ? null : after.name();
    if (Objects.equals(wasName, nowName)
        || (after != null && wasName != null && after.aliases().contains(wasName))) {
      return null;
    }
    String consequence = ": record timestamps, which stream processors and feature pipelines"
        + " window by, then mean ";
    if (before == null) {
      return "\"kafka.timestamp\" now marks " + nowName + " where records had the producer's"
          + " clock at send" + consequence + "when the event happened, not when it was sent";
    }
    if (after == null) {
      return "\"kafka.timestamp\" no longer marks " + wasName + consequence + "when the event"
          + " was sent, not when it happened";
    }
    return "the event-time field changed from " + wasName + " to " + nowName + consequence
        + "another moment, so the same events fall into other windows";
  }

  private static Schema.Field marked(Schema record) {
    return record.getFields().stream()
        .filter(f -> Boolean.TRUE.equals(f.getObjectProp(SchemaProperties.TIMESTAMP)))
        .findFirst().orElse(null);
  }
}
