package dev.typedproducer.internal.schema;

import dev.typedproducer.InvalidConfigException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/** What the builder and the mock need to know of an event class. */
public final class EventClasses {
  private EventClasses() {}

  /**
   * The schema {@code eventClass} was generated from.
   *
   * @throws InvalidConfigException if it was not generated from an Avro schema
   */
  public static Schema schemaOf(Class<?> eventClass) {
    try {
      return SpecificData.getForClass(eventClass).getSchema(eventClass);
    } catch (AvroRuntimeException e) {
      throw new InvalidConfigException("eventClass", eventClass.getName(), eventClass.getName()
          + " has no Avro schema: " + e.getMessage() + ". Pass a class generated from a schema"
          + " in schemas/.", e);
    }
  }
}
