package dev.typedproducer.internal.serde;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Finds which part of an event Avro cannot write, after a write failed: the failure itself rarely
 * says (a decimal of the wrong scale names only the scales). Runs only on that failure path, so
 * its cost, a trial write of each value on the way down, does not matter.
 */
final class ValueLocator {
  /** Where the failure is (a path such as {@code items/3/price}, empty for the root) and why. */
  record Failure(String path, Exception cause) {}

  private static final OutputStream NOWHERE = OutputStream.nullOutputStream();

  private final SpecificData data;

  ValueLocator(SpecificData data) {
    this.data = data;
  }

  /** The deepest value under {@code value} that cannot be written, or null when all can. */
  Failure locate(Schema schema, Object value, String path) {
    Exception failure = tryWrite(schema, value);
    if (failure == null) {
      return null;
    }
    Failure deeper = switch (schema.getType()) {
      case RECORD -> value instanceof IndexedRecord record ? inRecord(schema, record, path) : null;
      case ARRAY -> value instanceof Collection<?> items ? inArray(schema, items, path) : null;
      case MAP -> value instanceof Map<?, ?> map ? inMap(schema, map, path) : null;
      case UNION -> inUnion(schema, value, path);
      default -> null;
    };
    return deeper != null ? deeper : new Failure(path, failure);
  }

  private Failure inRecord(Schema schema, IndexedRecord record, String path) {
    for (Schema.Field field : schema.getFields()) {
      Failure found = locate(field.schema(), record.get(field.pos()), join(path, field.name()));
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private Failure inArray(Schema schema, Collection<?> items, String path) {
    int index = 0;
    for (Object item : items) {
      Failure found = locate(schema.getElementType(), item, join(path, String.valueOf(index++)));
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private Failure inMap(Schema schema, Map<?, ?> map, String path) {
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Failure found = locate(schema.getValueType(), entry.getValue(),
          join(path, String.valueOf(entry.getKey())));
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private Failure inUnion(Schema schema, Object value, String path) {
    int branch;
    try {
      branch = data.resolveUnion(schema, value);
    } catch (RuntimeException e) {
      return new Failure(path, e); // no branch takes the value: the union itself is at fault
    }
    return locate(schema.getTypes().get(branch), value, path);
  }

  private Exception tryWrite(Schema schema, Object value) {
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(NOWHERE, null);
      new SpecificDatumWriter<>(schema, data).write(value, encoder);
      return null;
    } catch (IOException | RuntimeException e) {
      return e;
    }
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "/" + name;
  }
}
