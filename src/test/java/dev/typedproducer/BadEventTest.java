package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.events.ml.InferenceRequest;
import dev.typedproducer.internal.key.KeyField;
import dev.typedproducer.internal.rules.RuleGate;
import dev.typedproducer.internal.rules.Rules;
import dev.typedproducer.internal.send.DeliveryFailures;
import dev.typedproducer.internal.serde.AvroWireSerializer;
import dev.typedproducer.testevents.MixedValueEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Events that cannot be sent as they are, one row each: send refuses the bad event in the
 * caller's thread with an {@link InvalidEventException} that names the field, the value's problem
 * and the fix, sends nothing for it, and the events sent just before and after it go out as usual.
 * The producer runs the real Avro serializer on Kafka's MockProducer; the same on a real broker is
 * in {@code BadInputIT}.
 */
class BadEventTest {
  /**
   * One bad event: how to make a good event of its class (keyed by a name), the bad event itself,
   * the field {@link InvalidEventException#field()} must name, and what the message must say.
   */
  record Row(String name, Function<String, SpecificRecord> good, SpecificRecord bad, String field,
      List<String> says) {
    @Override
    public String toString() {
      return name;
    }
  }

  private final MockProducer<byte[], byte[]> kafka =
      new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());

  static Stream<Row> badEvents() {
    return Stream.of(
        new Row("null key", BadEventTest::click, click(c -> c.setUserId(null)), "user_id",
            List.of("Cannot send dev.typedproducer.events.UserClick: its key field user_id is null",
                "set user_id before sending", "Nothing was sent")),
        new Row("null in a non-null field", BadEventTest::click, click(c -> c.setPage(null)),
            "page", written("events.UserClick", "user_clicks", "page")),
        new Row("a value that fits no branch of its union", BadEventTest::mixed,
            mixed(m -> m.setValue(1.5)), "value",
            with(written("testevents.MixedValueEvent", "mixed_values", "value"),
                "Not in union [\"null\",\"long\",{\"type\":\"string\"", "java.lang.Double")),
        new Row("decimal with more places than its scale", BadEventTest::request,
            request(r -> r.setCostUsd(new BigDecimal("0.0000001"))), "cost_usd",
            with(written("events.ml.InferenceRequest", "inference_requests", "cost_usd"),
                "Cannot encode decimal with scale 7 as scale 6 without rounding")),
        new Row("decimal with more digits than its precision", BadEventTest::request,
            request(r -> r.setCostUsd(new BigDecimal("1234567.000000"))), "cost_usd",
            with(written("events.ml.InferenceRequest", "inference_requests", "cost_usd"),
                "Cannot encode decimal with precision 13 as max precision 12")),
        new Row("decimal over its precision once padded to its scale", BadEventTest::request,
            request(r -> r.setCostUsd(new BigDecimal("1234567.5"))), "cost_usd",
            with(written("events.ml.InferenceRequest", "inference_requests", "cost_usd"),
                "Cannot encode decimal with precision 13 as max precision 12. This is after"
                    + " safely adjusting scale from 1 to required 6")),
        new Row("wrong type in a map, through put(int, Object)", BadEventTest::click,
            click(c -> c.put(5, Map.of("arm", 42))), "attributes/arm",
            with(written("events.UserClick", "user_clicks", "attributes/arm"),
                "value 42 (a java.lang.Integer) cannot be cast to expected type string")),
        new Row("wrong type in an array, through put(int, Object)", BadEventTest::request,
            request(r -> r.put(3, List.of(0.5f, "high", 0f, 0f, 0f, 0f, 0f, 0f))), "features/1",
            with(written("events.ml.InferenceRequest", "inference_requests", "features/1"),
                "value high (a java.lang.String) cannot be cast to expected type float")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badEvents")
  void refusesTheBadEventAloneInTheCallersThread(Row row) throws Exception {
    SpecificRecord before = row.good().apply("before");
    SpecificRecord after = row.good().apply("after");
    CompletableFuture<SendResult> sentBefore;
    CompletableFuture<SendResult> sentAfter;
    try (TypedProducer<SpecificRecord> producer = producerFor(row.bad())) {
      sentBefore = producer.send(before);

      assertThatThrownBy(() -> producer.send(row.bad()))
          .isInstanceOfSatisfying(InvalidEventException.class,
              e -> assertThat(e.field()).isEqualTo(row.field()))
          .hasMessageContainingAll(row.says().toArray(String[]::new));
      assertThat(sentBefore).isNotDone(); // still in flight when the bad event was refused

      sentAfter = producer.send(after);
      assertThat(kafka.completeNext()).isTrue();
      assertThat(kafka.completeNext()).isTrue();
    }

    assertThat(sentBefore.get().key()).isEqualTo(keyOf(before));
    assertThat(sentAfter.get().key()).isEqualTo(keyOf(after));
    assertThat(kafka.history()).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
        .containsExactly(keyOf(before), keyOf(after));
  }

  @Test
  void aWrongTypePutIntoATypedFieldFailsInTheGeneratedClassBeforeSend() {
    UserClick click = click("u1");

    // Avro's generated put(int, Object) casts: the caller sees Java's ClassCastException at once.
    assertThatThrownBy(() -> click.put(1, "BUY")).isInstanceOf(ClassCastException.class)
        .hasMessageContaining("java.lang.String cannot be cast to class"
            + " dev.typedproducer.events.Action");
    assertThat(click.getAction()).isEqualTo(Action.VIEW);
  }

  @Test
  void aNumberPutIntoAStringFieldIsSentAsItsText() throws Exception {
    // Not refused: the generated put(int, Object) of a string field stores value.toString().
    UserClick click = click("u1");
    click.put(2, 42);

    try (TypedProducer<SpecificRecord> producer = producerFor(click)) {
      CompletableFuture<SendResult> sent = producer.send(click);
      kafka.completeNext();
      assertThat(sent.get().key()).isEqualTo("u1");
    }
    assertThat(click.getPage()).isEqualTo("42");
    byte[] value = kafka.history().get(0).value();
    assertThat(new String(value, StandardCharsets.UTF_8)).contains("42");
  }

  /** A producer of {@code sample}'s class on the mock, with the real serializer. */
  private TypedProducer<SpecificRecord> producerFor(SpecificRecord sample) {
    Schema schema = sample.getSchema();
    String topic = (String) schema.getObjectProp("kafka.topic");
    AvroWireSerializer<SpecificRecord> values =
        new AvroWireSerializer<>(1, schema, SpecificData.getForClass(sample.getClass()));
    RuleGate rules = new RuleGate(Rules.of(schema, "test", Clock.systemUTC()),
        schema.getFullName(), false);
    return new TypedProducer<>(kafka, values, topic, schema.getFullName(),
        SendPath.of(KeyField.of(schema), new DeliveryFailures(topic, Map.of()))
            .withRules(rules, null),
        List.of());
  }

  private static String keyOf(SpecificRecord event) {
    return KeyField.of(event.getSchema()).keyOf(event);
  }

  /** The start and end of the message for a value Avro cannot write. */
  private static List<String> written(String record, String topic, String field) {
    return List.of("Cannot send dev.typedproducer." + record + " to topic " + topic
        + ": field " + field + " cannot be written: ",
        "Fix the value to fit the schema's type for " + field + "; nothing was sent.");
  }

  private static List<String> with(List<String> says, String... more) {
    return Stream.concat(says.stream(), Stream.of(more)).toList();
  }

  private static UserClick click(String userId) {
    return UserClick.newBuilder().setUserId(userId).setAction(Action.VIEW).setPage("/")
        .setOccurredAt(Instant.EPOCH).build();
  }

  private static UserClick click(Consumer<UserClick> spoil) {
    UserClick click = click("bad");
    spoil.accept(click);
    return click;
  }

  private static InferenceRequest request(String name) {
    return InferenceRequest.newBuilder()
        .setRequestId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)))
        .setModel("ranker").setModelVersion(3).setFeatures(Collections.nCopies(8, 0.5f))
        .setCostUsd(new BigDecimal("0.001250"))
        .setRequestedAt(Instant.parse("2025-11-22T10:15:30Z")).build();
  }

  private static InferenceRequest request(Consumer<InferenceRequest> spoil) {
    InferenceRequest request = request("bad");
    spoil.accept(request);
    return request;
  }

  private static MixedValueEvent mixed(String id) {
    return MixedValueEvent.newBuilder().setId(id).setValue(42L).build();
  }

  private static MixedValueEvent mixed(Consumer<MixedValueEvent> spoil) {
    MixedValueEvent event = mixed("bad");
    spoil.accept(event);
    return event;
  }
}
