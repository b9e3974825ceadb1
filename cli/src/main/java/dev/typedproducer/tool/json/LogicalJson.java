package dev.typedproducer.tool.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;

/**
 * How Avro's logical types look in plain JSON, both ways: decimals as numbers (or strings on
 * input), timestamps as ISO-8601 (or a number in the type's own unit on input), dates as
 * {@code YYYY-MM-DD}, times as {@code HH:MM:SS.fff}, uuids as strings. Values are Avro's raw ones
 * (the long of a timestamp, the bytes of a decimal); the caller applies its model's conversions.
 */
final class LogicalJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Conversions.DecimalConversion DECIMAL = new Conversions.DecimalConversion();
  private static final Conversions.BigDecimalConversion BIG_DECIMAL =
      new Conversions.BigDecimalConversion();
  private static final Pattern UUID_TEXT = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private LogicalJson() {}

  /** True when {@link #toRaw} and {@link #toJson} know {@code type}. */
  static boolean handles(LogicalType type) {
    return type != null && unit(type.getName()) != Unit.NONE;
  }

  static Object toRaw(JsonNode node, Schema schema, LogicalType type, String path) {
    String name = type.getName();
    return switch (unit(name)) {
      case DECIMAL -> decimal(node, schema, (LogicalTypes.Decimal) type, path);
      case BIG_DECIMAL -> BIG_DECIMAL.toBytes(number(node, path, "a decimal number"), schema, type);
      case UUID -> uuid(node, path);
      case DATE -> node.isIntegralNumber() ? (Object) node.intValue()
          : (int) parse(node, path, "a date such as 2024-05-31", LocalDate::parse).toEpochDay();
      case TIME_MILLIS -> node.isIntegralNumber() ? (Object) node.intValue()
          : (int) exact(time(node, path).toNanoOfDay(), 1_000_000, path, "milliseconds");
      case TIME_MICROS -> node.isIntegralNumber() ? node.longValue()
          : exact(time(node, path).toNanoOfDay(), 1_000, path, "microseconds");
      case INSTANT -> node.isIntegralNumber() ? node.longValue()
          : fromNanos(instantNanos(instant(node, path)), name, path);
      case LOCAL -> node.isIntegralNumber() ? node.longValue()
          : fromNanos(instantNanos(local(node, path).toInstant(ZoneOffset.UTC)), name, path);
      case NONE -> throw new IllegalArgumentException(name);
    };
  }

  static JsonNode toJson(Object raw, Schema schema, LogicalType type) {
    String name = type.getName();
    return switch (unit(name)) {
      case DECIMAL -> NODES.numberNode(raw instanceof GenericFixed fixed
          ? DECIMAL.fromFixed(fixed, schema, type)
          : DECIMAL.fromBytes(((ByteBuffer) raw).duplicate(), schema, type));
      case BIG_DECIMAL -> NODES.numberNode(BIG_DECIMAL.fromBytes(((ByteBuffer) raw).duplicate(),
          schema, type));
      case UUID -> NODES.textNode(raw.toString());
      case DATE -> NODES.textNode(LocalDate.ofEpochDay((Integer) raw).toString());
      case TIME_MILLIS -> NODES.textNode(LocalTime.ofNanoOfDay((Integer) raw * 1_000_000L).toString());
      case TIME_MICROS -> NODES.textNode(LocalTime.ofNanoOfDay((Long) raw * 1_000L).toString());
      case INSTANT -> NODES.textNode(toInstant((Long) raw, name).toString());
      case LOCAL -> NODES.textNode(
          LocalDateTime.ofInstant(toInstant((Long) raw, name), ZoneOffset.UTC).toString());
      case NONE -> throw new IllegalArgumentException(name);
    };
  }

  private enum Unit { DECIMAL, BIG_DECIMAL, UUID, DATE, TIME_MILLIS, TIME_MICROS, INSTANT, LOCAL, NONE }

  private static Unit unit(String name) {
    return switch (name) {
      case "decimal" -> Unit.DECIMAL;
      case "big-decimal" -> Unit.BIG_DECIMAL;
      case "uuid" -> Unit.UUID;
      case "date" -> Unit.DATE;
      case "time-millis" -> Unit.TIME_MILLIS;
      case "time-micros" -> Unit.TIME_MICROS;
      case "timestamp-millis", "timestamp-micros", "timestamp-nanos" -> Unit.INSTANT;
      case "local-timestamp-millis", "local-timestamp-micros", "local-timestamp-nanos" -> Unit.LOCAL;
      default -> Unit.NONE;
    };
  }

  private static Object decimal(JsonNode node, Schema schema, LogicalTypes.Decimal type,
      String path) {
    BigDecimal value = number(node, path, "a decimal number");
    BigDecimal scaled;
    try {
      scaled = value.setScale(type.getScale());
    } catch (ArithmeticException e) {
      throw new BadValueException(path, value.toPlainString() + " has " + value.scale()
          + " digits after the point; the field's scale is " + type.getScale()
          + " (round the value to " + type.getScale() + " places)");
    }
    if (scaled.precision() > type.getPrecision()) {
      throw new BadValueException(path, value.toPlainString() + " has " + scaled.precision()
          + " digits at scale " + type.getScale() + "; the field's precision is "
          + type.getPrecision());
    }
    return schema.getType() == Schema.Type.FIXED
        ? DECIMAL.toFixed(scaled, schema, type)
        : DECIMAL.toBytes(scaled, schema, type);
  }

  private static BigDecimal number(JsonNode node, String path, String what) {
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isTextual()) {
      try {
        return new BigDecimal(node.textValue().trim());
      } catch (NumberFormatException e) {
        throw new BadValueException(path, quote(node) + " is not " + what
            + " (write it as 12.50 or \"12.50\")");
      }
    }
    throw new BadValueException(path, "is " + JsonToAvro.kind(node) + ", expected " + what);
  }

  private static String uuid(JsonNode node, String path) {
    if (!node.isTextual() || !UUID_TEXT.matcher(node.textValue()).matches()) {
      throw new BadValueException(path, (node.isTextual() ? quote(node) : JsonToAvro.kind(node))
          + " is not a uuid such as \"3f2b8c1e-7d4a-4e6b-9c2d-1a5e8f0b7c3d\"");
    }
    return UUID.fromString(node.textValue()).toString();
  }

  private static LocalTime time(JsonNode node, String path) {
    return parse(node, path, "a time of day such as 13:45:30.250", LocalTime::parse);
  }

  private static Instant instant(JsonNode node, String path) {
    String hint = "an ISO-8601 timestamp with a zone offset such as 2024-05-31T13:45:30.250Z,"
        + " or a number in the field's unit since 1970-01-01T00:00Z";
    return parse(node, path, hint, text -> OffsetDateTime.parse(text).toInstant());
  }

  private static LocalDateTime local(JsonNode node, String path) {
    return parse(node, path, "a local date and time such as 2024-05-31T13:45:30.250"
        + " (no zone), or a number in the field's unit", LocalDateTime::parse);
  }

  private static <V> V parse(JsonNode node, String path, String what,
      Function<String, V> parser) {
    if (!node.isTextual()) {
      throw new BadValueException(path, "is " + JsonToAvro.kind(node) + ", expected " + what);
    }
    try {
      return parser.apply(node.textValue());
    } catch (DateTimeParseException e) {
      throw new BadValueException(path, quote(node) + " is not " + what);
    }
  }

  private static BigInteger instantNanos(Instant instant) {
    return BigInteger.valueOf(instant.getEpochSecond())
        .multiply(BigInteger.valueOf(1_000_000_000L))
        .add(BigInteger.valueOf(instant.getNano()));
  }

  private static long fromNanos(BigInteger nanos, String name, String path) {
    long per = perUnit(name);
    BigInteger[] split = nanos.divideAndRemainder(BigInteger.valueOf(per));
    if (split[1].signum() != 0) {
      throw new BadValueException(path, "is more precise than the field's "
          + name.substring(name.lastIndexOf('-') + 1) + " (drop the extra digits)");
    }
    if (split[0].bitLength() > 63) {
      throw new BadValueException(path, "is out of the range of " + name);
    }
    return split[0].longValue();
  }

  private static long exact(long nanos, long per, String path, String unit) {
    if (nanos % per != 0) {
      throw new BadValueException(path, "is more precise than the field's " + unit
          + " (drop the extra digits)");
    }
    return nanos / per;
  }

  private static long perUnit(String name) {
    return name.endsWith("millis") ? 1_000_000L : name.endsWith("micros") ? 1_000L : 1L;
  }

  private static Instant toInstant(long value, String name) {
    long per = 1_000_000_000L / perUnit(name);
    return Instant.ofEpochSecond(Math.floorDiv(value, per), Math.floorMod(value, per) * perUnit(name));
  }

  private static String quote(JsonNode node) {
    String text = node.isTextual() ? node.textValue() : node.toString();
    return "\"" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "\"";
  }
}
