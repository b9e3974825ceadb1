package dev.typedproducer.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.RuleViolation;
import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.events.ml.InferenceRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules of the catalog in schemas/, on the generated classes, as build() compiles them. */
class ShippedRulesTest {
  private static final Rules REQUESTS =
      Rules.of(InferenceRequest.getClassSchema(), "test", Clock.systemUTC());
  private static final Rules CLICKS = Rules.of(UserClick.getClassSchema(), "test", Clock.systemUTC());

  static InferenceRequest request() {
    return InferenceRequest.newBuilder().setRequestId(UUID.randomUUID()).setModel("ranker")
        .setModelVersion(14).setFeatures(new ArrayList<>(Collections.nCopies(8, 0.5f)))
        .setScore(0.93f).setCostUsd(new BigDecimal("0.004250")).setRequestedAt(Instant.now())
        .build();
  }

  @Test
  void aGoodInferenceRequestPasses() {
    assertThat(REQUESTS.violations(request())).isEmpty();
  }

  @Test
  void catchesWhatHurtsAModelDownstream() {
    InferenceRequest bad = request();
    bad.setModel(" ");
    bad.setFeatures(new ArrayList<>(Collections.nCopies(7, 0.5f)));
    bad.getFeatures().set(3, Float.NaN);
    bad.setScore(1.7f);
    bad.setCostUsd(new BigDecimal("-0.000001"));
    bad.setRequestedAt(Instant.parse("1970-01-01T00:00:00Z"));

    assertThat(REQUESTS.violations(bad)).extracting(RuleViolation::message).containsExactly(
        "model must not be blank, was \" \"",
        "features must have exactly 8 items, was 7 items",
        "features/3 must be finite (not NaN or Infinity), was NaN",
        "score must be at most 1, was 1.7",
        "cost_usd must be at least 0, was -0.000001",
        "requested_at must not be before 2020-01-01T00:00:00Z, was 1970-01-01T00:00:00Z");
  }

  @Test
  void refusesARequestFromTheFutureBeyondTheClockSkew() {
    InferenceRequest late = request();
    late.setRequestedAt(Instant.now().plusSeconds(3600));

    assertThat(REQUESTS.violations(late)).extracting(RuleViolation::rule)
        .containsExactly("notAfterNow");
  }

  @Test
  void checksUserClicks() {
    UserClick click = UserClick.newBuilder().setUserId("").setAction(Action.VIEW).setPage("/")
        .setOccurredAt(Instant.EPOCH).setAttributes(Map.of("arm", "x".repeat(1025))).build();

    assertThat(CLICKS.violations(click)).extracting(RuleViolation::path)
        .containsExactly("user_id", "attributes/arm");
  }
}
