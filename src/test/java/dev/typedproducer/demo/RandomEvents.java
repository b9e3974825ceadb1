package dev.typedproducer.demo;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificFixed;
import org.apache.avro.specific.SpecificRecord;

/**
 * Makes plausible events of any generated class from its schema alone, so that the demo produces
 * every schema in {@code schemas/} with no code per event type. Key fields draw from a small pool,
 * so that several events share a key and the per-key partitioning shows.
 */
final class RandomEvents<T extends SpecificRecord> {
  private static final int KEY_POOL = 50;
  private final Class<T> eventClass;
  private final Schema schema;
  private final SpecificData data;
  private final Random random;

  RandomEvents(Class<T> eventClass, long seed) {
    this.eventClass = eventClass;
    this.data = SpecificData.getForClass(eventClass);
    this.schema = data.getSchema(eventClass);
    this.random = new Random(seed);
  }

  T next() {
    return eventClass.cast(record(schema, true));
  }

  private Object record(Schema recordSchema, boolean top) {
    IndexedRecord record = (IndexedRecord) SpecificData.newInstance(classOf(recordSchema), recordSchema);
    for (Schema.Field field : recordSchema.getFields()) {
      boolean key = top && Boolean.TRUE.equals(field.getObjectProp("kafka.key"));
      record.put(field.pos(),
          key ? keyValue(field.schema(), field.name()) : value(field.schema(), field.name()));
    }
    return record;
  }

  private Object keyValue(Schema type, String name) {
    int pick = random.nextInt(KEY_POOL);
    return switch (type.getType()) {
      case STRING -> type.getLogicalType() == null ? name.replaceFirst("_id$", "") + "_" + pick
          : converted(type, UUID.nameUUIDFromBytes(new byte[] {(byte) pick}).toString());
      case INT -> pick;
      case LONG -> (long) pick;
      default -> value(type, "key");
    };
  }

  private Object value(Schema type, String name) {
    LogicalType logical = type.getLogicalType();
    if (logical != null) {
      return logicalValue(type, logical);
    }
    return switch (type.getType()) {
      case RECORD -> record(type, false);
      case ENUM -> enumValue(type, type.getEnumSymbols().get(random.nextInt(type.getEnumSymbols().size())));
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        int size = type.getElementType().getType() == Schema.Type.FLOAT ? 8 : random.nextInt(4);
        for (int i = 0; i < size; i++) {
          items.add(value(type.getElementType(), name));
        }
        yield items;
      }
      case MAP -> {
        Map<String, Object> map = new HashMap<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          map.put("k" + random.nextInt(10), value(type.getValueType(), name));
        }
        yield map;
      }
      case UNION -> {
        List<Schema> branches = type.getTypes();
        Schema branch = branches.get(random.nextInt(branches.size()));
        yield branch.getType() == Schema.Type.NULL ? null : value(branch, name);
      }
      case FIXED -> {
        byte[] bytes = new byte[type.getFixedSize()];
        random.nextBytes(bytes);
        SpecificFixed fixed = (SpecificFixed) SpecificData.newInstance(classOf(type), type);
        fixed.bytes(bytes);
        yield fixed;
      }
      case STRING -> name + "_" + Integer.toString(random.nextInt(1_000_000), 36);
      case BYTES -> {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        yield ByteBuffer.wrap(bytes);
      }
      case INT -> random.nextInt(1000);
      case LONG -> random.nextLong() & 0xffffffffL;
      case FLOAT -> random.nextFloat();
      case DOUBLE -> random.nextDouble();
      case BOOLEAN -> random.nextBoolean();
      case NULL -> null;
    };
  }

  /**
   * The generated class of a named type. Loaded here rather than through SpecificData, whose
   * by-name loading Avro 1.12 restricts to trusted packages (org.apache.avro.SERIALIZABLE_PACKAGES).
   */
  private Class<?> classOf(Schema named) {
    try {
      return Class.forName(SpecificData.getClassName(named), true, eventClass.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("no generated class for " + named.getFullName(), e);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object enumValue(Schema type, String symbol) {
    return Enum.valueOf((Class<Enum>) classOf(type), symbol);
  }

  /** A value of the logical type, in the Java type the generated class holds. */
  private Object logicalValue(Schema type, LogicalType logical) {
    Object raw;
    if (logical instanceof LogicalTypes.Decimal decimal) {
      BigInteger unscaled = new BigInteger(Math.min(decimal.getPrecision() * 3, 62), random);
      raw = new Conversions.DecimalConversion().toBytes(
          new BigDecimal(unscaled, decimal.getScale()), type, logical);
      if (type.getType() == Schema.Type.FIXED) {
        raw = new Conversions.DecimalConversion().toFixed(
            new BigDecimal(unscaled, decimal.getScale()), type, logical);
      }
    } else if (logical instanceof LogicalTypes.Uuid) {
      raw = UUID.randomUUID().toString();
    } else if (logical instanceof LogicalTypes.Date) {
      raw = 19_000 + random.nextInt(2_000);
    } else if (logical instanceof LogicalTypes.TimeMillis) {
      raw = random.nextInt(86_400_000);
    } else if (logical instanceof LogicalTypes.TimeMicros) {
      raw = (long) random.nextInt(86_400_000) * 1000;
    } else if (type.getType() == Schema.Type.LONG) { // timestamps, local timestamps
      long millis = Instant.now().toEpochMilli() - random.nextInt(86_400_000);
      raw = logical.getName().endsWith("micros") ? millis * 1_000
          : logical.getName().endsWith("nanos") ? millis * 1_000_000 : millis;
    } else {
      return value(Schema.create(type.getType()), logical.getName());
    }
    return converted(type, raw);
  }

  private Object converted(Schema type, Object raw) {
    Conversion<?> conversion = data.getConversionFor(type.getLogicalType());
    return conversion == null
        ? raw : Conversions.convertToLogicalType(raw, type, type.getLogicalType(), conversion);
  }
}
