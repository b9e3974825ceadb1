package dev.typedproducer.internal.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.InvalidEventException;
import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.events.ml.InferenceRequest;
import dev.typedproducer.testevents.EnumKeyEvent;
import dev.typedproducer.testevents.IntKeyEvent;
import dev.typedproducer.testevents.LongKeyEvent;
import dev.typedproducer.testevents.Region;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class KeyFieldTest {
  static UserClick click(String userId) {
    return UserClick.newBuilder().setUserId(userId).setAction(Action.BUY).setPage("/checkout")
        .setOccurredAt(Instant.parse("2026-11-22T10:15:30.123Z")).build();
  }

  @Test
  void derivesKeyFromAnnotatedField() {
    KeyField key = KeyField.of(UserClick.getClassSchema());

    assertThat(key.name()).isEqualTo("user_id");
    assertThat(key.keyOf(click("user_123"))).isEqualTo("user_123");
  }

  @Test
  void keyBytesEqualAnyClientsStringKeyAndPickTheSamePartition() {
    String key = KeyField.of(UserClick.getClassSchema()).keyOf(click("user_123"));
    byte[] ours = key.getBytes(StandardCharsets.UTF_8);
    try (StringSerializer strings = new StringSerializer()) {
      byte[] theirs = strings.serialize("user_clicks", "user_123");

      assertThat(ours).isEqualTo(theirs).isEqualTo("user_123".getBytes(StandardCharsets.UTF_8));
      for (int partitions : List.of(1, 3, 6, 12, 50)) {
        // Kafka's default partitioner: murmur2 of the key bytes, modulo the partition count.
        assertThat(BuiltInPartitioner.partitionForKey(ours, partitions))
            .isEqualTo(BuiltInPartitioner.partitionForKey(theirs, partitions))
            .isEqualTo(Utils.toPositive(Utils.murmur2(theirs)) % partitions);
      }
    }
  }

  @Test
  void usesTheCanonicalFormOfAUuidKey() {
    UUID id = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
    InferenceRequest request = InferenceRequest.newBuilder().setRequestId(id).setModel("ranker")
        .setModelVersion(3).setFeatures(List.of(0.5f)).setCostUsd(new BigDecimal("0.000125"))
        .setRequestedAt(Instant.EPOCH).build();

    assertThat(KeyField.of(InferenceRequest.getClassSchema()).keyOf(request))
        .isEqualTo("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
  }

  @Test
  void keyBytesAreTheUtf8OfTheKeyTextAUuidsWrittenFromItsBits() {
    for (Object key : List.of(UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427"),
        new UUID(0, 0), new UUID(-1, -1), new UUID(0x0123456789abcdefL, 0xfedcba9876543210L),
        UUID.randomUUID(), "user_é_123", -42, 9_007_199_254_740_993L, Region.APAC)) {
      assertThat(KeyField.bytes(key)).as("%s", key)
          .isEqualTo(key.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void usesDecimalDigitsOfNumberKeysAndTheSymbolOfEnumKeys() {
    assertThat(KeyField.of(IntKeyEvent.getClassSchema())
        .keyOf(IntKeyEvent.newBuilder().setId(-42).setNote("n").build())).isEqualTo("-42");
    assertThat(KeyField.of(LongKeyEvent.getClassSchema())
        .keyOf(LongKeyEvent.newBuilder().setId(9_007_199_254_740_993L).build()))
        .isEqualTo("9007199254740993");
    assertThat(KeyField.of(EnumKeyEvent.getClassSchema())
        .keyOf(EnumKeyEvent.newBuilder().setRegion(Region.APAC).setAmount(BigDecimal.ONE).build()))
        .isEqualTo("APAC");
  }

  @Test
  void rejectsNullKeyNamingTheField() {
    UserClick click = click("user_123");
    click.setUserId(null);

    assertThatThrownBy(() -> KeyField.of(UserClick.getClassSchema()).keyOf(click))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("key field user_id is null")
        .hasMessageContaining("Nothing was sent")
        .extracting(e -> ((InvalidEventException) e).field()).isEqualTo("user_id");
  }
}
