package dev.typedproducer.internal.rules;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/** What a rule can be on: the kinds of value, by the field's Avro type. */
enum Kind {
  INTEGER, FLOATING, DECIMAL, STRING, ARRAY, MAP, TIMESTAMP_MILLIS, TIMESTAMP_MICROS, OTHER;

  static Kind of(Schema type) {
    if (type.getLogicalType() instanceof LogicalTypes.Decimal) {
      return DECIMAL;
    }
    if (type.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
      return TIMESTAMP_MILLIS;
    }
    if (type.getLogicalType() instanceof LogicalTypes.TimestampMicros) {
      return TIMESTAMP_MICROS;
    }
    if (type.getLogicalType() != null) {
      return OTHER; // date, uuid, time-*: their values are not plain numbers or strings
    }
    return switch (type.getType()) {
      case INT, LONG -> INTEGER;
      case FLOAT, DOUBLE -> FLOATING;
      case STRING -> STRING;
      case ARRAY -> ARRAY;
      case MAP -> MAP;
      default -> OTHER;
    };
  }

  static String describe(Schema type) {
    return type.getLogicalType() == null ? type.getType().getName()
        : type.getType().getName() + " with logicalType " + type.getLogicalType().getName();
  }
}
