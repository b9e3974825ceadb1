package dev.typedproducer.tool.tail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.typedproducer.internal.registry.SchemaRegistryClient;
import dev.typedproducer.tool.json.AvroToJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One Kafka record to one JSON line: the value decoded with the writer's schema, fetched from the
 * registry by the id in its Confluent frame ({@code 0x00 | int32 id | Avro body}), whatever schema
 * that is. A record that is not in that format, whose schema the registry does not have, or whose
 * body does not fit its schema, becomes a line that says so ({@code _not_wire_format},
 * {@code _undecodable}) with its bytes in base64; nothing stops the tail.
 */
public final class RecordDecoder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final IntFunction<String> schemaById;
  private final Map<Integer, Object> readers = new HashMap<>();
  private final boolean metadata;
  private BinaryDecoder decoder;

  public RecordDecoder(SchemaRegistryClient registry, boolean metadata) {
    this(registry::schemaById, metadata);
  }

  RecordDecoder(IntFunction<String> schemaById, boolean metadata) {
    this.schemaById = schemaById;
    this.metadata = metadata;
  }

  /** The record's JSON line, as a tree. */
  public JsonNode decode(ConsumerRecord<byte[], byte[]> record) {
    byte[] value = record.value();
    if (value == null) {
      return problem(record, "_tombstone", NODES.booleanNode(true));
    }
    if (value.length < 5 || value[0] != 0) {
      return problem(record, "_not_wire_format", base64(value));
    }
    int id = ByteBuffer.wrap(value, 1, 4).getInt();
    Object reader = readers.computeIfAbsent(id, this::reader);
    if (reader instanceof String failure) {
      return undecodable(record, id, failure);
    }
    @SuppressWarnings("unchecked")
    GenericDatumReader<Object> datumReader = (GenericDatumReader<Object>) reader;
    try {
      decoder = DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, decoder);
      Object datum = datumReader.read(null, decoder);
      if (!decoder.isEnd()) {
        return undecodable(record, id, "bytes left over after the value: not written with"
            + " schema " + id);
      }
      JsonNode json = AvroToJson.toJson(datum, datumReader.getSchema());
      return metadata ? withMetadata(record, id, json) : json;
    } catch (IOException | RuntimeException e) {
      return undecodable(record, id, "does not decode with schema " + id + ": " + e.getMessage());
    }
  }

  private Object reader(int id) {
    try {
      Schema writer = new Schema.Parser().parse(schemaById.apply(id));
      return new GenericDatumReader<>(writer);
    } catch (RuntimeException e) {
      return "the registry has no readable schema " + id + ": " + e.getMessage();
    }
  }

  private JsonNode withMetadata(ConsumerRecord<byte[], byte[]> record, int id, JsonNode value) {
    ObjectNode line = position(record);
    line.put("timestamp", record.timestamp());
    line.set("key", key(record));
    line.put("schema_id", id);
    line.set("value", value);
    return line;
  }

  private static JsonNode undecodable(ConsumerRecord<byte[], byte[]> record, int id,
      String reason) {
    ObjectNode line = underscored(record);
    line.put("_schema_id", id);
    line.put("_undecodable", reason);
    line.set("_value", base64(record.value()));
    return line;
  }

  private static JsonNode problem(ConsumerRecord<byte[], byte[]> record, String what,
      JsonNode value) {
    ObjectNode line = underscored(record);
    line.set(what, value);
    return line;
  }

  private static ObjectNode underscored(ConsumerRecord<byte[], byte[]> record) {
    ObjectNode line = NODES.objectNode();
    line.put("_topic", record.topic());
    line.put("_partition", record.partition());
    line.put("_offset", record.offset());
    line.set("_key", key(record));
    return line;
  }

  private static ObjectNode position(ConsumerRecord<byte[], byte[]> record) {
    ObjectNode line = NODES.objectNode();
    line.put("topic", record.topic());
    line.put("partition", record.partition());
    line.put("offset", record.offset());
    return line;
  }

  private static JsonNode key(ConsumerRecord<byte[], byte[]> record) {
    return record.key() == null ? NODES.nullNode()
        : NODES.textNode(new String(record.key(), StandardCharsets.UTF_8));
  }

  private static JsonNode base64(byte[] bytes) {
    return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
  }
}
