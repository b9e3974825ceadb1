package dev.typedproducer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.RuleViolation;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.events.ml.InferenceRequest;
import dev.typedproducer.internal.rules.Rules;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The demo's bad events break the shipped schemas' rules, inside arrays and maps too. */
class BadEventsTest {
  /** What the demo's refusal report groups by ("rule on path"), over 2,000 events. */
  private static <T extends SpecificRecord> Set<String> refusals(Class<T> eventClass) {
    RandomEvents<T> random = new RandomEvents<>(eventClass, 42);
    BadEvents bad = new BadEvents(random.next().getSchema(), 0.5, 7);
    Rules rules = Rules.of(random.next().getSchema(), "test", Clock.systemUTC());
    Set<String> refusals = new TreeSet<>();
    for (int i = 0; i < 2_000; i++) {
      T event = random.next();
      boolean spoiled = bad.maybeSpoil(event);
      var violations = rules.violations(event);
      assertThat(violations).as("event %d, spoiled: %s", i, spoiled).hasSize(spoiled ? 1 : 0);
      for (RuleViolation v : violations) {
        refusals.add(v.rule() + " on " + v.path());
      }
    }
    return refusals;
  }

  @Test
  void spoilsAFeatureInsideTheVectorAndTheNullableScore() {
    assertThat(refusals(InferenceRequest.class)).containsExactly(
        "finite on features/3", "max on score", "maxLength on model", "min on cost_usd",
        "min on model_version", "min on score", "notBefore on requested_at", "notBlank on model",
        "size on features");
  }

  @Test
  void spoilsAValueInsideTheAttributesMap() {
    assertThat(refusals(UserClick.class)).containsExactly(
        "maxLength on attributes/spoiled", "notBlank on page");
  }
}
