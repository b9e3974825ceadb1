package dev.typedproducer.testing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificFixed;
import org.apache.avro.specific.SpecificRecord;

/**
 * jqwik generators of valid events of any generated Avro class, driven by its schema alone, in the
 * Java types the generated classes hold (String, BigDecimal at the schema's scale, Instant,
 * LocalDate, LocalTime, LocalDateTime, UUID, ByteBuffer, the generated fixed, enum and record
 * classes, lists, maps with String keys). Unlike the demo's {@code RandomEvents}, which makes
 * plausible events, these go for the edges: empty and 100k-character strings, characters outside
 * the BMP, NaN (with any payload), infinities and -0.0, int and long extremes, empty and large
 * collections, decimals at full precision, dates and timestamps at the ends of their range, byte
 * buffers that do not start at 0 or have no array. All shrink.
 *
 * <pre>{@code
 * @Property
 * void roundTrips(@ForAll("clicks") UserClick click) { ... }
 *
 * @Provide
 * Arbitrary<UserClick> clicks() {
 *   return EventArbitraries.events(UserClick.class);
 * }
 * }</pre>
 *
 * <p>Recursive schemas are bounded: past {@code maxDepth} nested records and collections, a union
 * that allows null is null and a collection is empty.
 */
public final class EventArbitraries {
  public static final int DEFAULT_MAX_DEPTH = 6;
  /** Strings and bytes, away from collections, are sometimes this long or longer. */
  public static final int HUGE = 10_000;
  public static final int HUGEST = 100_000;
  /** Collections of simple values, outside other collections, are sometimes this large or larger. */
  public static final int LARGE = 1_000;
  private static final int LARGEST = 1_500;
  private static final int SMALL = 4;
  /** Required fields can nest records this far past maxDepth before the schema counts as endless. */
  private static final int REQUIRED_NESTING = 64;

