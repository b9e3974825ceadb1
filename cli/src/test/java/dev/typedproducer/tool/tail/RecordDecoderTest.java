package dev.typedproducer.tool.tail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.mock.MockTypedProducer;
import dev.typedproducer.tool.json.JsonLines;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {
  private static final int ID = MockTypedProducer.DEFAULT_SCHEMA_ID;
  private final RecordDecoder decoder = new RecordDecoder(id -> {
    if (id != ID) {
      throw new IllegalStateException("schema " + id + " not found");
    }
    return UserClick.getClassSchema().toString();
  }, false);

  private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
    return new ConsumerRecord<>("user_clicks", 2, 17L, "u1".getBytes(StandardCharsets.UTF_8), value);
  }

  private static byte[] wireBytes() {
    MockTypedProducer<UserClick> mock = MockTypedProducer.of(UserClick.class);
    mock.send(UserClick.newBuilder().setUserId("u1").setAction(Action.BUY).setPage("/checkout")
        .setOccurredAt(Instant.parse("2024-05-31T13:45:30Z")).setReferrer(null)
        .setAttributes(Map.of()).build());
    return mock.history().get(0).value();
  }

  @Test
  void decodesAFramedValueWithTheSchemaOfItsId() {
    assertThat(JsonLines.write(decoder.decode(record(wireBytes())))).isEqualTo(
        "{\"user_id\":\"u1\",\"action\":\"BUY\",\"page\":\"/checkout\","
            + "\"occurred_at\":\"2024-05-31T13:45:30Z\",\"referrer\":null,\"attributes\":{}}");
  }

  @Test
  void printsMetadataAroundTheValueWhenAsked() {
    String line = JsonLines.write(new RecordDecoder(id -> UserClick.getClassSchema().toString(), true)
        .decode(record(wireBytes())));
    assertThat(line).startsWith("{\"topic\":\"user_clicks\",\"partition\":2,\"offset\":17,")
        .contains("\"key\":\"u1\",\"schema_id\":1,\"value\":{\"user_id\":\"u1\"");
  }

  @Test
  void showsAValueThatIsNotInTheWireFormatInBase64() {
    assertThat(JsonLines.write(decoder.decode(record("hello".getBytes(StandardCharsets.UTF_8)))))
        .isEqualTo("{\"_topic\":\"user_clicks\",\"_partition\":2,\"_offset\":17,\"_key\":\"u1\","
            + "\"_not_wire_format\":\"aGVsbG8=\"}");
    assertThat(JsonLines.write(decoder.decode(record(new byte[] {0, 1}))))
        .contains("\"_not_wire_format\":\"AAE=\"");
  }

  @Test
  void showsAnUnknownSchemaIdOrABodyThatDoesNotDecode() {
    byte[] unknown = wireBytes();
    unknown[4] = 9;
    assertThat(JsonLines.write(decoder.decode(record(unknown))))
        .contains("\"_schema_id\":9,\"_undecodable\":\"the registry has no readable schema 9:");
    byte[] truncated = java.util.Arrays.copyOf(wireBytes(), 8);
    assertThat(JsonLines.write(decoder.decode(record(truncated))))
        .contains("\"_schema_id\":1,\"_undecodable\":\"does not decode with schema 1");
    byte[] longer = java.util.Arrays.copyOf(wireBytes(), wireBytes().length + 3);
    assertThat(JsonLines.write(decoder.decode(record(longer))))
        .contains("\"_undecodable\":\"bytes left over after the value");
  }

  @Test
  void showsATombstone() {
    assertThat(JsonLines.write(decoder.decode(record(null)))).endsWith("\"_tombstone\":true}");
  }
}
