package dev.typedproducer.internal.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidTextTest {

  private static String written(UUID uuid) {
    byte[] bytes = new byte[UuidText.LENGTH];
    UuidText.write(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), bytes, 0);
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  @Test
  void writesWhatToStringPrintsForRandomUuids() {
    SplittableRandom random = new SplittableRandom(36);
    for (int i = 0; i < 100_000; i++) {
      UUID uuid = new UUID(random.nextLong(), random.nextLong());

      assertThat(written(uuid)).isEqualTo(uuid.toString());
    }
  }

  @Test
  void writesEveryDigitInEveryPosition() {
    // Each of the 32 digit positions holds each of the 16 digit values once: the carries of the
    // letter test and the nibble spreading are exercised at every place.
    for (int position = 0; position < 32; position++) {
      for (long digit = 0; digit < 16; digit++) {
        int shift = 4 * (31 - position);
        long most = shift >= 64 ? digit << (shift - 64) : 0;
        long least = shift < 64 ? digit << shift : 0;
        UUID uuid = new UUID(most, least);

        assertThat(written(uuid)).isEqualTo(uuid.toString());
      }
    }
    UUID ones = new UUID(-1L, -1L);
    assertThat(written(ones)).isEqualTo("ffffffff-ffff-ffff-ffff-ffffffffffff");
  }

  @Test
  void writesAtTheGivenOffsetAndLeavesTheRestAlone() {
    UUID uuid = UUID.fromString("0189f7e2-8c4b-7a3d-9e1f-23456789abcd");
    byte[] bytes = new byte[40];
    Arrays.fill(bytes, (byte) '#');

    UuidText.write(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), bytes, 3);

    assertThat(new String(bytes, StandardCharsets.US_ASCII))
        .isEqualTo("###0189f7e2-8c4b-7a3d-9e1f-23456789abcd#");
  }

  @Test
  void refusesAnArrayTooShortForTheTextBeforeWritingAnything() {
    byte[] bytes = new byte[40];

    assertThatThrownBy(() -> UuidText.write(1L, 2L, bytes, 5))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("36 bytes from 5 in 40");
    assertThat(bytes).containsOnly(0);
  }
}
