package dev.typedproducer.internal.key;

import dev.typedproducer.InvalidEventException;
import dev.typedproducer.internal.schema.SchemaProperties;
import dev.typedproducer.internal.serde.UuidText;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * The field whose value is the Kafka record key, resolved once from a schema that passed
 * {@link KeyRules}. The key is the value's string form; its UTF-8 bytes are what Kafka hashes, so a
 * key of {@code user_id = "user_123"} lands where any client's {@code key=b"user_123"} does.
 */
public final class KeyField {
  private final String recordName;
  private final String name;
  private final int position;

  private KeyField(String recordName, String name, int position) {
    this.recordName = recordName;
    this.name = name;
    this.position = position;
  }

  /** The key field of {@code record}. Call only on a schema that passed {@link KeyRules#check}. */
  public static KeyField of(Schema record) {
    for (Schema.Field field : record.getFields()) {
      if (Boolean.TRUE.equals(field.getObjectProp(SchemaProperties.KEY))) {
        if (KeyType.of(field.schema()) == null) {
          throw new IllegalArgumentException("unsupported key type: " + field);
        }
        return new KeyField(record.getFullName(), field.name(), field.pos());
      }
    }
    throw new IllegalArgumentException("no key field in " + record.getFullName());
  }

  /** The key field's name in the schema. */
  public String name() {
    return name;
  }

  /**
   * The key of {@code event} as a string: the string itself, the uuid's canonical form, the
   * number in decimal, or the enum symbol.
   *
   * @throws InvalidEventException if the key field is null
   */
  public String keyOf(IndexedRecord event) {
    return valueOf(event).toString();
  }

  /**
   * The key field's value in {@code event}, whose {@code toString()} is the key.
   *
   * @throws InvalidEventException if the key field is null
   */
  public Object valueOf(IndexedRecord event) {
    Object value = event.get(position);
    if (value == null) {
      throw new InvalidEventException(name, "Cannot send " + recordName + ": its key field "
          + name + " is null. Every event needs a key; set " + name + " before sending."
          + " Nothing was sent.");
    }
    // String, Utf8, UUID, Integer, Long, and generated or generic enums all print their key form;
    // a mutable text (Utf8) is copied, since the key outlives the call.
    return value instanceof CharSequence && !(value instanceof String) ? value.toString() : value;
  }

  /**
   * The UTF-8 bytes of the key {@code value} (from {@link #valueOf}) prints as, what Kafka hashes;
   * a uuid's written straight from its bits, without the string.
   */
  public static byte[] bytes(Object value) {
    if (value instanceof UUID uuid) {
      byte[] bytes = new byte[UuidText.LENGTH];
      UuidText.write(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), bytes, 0);
      return bytes;
    }
    return value.toString().getBytes(StandardCharsets.UTF_8);
  }
}
