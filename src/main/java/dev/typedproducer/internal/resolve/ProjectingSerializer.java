package dev.typedproducer.internal.resolve;

import dev.typedproducer.internal.serde.AvroWireSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes events with a registered schema that differs from the event class's own: each event is
 * written with the class's schema, read back with the registered one as the reader (Avro's
 * schema resolution: fields matched by name, a field the class lacks takes its default, a field
 * the registry lacks is left out), and written again with the registered schema, under its id.
 * Writing the class's object with the registered schema directly would match fields by position,
 * the silent field mix-up of Confluent's {@code use.latest.version}.
 */
final class ProjectingSerializer<T extends SpecificRecord> implements Serializer<T> {
  private static final int HEADER = 5;

  private final AvroWireSerializer<T> local;
  private final GenericDatumReader<GenericRecord> reader;
  private final GenericDatumWriter<GenericRecord> writer;

  ProjectingSerializer(AvroWireSerializer<T> local, Schema localSchema, Schema registered) {
    this.local = local;
    this.reader = new GenericDatumReader<>(localSchema, registered);
    this.writer = new GenericDatumWriter<>(registered);
  }

  @Override
  public byte[] serialize(String topic, T event) {
    // The local serializer checks the event (naming a bad field) and writes the header.
    byte[] framed = local.serialize(topic, event);
    if (framed == null) {
      return null;
    }
    try {
      GenericRecord projected = reader.read(null, DecoderFactory.get()
          .binaryDecoder(framed, HEADER, framed.length - HEADER, null));
      ByteArrayOutputStream out = new ByteArrayOutputStream(framed.length + 16);
      out.write(framed, 0, HEADER);
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writer.write(projected, encoder);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite " + Arrays.toString(
          Arrays.copyOf(framed, HEADER)) + " with the registered schema", e);
    }
  }

  @Override
  public void close() {
    local.close();
  }
}
