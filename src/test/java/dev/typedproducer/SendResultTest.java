package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** SendResult is a value: built by the producer from the key's value, or by anyone from text. */
class SendResultTest {
  private static final UUID ID = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
  private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");

  @Test
  void aResultFromTheKeysValueEqualsOneFromItsText() {
    SendResult fromValue = new SendResult("t", 1, 42, AT.toEpochMilli(), ID, List.of());
    SendResult fromText = new SendResult("t", 1, 42, AT, ID.toString());

    assertThat(fromValue).isEqualTo(fromText).hasSameHashCodeAs(fromText);
    assertThat(fromValue.key()).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
    assertThat(fromValue.timestamp()).isEqualTo(AT);
    assertThat(fromValue).hasToString("SendResult[topic=t, partition=1, offset=42,"
        + " timestamp=2026-01-02T03:04:05.678Z, key=123e4567-e89b-12d3-a456-426614174000,"
        + " violations=[]]");
  }

  @Test
  void theKeysTextIsMadeOnceAndKept() {
    SendResult result = new SendResult("t", 0, 0, 0L, ID, List.of());

    assertThat(result.key()).isSameAs(result.key());
    assertThat(result.timestamp()).isSameAs(result.timestamp());
  }

  @Test
  void resultsThatDifferInAnyComponentDiffer() {
    SendResult base = new SendResult("t", 1, 42, AT, "k");

    assertThat(base).isNotEqualTo(new SendResult("u", 1, 42, AT, "k"))
        .isNotEqualTo(new SendResult("t", 2, 42, AT, "k"))
        .isNotEqualTo(new SendResult("t", 1, 43, AT, "k"))
        .isNotEqualTo(new SendResult("t", 1, 42, AT.plusNanos(1), "k"))
        .isNotEqualTo(new SendResult("t", 1, 42, AT, "j"));
    assertThat(base.deadLettered()).isFalse();
  }
}