  private static final Arbitrary<Integer> CODE_POINTS = Arbitraries.frequencyOf(
      Tuple.of(8, Arbitraries.integers().between(0x20, 0x7e)),
      Tuple.of(1, Arbitraries.integers().between(0, 0x1f)), // controls, NUL among them
      Tuple.of(2, Arbitraries.integers().between(0x80, 0xd7ff)),
      Tuple.of(1, Arbitraries.integers().between(0xe000, 0xffff)),
      // outside the BMP: a surrogate pair in Java, four bytes in UTF-8; emoji first
      Tuple.of(2, Arbitraries.integers().between(0x1f300, 0x1faff)),
      Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10ffff)));

  private final SpecificData data;
  private final ClassLoader loader;
  private final int maxDepth;
  private final Map<String, Arbitrary<Object>> records = new HashMap<>();

  private EventArbitraries(Class<? extends SpecificRecord> model, int maxDepth) {
    this.data = SpecificData.getForClass(model);
    this.loader = model.getClassLoader();
    this.maxDepth = maxDepth;
  }

  /** Events of {@code eventClass}, nesting at most {@link #DEFAULT_MAX_DEPTH} deep. */
  public static <T extends SpecificRecord> Arbitrary<T> events(Class<T> eventClass) {
    return events(eventClass, DEFAULT_MAX_DEPTH);
  }

  public static <T extends SpecificRecord> Arbitrary<T> events(Class<T> eventClass, int maxDepth) {
    EventArbitraries generator = new EventArbitraries(eventClass, maxDepth);
    return generator.of(generator.data.getSchema(eventClass), new Place(0, false))
        .map(eventClass::cast);
  }

  /**
   * Values of {@code schema}, in the types that {@code model}'s generated code uses (its logical
   * type conversions, its generated classes for named types).
   */
  public static Arbitrary<Object> values(Schema schema, Class<? extends SpecificRecord> model) {
    return new EventArbitraries(model, DEFAULT_MAX_DEPTH).of(schema, new Place(0, false));
  }

  /**
   * The generated class of a named type, or null if there is none. Loaded here rather than
   * through SpecificData, whose loading by name Avro 1.12 restricts to trusted packages
   * (org.apache.avro.SERIALIZABLE_PACKAGES).
   */
  public static Class<?> generatedClass(Schema named, ClassLoader loader) {
    try {
      return Class.forName(SpecificData.getClassName(named), true, loader);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  /** Where a value sits: how deep, and whether inside an array or map (no huge values there). */
  private record Place(int depth, boolean inCollection) {
    Place field() {
      return new Place(depth + 1, inCollection);
    }

    Place element() {
      return new Place(depth + 1, true);
    }
  }

  private Arbitrary<Object> of(Schema schema, Place place) {
    LogicalType logical = schema.getLogicalType();
    if (logical != null) {
      Arbitrary<Object> value = logical(schema, logical);
      if (value != null) {
        return value;
      }
    }
    return switch (schema.getType()) {
      case RECORD -> record(schema, place);
      case ENUM -> enumSymbols(schema);
      case ARRAY -> array(schema, place);
      case MAP -> map(schema, place);
      case UNION -> union(schema, place);
      case FIXED -> fixed(schema);
      case STRING -> texts(!place.inCollection()).asGeneric();
      case BYTES -> byteBuffers(!place.inCollection()).asGeneric();
      case INT -> ints().asGeneric();
      case LONG -> longs().asGeneric();
      case FLOAT -> floats().asGeneric();
      case DOUBLE -> doubles().asGeneric();
      case BOOLEAN -> Arbitraries.of(false, true).asGeneric();
      case NULL -> Arbitraries.just(null);
    };
  }

  private Arbitrary<Object> record(Schema schema, Place place) {
    if (place.depth() > maxDepth + REQUIRED_NESTING) {
      throw new IllegalArgumentException("record " + schema.getFullName() + " nests more than "
          + (maxDepth + REQUIRED_NESTING) + " deep through required fields: a value of it would"
          + " never end. Make the recursive field optional (a union with null), an array or a map.");
    }
    String key = schema.getFullName() + "@" + place;
    Arbitrary<Object> cached = records.get(key);
    if (cached != null) {
      return cached;
    }
    List<Arbitrary<Object>> fields = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      fields.add(of(field.schema(), place.field()));
    }
    Class<?> generated = generatedClass(schema, loader);
    Arbitrary<Object> record = fields.isEmpty()
        ? Arbitraries.create(() -> newRecord(schema, generated))
        : Combinators.combine(fields).as(values -> {
          IndexedRecord made = newRecord(schema, generated);
          for (int i = 0; i < values.size(); i++) {
            made.put(i, values.get(i));
          }
          return made;
        });
    records.put(key, record);
    return record;
  }

  private static IndexedRecord newRecord(Schema schema, Class<?> generated) {
    return generated == null ? new GenericData.Record(schema)
        : (IndexedRecord) SpecificData.newInstance(generated, schema);
  }

  private Arbitrary<Object> enumSymbols(Schema schema) {
    Class<?> generated = generatedClass(schema, loader);
    if (generated != null && generated.isEnum()) {
      return Arbitraries.of(generated.getEnumConstants());
    }
    return Arbitraries.of(schema.getEnumSymbols())
        .map(symbol -> new GenericData.EnumSymbol(schema, symbol)).asGeneric();
  }

  private Arbitrary<Object> fixed(Schema schema) {
    Class<?> generated = generatedClass(schema, loader);
    return Arbitraries.bytes().array(byte[].class).ofSize(schema.getFixedSize()).map(bytes -> {
      if (generated == null) {
        return new GenericData.Fixed(schema, bytes);
      }
      SpecificFixed fixed = (SpecificFixed) SpecificData.newInstance(generated, schema);
      fixed.bytes(bytes);
      return fixed;
    });
  }

  private Arbitrary<Object> array(Schema schema, Place place) {
    if (place.depth() >= maxDepth) {
      return Arbitraries.create(ArrayList::new);
    }
    Arbitrary<Object> items = of(schema.getElementType(), place.element());
    Arbitrary<List<Object>> small = items.list().ofMaxSize(SMALL);
    if (place.inCollection() || !simple(schema.getElementType())) {
      return small.asGeneric();
    }
    return Arbitraries.frequencyOf(Tuple.of(20, small),
        Tuple.of(1, items.list().ofMinSize(LARGE).ofMaxSize(LARGEST))).asGeneric();
  }

  private Arbitrary<Object> map(Schema schema, Place place) {
    if (place.depth() >= maxDepth) {
      return Arbitraries.create(LinkedHashMap::new);
    }
    Arbitrary<String> keys = texts(false);
    Arbitrary<Object> values = of(schema.getValueType(), place.element());
    Arbitrary<Map<String, Object>> small = Arbitraries.maps(keys, values).ofMaxSize(SMALL);
    if (place.inCollection() || !simple(schema.getValueType())) {
      return small.asGeneric();
    }
    return Arbitraries.frequencyOf(Tuple.of(20, small),
        Tuple.of(1, Arbitraries.maps(keys, values).ofMinSize(LARGE).ofMaxSize(LARGEST))).asGeneric();
  }

  private static boolean simple(Schema schema) {
    return switch (schema.getType()) {
      case RECORD, ARRAY, MAP, UNION -> false;
      default -> true;
    };
  }

  private Arbitrary<Object> union(Schema schema, Place place) {
    boolean nullable = schema.isNullable();
    List<Arbitrary<Object>> branches = new ArrayList<>();
    for (Schema branch : schema.getTypes()) {
      // past the depth limit, the way out of a recursion: null
      if (place.depth() < maxDepth || !nullable || branch.getType() == Schema.Type.NULL) {
        branches.add(of(branch, place));
      }
    }
    return branches.size() == 1 ? branches.get(0) : Arbitraries.oneOf(branches);
  }

  /** Values of a logical type the model converts, or null to generate the underlying type. */
  private Arbitrary<Object> logical(Schema schema, LogicalType logical) {
    Conversion<?> conversion = data.getConversionFor(logical);
    if (logical instanceof LogicalTypes.Decimal decimal && conversion != null) {
      return decimals(decimal);
    }
    Arbitrary<?> raw = switch (logical.getName()) {
      case "uuid" -> Combinators.combine(Arbitraries.longs(), Arbitraries.longs())
          .as((high, low) -> new UUID(high, low).toString());
      case "date" -> Arbitraries.frequencyOf( // days: any, or within a century of 2026
          Tuple.of(1, Arbitraries.integers().withDistribution(RandomDistribution.uniform())),
          Tuple.of(1, Arbitraries.integers().between(20_454 - 36_500, 20_454 + 36_500)));
      case "time-millis" -> Arbitraries.integers().between(0, 86_399_999);
      case "time-micros" -> Arbitraries.longs().between(0, 86_399_999_999L);
      case "timestamp-millis", "local-timestamp-millis" -> timestamps(1_000L);
      case "timestamp-micros", "local-timestamp-micros" -> timestamps(1_000_000L);
      case "timestamp-nanos", "local-timestamp-nanos" -> timestamps(1_000_000_000L);
      default -> null;
    };
    if (raw == null) {
      return null;
    }
    return conversion == null ? raw.asGeneric()
        : raw.map(value -> Conversions.convertToLogicalType(value, schema, logical, conversion));
  }

  /**
   * Any long (uniformly, so mostly hundreds of thousands of years away), or around now (within a
   * century of 2026), in units of 1/perSecond s.
   */
  private static Arbitrary<Long> timestamps(long perSecond) {
    long now = 1_767_225_600L * perSecond;
    long century = 100L * 365 * 86_400 * perSecond;
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.longs().withDistribution(RandomDistribution.uniform())),
        Tuple.of(1, longs()),
        Tuple.of(2, Arbitraries.longs().between(now - century, now + century)));
  }

  /** Any int, MIN_VALUE and MAX_VALUE often. */
  public static Arbitrary<Integer> ints() {
    return Arbitraries.frequencyOf(Tuple.of(15, Arbitraries.integers()),
        Tuple.of(1, Arbitraries.of(Integer.MIN_VALUE, Integer.MAX_VALUE)));
  }

  /** Any long, MIN_VALUE and MAX_VALUE often. */
  public static Arbitrary<Long> longs() {
    return Arbitraries.frequencyOf(Tuple.of(15, Arbitraries.longs()),
        Tuple.of(1, Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE)));
  }

  /**
   * Decimals of the schema's precision and scale, at full precision among others; sometimes
   * written with another scale for the same number (1.5 for 1.500), which Avro rescales.
   */
  private static Arbitrary<Object> decimals(LogicalTypes.Decimal decimal) {
    int scale = decimal.getScale();
    BigInteger max = BigInteger.TEN.pow(decimal.getPrecision()).subtract(BigInteger.ONE);
    Arbitrary<BigDecimal> exact = Arbitraries.bigIntegers().between(max.negate(), max)
        .map(unscaled -> new BigDecimal(unscaled, scale));
    return Arbitraries.frequencyOf(
        Tuple.of(8, exact),
        Tuple.of(1, exact.map(BigDecimal::stripTrailingZeros)),
        Tuple.of(1, exact.map(value -> value.setScale(scale + 2)))).asGeneric();
  }

  /** Strings of whole code points (no lone surrogate: Java cannot encode one in UTF-8). */
  public static Arbitrary<String> texts(boolean hugeToo) {
    Arbitrary<String> small = CODE_POINTS.list().ofMaxSize(24).map(EventArbitraries::text);
    if (!hugeToo) {
      return small;
    }
    Arbitrary<String> huge = Combinators.combine(CODE_POINTS.list().ofMinSize(1).ofMaxSize(24),
        Arbitraries.integers().between(HUGE, HUGEST)).as((codePoints, length) -> {
          String unit = text(codePoints);
          return unit.repeat(Math.max(1, length / unit.length()));
        });
    return Arbitraries.frequencyOf(Tuple.of(24, small), Tuple.of(1, huge));
  }

  private static String text(List<Integer> codePoints) {
    StringBuilder text = new StringBuilder();
    codePoints.forEach(text::appendCodePoint);
    return text.toString();
  }

  public static Arbitrary<ByteBuffer> byteBuffers(boolean hugeToo) {
    Arbitrary<byte[]> small = Arbitraries.bytes().array(byte[].class).ofMaxSize(32);
    Arbitrary<byte[]> content = !hugeToo ? small : Arbitraries.frequencyOf(Tuple.of(24, small),
        Tuple.of(1, Combinators.combine(Arbitraries.integers().between(HUGE, HUGEST),
            Arbitraries.longs()).as((length, seed) -> {
              byte[] bytes = new byte[length];
              new Random(seed).nextBytes(bytes);
              return bytes;
            })));
    return Combinators.combine(content, Arbitraries.of(BufferShape.class))
        .as((bytes, shape) -> shape.wrap(bytes));
  }

  /** The ways a caller may hand over bytes; Avro writes what lies between position and limit. */
  public enum BufferShape {
    WRAPPED, AT_AN_OFFSET, SLICED, READ_ONLY, DIRECT;

    ByteBuffer wrap(byte[] bytes) {
      return switch (this) {
        case WRAPPED -> ByteBuffer.wrap(bytes);
        case AT_AN_OFFSET -> ByteBuffer.wrap(padded(bytes), 3, bytes.length);
        case SLICED -> ByteBuffer.wrap(padded(bytes)).position(3).slice().limit(bytes.length);
        case READ_ONLY -> ByteBuffer.wrap(bytes).asReadOnlyBuffer();
        case DIRECT -> ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
      };
    }

    private static byte[] padded(byte[] bytes) {
      byte[] padded = new byte[bytes.length + 6];
      Arrays.fill(padded, (byte) 0x5a);
      System.arraycopy(bytes, 0, padded, 3, bytes.length);
      return padded;
    }
  }

  /** Any float, every special value and NaN payload among them. */
  public static Arbitrary<Float> floats() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.floats().withStandardSpecialValues().withSpecialValue(-0.0f)),
        Tuple.of(2, Arbitraries.integers().map(Float::intBitsToFloat)),
        Tuple.of(1, Arbitraries.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            -0.0f, Float.MIN_VALUE, -Float.MAX_VALUE, Float.intBitsToFloat(0xffc00001))));
  }

  /** Any double, every special value and NaN payload among them. */
  public static Arbitrary<Double> doubles() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.doubles().withStandardSpecialValues().withSpecialValue(-0.0)),
        Tuple.of(2, Arbitraries.longs().map(Double::longBitsToDouble)),
        Tuple.of(1, Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            -0.0, Double.MIN_VALUE, -Double.MAX_VALUE, Double.longBitsToDouble(0xfff8000000000001L))));
  }
}
