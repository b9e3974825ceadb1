package dev.typedproducer.internal.time;

import dev.typedproducer.InvalidEventException;
import dev.typedproducer.internal.schema.SchemaProperties;
import java.time.Instant;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * The event-time field of a schema that passed {@link TimestampRules}, and the Kafka record
 * timestamp (epoch milliseconds) it gives each event; {@code null} where the schema has no such
 * field or the event's value is null, so that the producer's clock at send is used.
 */
public final class EventTime {
  /** A schema without an event-time field. */
  public static final EventTime NONE = new EventTime(null, null, -1, false);

  private final String recordName;
  private final String name;
  private final int position;
  private final boolean micros;

  private EventTime(String recordName, String name, int position, boolean micros) {
    this.recordName = recordName;
    this.name = name;
    this.position = position;
    this.micros = micros;
  }

  /** The event-time field of {@code record}, or {@link #NONE}. */
  public static EventTime of(Schema record) {
    for (Schema.Field field : record.getFields()) {
      if (Boolean.TRUE.equals(field.getObjectProp(SchemaProperties.TIMESTAMP))) {
        var type = TimestampRules.instant(field.schema());
        if (type == null) {
          throw new IllegalArgumentException("not an instant: " + field);
        }
        return new EventTime(record.getFullName(), field.name(), field.pos(),
            type instanceof LogicalTypes.TimestampMicros);
      }
    }
    return NONE;
  }

  /** The field's name, or {@code null} for {@link #NONE}. */
  public String name() {
    return name;
  }

  /**
   * The record timestamp of {@code event} in epoch milliseconds (microseconds rounded down), or
   * {@code null} for the producer's clock.
   *
   * @throws InvalidEventException if the event time is before 1970, which Kafka cannot store
   */
  public Long timestampOf(IndexedRecord event) {
    if (name == null) {
      return null;
    }
    Object value = event.get(position);
    long millis;
    if (value == null) {
      return null;
    } else if (value instanceof Instant instant) {
      millis = instant.toEpochMilli();
    } else if (value instanceof Long raw) {
      millis = micros ? Math.floorDiv(raw, 1000L) : raw;
    } else {
      return null; // not an instant: the serializer names the field
    }
    if (millis < 0) {
      throw new InvalidEventException(name, "Cannot send " + recordName + ": its event-time field "
          + name + " is " + Instant.ofEpochMilli(millis) + ", before 1970, and a Kafka record"
          + " timestamp cannot be negative. Set " + name + " to the time the event happened."
          + " Nothing was sent.");
    }
    return millis;
  }
}
