package dev.typedproducer.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro's own {@code SpecificDatumWriter} at its fastest, what the SDK's serializer is compared
 * with: the writer, a buffered encoder and its stream reused by one thread, Confluent's 5-byte
 * header written by hand. Not thread-safe: one per thread.
 */
final class AvroReusedWriter {
  private final int schemaId;
  private final SpecificDatumWriter<SpecificRecord> writer;
  private final ByteArrayOutputStream stream = new ByteArrayOutputStream(512);
  private final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(stream, null);

  AvroReusedWriter(int schemaId, Schema schema, SpecificData model) {
    this.schemaId = schemaId;
    this.writer = new SpecificDatumWriter<>(schema, model);
  }

  byte[] write(SpecificRecord value) {
    try {
      stream.reset();
      stream.write(0);
      stream.write(schemaId >>> 24);
      stream.write(schemaId >>> 16);
      stream.write(schemaId >>> 8);
      stream.write(schemaId);
      writer.write(value, encoder);
      encoder.flush();
      return stream.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
