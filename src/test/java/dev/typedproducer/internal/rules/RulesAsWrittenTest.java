package dev.typedproducer.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.internal.serde.AvroWireSerializer;
import dev.typedproducer.testevents.Item;
import dev.typedproducer.testevents.RuledEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/**
 * The serializer's one-pass check ({@code serializeKeepingRules}) on the paths it takes: the
 * encoder plan, with the finite rule checked on each float as it is written, a record inside the
 * event, and the events the plan leaves to Avro's writer, where the rules are checked apart.
 */
class RulesAsWrittenTest {
  private static final Rules RULES =
      Rules.of(RuledEvent.getClassSchema(), "test", RuleFixtures.CLOCK);

  @Test
  void aGoodEventIsWrittenAsSerializeWritesIt() {
    RuledEvent event = good();

    assertThat(serializer().serializeKeepingRules("t", event))
        .isEqualTo(serializer().serialize("t", event));
  }

  @Test
  void aNonFiniteFloatIsCaughtAsTheArrayIsWritten() {
    for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
      RuledEvent event = good();
      event.getEmbedding().set(3, bad);

      assertThat(serializer().serializeKeepingRules("t", event)).as("%s", bad).isNull();
    }
  }

  @Test
  void theLargestAndSmallestFiniteFloatsPass() {
    RuledEvent event = good();
    event.setEmbedding(new ArrayList<>(List.of(Float.MAX_VALUE, -Float.MAX_VALUE,
        Float.MIN_VALUE, -0.0f)));

    assertThat(serializer().serializeKeepingRules("t", event)).isNotNull();
  }

  @Test
  void theEmbeddingsOtherRulesStillHoldBesideFinite() {
    RuledEvent event = good();
    event.setEmbedding(new ArrayList<>(List.of(1f, 2f, 3f)));

    assertThat(serializer().serializeKeepingRules("t", event)).isNull();
    assertThat(RULES.violations(event)).extracting(v -> v.rule()).containsExactly("size");
  }

  @Test
  void aBrokenRuleInARecordInsideTheEventIsCaught() {
    RuledEvent event = good();
    event.getItems().add(new Item(100));

    assertThat(serializer().serializeKeepingRules("t", event)).isNull();
  }

  @Test
  void anEventTheEncoderPlanLeavesToAvroIsStillChecked() {
    RuledEvent broken = good();
    broken.setEmbedding(new LinkedList<>(List.of(1f, Float.NaN, 3f, 4f))); // not RandomAccess
    RuledEvent kept = good();
    kept.setEmbedding(new LinkedList<>(kept.getEmbedding()));

    assertThat(serializer().serializeKeepingRules("t", broken)).isNull();
    assertThat(serializer().serializeKeepingRules("t", kept))
        .isEqualTo(serializer().serialize("t", kept));
  }

  @Test
  void withoutRulesEveryEventIsWritten() {
    RuledEvent event = good();
    event.setScore(7.0);
    AvroWireSerializer<RuledEvent> plain = new AvroWireSerializer<>(
        7, RuledEvent.getClassSchema(), SpecificData.getForClass(RuledEvent.class));

    assertThat(plain.serializeKeepingRules("t", event)).isEqualTo(plain.serialize("t", event));
  }

  private static AvroWireSerializer<RuledEvent> serializer() {
    return new AvroWireSerializer<RuledEvent>(7, RuledEvent.getClassSchema(),
        SpecificData.getForClass(RuledEvent.class)).checking(RULES);
  }

  private static RuledEvent good() {
    RuledEvent event = RuledEvent.newBuilder().setId("k").setScore(0.5)
        .setEmbedding(new ArrayList<>(List.of(0.1f, 0.2f, 0.3f, 0.4f))).setLabel("ok")
        .setTags(new java.util.LinkedHashMap<>(Map.of("x", "a"))).setEmail("a@b")
        .setAt(Instant.parse("2024-01-01T00:00:00Z")).setCount(3L)
        .setPrice(new BigDecimal("1.50")).setItem(new Item(5))
        .setItems(new ArrayList<>(List.of(new Item(1)))).build();
    assertThat(RULES.violations(event)).isEmpty();
    return event;
  }
}
