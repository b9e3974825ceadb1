package dev.typedproducer.internal.serde;

import dev.typedproducer.internal.rules.FieldCheck;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;

/**
 * Logical types, converted as Avro converts them. A value goes through the very conversion
 * Avro's writer would pick ({@link Conversions#convertToRawType}), except for the four that event
 * schemas use most, written straight into the buffer with the arithmetic of Avro's own
 * conversion: timestamp-millis from an {@link Instant}, date from a {@link LocalDate}, uuid from a
 * {@link UUID} (no {@code toString()}), and decimal in bytes from a {@link BigDecimal} already at
 * the schema's scale and within 18 digits (no {@code BigInteger}).
 */
final class LogicalWriters {
  private LogicalWriters() {}

  /**
   * A record field: SpecificDatumWriter converts it with the conversion its class declares for
   * the field, and only when both that conversion and the field's logical type are there.
   */
  static ValueWriter field(Schema schema, Conversion<?> conversion, ValueWriter raw) {
    LogicalType type = schema.getLogicalType();
    return conversion == null || type == null ? raw
        : converting(schema, type, conversion, raw, null);
  }

  /**
   * A record field with data rules, as {@link #field}: where the class converts it, the rules are
   * checked on the value it holds (an {@code Instant}, a {@code BigDecimal}), right after it is
   * written; where it does not, {@code checkedRaw} writes and checks the raw value.
   */
  static ValueWriter checkedField(Schema schema, Conversion<?> conversion, ValueWriter raw,
      ValueWriter checkedRaw, FieldCheck check) {
    LogicalType type = schema.getLogicalType();
    return conversion == null || type == null ? checkedRaw
        : converting(schema, type, conversion, raw, check);
  }

  /**
   * Anywhere else (array items, map values, union branches): the model's conversion for the
   * value's class, looked up once per class.
   */
  static ValueWriter byClass(Schema schema, SpecificData data, ValueWriter raw) {
    LogicalType type = schema.getLogicalType();
    return type == null ? raw : new ByClass(schema, type, data, raw);
  }

  private static final class ByClass implements ValueWriter {
    private final Schema schema;
    private final LogicalType type;
    private final SpecificData data;
    private final ValueWriter raw;
    private volatile Chosen chosen = new Chosen(Void.class, null);

    private record Chosen(Class<?> type, ValueWriter writer) {}

    ByClass(Schema schema, LogicalType type, SpecificData data, ValueWriter raw) {
      this.schema = schema;
      this.type = type;
      this.data = data;
      this.raw = raw;
    }

    @Override
    public void write(Object value, WireBuffer out) {
      if (value == null) {
        raw.write(null, out);
        return;
      }
      Chosen c = chosen;
      if (c.type != value.getClass()) {
        Conversion<?> conversion = data.getConversionByClass(value.getClass(), type);
        c = new Chosen(value.getClass(),
            conversion == null ? raw : converting(schema, type, conversion, raw, null));
        chosen = c;
      }
      c.writer.write(value, out);
    }
  }

  /** With a {@code check} (or null), flags the buffer when the value breaks a data rule. */
  private static ValueWriter converting(Schema schema, LogicalType type, Conversion<?> conversion,
      ValueWriter raw, FieldCheck check) {
    ValueWriter general = (value, out) -> {
      raw.write(Conversions.convertToRawType(value, schema, type, conversion), out);
      checkOn(value, check, out);
    };
    Class<?> kind = conversion.getClass();
    Schema.Type underlying = schema.getType();
    if (kind == TimeConversions.TimestampMillisConversion.class && underlying == Schema.Type.LONG) {
      return (value, out) -> {
        if (value instanceof Instant instant) {
          out.writeLong(instant.toEpochMilli());
          checkOn(value, check, out);
        } else {
          general.write(value, out);
        }
      };
    }
    if (kind == TimeConversions.DateConversion.class && underlying == Schema.Type.INT) {
      return (value, out) -> {
        if (value instanceof LocalDate date) {
          out.writeInt((int) date.toEpochDay());
          checkOn(value, check, out);
        } else {
          general.write(value, out);
        }
      };
    }
    if (kind == Conversions.UUIDConversion.class && underlying == Schema.Type.STRING) {
      return (value, out) -> {
        if (value instanceof UUID uuid) {
          out.writeUuid(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
          checkOn(value, check, out);
        } else {
          general.write(value, out);
        }
      };
    }
    if (kind == Conversions.DecimalConversion.class && underlying == Schema.Type.BYTES
        && type instanceof LogicalTypes.Decimal decimal) {
      int scale = decimal.getScale();
      int precision = decimal.getPrecision();
      return (value, out) -> {
        if (value != null && value.getClass() == BigDecimal.class) {
          BigDecimal number = (BigDecimal) value;
          int digits = number.precision();
          if (number.scale() == scale && digits <= precision && digits <= 18) {
            // Avro: the unscaled value's BigInteger.toByteArray(), once scale and precision fit.
            long unscaled = number.scaleByPowerOfTen(scale).longValueExact();
            out.writeTwosComplement(unscaled);
            if (check != null && !check.passesDecimal(number, unscaled)) {
              out.rulesBroken = true;
            }
            return;
          }
        }
        general.write(value, out);
      };
    }
    return general;
  }

  private static void checkOn(Object value, FieldCheck check, WireBuffer out) {
    if (check != null && !check.passes(value)) {
      out.rulesBroken = true;
    }
  }
}
