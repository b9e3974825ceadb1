package dev.typedproducer.testing;

import dev.typedproducer.events.UserClick;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Tests that send {@link UserClick}s with a distinct page per event ({@code /seq/N}) identify each
 * record read back by its key and page, decoded without the SDK.
 */
public final class ClickIds {
  private ClickIds() {}

  /** {@code key|page} of a record in Confluent's wire format holding a UserClick. */
  public static String of(ConsumerRecord<byte[], byte[]> record) {
    try {
      GenericRecord click = new GenericDatumReader<GenericRecord>(UserClick.getClassSchema())
          .read(null, DecoderFactory.get().binaryDecoder(
              record.value(), 5, record.value().length - 5, null));
      return of(new String(record.key(), StandardCharsets.UTF_8), click.get("page").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code key|page}, as {@link #of(ConsumerRecord)} gives for the event sent with them. */
  public static String of(String key, String page) {
    return key + "|" + page;
  }
}
