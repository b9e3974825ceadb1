package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.internal.key.KeyField;
import dev.typedproducer.internal.metrics.MicrometerSendMetrics;
import dev.typedproducer.internal.metrics.SendMetrics;
import dev.typedproducer.internal.rules.RuleGate;
import dev.typedproducer.internal.rules.Rules;
import dev.typedproducer.internal.send.DeadLetters;
import dev.typedproducer.internal.send.DeliveryFailures;
import dev.typedproducer.internal.serde.AvroWireSerializer;
import dev.typedproducer.testevents.BadRuleEvent;
import dev.typedproducer.testevents.Item;
import dev.typedproducer.testevents.RuledEvent;
import dev.typedproducer.testing.FakeRegistry;
import dev.typedproducer.testing.ProducerLeakCheck;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The data rules at send: refused with every violation, or routed to the dead-letter topic. */
@ExtendWith(ProducerLeakCheck.class)
class RulesAtSendTest {
  private static final int SCHEMA_ID = 42;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MockProducer<byte[], byte[]> mock =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final AvroWireSerializer<RuledEvent> serializer = new AvroWireSerializer<>(
      SCHEMA_ID, RuledEvent.getClassSchema(), SpecificData.getForClass(RuledEvent.class));

  private TypedProducer<RuledEvent> producer(boolean deadLetter) {
    return producer(deadLetter, SendMetrics.NONE);
  }

  private TypedProducer<RuledEvent> producer(boolean deadLetter, SendMetrics metrics) {
    return new TypedProducer<>(mock, serializer, "ruled_events", RuledEvent.class.getName(),
        SendPath.of(KeyField.of(RuledEvent.getClassSchema()),
            new DeliveryFailures("ruled_events", Map.of())).withMetrics(metrics).withRules(
            new RuleGate(Rules.of(RuledEvent.getClassSchema(), "test", Clock.systemUTC()),
                RuledEvent.getClassSchema().getFullName(), deadLetter),
            deadLetter ? new DeadLetters("ruled_events.invalid", "ruled_events", Map.of()) : null),
        List.of());
  }

  static RuledEvent good() {
    return RuledEvent.newBuilder().setId("k1").setScore(0.5).setEmbedding(floats(1, 2, 3, 4))
        .setLabel("click").setTags(Map.of("a", "b")).setEmail("a@b").setAt(Instant.now())
        .setCount(1).setPrice(new BigDecimal("0.00")).setItem(new Item(1))
        .setItems(List.of(new Item(99))).build();
  }

  static RuledEvent bad() {
    RuledEvent event = good();
    event.setScore(1.7);
    event.getEmbedding().set(3, Float.NaN);
    event.setEmail("alice.example.com");
    event.getItems().get(0).setQty(100);
    return event;
  }

  @Test
  void refusesAnEventThatBreaksRulesListingEveryViolationAndSendsNothing() {
    try (TypedProducer<RuledEvent> producer = producer(false)) {
      assertThatThrownBy(() -> producer.send(bad()))
          .isInstanceOfSatisfying(InvalidEventException.class, e -> {
            assertThat(e.violations()).extracting(RuleViolation::path, RuleViolation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("score", "max"),
                    org.assertj.core.groups.Tuple.tuple("embedding/3", "finite"),
                    org.assertj.core.groups.Tuple.tuple("email", "pattern"),
                    org.assertj.core.groups.Tuple.tuple("items/0/qty", "maxExclusive"));
            assertThat(e.field()).isEqualTo("score");
          })
          .hasMessageStartingWith("Cannot send dev.typedproducer.testevents.RuledEvent to topic"
              + " ruled_events: it breaks 4 data rule(s)")
          .hasMessageContaining("[max] score must be at most 1, was 1.7")
          .hasMessageContaining("[finite] embedding/3 must be finite (not NaN or Infinity), was NaN")
          .hasMessageContaining("onRuleViolation(OnRuleViolation.deadLetter())")
          .message().doesNotContain("alice");
      assertThat(mock.history()).isEmpty();
    }
  }

  @Test
  void sendsAnEventThatKeepsEveryRuleToItsTopic() throws Exception {
    try (TypedProducer<RuledEvent> producer = producer(true)) {
      SendResult result = producer.send(good()).get();

      assertThat(result.deadLettered()).isFalse();
      assertThat(result.violations()).isEmpty();
      assertThat(mock.history()).singleElement().satisfies(r -> {
        assertThat(r.topic()).isEqualTo("ruled_events");
        assertThat(r.headers().toArray()).isEmpty();
      });
    }
  }

