package dev.typedproducer.tool.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Avro values (as a {@code GenericDatumReader} without conversions reads them) to the plain JSON
 * that {@link JsonToAvro} reads back: unions unwrapped, enums as symbols, bytes as base64,
 * decimals as exact numbers, timestamps as ISO-8601, NaN and infinities as the strings
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 */
public final class AvroToJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AvroToJson() {}

  /** The JSON of {@code value}, read with {@code schema}. */
  public static JsonNode toJson(Object value, Schema schema) {
    if (value == null) {
      return NODES.nullNode();
    }
    LogicalType logical = schema.getLogicalType();
    if (LogicalJson.handles(logical)) {
      return LogicalJson.toJson(value, schema, logical);
    }
    return switch (schema.getType()) {
      case UNION -> toJson(value,
          schema.getTypes().get(GenericData.get().resolveUnion(schema, value)));
      case RECORD -> {
        IndexedRecord record = (IndexedRecord) value;
        ObjectNode object = NODES.objectNode();
        for (Schema.Field field : schema.getFields()) {
          object.set(field.name(), toJson(record.get(field.pos()), field.schema()));
        }
        yield object;
      }
      case ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        ((Collection<?>) value).forEach(item -> array.add(toJson(item, schema.getElementType())));
        yield array;
      }
      case MAP -> {
        ObjectNode object = NODES.objectNode();
        ((Map<?, ?>) value).forEach((k, v) ->
            object.set(k.toString(), toJson(v, schema.getValueType())));
        yield object;
      }
      case ENUM -> NODES.textNode(((GenericEnumSymbol<?>) value).toString());
      case FIXED -> NODES.textNode(Base64.getEncoder().encodeToString(((GenericFixed) value).bytes()));
      case BYTES -> {
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        yield NODES.textNode(Base64.getEncoder().encodeToString(bytes));
      }
      case STRING -> NODES.textNode(value.toString());
      case INT -> NODES.numberNode((Integer) value);
      case LONG -> NODES.numberNode((Long) value);
      case FLOAT -> floating(((Float) value).doubleValue(), true);
      case DOUBLE -> floating((Double) value, false);
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case NULL -> NODES.nullNode();
    };
  }

  private static JsonNode floating(double value, boolean single) {
    if (Double.isNaN(value)) {
      return NODES.textNode("NaN");
    }
    if (Double.isInfinite(value)) {
      return NODES.textNode(value > 0 ? "Infinity" : "-Infinity");
    }
    return single ? NODES.numberNode((float) value) : NODES.numberNode(value);
  }
}
