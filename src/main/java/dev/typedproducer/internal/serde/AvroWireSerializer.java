package dev.typedproducer.internal.serde;

import dev.typedproducer.InvalidEventException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
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
 * <p>Thread-safe: each thread reuses its own buffer and encoder.
 */
public final class AvroWireSerializer<T extends SpecificRecord> implements Serializer<T> {
  /** A buffer that grew past this is dropped after use rather than kept by its thread. */
  private static final int MAX_RETAINED_BUFFER = 1 << 20;

  private final byte[] header;
  private final DatumWriter<T> writer;
  private final String recordName;
  private final Schema schema;
  private final SpecificData data;
  private final ThreadLocal<Buffer> buffers = ThreadLocal.withInitial(Buffer::new);

  public AvroWireSerializer(int schemaId, Schema schema, SpecificData data) {
    this.header = WireFormat.header(schemaId);
    this.writer = new SpecificDatumWriter<>(schema, data);
    this.recordName = schema.getFullName();
    this.schema = schema;
    this.data = data;
  }

  @Override
  public byte[] serialize(String topic, T event) {
    if (event == null) {
      return null;
    }
    Buffer buffer = buffers.get();
    try {
      buffer.reset();
      buffer.write(header, 0, header.length);
      buffer.encoder = EncoderFactory.get().directBinaryEncoder(buffer, buffer.encoder);
      writer.write(event, buffer.encoder);
      return buffer.toByteArray();
    } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException
        | IllegalArgumentException | ArithmeticException e) {
      // Avro reports bad values (a null in a non-null field, a decimal of the wrong scale) with
      // these, often without saying which field: find it.
      throw invalid(topic, event, e);
    } finally {
      if (buffer.capacity() > MAX_RETAINED_BUFFER) {
        buffers.remove();
      }
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

  /**
   * A growable byte buffer that one thread reuses. Not a ByteArrayOutputStream: its methods are
   * synchronized, and Avro's direct encoder writes a varint a byte at a time, so on a buffer that
   * outlives the call (where the JIT cannot elide the locks) each byte would take a lock.
   */
  private static final class Buffer extends OutputStream {
    private byte[] bytes = new byte[256];
    private int count;
    BinaryEncoder encoder;

    @Override
    public void write(int b) {
      if (count == bytes.length) {
        grow(1);
      }
      bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (count + len > bytes.length) {
        grow(len);
      }
      System.arraycopy(b, off, bytes, count, len);
      count += len;
    }

    private void grow(int needed) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + needed));
    }

    void reset() {
      count = 0;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, count);
    }

    int capacity() {
      return bytes.length;
    }
  }
}
