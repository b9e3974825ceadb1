package dev.typedproducer.internal.key;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/** The Avro types a key field may have. Each has a stable string form, whose UTF-8 is the key. */
enum KeyType {
  STRING,
  UUID,
  INT,
  LONG,
  ENUM;

  /** The key type of {@code schema}, or {@code null} when it cannot be a key. */
  static KeyType of(Schema schema) {
    var logical = schema.getLogicalType();
    return switch (schema.getType()) {
      case STRING -> logical == null ? STRING : logical instanceof LogicalTypes.Uuid ? UUID : null;
      // date, time and timestamp logical types are excluded: their Java string form (an ISO date)
      // is not the number that other clients would see.
      case INT -> logical == null ? INT : null;
      case LONG -> logical == null ? LONG : null;
      case ENUM -> ENUM;
      default -> null;
    };
  }
}
