package dev.typedproducer.internal.serde;

import dev.typedproducer.testing.EventArbitraries;
import dev.typedproducer.testing.EventEdges;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The round-trip property for one event, for any serializer of the wire format: its output must
 * be {@code 0x00 | schema id (4 bytes, big-endian) | body}, where the body is byte for byte what
 * Avro's own {@link SpecificDatumWriter} writes, and the body must decode back to an equal event.
 * It looks only at the bytes, never at how the serializer makes them, so that it holds any
 * encoder that replaces Avro's writer to the same standard.
 *
 * <p>Equality is the generated {@code equals}, with two exceptions where it cannot say yes. A
 * decimal sent at another scale (1.5 for a scale-3 field) is written as Avro rescales it, so it
 * comes back as 1.500, which {@code BigDecimal.equals} tells apart: such an event is compared
 * with its decimals at the schema's scale. And Avro 1.12's generated {@code equals} compares
 * float and double fields with {@code !=}, so an event with a NaN there equals no copy of itself:
 * such an event is compared with Avro's data-model comparison instead ({@code Float.compare}:
 * every NaN equal). Neither looks at NaN payloads or the sign of a zero in a field, so the decoded
 * event is also encoded again and must give the same bytes: that is the strict check.
 */
final class RoundTripCheck {
  static final String TOPIC = "round_trip";
  private static final int SHOWN = 2_000;
  private static final Map<Class<?>, Avro> AVRO = new ConcurrentHashMap<>();

  private RoundTripCheck() {}

  /** Checks one event; throws an AssertionError that says what differs, and where. */
  static <T extends SpecificRecord> void check(Serializer<T> serializer, int schemaId, T event) {
    Avro avro = AVRO.computeIfAbsent(event.getClass(), Avro::new);
    byte[] body = avro.write(event);

    byte[] framed = serializer.serialize(TOPIC, event);
    sameBytes("the serializer's output vs 0x00 | schema id " + schemaId
        + " | Avro's SpecificDatumWriter body", framed(schemaId, body), framed, event);

    SpecificRecord decoded = avro.read(body, event);
    Set<String> edges = EventEdges.of(event);
    SpecificRecord expected = edges.contains("decimal in another scale")
        ? avro.data.deepCopy(event.getSchema(), event) : event;
    boolean equal = edges.stream().anyMatch(edge -> edge.startsWith("NaN "))
        ? avro.data.sameData(expected, decoded, event.getSchema())
        : expected.equals(decoded);
    if (!equal) {
      throw new AssertionError("the body decodes to a different event.\n  sent:    "
          + shown(event) + "\n  decoded: " + shown(decoded));
    }
    sameBytes("Avro's body of the event vs of the event decoded from it", body,
        avro.write(decoded), event);
    sameBytes("the event serialized once vs again", framed, serializer.serialize(TOPIC, event),
        event);
    sameBytes("Avro's body of the event before vs after the serializer ran (it changed the event)",
        body, avro.write(event), event);
  }

  static byte[] framed(int schemaId, byte[] body) {
    byte[] framed = new byte[5 + body.length];
    framed[1] = (byte) (schemaId >>> 24);
    framed[2] = (byte) (schemaId >>> 16);
    framed[3] = (byte) (schemaId >>> 8);
    framed[4] = (byte) schemaId;
    System.arraycopy(body, 0, framed, 5, body.length);
    return framed;
  }

  /** Avro's own writer and reader for one event class: the reference. */
  private static final class Avro {
    final ReaderData data;
    final SpecificDatumWriter<SpecificRecord> writer;
    final SpecificDatumReader<SpecificRecord> reader;

    Avro(Class<?> eventClass) {
      SpecificData model = SpecificData.getForClass(eventClass);
      Schema schema = model.getSchema(eventClass);
      this.data = new ReaderData(eventClass);
      this.writer = new SpecificDatumWriter<>(schema, model);
      this.reader = new OrderedMapReader(schema, data);
    }

    byte[] write(SpecificRecord event) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      try {
        writer.write(event, encoder);
        encoder.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }

    /** Decodes with the event's own schema and classes, keeping maps in the order of the bytes. */
    SpecificRecord read(byte[] body, SpecificRecord sent) {
      BinaryDecoder in = DecoderFactory.get().binaryDecoder(body, null);
      try {
        SpecificRecord decoded = reader.read(null, in);
        if (!in.isEnd()) {
          throw new AssertionError("the body has bytes after the event: " + shown(sent));
        }
        return decoded;
      } catch (IOException | RuntimeException e) {
        throw new AssertionError("the body does not decode (" + e + "): " + shown(sent), e);
      }
    }
  }

  /**
   * The model's conversions, and its generated classes found without Avro's by-name trust check
   * (these are this build's own classes).
   */
  private static final class ReaderData extends SpecificData {
    private final ClassLoader loader;

    ReaderData(Class<?> eventClass) {
      super(eventClass.getClassLoader());
      this.loader = eventClass.getClassLoader();
      SpecificData.getForClass(eventClass).getConversions().forEach(this::addLogicalTypeConversion);
    }

    @Override
    public Class<?> getClass(Schema schema) {
      return switch (schema.getType()) {
        case RECORD, ENUM, FIXED -> EventArbitraries.generatedClass(schema, loader);
        default -> super.getClass(schema);
      };
    }

    /** Avro's data-model equality: floats by Float.compare, so NaN equals NaN. */
    boolean sameData(Object a, Object b, Schema schema) {
      return compare(a, b, schema, true) == 0;
    }
  }

  /** Maps in wire order, so that encoding the decoded event again can give the same bytes. */
  private static final class OrderedMapReader extends SpecificDatumReader<SpecificRecord> {
    OrderedMapReader(Schema schema, SpecificData data) {
      super(schema, schema, data);
    }

    @Override
    protected Object newMap(Object old, int size) {
      return new LinkedHashMap<>(Math.max(16, size * 2));
    }
  }

  private static void sameBytes(String what, byte[] expected, byte[] actual, Object event) {
    int at = Arrays.mismatch(expected, actual);
    if (at < 0) {
      return;
    }
    throw new AssertionError(what + ": they differ at byte " + at + " (lengths " + expected.length
        + " and " + actual.length + ").\n  expected " + window(expected, at) + "\n  actual   "
        + window(actual, at) + "\n  event: " + shown(event));
  }

  /** A few bytes either side of {@code at}, in hex. */
  private static String window(byte[] bytes, int at) {
    int from = Math.max(0, at - 8);
    int to = Math.min(bytes.length, at + 8);
    return "[" + from + ".." + to + ") " + HexFormat.ofDelimiter(" ").formatHex(bytes, from, to);
  }

  private static String shown(Object event) {
    String text = String.valueOf(event);
    return text.length() <= SHOWN ? text
        : text.substring(0, SHOWN) + "... (" + text.length() + " characters)";
  }
}
