package dev.typedproducer.internal.serde;

import dev.typedproducer.InvalidEventException;
import dev.typedproducer.internal.rules.Rules;
import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes events in Confluent's wire format under one schema id, resolved before the first event.
 * Unlike Confluent's serializer it does no registry lookup per record: the id is fixed for the
 * life of the producer, since the event class, and so its schema, cannot change.
 *
 * <p>Events are written by an {@link EncoderPlan} compiled from the schema at start-up, byte for
 * byte what Avro's {@code SpecificDatumWriter} writes; what the plan does not cover is written by
 * Avro's writer itself, which also finds and names a value that cannot be written.
 *
 * <p>Thread-safe: each thread reuses its own buffer.
 */
public final class AvroWireSerializer<T extends SpecificRecord> implements Serializer<T> {
  /** A buffer that grew past this is dropped after use rather than kept by its thread. */
  private static final int MAX_RETAINED_BUFFER = 1 << 20;

  private final byte[] header;
  private final DatumWriter<T> writer;
  private final String recordName;
  private final Schema schema;
  private final SpecificData data;
  private final ValueWriter plan;
  /** The data rules {@link #serializeKeepingRules} checks. */
  private final Rules rules;
  /** The plan that also checks {@link #rules} as it writes; {@link #plan} when there are none. */
  private final ValueWriter checkingPlan;
  private final LongAdder fallbacks = new LongAdder();
  private final ThreadBuffers buffers = new ThreadBuffers(MAX_RETAINED_BUFFER);

  public AvroWireSerializer(int schemaId, Schema schema, SpecificData data) {
    this(schemaId, schema, data, Rules.NONE);
  }

  private AvroWireSerializer(int schemaId, Schema schema, SpecificData data, Rules rules) {
    this.header = WireFormat.header(schemaId);
    this.writer = new SpecificDatumWriter<>(schema, data);
    this.recordName = schema.getFullName();
    this.schema = schema;
    this.data = data;
    this.plan = EncoderPlan.compile(schema, data);
    this.rules = rules;
    this.checkingPlan = rules.byField() == null ? plan
        : EncoderPlan.compile(schema, data, rules.byField());
  }

  /**
   * This serializer, writing under the same schema id, whose {@link #serializeKeepingRules} also
   * checks {@code eventRules} (the rules of this serializer's schema).
   */
  public AvroWireSerializer<T> checking(Rules eventRules) {
    return new AvroWireSerializer<>(WireFormat.schemaId(header), schema, data, eventRules);
  }

  /** The data rules {@link #serializeKeepingRules} checks; {@link Rules#NONE} unless given. */
  public Rules rules() {
    return rules;
  }

  /** How many events so far were written by Avro's writer rather than the encoder plan. */
  long fallbacks() {
    return fallbacks.sum();
  }

  @Override
  public byte[] serialize(String topic, T event) {
    return write(topic, event, plan);
  }

  /**
   * The event's bytes, as {@link #serialize} writes them, if it keeps its {@link #rules}; null
   * if it breaks one ({@link Rules#violations} then says which). The rules are checked as the
   * event is written, each field read once, so a good event costs little more than
   * {@link #serialize}.
   *
   * @throws InvalidEventException as {@link #serialize} does, for a value that does not fit the
   *     schema, when the event keeps its rules
   */
  public byte[] serializeKeepingRules(String topic, T event) {
    return write(topic, event, checkingPlan);
  }

  private byte[] write(String topic, T event, ValueWriter with) {
    if (event == null) {
      return null;
    }
    WireBuffer buffer = buffers.get();
    try {
      buffer.reset();
      buffer.write(header, 0, header.length);
      try {
        with.write(event, buffer);
        return buffer.rulesBroken ? null : buffer.toByteArray();
      } catch (RuntimeException notCovered) {
        // A value the plan leaves to Avro (see EncoderPlan): Avro writes it, or says what is wrong.
        fallbacks.increment();
        buffer.truncate(header.length);
      }
      if (with != plan && !rules.passes(event)) {
        return null; // the rules come first, as on the plan's path
      }
      buffer.avroEncoder = EncoderFactory.get().directBinaryEncoder(buffer, buffer.avroEncoder);
      writer.write(event, buffer.avroEncoder);
      return buffer.toByteArray();
    } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException
        | IllegalArgumentException | ArithmeticException e) {
      // Avro reports bad values (a null in a non-null field, a decimal of the wrong scale) with
      // these, often without saying which field: find it.
      throw invalid(topic, event, e);
    } finally {
      buffers.release(buffer);
    }
  }

  private InvalidEventException invalid(String topic, T event, Exception failure) {
    ValueLocator.Failure found = new ValueLocator(data).locate(schema, event, "");
    String path = found == null || found.path().isEmpty() ? null : found.path();
    Exception cause = found == null ? failure : found.cause();
    String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new InvalidEventException(path, "Cannot send " + recordName + " to topic " + topic
        + (path == null ? "" : ": field " + path + " cannot be written") + ": " + reason
        + ". Fix the value to fit the schema" + (path == null ? "" : "'s type for " + path)
        + "; nothing was sent.", failure);
  }
}
