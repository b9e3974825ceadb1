package dev.typedproducer.internal.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.InvalidEventException;
import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.events.ml.InferenceRequest;
import dev.typedproducer.testevents.Colour;
import dev.typedproducer.testevents.TortureEvent;
import dev.typedproducer.testing.EventArbitraries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * The encoder plan against Avro's own writer, with no fallback in between: on random events of
 * every schema in {@code schemas/} and of the torture schema, the plan alone must write them, and
 * write Avro's bytes. Then what the plan leaves to Avro's writer, one example per kind, each
 * written by the serializer exactly as Avro writes it.
 */
class EncoderPlanTest {
  private static final int ID = 7;

  @Property
  void writesEveryEventOfEverySchemaFileAsAvroDoesWithoutFallingBack(
      @ForAll("eventsOfEverySchemaFile") SpecificRecord event) {
    assertPlanWritesAvroBytes(event);
  }

  @Property
  void writesEveryTortureEventAsAvroDoesWithoutFallingBack(
      @ForAll("tortureEvents") TortureEvent event) {
    assertPlanWritesAvroBytes(event);
  }

  @Provide
  Arbitrary<SpecificRecord> eventsOfEverySchemaFile() {
    List<Arbitrary<SpecificRecord>> each = new ArrayList<>();
    for (Class<? extends SpecificRecord> type : RoundTripPropertiesTest.schemaFileClasses()) {
      each.add(EventArbitraries.events(type).map(SpecificRecord.class::cast));
    }
    return Arbitraries.oneOf(each);
  }

  @Provide
  Arbitrary<TortureEvent> tortureEvents() {
    return EventArbitraries.events(TortureEvent.class);
  }

  @Example
  void aHandWrittenRecordClassFallsBackToAvrosWriter() {
    HandWrittenClick event = new HandWrittenClick(click());
    AvroWireSerializer<SpecificRecord> serializer = serializer(UserClick.class);

    assertThat(notCovered(event)).isTrue();
    assertThat(serializer.serialize("t", event))
        .isEqualTo(RoundTripCheck.framed(ID, avro(event)))
        .isEqualTo(serializer.serialize("t", click()));
    assertThat(serializer.fallbacks()).isEqualTo(1); // the hand-written event, not the generated
  }

  @Example
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aDoubleInAFloatArrayFallsBackAndIsWrittenAsAvroNarrowsIt() {
    InferenceRequest event = request();
    ((List) event.getFeatures()).set(1, 0.25d);
    AvroWireSerializer<SpecificRecord> serializer = serializer(InferenceRequest.class);

    assertThat(notCovered(event)).isTrue();
    assertThat(serializer.serialize("t", event)).isEqualTo(RoundTripCheck.framed(ID, avro(event)));
    assertThat(serializer.fallbacks()).isEqualTo(1);
  }

  @Example
  void aGenericEnumSymbolInAUnionFallsBackToAvrosWriter() {
    TortureEvent event = EventArbitraries.events(TortureEvent.class).sample();
    event.setChoice(new GenericData.EnumSymbol(Colour.getClassSchema(), "BLUE"));
    AvroWireSerializer<SpecificRecord> serializer = serializer(TortureEvent.class);

    assertThat(notCovered(event)).isTrue();
    assertThat(serializer.serialize("t", event)).isEqualTo(RoundTripCheck.framed(ID, avro(event)));
    assertThat(serializer.fallbacks()).isEqualTo(1);
  }

  @Example
  void aValueAvroRefusesFallsBackAndAvrosWriterNamesIt() {
    InferenceRequest event = request();
    event.setCostUsd(new BigDecimal("0.1234567")); // scale 7 in a scale-6 decimal
    AvroWireSerializer<SpecificRecord> serializer = serializer(InferenceRequest.class);

    assertThat(notCovered(event)).isTrue();
    assertThatThrownBy(() -> serializer.serialize("t", event))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("field cost_usd cannot be written");
  }

  @Example
  void decimalsAtAnotherScaleAreRescaledByAvrosConversionInsideThePlan() {
    InferenceRequest event = request();
    event.setCostUsd(new BigDecimal("-0.5")); // rescaled to -0.500000, as Avro does
    assertPlanWritesAvroBytes(event);
    event.setCostUsd(new BigDecimal("-999999.999999"));
    assertPlanWritesAvroBytes(event);
  }

  private static void assertPlanWritesAvroBytes(SpecificRecord event) {
    WireBuffer out = new WireBuffer();
    plan(event.getClass()).write(event, out);
    assertThat(out.toByteArray()).as("the plan's bytes vs Avro's for %s", event)
        .isEqualTo(avro(event));
  }

  private static boolean notCovered(SpecificRecord event) {
    try {
      plan(event instanceof HandWrittenClick ? UserClick.class : event.getClass())
          .write(event, new WireBuffer());
      return false;
    } catch (RuntimeException e) {
      return true;
    }
  }

  private static ValueWriter plan(Class<?> eventClass) {
    SpecificData model = SpecificData.getForClass(eventClass);
    return EncoderPlan.compile(model.getSchema(eventClass), model);
  }

  private static AvroWireSerializer<SpecificRecord> serializer(Class<?> eventClass) {
    SpecificData model = SpecificData.getForClass(eventClass);
    return new AvroWireSerializer<>(ID, model.getSchema(eventClass), model);
  }

  private static byte[] avro(SpecificRecord event) {
    Class<?> type = event instanceof HandWrittenClick ? UserClick.class : event.getClass();
    SpecificData model = SpecificData.getForClass(type);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    try {
      new SpecificDatumWriter<SpecificRecord>(model.getSchema(type), model).write(event, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static UserClick click() {
    return UserClick.newBuilder().setUserId("user_123").setAction(Action.BUY).setPage("/checkout")
        .setOccurredAt(Instant.ofEpochMilli(1_763_800_000_000L)).setReferrer("/search?q=shoes")
        .setAttributes(Map.of("experiment", "b")).build();
  }

  private static InferenceRequest request() {
    return InferenceRequest.newBuilder()
        .setRequestId(UUID.fromString("123e4567-e89b-12d3-a456-426614174000")).setModel("ranker")
        .setModelVersion(14).setFeatures(new ArrayList<>(List.of(0.1f, -0.0f, Float.NaN)))
        .setScore(0.93f).setCostUsd(new BigDecimal("0.004250"))
        .setRequestedAt(Instant.ofEpochMilli(1_763_800_000_000L)).build();
  }

  /** A record class written by hand, not by Avro's compiler: the plan leaves it to Avro. */
  private static final class HandWrittenClick implements SpecificRecord {
    private final UserClick click;

    HandWrittenClick(UserClick click) {
      this.click = click;
    }

    @Override
    public Schema getSchema() {
      return click.getSchema();
    }

    @Override
    public Object get(int field) {
      return click.get(field);
    }

    @Override
    public void put(int field, Object value) {
      click.put(field, value);
    }
  }
}