  @Test
  void sendsABadEventToTheDeadLetterTopicWithItsKeyValueAndReasons() throws Exception {
    RuledEvent event = bad();
    try (TypedProducer<RuledEvent> producer = producer(true)) {
      SendResult result = producer.send(event).get();

      assertThat(result.deadLettered()).isTrue();
      assertThat(result.topic()).isEqualTo("ruled_events.invalid");
      assertThat(result.violations()).hasSize(4);
      ProducerRecord<byte[], byte[]> record = mock.history().get(0);
      assertThat(record.topic()).isEqualTo("ruled_events.invalid");
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("k1");
      assertThat(record.value()).isEqualTo(serializer.serialize("ruled_events", event));
      assertThat(header(record, DeadLetters.SOURCE_TOPIC)).containsExactly("ruled_events");
      assertThat(header(record, DeadLetters.SCHEMA_ID)).containsExactly("42");
      List<JsonNode> reasons = new ArrayList<>();
      for (String text : header(record, DeadLetters.VIOLATION)) {
        reasons.add(JSON.readTree(text));
      }
      assertThat(reasons).extracting(r -> r.path("path").asText() + " " + r.path("rule").asText()
          + " " + r.path("value").asText()).containsExactly("score max 1.7",
              "embedding/3 finite NaN", "email pattern null", "items/0/qty maxExclusive 100");
      assertThat(reasons.get(2).get("value").isNull()).isTrue();
      assertThat(String.join(" ", header(record, DeadLetters.VIOLATION))).doesNotContain("alice");
    }
  }

  @Test
  void countsADeadLetteredEventApartFromTheSentOnes() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Tags tags = Tags.of("event", RuledEvent.class.getName(), "topic", "ruled_events");
    try (TypedProducer<RuledEvent> producer = producer(true,
        MicrometerSendMetrics.bind(meters, mock, RuledEvent.class.getName(), "ruled_events"))) {
      producer.send(good()).join();
      producer.send(bad()).join();
      producer.send(bad()).join();

      assertThat(meters.get(MicrometerSendMetrics.SENT).tags(tags).counter().count()).isEqualTo(1);
      assertThat(meters.get(MicrometerSendMetrics.DEAD_LETTERED).tags(tags).counter().count())
          .isEqualTo(2);
      assertThat(meters.get(MicrometerSendMetrics.REFUSED).tags(tags).counter().count()).isZero();
      assertThat(meters.get(MicrometerSendMetrics.LATENCY).tags(tags).timer().count()).isEqualTo(3);
    }
  }

  @Test
  void aNullKeyFailsEvenWhenBadEventsAreDeadLettered() {
    RuledEvent event = bad();
    event.setId(null);
    try (TypedProducer<RuledEvent> producer = producer(true)) {
      assertThatThrownBy(() -> producer.send(event)).isInstanceOf(InvalidEventException.class)
          .hasMessageContaining("id");
      assertThat(mock.history()).isEmpty();
    }
  }

  @Test
  void buildRefusesAClassWithAMalformedRule() {
    try (FakeRegistry registry = FakeRegistry.start()) {
      assertThatThrownBy(() -> TypedProducer.builder(BadRuleEvent.class)
          .bootstrapServers("localhost:9092").schemaRegistryUrl(registry.url()).build())
          .isInstanceOfSatisfying(InvalidSchemaException.class, e -> assertThat(e.diagnostics())
              .extracting(Diagnostic::id).containsExactly("RuleRangeEmpty"))
          .hasMessageStartingWith("[RuleRangeEmpty] class dev.typedproducer.testevents.BadRuleEvent:");
      assertThat(registry.requests()).isEmpty();
    }
  }

  @Test
  void deadLetteringNeedsATopicFromTheSchemaOrTheBuilder() {
    try (FakeRegistry registry = FakeRegistry.start()) {
      assertThatThrownBy(() -> TypedProducer.builder(UserClick.class)
          .bootstrapServers("localhost:9092").schemaRegistryUrl(registry.url())
          .onRuleViolation(OnRuleViolation.deadLetter()).build())
          .isInstanceOfSatisfying(InvalidConfigException.class,
              e -> assertThat(e.setting()).isEqualTo("onRuleViolation"))
          .hasMessageContaining("no \"kafka.deadLetterTopic\"")
          .hasMessageContaining("OnRuleViolation.deadLetter(\"user_clicks.invalid\")");
      assertThatThrownBy(() -> TypedProducer.builder(UserClick.class)
          .bootstrapServers("localhost:9092").schemaRegistryUrl(registry.url())
          .onRuleViolation(OnRuleViolation.deadLetter("user_clicks")).build())
          .isInstanceOf(InvalidConfigException.class)
          .hasMessageContaining("the event's own topic");
      assertThat(registry.requests()).isEmpty();
    }
  }

  private static List<String> header(ProducerRecord<byte[], byte[]> record, String name) {
    List<String> values = new ArrayList<>();
    for (Header h : record.headers().headers(name)) {
      values.add(new String(h.value(), StandardCharsets.UTF_8));
    }
    return values;
  }

  private static List<Float> floats(float... values) {
    List<Float> list = new ArrayList<>();
    for (float v : values) {
      list.add(v);
    }
    return list;
  }
}
