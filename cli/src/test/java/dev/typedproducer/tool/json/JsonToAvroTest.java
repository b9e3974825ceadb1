package dev.typedproducer.tool.json;

import static dev.typedproducer.tool.json.EveryTypeSchema.GOOD;
import static dev.typedproducer.tool.json.EveryTypeSchema.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class JsonToAvroTest {
  private static ObjectNode json(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return JsonLines.parse(bytes, bytes.length);
  }

  private static GenericRecord convert(String text) {
    return (GenericRecord) new JsonToAvro(EveryTypeSchema.convertingModel())
        .convert(json(text), SCHEMA);
  }

  @Test
  void convertsEveryTypeToTheValuesAGeneratedClassHolds() {
    GenericRecord r = convert(GOOD);
    assertThat(r.get("flag")).isEqualTo(true);
    assertThat(r.get("count")).isEqualTo(42);
    assertThat(r.get("big")).isEqualTo(9007199254740993L);
    assertThat(r.get("ratio")).isEqualTo(0.5f);
    assertThat(r.get("precise")).isEqualTo(2.718281828459045);
    assertThat(r.get("text")).isEqualTo("h\u00e9llo \ud83d\ude00");
    assertThat(((ByteBuffer) r.get("raw")).array()).containsExactly(0, 1, 2, 0xff);
    assertThat(r.get("nothing")).isNull();
    assertThat(r.get("colour")).hasToString("GREEN");
    assertThat(((GenericFixed) r.get("digest")).bytes()).containsExactly(0xde, 0xad, 0xbe, 0xef);
    assertThat(r.get("price")).isEqualTo(new BigDecimal("1234.50"));
    assertThat(r.get("amount")).isEqualTo(new BigDecimal("-987654321.125"));
    assertThat(r.get("id")).isEqualTo(UUID.fromString("3f2b8c1e-7d4a-4e6b-9c2d-1a5e8f0b7c3d"));
    assertThat(r.get("day")).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(r.get("time_millis")).isEqualTo(LocalTime.parse("13:45:30.250"));
    assertThat(r.get("time_micros")).isEqualTo(LocalTime.parse("13:45:30.250001"));
    assertThat(r.get("ts_millis")).isEqualTo(Instant.parse("2024-05-31T13:45:30.250Z"));
    assertThat(r.get("ts_micros")).isEqualTo(Instant.parse("2024-05-31T13:45:30.250001Z"));
    assertThat(r.get("local_millis")).isEqualTo(LocalDateTime.parse("2024-05-31T13:45:30.250"));
    assertThat(r.get("local_micros")).isEqualTo(LocalDateTime.parse("2024-05-31T13:45:30.250001"));
    assertThat(r.get("tags")).isEqualTo(List.of("a", "b"));
    Map<?, ?> scores = (Map<?, ?>) r.get("scores");
    assertThat(scores.get("x")).isEqualTo(1.5);
    assertThat((Double) scores.get("y")).isNaN();
    assertThat(((GenericRecord) r.get("address")).get("city")).isEqualTo("Lyon");
    assertThat(((GenericRecord) r.get("address")).get("zip")).isEqualTo("69001");
    assertThat(r.get("maybe_text")).isEqualTo("here");
    assertThat(r.get("maybe_when")).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(r.get("choice")).isEqualTo("seven");
    assertThat(r.get("with_default")).isEqualTo("given");
  }

  @Test
  void withoutConversionsGivesAvrosRawValues() {
    GenericRecord r = (GenericRecord) new JsonToAvro(new GenericData()).convert(json(GOOD), SCHEMA);
    assertThat(r.get("ts_millis")).isEqualTo(Instant.parse("2024-05-31T13:45:30.250Z").toEpochMilli());
    assertThat(r.get("ts_micros")).isEqualTo(1717163130250001L);
    assertThat(r.get("day")).isEqualTo((int) LocalDate.of(2024, 2, 29).toEpochDay());
    assertThat(r.get("time_millis")).isEqualTo(49_530_250);
    assertThat(r.get("id")).isEqualTo("3f2b8c1e-7d4a-4e6b-9c2d-1a5e8f0b7c3d");
    assertThat(r.get("price")).isInstanceOf(ByteBuffer.class);
  }

  @Test
  void readsTimestampsAndDatesAsNumbersInTheFieldsUnit() {
    GenericRecord r = convert(GOOD.replace("\"2024-05-31T13:45:30.250Z\"", "1717163130250")
        .replace("\"2024-02-29\"", "19782").replace("\"13:45:30.250\"", "49530250"));
    assertThat(r.get("ts_millis")).isEqualTo(Instant.parse("2024-05-31T13:45:30.250Z"));
    assertThat(r.get("day")).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(r.get("time_millis")).isEqualTo(LocalTime.parse("13:45:30.250"));
  }

  @Test
  void readsDecimalsAsNumbersOrTextAndPadsTheScale() {
    assertThat(convert(GOOD.replace("1234.50", "\"7.5\"")).get("price"))
        .isEqualTo(new BigDecimal("7.50"));
    assertThat(convert(GOOD.replace("1234.50", "3")).get("price")).isEqualTo(new BigDecimal("3.00"));
    assertThat(convert(GOOD.replace("1234.50", "1.20")).get("price"))
        .isEqualTo(new BigDecimal("1.20"));
  }

  @Test
  void picksTheUnionBranchByTheValuesJsonKind() {
    assertThat(convert(GOOD.replace("\"seven\"", "7")).get("choice")).isEqualTo(7);
    assertThat(convert(GOOD.replace("\"seven\"", "null")).get("choice")).isNull();
    assertThat(convert(GOOD.replace("\"seven\"", "[1, 2]")).get("choice")).isEqualTo(List.of(1L, 2L));
    assertThat(((GenericRecord) convert(GOOD.replace("\"seven\"", "{\"city\": \"Oslo\"}"))
        .get("choice")).get("city")).isEqualTo("Oslo");
    assertThat(convert(GOOD.replace("\"seven\"", "\"8\"")).get("choice")).isEqualTo("8");
  }

  @Test
  void acceptsAvrosJsonEncodingOfAUnionToo() {
    assertThat(convert(GOOD.replace("\"seven\"", "{\"int\": 7}")).get("choice")).isEqualTo(7);
    assertThat(convert(GOOD.replace("\"here\"", "{\"string\": \"wrapped\"}")).get("maybe_text"))
        .isEqualTo("wrapped");
  }

  @Test
  void fillsMissingFieldsFromTheirDefaults() {
    GenericRecord r = convert(GOOD.replace(", \"with_default\": \"given\"", "")
        .replace("\"maybe_text\": \"here\",", ""));
    assertThat(r.get("with_default")).hasToString("fallback");
    assertThat(r.get("maybe_text")).isNull();
  }

  @Test
  void makesTheGeneratedClassWithItsJavaTypes() {
    Object event = new JsonToAvro(SpecificData.getForClass(UserClick.class)).convert(json(
        "{\"user_id\": \"u1\", \"action\": \"BUY\", \"page\": \"/checkout\","
            + " \"occurred_at\": \"2024-05-31T13:45:30Z\"}"), UserClick.getClassSchema());
    assertThat(event).isInstanceOfSatisfying(UserClick.class, click -> {
      assertThat(click.getAction()).isEqualTo(Action.BUY);
      assertThat(click.getOccurredAt()).isEqualTo(Instant.parse("2024-05-31T13:45:30Z"));
      assertThat(click.getReferrer()).isNull();
      assertThat(click.getAttributes()).isEmpty();
    });
  }

  @Test
  void writesBackThePlainJsonItReads() {
    Object raw = new JsonToAvro(new GenericData()).convert(json(GOOD), SCHEMA);
    String written = JsonLines.write(AvroToJson.toJson(raw, SCHEMA));
    assertThat(written).contains("\"price\":1234.50", "\"amount\":-987654321.125",
        "\"ts_micros\":\"2024-05-31T13:45:30.250001Z\"", "\"day\":\"2024-02-29\"",
        "\"local_millis\":\"2024-05-31T13:45:30.250\"", "\"time_micros\":\"13:45:30.250001\"",
        "\"raw\":\"AAEC/w==\"", "\"colour\":\"GREEN\"", "\"y\":\"NaN\"", "\"choice\":\"seven\"",
        "\"maybe_when\":\"2024-01-01T00:00:00Z\"", "\"digest\":\"3q2+7w==\"");
    Object again = new JsonToAvro(new GenericData()).convert(json(written), SCHEMA);
    assertThat(again).isEqualTo(raw);
  }
}
