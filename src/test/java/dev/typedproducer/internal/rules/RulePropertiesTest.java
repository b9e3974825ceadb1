package dev.typedproducer.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.RuleViolation;
import dev.typedproducer.events.ml.InferenceRequest;
import dev.typedproducer.internal.serde.AvroWireSerializer;
import dev.typedproducer.testevents.Item;
import dev.typedproducer.testevents.RuledEvent;
import dev.typedproducer.testing.EventArbitraries;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Random events of {@code src/test/avro/ruled_event.avsc}, which has a rule of every kind: every
 * event made to keep the rules passes, and one random violation is caught, alone, at its path.
 * The fast check and the explaining one agree on any event, rule-abiding or not, and so does the
 * serializer that checks the rules as it writes.
 */
class RulePropertiesTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final Rules RULES =
      Rules.of(RuledEvent.getClassSchema(), "test", Clock.fixed(NOW, ZoneOffset.UTC));

  /** A violation to apply, and the path and rule it must be reported at. */
  record Defect(String path, String rule, Consumer<RuledEvent> apply) {
    @Override
    public String toString() {
      return rule + " at " + path;
    }
  }

  @Property
  void everyEventThatKeepsTheRulesPasses(@ForAll("goodEvents") RuledEvent event) {
    assertThat(RULES.violations(event)).isEmpty();
  }

  @Property
  void oneViolationIsCaughtAloneAtItsPath(
      @ForAll("goodEvents") RuledEvent event, @ForAll("defects") Function<RuledEvent, Defect> pick) {
    Defect defect = pick.apply(event);
    defect.apply().accept(event);

    assertThat(RULES.violations(event)).extracting(RuleViolation::path, RuleViolation::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(defect.path(), defect.rule()));
  }

  @Property(tries = 300)
  void theFastCheckAgreesWithTheExplanationOnAnyEvent(@ForAll("anyEvents") SpecificRecord event) {
    Rules rules = Rules.of(event.getSchema(), "test", Clock.fixed(NOW, ZoneOffset.UTC));
    RuleCompiler compiler = new RuleCompiler("test", "x", Clock.fixed(NOW, ZoneOffset.UTC));
    ValueCheck root = compiler.record(event.getSchema(), "", false);

    assertThat(root == null || root.passes(event)).isEqualTo(rules.violations(event).isEmpty());
  }

  @Property(tries = 300)
  void theSerializerCatchesWhatTheRulesCatchAsItWrites(@ForAll("anyEvents") SpecificRecord event) {
    AvroWireSerializer<SpecificRecord> serializer = checkingSerializer(event);

    byte[] checked = serializer.serializeKeepingRules("t", event);

    if (serializer.rules().violations(event).isEmpty()) {
      assertThat(checked).isEqualTo(serializer.serialize("t", event));
    } else {
      assertThat(checked).isNull();
    }
  }

  @Property
  void theSerializerWritesEveryEventThatKeepsTheRules(@ForAll("goodEvents") RuledEvent event) {
    AvroWireSerializer<SpecificRecord> serializer = checkingSerializer(event);

    assertThat(serializer.serializeKeepingRules("t", event))
        .isNotNull().isEqualTo(serializer.serialize("t", event));
  }

  @Property
  void theSerializerRefusesEveryViolationAsItWrites(
      @ForAll("goodEvents") RuledEvent event, @ForAll("defects") Function<RuledEvent, Defect> pick) {
    pick.apply(event).apply().accept(event);

    assertThat(checkingSerializer(event).serializeKeepingRules("t", event)).isNull();
  }

  private static AvroWireSerializer<SpecificRecord> checkingSerializer(SpecificRecord event) {
    return new AvroWireSerializer<SpecificRecord>(7, event.getSchema(),
        SpecificData.getForClass(event.getClass())).checking(
            Rules.of(event.getSchema(), "test", Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  @Provide
  Arbitrary<SpecificRecord> anyEvents() {
    return Arbitraries.oneOf(EventArbitraries.events(RuledEvent.class).map(e -> e),
        EventArbitraries.events(InferenceRequest.class).map(e -> e));
  }

  @Provide
  Arbitrary<RuledEvent> goodEvents() {
    Arbitrary<Double> scores = Arbitraries.doubles().between(0, 1)
        .edgeCases(c -> c.includeOnly(0.0, 1.0));
    Arbitrary<List<Float>> embeddings = Arbitraries.floats().between(-1e30f, 1e30f)
        .list().ofSize(4).map(ArrayList::new);
    Arbitrary<String> labels = Arbitraries.strings().withCharRange('a', 'z').withChars('_')
        .ofMinLength(1).ofMaxLength(16);
    Arbitrary<Map<String, String>> tags = Arbitraries.maps(Arbitraries.strings().ofMaxLength(5),
        Arbitraries.of("a", "b", "c")).ofMaxSize(3).map(LinkedHashMap::new);
    Arbitrary<Instant> times = Arbitraries.longs()
        .between(Instant.parse("2020-01-01T00:00:00Z").toEpochMilli(), NOW.toEpochMilli() + 60_000)
        .map(Instant::ofEpochMilli);
    Arbitrary<Item> items = Arbitraries.integers().between(1, 99).map(Item::new);
    Arbitrary<Tuple.Tuple4<Long, BigDecimal, Item, List<Item>>> rest = Combinators.combine(
        Arbitraries.longs().between(1, Long.MAX_VALUE),
        Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("9999999.99")).ofScale(2),
        items.injectNull(0.3), items.list().ofMaxSize(5).map(ArrayList::new)).as(Tuple::of);
    return Combinators.combine(scores, embeddings, labels, tags, times, rest)
        .as((score, embedding, label, tag, at, r) -> RuledEvent.newBuilder().setId("k")
            .setScore(score).setEmbedding(embedding).setLabel(label).setTags(tag).setAt(at)
            .setEmail(null).setCount(r.get1()).setPrice(r.get2()).setItem(r.get3())
            .setItems(r.get4()).build());
  }

  /** One defect chosen against the event it will spoil, so its path can name a real index. */
  @Provide
  Arbitrary<Function<RuledEvent, Defect>> defects() {
    Arbitrary<Float> notFinite = Arbitraries.of(Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY);
    Arbitrary<Double> outOfRange = Arbitraries.oneOf(
        Arbitraries.doubles().greaterThan(1), Arbitraries.doubles().lessThan(0));
    return Arbitraries.oneOf(
        notFinite.flatMap(bad -> Arbitraries.integers().between(0, 3).map(i -> e -> new Defect(
            "embedding/" + i, "finite", ev -> ev.getEmbedding().set(i, bad)))),
        outOfRange.map(bad -> e -> new Defect("score", bad > 1 ? "max" : "min",
            ev -> ev.setScore(bad))),
        Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(16).map(bad ->
            e -> new Defect("label", "pattern", ev -> ev.setLabel(bad))),
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(4).map(bad -> e -> {
          String key = "key-" + bad;
          return e.getTags().size() < 3
              ? new Defect("tags/" + key, "oneOf", ev -> ev.getTags().put(key, bad + "!"))
              : new Defect("tags", "maxItems", ev -> ev.getTags().put(key, "a"));
        }),
        Arbitraries.integers().between(100, 10_000).map(bad -> e -> e.getItems().isEmpty()
            ? new Defect("item/qty", "maxExclusive", ev -> ev.setItem(new Item(bad)))
            : new Defect("items/" + (e.getItems().size() - 1) + "/qty", "maxExclusive",
                ev -> ev.getItems().get(ev.getItems().size() - 1).setQty(bad))),
        Arbitraries.longs().between(Long.MIN_VALUE, 0).map(bad -> e -> new Defect("count",
            "minExclusive", ev -> ev.setCount(bad))),
        Arbitraries.longs().between(1, 1_000_000).map(bad -> e -> new Defect("price", "min",
            ev -> ev.setPrice(BigDecimal.valueOf(-bad, 2)))),
        Arbitraries.longs().between(60_001, 1_000_000_000L).map(late -> e -> new Defect("at",
            "notAfterNow", ev -> ev.setAt(NOW.plusMillis(late)))),
        Arbitraries.integers().between(0, 3).map(size -> e -> new Defect(
            "embedding", "size", ev -> ev.setEmbedding(new ArrayList<>(
                ev.getEmbedding().subList(0, size))))),
        Arbitraries.strings().ofMinLength(1).ofMaxLength(8).map(local -> e -> new Defect(
            "email", "pattern", ev -> ev.setEmail(local.replace("@", "")))));
  }
}
